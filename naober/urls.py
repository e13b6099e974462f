from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("naober.api.urls")),
]
# Dutch at /, English at /en/: a plain link switches language, no cookie or JavaScript needed.
urlpatterns += i18n_patterns(
    # The admin asks for the second factor too, and logs in through ours: naober.accounts.admin.
    path("beheer/", admin.site.urls),
    path("accounts/", include("naober.accounts.urls")),
    path("", include("naober.desk.urls")),
    path("", include("naober.guide.urls")),
    prefix_default_language=False,
)
