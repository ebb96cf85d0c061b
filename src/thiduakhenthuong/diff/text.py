"""Words for ``tdkt diff``: field labels, values as people read them, and the one-line reason of
each change, in Vietnamese (default) and English. Ids, parameters, fields and citations are said
by what a reader calls them (:class:`Words`, from both rule sets: ``Diff.words``); the codes
themselves are in the JSON and the workbook's hidden columns."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from ..core.models import Localized
from ..i18n.diff import field_labels as _FIELD_LABELS, rule_keys, statuses as _STATUS
from ..i18n.diff import values as _VALUES, word
from ..render.numbers import num
from .model import Change, CriterionChange, DefinitionChange, ParameterChange


class Words:
    """What a reader calls the ids, parameters, fields and citations of two rule sets.

    >>> w = Words({"t12": Localized(vi="Hội thi", en="Contest")})
    >>> w.name("t12", "vi"), w.name("total", "en"), w.name("x_y", "en")
    ('Hội thi', 'total', 'x_y')
    """

    def __init__(self, words: Optional[dict[str, Localized]] = None,
                 values: Optional[dict[str, dict[str, Localized]]] = None):
        self.words = words or {}
        self.values = values or {}

    def name(self, key: str, lang: str) -> str:
        """A result field, id, parameter or input field in words; unknown keys as they are."""
        if key in _FIELD_LABELS:
            return _FIELD_LABELS(key, lang)
        w = self.words.get(key)
        return w.get(lang) if w is not None else key

    def cite(self, cite: Optional[str], lang: str) -> str:
        if not cite:
            return ""
        w = self.words.get(cite)
        return w.get(lang) if w is not None else cite

    def show(self, v: Any, lang: str, field: Optional[str] = None) -> str:
        """A value as people read it: '—' for none, yes/no, numbers the language's way, a code
        by its label or the title of the id it is.

        >>> Words().show(None, "vi"), Words().show(True, "vi"), Words().show(1234.5, "vi")
        ('—', 'có', '1.234,5')
        >>> Words().show("not_eligible", "en")
        'not eligible'
        """
        if v is None or v == "":
            return "—"
        if isinstance(v, bool):
            return word("yes" if v else "no", lang)
        if isinstance(v, (int, float)):
            return num(v, lang)
        if isinstance(v, dt.date):
            return v.strftime("%d/%m/%Y")
        if isinstance(v, dict):
            return "; ".join(f"{self.show_key(field, k, lang)}: {self.show(x, lang)}"
                             for k, x in v.items())
        if isinstance(v, str):
            if field is not None and v in self.values.get(field, {}):
                return self.values[field][v].get(lang)
            if v in _VALUES:
                return _VALUES(v, lang)
            if v in self.words:
                return self.words[v].get(lang)
            if ";" in v:
                return "; ".join(self.show(x, lang, field) for x in v.split(";"))
            if len(v) == 10 and v[4] == "-" and v[7] == "-":
                try:
                    return dt.date.fromisoformat(v).strftime("%d/%m/%Y")
                except ValueError:
                    pass
        return str(v)

    def show_key(self, field: Optional[str], key: str, lang: str) -> str:
        if key == "default":
            return word("default", lang)
        return self.show(key, lang, field)


#: Words with no rule set behind them (tests, simple callers).
PLAIN = Words()


def field_label(name: str, lang: str, words: Words = PLAIN) -> str:
    """A result field's name as people read it; unknown names are shown as they are.

    >>> field_label("rank_overall", "vi"), field_label("w_t07", "en")
    ('hạng chung', 'w_t07')
    """
    return words.name(name, lang)


def show(v: Any, lang: str, words: Words = PLAIN, field: Optional[str] = None) -> str:
    """A value as people read it (see :meth:`Words.show`).

    >>> show(None, "vi"), show(True, "vi"), show(1234.5, "vi"), show("not_eligible", "en")
    ('—', 'có', '1.234,5', 'not eligible')
    """
    return words.show(v, lang, field)


def change_text(c: Change, lang: str, words: Words = PLAIN) -> str:
    """``label old → new``.

    >>> change_text(Change(field="total", old=94, new=97), "en")
    'total 94 → 97'
    """
    return f"{words.name(c.field, lang)} {words.show(c.old, lang, c.field)} → " \
        f"{words.show(c.new, lang, c.field)}"


def parameter_text(p: ParameterChange, lang: str, cite: bool = True,
                   words: Words = PLAIN) -> str:
    """``name: old → new [cite]``, with the key for a per-key parameter.

    >>> parameter_text(ParameterChange(name="w_t07", old=12, new=15, cite="21/CTĐ-VP §II.7"),
    ...                "en")
    'w_t07: 12 → 15 [21/CTĐ-VP §II.7]'
    """
    name = p.title.get(lang) if p.title is not None else words.name(p.name, lang)
    key = f" ({words.show(p.key.partition('=')[2] or p.key, lang)})" if p.key else ""
    where = f" [{words.cite(p.cite, lang)}]" if cite and p.cite else ""
    return f"{name}{key}: {words.show(p.old, lang)} → {words.show(p.new, lang)}{where}"


def where_text(d: DefinitionChange, lang: str) -> str:
    """Where a rule was written differently: its item and key in words (the path as written
    where the diff carries no words for it)."""
    return d.where.get(lang) if d.where is not None else d.path


def side_text(d: DefinitionChange, side: str, lang: str) -> str:
    """The old or new text of a rule written differently, in words where it is an expression."""
    own = d.old_words if side == "old" else d.new_words
    if own is not None:
        return own.get(lang)
    raw = d.old if side == "old" else d.new
    return raw or "—"


def definition_text(d: DefinitionChange, lang: str, brief: bool = False) -> str:
    """``where: old → new``, or ``where: added …`` / ``removed …`` for a whole item (without the
    item itself when ``brief``).

    >>> definition_text(DefinitionChange(section="criteria", item="t07",
    ...     path="criteria[t07].scoring.bands[1].min_ratio", old="0.8", new="0.9"), "en")
    'criteria[t07].scoring.bands[1].min_ratio: 0.8 → 0.9'
    >>> definition_text(DefinitionChange(section="titles", item="cstdcs",
    ...     path="titles[cstdcs].quota", old='{"share": "cstdcs_max_share"}'), "en", brief=True)
    'titles[cstdcs].quota: removed'
    """
    where = where_text(d, lang)
    if d.old is None:
        return f"{where}: {word('added', lang)}" + ("" if brief else f" {side_text(d, 'new', lang)}")
    if d.new is None:
        return f"{where}: {word('removed', lang)}" + ("" if brief else
                                                      f" {side_text(d, 'old', lang)}")
    return f"{where}: {side_text(d, 'old', lang)} → {side_text(d, 'new', lang)}"


def criterion_text(c: CriterionChange, lang: str, words: Words = PLAIN) -> str:
    """One changed criterion: its title, its changed results, and the rule changes behind them.

    >>> c = CriterionChange(id="t12", kind="criterion", changes=[Change(field="points", old=5,
    ...     new=8)], parameters=[ParameterChange(name="w_t12", old=5, new=8)])
    >>> criterion_text(c, "en")
    't12: points 5 → 8 (w_t12: 5 → 8)'
    """
    title = c.title.get(lang) if c.title is not None else words.name(c.id, lang)
    head = title + (": " + ", ".join(change_text(x, lang, words) for x in c.changes)
                    if c.changes else "")
    why = [parameter_text(p, lang, cite=False, words=words) for p in c.parameters]
    why += [definition_text(d, lang, brief=True) for d in c.definition]
    return head + (f" ({'; '.join(why)})" if why else "")


def reason(criteria: list[CriterionChange], fallback: str | None = None,
           words: Words = PLAIN) -> Localized:
    """The entry's reason: the changed criteria with their rule changes, or a fixed phrase.

    >>> reason([], "others_moved").en[:30]
    "none of this unit's criteria c"
    """
    if not criteria:
        return Localized(vi=word(fallback or "no_rule_change", "vi"),
                         en=word(fallback or "no_rule_change", "en"))
    return Localized(**{lang: f"{word('because', lang)} "
                        + "; ".join(criterion_text(c, lang, words) for c in criteria)
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


def rule_key(key: str, lang: str) -> str:
    """A rule file's key in words (shown as written when the catalogue has no words for it)."""
    return rule_keys(key, lang) if key in rule_keys else key
