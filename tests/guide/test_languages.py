"""Dutch at /, English at /en/, and a plain link between them on every page."""


def test_dutch_pages_say_so_and_link_to_the_english_page(client, nieuw_buinen, monday_morning):
    html = client.get("/plek/buurtkamer-nieuw-buinen/").content.decode()
    assert '<html lang="nl">' in html
    assert '<a href="/en/plek/buurtkamer-nieuw-buinen/" lang="en" hreflang="en">English</a>' in html


def test_english_pages_link_back_to_dutch_keeping_the_search(client, nieuw_buinen, monday_morning):
    html = client.get("/en/", {"q": "9521"}).content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/?q=9521" lang="nl" hreflang="nl">Nederlands</a>' in html


def test_dates_follow_the_language(client, nieuw_buinen, monday_morning):
    dutch = client.get("/plek/buurtkamer-nieuw-buinen/").content.decode()
    english = client.get("/en/plek/buurtkamer-nieuw-buinen/").content.decode()
    assert "maandag 2 maart" in dutch
    assert "Monday 2 March" in english


def test_the_not_found_page_links_to_the_other_language_home(client, db):
    html = client.get("/en/no/such/page/").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/" lang="nl" hreflang="nl">Nederlands</a>' in html


def test_every_page_has_one_heading_a_skip_link_and_landmarks(client, nieuw_buinen, monday_morning):
    for url in ["/", "/?q=9521", "/plek/buurtkamer-nieuw-buinen/", "/gemeente/borger-odoorn/"]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert '<a class="skip-link" href="#main">' in html
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            assert landmark in html, (url, landmark)
