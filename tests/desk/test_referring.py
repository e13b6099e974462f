"""A host records a resident's question once and refers it to a partner, with consent."""

import uuid
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.desk.constants import ContactMethod, LegalBasis, Status, Urgency
from naober.desk.models import ContactDetails, Referral
from naober.places.models import Theme
from tests.staff import login

QUESTION = "Het dak lekt al drie weken boven de slaapkamer."
PHONE = "06-12345678"


def english(name, *args) -> str:
    """The English page, so the test reads the source strings whatever the Dutch catalogue says."""
    with translation.override("en"):
        return reverse(name, args=args)


class Inputs(HTMLParser):
    """The attributes of every form control with a name, by name."""

    def __init__(self, html: str):
        super().__init__()
        self.by_name: dict[str, list[dict]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea", "select") and "name" in attrs:
            self.by_name.setdefault(attrs["name"], []).append(attrs)


@pytest.fixture
def refer_url(nieuw_buinen):
    return english("desk:refer", nieuw_buinen.slug)


@pytest.fixture
def answers(lefier_consultant, lefier):
    """Everything a host fills in for a leaking roof, referred to Lefier with consent."""
    return {
        "key": str(uuid.uuid4()),
        "theme": Theme.objects.get(code="housing").pk,
        "description": QUESTION,
        "urgency": Urgency.SOON,
        "contact_method": ContactMethod.PHONE,
        "name": "Mevrouw Jansen",
        "phone": PHONE,
        "email": "",
        "address": "",
        "note": "Liefst 's ochtends",
        "to_organisation": lefier.pk,
        "resident_agreed": "on",
        "legal_basis": LegalBasis.CONSENT,
    }


def test_host_refers_a_question_to_lefier_with_the_residents_consent(
    client, host_nieuw_buinen, refer_url, answers, lefier, andes, nieuw_buinen
):
    login(client, host_nieuw_buinen)

    response = client.post(refer_url, answers, follow=True)

    assert response.redirect_chain == [(english("desk:referrals"), 302)]
    referral = Referral.objects.get()
    assert (referral.place, referral.from_organisation, referral.to_organisation) == (
        nieuw_buinen,
        andes,
        lefier,
    )
    assert referral.status == Status.REFERRED
    assert referral.legal_basis == LegalBasis.CONSENT
    assert referral.resident_agreed
    assert referral.description == QUESTION
    assert ContactDetails.objects.get(referral=referral).phone == PHONE
    assert [str(m) for m in response.context["messages"]] == ["Referred to Lefier."]


def test_after_referring_the_host_no_longer_sees_the_question(
    client, host_nieuw_buinen, refer_url, answers
):
    login(client, host_nieuw_buinen)

    page = client.post(refer_url, answers, follow=True).content.decode()

    assert "Lefier" in page
    for secret in (QUESTION, PHONE, "Mevrouw Jansen", "Liefst"):
        assert secret not in page


def test_the_audit_line_of_a_referral_holds_no_resident_text(
    client, host_nieuw_buinen, refer_url, answers
):
    login(client, host_nieuw_buinen)

    client.post(refer_url, answers)

    line = AuditEvent.objects.get(action=AuditAction.REFERRAL_CREATED)
    assert line.actor == "host-nieuw-buinen"
    assert line.object_id == str(Referral.objects.get().pk)
    written = str(line.detail) + line.subject
    for secret in (QUESTION, PHONE, "Jansen", "Liefst"):
        assert secret not in written


def test_the_same_form_sent_twice_refers_the_question_once(
    client, host_nieuw_buinen, refer_url, answers
):
    login(client, host_nieuw_buinen)

    client.post(refer_url, answers, follow=True)
    second = client.post(refer_url, answers, follow=True)

    assert Referral.objects.count() == 1
    assert ContactDetails.objects.count() == 1
    assert [str(m) for m in second.context["messages"]] == [
        "This question was already referred to Lefier."
    ]


def test_the_form_offers_the_places_own_partners_first(
    client, host_nieuw_buinen, refer_url, lefier_consultant, police_officer, social_team_member
):
    login(client, host_nieuw_buinen)

    page = client.get(refer_url).content.decode()

    own, others = page.split("Other partners")
    assert "Partners of this place" in own
    assert "Lefier" in own and "Politie Drenthe" in own
    assert "Sociaal team Borger-Odoorn" in others
    # Andes has no partner professional in naober: nobody would read its inbox.
    assert ">Andes<" not in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"resident_agreed": None}, "resident_agreed", "Ask the resident first"),
        ({"legal_basis": None}, "legal_basis", "Choose the legal basis for sharing."),
        (
            {"phone": "", "contact_method": ContactMethod.HOME_VISIT, "address": "Dorpsstraat 1"},
            "phone",
            "Write down a phone number or an e-mail address",
        ),
        ({"phone": ""}, "phone", "The resident wants a call: write down the phone number."),
        ({"to_organisation": "999999"}, "to_organisation", "does not receive referrals"),
    ],
    ids=[
        "no agreement",
        "no legal basis",
        "no phone or e-mail",
        "a call without a number",
        "unknown organisation",
    ],
)
def test_a_form_with_a_problem_keeps_what_was_typed_and_writes_nothing(
    client, host_nieuw_buinen, refer_url, answers, change, field, message
):
    login(client, host_nieuw_buinen)
    data = {key: value for key, value in {**answers, **change}.items() if value is not None}

    response = client.post(refer_url, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    # The message is tied to its field, and the summary at the top links to the field.
    assert f'id="id_{field}_error"' in page
    controls = Inputs(page).by_name[field]
    for control in controls:
        assert f"id_{field}_error" in control["aria-describedby"].split()
        assert control["aria-invalid"] == "true"
    assert f'href="#{controls[0]["id"]}"' in page.split('class="error-summary"')[1]
    # What was typed is still there, with the same key.
    assert QUESTION in page
    assert 'value="Mevrouw Jansen"' in page
    assert f'value="{answers["key"]}"' in page
    assert not Referral.objects.exists()
    assert not ContactDetails.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REFERRAL_CREATED).exists()


def test_an_organisation_without_partner_professionals_is_refused_by_name(
    client, host_nieuw_buinen, refer_url, answers, andes
):
    login(client, host_nieuw_buinen)

    response = client.post(refer_url, {**answers, "to_organisation": andes.pk})

    assert response.status_code == 400
    assert "That organisation does not receive referrals from this place." in (
        response.content.decode()
    )
    assert not Referral.objects.exists()


def test_a_partner_can_record_a_question_at_a_place_their_organisation_runs(
    client, police_officer, refer_url, answers, police, lefier
):
    login(client, police_officer)

    client.post(refer_url, answers)

    referral = Referral.objects.get()
    assert (referral.from_organisation, referral.to_organisation) == (police, lefier)


@pytest.mark.parametrize(
    "person", ["social_team_member", "host_wolfsbos", "coordinator_andes", "superuser"]
)
def test_others_do_not_find_the_form_of_this_place(client, request, person, refer_url, answers):
    login(client, request.getfixturevalue(person))

    assert client.get(refer_url).status_code == 404
    assert client.post(refer_url, answers).status_code == 404
    assert not Referral.objects.exists()


def test_the_form_needs_the_second_factor(client, host_nieuw_buinen, refer_url):
    login(client, host_nieuw_buinen, verified=False)

    response = client.get(refer_url)

    assert response.status_code == 302
    assert response["Location"].startswith(english("accounts:verify"))


def test_a_form_key_used_by_someone_else_refers_nothing_and_says_why(
    client, host_nieuw_buinen, police_officer, refer_url, answers
):
    login(client, host_nieuw_buinen)
    client.post(refer_url, answers)
    client.logout()
    login(client, police_officer)

    response = client.post(refer_url, {**answers, "description": "Een andere vraag."})

    assert response.status_code == 400
    assert "This form was already sent. Open a new one." in response.content.decode()
    assert Referral.objects.get().created_by == host_nieuw_buinen


def test_a_form_that_lost_its_key_still_refers_the_question(
    client, host_nieuw_buinen, refer_url, answers
):
    login(client, host_nieuw_buinen)

    client.post(refer_url, {**answers, "key": "not-a-key"})

    assert str(Referral.objects.get().key) != answers["key"]


def test_a_partner_cannot_refer_from_a_place_their_organisation_does_not_run(
    nieuw_buinen, social_team_member, lefier_consultant, lefier
):
    # The social team is not among the organisations of the buurtkamer in Nieuw-Buinen.
    from naober.desk.referrals import Contact, ReferralError, refer

    with pytest.raises(ReferralError):
        refer(
            place=nieuw_buinen,
            to_organisation=lefier,
            theme=Theme.objects.get(code="housing"),
            description="Lekkage",
            urgency=Urgency.NORMAL,
            contact_method=ContactMethod.PHONE,
            contact=Contact(name="Bewoner", phone="06-12345678"),
            resident_agreed=True,
            legal_basis=LegalBasis.CONSENT,
            by=social_team_member,
        )

    assert not Referral.objects.exists()
