import time as t
from datetime import date, time
import random
from naober.places.models import Place, Theme
from naober.schedules.models import OpeningRule, PresenceRule
from naober.schedules.openings import openings_for
from naober.schedules import recurrence

def test_bench(make_place, andes, police):
    rnd = random.Random(1)
    places = []
    for n in range(2000):
        p = Place(name=f"P{n}", slug=f"p{n}", kind="buurtkamer", building=make_place.__closure__ and None or None, municipality_id=None)
        places.append(p)
    # use make_place for one, then bulk
    base = make_place("base")
    objs = [Place(name=f"P{n}", slug=f"p{n}", kind="buurtkamer", building=base.building, municipality=base.municipality, village="X") for n in range(2000)]
    Place.objects.bulk_create(objs)
    objs = list(Place.objects.exclude(pk=base.pk))
    rules = []
    pres = []
    for p in objs:
        for k in range(3):
            wd = sorted(rnd.sample(range(5), rnd.randint(1, 3)))
            if rnd.random() < 0.3:
                rules.append(OpeningRule(place=p, frequency="monthly", week_of_month=rnd.choice([1,2,3,4,-1]), weekdays=wd[:1], valid_from=date(2025, rnd.randint(1,12), 1), start_time=time(9+k*2), end_time=time(10+k*2)))
            else:
                rules.append(OpeningRule(place=p, weekdays=wd, interval=rnd.choice([1,1,1,2]), valid_from=date(2025, rnd.randint(1,12), rnd.randint(1,28)), start_time=time(9+k*2), end_time=time(10+k*2)))
        pres.append(PresenceRule(place=p, organisation=andes, weekdays=[0,1,2,3,4], valid_from=date(2025,1,1)))
        pres.append(PresenceRule(place=p, organisation=police, frequency="monthly", week_of_month=1, weekdays=[0], valid_from=date(2025,1,1)))
    OpeningRule.objects.bulk_create(rules)
    PresenceRule.objects.bulk_create(pres)
    for label, s, e in [("4 weeks", date(2026,4,1), date(2026,4,28)), ("year", date(2026,1,1), date(2026,12,31))]:
        for run in range(2):
            recurrence._dates.cache_clear() if run == 0 else None
            qs = Place.objects.all()
            t0 = t.perf_counter()
            found = openings_for(qs, s, e)
            t1 = t.perf_counter()
            print(label, "run", run, f"{t1-t0:.2f}s", sum(len(v) for v in found.values()), recurrence._dates.cache_info())
        for run in range(3):
            qs = list(Place.objects.all()[:20])
            t0 = t.perf_counter(); openings_for(qs, s, e); print(label, "20 places", f"{(t.perf_counter()-t0)*1000:.1f}ms")
