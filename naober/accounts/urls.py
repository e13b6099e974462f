from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/verify/", views.verify, name="verify"),
    path("login/setup/", views.setup, name="setup"),
    path("logout/", views.logout, name="logout"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("passkeys/", views.passkeys_page, name="passkeys"),
    path("passkeys/<int:pk>/remove/", views.remove_passkey, name="remove_passkey"),
]
