"""naober's settings, read from environment variables.

Every variable is listed in docs/settings.md with its default; this module is the one place that
reads them. The defaults give a working demo on SQLite with nothing else installed.
"""

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("NAOBER_DEBUG", False)
# A demo or test run may use the insecure key; a real installation must set its own.
SECRET_KEY = env("NAOBER_SECRET_KEY", "insecure-naober-demo-key-change-me")
ALLOWED_HOSTS = envlist("NAOBER_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("NAOBER_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("NAOBER_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # django-ninja: serves the API docs page with its own copy of Swagger UI, not from a CDN.
    "ninja",
    "naober.places",
    "naober.schedules",
    "naober.guide",
    "naober.api",
    "naober.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "naober.urls"
WSGI_APPLICATION = "naober.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "naober.guide.context_processors.guide",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{Path.cwd() / 'naober.sqlite3'}"),
        conn_max_age=envint("NAOBER_DB_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process keeps its own cache: no service to run. It holds the guide's pages for a minute
# (NAOBER_GUIDE_CACHE_SECONDS), so workers never disagree for longer than that.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Room for every place page and the searches of a province at once.
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first, English beside it.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("NAOBER_STATIC_ROOT", str(Path.cwd() / "staticfiles")))
# Hashed, compressed static file names (cached for a year) once `naober collectstatic` has written
# its manifest; before that (demo, tests) plain names, so a fresh checkout serves pages at once.
STATIC_MANIFEST = envbool("NAOBER_STATIC_MANIFEST", (STATIC_ROOT / "staticfiles.json").exists())
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the apps' static folders when collectstatic has not run (demo, tests).
WHITENOISE_USE_FINDERS = True
# Before collectstatic there is no STATIC_ROOT, and WhiteNoise says so on every start.
warnings.filterwarnings("ignore", message="No directory at")
WHITENOISE_MANIFEST_STRICT = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("NAOBER_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# The map's background tiles; the page works without them.
NAOBER_MAP_TILES_URL = env(
    "NAOBER_MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
NAOBER_MAP_ATTRIBUTION = env("NAOBER_MAP_ATTRIBUTION", "Kaartgegevens &copy; Kadaster (PDOK)")
# Postcode to location: "local" uses the CBS postcode centroids shipped with naober;
# "pdok" asks the PDOK Locatieserver first and falls back to the local table.
NAOBER_GEOCODER = env("NAOBER_GEOCODER", "local")
NAOBER_PDOK_LOCATIESERVER_URL = env(
    "NAOBER_PDOK_LOCATIESERVER_URL",
    "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
)
# Seconds a public guide page is served from the cache (0: never cached).
NAOBER_GUIDE_CACHE_SECONDS = envint("NAOBER_GUIDE_CACHE_SECONDS", 60)
# How many days ahead a calendar feed reaches, and how far back it starts.
NAOBER_FEED_DAYS_AHEAD = envint("NAOBER_FEED_DAYS_AHEAD", 183)
NAOBER_FEED_DAYS_BACK = envint("NAOBER_FEED_DAYS_BACK", 31)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("NAOBER_LOG_LEVEL", "INFO")},
}
