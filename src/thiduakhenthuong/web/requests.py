"""What the pages and the API read from a request alike: its language, its form with the files
it uploads, and the worker threads jobs run in (at most ``--jobs`` at once)."""
from __future__ import annotations

from typing import Any, Callable

import anyio
from starlette.datastructures import UploadFile
from starlette.requests import Request

LANGS = ("vi", "en")


def lang_of(request: Request, form: Any = None) -> str:
    """The language asked for: ``lang`` in the query or form; else, for the API, the first
    language of Accept-Language; else Vietnamese (pages are Vietnamese unless switched)."""
    v = request.query_params.get("lang") or (form.get("lang") if form is not None else None)
    if v in LANGS:
        return v
    api = request.url.path.startswith("/api/")
    return "en" if api and request.headers.get("accept-language", "").lower().startswith("en") \
        else "vi"


def limiter(request: Request) -> anyio.CapacityLimiter:
    """How many jobs run at once (``--jobs``); the others wait their turn."""
    st = request.app.state
    if st.limiter is None:
        st.limiter = anyio.CapacityLimiter(st.settings.jobs)
    return st.limiter


async def in_thread(request: Request, f: Callable[..., Any], *args: Any) -> Any:
    """``f(*args)`` in a worker thread, within the server's limit of jobs at once."""
    return await anyio.to_thread.run_sync(f, *args, limiter=limiter(request))


def uploads(form: Any, name: str = "data") -> list[tuple[str | None, Any]]:
    """The files of a form field: (name as uploaded, stream)."""
    return [(u.filename, u.file) for u in form.getlist(name) if isinstance(u, UploadFile)
            and u.filename]


async def read_form(request: Request) -> Any:
    """The request's form (multipart), with bounds on its files and fields."""
    return await request.form(max_files=64, max_fields=512)
