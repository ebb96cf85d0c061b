"""Show a rule-version diff in the terminal: the rule sets, notices, counts, the parameters and
rules that differ, a table of the changed units or people, and a tree of each change."""
from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from .model import Diff, DiffEntry
from .text import (change_text, definition_text, field_label, parameter_text, show,
                   side_notice_prefix, status_label)


def _l(vi: str, en: str, lang: str) -> str:
    return en if lang == "en" else vi


def header_lines(diff: Diff, lang: str = "vi") -> list[str]:
    """The rule sets compared, the warnings, and the counts, one line each (markup-free).

    >>> from thiduakhenthuong.diff.compare import diff_rule_sets
    >>> d = diff_rule_sets("rules/lao-cai-2023", "rules/lao-cai-2023",
    ...                    "fixtures/lao-cai-2023/units.csv")
    >>> header_lines(d, "en")[-1].split("; ")[:2]
    ['Compared 11: changed 0, unchanged 11', 'old rules only 0, new rules only 0']
    """
    out = []
    for side, info in (("old", diff.old), ("new", diff.new)):
        years = f"; {info.regime} {info.from_year}–{info.to_year}" if info.regime else ""
        out.append(f"{side_notice_prefix(side, lang)}: {info.path} — {info.id} {info.version} "
                   f"({info.hash}){years}")
    what = [diff.source]
    if diff.year is not None:
        what.append(_l(f"năm {diff.year}", f"year {diff.year}", lang))
    if diff.level is not None:
        what.append(_l(f"cấp {diff.level}", f"level {diff.level}", lang))
    if diff.as_of is not None:
        what.append(_l(f"tham số ngày {show(diff.as_of, lang)}",
                       f"parameters as of {show(diff.as_of, lang)}", lang))
    out.append(_l("Dữ liệu: ", "Data: ", lang) + ", ".join(what))
    for n in diff.notices:
        out.append(_l("Cảnh báo: ", "Warning: ", lang) + n.message.get(lang))
    s = diff.summary
    out.append(_l(
        f"So sánh {s.compared}: thay đổi {s.changed}, không đổi {s.unchanged}; chỉ theo quy tắc "
        f"cũ {s.only_old}, chỉ theo quy tắc mới {s.only_new}; dòng bị loại: cũ {s.rejected_old}, "
        f"mới {s.rejected_new}; tham số khác {s.parameters_changed}, quy tắc khác "
        f"{s.definitions_changed}",
        f"Compared {s.compared}: changed {s.changed}, unchanged {s.unchanged}; old rules only "
        f"{s.only_old}, new rules only {s.only_new}; rejected rows: old {s.rejected_old}, new "
        f"{s.rejected_new}; parameters changed {s.parameters_changed}, rules changed "
        f"{s.definitions_changed}", lang))
    return out


def parameters_table(diff: Diff, lang: str = "vi") -> Table:
    """The parameters whose values differ, with dates, basis and citation."""
    tbl = Table(title=_l("Tham số khác nhau", "Parameters that differ", lang))
    for h in (("Tham số", "Parameter"), ("Nội dung", "Description"), ("Cũ", "Old"),
              ("Mới", "New"), ("Hiệu lực từ", "In force from"), ("Cơ sở / trích dẫn",
                                                                  "Basis / cite")):
        tbl.add_column(_l(*h, lang))
    for p in diff.parameters:
        basis = p.new_basis or p.old_basis or ""
        tbl.add_row(escape(p.name), escape(p.title.get(lang) if p.title else ""),
                    escape(show(p.old, lang)), escape(show(p.new, lang)),
                    f"{show(p.old_from, lang)} → {show(p.new_from, lang)}",
                    escape(basis + (f" [{p.cite}]" if p.cite else "")))
    return tbl


def definitions_table(diff: Diff, lang: str = "vi") -> Table:
    """The rules written differently, item by item."""
    tbl = Table(title=_l("Quy tắc viết khác", "Rules written differently", lang))
    for h in (("Mục", "Item"), ("Vị trí", "Path"), ("Cũ", "Old"), ("Mới", "New")):
        tbl.add_column(_l(*h, lang))
    for d in diff.definitions:
        tbl.add_row(escape(d.item), escape(d.path), escape(d.old or "—"), escape(d.new or "—"))
    return tbl


def entries_table(diff: Diff, lang: str = "vi", limit: int | None = None) -> Table:
    """One row per changed unit or person (and title): what changed and why."""
    titles = diff.kind == "titles"
    tbl = Table(title=_l("Thay đổi", "Changes", lang))
    cols = [("Mã", "Id"), ("Tên", "Name")] + ([("Danh hiệu", "Title")] if titles else []) + \
        [("Nhóm", "Group"), ("Tình trạng", "Status"), ("Thay đổi", "Changes"), ("Lý do", "Reason")]
    for h in cols:
        tbl.add_column(_l(*h, lang))
    for e in diff.entries[:limit]:
        row = [e.id, e.name or ""] + ([e.title.get(lang) if e.title else e.title_id or ""]
                                      if titles else []) + \
            [e.group or "", status_label(e.status, lang),
             "; ".join(change_text(c, lang) for c in e.changes), e.reason.get(lang)]
        tbl.add_row(*(escape(str(x)) for x in row))
    return tbl


def _values(v: dict[str, Any], lang: str) -> str:
    return ", ".join(f"{field_label(k, lang)} = {show(x, lang)}" for k, x in v.items())


def entry_tree(e: DiffEntry, lang: str = "vi") -> Tree:
    """A changed unit or person: the decision's changes, then each changed criterion with the
    values it read on both sides, its citations, the parameters and rules that changed."""
    head = f"{e.name} ({e.id})" if e.name else e.id
    if e.title is not None:
        head += f" — {e.title.get(lang)}"
    tree = Tree(escape(head + ": " + "; ".join(change_text(c, lang) for c in e.changes)))
    if e.status != "changed":
        tree.add(escape(e.reason.get(lang)))
    for side, text in (("old", e.explain_old), ("new", e.explain_new)):
        if text is not None:
            tree.add(escape(f"{side_notice_prefix(side, lang)}: {text.get(lang)}"))
    for c in e.criteria:
        cite = c.cite_new or c.cite_old
        if c.cite_old and c.cite_new and c.cite_old != c.cite_new:
            cite = f"{c.cite_old} → {c.cite_new}"
        title = f" {c.title.get(lang)}" if c.title else ""
        node = tree.add(escape(f"{c.id}{title}" + (f" [{cite}]" if cite else "") + ": "
                               + "; ".join(change_text(x, lang) for x in c.changes)))
        if c.only_in:
            node.add(escape(_l(f"chỉ có trong {side_notice_prefix(c.only_in, lang).lower()}",
                               f"only in the {side_notice_prefix(c.only_in, lang).lower()}",
                               lang)))
        for side, vals in (("old", c.values_old), ("new", c.values_new)):
            if vals:
                node.add(escape(_l(f"giá trị đọc ({side_notice_prefix(side, lang).lower()}): ",
                                   f"values read ({side} rules): ", lang) + _values(vals, lang)))
        for p in c.parameters:
            node.add(escape(_l("tham số ", "parameter ", lang) + parameter_text(p, lang)))
        for d in c.definition:
            node.add(escape(_l("quy tắc ", "rule ", lang) + definition_text(d, lang)))
    return tree


def render(diff: Diff, lang: str = "vi", details: bool = True,
           limit: int | None = None) -> list[Any]:
    """Everything to print, in order: header lines, tables and (with ``details``) one tree per
    change. Strings are escaped for rich markup."""
    out: list[Any] = [escape(line) for line in header_lines(diff, lang)]
    if diff.parameters:
        out.append(parameters_table(diff, lang))
    if diff.definitions:
        out.append(definitions_table(diff, lang))
    if diff.entries:
        out.append(entries_table(diff, lang, limit))
        if details:
            out += [entry_tree(e, lang) for e in diff.entries[:limit]]
    else:
        out.append(_l("Không có đơn vị hay người nào thay đổi kết quả.",
                      "No unit or person changes outcome.", lang))
    return out
