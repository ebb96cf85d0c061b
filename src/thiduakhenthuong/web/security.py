"""What keeps the server safe by default: the pages' Content-Security-Policy (the HTML report's
policy, plus posting forms and reading answers from this server only), the other response
headers, the hosts a loopback server answers to (a web page elsewhere cannot reach it by
re-pointing a name at 127.0.0.1), the token every request must carry off loopback, and the
limit on a request's body.

>>> "default-src 'none'" in csp("a{}", "1;") and "form-action 'self'" in csp("a{}", "1;")
True
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qs

from .settings import is_loopback

#: The cookie a browser keeps the token in after opening a page with ``?token=``.
COOKIE = "tdkt_token"
_LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() \
        + "'"


def csp(css: str, js: str) -> str:
    """The policy of every page: only its own inline style and script (by hash), images as
    data only, nothing fetched from elsewhere; forms post and scripts read answers from this
    server only. (Framing is refused by the response headers: a policy in a page cannot.)"""
    return (f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; "
            "img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'")


HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY"), (b"cache-control", b"no-store"),
           (b"content-security-policy", b"frame-ancestors 'none'"),
           (b"cross-origin-opener-policy", b"same-origin"),
           (b"cross-origin-resource-policy", b"same-origin")]


def host_allowed(host_header: str, bind_host: str) -> bool:
    """Whether a request's Host header may be answered: any host when the server listens
    beyond loopback (the token guards it), else only loopback names.

    >>> host_allowed("127.0.0.1:8765", "127.0.0.1"), host_allowed("evil.example:8765", "127.0.0.1")
    (True, False)
    >>> host_allowed("[::1]:8765", "::1"), host_allowed("10.0.0.5:8765", "0.0.0.0")
    (True, True)
    """
    if not is_loopback(bind_host):
        return True
    h = host_header.strip().lower()
    if h.startswith("["):
        name = h[:h.index("]") + 1] if "]" in h else h
    else:
        name = h.rsplit(":", 1)[0] if h.count(":") == 1 else h
    return name in _LOOPBACK_NAMES


def token_given(headers: dict[str, str], query: str) -> str | None:
    """The token a request carries: ``Authorization: Bearer``, ``X-Tdkt-Token``, the cookie,
    or ``?token=`` (a browser's first page)."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if headers.get("x-tdkt-token"):
        return headers["x-tdkt-token"].strip()
    for part in headers.get("cookie", "").split(";"):
        k, _, v = part.strip().partition("=")
        if k == COOKIE and v:
            return v
    q = parse_qs(query).get("token")
    return q[0] if q else None


def token_ok(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


Receive = Callable[[], Awaitable[dict[str, Any]]]


class BodyTooLarge(Exception):
    """A request body over the server's limit."""


def limited(receive: Receive, max_bytes: int) -> Receive:
    """``receive`` that raises :class:`BodyTooLarge` once more than ``max_bytes`` arrived."""
    seen = [0]

    async def wrapped() -> dict[str, Any]:
        msg = await receive()
        if msg.get("type") == "http.request":
            seen[0] += len(msg.get("body", b""))
            if seen[0] > max_bytes:
                raise BodyTooLarge()
        return msg
    return wrapped
