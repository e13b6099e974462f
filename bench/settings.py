"""naober's own settings for the benchmark, plus a bare view to compare with (bench/urls.py).

Selected by DJANGO_SETTINGS_MODULE=bench.settings; everything else (middleware, templates,
database from DATABASE_URL, static files) is exactly what a production install runs.
"""

import os

from naober.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The benchmark measures the pages, not the console: keep gunicorn's workers quiet.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# bench/guide.py falls back to unhashed static files when `collectstatic` cannot build the
# manifest (it says so in its output): the pages cost the same, only the file names differ.
if os.environ.get("NAOBER_BENCH_PLAIN_STATIC") == "1":
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedStaticFilesStorage"  # noqa: F405
