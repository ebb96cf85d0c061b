"""Legal words: the standard bases a rule file may name (what a reader is told a number or a rule
rests on), the kinds of documents by the type code in their number, and the parts of a citation
in Vietnamese legal style (điểm, khoản, Điều, mục) and in English."""
from __future__ import annotations

from .book import Phrasebook

#: What a rule's basis says to a reader when the rule file names a standard one
#: (``basis: {standard: local_policy, ...}``).
BASES: dict[str, tuple[str, str]] = {
    "local_policy": ("Quy định của đơn vị (có thể điều chỉnh)",
                     "Local policy (open to change)"),
    "unconfirmed": ("Chưa đối chiếu được văn bản gốc",
                    "Not yet checked against the official text"),
    "partial": ("Mới đối chiếu được một phần văn bản gốc",
                "Only partly checked against the official text"),
    "reported": ("Theo thông tin về dự thảo; chưa có văn bản chính thức",
                 "From reports of a draft; no official text yet"),
    "confirmed": ("Đã đối chiếu với văn bản gốc", "Checked against the official text"),
    "reading": ("Cách hiểu văn bản áp dụng trong bộ quy tắc này",
                "The reading of the text this rule set applies"),
    "source": ("Theo văn bản", "As the text says"),
}
bases = Phrasebook("bases", BASES)

#: Kinds of documents by the type code in their number (06/2022/QH15: a law; 98/2023/NĐ-CP: a
#: decree; a number with no type code, such as 21/CTĐ-VP, is an official letter).
KINDS: dict[str, tuple[str, str]] = {
    "QH": ("Luật", "Law"), "NĐ": ("Nghị định", "Decree"), "QĐ": ("Quyết định", "Decision"),
    "KH": ("Kế hoạch", "Plan"), "HD": ("Hướng dẫn", "Guidance"), "TT": ("Thông tư", "Circular"),
    "NQ": ("Nghị quyết", "Resolution"), "CT": ("Chỉ thị", "Directive"),
    "TB": ("Thông báo", "Notice"), "letter": ("Công văn", "Letter"),
}
kinds = Phrasebook("document kinds", KINDS)

#: How a citation reads: the document's name, and the parts of an article.
CITE: dict[str, tuple[str, str]] = {
    "named": ("{kind} số {number}", "{kind} No. {number}"),
    "article": ("Điều {n}", "Article {n}"),
    "clause": ("khoản {n} ", "({n})"),
    "point": ("điểm {n} ", "({n})"),
    "section": ("mục {n}", "section {n}"),
    "section_of_part": ("mục {n} Phần {part}", "section {n} of Part {part}"),
    "cite": ("{where} {doc}", "{where} of {doc}"),
}
cite_words = Phrasebook("citations", CITE)
