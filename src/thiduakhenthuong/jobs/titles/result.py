"""The result of a title run: decisions as columns, explained traces built on demand."""
from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any, Iterator

import numpy as np
import pandas as pd

from ...core.jsonable import plain
from ...core.models import Localized
from ...core.params import ResolvedParameter, parameter_uses
from ...core.result import Labels, Result
from ...core.trace import CheckTrace, MembersRead, Notice, ParameterUse, RejectedRow, YearsRead
from ...core.tri import F, T, U
from ...expr import ast as A
from ...expr import evaluate
from ...expr.evaluate import Context, year_grids
from ...expr.functions import FUNCTIONS
from ...expr.functions import MEMBER_FUNCTIONS, WINDOW_FUNCTIONS
from ...render.phrases import col, t as phrase
from ...rulebook.base import Check
from ...rulebook.regimes import RegimeChoice
from ...select.quota import cut_off_neighbour
from ...tables.history import Split
from ...tables.succession import Succession, SuccessionTable
from .engine import TitleColumns
from .model import Title, TitleRuleSet
from .trace import (CarriedYears, ExclusionTrace, PrizeTrace, QuotaTrace, RouteTrace,
                    SuccessionReport, SuccessionStep, TitleCheckTrace, TitleDecision, TitleReport,
                    TitleTotal)

_STATUS = {F: "failed", U: "unknown", T: "met"}


_OUTCOME = {F: "not_eligible", U: "not_determinable", T: "eligible"}


class TitleResult(Result):
    """Decisions on every title for every judged person and unit, with traces on demand (see
    :mod:`thiduakhenthuong.core.result` for what every result offers).

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
    >>> res.year, res.model.meta.regime.id
    (2024, 'law-2022')
    """

    kind = "titles"

    def __init__(self, rules: Any, params: dict[str, ResolvedParameter],
                 year: int, decision_date: dt.date, sources: list[str], people: Split,
                 units: Split | None, cols: TitleColumns, notices: list[Notice],
                 member_unit: np.ndarray | None, ghost_rows: dict[int, list[int]] | None = None,
                 regime_choice: RegimeChoice | None = None, caveats: list[Localized] | None = None,
                 successions: SuccessionTable | None = None, merger_policy: str = "all",
                 unit_names: dict[str, str] | None = None):
        self.rules = rules
        self.params = params
        self.year = year
        self.decision_date = decision_date
        self._sources = sources
        self.people = people
        self.units = units
        self.cols = cols
        self._notices = notices
        self.member_unit = member_unit
        self.ghost_rows = ghost_rows or {}
        self.regime_choice = regime_choice        # which legal regime applied, and why
        self.caveats = caveats or []              # what every decision under it must say
        self.overrides: list = []  # council decisions beside the rules' (select.overrides)
        self.successions = successions or SuccessionTable()   # the unit succession table
        self.merger_policy = merger_policy
        self.unit_names = unit_names or {}        # every unit's latest name, any year
        self._index_of: dict[str, dict[str, int]] = {}
        self._members_of: dict[int, np.ndarray] | None = None
        self._member_cache: dict[str, np.ndarray] = {}
        self._evidence_cache: dict[tuple[str, int], list[str]] = {}

    # ----- counts and columns -------------------------------------------------------------
    @property
    def sources(self) -> list[str]:
        return self._sources

    @property
    def notices(self) -> list[Notice]:
        return self._notices

    @property
    def rejected(self) -> list[RejectedRow]:
        return self.people.rejected + (self.units.rejected if self.units else []) + \
            self.successions.rejected

    def counts(self) -> dict[str, int]:
        """Rows in, judged, history, ignored and rejected of the people and units tables; they
        always add up (the succession table has :meth:`succession_counts`)."""
        parts = [self.people] + ([self.units] if self.units else [])
        return {"rows_in": sum(p.rows_in for p in parts),
                "judged": sum(p.judged for p in parts),
                "history": sum(p.history for p in parts),
                "ignored": sum(p.ignored for p in parts),
                "rejected": sum(len(p.rejected) for p in parts)}

    def succession_counts(self) -> dict[str, int]:
        """Rows of the succession table: in = applied + later (dated after the judged year) +
        rejected.

        >>> from thiduakhenthuong import evaluate_titles
        >>> res = evaluate_titles("titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
        >>> c = res.succession_counts()
        >>> c["rows_in"] == c["applied"] + c["later"] + c["rejected"]
        True
        """
        return self.successions.counts(self.year)

    def _subjects(self, title: Title):
        return self.people.subjects if title.subject == "person" else self.units.subjects

    def titles(self) -> list[Title]:
        return [self.model.title(t) for t in self.cols.order]

    def outcome(self, subject_id: str, title_id: str) -> str:
        """The outcome code for one subject and title.

        >>> from thiduakhenthuong import evaluate_titles
        >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
        >>> res.outcome(res.people.subjects.ids[0], "ldtt") in ("eligible", "not_eligible",
        ...                                                     "not_determinable")
        True
        """
        t = self.model.title(title_id)
        i = self._index(t, subject_id)
        return _OUTCOME[int(self.cols.status[title_id][i])]

    def _index(self, t: Title, subject_id: str) -> int:
        if t.subject not in self._index_of:
            ids = self._subjects(t).ids.tolist()
            self._index_of[t.subject] = {sid: i for i, sid in enumerate(ids)}
        i = self._index_of[t.subject].get(subject_id)
        if i is None:
            raise self.not_judged(subject_id, self._index_of[t.subject], t.subject)
        return i

    def totals(self) -> list[TitleTotal]:
        out = []
        for t in self.titles():
            s = self.cols.status[t.id]
            out.append(TitleTotal(
                title_id=t.id, title=t.title, eligible=int((s == T).sum()),
                not_eligible=int((s == F).sum()), not_determinable=int((s == U).sum()),
                proposed=int(self.cols.selected[t.id].sum()),
                prize_total=float(self.cols.prize[t.id].sum()) if t.id in self.cols.prize else 0.0))
        return out

    def to_frame(self, labels: Labels = None, proposed_only: bool = False) -> pd.DataFrame:
        """One row per subject per title (or per proposal), straight from the columns.

        Without ``labels``: ``subject`` (person/unit), ``subject_id``, ``name``, ``unit_id``,
        ``title_id``, ``outcome`` (eligible/not_eligible/not_determinable), ``proposed``
        (bool) and ``prize`` (đồng). With ``labels="vi"`` or ``"en"``: the headers, title
        names, outcome words and Có/Không the workbook shows.

        >>> from thiduakhenthuong import evaluate_titles
        >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
        >>> f = res.to_frame()
        >>> list(f.columns), str(f["proposed"].dtype)  # doctest: +NORMALIZE_WHITESPACE
        (['subject', 'subject_id', 'name', 'unit_id', 'title_id', 'outcome', 'proposed', 'prize'],
         'bool')
        """
        frames = []
        outcomes = np.array([_OUTCOME[o] for o in (F, U, T)], dtype=object)
        for t in self.titles():
            s = self._subjects(t)
            status = self.cols.status[t.id]
            sel = self.cols.selected[t.id]
            mask = sel if proposed_only else np.ones(len(s), dtype=bool)
            name_field = _role(self.model, t.subject, "name")
            unit_col = s.cols.get("unit_id") if t.subject == "person" else None
            frames.append(pd.DataFrame({
                "subject": t.subject, "subject_id": s.ids[mask],
                "name": s.cols[name_field][mask] if name_field else "",
                "unit_id": unit_col[mask] if unit_col is not None else "",
                "title_id": t.id, "outcome": outcomes[status[mask]],
                "proposed": np.asarray(sel[mask], dtype=bool),
                "prize": self.cols.prize[t.id][mask] if t.id in self.cols.prize else 0.0}))
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
            columns=["subject", "subject_id", "name", "unit_id", "title_id", "outcome",
                     "proposed", "prize"])
        return frame if labels is None else self._labelled(frame, labels)

    def _labelled(self, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
        titles = {t.id: t.title.get(lang) for t in self.model.titles}
        yes, no = col("yes_word", lang), col("no_word", lang)
        units = frame["unit_id"].map(lambda u: self.unit_names.get(u, u) if u else "")
        return pd.DataFrame({
            col("subject", lang): frame["subject"].map(lambda x: col(f"subject_{x}", lang)),
            col("subject_id", lang): frame["subject_id"],
            col("subject_name", lang): frame["name"],
            col("unit_id", lang): frame["unit_id"],
            col("unit_name", lang): units,
            col("title_id", lang): frame["title_id"],
            col("award_title", lang): frame["title_id"].map(titles),
            col("outcome", lang): frame["outcome"].map(lambda o: phrase("outcome_" + o, lang)),
            col("proposed", lang): np.where(frame["proposed"], yes, no),
            col("prize", lang): frame["prize"]})

    def get(self, subject_id: str) -> list[TitleDecision]:
        """Every title decision of one person or unit (a person and a unit may not share an id).

        >>> from thiduakhenthuong import evaluate_titles
        >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
        >>> [d.title_id for d in res.get("p005")][:2]
        ['ldtt', 'cstdcs']
        """
        out = list(self.decisions(subject_id=subject_id))
        if not out:
            known = set().union(*[set(self._subjects(t).ids.tolist()) for t in self.titles()])
            raise self.not_judged(subject_id, known, "person or unit")
        return out

    # ----- traces ---------------------------------------------------------------------------
    def decisions(self, subject_id: str | None = None,
                  title_id: str | None = None) -> Iterator[TitleDecision]:
        """Explained decisions, filtered by subject and/or title (built one at a time)."""
        for t in self.titles():
            if title_id is not None and t.id != title_id:
                continue
            if subject_id is None:
                rows = range(len(self._subjects(t).ids))
            else:
                try:
                    rows = [self._index(t, subject_id)]
                except KeyError:
                    rows = []
            for i in rows:
                yield self.decision_at(t, int(i))

    def decision(self, subject_id: str, title_id: str) -> TitleDecision:
        t = self.model.title(title_id)
        return self.decision_at(t, self._index(t, subject_id))

    def person_names(self) -> dict[str, str]:
        """Every judged person's name by code (for explanations naming another person)."""
        got = self.__dict__.get("_person_names")
        if got is None:
            s = self.people.subjects
            field = _role(self.model, "person", "name")
            got = {} if field is None else {str(k): str(v) for k, v in zip(s.ids, s.cols[field])
                                           if v}
            self.__dict__["_person_names"] = got
        return got

    def decision_at(self, t: Title, i: int) -> TitleDecision:
        s = self._subjects(t)
        c = self.cols
        checks = [self._check(t, ck, None, i) for ck in t.checks]
        routes = []
        for r in t.routes:
            checks += [self._check(t, ck, r.id, i) for ck in r.checks]
            routes.append(RouteTrace(id=r.id, title=r.title, status=_STATUS[int(c.routes[r.id][i])]))
        route_used = next((r.id for r in routes if r.status == "met"), None)
        excl = []
        for x in self.model.exclusions:
            if x.id in c.exclusions and x.subject == t.subject and \
                    (x.titles == "all" or t.id in x.titles):
                st = int(c.exclusions[x.id][i])
                excl.append(ExclusionTrace(
                    id=x.id, title=x.title, cite=x.cite,
                    status={T: "applies", F: "clear", U: "unknown"}[st], expression=x.when.text(),
                    values=self._values(t, x.when, i), basis=x.basis.reader()))
        status = int(c.status[t.id][i])
        quota = self._quota(t, i) if t.id in c.quotas and status == T else None
        prize = None
        if t.prize is not None and bool(c.selected[t.id][i]):
            bs = self.params["base_salary"]
            mult = float(evaluate(t.prize.multiplier, {k: p.value for k, p in self.params.items()}))
            step = float(self.params["prize_rounding"].value) if "prize_rounding" in self.params \
                else 1.0
            prize = PrizeTrace(multiplier=mult, base_salary=float(bs.value),
                               base_salary_from=bs.effective_from, decision_date=self.decision_date,
                               rounding=step, amount=float(c.prize[t.id][i]), cite=t.prize.cite)
        evidence = self._evidence(t, i) if status == U else []
        name_field = _role(self.model, t.subject, "name")
        return TitleDecision(
            subject=t.subject, subject_id=str(s.ids[i]),
            name=(str(s.cols[name_field][i]) or None) if name_field else None,
            unit_id=str(s.cols["unit_id"][i]) if t.subject == "person" and "unit_id" in s.cols
            else None,
            row=int(s.rows[i]), title_id=t.id, title=t.title, kind=t.kind, cite=t.cite,
            decided_by=t.decided_by, outcome=_OUTCOME[status], proposed=bool(c.selected[t.id][i]),
            checks=checks, routes=routes, route_used=route_used, exclusions=excl, quota=quota,
            prize=prize, missing_evidence=evidence, needs=_title_needs(t, checks, routes, status),
            caveats=self.caveats)

    def _check(self, t: Title, ck: Check, route: str | None, i: int) -> TitleCheckTrace:
        st = int(self.cols.checks[ck.id][i])
        # A subject read with several histories (a merger under the policy 'all') shows the one
        # that decided: the first whose result is the folded one.
        rows = self._subjects(t).rows_of(i)
        j = i
        if len(rows) > 1 and ck.id in self.cols.row_checks:
            per_row = self.cols.row_checks[ck.id][rows]
            j = rows[int(np.argmin(per_row))]
        history, members = [], []
        seen: set[str] = set()
        for call in ck.holds.calls():
            # The same call may be written twice (in both branches of an iif): shown once.
            if call.text() in seen:
                continue
            seen.add(call.text())
            if call.func in WINDOW_FUNCTIONS:
                history.append(self._years(t, call, j))
            elif call.func in MEMBER_FUNCTIONS:
                members.append(self._members(call, i))
        missing = []
        if st == U:
            missing = self._missing(t, ck.holds, i)
        needs = _needs(ck, self.year, history, members, self._param_value) if st == F else None
        carried = [c for h in history for c in self._carried(t, h, i, j)]
        several = len(rows) > 1 and bool(history)
        decided = self._history_of(t, i, j) if several else None
        return TitleCheckTrace(
            id=ck.id, title=ck.title, cite=ck.cite, route=route, status=_STATUS[st],
            expression=ck.holds.text(), values=self._values(t, ck.holds, i), history=history,
            members=members, missing_evidence=missing, needs=needs,
            basis=ck.basis.reader() if ck.basis else None,
            carried=carried, histories=len(rows) - 1 if several else 1, history_of=decided,
            history_of_name=self.unit_names.get(decided) if decided else None)

    def _history_of(self, t: Title, i: int, j: int) -> str | None:
        """The predecessor whose years make history ``j`` differ from the subject's own."""
        s = self._subjects(t)
        if j == i:
            return None
        own = s.history_row(i)[1]
        alt = s.history_row(j)[1]
        differ = [a for o, a in zip(own.tolist(), alt.tolist()) if o != a and a]
        return differ[0] if differ else None

    def _carried(self, t: Title, h: YearsRead, i: int, j: int) -> list[CarriedYears]:
        """The years ``h`` counted from another unit's rows, grouped by that unit, each with
        the successions linking it to the subject's unit."""
        s = self._subjects(t)
        first = s.years[0]
        if t.subject == "unit":
            own = str(s.ids[i])
            where = s.history_row(j)[1]
        else:
            field = _role(self.model, "person", "unit")
            if field is None:
                return []
            own = str(s.cols[field][i])
            where = s.yearly[field][i]
        groups: dict[str, list[int]] = {}
        for y in h.years:
            u = str(where[y - first])
            if u and u != own:
                groups.setdefault(u, []).append(y)
        out = []
        for u, years in groups.items():
            chain = self.successions.link(u, own, self.year) or ()
            out.append(CarriedYears(call=h.call, years=years, unit_id=u,
                                    unit_name=self.unit_names.get(u),
                                    successions=[self._step(x) for x in chain]))
        return out

    def _step(self, x: Succession) -> SuccessionStep:
        spec = self.model.successions
        f = spec.inputs.get("kind") if spec is not None else None
        label = (f.labels or {}).get(x.kind) if f is not None else None
        return SuccessionStep(row=x.row, from_unit=x.from_unit,
                              from_name=self.unit_names.get(x.from_unit), to_unit=x.to_unit,
                              to_name=self.unit_names.get(x.to_unit), on=x.on,
                              document=x.document, kind=x.kind,
                              kind_title=label or Localized(vi=x.kind, en=x.kind), main=x.main)

    def succession_report(self) -> SuccessionReport | None:
        """The succession table as applied to the judged year (None without one)."""
        table = self.successions
        if table.source is None and not table.rows_in:
            return None
        c = self.succession_counts()
        return SuccessionReport(
            source=table.source, merger_policy=self.merger_policy, rows_in=c["rows_in"],
            applied=c["applied"], later=c["later"], rejected=c["rejected"],
            applied_rows=[self._step(x) for x in table.in_force(self.year)],
            later_rows=[self._step(x) for x in table.later(self.year)])

    def _param_value(self, node: A.Node) -> float | None:
        if isinstance(node, A.Const) and isinstance(node.value, (int, float)):
            return float(node.value)
        if node.names() and node.names() <= self.params.keys():
            v = evaluate(node, {k: p.value for k, p in self.params.items()})
            return float(v) if isinstance(v, (int, float, np.floating, np.integer)) else None
        return None

    def _world(self, t: Title):
        return self.cols.envs[t.subject]

    def _undecided(self, t: Title) -> set[str]:
        """The titles not yet decided when ``t`` was: ``t`` itself and those after it. Their
        judged year reads as not held in ``t``'s explanation, as it did in its decision (a past
        national title ends a run; this year's, decided later, does not)."""
        order = self.cols.order
        return set(order[order.index(t.id):])

    def _values(self, t: Title, node: A.Node, i: int) -> dict[str, Any]:
        env = self._world(t).env["f"]
        s = self._subjects(t)
        later = self._undecided(t)
        out = {}
        for name in sorted(node.names_outside(WINDOW_FUNCTIONS | MEMBER_FUNCTIONS)):
            if name in later:
                out[name] = False
            elif name in s.attested:
                out[name] = plain(s.cols[name][i]) if s.known[name][i] else None
            elif name in env:
                v = env[name]
                out[name] = plain(v[i] if np.ndim(v) == 1 else v)
        return out

    def _years(self, t: Title, call: A.Call, i: int) -> YearsRead:
        s = self._subjects(t)
        yearly = self._world(t).yearly["f"]
        env = {k: (yearly[k][i:i + 1] if np.ndim(yearly[k]) >= 1 else yearly[k])
               for k in call.names() if k in yearly}
        for k in call.names() & self._undecided(t):
            past = env[k].copy()
            past[:, -1] = False
            env[k] = past
        ctx = Context(yearly=env)
        value = float(np.asarray(evaluate(call, {}, ctx)).reshape(-1)[0])
        mask = FUNCTIONS[call.func].counted(*year_grids(call, ctx))[0]
        return YearsRead(call=call.text(), value=value,
                         years=[y for y, m in zip(s.years, mask) if m], first_year=s.years[0])

    def _members(self, call: A.Call, i: int) -> MembersRead:
        key = call.text()
        if key not in self._member_cache:
            pw = self.cols.envs["person"]
            held = np.broadcast_to(np.asarray(evaluate(call.args[0], pw.env["f"], pw.ctx["f"]),
                                              dtype=bool), (pw.n,))
            self._member_cache[key] = held
        held = self._member_cache[key]
        if self._members_of is None:
            order = np.argsort(self.member_unit, kind="stable")
            bounds = np.searchsorted(self.member_unit[order], np.arange(len(self.units.subjects) + 1))
            self._members_of = {u: order[bounds[u]:bounds[u + 1]]
                                for u in range(len(self.units.subjects))}
        idx = self._members_of.get(i, np.zeros(0, dtype=np.int64))
        members = np.zeros(len(self.member_unit), dtype=bool)
        members[idx] = True
        ghosts = self.ghost_rows.get(i, [])
        count, n = int(held[idx].sum()), len(idx) + len(ghosts)
        value = (count / n if n else None) if call.func == "members_share" else float(count)
        pending = [f"row {r}: rejected" for r in ghosts]
        person_titles = {t.id for t in self.model.titles if t.subject == "person"}
        for tid in sorted(call.args[0].names() & person_titles):
            undetermined = members & (self.cols.status[tid] == U)
            ids = self.people.subjects.ids[undetermined]
            pending += [f"{pid}: {tid}" for pid in ids.tolist()]
        return MembersRead(call=key, value=value, count=count, members=n, pending=pending)

    def _missing(self, t: Title, node: A.Node, i: int) -> list[str]:
        s = self._subjects(t)
        out = [a for a in sorted(node.names() & set(s.attested)) if not s.known[a][i]]
        same = {x.id for x in self.model.titles if x.subject == t.subject}
        for tid in sorted(node.names() & same):
            if tid != t.id and int(self.cols.status[tid][i]) == U:
                out += [e for e in self._evidence(self.model.title(tid), i) if e not in out]
        return out

    def _evidence(self, t: Title, i: int) -> list[str]:
        key = (t.id, i)
        if key not in self._evidence_cache:
            out: list[str] = []
            nodes = [ck.holds for ck in t.checks] + [ck.holds for r in t.routes for ck in r.checks]
            nodes += [x.when for x in self.model.exclusions if x.id in self.cols.exclusions and
                      x.subject == t.subject and (x.titles == "all" or t.id in x.titles)]
            for node in nodes:
                out += [e for e in self._missing(t, node, i) if e not in out]
                for call in node.calls():
                    if call.func in MEMBER_FUNCTIONS:
                        out += [p for p in self._members(call, i).pending if p not in out]
            self._evidence_cache[key] = out
        return self._evidence_cache[key]

    def _quota(self, t: Title, i: int) -> QuotaTrace:
        q = self.cols.quotas[t.id]
        s = self._subjects(t)
        group = s.cols[t.quota.group_by][i]
        j, k = cut_off_neighbour(q, i, group)
        names = [kk.expr.text() for kk in t.quota.keys] + ["id"]
        return QuotaTrace(
            group=str(group), holders_of=t.quota.of, holders=int(q.holders[i]), share=q.share,
            cap=int(q.cap[i]), eligible_in_group=int(q.eligible_in_group[i]), rank=int(q.rank[i]),
            selected=bool(q.selected[i]), keys=names,
            decided_by=names[k] if k is not None else None,
            neighbour=str(s.ids[j]) if j is not None else None,
            own_value=plain(q.keys[k][i]) if k is not None else None,
            neighbour_value=plain(q.keys[k][j]) if k is not None else None)

    # ----- whole-run documents ----------------------------------------------------------------
    def parameter_uses(self) -> list[ParameterUse]:
        return parameter_uses(self.params)

    def report(self, decisions: str = "all") -> TitleReport:
        """The whole run as one document. ``decisions``: 'all' or 'proposed'."""
        ds = [d for d in self.decisions() if decisions == "all" or d.proposed]
        c = self.counts()
        return TitleReport(
            ruleset_id=self.rules.id, ruleset_version=self.rules.version,
            ruleset_hash=self.rules.hash, regime=self.model.meta.regime.id,
            regime_choice=self.regime_choice, year=self.year,
            decision_date=self.decision_date, sources=self.sources, rows_in=c["rows_in"],
            rows_judged=c["judged"], rows_history=c["history"], rows_ignored=c["ignored"],
            rejected_count=c["rejected"], decisions=ds, totals=self.totals(),
            parameters=self.parameter_uses(), rejected=self.rejected, warnings=self.notices,
            overrides=self.overrides, successions=self.succession_report())

    def to_json(self, decisions: str = "all", indent: int | None = None) -> str:
        """Deterministic JSON of :meth:`report` (``decisions``: 'all' or 'proposed')."""
        return json.dumps(self.report(decisions).model_dump(mode="json"), ensure_ascii=False,
                          indent=self.json_indent if indent is None else indent, sort_keys=True)


def _role(model: TitleRuleSet, subject: str, role: str) -> str | None:
    fields = model.inputs if subject == "person" else model.unit_inputs
    return next((n for n, f in fields.items() if f.role == role), None)


def _needs(ck: Check, year: int, history: list[YearsRead], members: list[MembersRead],
           value_of) -> Localized | None:
    """What it takes to meet a failed check: computed for streaks and member shares/counts,
    otherwise the rule's own hint."""
    node = ck.holds
    if isinstance(node, A.Logic) and node.op == "and":
        # e.g. "cstd_tinh and streak_count(...) >= 2": the first failing comparison decides.
        node = next((o for o in node.operands if isinstance(o, A.Compare)), node)
    k = value_of(node.right) if isinstance(node, A.Compare) else None
    if isinstance(node, A.Compare) and node.op in (">=", ">") and isinstance(node.left, A.Call) \
            and k is not None:
        call = node.left
        if call.func == "streak" and history:
            have = history[0].value
            more = int(math.floor(k) + (1 if node.op == ">" else 0) - have)
            if more > 0:
                return Localized(vi=f"cần thêm {more} năm liên tục: sớm nhất năm {year + more}",
                                 en=f"needs {more} more consecutive year{'s' if more > 1 else ''}"
                                    f": {year + more} at the earliest")
        if call.func == "members_count" and members:
            more = int(math.floor(k) + (1 if node.op == ">" else 0) - members[0].count)
            if more > 0:
                return Localized(vi=f"cần thêm {more} người đạt điều kiện "
                                    f"(hiện có {members[0].count})",
                                 en=f"needs {more} more member{'s' if more > 1 else ''} meeting it "
                                    f"(now {members[0].count})")
    if isinstance(node, A.Compare) and node.op in (">=", ">") and isinstance(node.left, A.Call) \
            and node.left.func == "members_share" and members and members[0].members:
        m = members[0]
        share = k
        if share is not None:
            need = math.floor(share * m.members + 1e-9) + 1 if node.op == ">" else \
                math.ceil(share * m.members - 1e-9)
            more = need - m.count
            if more > 0:
                return Localized(vi=f"cần thêm {more} người đạt ({m.count}/{m.members} hiện có, "
                                    f"cần {need})",
                                 en=f"needs {more} more member{'s' if more > 1 else ''} "
                                    f"({m.count}/{m.members} now, {need} needed)")
    return ck.hint


def _title_needs(t: Title, checks: list[CheckTrace], routes: list[RouteTrace],
                 status: int) -> list[Localized]:
    if status != F:
        return []
    out = [c.needs or Localized(vi=f"chưa đạt: {c.title.vi}", en=f"not met: {c.title.en}")
           for c in checks if c.route is None and c.status == "failed"]
    if routes and not any(r.status == "met" for r in routes):
        alts = []
        for r in routes:
            failed = [c for c in checks if c.route == r.id and c.status == "failed"]
            if failed:
                need = failed[0].needs or Localized(vi="chưa đạt", en="not met")
                alts.append(Localized(vi=f"{r.title.vi}: {need.vi}", en=f"{r.title.en}: {need.en}"))
        if alts:
            out.append(Localized(vi="một trong: " + "; hoặc ".join(a.vi for a in alts),
                                 en="one of: " + "; or ".join(a.en for a in alts)))
    return out
