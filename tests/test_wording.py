"""Issue 14, item 7: every output of every job, in Vietnamese, holds no English word, no internal
marker and no raw identifier of a rule, parameter or input field (outside what is shown on
demand: hidden workbook columns, collapsed expression lines, code spans); in English, no
Vietnamese beyond the names the data and the rule sets give. What is read, and how, is in
``wording.py``."""
from __future__ import annotations

import pytest

from wording import english_hits, outputs, report, vietnamese_hits


@pytest.fixture(scope="module")
def vietnamese(tmp_path_factory):
    return outputs("vi", tmp_path_factory.mktemp("vi"))


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return outputs("en", tmp_path_factory.mktemp("en"))


def _failures(hits: dict[str, list[str]]) -> str:
    return "\n".join(f"{k}: {sorted(set(v))[:15]}" for k, v in hits.items() if v)


def test_every_output_is_read(vietnamese, english):
    kinds = {k.split(":")[-1].rsplit(".", 1)[-1] for k in vietnamese if ":" in k}
    assert {"xlsx", "html", "md"} <= kinds
    for name in ("explain_bao_thang", "titles_2024", "delegates", "diff_regimes",
                 "verify_score", "verify_titles_2024", "verify_delegates", "plan_check"):
        assert vietnamese[name].strip() and english[name].strip(), name
    assert vietnamese.keys() == english.keys()


def test_vietnamese_outputs_hold_no_english_marker_or_identifier(vietnamese):
    hits = report("vi", vietnamese)
    assert not any(hits.values()), _failures(hits)


def test_english_outputs_hold_no_vietnamese(english):
    hits = report("en", english)
    assert not any(hits.values()), _failures(hits)


@pytest.mark.parametrize("text", [
    "căn cứ: local policy; default chosen by this project",
    "Bị hạ xuống 'htt' vì không đạt tiêu chí t10_task_rating",
    "[06/2022/QH15 §Art.24(1)]", "Wording UNCONFIRMED (fact sheet §1.5)",
    "dữ liệu: grassroots_advising = 22", "đủ điều kiện: True", "Error: rule error:",
    "11 units in 0.023 s", "cụm cum_1"])
def test_the_check_catches_what_the_issue_found(text):
    from wording import identifiers, registry_units
    assert vietnamese_hits(text, identifiers(), registry_units()), text


def test_the_check_allows_names_and_keys():
    from wording import identifiers, registry_units
    ok = ["Hội CTĐ huyện Bảo Thắng (bao_thang) — Cụm thi đua số 1",
          "điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15",
          "co_so (Cấp cơ sở), huyen (Cấp huyện, thành, thị)"]
    for text in ok:
        assert not vietnamese_hits(text, identifiers(), registry_units()), text
    assert english_hits("Section II.7 of Letter No. 21/CTĐ-VP, Lào Cai", set()) == []
    # A word is told Vietnamese by its letters: "tham" alone could be an English name.
    assert english_hits("tham số", set()) == ["số"]
