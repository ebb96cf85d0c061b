"""Rule authors' own tests: the cases in a rule set's ``tests/`` folder, run by ``tdkt test``.

A case gives input rows and the values expected for some subjects (points per criterion, total,
class, rank, award, a title's outcome, selected, reason), each within an optional margin. Cases
are written in YAML (``tests/*.yaml``) or as a spreadsheet table (``tests/*.csv``, ``*.xlsx``)
whose ``expect:<key>`` columns hold the expected values of each row's subject. A case reads
nothing outside its rule set's folder. The job reads its result through the ``cases`` part it
registers (:class:`..core.job.CasePart`); a job without one is read through the JSON of
``result.get(subject)``, by dotted path (``cstdcs.outcome``, ``quota.selected``).

YAML::

    defaults: {rows: {department: so_giao_duc}}     # every row of a table takes these
    margin: 0.01                                    # or {abs: 0.01, rel: 0.001}
    cases:
      - id: worked_example
        title: "97 + 10 = 107"
        options: {as_of: 2020-12-31}                # what the job needs (year, level, ...)
        data: [{unit_id: q5, score: 97, city_flag: true}]   # or {people: [...], units: [...]}
        expect:
          q5: {total: 107, events: 10, "points.department_score": 97}

A row may say ``repeat: N`` (N rows, ids suffixed ``_1`` .. ``_N``) and ``years: [2023, 2024]``
(one row per year, in the field ``year``). An expected number may carry its own margin,
``"107 ± 0.5"`` or ``"107 ± 1%"``.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..core import job as jobs
from ..errors import RuleError, TdktError
from .discover import find_rule_sets, has_rules, resolve
from .ruleset import LoadedRules, Regimes, load
from .yaml_source import load_yaml

#: The folder of a rule set that holds its cases.
TESTS = "tests"
_PLUS_MINUS = re.compile(r"^\s*([^±]+?)\s*±\s*([0-9.,]+)\s*(%?)\s*$")


@dataclass(frozen=True)
class Expected:
    """An expected value and the margin it may be off by (absolute, or relative to it)."""
    value: Any
    abs: float = 0.0
    rel: float = 0.0

    def holds(self, actual: Any) -> bool:
        """Whether ``actual`` is this value (numbers within the margin, rounding noise aside).

        >>> Expected(107.0, abs=0.5).holds(106.6), Expected("htxs").holds("htt")
        (True, False)
        >>> Expected(["co_thi_dua"]).holds(["co_thi_dua"]), Expected(True).holds(1.0)
        (True, False)
        """
        v, a = self.value, actual
        if isinstance(v, bool) or isinstance(a, bool):
            return isinstance(a, bool) and isinstance(v, bool) and a == v
        if isinstance(v, (int, float)) and isinstance(a, (int, float)):
            tol = max(self.abs, self.rel * abs(v), 1e-9)
            return math.isfinite(a) and abs(a - v) <= tol + 1e-12
        if isinstance(a, dict) and set(a) == {"vi", "en"}:
            return v in (a["vi"], a["en"])
        if isinstance(v, list) and isinstance(a, (list, tuple)):
            return sorted(map(str, v)) == sorted(map(str, a))
        if isinstance(v, (dt.date, str)) and a is not None:
            return str(v) == str(a)
        return v == a

    def show(self) -> str:
        m = f" ± {self.abs:g}" if self.abs else f" ± {self.rel * 100:g}%" if self.rel else ""
        return f"{_show(self.value)}{m}"


@dataclass
class Case:
    """One case: where it is written, what the job is given and what is expected of it."""
    id: str
    file: str
    line: int | None
    title: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    data: Any = None
    expect: dict[str, dict[str, Expected]] = field(default_factory=dict)


@dataclass
class Failure:
    """A value that differs: expected against actual, with the explanation behind it."""
    subject: str
    key: str
    expected: str
    actual: str
    explanation: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    case: Case
    failures: list[Failure] = field(default_factory=list)
    error: str | None = None
    checked: int = 0

    @property
    def passed(self) -> bool:
        return self.error is None and not self.failures


@dataclass
class SuiteReport:
    """Every case of one rule set (or of a directory of rule sets) and how each ended."""
    rules: str
    outcomes: list[Outcome]

    @property
    def passed(self) -> bool:
        return all(o.passed for o in self.outcomes)

    @property
    def counts(self) -> tuple[int, int]:
        """(passed, failed) cases."""
        ok = sum(o.passed for o in self.outcomes)
        return ok, len(self.outcomes) - ok


# --- reading cases -------------------------------------------------------------------------------
def case_files(rule_dir: Path) -> list[Path]:
    """The case files of a rule set (its ``tests/`` folder), by name."""
    d = Path(rule_dir) / TESTS
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".csv", ".xlsx")
                  and not p.name.startswith(("~", ".")))


def load_cases(rule_dir: Path, key_field: str | None = None,
               headers: dict[str, str] | None = None) -> list[Case]:
    """Every case of a rule set. ``key_field`` and ``headers`` (normalised header -> field)
    say which column of a spreadsheet case names each row's subject."""
    out: list[Case] = []
    for f in case_files(rule_dir):
        if f.suffix.lower() in (".yaml", ".yml"):
            out += _yaml_cases(f)
        else:
            out += _table_cases(f, key_field, headers or {})
    return out


def _margin(spec: Any, file: str, line: int | None) -> tuple[float, float]:
    if spec is None:
        return 0.0, 0.0
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        return float(spec), 0.0
    if isinstance(spec, dict) and set(spec) <= {"abs", "rel"}:
        return float(spec.get("abs", 0.0)), float(spec.get("rel", 0.0))
    raise RuleError(f"a margin is a number or {{abs: .., rel: ..}}, not {spec!r}", file, line)


def expected(value: Any, margin: tuple[float, float] = (0.0, 0.0)) -> Expected:
    """An expectation from a written value: a number, text, yes/no, a list, or "107 ± 0.5".

    >>> expected("107 ± 0,5"), expected("90 ± 1%").rel, expected("htxs").value
    (Expected(value=107.0, abs=0.5, rel=0.0), 0.01, 'htxs')
    """
    if isinstance(value, str):
        m = _PLUS_MINUS.match(value)
        if m:
            base = _number(m.group(1))
            tol = _number(m.group(2))
            if base is not None and tol is not None:
                return Expected(base, 0.0, tol / 100) if m.group(3) else Expected(base, tol, 0.0)
        num = _number(value)
        if num is not None:
            return Expected(num, *margin)
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    return Expected(value, *margin)


def _number(text: str) -> float | None:
    t = str(text).strip().replace("\u00a0", "")
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    return None


def _yaml_cases(f: Path) -> list[Case]:
    doc = load_yaml(f) or {}
    file = f.as_posix()
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise RuleError("a case file holds 'cases:', a list (and may hold 'defaults' and "
                        "'margin')", file, 1)
    unknown = set(doc) - {"cases", "defaults", "margin", "options"}
    if unknown:
        raise RuleError(f"unknown key(s) {sorted(unknown)} in a case file", file, 1)
    defaults = doc.get("defaults") or {}
    top_margin = _margin(doc.get("margin"), file, doc.line_of("margin"))
    top_options = dict(doc.get("options") or {})
    out = []
    for i, raw in enumerate(doc["cases"]):
        line = getattr(raw, "line", None)
        if not isinstance(raw, dict) or "id" not in raw or "expect" not in raw:
            raise RuleError("a case needs 'id', data and 'expect'", file, line)
        extra = set(raw) - {"id", "title", "source", "options", "data", "data_file", "expect",
                            "margin"}
        if extra:
            raise RuleError(f"unknown key(s) {sorted(extra)} in case '{raw['id']}'", file, line)
        margin = _margin(raw.get("margin"), file, line) if "margin" in raw else top_margin
        if "data_file" in raw:
            spec = raw["data_file"]
            if isinstance(spec, dict):  # one file per table: {candidates: ung-vien.csv}
                data: Any = {str(k): _frame(_own(f, v, file, line)) for k, v in spec.items()}
            else:
                data = str(_own(f, spec, file, line))
        else:
            data = _expand(raw.get("data"), defaults, file, line)
        expect: dict[str, dict[str, Expected]] = {}
        for subject, values in (raw["expect"] or {}).items():
            if not isinstance(values, dict):
                raise RuleError(f"expect.{subject} must map keys to expected values", file, line)
            expect[str(subject)] = {str(k): expected(_plain(v), margin) for k, v in values.items()}
        out.append(Case(id=str(raw["id"]), file=file, line=line, title=str(raw.get("title", "")),
                        options={**top_options, **dict(raw.get("options") or {})}, data=data,
                        expect=expect))
    return out


def _own(case_file: Path, name: Any, file: str, line: int | None) -> Path:
    target = (case_file.parent / str(name)).resolve()
    if case_file.parent.resolve() not in target.parents or not target.is_file():
        raise RuleError(f"data file '{name}' is not in the case file's own folder", file, line)
    return target


def _frame(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return pd.read_excel(path, dtype=str).fillna("")


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _expand(data: Any, defaults: dict, file: str, line: int | None) -> Any:
    """Rows with the file's defaults, ``repeat`` and ``years`` expanded; a mapping of tables
    (people, units) expands each."""
    if data is None:
        raise RuleError("a case needs 'data' (rows) or 'data_file'", file, line)
    if isinstance(data, dict):
        return {name: _rows(rows, {**(defaults.get("rows") or {}), **(defaults.get(name) or {})})
                for name, rows in data.items()}
    if isinstance(data, list):
        return _rows(data, dict(defaults.get("rows") or {}))
    raise RuleError("'data' is a list of rows or a mapping of tables to rows", file, line)


def _rows(rows: list, base: dict) -> list[dict]:
    out = []
    for own in rows:
        # The subject's id is the row's own first "..._id" key (not one of the defaults).
        key = next(iter(k for k in own if str(k).endswith("_id")), None)
        r = {**base, **_plain(dict(own))}
        repeat = r.pop("repeat", None)
        years = r.pop("years", None)
        ids = [None] if repeat is None else list(range(1, int(repeat) + 1))
        for k in ids:
            for y in (years if years is not None else [None]):
                row = dict(r)
                if k is not None and key is not None:
                    row[key] = f"{r[key]}_{k}"
                if y is not None:
                    row["year"] = y
                out.append({c: (v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
                            for c, v in row.items()})
    return out


def _norm(h: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(h)).casefold().split())


def _table_cases(f: Path, key_field: str | None, headers: dict[str, str]) -> list[Case]:
    """A spreadsheet case table: data columns, ``expect:<key>`` columns, and optionally a
    ``case`` column (rows of one case) and ``option:<name>`` columns."""
    file = f.as_posix()
    frame = pd.read_csv(f, dtype=str, keep_default_na=False) if f.suffix.lower() == ".csv" else \
        pd.read_excel(f, dtype=str).fillna("")
    cols = list(frame.columns)
    exp_cols = [c for c in cols if _norm(c).startswith(("expect:", "kỳ vọng:"))]
    opt_cols = [c for c in cols if _norm(c).startswith("option:")]
    if not exp_cols:
        return []  # a data file that YAML cases read (data_file), not a case table
    case_col = next((c for c in cols if _norm(c) in ("case", "tình huống")), None)
    data_cols = [c for c in cols if c not in exp_cols + opt_cols and c != case_col]
    key_col = next((c for c in data_cols if headers.get(_norm(c)) == key_field), None)
    if key_col is None:
        raise RuleError(f"the case table has no column for the subject id ('{key_field}')", file)
    groups = frame.groupby(frame[case_col], sort=False) if case_col else [(f.stem, frame)]
    out = []
    for name, part in groups:
        options = {}
        for c in opt_cols:
            vals = {v for v in part[c] if v != ""}
            if len(vals) > 1:
                raise RuleError(f"case '{name}': {c} differs between its rows", file)
            if vals:
                options[c.split(":", 1)[1].strip()] = vals.pop()
        expect: dict[str, dict[str, Expected]] = {}
        for _, row in part.iterrows():
            want = {c.split(":", 1)[1].strip(): expected(_cell(row[c])) for c in exp_cols
                    if row[c] != ""}
            if want:
                expect.setdefault(str(row[key_col]), {}).update(want)
        line = int(part.index[0]) + 2
        out.append(Case(id=str(name), file=file, line=line, title="", options=options,
                        data=part[data_cols].reset_index(drop=True), expect=expect))
    return out


def _cell(v: str) -> Any:
    t = v.strip()
    low = t.casefold()
    if low in ("true", "có", "yes"):
        return True
    if low in ("false", "không", "no"):
        return False
    if t.startswith("[") and t.endswith("]"):
        return [x.strip() for x in t[1:-1].split(",") if x.strip()]
    return t


# --- running cases -------------------------------------------------------------------------------
def generic_values(result: Any, subject: str) -> dict[str, Any]:
    """A subject's values by dotted path through the JSON of ``result.get(subject)``; a list of
    decisions is keyed by each one's id (``title_id``, ``id``).

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
    >>> generic_values(res, "p004")["cstdcs.outcome"]
    'eligible'
    """
    got = result.get(subject)
    out: dict[str, Any] = {}
    _flatten(_dump(got), "", out)
    return out


def _dump(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, (list, tuple)):
        items = [_dump(x) for x in obj]
        if items and all(isinstance(x, dict) for x in items):
            for k in ("title_id", "id", "candidate_id", "unit_id"):
                if all(k in x for x in items) and len({x[k] for x in items}) == len(items):
                    return {x[k]: x for x in items}
        return items
    return obj


def _flatten(obj: Any, prefix: str, out: dict[str, Any]) -> None:
    if prefix:
        out[prefix] = obj
    if isinstance(obj, dict) and set(obj) != {"vi", "en"}:
        for k, v in obj.items():
            _flatten(_dump(v) if isinstance(v, list) else v, f"{prefix}.{k}" if prefix else k,
                     out)


def run_case(loaded: LoadedRules | Regimes, case: Case, lang: str = "vi") -> Outcome:
    """Run one case and compare every expected value."""
    job = jobs.get(loaded.kind)
    outcome = Outcome(case)
    try:
        data = case.data
        if job.cases is not None and job.cases.table and isinstance(data, pd.DataFrame):
            data = data if loaded.kind == "scoring" else {job.cases.table: data}
        result = loaded.evaluate(data, **case.options)
    except TdktError as e:
        outcome.error = f"{type(e).__name__}: {e}"
        return outcome
    values_of = job.cases.values if job.cases is not None else generic_values
    for subject, want in case.expect.items():
        try:
            values = values_of(result, subject)
        except (KeyError, TdktError) as e:
            outcome.failures.append(Failure(subject, "*", "a decision", f"none ({e})"))
            continue
        for key, exp in want.items():
            outcome.checked += 1
            if key not in values:
                near = sorted(k for k in values if k.split(".")[0] == key.split(".")[0])[:8]
                outcome.failures.append(Failure(
                    subject, key, exp.show(), "no such value" + (
                        f" (known: {', '.join(near)})" if near else "")))
                continue
            actual = values[key]
            if not exp.holds(actual):
                lines = job.cases.explain(result, subject, key, lang) \
                    if job.cases is not None else _generic_explain(values, key)
                outcome.failures.append(Failure(subject, key, exp.show(), _show(actual), lines))
    return outcome


def _generic_explain(values: dict[str, Any], key: str) -> list[str]:
    parent = key.rsplit(".", 1)[0] if "." in key else ""
    return [f"{k} = {_show(v)}" for k, v in sorted(values.items())
            if parent and k.startswith(parent + ".") and k.count(".") == key.count(".")
            and not isinstance(v, (dict, list))][:12]


def _show(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, dict) and set(v) == {"vi", "en"}:
        return str(v["vi"])
    return str(v)


def rule_sets_with_cases(path: str | Path) -> list[Path]:
    """The rule sets to test at ``path``: one rule set, every member of a directory of rule
    sets (regimes), or every rule set found under a directory."""
    p = resolve(path)
    if p.is_dir() and has_rules(p):
        return [p]
    return find_rule_sets(p)


def run_suite(path: str | Path, lang: str = "vi") -> list[SuiteReport]:
    """Run the cases of every rule set at ``path`` (see :func:`rule_sets_with_cases`); a
    rule set without cases is reported with none (``tdkt test`` treats that as a failure)."""
    reports = []
    for rule_dir in rule_sets_with_cases(path):
        loaded = load(rule_dir)
        model = loaded.model if isinstance(loaded, LoadedRules) else None
        key = headers = None
        if model is not None and hasattr(model, "inputs"):
            key = next((n for n, f in model.inputs.items() if f.role == "key"), None)
            headers = {_norm(h): n for n, f in model.inputs.items()
                       for h in [n, f.title.vi, f.title.en, *f.aliases]}
        cases = load_cases(rule_dir, key, headers)
        reports.append(SuiteReport(str(rule_dir), [run_case(loaded, c, lang) for c in cases]))
    return reports


def failures_text(report: SuiteReport) -> Iterable[str]:
    """The lines ``tdkt test`` prints for a rule set's failed cases."""
    for o in report.outcomes:
        if o.passed:
            continue
        where = f"{o.case.file}:{o.case.line}" if o.case.line else o.case.file
        yield f"✗ {o.case.id} ({where}){' — ' + o.case.title if o.case.title else ''}"
        if o.error:
            yield f"    {o.error}"
        for fl in o.failures:
            yield f"    {fl.subject} {fl.key}: expected {fl.expected}, got {fl.actual}"
            for line in fl.explanation:
                yield f"        {line}"
