"""``tdkt diff``: judge the same data under two rule sets of one kind and list each unit or person
whose decision, class or rank changes, with the criteria that changed and why.

The kind (scoring, titles, delegates) is read from the rule sets, and the job of that kind runs
both sides and compares their decisions (``Job.diff``). A directory of rule sets by regime picks
the regime covering ``year``; a rule set named directly is applied to ``year`` even outside its
declared years: naming it is the explicit choice, and the result says so in its notices and in
``old``/``new.outside_years``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..core import job as jobs
from ..core.models import Localized
from ..core.trace import Notice
from ..errors import UsageError
from ..rulebook.ruleset import Regimes, kind_of, load
from .model import Diff, DiffSummary, Kind, RuleSetInfo
from .rules import definition_changes, parameter_changes
from .text import side_notice_prefix
from .words import with_words

#: The notices of either side that a diff repeats (labelled with their side).
_SIDE_NOTICES = {"regime_outside_years"}


def rule_kind(path: str | Path) -> Kind:
    """The kind of the rule set at ``path``: 'scoring', 'titles' or 'delegates'.

    >>> rule_kind("rules/lao-cai-2023"), rule_kind("rules/titles"), \\
    ...     rule_kind("rules/titles/regime-2022"), rule_kind("rules/thai-nguyen-2019")
    ('scoring', 'titles', 'titles', 'delegates')
    """
    return kind_of(path)  # type: ignore[return-value]


def _info(path: Any, model: Any, rules_hash: str, year: int | None = None) -> RuleSetInfo:
    regime = getattr(model.meta, "regime", None)
    return RuleSetInfo(
        path=Path(path).as_posix(), id=model.meta.id, version=model.meta.version, hash=rules_hash,
        regime=regime.id if regime else None, from_year=regime.from_year if regime else None,
        to_year=regime.to_year if regime else None,
        outside_years=bool(regime and year is not None
                           and not regime.from_year <= year <= regime.to_year))


def _side_notices(side: str, notices: list[Notice], codes: set[str]) -> list[Notice]:
    """A run's own notices of the given codes, labelled with the side they come from."""
    return [n.model_copy(update={"message": Localized(
        vi=f"{side_notice_prefix(side, 'vi')}: {n.message.vi}",
        en=f"{side_notice_prefix(side, 'en')}: {n.message.en}")})
        for n in notices if n.code in codes]


def diff_rule_sets(old: str | Path, new: str | Path, data: Any, *, year: int | None = None,
                   level: str | None = None, as_of: dt.date | str | None = None,
                   decision_date: dt.date | str | None = None) -> Diff:
    """Judge ``data`` under the ``old`` and the ``new`` rule set and compare the outcomes.

    Scoring takes ``as_of`` (default: each rule set's own period); titles need ``year`` (and take
    ``decision_date``); delegates need ``level``. Raises
    :class:`~thiduakhenthuong.errors.UsageError` when the two rule sets are of different kinds or
    an option does not fit the kind.

    >>> d = diff_rule_sets("rules/titles/regime-2003", "rules/titles/regime-2022",
    ...                    "fixtures/titles-lao-cai/titles.xlsx", year=2023)
    >>> d.new.outside_years, [n.code for n in d.notices]
    (True, ['regime_outside_years'])
    >>> ("p068", "cstdcs") in {(e.id, e.title_id) for e in d.entries}
    True
    """
    lo, ln = load(old), load(new)
    if lo.kind != ln.kind:
        raise UsageError(f"both rule sets must be of the same kind: {old} is {lo.kind}, {new} is "
                         f"{ln.kind}")
    job = jobs.get(lo.kind)
    opts = job.options_for(year=year, level=level, as_of=as_of, decision_date=decision_date)
    year_judged = opts.judged_year()
    sides = []
    for loaded in (lo, ln):
        if isinstance(loaded, Regimes):
            loaded = loaded.for_year(year_judged)
        sides.append(loaded)
    ro, rn = (job.run(opts, r, data) for r in sides)
    defs = definition_changes(ro.model, rn.model)
    entries, both = job.diff(ro, rn, defs)
    notices = _side_notices("old", ro.notices, _SIDE_NOTICES) + \
        _side_notices("new", rn.notices, _SIDE_NOTICES)
    extra = {k: getattr(opts, k) for k in ("year", "level", "as_of") if hasattr(opts, k)}
    changed = sum(e.status == "changed" for e in entries)
    pchanges = parameter_changes(ro.params, rn.params, ro.model, rn.model)
    summary = DiffSummary(
        compared=both, changed=changed, unchanged=both - changed,
        only_old=sum(e.status == "only_old" for e in entries),
        only_new=sum(e.status == "only_new" for e in entries),
        rejected_old=len(ro.rejected), rejected_new=len(rn.rejected),
        parameters_changed=len(pchanges), definitions_changed=len(defs))
    diff = Diff(kind=job.kind, old=_info(ro.rules.path, ro.model, ro.hash, year_judged),
                new=_info(rn.rules.path, rn.model, rn.hash, year_judged),
                source=", ".join(ro.sources), notices=notices, summary=summary,
                parameters=pchanges, definitions=defs, entries=entries,
                rejected_old=list(ro.rejected), rejected_new=list(rn.rejected), **extra)
    units = {**getattr(ro, "unit_names", {}), **getattr(rn, "unit_names", {}),
             **getattr(ro, "conference_names", {}), **getattr(rn, "conference_names", {})}
    return with_words(diff, ro.model, rn.model, units)
