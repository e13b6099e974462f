// The passkeys page: once the library's script has added a passkey, show the list with it.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
