"""After a resident's data is erased at their request, nothing of it is left anywhere.

A resident gives a canary value everywhere they can type something: their name, phone number,
e-mail address, address, note and question. The host refers the question, the partner reads
and closes it, the coordinator exports and then erases it, each through the real pages. Then
every table in the database is read in full, sessions decoded, and the logs of the whole run:
the canary is nowhere, while the audit trail still knows the resident by pseudonym.
"""

import json
import logging
import uuid

from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.urls import reverse
from django.utils import translation

from naober.accounts.audit import pseudonym
from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.desk.constants import ContactMethod, LegalBasis, Outcome, Status, Urgency
from naober.desk.models import Referral
from naober.places.models import Theme
from tests.staff import login

CANARY = "Kanarie-7f3a"
# A phone number holds only digits: the canary in it is a number nobody else has.
PHONE_DIGITS = "0639517284"
PHONE = "06-395 172 84"
EMAIL = f"{CANARY}@example.nl"
TRACES = (CANARY.lower(), PHONE_DIGITS, "395 172 84", "39517284")


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def everything_in_the_database() -> str:
    """Every value of every row of every table, as text, lower case; sessions decoded."""
    found = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("latin-1")
                    found.append(f"{table}.{column}={value}")
                    if table == "django_session" and column == "session_data":
                        found.append(json.dumps(SessionStore().decode(value), default=str))
    return "\n".join(found).lower()


def test_an_erased_resident_leaves_no_trace_in_the_database_or_the_logs(
    client, caplog, host_nieuw_buinen, lefier_consultant, coordinator_andes, nieuw_buinen, lefier
):
    caplog.set_level(logging.DEBUG)

    # The host refers the question.
    login(client, host_nieuw_buinen)
    response = client.post(
        english("desk:refer", nieuw_buinen.slug),
        {
            "key": str(uuid.uuid4()),
            "theme": Theme.objects.get(code="housing").pk,
            "description": f"{CANARY}: het dak lekt boven de slaapkamer.",
            "urgency": Urgency.SOON,
            "contact_method": ContactMethod.PHONE,
            "name": f"Mevrouw {CANARY}",
            "phone": PHONE,
            "email": EMAIL,
            "address": f"{CANARY}straat 1, Nieuw-Buinen",
            "note": f"Bel na tienen ({CANARY})",
            "to_organisation": lefier.pk,
            "resident_agreed": "on",
            "legal_basis": LegalBasis.CONSENT,
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()

    # The partner reads it and closes it, which schedules the retention task.
    login(client, lefier_consultant)
    assert CANARY in client.get(english("desk:referral", referral.pk)).content.decode()
    for status, outcome in ((Status.ACCEPTED, ""), (Status.CLOSED, Outcome.HELPED)):
        response = client.post(
            english("desk:referral_status", referral.pk), {"status": status, "outcome": outcome}
        )
        assert response.status_code == 303

    # The resident asks the coordinator for their data, then to erase it.
    login(client, coordinator_andes)
    search = client.post(english("desk:rights"), {"contact": "+31 6 39517284"})
    assert search.context["found"] == [referral]
    export = client.post(english("desk:rights_export"), {"contact": EMAIL.upper()})
    assert CANARY in export.content.decode()
    erased = client.post(english("desk:rights_erase"), {"contact": PHONE, "confirm": "yes"})
    assert erased.context["erased"] == 1

    # The partner's page no longer shows it either.
    login(client, lefier_consultant)
    assert CANARY not in client.get(english("desk:referral", referral.pk)).content.decode()

    database = everything_in_the_database()
    for trace in TRACES:
        assert trace not in database, f"{trace!r} is still in the database"
    subjects = set(AuditEvent.objects.values_list("subject", flat=True))
    assert {pseudonym(PHONE_DIGITS), pseudonym(EMAIL.lower())} <= subjects
    assert AuditEvent.objects.filter(
        action=AuditAction.ERASURE, object_id=str(referral.pk), subject=pseudonym(PHONE_DIGITS)
    ).exists()
    # Proof that the dump reads what it should: the referral and its audit lines are there.
    assert f"accounts_auditevent.subject={pseudonym(PHONE_DIGITS)}" in database
    assert "desk_referral.erasure=request" in database

    logged = caplog.text.lower() + "\n".join(
        record.getMessage().lower() + repr(record.args).lower() for record in caplog.records
    )
    assert caplog.records, "nothing was logged, so nothing was checked"
    for trace in TRACES:
        assert trace not in logged, f"{trace!r} was logged"
