"""Dutch is naober's default language: every message has a Dutch translation, compiled and shown.

The catalogues live in naober/locale/<language>/LC_MESSAGES/django.po and are compiled to .mo
files that are committed too, because a fresh machine may not have GNU gettext's msgfmt.
"""

import ast
import gettext
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from naober.schedules.describe import describe_rule
from naober.schedules.models import Frequency, WeekOfMonth

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sdfr]|\{[a-z_0-9]*\}")
TAG = re.compile(r"</?[a-z][^>]*>")


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr or msgstr[n], flags.

    A small reader instead of a dependency: naober's catalogues use no more of the format than this.
    Obsolete entries (#~) are left out; the header (empty msgid) is kept as the first entry."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key, flags = {}, None, set()
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry = {}
                break
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        if "msgid" in entry:
            entry["flags"] = flags
            entries.append(entry)
    return entries


def translations(entry: dict) -> list[str]:
    if "msgid_plural" in entry:
        return [value for key, value in entry.items() if key.startswith("msgstr[")]
    return [entry["msgstr"]]


def messages(language: str) -> list[dict]:
    return [entry for entry in read_po(catalogue(language)) if entry["msgid"]]


def catalogue(language: str, suffix: str = "po") -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"django.{suffix}"


def test_every_message_has_a_dutch_translation():
    untranslated = [entry["msgid"] for entry in messages("nl") if not all(translations(entry))]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_left_fuzzy(language):
    fuzzy = [entry["msgid"] for entry in read_po(catalogue(language)) if "fuzzy" in entry["flags"]]
    assert fuzzy == []


def test_the_english_catalogue_has_the_same_messages_as_the_dutch_one():
    assert [entry["msgid"] for entry in messages("en")] == [
        entry["msgid"] for entry in messages("nl")
    ]


def test_dutch_translations_keep_every_placeholder_and_tag():
    broken = []
    for entry in messages("nl"):
        for source, text in zip(
            [entry["msgid"], entry.get("msgid_plural", entry["msgid"])],
            translations(entry),
            strict=False,
        ):
            for pattern in (PLACEHOLDER, TAG):
                if sorted(pattern.findall(source)) != sorted(pattern.findall(text)):
                    broken.append((source, text))
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    # Compare contents rather than file times: a git checkout gives both files the same moment.
    mo = catalogue(language, "mo")
    assert mo.exists(), f"run `naober compilemessages` to create {mo}"
    with mo.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = []
    for entry in messages(language):
        texts = translations(entry)
        if "msgid_plural" in entry:
            for n, expected in ((1, texts[0]), (2, texts[1])):
                found = (
                    compiled.npgettext(entry["msgctxt"], entry["msgid"], entry["msgid_plural"], n)
                    if "msgctxt" in entry
                    else compiled.ngettext(entry["msgid"], entry["msgid_plural"], n)
                )
                fallback = entry["msgid"] if n == 1 else entry["msgid_plural"]
                if found != (expected or fallback):
                    stale.append(entry["msgid"])
        else:
            found = (
                compiled.pgettext(entry["msgctxt"], entry["msgid"])
                if "msgctxt" in entry
                else compiled.gettext(entry["msgid"])
            )
            if found != (texts[0] or entry["msgid"]):
                stale.append(entry["msgid"])
    assert stale == [], "run `naober compilemessages`: the .mo file is older than the .po file"


def test_home_page_asks_the_question_in_dutch(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert "<h1>Waar kan ik terecht met mijn vraag?</h1>" in response.text
    assert "Zoek een ontmoetingsplek bij u in de buurt." in response.text


def test_home_page_asks_the_question_in_english_under_en(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "<h1>Where can I go with my question?</h1>" in response.text


def test_a_search_mistake_is_explained_in_dutch(client, db):
    response = client.get("/", {"q": "12ab"})
    assert "“12ab” is geen postcode. Typ vier cijfers, zoals 9521, of 9521 AB." in response.text


def rule(weekdays, frequency=Frequency.WEEKLY, week_of_month=None, interval=1):
    return SimpleNamespace(
        weekdays=weekdays, frequency=frequency, week_of_month=week_of_month, interval=interval
    )


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (rule([3]), "elke donderdag"),
        (rule([0, 3]), "elke maandag en donderdag"),
        (rule([0, 1, 2, 3, 4]), "elke maandag tot en met vrijdag"),
        (rule([0, 1, 2, 3, 4, 5, 6]), "elke dag"),
        (rule([1], interval=2), "dinsdag, om de week"),
        (
            rule([3], Frequency.MONTHLY, WeekOfMonth.LAST),
            "de laatste donderdag van de maand",
        ),
        (rule([0], Frequency.MONTHLY, WeekOfMonth.FIRST), "de eerste maandag van de maand"),
        (
            rule([2], Frequency.MONTHLY, WeekOfMonth.THIRD, interval=3),
            "de derde woensdag van de maand, eens per 3 maanden",
        ),
    ],
)
def test_rules_read_as_plain_dutch(given, words):
    with translation.override("nl"):
        assert describe_rule(given) == words


def test_rules_read_as_plain_english_under_en():
    with translation.override("en"):
        assert describe_rule(rule([3], Frequency.MONTHLY, WeekOfMonth.LAST)) == (
            "the last Thursday of the month"
        )
