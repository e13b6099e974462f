"""naober's settings, read from environment variables.

Every variable is listed in docs/settings.md with its default; this module is the one place that
reads them. The defaults give a working demo on SQLite with nothing else installed.
"""

import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

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
# Served over HTTPS behind a proxy that sets X-Forwarded-Proto: secure cookies, HSTS and a
# redirect from http. This is what "production settings" means in naober.
HTTPS = envbool("NAOBER_HTTPS", False)
# `naober demo` sets this: known demo passwords, no second factor. Never with production settings.
DEMO_MODE = envbool("NAOBER_DEMO_MODE", False)
if DEMO_MODE and HTTPS:
    raise ImproperlyConfigured(
        "NAOBER_DEMO_MODE turns the second factor off; it refuses to run with NAOBER_HTTPS "
        "(production settings). Unset one of them."
    )
# The one password of the demo's people; empty: `naober demo` makes up a new one each run.
NAOBER_DEMO_PASSWORD = env("NAOBER_DEMO_PASSWORD", "")
INSECURE_SECRET_KEY = "insecure-naober-demo-key-change-me"
# A demo or test run may use the insecure key; a real installation must set its own.
SECRET_KEY = env("NAOBER_SECRET_KEY", INSECURE_SECRET_KEY)
if HTTPS and SECRET_KEY == INSECURE_SECRET_KEY:
    raise ImproperlyConfigured("With NAOBER_HTTPS set, NAOBER_SECRET_KEY must be set too.")
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "naober.places",
    "naober.schedules",
    "naober.guide",
    "naober.accounts",
    "naober.desk",
    "naober.activities",
    "naober.rosters",
    "naober.planning",
    "naober.api",
    "naober.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "naober.accounts.middleware.StaffPagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Erased personal data is overwritten on disk too, not left in free pages of the file.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA secure_delete=ON;"
    # Every transaction takes the write lock when it begins: two sign-ups for the last seat then
    # wait for each other (up to `timeout` seconds) instead of both reading "one seat left".
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = envint("NAOBER_SQLITE_TIMEOUT", 20)
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

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"

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
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 63_072_000  # two years, as hstspreload.org asks
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp): everything from this site only; the map's background
# tiles are the one image source from elsewhere. No inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # tile host added below, once it is read
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Staff: a second factor (TOTP) for every account, except in demo mode.
NAOBER_REQUIRE_SECOND_FACTOR = not DEMO_MODE
OTP_TOTP_ISSUER = env("NAOBER_OTP_ISSUER", "naober")
# Passkeys (django-otp-webauthn) as a second factor beside the app, never instead of the
# password. A passkey belongs to one host name (the relying party), taken from NAOBER_SITE_URL;
# changing it later makes every passkey useless. Browsers allow passkeys over https only, and
# on http://localhost.
_passkey_site = urlsplit(SITE_URL)
OTP_WEBAUTHN_RP_ID = env("NAOBER_PASSKEY_RP_ID", _passkey_site.hostname or "localhost")
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = envlist(
    "NAOBER_PASSKEY_ORIGINS",
    f"{_passkey_site.scheme}://{_passkey_site.netloc}" if SITE_URL else "http://localhost:8000",
)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A staff session ends after this many minutes without a request, and when the browser closes.
NAOBER_IDLE_TIMEOUT_MINUTES = envint("NAOBER_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = NAOBER_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Wrong passwords allowed in a row; the next one locks the account (django-axes), even against
# the right password, for NAOBER_LOCKOUT_MINUTES or until a superuser unlocks it.
NAOBER_LOGIN_ATTEMPTS = envint("NAOBER_LOGIN_ATTEMPTS", 10)
AXES_FAILURE_LIMIT = NAOBER_LOGIN_ATTEMPTS + 1
# Each counts on its own: an account tried from anywhere, or one address trying many accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = envint("NAOBER_LOCKOUT_MINUTES", 60) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "naober.accounts.views.locked_out"
# naober keeps its own audit trail of logins; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# Behind a proxy, the client's address comes from X-Forwarded-For (NAOBER_PROXY_COUNT hops).
AXES_IPWARE_PROXY_COUNT = envint("NAOBER_PROXY_COUNT", 1 if HTTPS else 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Days after a referral is closed before its personal data (description, contact details) is
# deleted. Visit counts and the referral's status and theme stay for the figures.
NAOBER_REFERRAL_RETENTION_DAYS = envint("NAOBER_REFERRAL_RETENTION_DAYS", 90)

# Activities: how far ahead their sessions are planned (a season), how many people one sign-up
# may bring, how long someone promoted from the waiting list has to confirm, how long a sign-up's
# cancel link works, and days after its session before a sign-up's name and contact details go.
NAOBER_SESSION_HORIZON_DAYS = envint("NAOBER_SESSION_HORIZON_DAYS", 120)
NAOBER_SIGNUP_MAX_PEOPLE = envint("NAOBER_SIGNUP_MAX_PEOPLE", 6)
NAOBER_WAITLIST_CONFIRM_HOURS = envint("NAOBER_WAITLIST_CONFIRM_HOURS", 24)
NAOBER_SIGNUP_LINK_DAYS = envint("NAOBER_SIGNUP_LINK_DAYS", 180)
NAOBER_SIGNUP_RETENTION_DAYS = envint("NAOBER_SIGNUP_RETENTION_DAYS", 30)
# Public sign-ups and cancellations per client address (django-ratelimit, "count/period"). The
# count is kept in each process's own cache, so with N web workers the limit is N times this.
NAOBER_SIGNUP_RATE = env("NAOBER_SIGNUP_RATE", "20/h")
# The client's address as the audit trail reads it (behind NAOBER_PROXY_COUNT proxies).
RATELIMIT_IP_META_KEY = "naober.accounts.audit.client_address"
# Text messages (reminders, a freed seat) go through this backend; the console one prints them.
# Rosters: nobody is put on a shift starting within this many hours without saying yes; the
# solver's time limit for a quarter; the people an opening needs when no staffing need is set.
NAOBER_ROSTER_ASK_HOURS = envint("NAOBER_ROSTER_ASK_HOURS", 48)
NAOBER_ROSTER_TIME_LIMIT = envint("NAOBER_ROSTER_TIME_LIMIT", 30)
NAOBER_ROSTER_DEFAULT_PEOPLE = envint("NAOBER_ROSTER_DEFAULT_PEOPLE", 1)
# A staff member's or volunteer's absence is deleted this many days after it ended.
NAOBER_ABSENCE_RETENTION_DAYS = envint("NAOBER_ABSENCE_RETENTION_DAYS", 90)
# Network planning: road distance over straight-line distance, how often a place must be open
# to count as near (times a week; 0.23 is about once a month), and the siting solver's limit.
NAOBER_PLANNING_DETOUR = float(env("NAOBER_PLANNING_DETOUR", "1.3"))
NAOBER_PLANNING_MIN_OPENINGS_PER_WEEK = float(env("NAOBER_PLANNING_MIN_OPENINGS_PER_WEEK", "1"))
NAOBER_PLANNING_TIME_LIMIT = envint("NAOBER_PLANNING_TIME_LIMIT", 60)
NAOBER_SMS_BACKEND = env("NAOBER_SMS_BACKEND", "naober.sms.backends.ConsoleBackend")
# E-mail: SMTP when NAOBER_EMAIL_HOST is set; otherwise mails are printed on the console.
NAOBER_EMAIL_HOST = env("NAOBER_EMAIL_HOST", "")
if NAOBER_EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = NAOBER_EMAIL_HOST
    EMAIL_PORT = envint("NAOBER_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("NAOBER_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env("NAOBER_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = envbool("NAOBER_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("NAOBER_EMAIL_FROM", "naober <noreply@localhost>")
# Links in mails and text messages need the site's address; without NAOBER_SITE_URL this one.
NAOBER_LINK_BASE = SITE_URL or "http://localhost:8000"

# Background work (retention, reminders) through the Django tasks framework, stored in the database; run
# `naober db_worker` beside the web server.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The map's background tiles; the page works without them.
NAOBER_MAP_TILES_URL = env(
    "NAOBER_MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
NAOBER_MAP_ATTRIBUTION = env("NAOBER_MAP_ATTRIBUTION", "Kaartgegevens &copy; Kadaster (PDOK)")
_tiles = urlsplit(NAOBER_MAP_TILES_URL)
if _tiles.scheme in ("http", "https") and _tiles.netloc:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
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
