"""``tdkt diff``: judge the same data under two rule sets of one kind and list each unit or person
whose decision, class or rank changes, with the criteria that changed and why.

The kind (scoring, titles, delegates) is read from the rule sets. A title rule set is either a
directory of regimes (the regime covering ``year`` is used) or one regime's directory, which is
applied to ``year`` even outside its declared years: naming the regime is the explicit choice,
and the result says so in its notices and in ``old``/``new.outside_years``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..core.trace import Notice
from ..rulebook.load import read_rule_set
from ..core.models import Localized
from ..jobs.scoring.model import RuleSet
from ..jobs.titles.model import TitleRuleSet
from .model import Diff, DiffSummary, Kind, RuleSetInfo
from .rules import definition_changes, parameter_changes
from .text import side_notice_prefix


def rule_kind(path: str | Path) -> Kind:
    """The kind of the rule set at ``path``: 'scoring', 'titles' or 'delegates'.

    >>> rule_kind("rules/lao-cai-2023"), rule_kind("rules/titles"), \\
    ...     rule_kind("rules/titles/regime-2022"), rule_kind("rules/thai-nguyen-2019")
    ('scoring', 'titles', 'titles', 'delegates')
    """
    p = Path(path)
    if p.is_dir() and not any(p.glob("*.y*ml")):
        # A directory of title regimes holds rule sets in its sub-directories only.
        return "titles"
    model, _ = read_rule_set(p)
    if isinstance(model, RuleSet):
        return "scoring"
    if isinstance(model, TitleRuleSet):
        return "titles"
    return "delegates"


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
    ``decision_date``); delegates need ``level``. Raises ``ValueError`` when the two rule sets are
    of different kinds or an option does not fit the kind.

    >>> d = diff_rule_sets("rules/titles/regime-2003", "rules/titles/regime-2022",
    ...                    "fixtures/titles-lao-cai/titles.xlsx", year=2023)
    >>> d.new.outside_years, [n.code for n in d.notices]
    (True, ['regime_outside_years'])
    >>> ("p068", "cstdcs") in {(e.id, e.title_id) for e in d.entries}
    True
    """
    ko, kn = rule_kind(old), rule_kind(new)
    if ko != kn:
        raise ValueError(f"both rule sets must be of the same kind: {old} is {ko}, {new} is {kn}")
    if ko != "titles" and (year is not None or decision_date is not None):
        raise ValueError(f"--year and --decision-date are for title rule sets, not {ko}")
    if ko != "delegates" and level is not None:
        raise ValueError(f"--level is for conference (delegate) rule sets, not {ko}")
    if ko != "scoring" and as_of is not None:
        raise ValueError(f"--as-of is for scoring rule sets, not {ko}")
    if ko == "scoring":
        return _scoring(old, new, data, as_of)
    if ko == "titles":
        if year is None:
            raise ValueError("title rule sets need the year judged (--year)")
        return _titles(old, new, data, year, decision_date)
    if level is None:
        raise ValueError("conference rule sets need the conference level (--level)")
    return _delegates(old, new, data, level)


def _assemble(kind: Kind, infos: tuple[RuleSetInfo, RuleSetInfo], source: str, models, params,
              defs, entries_both, rejected, notices=(), **extra) -> Diff:
    entries, both = entries_both
    changed = sum(e.status == "changed" for e in entries)
    pchanges = parameter_changes(params[0], params[1], models[0], models[1])
    summary = DiffSummary(
        compared=both, changed=changed, unchanged=both - changed,
        only_old=sum(e.status == "only_old" for e in entries),
        only_new=sum(e.status == "only_new" for e in entries),
        rejected_old=len(rejected[0]), rejected_new=len(rejected[1]),
        parameters_changed=len(pchanges), definitions_changed=len(defs))
    return Diff(kind=kind, old=infos[0], new=infos[1], source=source, notices=list(notices),
                summary=summary, parameters=pchanges, definitions=defs, entries=entries,
                rejected_old=list(rejected[0]), rejected_new=list(rejected[1]), **extra)


def _scoring(old, new, data, as_of) -> Diff:
    from ..jobs.scoring.api import load_rules
    from ..jobs.scoring.diff import diff_scores
    ro, rn = load_rules(old), load_rules(new)
    so, sn = ro.score(data, as_of=as_of), rn.score(data, as_of=as_of)
    defs = definition_changes(ro.model, rn.model)
    day = None if as_of is None else (as_of if isinstance(as_of, dt.date)
                                      else dt.date.fromisoformat(str(as_of)))
    return _assemble("scoring", (_info(old, ro.model, ro.hash), _info(new, rn.model, rn.hash)),
                     so.source, (ro.model, rn.model), (so.params, sn.params), defs,
                     diff_scores(so, sn, defs), (so.rejected, sn.rejected), as_of=day)


def _titles(old, new, data, year, decision_date) -> Diff:
    from ..jobs.titles.api import evaluate_titles, load_title_rules
    from ..jobs.titles.diff import diff_titles
    to = load_title_rules(old, year, outside_years=True)
    tn = load_title_rules(new, year, outside_years=True)
    ro = evaluate_titles(to, data, year, decision_date=decision_date)
    rn = evaluate_titles(tn, data, year, decision_date=decision_date)
    defs = definition_changes(to.model, tn.model)
    notices = _side_notices("old", ro.notices, {"regime_outside_years"}) + \
        _side_notices("new", rn.notices, {"regime_outside_years"})
    return _assemble("titles", (_info(to.path, to.model, to.hash, year),
                                _info(tn.path, tn.model, tn.hash, year)),
                     ", ".join(ro.sources), (to.model, tn.model), (ro.params, rn.params), defs,
                     diff_titles(ro, rn, defs), (ro.rejected, rn.rejected), notices, year=year)


def _delegates(old, new, data, level) -> Diff:
    from ..jobs.conferences.api import evaluate_delegates
    from ..jobs.conferences.diff import diff_delegates
    ro, rn = evaluate_delegates(old, data, level), evaluate_delegates(new, data, level)
    defs = definition_changes(ro.model, rn.model)
    return _assemble("delegates", (_info(old, ro.model, ro.hash), _info(new, rn.model, rn.hash)),
                     ro.source, (ro.model, rn.model), (ro.params, rn.params), defs,
                     diff_delegates(ro, rn, defs), (ro.valid.rejected, rn.valid.rejected),
                     level=level)
