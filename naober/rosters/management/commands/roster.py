"""`naober roster generate|solve`: the roster solver on a JSON instance, without the database.

    naober roster generate --size S --seed 1 -o s1.json [--with-planted]
    naober roster solve s1.json --time-limit 10 --seed 0 [--threads 2] [--json]

`generate` writes a benchmark instance (rosters.generator; docs/rosters.md has the format);
`solve` reads one (with "current", and "keep_before", a repair of that roster), solves it and
prints the roster per place and day, then its score: hard violations first, then the soft
penalties rule by rule, whether the roster is proven best or the best found within the time
limit, and each opening that could not be covered with the reasons.
The score is checked by the independent scorer (rosters.scoring), which says so if it disagrees.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from naober.rosters import generator, scoring, solver
from naober.rosters.explain import reason_text

STATUS = {
    solver.OPTIMAL: gettext_lazy("optimal: no better roster exists for these weights"),
    solver.FEASIBLE: gettext_lazy("the best roster found within the time limit, not proven best"),
    solver.NO_ROSTER: gettext_lazy("no roster found within the time limit"),
}


class Command(BaseCommand):
    # Plain strings: argparse cannot print a lazy translation (`--help` would crash).
    help = "Generate a benchmark roster instance, or solve one from a JSON file."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="generate|solve")
        make = actions.add_parser(
            "generate",
            help="Write a seeded benchmark instance (a quarter, with a planted feasible roster).",
        )
        make.add_argument("--size", choices=sorted(generator.SIZES), required=True)
        make.add_argument("--seed", type=int, required=True)
        make.add_argument("-o", "--output", help="File to write; standard output when left out.")
        make.add_argument(
            "--with-planted",
            action="store_true",
            help='Add the planted roster under "planted" (a list of {"opening", "person"}).',
        )
        run = actions.add_parser(
            "solve", help="Solve an instance file and print the roster with its score."
        )
        run.add_argument(
            "instance",
            help="The instance, a JSON file (see docs/rosters.md); - for standard input.",
        )
        run.add_argument(
            "--time-limit",
            type=float,
            default=settings.NAOBER_ROSTER_TIME_LIMIT,
            help="Seconds the solver may take (default: NAOBER_ROSTER_TIME_LIMIT).",
        )
        run.add_argument("--seed", type=int, default=0)
        run.add_argument("--threads", type=int, default=2)
        run.add_argument(
            "--json", action="store_true", help="Print the result as JSON (docs/rosters.md)."
        )

    def handle(self, *args, action: str, **options):
        if action == "generate":
            self.generate(
                options["size"], options["seed"], options["output"], options["with_planted"]
            )
        else:
            self.solve(options)

    def generate(self, size: str, seed: int, output: str | None, with_planted: bool) -> None:
        instance, planted = generator.generate(size, seed)
        data = solver.instance_to_dict(instance)
        if with_planted:
            data["planted"] = [{"opening": a.opening, "person": a.person} for a in planted]
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error.strerror}
            ) from None
        self.stderr.write(
            _("Wrote %(file)s: %(places)d places, %(openings)d openings, %(people)d people.")
            % {
                "file": output,
                "places": len(instance.places),
                "openings": len(instance.openings),
                "people": len(instance.people),
            }
        )

    def solve(self, options: dict) -> None:
        if options["time_limit"] <= 0:
            raise CommandError(_("The time limit must be more than 0 seconds."))
        if options["threads"] < 1:
            raise CommandError(_("The solver needs at least 1 thread."))
        instance, current, keep_before = read_instance(options["instance"])
        result = solver.solve(
            instance,
            time_limit=options["time_limit"],
            seed=options["seed"],
            threads=options["threads"],
            current=current,
            keep_before=keep_before,
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(solver.result_to_dict(result), indent=1, ensure_ascii=False)
            )
            return
        write = self.stdout.write
        for line in roster_lines(instance, result.assignments):
            write(line)
        write("")
        for line in score_lines(instance, result, current):
            write(line)


def read_instance(path: str) -> tuple[solver.Instance, list | None, object]:
    """The instance in a JSON file with its repair part ("current", "keep_before"; None when
    absent), or a CommandError that says what is wrong with it."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(_("No such file: %(file)s") % {"file": path}) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error}
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            _("%(file)s is not valid JSON: %(problem)s at line %(line)d, column %(column)d.")
            % {"file": path, "problem": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    if isinstance(data, dict):
        # A generated file may carry its planted roster; the instance is the rest.
        data.pop("planted", None)
    try:
        instance = solver.instance_from_dict(data)
        return (instance, *solver.current_from_dict(data))
    except solver.InstanceError as error:
        raise CommandError(
            _("%(file)s cannot be solved: %(error)s") % {"file": path, "error": error}
        ) from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CommandError(
            _("%(file)s does not follow the instance format of docs/rosters.md: %(error)r")
            % {"file": path, "error": error}
        ) from None


def roster_lines(instance: solver.Instance, assignments: list[solver.Assignment]) -> list[str]:
    """The roster per place and day: every opening with the people on it, or a gap."""
    people = {person.id: person for person in instance.people}
    on = defaultdict(list)
    for assignment in assignments:
        on[assignment.opening].append(assignment.person)
    by_place = defaultdict(list)
    for opening in instance.openings:
        by_place[opening.place].append(opening)
    lines = []
    for place in instance.places:
        openings = sorted(by_place[place.id], key=lambda o: (o.start, o.id))
        if not openings:
            continue
        lines.append(f"{place.name} ({place.id})")
        day = None
        for opening in openings:
            if opening.start.date() != day:
                day = opening.start.date()
                lines.append(f"  {day:%a %Y-%m-%d}")
            names = [_who(people.get(pid), pid, instance) for pid in sorted(on[opening.id])]
            missing = opening.people - len(names)
            if missing > 0:
                names.append(
                    ngettext("%(n)d person missing", "%(n)d people missing", missing)
                    % {"n": missing}
                )
            lines.append(f"    {opening.start:%H:%M}–{opening.end:%H:%M}  " + "; ".join(names))
    return lines


def score_lines(
    instance: solver.Instance, result: solver.Result, current: list | None = None
) -> list[str]:
    """The score in words: hard violations first, then soft penalties, the status, the gaps."""
    lines = []
    hard = {rule: count for rule, count in result.score.hard.items() if count}
    if hard:
        lines.append(_("Hard rules broken (%(total)d):") % {"total": result.score.hard_total})
        lines.extend(f"  {rule}: {count}" for rule, count in hard.items())
    else:
        lines.append(_("Hard rules: all met."))
    lines.append(
        _("Soft penalties (weighted), %(total)d in all:") % {"total": result.score.soft_total}
    )
    lines.extend(f"  {rule}: {value}" for rule, value in result.score.soft.items())
    lines.append(
        _("Status: %(status)s (%(seconds).1f s).")
        % {"status": STATUS.get(result.status, result.status), "seconds": result.seconds}
    )
    if current is not None:
        lines.append(
            _("Repair: %(changes)d changed assignments, %(people)d people affected.")
            % {"changes": result.changes, "people": result.people_affected}
        )
    check = scoring.score(instance, result.assignments, current)
    if check.hard_total != result.score.hard_total:
        lines.append(
            _("Warning: the independent scorer counts %(count)d hard violations: %(rules)s.")
            % {
                "count": check.hard_total,
                "rules": ", ".join(f"{rule} {n}" for rule, n in check.hard.items() if n),
            }
        )
    if result.uncovered:
        openings = {opening.id: opening for opening in instance.openings}
        places = {place.id: place.name for place in instance.places}
        lines.append(
            ngettext(
                "%(n)d opening cannot be covered:",
                "%(n)d openings cannot be covered:",
                len(result.uncovered),
            )
            % {"n": len(result.uncovered)}
        )
        for gap in result.uncovered:
            opening = openings.get(gap.opening)
            where = (
                f"{places.get(opening.place, opening.place)} {opening.start:%a %Y-%m-%d %H:%M}–{opening.end:%H:%M}"
                if opening
                else gap.opening
            )
            missing = ngettext("%(n)d person missing", "%(n)d people missing", gap.missing) % {
                "n": gap.missing
            }
            reasons = " ".join(
                reason_text(reason, instance.organisations) for reason in gap.reasons
            )
            lines.append(
                f"  {where} ({gap.opening}): {missing}" + (f" — {reasons}" if reasons else "")
            )
    return lines


def _who(person: solver.Person | None, person_id: str, instance: solver.Instance) -> str:
    if person is None:
        return person_id
    if person.organisation is None:
        return _("%(name)s (volunteer)") % {"name": person.name}
    organisation = instance.organisations.get(person.organisation, person.organisation)
    return f"{person.name} ({organisation})"
