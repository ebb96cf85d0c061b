"""Which legal regime governs a case, by a rule that is itself declared and explained.

A directory of rule sets that encode successive legal regimes (for example honour titles under
Law 15/2003, Law 06/2022 with Decree 98/2023, then with Decree 152/2025) holds a ``regimes.yaml``
saying how a case finds its regime:

- ``by``: the date whose regime in force governs: the ``decision_date`` (default), the
  ``dossier_date`` (the day the dossier was received; the decision date stands for it when it is
  not given), or the end of the ``achievement_year``;
- each regime declares the dates its texts are in force (``meta.regime.in_force``) and may
  declare how it takes over cases pending when it came into force (``meta.regime.transition``),
  for example "dossiers received before 01/10/2026 stay under the earlier text unless the new
  one is more favourable".

:func:`choose` applies the rule and returns the regime with a :class:`RegimeChoice`, the
explanation of why it governs, which every result carries.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal, Optional, Sequence

from pydantic import Field, ValidationError

from ..core.models import Localized, Strict
from ..core.models import Out
from ..errors import RuleError
from .base import BasisText
from .discover import SELECTION_FILE
from .yaml_source import LineDict, load_yaml


By = Literal["achievement_year", "decision_date", "dossier_date"]


class DayOfYear(Strict):
    """A day in the year after the judged year (the usual day of the award decision)."""
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)


class Selection(Strict):
    """How a case finds its regime (the ``selection`` section of ``regimes.yaml``)."""
    title: Localized
    by: By = "decision_date"
    decision_day: DayOfYear = Field(description="the usual decision day, in the year after the "
                                                "judged year, when no decision date is given")
    basis: BasisText


class RegimeStep(Out):
    """One step of the choice, in words, with what it rests on."""
    text: Localized
    cite: Optional[str] = None
    basis: Optional[Localized] = Field(default=None, description="what the step rests on, in "
                                       "the reader's words")


class RegimeChoice(Out):
    """Which regime governs a run, and why."""
    regime: str = Field(description="the regime's id")
    title: Localized
    rule_set: str = Field(description="the folder of the chosen rule set")
    by: str = Field(description="achievement_year, decision_date, dossier_date or explicit")
    judged_year: int
    decision_date: dt.date
    dossier_date: Optional[dt.date] = None
    steps: list[RegimeStep] = Field(default_factory=list)
    compare_with: Optional[str] = Field(default=None, description="folder of a newer regime that "
                                        "applies instead where it is more favourable")


def read_selection(folder: Path) -> Optional[Selection]:
    """The selection rule of a directory of regimes, or None when it has no ``regimes.yaml``.

    >>> read_selection(Path("rules/titles")).by
    'decision_date'
    """
    path = Path(folder) / SELECTION_FILE
    if not path.is_file():
        return None
    doc = load_yaml(path)
    if not isinstance(doc, dict) or set(doc) != {"selection"}:
        raise RuleError("regimes.yaml holds one section, 'selection'", file=str(path), line=1)
    try:
        return Selection.model_validate(doc["selection"])
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        node = doc["selection"]
        line = node.line_of(str(err["loc"][0])) if isinstance(node, LineDict) and err.get("loc") \
            else None
        raise RuleError(f"selection.{loc}: {err.get('msg')}", file=str(path), line=line) from None


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _span(r: Any) -> str:
    f = r.in_force
    return f"{_fmt(f.from_)}–{_fmt(f.to)}" if f.to is not None else f"{_fmt(f.from_)}–"


def default_decision(sel: Optional[Selection], year: int, fallback: Optional[DayOfYear]) -> dt.date:
    """The decision date of a year's case when none is given."""
    day = sel.decision_day if sel is not None else fallback
    if day is None:
        return dt.date(year + 1, 1, 31)
    return dt.date(year + 1, day.month, day.day)


def choose(members: Sequence[Any], sel: Selection, year: int, decision_date: dt.date,
           dossier_date: Optional[dt.date] = None,
           file: Optional[str] = None) -> tuple[Any, RegimeChoice]:
    """The member (a loaded rule set with ``.regime`` and ``.path``) that governs a case of the
    judged ``year`` decided on ``decision_date`` (dossier received on ``dossier_date``).

    >>> from thiduakhenthuong.rulebook.ruleset import load
    >>> titles = load("titles")
    >>> r, why = titles.choose(2025)
    >>> r.regime.id, why.by, why.decision_date.isoformat()
    ('decree-152', 'decision_date', '2026-01-31')
    >>> titles.choose(2023)[1].steps[-1].text.en[:48]
    'Achievements of 2023, before 01/01/2024, stay un'
    """
    dated = sorted((m for m in members if m.regime is not None and m.regime.in_force is not None),
                   key=lambda m: m.regime.in_force.from_)
    if sel.by == "achievement_year":
        day, what = dt.date(year, 12, 31), Localized(vi=f"cuối năm thành tích {year}",
                                                     en=f"the end of the achievement year {year}")
    elif sel.by == "dossier_date" and dossier_date is not None:
        day, what = dossier_date, Localized(vi="ngày tiếp nhận hồ sơ", en="the dossier date")
    else:
        day, what = decision_date, Localized(vi="ngày quyết định khen thưởng",
                                             en="the award decision date")
    hits = [m for m in dated if m.regime.in_force.contains(day)]
    if not hits:
        raise _none_in_force(dated, day, what, file)
    if len(hits) > 1:
        raise RuleError(f"several regimes are in force on {_fmt(day)}: "
                        + ", ".join(m.label for m in hits), file=file,
                        suggestion="make their in_force dates follow each other")
    chosen = hits[0]
    r = chosen.regime
    steps = [RegimeStep(text=Localized(
        vi=f"{sel.title.vi}: văn bản có hiệu lực vào {what.vi} ({_fmt(day)}) là {r.title.vi} "
           f"(hiệu lực {_span(r)})",
        en=f"{sel.title.en}: the texts in force on {what.en} ({_fmt(day)}) are {r.title.en} "
           f"(in force {_span(r)})"), basis=sel.basis.reader())]
    compare_with = None
    while chosen.regime.transition is not None:
        t, start = chosen.regime.transition, chosen.regime.in_force.from_
        before = [m for m in dated if m.regime.in_force.from_ < start]
        if not before:
            break
        prev = before[-1]
        if t.rule == "achievement_year_before":
            if year >= start.year:
                break
            steps.append(RegimeStep(text=Localized(
                vi=f"Thành tích năm {year}, trước {_fmt(start)}, vẫn xét theo "
                   f"{prev.regime.title.vi}",
                en=f"Achievements of {year}, before {_fmt(start)}, stay under "
                   f"{prev.regime.title.en}"), cite=t.cite, basis=t.basis.reader()))
        else:
            if dossier_date is None or dossier_date >= start:
                if dossier_date is None:
                    steps.append(RegimeStep(text=Localized(
                        vi=f"Không có ngày tiếp nhận hồ sơ: coi như hồ sơ tiếp nhận từ "
                           f"{_fmt(start)} trở đi, nên không áp dụng quy định chuyển tiếp",
                        en=f"No dossier date given: the dossier is taken as received on or "
                           f"after {_fmt(start)}, so the transitional rule does not apply"),
                        cite=t.cite, basis=t.basis.reader()))
                break
            favourable = t.rule == "dossier_before_unless_more_favourable"
            steps.append(RegimeStep(text=Localized(
                vi=f"Hồ sơ tiếp nhận ngày {_fmt(dossier_date)}, trước {_fmt(start)}: vẫn áp dụng "
                   f"{prev.regime.title.vi}"
                   + (", trừ trường hợp quy định mới có lợi hơn" if favourable else ""),
                en=f"Dossier received on {_fmt(dossier_date)}, before {_fmt(start)}: "
                   f"{prev.regime.title.en} still applies"
                   + (", unless the new text is more favourable" if favourable else "")),
                cite=t.cite, basis=t.basis.reader()))
            if favourable and compare_with is None:
                compare_with = chosen.label
        chosen = prev
    return chosen, RegimeChoice(
        regime=chosen.regime.id, title=chosen.regime.title, rule_set=chosen.label,
        by=sel.by, judged_year=year, decision_date=decision_date, dossier_date=dossier_date,
        steps=steps, compare_with=compare_with)


def named(rules: Any, year: int, decision_date: dt.date,
          dossier_date: Optional[dt.date] = None) -> RegimeChoice:
    """The choice when one regime's folder was named explicitly (``--regime`` or a path).

    >>> from thiduakhenthuong.rulebook.ruleset import load
    >>> named(load("titles/regime-2022"), 2024, dt.date(2025, 1, 31)).by
    'explicit'
    """
    r = rules.regime
    title = r.title if r is not None else rules.model.meta.title
    return RegimeChoice(
        regime=r.id if r is not None else rules.id, title=title, rule_set=rules.label,
        by="explicit", judged_year=year, decision_date=decision_date, dossier_date=dossier_date,
        steps=[RegimeStep(text=Localized(
            vi=f"Áp dụng {title.vi} theo yêu cầu (chỉ định bộ quy tắc {rules.label})",
            en=f"{title.en} applied as asked (the rule set {rules.label} was named)"))])


def _none_in_force(dated: Sequence[Any], day: dt.date, what: Localized,
                   file: Optional[str]) -> RuleError:
    before = [m for m in dated if m.regime.in_force.from_ <= day]
    after = [m for m in dated if m.regime.in_force.from_ > day]
    chosen = ([before[-1]] if before else []) + ([after[0]] if after else [])
    near = [f"{m.label} (in force {_span(m.regime)})" for m in chosen]
    near_vi = [f"{m.label} (hiệu lực {_span(m.regime)})" for m in chosen]
    return RuleError(
        f"no regime is in force on {_fmt(day)} ({what.en}); nearest: "
        + ("; ".join(near) or "none declared"), file=file,
        suggestion="give the real decision date (--decision-date), or name one regime's folder "
                   "(--regime) to apply it outside its dates",
        words=("no_regime", {"day": _fmt(day), "what": what.vi,
                             "nearest": "; ".join(near_vi) or "không có"}),
        hint=("no_regime_hint", {}))

