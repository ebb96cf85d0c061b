"""The result of a delegate selection."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ...core.jsonable import plain
from ...core.models import Localized
from ...core.params import parameter_uses
from ...core.result import Labels, Result
from ...core.trace import CheckTrace, Notice, RejectedRow
from ...core.tri import U
from ...i18n.workbook import delegate_columns
from ...render.phrases import t as phrase
from .engine import neighbour, outcome_name, reason
from .trace import (ConferenceSummary, DelegateDecision, DelegateReport, ForwardingCheck,
                    HeldOn)
from .words import say

class DelegateResult(Result):
    """Delegate decisions for one level: every candidate eligible or not, selected or left out,
    with the reason (see :mod:`thiduakhenthuong.core.result` for what every result offers).

    >>> from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
    >>> res = evaluate_delegates("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "huyen")
    >>> res.report().conferences[0].selected <= 150
    True
    """

    kind = "delegates"

    def __init__(self, rules, params, level, source, raw, valid, cols, rows, sel, other_levels,
                 known, held=None, late=None, higher=None, forwarding=(), notices=(),
                 awards=None, sources=(), conference_names=None):
        self.rules, self.params, self.level = rules, params, level
        self.source, self.raw, self.valid, self.cols, self.rows = source, raw, valid, cols, rows
        self.sel, self.other_levels = sel, other_levels
        self.known = known      # attested field -> evidence complete (and in time), per candidate
        self.held: dict[str, HeldOn] = held or {}          # conference -> its day (cutoff)
        self.late = late or {}  # attested field -> attested after the conference day
        self.higher = higher or {}                          # conference -> higher one, if named
        self.forwarding: list[ForwardingCheck] = list(forwarding)
        self._notices = list(valid.notices) + list(notices)
        self.awards = awards    # AwardCounts from the dated awards table, if the data have one
        # conference -> the name of the chapter whose plan names it (explanations name it so)
        self.conference_names: dict[str, str] = dict(conference_names or {})
        self._sources = [source] + [s for s in sources if s != source]
        self._rejected = list(valid.rejected) + (
            [r.model_copy(update={"table": "awards"}) for r in awards.rejected]
            if awards is not None else [])
        role = {f.role: name for name, f in rules.model.inputs.items() if f.role}
        self._key = role["key"]
        self._index = {str(x): i for i, x in enumerate(cols[self._key].tolist())}

    @property
    def sources(self) -> list[str]:
        """Every table read: the candidates, and the plans and awards where they were used."""
        return self._sources

    @property
    def rejected(self) -> list[RejectedRow]:
        return self._rejected

    @property
    def notices(self) -> list[Notice]:
        return self._notices

    def get(self, candidate_id: str) -> DelegateDecision:
        """The decision on one candidate.

        >>> from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
        >>> res = evaluate_delegates("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "huyen")
        >>> d = res.get(res.to_frame()["candidate_id"].iloc[0]); d.outcome in ("eligible", "not_eligible", "not_determinable")
        True
        """
        i = self._index.get(candidate_id)
        if i is None:
            raise self.not_judged(candidate_id, self._index, "candidate")
        return self._decision(i)

    def to_frame(self, labels: Labels = None) -> pd.DataFrame:
        """One row per candidate of the level: ``candidate_id``, ``name``, ``group``,
        ``conference``, ``row``, ``outcome`` (eligible/not_eligible/not_determinable),
        ``selected`` (bool), ``seat`` (invited/reserved/open or empty), ``rank`` (place in the
        merit order, empty when not eligible), ``reason``, ``forwarded`` (bool) and
        ``missing_evidence``. With ``labels="vi"`` or ``"en"``: display headers, group titles,
        outcome words and Có/Không.

        >>> from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
        >>> res = evaluate_delegates("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "huyen")
        >>> f = res.to_frame()
        >>> str(f["selected"].dtype), str(f["rank"].dtype), int(f["selected"].sum()) <= 150
        ('bool', 'Int64', True)
        """
        ds = self.decisions()
        lang = labels or "en"
        frame = pd.DataFrame({
            "candidate_id": [d.candidate_id for d in ds], "name": [d.name or "" for d in ds],
            "group": [d.group for d in ds], "conference": [d.conference for d in ds],
            "row": np.array([d.row for d in ds], dtype=np.int64),
            "outcome": [d.outcome for d in ds],
            "selected": np.array([d.selected for d in ds], dtype=bool),
            "seat": [d.seat or "" for d in ds],
            "rank": pd.array([d.rank for d in ds], dtype="Int64"),
            "reason": [d.reason.get(lang) for d in ds],
            "forwarded": np.array([d.forwarded for d in ds], dtype=bool),
            "missing_evidence": [", ".join(d.missing_evidence) for d in ds]})
        if labels is None:
            return frame
        yes, no = delegate_columns("yes", labels), delegate_columns("no", labels)
        groups = {g.id: g.title.get(labels) for g in self.model.groups}
        shown = frame.assign(
            group=frame["group"].map(groups),
            outcome=frame["outcome"].map(lambda o: phrase("outcome_" + o, labels)),
            selected=np.where(frame["selected"], yes, no),
            seat=frame["seat"].map(lambda x: phrase("seat_" + x, labels) if x else ""),
            forwarded=np.where(frame["forwarded"], yes, no))
        return shown.rename(columns={c: delegate_columns(c, labels) for c in shown.columns})

    def decisions(self) -> list[DelegateDecision]:
        """Every candidate's decision, in input order."""
        return [self._decision(i) for i in range(len(self.rows))]

    def _decision(self, i: int) -> DelegateDecision:
        m, s, c = self.model, self.sel, self.cols
        role = {f.role: name for name, f in m.inputs.items() if f.role}
        group = c[role["group"]]
        attested = [n for n, f in m.inputs.items() if f.type == "attested"]
        g = m.group(str(group[i]))
        checks = []
        missing = []
        if g.held_to_standards:
            for ck in m.standards:
                st = int(s.checks[ck.id][i])
                names = sorted(ck.holds.names())
                miss = [a for a in names if a in attested and not self.known[a][i]]
                missing += [x for x in miss if x not in missing]
                checks.append(CheckTrace(
                    id=ck.id, title=ck.title, cite=ck.cite,
                    status={0: "failed", 1: "unknown", 2: "met"}[st],
                    expression=ck.holds.text(),
                    values={k: (plain(c[k][i]) if k not in attested or self.known[k][i]
                                else None) for k in names if k in c},
                    missing_evidence=miss if st == U else [], needs=ck.hint))
        cid = str(c[role["conference"]][i])
        after = [a for a in attested if a in self.late and self.late[a][i]] \
            if g.held_to_standards else []
        why = reason(s, i, g.id, cid, m)
        if after and s.status[i] == U:
            why = say("conf_after_conference", day=self.held[cid].day.strftime("%d/%m/%Y"),
                      what=Localized(vi=", ".join(f"“{m.inputs[a].title.vi}”" for a in after),
                                     en=", ".join(f"“{m.inputs[a].title.en}”" for a in after)))
        decided_by = nb = own = other = None
        if s.status[i] == 2 and not s.selected[i]:
            j, k = neighbour(s, i, cid, not g.held_to_standards)
            if j is not None:
                names = [kk.expr.text() for kk in m.keys] + ["id"]
                decided_by, nb = names[k], str(c[role["key"]][j])
                own, other = plain(s.keys[k][i]), plain(s.keys[k][j])
        return DelegateDecision(
            candidate_id=str(c[role["key"]][i]),
            name=(str(c[role["name"]][i]) or None) if "name" in role else None,
            kind=str(c["kind"][i]) if "kind" in c else None, group=g.id, group_title=g.title,
            conference=cid, row=int(self.rows[i]), outcome=outcome_name(s.status[i]),
            held_to_standards=g.held_to_standards, checks=checks,
            missing_evidence=missing if s.status[i] == U else [],
            after_conference=after,
            awards=self.awards.uses[i] if self.awards is not None else [],
            merit={k.expr.text(): plain(s.keys[n][i]) for n, k in enumerate(m.keys)},
            rank=int(s.rank[i]) or None, selected=bool(s.selected[i]),
            seat=s.seat[i] or None, reason=why,
            decided_by=decided_by, neighbour=nb, own_value=own, neighbour_value=other,
            forwarded=bool(s.forwarded[i]))

    def summaries(self) -> list[ConferenceSummary]:
        m, s = self.model, self.sel
        role = {f.role: name for name, f in m.inputs.items() if f.role}
        conf = self.cols[role["conference"]]
        group = self.cols[role["group"]]
        lv = m.level(self.level)
        nxt = m.level(lv.next_level) if lv.next_level else None
        out = []
        for cid in sorted(set(conf.tolist())):
            mask = conf == cid
            out.append(ConferenceSummary(
                conference=cid, level=self.level, level_title=lv.title, cap=s.cap,
                cap_cite=lv.cap_cite,
                candidates=int(mask.sum()), eligible=int((mask & (s.status == 2)).sum()),
                selected=int((mask & s.selected).sum()),
                by_group={g.id: int((mask & s.selected & (group == g.id)).sum())
                          for g in m.groups},
                seats={g: {"min": lo, "max": hi} for g, (lo, hi) in s.seats[cid].items()},
                forwarded=int((mask & s.forwarded).sum()),
                held=self.held.get(cid), higher_conference=self.higher.get(cid),
                next_level=nxt.id if nxt else None,
                next_level_title=nxt.title if nxt else None,
                next_cap=int(float(self.params[nxt.cap].value)) if nxt else None))
        return out

    def report(self) -> DelegateReport:
        return DelegateReport(
            ruleset_id=self.rules.id, ruleset_version=self.rules.version,
            ruleset_hash=self.rules.hash, level=self.level, source=self.source,
            rows_in=self.valid.rows_in, rows_judged=len(self.rows),
            rows_other_levels=self.other_levels, rejected_count=len(self.rejected),
            conferences=self.summaries(), forwarding=self.forwarding,
            awards=self.awards.summary if self.awards is not None else None,
            decisions=self.decisions(),
            parameters=parameter_uses(self.params),
            rejected=self.rejected, warnings=self.notices)
