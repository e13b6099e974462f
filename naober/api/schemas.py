"""Schemas every part of the API shares."""

from ninja import Schema


class Error(Schema):
    """Every error answer has this shape: one sentence that names the problem."""

    detail: str
