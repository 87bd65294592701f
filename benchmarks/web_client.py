"""A small HTTP client for the web benchmarks: one keep-alive connection per simulated browser,
its own cookies, and the forms of a page (action, hidden fields, radios, selects) read with the
standard library's HTML parser — so each client signs in, joins and votes as a browser does."""

from __future__ import annotations

import http.client
import math
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit


@dataclass
class Form:
    action: str
    method: str = "get"
    hidden: dict[str, str] = field(default_factory=dict)  # every field's value as sent
    radios: dict[str, list[str]] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)   # the classes of its buttons
    ids: set[str] = field(default_factory=set)       # the ids of its buttons


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.ids: dict[str, dict[str, str]] = {}
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] = a
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind, name = a.get("type", "text").lower(), a.get("name", "")
            if not name or kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind == "radio":
                self._form.radios.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.hidden[name] = a.get("value", "on")
            elif kind == "checkbox":
                if "checked" in a:
                    self._form.hidden[name] = a.get("value", "on")
            else:  # what the browser sends unless the user changes it
                self._form.hidden[name] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._form.hidden[a["name"]] = ""
        elif tag == "select":
            self._select = a.get("name", "")
            self._form.selects[self._select] = []
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._form.selects[self._select].append(value)
            if "selected" in a or self._select not in self._form.hidden:
                self._form.hidden[self._select] = value
        elif tag == "button":
            self._form.classes.update(a.get("class", "").split())
            if a.get("id"):
                self._form.ids.add(a["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> tuple[list[Form], dict[str, dict[str, str]]]:
    """The page's forms, and the attributes of every element with an id."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms, parser.ids


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return urlsplit(self.headers.get("location", "")).path


class Browser:
    """One simulated browser: a keep-alive connection to the server and its cookies."""

    def __init__(self, base: str, cookies: dict[str, str] | None = None) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = dict(cookies or {})
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        return self.conn

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Answer:
        headers = {"Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a keep-alive connection the server closed: once more
            t0 = time.perf_counter()
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                raw = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                continue
            seconds = time.perf_counter() - t0
            break
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = val.strip().strip('"')
        if response.getheader("connection", "").lower() == "close":
            self.close()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                      raw.decode("utf-8", "replace"), seconds)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Answer:
        return self.request("POST", path, data)

    def submit(self, form: Form, **fields: str) -> Answer:
        return self.post(form.action, {**form.hidden, **fields})

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by the nearest-rank method."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]
