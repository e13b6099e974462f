"""`naober demo [addrport]`: migrate, load the demo data and its people, serve.

Started through the `naober` console script, the demo runs in demo mode (NAOBER_DEMO_MODE, set by
naober/__main__.py): no second factor at login. It refuses production settings (NAOBER_HTTPS):
its people share one password that it prints.
"""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from naober.accounts.constants import Role
from naober.demo import data
from naober.demo.load import (
    demo_password,
    load,
    load_desk,
    load_people,
    load_planning,
    load_rosters,
)

DEFAULT_ADDRPORT = "127.0.0.1:8000"


class Command(BaseCommand):
    help = _(
        "Set up the database, load the demo places from the five source documents, create the "
        "demo's staff accounts with invented desk work, and start the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default=DEFAULT_ADDRPORT,
            help=_("Address and port to serve on, for example 127.0.0.1:8000."),
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help=_("Load the demo data and stop, without starting the web server."),
        )

    def handle(self, *args, addrport: str, no_serve: bool, **options):
        if settings.HTTPS:
            raise CommandError(
                _(
                    "The demo prints its password and has no second factor, so it does not run "
                    "with production settings. Unset NAOBER_HTTPS."
                )
            )
        verbosity = options["verbosity"]
        host, port = _split(addrport)
        self.stdout.write(_("Setting up the database and loading the demo places…"))
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        loaded = load()
        password = demo_password()
        load_people(password)
        desk = load_desk()
        rosters = load_rosters(password)
        planning = load_planning(password)
        self.stdout.write(
            _(
                "Demo data loaded: %(places)d places of %(organisations)d organisations in "
                "%(municipalities)d municipalities."
            )
            % {
                "places": loaded.places,
                "organisations": loaded.organisations,
                "municipalities": loaded.municipalities,
            }
        )
        self.stdout.write(
            _("Invented desk work: %(visits)d visits and %(referrals)d referrals.")
            % {"visits": desk.visits, "referrals": desk.referrals}
        )
        self.stdout.write(
            _(
                "Rosters: %(published)d published for the %(weeks)d weeks from today, with "
                "%(people)d invented people on them."
            )
            % {
                "published": len(rosters.rosters),
                "weeks": data.ROSTER_WEEKS,
                "people": rosters.people,
            }
        )
        self.stdout.write(
            _(
                "Planning: residents of %(points)d postcode areas (CBS), %(candidates)d invented "
                "candidate buildings and %(surveys)d needs surveys with %(answers)d invented "
                "answers."
            )
            % {
                "points": planning.demand_points,
                "candidates": planning.candidates,
                "surveys": planning.surveys,
                "answers": planning.answers,
            }
        )
        for roster in rosters.failed:
            self.stdout.write(
                self.style.WARNING(
                    _("No roster for %(network)s: %(message)s")
                    % {"network": roster.municipality.name, "message": roster.message}
                )
            )
        url = f"http://{host}:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("The guide:    %(url)s") % {"url": url}))
        self.stdout.write(
            self.style.SUCCESS(_("Staff login:  %(url)saccounts/login/") % {"url": url})
        )
        self.stdout.write(self.style.SUCCESS(_("The admin:    %(url)sbeheer/") % {"url": url}))
        self.stdout.write("")
        self.stdout.write(_("Log in as one of these people (demo only):"))
        for person in data.PEOPLE:
            self.stdout.write(f"  {person['username']:<27} {_describe(person)}")
        for login in data.ROSTER_LOGINS:
            self.stdout.write(f"  {login['username']:<27} {_describe_volunteer(login)}")
        for login in data.PLANNING_LOGINS:
            self.stdout.write(f"  {login['username']:<27} {_describe_policy_maker(login)}")
        superuser = _("Superuser: accounts and places, in the admin")
        self.stdout.write(f"  {data.SUPERUSER:<27} {superuser}")
        self.stdout.write(_("Password for all of them: %(password)s") % {"password": password})
        if settings.NAOBER_REQUIRE_SECOND_FACTOR:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Not in demo mode: every login asks for a second factor. Start the demo with `naober demo` to turn it off."
                    )
                )
            )
        else:
            self.stdout.write(_("Demo mode: logging in needs no second factor."))
        self.stdout.write("")
        if no_serve:
            return
        # The task worker beside the server, so a roster or a planning scenario asked for in the
        # demo runs; it stops with the demo.
        worker = subprocess.Popen([sys.executable, "-m", "naober", "db_worker"])
        try:
            # Without the reloader: it would start this whole command again in a child process,
            # migrating and loading twice.
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)


def _describe(person: dict) -> str:
    """ "Host, Andes: Buurtkamer Nieuw-Buinen", as the list of demo people shows it."""
    role = Role(person["role"]).label
    where = ", ".join(
        place["name"] for place in data.PLACES if place["slug"] in person["places"]
    ) or next((m["name"] for m in data.MUNICIPALITIES if m["slug"] == person["municipality"]), "")
    if where:
        return f"{role}, {person['organisation']}: {where}"
    return f"{role}, {person['organisation']}"


def _describe_volunteer(login: dict) -> str:
    network = next(m["name"] for m in data.MUNICIPALITIES if m["slug"] == login["municipality"])
    return _("Volunteer on the roster of %(network)s: their shifts at /rooster/") % {
        "network": network
    }


def _describe_policy_maker(login: dict) -> str:
    network = next(m["name"] for m in data.MUNICIPALITIES if m["slug"] == login["municipality"])
    return _("Policy maker for %(network)s: network planning at /planning/") % {"network": network}


def _split(addrport: str) -> tuple[str, str]:
    host, sep, port = addrport.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", addrport
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(
            _("Give the address as 127.0.0.1:PORT with a port from 1 to 65535, not %(value)s.")
            % {"value": addrport}
        )
    return host or "127.0.0.1", port
