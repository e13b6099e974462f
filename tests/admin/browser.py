"""Read an admin page as a browser would: the form's fields as it would submit them, and the
error shown next to a field."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: list[tuple[str, str]] = []
        self.errors: dict[str, list[str]] = {}
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None
        self._error_id: str | None = None
        self._error_item: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if tag == "ul" and "errorlist" in (attrs.get("class") or "") and attrs.get("id"):
            self._error_id = attrs["id"].removesuffix("_error").removeprefix("id_")
            self.errors.setdefault(self._error_id, [])
        if tag == "li" and self._error_id:
            self._error_item = []
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.data.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "text": "",
            }
            self._select["options"].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data
        if self._error_item is not None:
            self._error_item.append(data)

    def handle_endtag(self, tag):
        if tag == "li" and self._error_item is not None:
            self.errors[self._error_id].append("".join(self._error_item).strip())
            self._error_item = None
        elif tag == "ul" and self._error_id:
            self._error_id = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.data.append((self._select["name"], value.strip()))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"].removeprefix("\n")
            self.data.append((self._textarea["name"], text))
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def read(response, form_id: str) -> _FormReader:
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return reader


def form_data(response, form_id: str) -> dict[str, list[str]]:
    """What the browser would post from the form with this id, as the test client takes it."""
    data: dict[str, list[str]] = {}
    for name, value in read(response, form_id).data:
        data.setdefault(name, []).append(value)
    return data


def errors_next_to(response, field: str) -> list[str]:
    """The messages in the error list tied to a field (its id without "id_"), as shown."""
    return read(response, "").errors.get(field, [])


def all_errors(response) -> dict[str, list[str]]:
    return read(response, "").errors
