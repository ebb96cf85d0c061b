"""The ASGI application (FastAPI on Starlette, served by uvicorn): the pages, the HTTP API under
``/api/v1`` and the guard in front of both (hosts, token, body limit, response headers).

Built with :func:`create_app`; ``tdkt serve`` runs it. The loaded rule sets are the only state
requests share; each request's files live in its own private folder, removed after it.
"""
from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import TdktError, UsageError
from ..i18n.web import web
from ..version import __version__
from . import api, runs, views, work
from .requests import in_thread, lang_of, read_form, uploads
from .problems import MEDIA_TYPE, HttpProblem, ProblemDetails, problem_of
from .rulesets import RuleSets
from .security import COOKIE, HEADERS, BodyTooLarge, host_allowed, limited, token_given, token_ok
from .settings import Settings
from .uploads import Workspace, too_large


def create_app(settings: Settings | None = None, rulesets: RuleSets | None = None) -> "Guard":
    """The app for ``settings`` (checked: off loopback a token is required), serving the bundled
    rule sets and ``settings.rules``; ``rulesets`` may be given already loaded."""
    settings = (settings or Settings()).check()
    lib = rulesets or RuleSets.load(settings.rules)
    app = FastAPI(title="thiduakhenthuong", version=__version__,
                  description=api.DESCRIPTION, openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.rulesets = lib
    app.state.limiter = None
    app.include_router(api.router(lib, settings))
    _pages(app, lib, settings)
    _errors(app)
    return Guard(app, settings)

# ----- pages ------------------------------------------------------------------------------------

def _pages(app: FastAPI, lib: RuleSets, settings: Settings) -> None:
    kw = {"include_in_schema": False, "response_class": HTMLResponse}

    @app.get("/", **kw)
    def index(request: Request) -> HTMLResponse:
        return HTMLResponse(views.page("index.html.j2", lang_of(request), entries=list(lib)))

    def ruleset_page(request: Request, rid: str, lang: str, fragment: str = "") -> str:
        entry = lib.get(rid)
        return views.page("ruleset.html.j2", lang, entry=entry,
                          catalogue=views.catalogue_pages(entry), fragment=fragment,
                          default_year=_default_year(entry),
                          plan_check=bool(getattr(entry.latest.model, "plan_inputs", None)))

    @app.get("/rulesets/{rid}", **kw)
    def ruleset(request: Request, rid: str) -> HTMLResponse:
        return HTMLResponse(ruleset_page(request, rid, lang_of(request)))

    @app.post("/rulesets/{rid}/run", **kw)
    async def run(request: Request, rid: str) -> Response:
        entry = lib.get(rid)
        form = await read_form(request)
        lang = lang_of(request, form)
        ws = Workspace()

        def job(listener: work.Listener) -> str:
            def go() -> str:
                data = runs.place(ws, uploads(form), entry, settings.max_upload_bytes)
                period = runs.typed_period(entry, {k: form.get(k) for k in entry.option_fields})
                return work.judge_page(entry, ws, data, period, _answers(form), lang,
                                       settings.max_rows, listener)
            return work.guarded(lang, go)
        return await answer(request, job, ws, lang,
                            lambda frag: ruleset_page(request, rid, lang, frag))

    @app.post("/rulesets/{rid}/plan-check", **kw)
    async def plan_check(request: Request, rid: str) -> Response:
        entry = lib.get(rid)
        form = await read_form(request)
        lang = lang_of(request, form)
        ws = Workspace()

        def job(listener: work.Listener) -> str:
            def go() -> str:
                data = runs.place(ws, uploads(form), entry, settings.max_upload_bytes)
                return work.plan_page(entry, ws, data, form.get("level"), lang,
                                      settings.max_rows, listener)
            return work.guarded(lang, go)
        return await answer(request, job, ws, lang,
                            lambda frag: ruleset_page(request, rid, lang, frag))

    @app.get("/verify", **kw)
    def verify_form(request: Request) -> HTMLResponse:
        return HTMLResponse(views.page("verify.html.j2", lang_of(request), fragment=""))

    @app.post("/verify", **kw)
    async def verify(request: Request) -> Response:
        form = await read_form(request)
        lang = lang_of(request, form)
        ws = Workspace()

        def job(listener: work.Listener) -> str:
            def go() -> str:
                bundle, data = _bundle_and_data(ws, form, settings)
                return work.verify_page(ws, bundle, data, lang, listener)
            return work.guarded(lang, go)
        return await answer(request, job, ws, lang,
                            lambda frag: views.page("verify.html.j2", lang, fragment=frag))

    @app.get("/diff", **kw)
    def diff_form(request: Request) -> HTMLResponse:
        return HTMLResponse(views.page("diff.html.j2", lang_of(request), entries=list(lib),
                                       fragment=""))

    @app.post("/diff", **kw)
    async def diff(request: Request) -> Response:
        form = await read_form(request)
        lang = lang_of(request, form)
        ws = Workspace()

        def job(listener: work.Listener) -> str:
            def go() -> str:
                old, new = lib.get(str(form.get("old", ""))), lib.get(str(form.get("new", "")))
                data = runs.place(ws, uploads(form), new, settings.max_upload_bytes)
                return work.diff_page(old, new, ws, data, diff_options(form), lang,
                                      settings.max_rows, listener)
            return work.guarded(lang, go)
        return await answer(request, job, ws, lang,
                            lambda frag: views.page("diff.html.j2", lang, entries=list(lib),
                                                    fragment=frag))

    @app.get("/api/v1/docs", **kw)
    def api_docs(request: Request) -> HTMLResponse:
        return HTMLResponse(views.page("api.html.j2", lang_of(request),
                                       **api.reference(app.openapi())))


def _default_year(entry: Any) -> str:
    return str(max(m.regime.from_year for m in entry.members)) if entry.is_regimes else ""


def _answers(form: Any) -> dict[str, str | None] | None:
    """The column questions answered in the page (header -> field, None: ignore), or None when
    the form answered none."""
    headers, fields = form.getlist("map_header"), form.getlist("map_field")
    if not headers:
        return None
    return {str(h): (str(f) or None) for h, f in zip(headers, fields)}


def diff_options(form: Any) -> dict[str, Any]:
    """The options of a comparison, from a form or a query (blanks dropped)."""
    out: dict[str, Any] = {}
    for k in ("year", "level", "as_of", "decision_date"):
        v = str(form.get(k) or "").strip()
        if not v:
            continue
        if k == "year":
            try:
                out[k] = int(v)
            except ValueError:
                raise UsageError(f"--year: '{v}' is not a year") from None
        else:
            out[k] = v
    return out


def _bundle_and_data(ws: Workspace, form: Any, settings: Settings) -> tuple[Any, runs.Data]:
    bundles = [u for u in form.getlist("bundle") if isinstance(u, UploadFile) and u.filename]
    if not bundles:
        raise runs.UploadError(runs.localized("err_no_file"))
    bundle = ws.store_bundle(bundles[0].file, settings.max_upload_bytes)
    files = uploads(form)
    if not files:
        raise runs.UploadError(runs.localized("err_no_file"))
    name, stream = files[0]
    p = ws.store(stream, name, settings.max_upload_bytes)
    return bundle, runs.Data(path=p, name=name or "", size=p.stat().st_size)


async def answer(request: Request, job: Callable[[work.Listener], str], ws: Workspace, lang: str,
                 whole: Callable[[str], str]) -> Response:
    """Run ``job`` in a worker thread. Asked by the page's script (``X-Tdkt-Stream: 1``), the
    answer streams a JSON line per progress report, then one with the fragment; otherwise it is
    the whole page (``whole``). The request's folder is removed when the answer is done."""
    if request.headers.get("x-tdkt-stream") != "1":
        try:
            fragment = await in_thread(request, job, None)
        finally:
            ws.close()
        return HTMLResponse(whole(fragment))
    return StreamingResponse(_stream(request, job, ws, lang), media_type="application/x-ndjson")


async def _stream(request: Request, job: Callable[[work.Listener], str], ws: Workspace,
                  lang: str) -> Any:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    last = [0.0, ""]

    def listener(phase: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if phase == last[1] and now - last[0] < 0.2 and done != total:
            return
        last[0], last[1] = now, phase
        line = {"phase": phase.split(" ", 1)[0], "label": work.phase_label(phase, lang).get(lang),
                "done": done, "total": total}
        loop.call_soon_threadsafe(queue.put_nowait, line)
    task = asyncio.ensure_future(in_thread(request, job, listener))
    try:
        while True:
            getter = asyncio.ensure_future(queue.get())
            done, _ = await asyncio.wait({task, getter}, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                yield json.dumps(getter.result(), ensure_ascii=False) + "\n"
                continue
            getter.cancel()
            break
        while not queue.empty():
            yield json.dumps(queue.get_nowait(), ensure_ascii=False) + "\n"
        yield json.dumps({"html": task.result()}, ensure_ascii=False) + "\n"
    finally:
        if not task.done():
            try:
                await asyncio.shield(task)
            except Exception:
                pass
        ws.close()


# ----- errors -----------------------------------------------------------------------------------

def problem_response(p: ProblemDetails) -> JSONResponse:
    return JSONResponse(p.model_dump(mode="json", exclude_none=True), status_code=p.status,
                        media_type=MEDIA_TYPE)


def _errors(app: FastAPI) -> None:
    def respond(request: Request, p: ProblemDetails) -> Response:
        if request.url.path.startswith("/api/"):
            return problem_response(p)
        lang = lang_of(request)
        return HTMLResponse(views.page("page.html.j2", lang,
                                       fragment=views.problem_fragment(p, lang)),
                            status_code=p.status)

    @app.exception_handler(TdktError)
    async def library_error(request: Request, e: TdktError) -> Response:
        return respond(request, problem_of(e, lang_of(request)))

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, e: BodyTooLarge) -> Response:
        s: Settings = request.app.state.settings
        return respond(request, problem_of(too_large(s.max_upload_bytes), lang_of(request)))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError) -> Response:
        lang = lang_of(request)
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        text = f"{where}: {first.get('msg', '')}"
        return respond(request, ProblemDetails(type="urn:tdkt:problem:usage",
                                        title=web("err_usage", lang), status=400,
                                        detail=web("err_request", lang, text=text), exit_code=2))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException) -> Response:
        return respond(request, ProblemDetails(type=f"urn:tdkt:problem:http-{e.status_code}",
                                        title=str(e.detail), status=e.status_code,
                                        detail=str(e.detail), exit_code=2))

    @app.exception_handler(Exception)
    async def internal(request: Request, e: Exception) -> Response:
        return respond(request, problem_of(e, lang_of(request)))


# ----- the guard in front of everything ---------------------------------------------------------

class Guard:
    """ASGI middleware: answers only loopback host names on a loopback server, requires the
    token on every request when one is set, refuses bodies over the limit, and adds the
    security headers to every response."""

    def __init__(self, app: FastAPI, settings: Settings):
        self.app = app
        self.settings = settings
        self.state = app.state

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        lang = "en" if headers.get("accept-language", "").lower().startswith("en") else "vi"
        host = headers.get("host", "")
        if not host_allowed(host, self.settings.host):
            return await _send_problem(send, HttpProblem(421, "host", web("err_host", lang,
                                                                          host=host),
                                                         web("err_host", lang, host=host)))
        set_cookie = None
        if self.settings.token:
            query = scope.get("query_string", b"").decode("latin-1")
            given = token_given(headers, query)
            if not token_ok(given, self.settings.token):
                return await _send_problem(send, HttpProblem(401, "token", web("err_token", lang),
                                                             web("err_token", lang)))
            if "token=" in query:
                set_cookie = (f"{COOKIE}={given}; Path=/; HttpOnly; SameSite=Strict").encode()
        limit = self.settings.max_upload_bytes + 2**20
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return await _send_problem(send, HttpProblem(
                413, "too-large", web("err_input", lang),
                too_large(self.settings.max_upload_bytes).localized.get(lang)))

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = list(HEADERS)
                if set_cookie:
                    extra.append((b"set-cookie", set_cookie))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)
        await self.app(scope, limited(receive, limit), send_with_headers)

    def openapi(self) -> dict:
        return self.app.openapi()


async def _send_problem(send: Any, e: HttpProblem) -> None:
    body = json.dumps(problem_of(e, "vi").model_dump(exclude_none=True),
                      ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": e.status,
                "headers": [(b"content-type", MEDIA_TYPE.encode()),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
