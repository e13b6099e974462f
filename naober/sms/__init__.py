"""Text messages, through a pluggable backend as Django's e-mail has one.

NAOBER_SMS_BACKEND names the class (dotted path); naober ships a console backend (prints each
message, the default in development), a locmem backend (keeps them in `naober.sms.outbox`, for
tests) and a dummy one (drops them). A provider's backend is a class with
`send_messages(messages) -> int`."""
