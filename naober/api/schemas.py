"""Schemas every part of the API shares."""

from ninja import Schema


class Error(Schema):
    """Every error answer has this shape: one sentence that names the problem. A refused sign-up
    also names the body field it is about (`field`, null for the whole request) and a `code` a
    program can act on (for example `duplicate`, `people`, `phone`, `started`)."""

    detail: str
    field: str | None = None
    code: str | None = None
