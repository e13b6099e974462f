"""The demo data set: the real situations of the five seed documents, as plain data.

What a document gives (places, days, hours, partners) is quoted in `source`. What it does not give
(addresses, exact hours, which partner on which day) is made up plausibly, has `invented=True`, and
its `source` says what was invented. Buildings without an address we are sure of stand on the CBS
point of their postcode area (`pc4`); the loader looks it up.

Resident-facing texts (descriptions, reasons) are Dutch data, as a coordinator would type them.
Dates that must stay in the future for the demo to look alive (a cancellation, an extra opening,
the coming summer break) are computed from the day the demo is loaded in `dated_exceptions`.

At the end: the demo's staff (PEOPLE, one per role) and their invented desk work (REFERRALS and
the places that get invented visit counts), which `naober demo` loads after the places.
"""

from datetime import date, timedelta

from naober.schedules.holidays import holiday_keys

# The five documents in ../shared/seeds/, as a source note names them.
BORGER_ODOORN = "Borger-Odoorn, news item 2023-02"
HOOGEVEEN = "Hoogeveen, report of the information evening of 08-09-2025"
AANZET = "Stichting AanZet, 'Algemene info' about the Buurtkamer"
STEENWIJKERLAND = "Steenwijkerland, news item 'Steenwijkerlandse gebiedsteams'"
NOORDENVELD = "Noordenveld, 'Iedereen doet mee in Noordenveld'"

ALL_WEEKDAYS = [0, 1, 2, 3, 4]
MON, TUE, WED, THU, FRI, SAT = 0, 1, 2, 3, 4, 5


def weekly(days, start, end, since, source, invented=False, note=""):
    return {
        "frequency": "weekly",
        "weekdays": list(days),
        "week_of_month": None,
        "start_time": start,
        "end_time": end,
        "valid_from": since,
        "note": note,
        "source": source,
        "invented": invented,
    }


def monthly(week, day, start, end, since, source, invented=False, note=""):
    return {
        **weekly([day], start, end, since, source, invented, note),
        "frequency": "monthly",
        "week_of_month": week,
    }


def present(rule, organisation=None, theme=None):
    """A presence rule: the days of `rule`, for an organisation, a theme, or both."""
    return {**rule, "organisation": organisation, "theme": theme}


MUNICIPALITIES = [
    {"slug": "borger-odoorn", "name": "Borger-Odoorn", "cbs_code": "GM1681"},
    {"slug": "hoogeveen", "name": "Hoogeveen", "cbs_code": "GM0118"},
    {"slug": "tytsjerksteradiel", "name": "Tytsjerksteradiel", "cbs_code": "GM0737"},
    {"slug": "noardeast-fryslan", "name": "Noardeast-Fryslân", "cbs_code": "GM1970"},
    {"slug": "dantumadiel", "name": "Dantumadiel", "cbs_code": "GM1891"},
    {"slug": "steenwijkerland", "name": "Steenwijkerland", "cbs_code": "GM1708"},
    {"slug": "noordenveld", "name": "Noordenveld", "cbs_code": "GM1699"},
]


def _org(name, kind, themes, source, invented=False, website=""):
    return {
        "name": name,
        "kind": kind,
        "themes": themes,
        "source": source,
        "invented": invented,
        "website": website,
    }


ORGANISATIONS = [
    # Borger-Odoorn
    _org(
        "Andes", "welfare", ["welfare", "carers"], f"{BORGER_ODOORN}: 'welzijnsorganisatie Andes'"
    ),
    _org(
        "Sociale teams Borger-Odoorn",
        "social_team",
        ["care", "money"],
        f"{BORGER_ODOORN}: 'sociale teams van de gemeente Borger-Odoorn'",
    ),
    _org(
        "Gemeente Borger-Odoorn",
        "municipality",
        ["care", "money"],
        f"{BORGER_ODOORN}: 'de gemeente zelf'; questions on WMO and the energietoeslag",
    ),
    _org("Lefier", "housing", ["housing"], f"{BORGER_ODOORN}: 'woningcorporaties Lefier en'"),
    _org("Woonservice", "housing", ["housing"], f"{BORGER_ODOORN}: 'en Woonservice'"),
    _org(
        "Politie Noord-Nederland",
        "police",
        ["safety"],
        f"{BORGER_ODOORN}: 'Ook zal de politie er af en toe te vinden zijn'",
    ),
    # Hoogeveen
    _org(
        "Stichting Welzijnswerk",
        "welfare",
        ["welfare", "carers"],
        f"{HOOGEVEEN}: 'gemeente Hoogeveen, Stichting Welzijnswerk en ... Optimaal Leven'",
    ),
    _org(
        "Optimaal Leven",
        "welfare",
        ["care", "welfare"],
        f"{HOOGEVEEN}: 'Optimaal Leven brengt zorginstellingen, huisartsen, gemeenten en "
        "zorgverzekeraars samen'",
    ),
    _org("Cosis", "welfare", ["care"], f"{HOOGEVEEN}: 'een samenwerking tussen ... Cosis'"),
    _org(
        "GGZ Drenthe",
        "mental_health",
        ["care", "welfare"],
        f"{HOOGEVEEN}: 'een plek waar de GGZ langskomt om contact te leggen'",
    ),
    _org(
        "Verslavingszorg Noord Nederland",
        "addiction",
        ["care"],
        f"{HOOGEVEEN}: 'Verslavingszorg Noord Nederland'",
    ),
    _org(
        "Gemeente Hoogeveen",
        "municipality",
        ["care", "money"],
        f"{HOOGEVEEN}: 'een samenwerking tussen ... en de WMO'",
    ),
    # Noordoost-Friesland
    _org(
        "Stichting AanZet",
        "volunteers",
        ["welfare"],
        f"{AANZET}: 'vrijwilligers met ondersteuning van een medewerker van Stichting AanZet'",
    ),
    _org(
        "Welzijn Noardeast",
        "welfare",
        ["welfare", "carers"],
        f"{AANZET}: 'i.s.m. de lokale welzijnsorganisatie'. Invented: the name; the page "
        "does not name the welfare organisation.",
        invented=True,
    ),
    # Steenwijkerland
    _org(
        "Gemeente Steenwijkerland",
        "municipality",
        ["care", "money", "housing"],
        f"{STEENWIJKERLAND}: 'De gemeente, de woningcorporaties, Sociaal Werk De Kop en de politie'",
    ),
    _org("Wetland Wonen", "housing", ["housing"], f"{STEENWIJKERLAND}: 'Wetland Wonen'"),
    _org("Woonconcept", "housing", ["housing"], f"{STEENWIJKERLAND}: 'Woonconcept'"),
    _org("Omnia Wonen", "housing", ["housing"], f"{STEENWIJKERLAND}: 'Omnia Wonen'"),
    _org("Woonzorg Nederland", "housing", ["housing"], f"{STEENWIJKERLAND}: 'Woonzorg Nederland'"),
    _org(
        "Sociaal Werk De Kop",
        "welfare",
        ["welfare", "carers", "money"],
        f"{STEENWIJKERLAND}: 'Sociaal Werk De Kop'",
    ),
    _org(
        "Politie Oost-Nederland",
        "police",
        ["safety"],
        f"{STEENWIJKERLAND}: 'politie' in the gebiedsteams",
    ),
    # Noordenveld
    _org(
        "Welzijn in Noordenveld (WiN)",
        "welfare",
        ["welfare", "carers", "money", "newcomers", "youth"],
        f"{NOORDENVELD}: 'stichting Welzijn in Noordenveld (WiN)'; themes 'eenzaamheid, "
        "mantelzorg, armoede en schulden, nieuwkomers, vrijwilligers en jongeren'",
    ),
]

STEENWIJKERLAND_PARTNERS = [
    "Gemeente Steenwijkerland",
    "Wetland Wonen",
    "Woonconcept",
    "Omnia Wonen",
    "Woonzorg Nederland",
    "Sociaal Werk De Kop",
    "Politie Oost-Nederland",
]


def _building(key, name, street_address, postcode, town, source, invented=True, **features):
    return {
        "key": key,
        "name": name,
        "street_address": street_address,
        "postcode": postcode,
        "town": town,
        "source": source,
        "invented": invented,
        **features,
    }


def _invented_address(pc4, named_by=None):
    named = f"Name: {named_by}. " if named_by else "Invented: the building's name. "
    return (
        f"{named}Invented: street, postcode letters and accessibility; "
        f"coordinates are the CBS point of postcode area {pc4}."
    )


BUILDINGS = [
    _building(
        "noorderbreedte",
        "MFA Noorderbreedte",
        "Noorderdiep 60",
        "9521 BE",
        "Nieuw-Buinen",
        _invented_address("9521", f"{BORGER_ODOORN}, 'MFA Noorderbreedte in Nieuw-Buinen'"),
        step_free_entrance=True,
        accessible_toilet=True,
        parking=True,
        kitchen=True,
        computers=True,
        accessibility_notes="De ingang is aan de voorkant, zonder drempel.",
    ),
    _building(
        "wolfsbos",
        "Huis van de Buurt Wolfsbos",
        "Wolfsbos 12",
        "7908 HA",
        "Hoogeveen",
        _invented_address("7908", f"{HOOGEVEEN}, 'Huis van de Buurt Wolfsbos'")
        + " No kitchen: residents asked for a place to cook together.",
        step_free_entrance=True,
        accessible_toilet=True,
        kitchen=False,
    ),
    _building(
        "burgum",
        "Buurthuis De Skâns",
        "Schoolstraat 4",
        "9251 EH",
        "Burgum",
        _invented_address("9251"),
        step_free_entrance=True,
        kitchen=True,
    ),
    _building(
        "dokkum",
        "Wijkgebouw De Hoeksteen",
        "Stationsweg 18",
        "9101 JB",
        "Dokkum",
        _invented_address("9101"),
        step_free_entrance=True,
        accessible_toilet=True,
        kitchen=True,
    ),
    _building(
        "kollum",
        "Dorpshuis Kollum",
        "Voorstraat 30",
        "9291 CK",
        "Kollum",
        _invented_address("9291"),
        kitchen=True,
        accessibility_notes="Er is één trede bij de ingang. Er is een drempelhulp.",
    ),
    _building(
        "westereen",
        "Buurthuis De Westereen",
        "Haadwei 50",
        "9271 AC",
        "De Westereen",
        _invented_address("9271"),
        step_free_entrance=True,
        kitchen=True,
    ),
    # Steenwijkerland: "een vaste locatie" per kern or wijk, none named in the article.
    _building(
        "sw-noord",
        "Wijkcentrum Noord",
        "Gasthuislaan 2",
        "8332 AA",
        "Steenwijk",
        _invented_address("8332"),
        step_free_entrance=True,
        accessible_toilet=True,
    ),
    _building(
        "sw-centrum",
        "Bibliotheek Steenwijk",
        "Markt 10",
        "8331 HK",
        "Steenwijk",
        _invented_address("8331"),
        step_free_entrance=True,
        accessible_toilet=True,
        computers=True,
    ),
    _building(
        "tuk",
        "Dorpshuis Tuk",
        "Tukseweg 100",
        "8334 RW",
        "Tuk",
        _invented_address("8334"),
        step_free_entrance=True,
    ),
    _building(
        "willemsoord",
        "Dorpshuis Willemsoord",
        "Willemsoorderweg 5",
        "8338 KA",
        "Willemsoord",
        _invented_address("8338"),
    ),
    _building(
        "vollenhove",
        "Dorpshuis Vollenhove",
        "Kerkplein 3",
        "8325 BN",
        "Vollenhove",
        _invented_address("8325"),
        step_free_entrance=True,
        accessible_toilet=True,
    ),
    _building(
        "giethoorn",
        "Dorpshuis Giethoorn",
        "Beulakerweg 20",
        "8355 AB",
        "Giethoorn",
        _invented_address("8355"),
        step_free_entrance=True,
        parking=True,
    ),
    _building(
        "oldemarkt",
        "Dorpshuis Oldemarkt",
        "Hoofdstraat 15",
        "8375 AA",
        "Oldemarkt",
        _invented_address("8375"),
        step_free_entrance=True,
        parking=True,
    ),
    _building(
        "blokzijl",
        "Dorpshuis Blokzijl",
        "Brouwerstraat 7",
        "8356 DV",
        "Blokzijl",
        _invented_address("8356"),
    ),
    _building(
        "sint-jansklooster",
        "Dorpshuis Sint Jansklooster",
        "Kloosterweg 9",
        "8326 AH",
        "Sint Jansklooster",
        _invented_address("8326"),
        step_free_entrance=True,
    ),
    _building(
        "kuinre",
        "Dorpshuis Kuinre",
        "Dorpsstraat 4",
        "8374 KM",
        "Kuinre",
        _invented_address("8374"),
    ),
    _building(
        "wanneperveen",
        "Dorpshuis Wanneperveen",
        "Veneweg 150",
        "7946 LP",
        "Wanneperveen",
        _invented_address("7946"),
        parking=True,
    ),
    # Noordenveld
    _building(
        "norg",
        "Dorpshuis Norg",
        "Brink 5",
        "9331 AA",
        "Norg",
        _invented_address("9331"),
        step_free_entrance=True,
        accessible_toilet=True,
        kitchen=True,
        garden=True,
    ),
    _building(
        "roden",
        "Wijkcentrum Roden",
        "Heerestraat 30",
        "9301 AH",
        "Roden",
        _invented_address("9301"),
        step_free_entrance=True,
        accessible_toilet=True,
        hearing_loop=True,
        kitchen=True,
    ),
    _building(
        "peize",
        "Dorpshuis Peize",
        "Hoofdweg 40",
        "9321 AB",
        "Peize",
        _invented_address("9321"),
        step_free_entrance=True,
        kitchen=True,
    ),
]


# Borger-Odoorn: which partner staffs which morning is not in the news item ("Elke organisatie
# levert een bijdrage in de bemensing"); this roster is invented, two partners each morning.
_NB_SINCE = date(2023, 1, 2)
_NB_ROSTER = f"{BORGER_ODOORN}: 'Elke organisatie levert een bijdrage in de bemensing'. Invented: "


def _nb_partner(name, days, which):
    return present(
        weekly(days, None, None, _NB_SINCE, f"{_NB_ROSTER}{which}.", invented=True),
        organisation=name,
    )


NIEUW_BUINEN = {
    "slug": "buurtkamer-nieuw-buinen",
    "name": "Buurtkamer Nieuw-Buinen",
    "kind": "buurtkamer",
    "building": "noorderbreedte",
    "municipality": "borger-odoorn",
    "village": "Nieuw-Buinen",
    "organisations": [
        "Andes",
        "Sociale teams Borger-Odoorn",
        "Gemeente Borger-Odoorn",
        "Lefier",
        "Woonservice",
        "Politie Noord-Nederland",
    ],
    "themes": ["housing", "care", "welfare", "money"],
    "description": (
        "Heeft u een vraag over wonen, zorg of welzijn? Kom dan langs in de buurtkamer. "
        "U hoeft geen afspraak te maken. Er is altijd koffie. Mensen van Andes, de sociale "
        "teams, de gemeente, Lefier en Woonservice helpen u verder. Bijvoorbeeld met de "
        "energietoeslag of met hulp van de WMO. Op donderdagochtend kunt u ook terecht voor hulp "
        "met taal, rekenen, de computer en solliciteren."
    ),
    "source": f"{BORGER_ODOORN}: 'de eerste buurtkamer in de gemeente geopend in MFA "
    "Noorderbreedte in Nieuw-Buinen ... vragen over wonen, welzijn en zorg'",
    "invented": False,
    "openings": [
        weekly(
            ALL_WEEKDAYS,
            "09:00",
            "12:00",
            _NB_SINCE,
            f"{BORGER_ODOORN}: 'Iedere ochtend tussen 9 en 12 uur'; staffed by professionals, "
            "so Monday to Friday; in use since about a month before the item",
        )
    ],
    "presence": [
        present(
            weekly(
                [THU],
                "09:00",
                "12:00",
                _NB_SINCE,
                f"{BORGER_ODOORN}: 'op donderdagochtend ... vragen over taal, rekenen, het "
                "gebruiken van een computer'",
            ),
            theme="language",
        ),
        present(
            weekly(
                [THU],
                "09:00",
                "12:00",
                _NB_SINCE,
                f"{BORGER_ODOORN}: 'op donderdagochtend ... en solliciteren'",
            ),
            theme="work",
        ),
        _nb_partner("Andes", [MON, WED, THU], "Andes on Monday, Wednesday and Thursday"),
        _nb_partner(
            "Sociale teams Borger-Odoorn",
            [TUE, THU, FRI],
            "the social teams on Tuesday, Thursday and Friday",
        ),
        _nb_partner("Gemeente Borger-Odoorn", [MON, FRI], "the municipality on Monday and Friday"),
        _nb_partner("Lefier", [MON, WED], "Lefier on Monday and Wednesday"),
        _nb_partner("Woonservice", [TUE, FRI], "Woonservice on Tuesday and Friday"),
        present(
            monthly(
                1,
                MON,
                None,
                None,
                _NB_SINCE,
                f"{BORGER_ODOORN}: 'af en toe'. Invented: the police on the first Monday of the "
                "month",
                invented=True,
            ),
            organisation="Politie Noord-Nederland",
        ),
    ],
}

_HV_SINCE = date(2025, 9, 1)

WOLFSBOS = {
    "slug": "huis-van-de-buurt-wolfsbos",
    "name": "Huis van de Buurt Wolfsbos",
    "kind": "huis_van_de_buurt",
    "building": "wolfsbos",
    "municipality": "hoogeveen",
    "village": "Wolfsbos",
    "organisations": [
        "Stichting Welzijnswerk",
        "Optimaal Leven",
        "Cosis",
        "GGZ Drenthe",
        "Verslavingszorg Noord Nederland",
        "Gemeente Hoogeveen",
    ],
    "themes": ["welfare", "care"],
    "description": (
        "Iedereen is welkom voor een praatje en een kopje koffie. Voelt u zich eenzaam? "
        "Kom gerust binnen. Er is een herstelruimte: een rustige plek waar ook de GGZ langskomt. "
        "'s Ochtends kunt u sporten, ook als een gewone sportschool lastig voor u is. Er is muziek "
        "en u kunt zich opgeven voor workshops. Elke laatste donderdag van de maand eten we samen "
        "een lunch."
    ),
    "source": f"{HOOGEVEEN}: 'het Huis van de Buurt Wolfsbos, waar een herstelruimte is "
    "ingericht'; 'Elke laatste donderdag van de maand is er een gezamenlijke lunch'",
    "invented": False,
    "openings": [
        weekly(
            [THU],
            "10:00",
            "16:00",
            _HV_SINCE,
            f"{HOOGEVEEN}: 'Elke donderdag van 10.00 tot 16.00 uur is men welkom'",
        )
    ],
    "presence": [
        present(
            weekly(
                [THU],
                None,
                None,
                _HV_SINCE,
                f"{HOOGEVEEN}: 'gezamenlijk initiatief van ... Stichting Welzijnswerk'. "
                "Invented: present every Thursday",
                invented=True,
            ),
            organisation="Stichting Welzijnswerk",
        ),
        present(
            weekly(
                [THU],
                "13:00",
                "16:00",
                _HV_SINCE,
                f"{HOOGEVEEN}: 'een plek waar de GGZ langskomt'. Invented: Thursday afternoons",
                invented=True,
            ),
            organisation="GGZ Drenthe",
        ),
        present(
            monthly(
                2,
                THU,
                "10:00",
                "12:00",
                _HV_SINCE,
                f"{HOOGEVEEN}: 'de WMO'. Invented: the WMO consultant on the second Thursday "
                "morning of the month",
                invented=True,
            ),
            organisation="Gemeente Hoogeveen",
        ),
        present(
            monthly(
                1,
                THU,
                None,
                None,
                _HV_SINCE,
                f"{HOOGEVEEN}: 'Cosis'. Invented: the first Thursday of the month",
                invented=True,
            ),
            organisation="Cosis",
        ),
        present(
            monthly(
                3,
                THU,
                "13:00",
                "16:00",
                _HV_SINCE,
                f"{HOOGEVEEN}: 'Verslavingszorg Noord Nederland'. Invented: the third Thursday "
                "afternoon of the month",
                invented=True,
            ),
            organisation="Verslavingszorg Noord Nederland",
        ),
    ],
}


_FRIESLAND_SINCE = date(2025, 1, 6)
_FRIESLAND_DESCRIPTION = (
    "In de buurtkamer drinkt u samen koffie, doet u een spelletje of maakt u een praatje. "
    "Vrijwilligers uit de buurt ontvangen u. U hoeft niet elke week te komen, maar u bent "
    "elke week welkom. Loop gewoon binnen, en ga weer naar huis wanneer u wilt."
)


def _buurtkamer(town, slug_town, building, municipality, days, start, end, aanzet_day):
    """A Friesland buurtkamer: the page names the town, nothing about days, hours or address."""
    hours = f"{start}-{end}"
    return {
        "slug": f"buurtkamer-{slug_town}",
        "name": f"Buurtkamer {town}",
        "kind": "buurtkamer",
        "building": building,
        "municipality": municipality,
        "village": town,
        "organisations": ["Stichting AanZet", "Welzijn Noardeast"],
        "themes": ["welfare"],
        "description": _FRIESLAND_DESCRIPTION,
        "source": f"{AANZET}: 'Je vindt de Buurtkamer in Burgum, Dokkum, Kollum en de Westereen'",
        "invented": False,
        "openings": [
            weekly(
                days,
                start,
                end,
                _FRIESLAND_SINCE,
                f"Invented: days and hours ({hours}); {AANZET} gives none.",
                invented=True,
            )
        ],
        "presence": [
            present(
                weekly(
                    [aanzet_day],
                    None,
                    None,
                    _FRIESLAND_SINCE,
                    f"{AANZET}: 'met ondersteuning van een medewerker van Stichting AanZet'. "
                    "Invented: the day the AanZet worker is there.",
                    invented=True,
                ),
                organisation="Stichting AanZet",
            )
        ],
    }


BURGUM = _buurtkamer(
    "Burgum", "burgum", "burgum", "tytsjerksteradiel", [TUE, THU], "09:30", "12:00", TUE
)
DOKKUM = {
    **_buurtkamer(
        "Dokkum", "dokkum", "dokkum", "noardeast-fryslan", [TUE, FRI], "10:00", "12:00", FRI
    ),
    # Open on Good Friday: the volunteers chose to, for those who are alone at Easter.
    "closed_on_holidays": [key for key in holiday_keys() if key != "Good Friday"],
}
KOLLUM = _buurtkamer(
    "Kollum", "kollum", "kollum", "noardeast-fryslan", [MON, WED], "13:30", "16:00", WED
)
DE_WESTEREEN = _buurtkamer(
    "De Westereen", "de-westereen", "westereen", "dantumadiel", [WED], "09:30", "12:00", WED
)


# Steenwijkerland: "een vaste dag in de maand en een vaste locatie" per kern and wijk; the
# article points to the municipality's website for the days, which the demo cannot read.
_SW_SINCE = date(2025, 1, 6)
# (village, building, week of the month, weekday, start, end)
_SW_DAYS = [
    ("Steenwijk-Noord", "sw-noord", 2, TUE, "09:30", "11:30"),
    ("Steenwijk-Centrum", "sw-centrum", 4, TUE, "13:30", "15:30"),
    ("Tuk", "tuk", 1, MON, "09:30", "11:30"),
    ("Willemsoord", "willemsoord", 2, MON, "13:30", "15:30"),
    ("Vollenhove", "vollenhove", 1, WED, "09:30", "11:30"),
    ("Giethoorn", "giethoorn", 3, WED, "13:30", "15:30"),
    ("Oldemarkt", "oldemarkt", 1, THU, "09:30", "11:30"),
    ("Blokzijl", "blokzijl", 2, THU, "13:30", "15:30"),
    ("Sint Jansklooster", "sint-jansklooster", 3, MON, "09:30", "11:30"),
    ("Kuinre", "kuinre", 3, FRI, "09:30", "11:30"),
    ("Wanneperveen", "wanneperveen", 4, THU, "09:30", "11:30"),
]
_WEEK_WORD = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_DAY_WORD = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _area_team(village, building, week, day, start, end):
    when = f"the {_WEEK_WORD[week]} {_DAY_WORD[day]} of the month, {start}-{end}"
    rule = monthly(
        week,
        day,
        start,
        end,
        _SW_SINCE,
        f"{STEENWIJKERLAND}: 'een vaste dag in de maand en een vaste locatie'. Invented: {when}.",
        invented=True,
    )
    presence_rule = {
        **rule,
        "start_time": None,
        "end_time": None,
        "source": f"{STEENWIJKERLAND}: all partners form the gebiedsteam. Invented: every "
        "partner at every walk-in hour.",
    }
    return {
        "slug": "gebiedsteam-" + village.lower().replace(" ", "-"),
        "name": f"Gebiedsteam {village}",
        "kind": "area_team",
        "building": building,
        "municipality": "steenwijkerland",
        "village": village,
        "organisations": STEENWIJKERLAND_PARTNERS,
        "themes": ["housing", "welfare", "safety"],
        "description": (
            "Eén keer per maand zit het gebiedsteam hier. U kunt zonder afspraak binnenlopen, "
            "met een idee voor uw buurt of een vraag over uw huis of woonomgeving. De gemeente, "
            "de woningcorporaties, Sociaal Werk De Kop en de politie zitten aan één tafel. U "
            "hoeft uw verhaal maar één keer te vertellen. De koffie staat klaar."
        ),
        "source": f"{STEENWIJKERLAND}: 'zichtbaar én aanspreekbaar in de verschillende kernen en "
        f"wijken'. Invented: that {village} is one of them.",
        "invented": True,
        "openings": [rule],
        "presence": [
            present(presence_rule, organisation=name) for name in STEENWIJKERLAND_PARTNERS
        ],
    }


AREA_TEAMS = [_area_team(*row) for row in _SW_DAYS]


_NOORDENVELD_THEMES = ["welfare", "carers", "money", "newcomers", "youth"]


def _meeting_place(village, building, openings, source, invented, description):
    return {
        "slug": "ontmoetingsplek-" + village.lower(),
        "name": f"Ontmoetingsplek {village}",
        "kind": "meeting_place",
        "building": building,
        "municipality": "noordenveld",
        "village": village,
        "organisations": ["Welzijn in Noordenveld (WiN)"],
        "themes": _NOORDENVELD_THEMES,
        "description": description,
        "source": source,
        "invented": invented,
        "openings": openings,
        "presence": [],
    }


MEETING_PLACES = [
    _meeting_place(
        "Norg",
        "norg",
        [
            weekly(
                [TUE],
                "10:00",
                "12:00",
                date(2018, 9, 4),
                "Invented: Tuesday mornings 10-12, since the pilot of 2018.",
                invented=True,
            ),
            weekly(
                [THU],
                "14:00",
                "16:30",
                date(2018, 9, 4),
                "Invented: Thursday afternoons 14-16.30.",
                invented=True,
            ),
        ],
        f"{NOORDENVELD}: 'In Norg ... is in 2018 een proef gestart ... uitgegroeid tot een netwerk "
        "van ontmoetingsplaatsen'",
        False,
        (
            "Hier ontmoet u andere mensen uit Norg. Drink een kopje koffie, doe mee met een "
            "activiteit of kom voor een praatje. Zorgt u voor iemand (mantelzorg)? Of maakt u "
            "zich zorgen over geld? Een medewerker van WiN denkt met u mee."
        ),
    ),
    _meeting_place(
        "Roden",
        "roden",
        [
            weekly(
                [WED],
                "09:30",
                "11:30",
                date(2026, 2, 4),
                "Invented: Wednesday mornings, after WiN's start in Roden in January.",
                invented=True,
            )
        ],
        f"{NOORDENVELD}: 'In de tweede week van januari starten zij in Roden'. Invented: that "
        "this led to a meeting place in Roden.",
        True,
        (
            "Een nieuwe plek in Roden om elkaar te ontmoeten. Bent u nieuw in Roden, of zoekt "
            "u contact? Loop gerust binnen. Ook jongeren zijn welkom. WiN vraagt u graag wat u "
            "belangrijk vindt in uw wijk."
        ),
    ),
    _meeting_place(
        "Peize",
        "peize",
        [
            weekly(
                [MON],
                "14:00",
                "16:00",
                date(2026, 9, 7),
                "Invented: Monday afternoons.",
                invented=True,
            )
        ],
        f"{NOORDENVELD}: 'voorzieningen dichtbij iedere inwoner'. Invented: a meeting place "
        "in Peize.",
        True,
        (
            "Elke maandagmiddag is er koffie en thee in het dorpshuis. Kom voor een praatje "
            "of een spelletje. U bent welkom, ook als u maar even blijft."
        ),
    ),
]


PLACES = [
    NIEUW_BUINEN,
    WOLFSBOS,
    BURGUM,
    DOKKUM,
    KOLLUM,
    DE_WESTEREEN,
    *AREA_TEAMS,
    *MEETING_PLACES,
]

FRIESLAND_BUURTKAMERS = [BURGUM["slug"], DOKKUM["slug"], KOLLUM["slug"], DE_WESTEREEN["slug"]]


# Activities: what there is to do at a place, again and again. The documents name the sports
# morning, the music, the workshops and the last-Thursday lunch at Wolfsbos, the Thursday-morning
# help in Nieuw-Buinen and the coffee at the Friesland buurtkamers; titles, hours, seats and costs
# are invented, and each source says so. Empty `organisation`: run by volunteers.
def _activity(
    place,
    title,
    theme,
    days,
    start,
    minutes,
    since,
    description,
    source,
    *,
    week=None,
    interval=1,
    organisation=None,
    capacity=None,
    signup_required=False,
    cost="0.00",
    accessibility_notes="",
    invented=True,
):
    return {
        "place": place["slug"],
        "title": title,
        "theme": theme,
        "frequency": "monthly" if week else "weekly",
        "weekdays": list(days),
        "week_of_month": week,
        "interval": interval,
        "valid_from": since,
        "valid_until": None,
        "start_time": start,
        "duration": minutes,
        "description": description,
        "organisation": organisation,
        "capacity": capacity,
        "signup_required": signup_required,
        "cost": cost,
        "accessibility_notes": accessibility_notes,
        "is_public": True,
        "source": source,
        "invented": invented,
    }


SPORTS_MORNING = _activity(
    WOLFSBOS,
    "Sportochtend",
    "exercise",
    [THU],
    "10:00",
    60,
    _HV_SINCE,
    "Samen bewegen, op uw eigen tempo. Voor iedereen die een gewone sportschool te veel "
    "vindt. U hoeft zich niet op te geven: loop gewoon binnen. Trek makkelijke kleren aan.",
    f"{HOOGEVEEN}: ''s Ochtends is er gelegenheid om te sporten, speciaal voor mensen die het "
    "lastig vinden om naar een reguliere sportschool te gaan'. Invented: the hour, 10.00-11.00.",
    accessibility_notes="U kunt ook op een stoel meedoen.",
)
SINGING = _activity(
    WOLFSBOS,
    "Samen zingen",
    "music",
    [THU],
    "11:00",
    60,
    _HV_SINCE,
    "Zingt u graag? We zingen samen bekende liedjes. U hoeft geen noten te kunnen lezen. "
    "Er is plek voor 12 mensen, dus geef u op.",
    f"{HOOGEVEEN}: 'zoals muziek maken, wat bijzonder populair is'. Invented: a singing group "
    "every other Thursday, 11.00-12.00, with 12 seats.",
    interval=2,
    capacity=12,
    signup_required=True,
)
WORKSHOP = _activity(
    WOLFSBOS,
    "Workshop kaarten maken",
    "creative",
    [THU],
    "13:30",
    120,
    _HV_SINCE,
    "Maak zelf een mooie kaart, voor een verjaardag of om iemand te bedanken. Al het materiaal "
    "is er. Het kost € 2,50, dat betaalt u bij de deur. Er is plek voor 8 mensen.",
    f"{HOOGEVEEN}: 'men kan zich inschrijven voor diverse workshops'. Invented: this workshop "
    "on the first Thursday of the month, 13.30-15.30, 8 seats and the cost.",
    week=1,
    capacity=8,
    signup_required=True,
    cost="2.50",
)
SHARED_LUNCH = _activity(
    WOLFSBOS,
    "Samen lunchen",
    "food",
    [THU],
    "12:00",
    90,
    _HV_SINCE,
    "Elke laatste donderdag van de maand lunchen we samen. We smeren broodjes en drinken "
    "koffie of thee. Het is altijd gezellig en vaak vol: geef u op tijd op. Mag u iets niet "
    "eten? Zet het bij de opmerking.",
    f"{HOOGEVEEN}: 'Elke laatste donderdag van de maand is er een gezamenlijke lunch, die altijd "
    "druk bezocht en erg gezellig is'. Invented: 12.00-13.30 and 20 seats.",
    week=-1,
    capacity=20,
    signup_required=True,
    accessibility_notes="De ingang is zonder drempel en er is een invalidentoilet.",
)
LANGUAGE_AND_COMPUTERS = _activity(
    NIEUW_BUINEN,
    "Hulp bij taal en de computer",
    "computers",
    [THU],
    "09:00",
    180,
    _NB_SINCE,
    "Op donderdagochtend helpen we u met taal, rekenen en de computer. Ook met een "
    "sollicitatiebrief. Neem uw laptop of telefoon mee als u die heeft. U hoeft zich niet op "
    "te geven: loop gewoon binnen.",
    f"{BORGER_ODOORN}: 'op donderdagochtend in de buurtkamer terecht voor vragen over taal, "
    "rekenen, het gebruiken van een computer en solliciteren'. Invented: that volunteers give "
    "the help; the item does not say who.",
)
COFFEE_MORNING = _activity(
    DOKKUM,
    "Koffieochtend",
    "meeting",
    [FRI],
    "10:00",
    120,
    _FRIESLAND_SINCE,
    "Op vrijdagochtend staat de koffie klaar. Drink een kopje, doe een spelletje of maak een "
    "praatje. Vrijwilligers uit de buurt ontvangen u. Loop gewoon binnen.",
    f"{AANZET}: 'vrijwilligers', 'gezellig koffiedrinken, een spelletje doen en een praatje "
    "maken'. Invented: Friday mornings 10.00-12.00, as the invented opening hours.",
)

ACTIVITIES = [
    SPORTS_MORNING,
    SINGING,
    WORKSHOP,
    SHARED_LUNCH,
    LANGUAGE_AND_COMPUTERS,
    COFFEE_MORNING,
]


def _next_weekday(day: date, weekdays: set[int]) -> date:
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def dated_exceptions(today: date) -> dict[str, dict[str, list[dict]]]:
    """Closures and extra openings per place slug, in the weeks after `today`, so a demo loaded
    on any day shows them. All invented."""
    summer = today.year if today <= date(today.year, 8, 31) else today.year + 1
    summer_break = {
        "start_date": date(summer, 7, 27),
        "end_date": date(summer, 8, 30),
        "reason": "Zomerstop: de vrijwilligers zijn op vakantie",
    }
    cancelled = _next_weekday(today + timedelta(days=10), {MON, TUE, WED, FRI})
    extra = _next_weekday(today + timedelta(days=4), {SAT})
    result: dict[str, dict[str, list[dict]]] = {
        slug: {"closures": [summer_break], "extra_openings": []} for slug in FRIESLAND_BUURTKAMERS
    }
    result[NIEUW_BUINEN["slug"]] = {
        "closures": [
            {
                "start_date": cancelled,
                "end_date": cancelled,
                "reason": "Studiedag van de medewerkers",
            }
        ],
        "extra_openings": [
            {
                "date": extra,
                "start_time": "10:00",
                "end_time": "12:00",
                "reason": "Extra ochtend: hulp bij het aanvragen van de energietoeslag",
            }
        ],
    }
    return result


# The demo's staff, one person per role, all with the one demo password (NAOBER_DEMO_PASSWORD,
# or generated by `naober demo`). Only `naober demo` creates them; names and e-mail are invented.
def _person(username, first_name, organisation, role, *, municipality=None, places=()):
    return {
        "username": username,
        "first_name": first_name,
        "organisation": organisation,
        "role": role,
        "municipality": municipality,
        "places": list(places),
    }


PEOPLE = [
    # Also edits places, opening hours and activities in the admin (/beheer/).
    _person("coordinator-andes", "Carla", "Andes", "coordinator", municipality="borger-odoorn"),
    _person("host-nieuw-buinen", "Hanna", "Andes", "host", places=[NIEUW_BUINEN["slug"]]),
    _person("lefier", "Lars", "Lefier", "partner"),
    _person("police-borger-odoorn", "Petra", "Politie Noord-Nederland", "partner"),
    _person("social-team-borger-odoorn", "Sanne", "Sociale teams Borger-Odoorn", "partner"),
    _person("host-wolfsbos", "Willem", "Stichting Welzijnswerk", "host", places=[WOLFSBOS["slug"]]),
]
# Manages accounts in the admin; a superuser reads no referral.
SUPERUSER = "admin"
# The coordinator's rights in the admin: every model of these apps, and these models ("app.model")
# of others. Activities and their sessions, not the sign-ups: residents' names are the hosts'.
COORDINATOR_ADMIN_APPS = ["places", "schedules"]
COORDINATOR_ADMIN_MODELS = [
    "activities.activity",
    "activities.session",
    # The roster's people, needs, shares and rules; rosters themselves only to look at.
    "rosters.person",
    "rosters.availability",
    "rosters.absence",
    "rosters.staffingneed",
    "rosters.share",
    "rosters.rosterpolicy",
    "rosters.roster",
    # Network planning: the buildings inventory and the needs surveys; scenarios and answers
    # only to look at.
    "planning.candidatebuilding",
    "planning.survey",
    "planning.surveyresponse",
    "planning.scenario",
]


# Questions from the desk in Nieuw-Buinen, referred by its host. Everything about the residents is
# invented: names like "Voorbeeld", 06-000000xx numbers, example.org addresses. `steps` are the
# status changes the receiving organisation made since; `key` keeps a reload from adding them again.
_REFERRAL_SOURCE = (
    "Invented: a demo referral; the resident, the question and the contact details are made up."
)


def _referral(key, to, theme, description, urgency, method, contact, steps=(), outcome=""):
    return {
        "key": key,
        "place": NIEUW_BUINEN["slug"],
        "by": "host-nieuw-buinen",
        "to": to,
        "theme": theme,
        "description": description,
        "urgency": urgency,
        "contact_method": method,
        "contact": contact,
        "steps": list(steps),
        "outcome": outcome,
        "source": _REFERRAL_SOURCE,
    }


REFERRALS = [
    _referral(
        "lefier-mould",
        "Lefier",
        "housing",
        "Schimmel op de muur van de slaapkamer, al sinds de herfst. Mevrouw heeft het eerder "
        "gemeld maar hoorde niets terug.",
        "soon",
        "phone",
        {
            "name": "Mevrouw J. Voorbeeld",
            "phone": "06-00000001",
            "note": "Liever niet op woensdag",
        },
        steps=["accepted", "contacted", "closed"],
        outcome="helped",
    ),
    _referral(
        "lefier-adapted-home",
        "Lefier",
        "housing",
        "Meneer kan de trap niet meer op en zoekt een woning op de begane grond in Nieuw-Buinen.",
        "normal",
        "home_visit",
        {
            "name": "Meneer H. Proef",
            "phone": "06-00000002",
            "address": "Voorbeeldstraat 1, Nieuw-Buinen",
        },
        steps=["accepted", "contacted"],
    ),
    _referral(
        "social-team-energietoeslag",
        "Sociale teams Borger-Odoorn",
        "money",
        "Vraag over de energietoeslag: de aanvraag is afgewezen en mevrouw begrijpt de brief niet.",
        "soon",
        "email",
        {
            "name": "Mevrouw A. Testman",
            "email": "a.testman@example.org",
            "phone": "06-00000003",
        },
        steps=["accepted"],
    ),
    _referral(
        "police-nuisance",
        "Politie Noord-Nederland",
        "safety",
        "Al weken 's nachts overlast van brommers bij het winkelcentrum. Meneer wil graag met de "
        "wijkagent praten.",
        "normal",
        "at_place",
        {"name": "Meneer K. Demo", "email": "k.demo@example.org"},
    ),
]

# Places whose desk gets invented visit counts, for the weeks before the demo is loaded.
VISIT_PLACES = [NIEUW_BUINEN["slug"], WOLFSBOS["slug"]]
VISIT_WEEKS = 4


# Invented residents signed up for the next session of some Wolfsbos activities, through the same
# rules as the sign-up page and the desk (`at_desk`: the host signed them up). The shared lunch is
# "altijd druk bezocht": its 20 seats are taken and two wait. Everything is invented: names like
# "Voorbeeld", numbers 06 123456xx, example.org addresses; `key` keeps a reload from adding them
# again.
def _signup(key, name, *, phone="", email="", people=1, note="", at_desk=False):
    return {
        "key": key,
        "name": name,
        "phone": phone,
        "email": email,
        "people": people,
        "note": note,
        "at_desk": at_desk,
    }


SIGNUPS = [
    {
        "activity": SHARED_LUNCH["title"],
        "place": WOLFSBOS["slug"],
        "signups": [
            _signup("lunch-01", "Mevrouw T. Voorbeeld", phone="06 12345601", people=2),
            _signup("lunch-02", "Meneer B. Proef", phone="06 12345602", note="Geen varkensvlees"),
            _signup("lunch-03", "Mevrouw G. Testman", email="g.testman@example.org"),
            _signup(
                "lunch-04",
                "Familie Demo",
                phone="06 12345604",
                people=2,
                note="Eén van ons eet vegetarisch",
            ),
            _signup("lunch-05", "Meneer H. Bedacht", phone="06 12345605", at_desk=True),
            _signup(
                "lunch-06", "Mevrouw J. Verzonnen", phone="06 12345606", people=2, at_desk=True
            ),
            _signup("lunch-07", "Meneer K. Fictief", email="k.fictief@example.org"),
            _signup(
                "lunch-08", "Mevrouw L. Denkbeeld", phone="06 12345608", note="Komt met rollator"
            ),
            _signup(
                "lunch-09",
                "Mevrouw M. Voorbeeld-Proef",
                phone="06 12345609",
                people=3,
                note="Met twee kleinkinderen",
            ),
            _signup("lunch-10", "Meneer N. Testman", phone="06 12345610", note="Glutenvrij"),
            _signup(
                "lunch-11",
                "Mevrouw P. Demo",
                phone="06 12345611",
                email="p.demo@example.org",
                people=2,
            ),
            _signup("lunch-12", "Meneer R. Bedacht", phone="06 12345612", at_desk=True),
            _signup("lunch-13", "Mevrouw S. Verzonnen", phone="06 12345613", people=2),
            # Full: these two are on the waiting list.
            _signup("lunch-14", "Meneer V. Fictief", phone="06 12345614"),
            _signup("lunch-15", "Mevrouw W. Denkbeeld", phone="06 12345615", people=2),
        ],
    },
    {
        "activity": SINGING["title"],
        "place": WOLFSBOS["slug"],
        "signups": [
            _signup("singing-01", "Mevrouw T. Voorbeeld", phone="06 12345601"),
            _signup("singing-02", "Meneer A. Proefmans", phone="06 12345616", people=2),
            _signup("singing-03", "Mevrouw C. Testman", email="c.testman@example.org"),
        ],
    },
    {
        "activity": WORKSHOP["title"],
        "place": WOLFSBOS["slug"],
        "signups": [
            _signup("workshop-01", "Mevrouw D. Demo", phone="06 12345617", people=2),
            _signup("workshop-02", "Mevrouw E. Bedacht", phone="06 12345618", at_desk=True),
        ],
    },
]


# The roster (issue 5): who staffs the openings of each seed network, invented from what the
# documents say about who is there. The people are made up (names, skills, days, caps), and so
# are the shares, needs and rules; `naober demo` generates a published roster for the 13 weeks
# from the day of loading (load_rosters). Some people are the demo's logins (data.PEOPLE and
# ROSTER_LOGINS), so /rooster/ shows their shifts.
_ROSTER_SOURCE = "Invented: a demo person on the roster; name, skills, days and caps are made up."
ROSTER_WEEKS = 13
# Seconds the solver may take per network: the demo's networks are small, and its first full
# roster comes within a hundredth of a second; a second leaves time to make it fair.
ROSTER_TIME_LIMIT = 1
ROSTER_SEED = 2026


def _on(days, start, end):
    """Weekly availability: the same hours on each of these days."""
    return [(day, start, end) for day in days]


def _rostered(
    name,
    organisation,
    skills,
    availability,
    *,
    home,
    per_week=2,
    per_month=8,
    login=None,
    prefers=(),
    away=(),
):
    """A person on the roster; `away`: absences as (first, last) days after the day of loading."""
    return {
        "name": name,
        "organisation": organisation,
        "skills": list(skills),
        "availability": availability,
        "home_village": home,
        "max_per_week": per_week,
        "max_per_month": per_month,
        "login": login,
        "preferred_places": list(prefers),
        "away": list(away),
        "source": _ROSTER_SOURCE,
    }


def _need(place, people=2, skills=None):
    return {"place": place["slug"], "people": people, "skills": skills or {"hosting": 1}}


def _share(organisation, percent, places=()):
    return {"organisation": organisation, "percent": percent, "places": [p["slug"] for p in places]}


_NB = NIEUW_BUINEN["slug"]
_MORNING = ("09:00", "12:00")
_SW_DAY = ("09:00", "16:00")

ROSTERS = [
    {
        # "Elke organisatie levert een bijdrage in de bemensing": the partners staff the
        # mornings on the days the presence rules promise them, with a volunteer host.
        "municipality": "borger-odoorn",
        "policy": {"approval": "coordinator", "max_distance_km": 15},
        "needs": [_need(NIEUW_BUINEN)],
        "shares": [
            _share("Andes", 25, [NIEUW_BUINEN]),
            _share("Sociale teams Borger-Odoorn", 25, [NIEUW_BUINEN]),
            _share("Lefier", 20, [NIEUW_BUINEN]),
            _share("Gemeente Borger-Odoorn", 15, [NIEUW_BUINEN]),
            _share("Woonservice", 15, [NIEUW_BUINEN]),
        ],
        "people": [
            _rostered(
                "Hanna Mulder",
                "Andes",
                ["hosting", "language", "computer"],
                _on([MON, TUE, WED, THU], *_MORNING),
                home="Nieuw-Buinen",
                per_week=3,
                per_month=12,
                login="host-nieuw-buinen",
                prefers=[_NB],
            ),
            _rostered(
                "Bram Hofman",
                "Andes",
                ["hosting", "first_aid", "cooking"],
                _on([MON, WED, THU], *_MORNING),
                home="Buinen",
                per_week=2,
                per_month=8,
                away=[(14, 27)],
            ),
            _rostered(
                "Sanne Kuiper",
                "Sociale teams Borger-Odoorn",
                ["hosting", "wmo", "money"],
                _on([TUE, THU, FRI], *_MORNING) + _on([SAT], "10:00", "12:00"),
                home="Borger",
                per_week=3,
                per_month=12,
                login="social-team-borger-odoorn",
            ),
            _rostered(
                "Fatima El Amrani",
                "Sociale teams Borger-Odoorn",
                ["hosting", "wmo", "language"],
                _on([TUE, WED, THU, FRI], *_MORNING),
                home="Exloo",
            ),
            _rostered(
                "Gert Huizing",
                "Gemeente Borger-Odoorn",
                ["wmo", "money"],
                _on([MON, FRI], *_MORNING),
                home="Borger",
                per_month=9,
            ),
            _rostered(
                "Lars Bosma",
                "Lefier",
                ["hosting", "money"],
                _on([MON, WED], *_MORNING),
                home="Stadskanaal",
                per_month=9,
                login="lefier",
            ),
            _rostered(
                "Monique Dijkstra",
                "Woonservice",
                ["money"],
                _on([TUE, FRI], *_MORNING),
                home="Nieuw-Buinen",
                per_month=9,
            ),
            _rostered(
                "Petra Smit",
                "Politie Noord-Nederland",
                ["first_aid"],
                _on([MON], *_MORNING),
                home="Borger",
                per_week=1,
                per_month=2,
                login="police-borger-odoorn",
            ),
            _rostered(
                "Albert Wubs",
                None,
                ["hosting", "computer"],
                _on([MON, FRI], *_MORNING),
                home="Nieuw-Buinen",
                prefers=[_NB],
            ),
            _rostered(
                "Jannie Bruins",
                None,
                ["hosting", "cooking"],
                _on([TUE, THU], *_MORNING) + _on([SAT], "10:00", "12:00"),
                home="Nieuw-Buinen",
                prefers=[_NB],
            ),
        ],
    },
    {
        # Stichting Welzijnswerk runs the Thursdays; GGZ Drenthe comes in the afternoon; the WMO
        # consultant, Cosis and Verslavingszorg once a month.
        "municipality": "hoogeveen",
        "policy": {"approval": "coordinator", "max_distance_km": 15},
        "needs": [_need(WOLFSBOS)],
        "shares": [
            _share("Stichting Welzijnswerk", 40),
            _share("GGZ Drenthe", 30),
        ],
        "people": [
            _rostered(
                "Willem Jansen",
                "Stichting Welzijnswerk",
                ["hosting", "cooking"],
                _on([THU], "10:00", "16:00"),
                home="Wolfsbos",
                per_week=1,
                per_month=4,
                login="host-wolfsbos",
            ),
            _rostered(
                "Ilse Timmer",
                "Stichting Welzijnswerk",
                ["hosting", "language"],
                _on([WED, THU], "09:00", "17:00"),
                home="Hoogeveen",
                per_week=1,
                per_month=3,
            ),
            _rostered(
                "Ruud Koster",
                "GGZ Drenthe",
                ["first_aid"],
                _on([THU], "10:00", "16:00"),
                home="Hoogeveen",
                per_week=1,
                per_month=3,
            ),
            _rostered(
                "Noor Veenstra",
                "GGZ Drenthe",
                ["hosting"],
                _on([THU], "09:00", "17:00"),
                home="Pesse",
                per_week=1,
                per_month=3,
            ),
            _rostered(
                "Karin Wolters",
                "Gemeente Hoogeveen",
                ["wmo", "money"],
                _on([TUE, THU], "09:00", "17:00"),
                home="Hoogeveen",
                per_week=1,
                per_month=2,
            ),
            _rostered(
                "Dirk Brouwer",
                "Cosis",
                ["hosting"],
                _on([THU], "10:00", "16:00"),
                home="Hollandscheveld",
                per_week=1,
                per_month=2,
            ),
            _rostered(
                "Els Prins",
                "Verslavingszorg Noord Nederland",
                [],
                _on([THU], "10:00", "16:00"),
                home="Hoogeveen",
                per_week=1,
                per_month=2,
            ),
            _rostered(
                "Gerda Lubbers",
                None,
                ["hosting", "cooking"],
                _on([THU], "10:00", "16:00"),
                home="Wolfsbos",
                per_week=1,
                per_month=4,
            ),
        ],
    },
    {
        # The Buurtkamers run on volunteers, with a worker of Stichting AanZet one day a week.
        "municipality": "tytsjerksteradiel",
        "policy": {"approval": "automatic", "max_distance_km": 15},
        "needs": [_need(BURGUM)],
        "shares": [],
        "people": [
            _rostered(
                "Jelle de Boer",
                "Stichting AanZet",
                ["hosting", "wmo"],
                _on([TUE, THU], "09:00", "12:30"),
                home="Burgum",
                per_week=1,
                per_month=5,
            ),
            _rostered(
                "Aukje Hoekstra",
                None,
                ["hosting", "cooking"],
                _on([TUE, THU], "09:00", "12:30"),
                home="Burgum",
            ),
            _rostered(
                "Geert Visser",
                None,
                ["computer", "language"],
                _on([TUE, THU], "09:00", "12:30"),
                home="Burgum",
            ),
            _rostered(
                "Pieter Wiersma",
                None,
                ["hosting", "first_aid"],
                _on([THU], "09:00", "12:30"),
                home="Hurdegaryp",
                per_week=1,
                per_month=4,
            ),
        ],
    },
    {
        "municipality": "noardeast-fryslan",
        "policy": {"approval": "automatic", "max_distance_km": 20},
        "needs": [_need(DOKKUM), _need(KOLLUM)],
        "shares": [],
        "people": [
            _rostered(
                "Marrit Zijlstra",
                "Stichting AanZet",
                ["hosting", "wmo", "money"],
                _on([WED], "13:00", "16:30") + _on([FRI], "09:30", "12:30"),
                home="Dokkum",
            ),
            _rostered(
                "Sjoukje Bakker",
                None,
                ["hosting", "cooking"],
                _on([TUE, FRI], "09:30", "12:30"),
                home="Dokkum",
                login="vrijwilliger-dokkum",
                prefers=[DOKKUM["slug"]],
            ),
            _rostered(
                "Hylke Postma",
                None,
                ["hosting", "first_aid"],
                _on([TUE, FRI], "09:30", "12:30"),
                home="Dokkum",
            ),
            _rostered(
                "Anneke Terpstra",
                None,
                ["hosting", "language"],
                _on([TUE], "09:30", "12:30") + _on([MON, WED], "13:00", "16:30"),
                home="Dokkum",
            ),
            _rostered(
                "Trijntje Kingma",
                None,
                ["hosting", "cooking"],
                _on([MON, WED], "13:00", "16:30"),
                home="Kollum",
            ),
            _rostered(
                "Wiebe Nauta",
                None,
                ["computer", "language"],
                _on([MON, WED], "13:00", "16:30"),
                home="Kollum",
            ),
        ],
    },
    {
        "municipality": "dantumadiel",
        "policy": {"approval": "automatic", "max_distance_km": 15},
        "needs": [_need(DE_WESTEREEN)],
        "shares": [],
        "people": [
            _rostered(
                "Femke Dijkstra",
                "Stichting AanZet",
                ["hosting", "wmo"],
                _on([WED], "09:00", "12:30"),
                home="De Westereen",
                per_week=1,
                per_month=5,
            ),
            _rostered(
                "Durk Sikkema",
                None,
                ["hosting", "first_aid"],
                _on([WED], "09:00", "12:30"),
                home="De Westereen",
                per_week=1,
                per_month=5,
            ),
            _rostered(
                "Baukje van der Meer",
                None,
                ["hosting", "cooking"],
                _on([WED], "09:00", "12:30"),
                home="Damwâld",
                per_week=1,
                per_month=5,
            ),
        ],
    },
    {
        # The gebiedsteam: the municipality, four housing corporations, Sociaal Werk De Kop and
        # the police at one table, a fixed day a month in every village; two of each partner.
        "municipality": "steenwijkerland",
        "policy": {"approval": "coordinator", "max_distance_km": 30},
        "needs": [_need(place, people=len(STEENWIJKERLAND_PARTNERS)) for place in AREA_TEAMS],
        # Each partner a seventh of the table.
        "shares": [_share(name, 14) for name in STEENWIJKERLAND_PARTNERS],
        "people": [
            _rostered(name, organisation, skills, availability, home=home, per_week=3, per_month=8)
            for name, organisation, skills, availability, home in [
                (
                    "Ingrid Mensink",
                    "Gemeente Steenwijkerland",
                    ["wmo", "money"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Steenwijk",
                ),
                (
                    "Rik Scholten",
                    "Gemeente Steenwijkerland",
                    ["hosting", "wmo"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Vollenhove",
                ),
                (
                    "Anja Vos",
                    "Wetland Wonen",
                    ["money"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Vollenhove",
                ),
                (
                    "Erik Lammers",
                    "Wetland Wonen",
                    ["hosting"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Steenwijk",
                ),
                (
                    "Sandra Bos",
                    "Woonconcept",
                    ["money"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Steenwijk",
                ),
                (
                    "Johan Nijboer",
                    "Woonconcept",
                    ["hosting"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Tuk",
                ),
                (
                    "Linda Kok",
                    "Omnia Wonen",
                    ["money"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Oldemarkt",
                ),
                (
                    "Wouter Pos",
                    "Omnia Wonen",
                    ["hosting"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Giethoorn",
                ),
                (
                    "Marja Ekkel",
                    "Woonzorg Nederland",
                    ["hosting", "first_aid"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Steenwijk",
                ),
                (
                    "Henk Bouwman",
                    "Woonzorg Nederland",
                    ["money"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Blokzijl",
                ),
                (
                    "Yvonne Mulder",
                    "Sociaal Werk De Kop",
                    ["hosting", "wmo", "language"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Steenwijk",
                ),
                (
                    "Bart Tijhuis",
                    "Sociaal Werk De Kop",
                    ["hosting", "money", "computer"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Kuinre",
                ),
                (
                    "Mark Hulst",
                    "Politie Oost-Nederland",
                    ["first_aid"],
                    _on([MON, TUE, WED], *_SW_DAY),
                    "Steenwijk",
                ),
                (
                    "Esther Wessels",
                    "Politie Oost-Nederland",
                    ["first_aid"],
                    _on([WED, THU, FRI], *_SW_DAY),
                    "Wanneperveen",
                ),
            ]
        ],
    },
    {
        # WiN's workers with volunteers from the villages.
        "municipality": "noordenveld",
        "policy": {"approval": "automatic", "max_distance_km": 15},
        "needs": [_need(place) for place in MEETING_PLACES],
        "shares": [_share("Welzijn in Noordenveld (WiN)", 40)],
        "people": [
            _rostered(
                "Anouk Meijer",
                "Welzijn in Noordenveld (WiN)",
                ["hosting", "money", "language"],
                _on([TUE, WED], "09:00", "12:30") + _on([THU], "13:30", "17:00"),
                home="Roden",
                per_week=3,
                per_month=10,
            ),
            _rostered(
                "Bas Hendriks",
                "Welzijn in Noordenveld (WiN)",
                ["hosting", "computer"],
                _on([MON], "13:30", "16:30") + _on([WED], "09:00", "12:30"),
                home="Peize",
            ),
            _rostered(
                "Hennie Oosting",
                None,
                ["hosting", "cooking"],
                _on([TUE], "09:30", "12:30") + _on([THU], "13:30", "17:00"),
                home="Norg",
            ),
            _rostered(
                "Tiny Schuiling",
                None,
                ["hosting"],
                _on([TUE], "09:30", "12:30") + _on([THU], "13:30", "17:00"),
                home="Norg",
            ),
            _rostered(
                "Klaas Boelens",
                None,
                ["hosting", "first_aid"],
                _on([WED], "09:00", "12:00"),
                home="Roden",
                per_week=1,
                per_month=5,
            ),
            _rostered(
                "Roelie Kamps",
                None,
                ["hosting", "cooking"],
                _on([MON], "13:30", "16:30"),
                home="Peize",
                per_week=1,
                per_month=5,
            ),
        ],
    },
]
# Logins only the roster needs: a volunteer has no role at a desk, only their shifts (/rooster/).
ROSTER_LOGINS = [
    {
        "username": "vrijwilliger-dokkum",
        "first_name": "Sjoukje",
        "municipality": "noardeast-fryslan",
    }
]


# Network planning (issue 6). Residents: CBS's population per postcode area (the file naober
# ships for postcode search), imported once for the seven demo municipalities. Noordenveld
# inventories buildings per village and asks residents what they need in 3, 5 and 10 years
# ("Iedereen doet mee in Noordenveld"); the candidate buildings and the survey answers below are
# invented: names are generic, places stand near the CBS point of their postcode area, answers
# are made up.
PLANNING_DEMAND = {
    "name": "CBS inwoners per postcodegebied (1-1-2021)",
    "source": "Bron: CBS, PDOK (CC BY 4.0)",
    "municipalities": [row["cbs_code"] for row in MUNICIPALITIES],
}
_CANDIDATE_NOTE = (
    "Invented: a demo candidate building for {source}; name, facilities and the exact spot "
    "(about {distance} m from the CBS point of postcode area {pc4}) are made up."
)


def _candidate(name, kind, town, pc4, dx, dy, available="", **features):
    """A candidate building dx, dy metres (RD New) from the CBS point of postcode area pc4."""
    return {
        "name": name,
        "kind": kind,
        "town": town,
        "pc4": pc4,
        "offset": (dx, dy),
        "available": available,
        "notes": _CANDIDATE_NOTE.format(
            source=NOORDENVELD, distance=round((dx * dx + dy * dy) ** 0.5), pc4=pc4
        ),
        **features,
    }


PLANNING_CANDIDATES = {
    "noordenveld": [
        _candidate(
            "Sporthal Roden-West",
            "sports_club",
            "Roden",
            "9302",
            120,
            -80,
            available="weekday mornings",
            step_free_entrance=True,
            accessible_toilet=True,
            parking=True,
            capacity=40,
        ),
        _candidate(
            "Dorpshuis Nieuw-Roden",
            "community_centre",
            "Nieuw-Roden",
            "9311",
            60,
            90,
            available="Monday to Thursday",
            step_free_entrance=True,
            accessible_toilet=True,
            kitchen=True,
            capacity=60,
        ),
        _candidate(
            "Kerkgebouw Nietap",
            "church",
            "Nietap",
            "9312",
            -100,
            50,
            available="Tuesday and Thursday afternoons",
            step_free_entrance=True,
            capacity=80,
        ),
        _candidate(
            "Voetbalkantine Roderesch",
            "sports_club",
            "Roderesch",
            "9305",
            150,
            0,
            available="weekday mornings",
            kitchen=True,
            parking=True,
            capacity=30,
        ),
        _candidate(
            "Sportkantine Peize",
            "sports_club",
            "Peize",
            "9321",
            -150,
            120,
            available="weekday mornings",
            kitchen=True,
            parking=True,
            capacity=35,
        ),
        _candidate(
            "Bibliotheek Norg",
            "library",
            "Norg",
            "9331",
            80,
            -60,
            available="Monday and Friday",
            step_free_entrance=True,
            accessible_toilet=True,
            hearing_loop=True,
            capacity=25,
        ),
        _candidate(
            "Kerk Langelo",
            "church",
            "Langelo",
            "9333",
            0,
            100,
            available="weekdays",
            capacity=50,
        ),
        _candidate(
            "Zorgcentrum Veenhuizen",
            "care",
            "Veenhuizen",
            "9341",
            200,
            150,
            available="afternoons",
            step_free_entrance=True,
            accessible_toilet=True,
            hearing_loop=True,
            kitchen=True,
            capacity=30,
        ),
        _candidate(
            "Basisschool Een",
            "school",
            "Een",
            "9342",
            -80,
            -120,
            available="after school, from 15:00",
            step_free_entrance=True,
            capacity=25,
        ),
        _candidate(
            "Dorpshuis Westervelde",
            "community_centre",
            "Westervelde",
            "9337",
            50,
            50,
            available="weekdays",
            kitchen=True,
            parking=True,
            capacity=45,
        ),
    ],
}

# A needs survey per larger village of Noordenveld (800 residents or more in CBS's figures), with
# invented anonymous answers: `answers` of them, drawn with a fixed seed so a reload gives the
# same ones. Introductions are resident-facing Dutch, as WiN would write them.
PLANNING_SURVEY_WEEKS = 6
PLANNING_SURVEYS = [
    {"municipality": "noordenveld", "village": village, "answers": answers}
    for village, answers in [
        ("Roden", 15),
        ("Peize", 12),
        ("Norg", 10),
        ("Nieuw-Roden", 8),
        ("Veenhuizen", 7),
        ("Nietap", 6),
        ("Een", 5),
    ]
]
PLANNING_SURVEY_INTRODUCTION = (
    "Welzijn in Noordenveld wil weten wat u nodig heeft in {village}. Nu, en over 3, 5 of 10 "
    "jaar. Het kost een paar minuten. U hoeft uw naam niet te geven."
)
# Wishes some invented residents wrote; most leave the box empty.
PLANNING_SURVEY_WISHES = [
    "Een plek waar je zonder afspraak koffie kunt drinken.",
    "Graag ook iets op zaterdag, door de week werk ik.",
    "Samen koken en eten zou fijn zijn.",
    "Hulp met formulieren van de gemeente.",
    "Een busje voor mensen die niet meer kunnen fietsen.",
    "Iets voor jongeren in het dorp.",
]

# The policy maker of Noordenveld: sees the planning pages of that network. The demo has no
# organisation for the municipality itself, so the login is a member of WiN.
PLANNING_LOGINS = [
    {
        "username": "beleid-noordenveld",
        "first_name": "Bente",
        "organisation": "Welzijn in Noordenveld (WiN)",
        "municipality": "noordenveld",
    }
]
