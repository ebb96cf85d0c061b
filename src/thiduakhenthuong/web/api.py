"""The HTTP API, ``/api/v1``: the rule sets and their catalogues, the template, one route per
job (``score``, ``titles``, ``delegates``, from the registry) taking a workbook upload or JSON
records and returning the same typed JSON as ``result.to_json()`` (or the workbook, the HTML
report or the audit bundle), plan checks, verification and comparison. Errors are problem
details (:mod:`.problems`). Field names are the library's own and stable within ``v1``.
"""
from __future__ import annotations

import json
from typing import Any, Optional, get_type_hints

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..audit.bundle import read_bundle
from ..audit.verify import Verification, verify_bundle
from ..core import job as jobs
from ..core import progress
from ..core.models import Localized
from ..diff.compare import diff_rule_sets
from ..diff.model import Diff
from ..errors import UsageError
from ..jobs.conferences.api import check_plans
from ..jobs.conferences.trace import PlanReport
from ..jobs.conferences.workbook import write_plan_report
from ..render.template import write_template
from ..version import __version__
from . import runs, views
from .problems import MEDIA_TYPE, ProblemDetails
from .requests import in_thread, lang_of, read_form, uploads
from .rulesets import RuleSetEntry, RuleSets
from .settings import Settings
from .uploads import UploadError, Workspace

DESCRIPTION = """The HTTP API of thiduakhenthuong: judge workbooks or JSON records by the declared
rules and receive ranked, explained results as JSON (the same document as `result.to_json()`
in Python), or the printable workbook, the HTML report or the audit bundle.

Every error is `application/problem+json` with the command line's message in `detail`, the
row and column (or rule file and line) in `errors`, and the command line's `exit_code`. A run
whose rows were partly rejected answers 200 with the rejected rows in the result and the
header `Tdkt-Exit-Code: 1`. Languages: `?lang=vi` (default) or `en`, or Accept-Language."""

EXIT_HEADER = "Tdkt-Exit-Code"
FORMATS = {"json": "application/json", "xlsx": views.XLSX, "html": "text/html; charset=utf-8",
           "bundle": "application/json"}
ERRORS = {code: {"model": ProblemDetails, "description": what, "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}
          for code, what in ((400, "usage error (exit code 2)"),
                             (404, "no such rule set (exit code 2)"),
                             (413, "upload over the size or row limit (exit code 2)"),
                             (422, "input or rule error, with rows and columns (exit code 2)"))}


class RegimeInfo(BaseModel):
    """A legal regime a member rule set encodes."""
    id: str
    title: Localized
    from_year: int
    to_year: int


class MemberInfo(BaseModel):
    """One rule set inside an entry (one, or one per legal regime)."""
    folder: str = Field(description="what the 'regime' option names")
    id: str
    version: str
    hash: str = Field(description="version hash over the rule files")
    label: str
    regime: Optional[RegimeInfo] = None


class OptionInfo(BaseModel):
    """An option of the job's run, given as a query parameter."""
    name: str
    type: str
    required: bool
    description: str


class RuleSetSummary(BaseModel):
    """A rule set served."""
    id: str
    kind: str = Field(description="the job: scoring, titles or delegates")
    command: str = Field(description="the route that runs it: POST /rulesets/{id}/{command}")
    title: Localized
    job_title: Localized
    period: str
    bundled: bool
    members: list[MemberInfo]
    options: list[OptionInfo]
    levels: list[str] = Field(default_factory=list, description="conference levels declared")


class InputTableInfo(BaseModel):
    """A table the job reads: the sheet or CSV file, and its fields with their meaning."""
    key: str
    title: Localized
    sheet: str
    file: str
    required: bool
    fields: dict[str, Any]
    uses: dict[str, Any] = Field(default_factory=dict)


class CataloguePageInfo(BaseModel):
    """One page of the rule catalogue (Markdown), in both languages."""
    id: str
    title: Localized
    vi: str
    en: str


class RuleSetCatalogue(RuleSetSummary):
    """A rule set's catalogue: its tables and fields, its catalogue pages, and each member's
    whole typed rule model."""
    inputs: list[InputTableInfo]
    catalogue: list[CataloguePageInfo]
    rules: list[dict[str, Any]]


def _option_infos(entry: RuleSetEntry) -> list[OptionInfo]:
    return [OptionInfo(name=k, type=_type_name(f.annotation), required=f.is_required(),
                       description=f.description or "") for k, f in entry.option_fields.items()]


def _type_name(ann: Any) -> str:
    text = str(ann)
    return "date" if "date" in text else "integer" if "int" in text else "string"


def summary(entry: RuleSetEntry) -> RuleSetSummary:
    members = []
    for m in entry.members:
        r = m.regime
        members.append(MemberInfo(
            folder=(m.base or m.path).name, id=m.id, version=m.version, hash=m.hash,
            label=m.label, regime=None if r is None else RegimeInfo(
                id=r.id, title=r.title, from_year=r.from_year, to_year=r.to_year)))
    return RuleSetSummary(id=entry.id, kind=entry.kind, command=entry.job.command,
                          title=entry.title, job_title=entry.job.title, period=entry.period(),
                          bundled=entry.bundled, members=members, options=_option_infos(entry),
                          levels=[lv.id for lv in entry.levels()])


def catalogue(entry: RuleSetEntry) -> RuleSetCatalogue:
    cat = entry.catalogue()
    pages = [CataloguePageInfo(id=e.id, title=e.title, vi=cat.files[e.pages["vi"]],
                               en=cat.files[e.pages["en"]]) for e in cat.entries]
    tables = []
    for t in (entry.job.inputs(entry.latest.model) if entry.job.inputs else []):
        tables.append(InputTableInfo(
            key=t.key, title=t.title, sheet=t.sheet, file=t.file, required=t.required,
            fields={k: f.model_dump(mode="json", exclude_none=True) for k, f in t.fields.items()},
            uses=t.uses or {}))
    return RuleSetCatalogue(**summary(entry).model_dump(), inputs=tables, catalogue=pages,
                            rules=[m.model.model_dump(mode="json", exclude_none=True)
                                   for m in entry.members])


def _all_options() -> list[str]:
    names: list[str] = []
    for j in jobs.jobs():
        for k in j.options.model_fields:
            if k not in ("kind", "overrides", "scores") and k not in names:
                names.append(k)
    return names


def _params(job: jobs.Job) -> list[dict[str, Any]]:
    out = [{"name": "lang", "in": "query", "required": False,
            "description": "language of messages, workbook and report: vi (default) or en",
            "schema": {"type": "string", "enum": ["vi", "en"]}},
           {"name": "format", "in": "query", "required": False,
            "description": "json (default: result.to_json()), xlsx (the printable workbook), "
                           "html (the HTML report) or bundle (the audit bundle; uploads only)",
            "schema": {"type": "string", "enum": list(FORMATS), "default": "json"}}]
    for k, f in job.options.model_fields.items():
        if k in ("kind", "overrides", "scores"):
            continue
        t = _type_name(f.annotation)
        schema: dict[str, Any] = {"type": "integer"} if t == "integer" else {"type": "string"}
        if t == "date":
            schema["description"] = "2024-12-31 or 31/12/2024"
        out.append({"name": k, "in": "query", "required": f.is_required(),
                    "description": f.description or "", "schema": schema})
    return out


BODY = {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "data": {"type": "array", "items": {"type": "string", "format": "binary"},
                 "description": "one workbook (XLSX, XLS, ODS) or CSV file, or several CSV "
                                "files named as the rule set's tables"},
        "columns": {"type": "string", "description": "optional column map as JSON: "
                                                     "{\"header in the file\": \"field\" or null}"}},
        "required": ["data"]}},
    "application/json": {"schema": {"type": "object", "properties": {
        "records": {"type": "array", "items": {"type": "object"},
                    "description": "rows of the main table, keyed by field name or header"},
        "tables": {"type": "object", "description": "several tables by key (people, units, "
                                                    "...), each a list of rows"},
        "columns": {"type": "object", "description": "optional column map"}}}}}}


async def read_inputs(request: Request, ws: Workspace, entry: RuleSetEntry,
                      settings: Settings) -> tuple[runs.Data, Optional[dict]]:
    """The data of a job request: uploaded files (multipart) or records (JSON), and its column
    map if it gives one."""
    ctype = request.headers.get("content-type", "").lower()
    if ctype.startswith("application/json"):
        try:
            body = json.loads(await request.body())
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise UsageError(f"the body is not JSON ({e})") from None
        if not isinstance(body, dict) or not isinstance(body.get("records", body.get("tables")),
                                                        (list, dict)):
            raise UploadError(runs.localized("err_records"))
        records = body["records"] if "records" in body else body["tables"]
        return runs.Data(path=None, name="<records>", records=records), _columns(
            body.get("columns"))
    if ctype.startswith("multipart/form-data"):
        form = await read_form(request)
        data = runs.place(ws, uploads(form), entry, settings.max_upload_bytes)
        raw = form.get("columns")
        return data, _columns(json.loads(raw) if isinstance(raw, str) and raw.strip() else None)
    raise UploadError(runs.localized("err_no_file"))


def _columns(v: Any) -> Optional[dict]:
    if v is None:
        return None
    if not isinstance(v, dict) or not all(isinstance(x, (str, type(None))) for x in v.values()):
        raise UsageError("columns: a mapping of header to field name (or null)")
    return {str(k): x for k, x in v.items()}


def router(lib: RuleSets, settings: Settings) -> APIRouter:
    """The routes of ``/api/v1``."""
    r = APIRouter(prefix="/api/v1", tags=["v1"])
    options = _all_options()

    @r.get("/rulesets", response_model=list[RuleSetSummary], summary="The rule sets served")
    def list_rulesets() -> list[RuleSetSummary]:
        return [summary(e) for e in lib]

    @r.get("/rulesets/{rid}", response_model=RuleSetCatalogue, responses={404: ERRORS[404]},
           summary="A rule set's catalogue as JSON")
    def get_ruleset(rid: str) -> RuleSetCatalogue:
        return catalogue(lib.get(rid))

    @r.get("/rulesets/{rid}/template", summary="The blank input workbook (tdkt template)",
           responses={200: {"content": {views.XLSX: {}}, "description": "the workbook"},
                      404: ERRORS[404], 400: ERRORS[400]})
    async def template(request: Request, rid: str, year: Optional[int] = None,
                       lang: str = "vi") -> Response:
        entry = lib.get(rid)
        lang = lang_of(request)

        def make() -> bytes:
            with Workspace() as ws:
                rules = entry.for_year(year)
                tables = entry.job.inputs(rules.model) if entry.job.inputs else []
                if not tables:
                    raise UsageError(f"no template for rule sets of kind '{entry.kind}'")
                return write_template(ws.file("mau.xlsx"), tables, rules, lang).read_bytes()
        data = await in_thread(request, make)
        return Response(data, media_type=views.XLSX, headers={
            "content-disposition": f'attachment; filename="mau-{entry.id}.xlsx"'})

    for job in jobs.jobs():
        _job_route(r, lib, settings, job, options)

    @r.post("/rulesets/{rid}/plan-check", response_model=PlanReport,
            summary="Check chapters' conference plans (tdkt plan-check)",
            responses={**ERRORS, 200: {"content": {"application/json": {}, views.XLSX: {}},
                                       "description": "the findings"}},
            openapi_extra={"requestBody": BODY, "parameters": [
                {"name": "level", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "the level whose report dates are checked"},
                {"name": "format", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["json", "xlsx"]}}]})
    async def plan_check(request: Request, rid: str) -> Response:
        entry = lib.get(rid)
        lang = lang_of(request)
        fmt = request.query_params.get("format", "json")
        with Workspace() as ws:
            data, _ = await read_inputs(request, ws, entry, settings)

            def go() -> Response:
                with progress.listening(runs.row_limit(settings.max_rows)):
                    rep = check_plans(entry.latest, data.source,
                                      request.query_params.get("level") or None)
                errors = any(f.severity == "error" for f in rep.findings)
                headers = {EXIT_HEADER: "1" if errors or rep.rejected else "0"}
                if fmt == "xlsx":
                    p = ws.file("kiem-tra.xlsx")
                    write_plan_report(rep, entry.latest.model, entry.latest.params(), p, lang)
                    return Response(p.read_bytes(), media_type=views.XLSX, headers=headers)
                return Response(runs.shown(rep.model_dump_json(indent=1), data, "json"),
                                media_type="application/json", headers=headers)
            return await in_thread(request, go)

    @r.post("/verify", response_model=Verification, summary="Verify an audit bundle (tdkt verify)",
            description="Multipart: `bundle` (the .tdkt.json or .tdkt.json.gz file) and `data` "
                        "(the data it was run on). No path recorded in the bundle is read. "
                        "Header Tdkt-Exit-Code: 0 identical, 1 different.",
            responses=ERRORS, openapi_extra={"requestBody": {"required": True, "content": {
                "multipart/form-data": {"schema": {"type": "object", "properties": {
                    "bundle": {"type": "string", "format": "binary"},
                    "data": {"type": "string", "format": "binary"}},
                    "required": ["bundle", "data"]}}}}})
    async def verify(request: Request) -> Response:
        form = await read_form(request)
        with Workspace() as ws:
            bundles = uploads(form, "bundle")
            files = uploads(form)
            if not bundles or not files:
                raise UploadError(runs.localized("err_no_file"))
            bpath = ws.store_bundle(bundles[0][1], settings.max_upload_bytes)
            dpath = ws.store(files[0][1], files[0][0], settings.max_upload_bytes)

            def go() -> Verification:
                return verify_bundle(read_bundle(bpath), dpath, look_on_disk=False)
            v = await in_thread(request, go)
        return Response(v.model_dump_json(indent=1), media_type="application/json",
                        headers={EXIT_HEADER: "0" if v.identical else "1"})

    @r.post("/diff", response_model=Diff, summary="Compare two rule sets on one upload (tdkt diff)",
            responses=ERRORS, openapi_extra={"requestBody": BODY, "parameters": [
                {"name": n, "in": "query", "required": n in ("old", "new"),
                 "schema": {"type": "integer" if n == "year" else "string"}}
                for n in ("old", "new", "year", "level", "as_of", "decision_date")]})
    async def diff(request: Request) -> Response:
        q = request.query_params
        old, new = lib.get(q.get("old", "")), lib.get(q.get("new", ""))
        opts = {}
        for k in ("year", "level", "as_of", "decision_date"):
            if q.get(k):
                opts[k] = q[k]
        if "year" in opts:
            try:
                opts["year"] = int(opts["year"])
            except ValueError:
                raise UsageError(f"--year: '{opts['year']}' is not a year") from None
        with Workspace() as ws:
            data, _ = await read_inputs(request, ws, new, settings)

            def go() -> str:
                with progress.listening(runs.row_limit(settings.max_rows)):
                    d = diff_rule_sets(old.path, new.path, data.source, **opts)
                return runs.shown(d.to_json(), data, "json")
            text = await in_thread(request, go)
        return Response(text, media_type="application/json")

    return r


def _job_route(r: APIRouter, lib: RuleSets, settings: Settings, job: jobs.Job,
               options: list[str]) -> None:
    report_type = get_type_hints(job.result.report).get("return")

    async def run(request: Request, rid: str) -> Response:
        entry = lib.get(rid)
        if entry.job.command != job.command:
            raise UsageError(f"the rule set '{rid}' is of kind {entry.kind}: use POST "
                             f"/api/v1/rulesets/{rid}/{entry.job.command}")
        lang = lang_of(request)
        fmt = request.query_params.get("format", "json")
        if fmt not in FORMATS:
            raise UsageError(f"format: '{fmt}' is not one of {', '.join(FORMATS)}")
        period = runs.typed_period(entry, {k: request.query_params.get(k) for k in options})
        with Workspace() as ws:
            data, columns = await read_inputs(request, ws, entry, settings)

            def go() -> Response:
                run = runs.judge(entry, data, period, columns, settings.max_rows, columns=False)
                headers = {EXIT_HEADER: str(run.exit_code)}
                if fmt == "xlsx":
                    return Response(runs.workbook(run, ws, lang), media_type=views.XLSX,
                                    headers=headers)
                if fmt == "html":
                    return Response(runs.report(run, lang), media_type=FORMATS["html"],
                                    headers=headers)
                if fmt == "bundle":
                    return Response(runs.bundle(run, ws), media_type="application/json",
                                    headers=headers)
                return Response(runs.result_json(run), media_type="application/json",
                                headers=headers)
            return await in_thread(request, go)

    run.__name__ = f"run_{job.command.replace('-', '_')}"
    r.add_api_route(
        f"/rulesets/{{rid}}/{job.command}", run, methods=["POST"],
        summary=f"{job.title.en} (tdkt {job.command})",
        description=f"Judge the uploaded workbook or JSON records with a {job.kind} rule set. "
                    "Answers result.to_json() (or ?format=xlsx|html|bundle); the header "
                    f"{EXIT_HEADER} is 1 when rows were rejected (they are in the result), "
                    "else 0.",
        responses={**ERRORS, 200: {"model": report_type, "description": "the result",
                                   "content": {"application/json": {}, views.XLSX: {},
                                               "text/html": {}}}},
        openapi_extra={"requestBody": BODY, "parameters": _params(job)})


# ----- the reference page ----------------------------------------------------------------------

def reference(doc: dict[str, Any]) -> dict[str, Any]:
    """What the API reference page shows, from the OpenAPI document."""
    ops = []
    for path, methods in doc.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p.get("in", ""),
                       "type": _schema_type(p.get("schema", {})),
                       "required": p.get("required", False),
                       "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            body = ", ".join(op.get("requestBody", {}).get("content", {}))
            responses = [{"code": code, "description": r.get("description", ""),
                          "types": ", ".join(r.get("content", {}))}
                         for code, r in op.get("responses", {}).items()]
            ops.append({"id": op.get("operationId", f"{method}-{path}"), "method": method.upper(),
                        "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": body, "responses": responses})
    schemas = []
    for name, s in sorted(doc.get("components", {}).get("schemas", {}).items()):
        req = set(s.get("required", []))
        fields = [{"name": k, "type": _schema_type(v), "required": k in req,
                   "description": v.get("description", "")}
                  for k, v in s.get("properties", {}).items()]
        schemas.append({"name": name, "description": s.get("description", ""), "fields": fields})
    return {"ops": ops, "schemas": schemas, "openapi_url": "/api/v1/openapi.json",
            "examples": EXAMPLES}


def _schema_type(s: dict[str, Any]) -> str:
    if "$ref" in s:
        return s["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in s:
        return " | ".join(_schema_type(x) for x in s["anyOf"])
    if s.get("type") == "array":
        return f"array of {_schema_type(s.get('items', {}))}"
    return str(s.get("type", "object")) + (f" ({s['format']})" if "format" in s else "")


EXAMPLES = f"""# thiduakhenthuong {__version__}: docs/web.md has these examples, run by the tests
curl -s http://127.0.0.1:8765/api/v1/rulesets
curl -s -F data=@fixtures/lao-cai-2023/units.xlsx \\
     'http://127.0.0.1:8765/api/v1/rulesets/lao-cai-2023/score?lang=en'
curl -s -o ket-qua.xlsx -F data=@fixtures/titles-lao-cai/titles.xlsx \\
     'http://127.0.0.1:8765/api/v1/rulesets/titles/titles?year=2024&format=xlsx'

// JavaScript (Node 18 or later): docs/examples/api_client.mjs
const form = new FormData();
form.append("data", new Blob([await readFile(path)]), "units.xlsx");
const res = await fetch(`${{base}}/api/v1/rulesets/lao-cai-2023/score`, {{method: "POST", body: form}});
const result = await res.json();      // or a problem: res.headers.get("content-type")
console.log(result.units[0].name, result.units[0].total);
"""
