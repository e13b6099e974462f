"""A resident asks the coordinator what naober holds about them, or to erase it. The coordinator
looks them up by phone number or e-mail address, within their own network only."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from naober.accounts import access
from naober.accounts.audit import pseudonym
from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.desk import rights
from naober.desk.constants import ContactMethod, Erasure, LegalBasis, Outcome, Status, Urgency
from naober.desk.models import ContactDetails, Referral
from naober.desk.referrals import Contact, change_status, refer, show_personal_data
from naober.places.models import Theme
from tests.staff import login

ROOF = "Het dak lekt al drie weken boven de slaapkamer."
BILLS = "Mevrouw kan de energierekening niet meer betalen."
PHONE = "06-12345678"
EMAIL = "a.jansen@example.nl"


def english(name) -> str:
    """The English page, so the test reads the source strings whatever the Dutch catalogue says."""
    with translation.override("en"):
        return reverse(name)


class Forms(HTMLParser):
    """Each form on the page: its method, action and named fields."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({**attrs, "fields": {}})
        elif tag in ("input", "select", "textarea") and "name" in attrs and self.forms:
            self.forms[-1]["fields"][attrs["name"]] = attrs


def ask(by, place, to, description, theme, contact):
    referral, _ = refer(
        place=place,
        to_organisation=to,
        theme=Theme.objects.get(code=theme),
        description=description,
        urgency=Urgency.NORMAL,
        contact_method=ContactMethod.PHONE,
        contact=contact,
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=by,
    )
    return referral


@pytest.fixture
def jansen(
    host_nieuw_buinen, lefier_consultant, social_team_member, nieuw_buinen, lefier, social_team
):
    """Mevrouw Jansen's two questions at the buurtkamer: the roof (Lefier, viewed and closed)
    and the energy bills (the social team), the second with her e-mail address too."""
    roof = ask(
        host_nieuw_buinen,
        nieuw_buinen,
        lefier,
        ROOF,
        "housing",
        Contact(name="Mevrouw Jansen", phone=PHONE, note="Liefst 's ochtends"),
    )
    show_personal_data(roof, user=lefier_consultant)
    change_status(roof, Status.ACCEPTED, by=lefier_consultant)
    change_status(roof, Status.CLOSED, by=lefier_consultant, outcome=Outcome.HELPED)
    bills = ask(
        host_nieuw_buinen,
        nieuw_buinen,
        social_team,
        BILLS,
        "money",
        Contact(name="A. Jansen", phone="+31 6 1234 5678", email=EMAIL),
    )
    return [roof, bills]


@pytest.fixture
def neighbour(host_nieuw_buinen, lefier_consultant, nieuw_buinen, lefier):
    """Someone else with a question at the same place."""
    return ask(
        host_nieuw_buinen,
        nieuw_buinen,
        lefier,
        "Schimmel in de badkamer.",
        "housing",
        Contact(name="Meneer de Vries", phone="06-87654321"),
    )


@pytest.fixture
def in_hoogeveen(host_wolfsbos, lefier_consultant, wolfsbos, lefier):
    """The same phone number at Wolfsbos, in Hoogeveen: another coordinator's network."""
    return ask(
        host_wolfsbos,
        wolfsbos,
        lefier,
        "Tocht langs de ramen.",
        "housing",
        Contact(name="Mevrouw Jansen", phone=PHONE),
    )


@pytest.fixture
def network(coordinator_andes):
    return access.network(coordinator_andes)


# The rules


@pytest.mark.parametrize(
    "typed", ["06-12345678", "+31 6 1234 5678", "0031612345678", " 0612345678 "]
)
def test_the_phone_number_is_found_however_it_is_typed(
    typed, jansen, neighbour, in_hoogeveen, network, coordinator_andes
):
    assert rights.find(typed, network, by=coordinator_andes) == jansen


def test_the_email_address_is_found_whatever_its_capitals(jansen, network, coordinator_andes):
    assert rights.find("  A.Jansen@Example.NL", network, by=coordinator_andes) == [jansen[1]]


def test_referrals_outside_the_coordinators_network_are_not_found(
    in_hoogeveen, network, coordinator_andes
):
    assert rights.find(PHONE, network, by=coordinator_andes) == []


def test_a_search_is_in_the_audit_trail_by_pseudonym_never_by_number(
    jansen, network, coordinator_andes
):
    rights.find("+31 6 1234 5678", network, by=coordinator_andes)

    line = AuditEvent.objects.get(action=AuditAction.RIGHTS_SEARCH)
    assert line.subject == pseudonym("0612345678")
    assert line.actor == coordinator_andes.username
    assert line.detail == {"kind": "phone", "found": 2}
    assert "12345678" not in str(line.detail) + line.subject


@pytest.mark.parametrize("typed", ["", "   ", "Mevrouw Jansen", "12345"])
def test_something_that_is_neither_a_phone_number_nor_an_email_address_is_refused(
    typed, network, coordinator_andes
):
    with pytest.raises(rights.RightsError):
        rights.find(typed, network, by=coordinator_andes)
    assert not AuditEvent.objects.filter(action=AuditAction.RIGHTS_SEARCH).exists()


def test_the_export_holds_everything_naober_has_about_the_resident(
    jansen, network, coordinator_andes
):
    found = rights.find(PHONE, network, by=coordinator_andes)

    data = rights.export(found, contact=PHONE, by=coordinator_andes)

    roof, bills = data["referrals"]
    assert roof["question"] == ROOF
    assert roof["place"] == "Buurtkamer Nieuw-Buinen (Nieuw-Buinen)"
    assert (roof["referred_by"], roof["referred_to"]) == ("Andes", "Lefier")
    assert roof["contact_details"]["name"] == "Mevrouw Jansen"
    assert roof["contact_details"]["when_and_how"] == "Liefst 's ochtends"
    assert roof["status"] == str(Status.CLOSED.label)
    assert roof["outcome"] == str(Outcome.HELPED.label)
    assert roof["legal_basis"] == str(LegalBasis.CONSENT.label)
    assert roof["resident_agreed"] is True
    assert [step["to"] for step in roof["status_history"]] == [
        str(Status.ACCEPTED.label),
        str(Status.CLOSED.label),
    ]
    assert roof["finished_at"] is not None and roof["personal_data_deleted_after"] is not None
    viewed = [
        line
        for line in roof["audit_trail"]
        if line["action"] == str(AuditAction.REFERRAL_VIEWED.label)
    ]
    assert [(line["organisation"], line["person"]) for line in viewed] == [("Lefier", "lefier")]
    assert bills["question"] == BILLS
    assert bills["contact_details"]["email"] == EMAIL
    assert bills["referred_to"] == "Sociaal team Borger-Odoorn"
    # It travels as a JSON file.
    assert json.loads(json.dumps(data)) == data


def test_the_export_is_in_the_audit_trail_once_per_referral_by_pseudonym(
    jansen, network, coordinator_andes
):
    rights.export(jansen, contact="0612345678", by=coordinator_andes)

    lines = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert sorted(line.object_id for line in lines) == sorted(str(r.pk) for r in jansen)
    assert {line.subject for line in lines} == {pseudonym("0612345678")}


def test_erasing_deletes_the_question_and_contact_details_and_keeps_the_figures(
    jansen, neighbour, in_hoogeveen, network, coordinator_andes
):
    found = rights.find(PHONE, network, by=coordinator_andes)

    assert rights.erase(found, coordinator_andes, contact=PHONE) == 2

    for referral in Referral.objects.filter(pk__in=[r.pk for r in jansen]):
        assert referral.description == ""
        assert referral.erasure == Erasure.REQUEST
        assert referral.personal_data_erased_at is not None
        assert not ContactDetails.objects.filter(referral=referral).exists()
    assert Referral.objects.get(pk=jansen[0].pk).status == Status.CLOSED
    assert Referral.objects.get(pk=jansen[1].pk).theme.code == "money"
    # Other residents and the same number in another network are left alone.
    assert Referral.objects.get(pk=neighbour.pk).description == "Schimmel in de badkamer."
    assert Referral.objects.get(pk=in_hoogeveen.pk).description == "Tocht langs de ramen."
    lines = AuditEvent.objects.filter(action=AuditAction.ERASURE)
    assert sorted(line.object_id for line in lines) == sorted(str(r.pk) for r in jansen)
    assert {line.subject for line in lines} == {pseudonym("0612345678")}
    assert {line.actor for line in lines} == {coordinator_andes.username}
    # Erased means gone from the search too.
    assert rights.find(PHONE, network, by=coordinator_andes) == []


# The pages


def test_the_search_form_is_a_post_so_the_number_stays_out_of_urls(client, coordinator_andes):
    login(client, coordinator_andes)

    response = client.get(english("desk:rights"))

    assert response.status_code == 200
    (search,) = [
        form for form in Forms(response.content.decode()).forms if "contact" in form["fields"]
    ]
    assert search["method"] == "post"
    assert search["action"] == reverse("desk:rights")


def test_a_contact_detail_in_the_url_is_not_searched(client, coordinator_andes, jansen):
    login(client, coordinator_andes)

    response = client.get(english("desk:rights"), {"contact": PHONE})

    page = response.content.decode()
    assert "Buurtkamer Nieuw-Buinen" not in page
    (field,) = [
        form["fields"]["contact"] for form in Forms(page).forms if "contact" in form["fields"]
    ]
    assert field.get("value", "") == ""
    assert not AuditEvent.objects.filter(action=AuditAction.RIGHTS_SEARCH).exists()


def test_the_search_shows_places_dates_and_themes_but_not_the_question_or_name(
    client, coordinator_andes, jansen, neighbour
):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights"), {"contact": "06 12 34 56 78"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2 referrals found" in page
    assert "Buurtkamer Nieuw-Buinen" in page
    assert "Sociaal team Borger-Odoorn" in page
    assert "Money and debt" in page
    for hidden in (ROOF, BILLS, "Jansen", EMAIL, "ochtends", "Schimmel"):
        assert hidden not in page
    forms = {form["action"]: form for form in Forms(page).forms}
    for name in ("desk:rights_export", "desk:rights_erase"):
        form = forms[english(name)]
        assert form["method"] == "post"
        assert form["fields"]["contact"] == {
            "type": "hidden",
            "name": "contact",
            "value": "06 12 34 56 78",
        }
    assert forms[english("desk:rights_erase")]["fields"]["confirm"]["type"] == "checkbox"


@pytest.mark.parametrize("typed", ["", "Mevrouw Jansen"])
def test_input_that_is_neither_shows_the_form_again_with_a_message_and_what_was_typed(
    client, coordinator_andes, typed
):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights"), {"contact": typed})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the resident&#x27;s phone number" in page
    (field,) = [
        form["fields"]["contact"] for form in Forms(page).forms if "contact" in form["fields"]
    ]
    assert field.get("value", "") == typed
    assert field["aria-describedby"] == "contact_help contact_error"
    assert 'id="contact_error"' in page


def test_nothing_found_says_so_and_offers_no_export_or_erasure(client, coordinator_andes, jansen):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights"), {"contact": "someone@else.nl"})

    page = response.content.decode()
    assert "0 referrals found" in page
    assert english("desk:rights_export") not in page
    assert english("desk:rights_erase") not in page


def test_the_export_downloads_as_a_json_file_named_without_the_contact_detail(
    client, coordinator_andes, jansen
):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights_export"), {"contact": EMAIL})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "jansen" not in disposition.lower() and "example" not in disposition
    data = json.loads(response.content)
    assert [referral["question"] for referral in data["referrals"]] == [BILLS]
    assert "no-store" in response["Cache-Control"]


def test_erasing_needs_the_confirmation_box(client, coordinator_andes, jansen):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights_erase"), {"contact": PHONE})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tick the box to confirm" in page
    assert 'aria-describedby="confirm_help confirm_error"' in page
    assert Referral.objects.get(pk=jansen[0].pk).description == ROOF
    assert not AuditEvent.objects.filter(action=AuditAction.ERASURE).exists()


def test_erasing_with_confirmation_says_how_many_were_erased(client, coordinator_andes, jansen):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights_erase"), {"contact": PHONE, "confirm": "yes"})

    assert response.status_code == 200
    assert "2 referrals erased." in response.content.decode()
    assert not ContactDetails.objects.filter(referral__in=jansen).exists()


def test_export_and_erasure_are_never_done_by_a_get(client, coordinator_andes, jansen):
    login(client, coordinator_andes)

    assert client.get(english("desk:rights_export"), {"contact": PHONE}).status_code == 405
    assert (
        client.get(english("desk:rights_erase"), {"contact": PHONE, "confirm": "yes"}).status_code
        == 405
    )
    assert ContactDetails.objects.filter(referral__in=jansen).count() == 2


@pytest.mark.parametrize(
    "person", ["host_nieuw_buinen", "lefier_consultant", "social_team_member", "superuser"]
)
def test_only_a_coordinator_answers_residents_requests(client, request, person, jansen):
    login(client, request.getfixturevalue(person))

    assert client.get(english("desk:rights")).status_code == 403
    assert client.post(english("desk:rights"), {"contact": PHONE}).status_code == 403
    assert client.post(english("desk:rights_export"), {"contact": PHONE}).status_code == 403
    assert (
        client.post(english("desk:rights_erase"), {"contact": PHONE, "confirm": "yes"}).status_code
        == 403
    )
    assert ContactDetails.objects.filter(referral__in=jansen).count() == 2
    assert not AuditEvent.objects.filter(
        action__in=[AuditAction.RIGHTS_SEARCH, AuditAction.EXPORT, AuditAction.ERASURE]
    ).exists()
