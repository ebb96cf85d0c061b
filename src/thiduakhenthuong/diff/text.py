"""Words for ``tdkt diff``: field labels, values as people read them, and the one-line reason of
each change, in Vietnamese (default) and English."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.models import Localized
from ..render.numbers import num
from ..i18n.diff import field_labels as _FIELD_LABELS, statuses as _STATUS, values as _VALUES, word
from .model import Change, CriterionChange, DefinitionChange, ParameterChange



def field_label(name: str, lang: str) -> str:
    """A result field's name as people read it; unknown names are shown as they are.

    >>> field_label("rank_overall", "vi"), field_label("w_t07", "en")
    ('hạng chung', 'w_t07')
    """
    return _FIELD_LABELS(name, lang) if name in _FIELD_LABELS else name


def show(v: Any, lang: str) -> str:
    """A value as people read it: '—' for none, yes/no, numbers the language's way.

    >>> show(None, "vi"), show(True, "vi"), show(1234.5, "vi"), show("not_eligible", "en")
    ('—', 'có', '1.234,5', 'not eligible')
    """
    if v is None or v == "":
        return "—"
    if isinstance(v, bool):
        return ("yes" if v else "no") if lang == "en" else ("có" if v else "không")
    if isinstance(v, (int, float)):
        return num(v, lang)
    if isinstance(v, dt.date):
        return v.isoformat() if lang == "en" else v.strftime("%d/%m/%Y")
    if isinstance(v, dict):
        return "; ".join(f"{k}: {show(x, lang)}" for k, x in v.items())
    if v in _VALUES:
        return _VALUES(v, lang)
    return str(v)


def change_text(c: Change, lang: str) -> str:
    """``label old → new``.

    >>> change_text(Change(field="total", old=94, new=97), "en")
    'total 94 → 97'
    """
    return f"{field_label(c.field, lang)} {show(c.old, lang)} → {show(c.new, lang)}"


def parameter_text(p: ParameterChange, lang: str, cite: bool = True) -> str:
    """``name: old → new [cite]``, with the key for a per-key parameter.

    >>> parameter_text(ParameterChange(name="w_t07", old=12, new=15, cite="21/CTĐ-VP §II.7"),
    ...                "en")
    'w_t07: 12 → 15 [21/CTĐ-VP §II.7]'
    """
    key = f" ({p.key})" if p.key else ""
    where = f" [{p.cite}]" if cite and p.cite else ""
    return f"{p.name}{key}: {show(p.old, lang)} → {show(p.new, lang)}{where}"


def definition_text(d: DefinitionChange, lang: str, brief: bool = False) -> str:
    """``path: old → new``, or ``path: added …`` / ``removed …`` for a whole item (without the
    item itself when ``brief``).

    >>> definition_text(DefinitionChange(section="criteria", item="t07",
    ...     path="criteria[t07].scoring.bands[1].min_ratio", old="0.8", new="0.9"), "en")
    'criteria[t07].scoring.bands[1].min_ratio: 0.8 → 0.9'
    >>> definition_text(DefinitionChange(section="titles", item="cstdcs",
    ...     path="titles[cstdcs].quota", old='{"share": "cstdcs_max_share"}'), "en", brief=True)
    'titles[cstdcs].quota: removed'
    """
    if d.old is None:
        return f"{d.path}: {word('added', lang)}" + ("" if brief else f" {d.new}")
    if d.new is None:
        return f"{d.path}: {word('removed', lang)}" + ("" if brief else f" {d.old}")
    return f"{d.path}: {d.old} → {d.new}"


def criterion_text(c: CriterionChange, lang: str) -> str:
    """One changed criterion: its id, its changed results, and the rule changes behind them.

    >>> c = CriterionChange(id="t12", kind="criterion", changes=[Change(field="points", old=5,
    ...     new=8)], parameters=[ParameterChange(name="w_t12", old=5, new=8)])
    >>> criterion_text(c, "en")
    't12: points 5 → 8 (w_t12: 5 → 8)'
    """
    head = c.id + (": " + ", ".join(change_text(x, lang) for x in c.changes) if c.changes else "")
    why = [parameter_text(p, lang, cite=False) for p in c.parameters]
    why += [definition_text(d, lang, brief=True) for d in c.definition]
    return head + (f" ({'; '.join(why)})" if why else "")


def reason(criteria: list[CriterionChange], fallback: str | None = None) -> Localized:
    """The entry's reason: the changed criteria with their rule changes, or a fixed phrase.

    >>> reason([], "others_moved").en[:30]
    "none of this unit's criteria c"
    """
    if not criteria:
        return Localized(vi=word(fallback or "no_rule_change", "vi"),
                         en=word(fallback or "no_rule_change", "en"))
    return Localized(**{lang: f"{word('because', lang)} "
                        + "; ".join(criterion_text(c, lang) for c in criteria)
                        for lang in ("vi", "en")})


def status_label(status: str, lang: str) -> str:
    """An entry's status in words.

    >>> status_label("only_new", "vi")
    'chỉ theo quy tắc mới'
    """
    return _STATUS(status, lang)


def side_notice_prefix(side: str, lang: str) -> str:
    """'Old rules' / 'New rules' in ``lang``."""
    return word("old_rules" if side == "old" else "new_rules", lang)
