"""naober's own settings for the benchmark, plus a bare view to compare with (bench/urls.py).

Selected by DJANGO_SETTINGS_MODULE=bench.settings; everything else (middleware, templates,
database from DATABASE_URL, static files) is exactly what a production install runs.
"""

from naober.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The benchmark measures the pages, not the console: keep gunicorn's workers quiet.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
