"""What a reader calls each thing a rule set names: input fields by their titles (with their units
of measure), code values by their labels, parameters by their titles, units and clusters by their
registered names, classes, criteria and titles by their titles, conditions and formulas in words
(the catalogue's renderer, :mod:`.catalogue.expr`), citations in legal style (:mod:`.cite`).

Every method gives a :class:`.page.Text`, both languages at once: the HTML report carries both,
the terminal and the workbook take one. A name the rule set does not declare is shown as it is.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Iterable, Optional

import numpy as np

from ..core.models import Localized
from ..expr import evaluate, parse
from ..expr.ast import Node as ExprNode
from ..i18n.explain import measures, measures_one, t
from ..i18n.rules import WORDS
from ..tables.attested import expand_attested
from .catalogue.expr import NameBook, NameEntry, plain, readable
from .cite import Citations, citations_of
from .numbers import num
from .page import Text, join

#: Functions whose value an explanation works out beside their dates, with the unit counted.
_COUNTED = {"months_between": "tháng", "days_late": "ngày"}

#: The input tables a rule model may declare (any kind).
_TABLES = ("inputs", "unit_inputs", "plan_inputs", "report_inputs", "award_inputs")
#: Names every title expression may use (built in, not declared).
_BUILTINS = ("judged_year", "year_start", "year_end", "next_year_start", "decision_date")


def _as_column(v: Any) -> Any:
    if isinstance(v, dt.date):
        return np.datetime64(v, "D")
    if isinstance(v, str) and len(v) == 10 and v[4] == "-":
        return np.datetime64(v, "D")
    return v


@lru_cache(maxsize=512)
def _parsed(text: str) -> ExprNode:
    return parse(text)


def measure(unit: Optional[str], one: bool = False) -> Text:
    """A unit of measure as a reader writes it: the catalogue's words for the usual ones (VND is
    "đồng" in Vietnamese), else as the rule file writes it; ``one`` for a quantity of one
    (English "1 point").

    >>> measure("VND").vi, measure("suất").en, measure("ha").en, measure("điểm", one=True).en
    ('đồng', 'packages', 'ha', 'point')
    """
    if not unit:
        return Text()
    book = measures_one if one else measures
    if unit in book:
        return Text(vi=book(unit, "vi"), en=book(unit, "en"))
    return Text.same(unit)


def with_measure(value: Text, unit: Optional[str]) -> Text:
    """A value followed by its unit of measure ("22 Hội cơ sở", "38%").

    >>> with_measure(Text.same("38"), "%").vi, with_measure(Text.same("5"), "người").en
    ('38%', '5 people')
    >>> with_measure(Text.same("1"), "điểm").en
    '1 point'
    """
    if not unit:
        return value
    m = measure(unit, one=value.en == "1")
    return value + m if unit == "%" else value + Text(vi=" " + m.vi, en=" " + m.en)


def shown(v: Any) -> Text:
    """A value as a reader reads it: yes/no, numbers the language's way, dates dd/mm/yyyy,
    (trống)/(empty) for a blank.

    >>> shown(True).vi, shown(1234.5).en, shown(None).vi, shown(dt.date(2024, 7, 1)).en
    ('có', '1,234.5', '(trống)', '01/07/2024')
    """
    if v is None or (isinstance(v, float) and v != v):
        return Text(vi=t("empty", "vi"), en=t("empty", "en"))
    if isinstance(v, bool):
        key = "yes" if v else "no"
        return Text(vi=t(key, "vi"), en=t(key, "en"))
    if isinstance(v, (int, float)):
        return Text(vi=num(v, "vi"), en=num(v, "en"))
    if isinstance(v, dt.date):
        return Text.same(v.strftime("%d/%m/%Y"))
    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        try:
            return Text.same(dt.date.fromisoformat(v).strftime("%d/%m/%Y"))
        except ValueError:
            pass
    return Text.same(str(v))


class Names:
    """The names of one rule set (any kind), with what a run adds (the units' names read from
    the data).

    >>> import thiduakhenthuong as tdkt
    >>> n = Names(tdkt.load_rules("lao-cai-2023").model)
    >>> n.field("grassroots_chapters").vi, n.value("task_rating", "htt").en
    ('Số Hội cơ sở', 'Well completed tasks')
    >>> n.unit("bao_thang").vi, n.cluster("cum_1").vi, n.klass("htt").en
    ('Hội CTĐ huyện Bảo Thắng', 'Cụm thi đua số 1', 'Well completed tasks')
    >>> n.expr("training_classes >= t11_min_classes", {"training_classes": 2}).vi
    '“Số lớp tập huấn cán bộ Hội cơ sở mới” (2) ≥ “Số lớp tập huấn tối thiểu”'
    """

    def __init__(self, model: Any, unit_names: Optional[dict[str, str]] = None):
        self.model = model
        self.fields = {}
        for table in _TABLES:
            self.fields.update(expand_attested(getattr(model, table, None) or {}))
        self.params = dict(getattr(model, "parameters", None) or {})
        self.cites: Citations = citations_of(model)
        self.units: dict[str, str] = {u.id: u.name for u in getattr(model, "units", None) or []}
        self.units.update(unit_names or {})
        self.clusters: dict[str, Localized] = {c.id: c.title for c in
                                              getattr(model, "clusters", None) or []}
        self.things: dict[str, Localized] = {}
        for section in ("classes", "criteria", "deductions", "events", "sections", "titles",
                        "groups", "levels", "awards", "vetoes", "exclusions", "standards",
                        "programme", "clusters"):
            for x in getattr(model, section, None) or []:
                title = getattr(x, "title", None)
                if isinstance(title, Localized):
                    self.things.setdefault(x.id, title)
        entries: dict[str, NameEntry] = {}
        for name in _BUILTINS:
            vi, en = WORDS.get(f"b_{name}", (name, name))
            entries[name] = NameEntry(Localized(vi=vi, en=en), "builtin")
        for x in getattr(model, "titles", None) or []:
            entries[x.id] = NameEntry(x.title, "title")
        for name, p in self.params.items():
            entries[name] = NameEntry(p.title, "parameter")
        for name, f in self.fields.items():
            entries[name] = NameEntry(f.title, "input", labels=f.labels)
        self.book = NameBook(entries)

    # ---- names ---------------------------------------------------------------------------
    def field(self, name: str) -> Text:
        """An input field's, a parameter's or a built-in name's title."""
        e = self.book.entries.get(name)
        return Text.of(e.title) if e is not None else Text.same(name)

    def names(self, names: Iterable[str]) -> Text:
        return join([self.field(n) for n in names])

    def unit(self, uid: Optional[str]) -> Text:
        """A unit by its registered name (or the name the data give), else its code."""
        if not uid:
            return Text()
        return Text.same(self.units.get(uid, uid))

    def cluster(self, cid: Optional[str]) -> Text:
        """An emulation cluster by the name the rule set's registry gives it."""
        if cid is None or cid == "":
            return Text()
        c = self.clusters.get(cid)
        return Text.of(c) if c is not None else Text.same(cid)

    def klass(self, cid: str) -> Text:
        """A class, criterion, title, group or level by its title."""
        x = self.things.get(cid)
        return Text.of(x) if x is not None else Text.same(cid)

    thing = klass

    def cite(self, cite: Optional[str]) -> Text:
        return self.cites.text(cite)

    # ---- values ----------------------------------------------------------------------------
    def value(self, name: str, v: Any) -> Text:
        """A value read for ``name``: a code by its label, with the field's or parameter's unit
        of measure."""
        f = self.fields.get(name)
        if f is not None and f.labels and isinstance(v, str) and v in f.labels:
            return Text.of(f.labels[v])
        if isinstance(v, str) and v in self.things and f is None:
            return Text.of(self.things[v])
        unit = f.unit if f is not None else getattr(self.params.get(name), "unit", None)
        if isinstance(v, bool) or v is None or isinstance(v, dt.date):
            return shown(v)
        if isinstance(v, (int, float)):
            return with_measure(shown(v), unit)
        return shown(v)

    def pairs(self, values: dict[str, Any], sep: str = "; ") -> Text:
        """"Title = value" for each value read, in the given order."""
        return join([self.field(k) + " = " + self.value(k, v) for k, v in values.items()], sep)

    def expr(self, node: Any, values: Optional[dict[str, Any]] = None,
             calls: Optional[dict[str, Any]] = None) -> Text:
        """A condition or formula (an AST or its text) in words; with ``values``, each name's
        value read follows it, and with ``calls`` (a call as written → its value: the years or
        members a decision counted) each such call's value."""
        if isinstance(node, str):
            node = _parsed(node)
        out = {}
        for lang in ("vi", "en"):
            look = work = None
            if values is not None or calls:
                values = values or {}
                def look(name: str, lang: str = lang) -> Optional[str]:
                    return self.value(name, values[name]).get(lang) if name in values else None

                def work(call: Any, lang: str = lang) -> Optional[str]:
                    if calls and call.text() in calls:
                        v = calls[call.text()]
                        missing = v is None or isinstance(v, float) and v != v
                        return None if missing else shown(v).get(lang)
                    return self._worked(call, values, lang)
            out[lang] = readable(node, self.book, lang, esc=plain, values=look, computed=work)
        return Text(vi=out["vi"], en=out["en"])

    def _worked(self, call: Any, values: dict[str, Any], lang: str) -> Optional[str]:
        """The months or days a call counts between two dates read, worked out: the arithmetic
        behind a date rule shown beside its dates."""
        unit = _COUNTED.get(call.func)
        names = call.names()
        if unit is None or not names or any(values.get(n) is None for n in names):
            return None
        env = {n: _as_column(values[n]) for n in names}
        try:
            got = float(np.asarray(evaluate(call, env)).reshape(-1)[0])
        except Exception:   # a value the trace holds in another shape: show no sum
            return None
        if got != got:
            return None
        return with_measure(shown(got), unit).get(lang)
