"""The unit succession table (kế thừa đơn vị): which unit continued which, from which day, by
which document, and how: renamed, merged, or split and transferred.

Organisation is dated data: a succession counts for a judged year only when it took effect on or
before that year's last day. A collective's own history continues across a rename; across a merger
as the merger policy says; never across a split or a transfer (a part is not the whole). A person's
history is keyed by the person and needs no succession; the table only says how the units they
were in are linked.

The table is validated like every input table (typed columns, rejected rows with row numbers and
reasons) and then as a whole: a unit naming itself, a unit not in the units table (with the
nearest ids as suggestions), the same succession twice, a unit given several successors other than
by a split, a rename that is not the successor's only predecessor, several main predecessors of
one merger, successions in a circle, and a chain running backwards in time are all rejected. Every
row ends applied (in force for the judged year), later (dated after it) or rejected.

This module knows no job: the field names it reads are declared by the rule set.
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Collection, Iterable, Mapping

import numpy as np

from ..core.models import Localized
from ..core.trace import Notice, Problem, RejectedRow
from ..rulebook.base import InputField
from .read import RawTable
from .spec import TableSpec
from .validate import validate

#: The kinds of succession the code gives a meaning to (their labels are the rule set's).
KINDS = ("rename", "merger", "split")
#: How a merger carries its predecessors' history (the rule-set parameter ``merger_history``).
POLICIES = ("all", "main", "none")
#: The fields the table must declare (``main`` and ``note`` are optional).
REQUIRED = ("from_unit", "to_unit", "effective_on", "document", "kind")
_ROW_KEY = "_row"


@dataclass(frozen=True)
class Succession:
    """One row of the table: ``from_unit`` continued as ``to_unit`` from ``on``."""
    row: int
    from_unit: str
    to_unit: str
    on: dt.date
    document: str
    kind: str
    main: bool = False
    note: str = ""


@dataclass(frozen=True)
class Carry:
    """Rows of ``source`` counted as a subject's own history: the years that began before
    ``until`` (the day the succession took effect). ``alternative`` 0 fills the years where the
    subject has no row of its own; k > 0 is the k-th alternative history, in which the source's
    years replace the subject's (a merger whose checks must hold with each predecessor's years).
    ``chain`` is the successions from ``source`` to the subject, oldest first."""
    source: str
    until: dt.date
    alternative: int
    chain: tuple[Succession, ...]

    def covers(self, year: int) -> bool:
        """Whether the source's row of ``year`` counts (the year began before the succession).

        >>> s = Succession(2, "a", "b", dt.date(2025, 7, 1), "QĐ 1", "rename")
        >>> c = Carry("a", s.on, 0, (s,))
        >>> c.covers(2025), c.covers(2026)
        (True, False)
        """
        return dt.date(year, 1, 1) < self.until


@dataclass
class SuccessionTable:
    """The valid successions, the rejected rows and what was noticed about the table."""
    successions: list[Succession] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    rows_in: int = 0
    source: str | None = None

    def in_force(self, year: int) -> list[Succession]:
        """Successions that took effect on or before the last day of ``year``."""
        end = dt.date(year, 12, 31)
        return [s for s in self.successions if s.on <= end]

    def later(self, year: int) -> list[Succession]:
        """Successions dated after ``year``: not applied when judging it."""
        end = dt.date(year, 12, 31)
        return [s for s in self.successions if s.on > end]

    def counts(self, year: int) -> dict[str, int]:
        """Rows in = applied + later + rejected, for the judged ``year``.

        >>> SuccessionTable().counts(2025)
        {'rows_in': 0, 'applied': 0, 'later': 0, 'rejected': 0}
        """
        return {"rows_in": self.rows_in, "applied": len(self.in_force(year)),
                "later": len(self.later(year)), "rejected": len(self.rejected)}

    def ended(self, year: int) -> dict[str, Succession]:
        """Units that a rename or merger in force for ``year`` ended: their rows from then on
        belong to the successor (a unit split or transferred may continue)."""
        return {s.from_unit: s for s in self.in_force(year) if s.kind != "split"}

    def successors(self, unit: str, year: int) -> list[Succession]:
        """The successions in force for ``year`` that ``unit`` went into."""
        return [s for s in self.in_force(year) if s.from_unit == unit]

    def link(self, source: str, target: str, year: int) -> tuple[Succession, ...] | None:
        """The successions (any kind) leading from ``source`` to ``target``, oldest first, in
        force for ``year``; None when none does (a plain transfer of a person).

        >>> a = Succession(2, "a", "b", dt.date(2020, 3, 1), "NQ 1", "merger")
        >>> b = Succession(3, "b", "c", dt.date(2025, 7, 1), "QĐ 2", "split")
        >>> [s.row for s in SuccessionTable([a, b]).link("a", "c", 2025)]
        [2, 3]
        """
        out: dict[str, list[Succession]] = defaultdict(list)
        for s in self.in_force(year):
            out[s.from_unit].append(s)
        queue: list[tuple[str, tuple[Succession, ...]]] = [(source, ())]
        seen = {source}
        while queue:
            unit, path = queue.pop(0)
            for s in sorted(out.get(unit, []), key=lambda x: (x.on, x.to_unit)):
                if s.to_unit == target:
                    return path + (s,)
                if s.to_unit not in seen:
                    seen.add(s.to_unit)
                    queue.append((s.to_unit, path + (s,)))
        return None

    def carries(self, subject: str, year: int, policy: str) -> tuple[list[Carry], list[Notice]]:
        """Whose rows count as ``subject``'s own past years when judging ``year``, under the
        merger ``policy`` ('all', 'main' or 'none'); with notices where a merger carries nothing
        for want of a main predecessor.

        >>> s = [Succession(2, "a", "c", dt.date(2025, 7, 1), "QĐ 1", "merger", main=True),
        ...      Succession(3, "b", "c", dt.date(2025, 7, 1), "QĐ 1", "merger")]
        >>> t = SuccessionTable(s)
        >>> [(c.source, c.alternative) for c in t.carries("c", 2025, "all")[0]]
        [('a', 0), ('a', 1), ('b', 2)]
        >>> [(c.source, c.alternative) for c in t.carries("c", 2025, "main")[0]]
        [('a', 0)]
        >>> t.carries("c", 2024, "all")[0]
        []
        """
        if policy not in POLICIES:
            raise ValueError(f"unknown merger policy '{policy}'")
        into: dict[str, list[Succession]] = defaultdict(list)
        for s in self.in_force(year):
            into[s.to_unit].append(s)
        out: list[Carry] = []
        notices: list[Notice] = []
        counter = [0]

        def walk(unit: str, until: dt.date, alternative: int, chain: tuple[Succession, ...],
                 seen: frozenset[str]) -> None:
            preds = [s for s in into.get(unit, []) if s.on <= until and s.from_unit not in seen]
            renames = sorted((s for s in preds if s.kind == "rename"), key=_order)
            mergers = sorted((s for s in preds if s.kind == "merger"), key=_order)
            for s in renames:
                step(s, until, alternative, chain, seen)
            if not mergers:
                return
            if policy == "main":
                main = [s for s in mergers if s.main]
                if not main:
                    notices.append(_no_main(unit, mergers))
                for s in main:
                    step(s, until, alternative, chain, seen)
            elif policy == "all":
                # Alternative 0 holds the first predecessor's years where the subject has none;
                # each predecessor also gets an alternative of its own, so that a check reading
                # the past must hold with every predecessor's years.
                step(mergers[0], until, alternative, chain, seen)
                for s in mergers:
                    counter[0] += 1
                    step(s, until, counter[0], chain, seen)

        def step(s: Succession, until: dt.date, alternative: int,
                 chain: tuple[Succession, ...], seen: frozenset[str]) -> None:
            bound = min(until, s.on)
            path = (s,) + chain
            out.append(Carry(s.from_unit, bound, alternative, path))
            walk(s.from_unit, bound, alternative, path, seen | {s.from_unit})

        walk(subject, dt.date(year, 12, 31) + dt.timedelta(days=1), 0, (),
             frozenset({subject}))
        return out, notices


def _order(s: Succession) -> tuple:
    """Main predecessor first, then by date and id: the order rows fill a subject's years."""
    return (not s.main, s.on, s.from_unit)


def _no_main(unit: str, mergers: list[Succession]) -> Notice:
    rows = ", ".join(str(s.row) for s in mergers)
    return Notice(code="succession_no_main", details={"unit": unit},
                  message=Localized(
                      vi=f"hợp nhất vào '{unit}' (dòng {rows} bảng kế thừa) không ghi đơn vị "
                         "chính: theo tham số merger_history = main, thành tích các năm trước "
                         "của các đơn vị cũ không được tính",
                      en=f"the merger into '{unit}' (succession rows {rows}) names no main "
                         "predecessor: with merger_history = main, the former units' past "
                         "years are not carried"))


def read_successions(raw: RawTable | None, fields: Mapping[str, InputField],
                     known: Collection[str]) -> SuccessionTable:
    """Validate the succession table ``raw`` (None: no table) against the unit ids ``known``
    (those of the units table, any year).

    >>> from thiduakhenthuong.tables.read import read_table
    >>> from thiduakhenthuong.rulebook.base import InputField
    >>> def f(t, **kw): return InputField(type=t, title={"vi": "x", "en": "x"}, **kw)
    >>> fields = {"from_unit": f("text"), "to_unit": f("text"), "effective_on": f("date"),
    ...           "document": f("text"), "kind": f("enum", values=list(KINDS))}
    >>> raw = read_table([{"from_unit": "bat_xat", "to_unit": "xa_bat_xat",
    ...                    "effective_on": "01/07/2025", "document": "QĐ 1", "kind": "split"},
    ...                   {"from_unit": "bat_xa", "to_unit": "xa_bat_xat",
    ...                    "effective_on": "01/07/2025", "document": "QĐ 1", "kind": "split"}],
    ...                  fields)
    >>> t = read_successions(raw, fields, {"bat_xat", "xa_bat_xat"})
    >>> [s.row for s in t.successions], t.rejected[0].problems[0].message.en
    ([1], "unit 'bat_xa' is not in the units table; did you mean: bat_xat, xa_bat_xat?")
    """
    if raw is None:
        return SuccessionTable()
    frame = raw.frame.assign(**{_ROW_KEY: [str(r) for r in raw.rows]})
    keyed = RawTable(frame=frame, rows=raw.rows, source=raw.source,
                     unknown_columns=raw.unknown_columns, nfc_normalised=raw.nfc_normalised,
                     headers=raw.headers)
    spec = TableSpec(inputs={_ROW_KEY: InputField(type="text", role="key",
                                                  title=Localized(vi="dòng", en="row")),
                             **{k: f.model_copy(update={"role": None})
                                for k, f in fields.items()}})
    valid = validate(keyed, spec)
    src_ids = raw.frame["from_unit"].astype(str).str.strip().tolist() \
        if "from_unit" in raw.frame.columns else [""] * len(raw.frame)
    row_pos = {int(r): i for i, r in enumerate(raw.rows)}
    rejected = [r.model_copy(update={"table": "successions",
                                     "unit_id": src_ids[row_pos[r.row]] or None})
                for r in valid.rejected]
    cols = valid.columns
    rows = [Succession(row=int(valid.rows[i]), from_unit=str(cols["from_unit"][i]),
                       to_unit=str(cols["to_unit"][i]),
                       on=cols["effective_on"][i].astype("datetime64[D]").item(),
                       document=str(cols["document"][i]), kind=str(cols["kind"][i]),
                       main=bool(cols["main"][i]) if "main" in cols else False,
                       note=str(cols["note"][i]) if "note" in cols else "")
            for i in range(len(valid.rows))]
    good, more = _relations(rows, set(known))
    rejected += more
    rejected.sort(key=lambda r: r.row)
    return SuccessionTable(successions=good, rejected=rejected, notices=list(valid.notices),
                           rows_in=valid.rows_in, source=raw.source)


def _problem(code: str, vi: str, en: str, column: str | None = None,
             value: str | None = None) -> Problem:
    return Problem(column=column, value=value, code=code, message=Localized(vi=vi, en=en))


def _relations(rows: list[Succession], known: set[str]
               ) -> tuple[list[Succession], list[RejectedRow]]:
    """The rows that make a consistent table, and the others with every reason."""
    probs: dict[int, list[Problem]] = defaultdict(list)
    for s in rows:
        if s.from_unit == s.to_unit:
            probs[s.row].append(_problem("same_unit", "đơn vị cũ và đơn vị kế thừa trùng nhau",
                                         "the former unit and its successor are the same",
                                         "to_unit", s.to_unit))
        for col, unit in (("from_unit", s.from_unit), ("to_unit", s.to_unit)):
            if unit not in known:
                near = difflib.get_close_matches(unit, sorted(known), n=3, cutoff=0.6)
                hint_vi = f"; có phải: {', '.join(near)}?" if near else ""
                hint_en = f"; did you mean: {', '.join(near)}?" if near else ""
                probs[s.row].append(_problem(
                    "unknown_unit", f"đơn vị '{unit}' không có trong bảng tập thể{hint_vi}",
                    f"unit '{unit}' is not in the units table{hint_en}", col, unit))
    # Rows wrong on their own say nothing about the others: the checks of the rows together
    # read only the rows left.
    ok = [s for s in rows if s.row not in probs]
    for cycle in _cycles(ok):
        path = " → ".join([s.from_unit for s in cycle] + [cycle[0].from_unit])
        for s in cycle:
            probs[s.row].append(_problem("succession_cycle", f"kế thừa vòng tròn: {path}",
                                         f"successions in a circle: {path}"))
    _group_problems([s for s in rows if s.row not in probs], probs)
    ok = [s for s in rows if s.row not in probs]
    after: dict[str, list[Succession]] = defaultdict(list)
    for s in ok:
        after[s.from_unit].append(s)
    for s in ok:
        earlier = [x for x in after.get(s.to_unit, []) if x.on < s.on]
        if earlier:
            x = earlier[0]
            day = x.on.strftime("%d/%m/%Y")
            probs[s.row].append(_problem(
                "succession_order",
                f"'{s.to_unit}' đã được kế thừa ngày {day} (dòng {x.row}), trước ngày hiệu lực "
                f"của dòng này", f"'{s.to_unit}' was itself succeeded on {day} (row {x.row}), "
                "before this row takes effect", "effective_on", s.on.strftime("%d/%m/%Y")))
    good = [s for s in rows if s.row not in probs]
    bad = [RejectedRow(row=s.row, unit_id=s.from_unit, problems=probs[s.row],
                       table="successions") for s in rows if s.row in probs]
    return good, bad


def _group_problems(rows: list[Succession], probs: dict[int, list[Problem]]) -> None:
    """Problems only the rows together show: the same succession twice, several successors
    other than by a split, a rename beside other predecessors, several main predecessors."""
    pairs: dict[tuple[str, str], list[Succession]] = defaultdict(list)
    by_from: dict[str, list[Succession]] = defaultdict(list)
    by_to: dict[tuple[str, dt.date], list[Succession]] = defaultdict(list)
    for s in rows:
        pairs[(s.from_unit, s.to_unit)].append(s)
        by_from[s.from_unit].append(s)
        by_to[(s.to_unit, s.on)].append(s)
    for group in pairs.values():
        if len(group) > 1:
            _all(group, probs, "duplicate_succession", "đơn vị cũ và đơn vị kế thừa lặp lại",
                 "the same former unit and successor again")
    for group in by_from.values():
        targets = {s.to_unit for s in group}
        if len(targets) > 1 and any(s.kind != "split" for s in group):
            _all(group, probs, "several_successors",
                 "một đơn vị có nhiều đơn vị kế thừa nhưng không phải chia, tách",
                 "a unit with several successors that is not a split or transfer")
    for group in by_to.values():
        if len(group) > 1 and any(s.kind == "rename" for s in group):
            _all(group, probs, "rename_with_others",
                 "đổi tên phải là đơn vị cũ duy nhất của đơn vị kế thừa trong ngày đó",
                 "a rename must be the successor's only predecessor on that day")
        if sum(s.main for s in group if s.kind == "merger") > 1:
            _all([s for s in group if s.main], probs, "several_main",
                 "nhiều đơn vị chính trong cùng một lần hợp nhất",
                 "several main predecessors in one merger")


def _all(group: Iterable[Succession], probs: dict[int, list[Problem]], code: str, vi: str,
         en: str) -> None:
    group = list(group)
    rows = ", ".join(str(s.row) for s in group)
    for s in group:
        probs[s.row].append(_problem(code, f"{vi} (các dòng {rows})", f"{en} (rows {rows})"))


def _cycles(rows: list[Succession]) -> list[list[Succession]]:
    """Every circle of successions (each edge once), found by depth-first search."""
    out_edges: dict[str, list[Succession]] = defaultdict(list)
    for s in sorted(rows, key=lambda x: (x.from_unit, x.to_unit)):
        out_edges[s.from_unit].append(s)
    state: dict[str, int] = {}
    stack: list[Succession] = []
    found: list[list[Succession]] = []
    on_cycle: set[int] = set()

    def visit(unit: str) -> None:
        state[unit] = 1
        for s in out_edges.get(unit, []):
            if state.get(s.to_unit) == 1:
                start = next(k for k, x in enumerate(stack + [s]) if x.from_unit == s.to_unit)
                cycle = (stack + [s])[start:]
                if not any(x.row in on_cycle for x in cycle):
                    found.append(cycle)
                    on_cycle.update(x.row for x in cycle)
            elif state.get(s.to_unit) is None:
                stack.append(s)
                visit(s.to_unit)
                stack.pop()
        state[unit] = 2

    for unit in sorted(out_edges):
        if state.get(unit) is None:
            visit(unit)
    return found


def unit_ids(raw: RawTable | None, key: str) -> set[str]:
    """The unit ids of a raw units table, any year (blank ids left out)."""
    if raw is None or key not in raw.frame.columns:
        return set()
    col = raw.frame[key]
    ids = col[col.notna()].astype(str).str.strip()
    return set(ids[ids != ""].tolist())


def names_of(ids: np.ndarray, names: np.ndarray, years: np.ndarray) -> dict[str, str]:
    """Each unit's latest non-blank name."""
    out: dict[str, tuple[float, str]] = {}
    for i, n, y in zip(ids.tolist(), names.tolist(), years.tolist()):
        if n and (i not in out or y >= out[i][0]):
            out[i] = (y, n)
    return {k: v[1] for k, v in out.items()}
