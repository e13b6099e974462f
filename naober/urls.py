from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("api/v1/", include("naober.api.urls")),
    # Passkeys: the JSON endpoints the passkey buttons talk to (naober.accounts.passkeys).
    path("accounts/passkeys/api/", include("naober.accounts.passkey_urls")),
]
# Dutch at /, English at /en/: a plain link switches language, no cookie or JavaScript needed.
urlpatterns += i18n_patterns(
    # The admin asks for the second factor too, and logs in through ours: naober.accounts.admin.
    path("beheer/", admin.site.urls),
    path("accounts/", include("naober.accounts.urls")),
    # The texts of the passkey buttons' script, in the page's language.
    path(
        "accounts/passkeys/texts.js",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="passkey_texts",
    ),
    path("", include("naober.desk.urls")),
    path("", include("naober.activities.desk_urls")),
    path("", include("naober.activities.urls")),
    path("", include("naober.rosters.urls")),
    path("", include("naober.planning.urls")),
    path("", include("naober.planning.survey_urls")),
    path("", include("naober.guide.urls")),
    prefix_default_language=False,
)
