"""The days of a rule are seven checkboxes, Monday to Sunday, not a list of numbers."""

from naober.places.constants import Weekday
from naober.schedules.models import PresenceRule

from .browser import form_data
from .editing import fill, in_dutch, open_place, place_url, row


def test_days_show_as_ticked_checkboxes_monday_to_sunday(staff, nieuw_buinen):
    response = staff.get(place_url(nieuw_buinen))
    page = response.content.decode()
    at = row(
        form_data(response, "place_form"), "opening_rules", nieuw_buinen.opening_rules.get().pk
    )
    boxes = [
        f'<input type="checkbox" name="{at}-weekdays" value="{day}" id="id_{at}-weekdays_{day}"'
        for day in range(7)
    ]
    positions = [page.index(box) for box in boxes]
    assert positions == sorted(positions)
    for day, position in enumerate(positions):
        label = page[position : page.index("</label>", position)]
        assert in_dutch(Weekday(day).label) in label
        assert ("checked" in label) == (day < 5)
    assert "[0, 1, 2, 3, 4]" not in page


def test_ticking_tuesday_and_thursday_saves_those_days(staff, nieuw_buinen):
    lefier = PresenceRule.objects.get(place=nieuw_buinen, organisation__name="Lefier")
    url, data = open_place(staff, nieuw_buinen)
    fill(data, row(data, "presence_rules", lefier.pk), weekdays=[1, 3])
    assert staff.post(url, data).status_code == 302
    lefier.refresh_from_db()
    assert lefier.weekdays == [1, 3]


def test_a_day_that_does_not_exist_is_refused(staff, nieuw_buinen):
    lefier = PresenceRule.objects.get(place=nieuw_buinen, organisation__name="Lefier")
    url, data = open_place(staff, nieuw_buinen)
    fill(data, row(data, "presence_rules", lefier.pk), weekdays=[0, 7])
    response = staff.post(url, data)
    assert response.status_code == 200
    lefier.refresh_from_db()
    assert lefier.weekdays == [0]
