"""What every job's result offers, whatever it decided (the result protocol).

- ``rules``: the loaded rule set (``.model``, ``.hash`` its version hash, ``.id``, ``.version``);
  ``params``: the parameters in force for the run; ``sources``: the tables read;
- ``rejected``: every input row not judged, with its row number and reasons; ``notices``:
  warnings about the data as a whole;
- ``to_frame()``: one row per decision with stable snake_case columns and real dtypes (booleans
  are booleans, codes are codes); ``to_frame(labels="vi"|"en")``: the same with display headers
  and labels, as the workbooks show it;
- ``to_json()``: the whole run, every trace included, as deterministic JSON (:meth:`report`);
- ``get(id)``: the explained decision(s) of one unit, person or candidate; one that was not
  judged raises :class:`~thiduakhenthuong.errors.NotJudgedError` naming its rejection.
"""
from __future__ import annotations

import difflib
import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Iterable, Literal, Optional

from ..errors import NotJudgedError
from ..i18n.errors import errors
from .trace import Notice, RejectedRow

Labels = Optional[Literal["vi", "en"]]


class Result(ABC):
    """Base of the scoring, titles and delegates results (see the module text)."""

    #: The job's kind (``meta.kind`` of its rule sets).
    kind: ClassVar[str]
    #: Indentation of :meth:`to_json`.
    json_indent: ClassVar[Optional[int]] = 1

    rules: Any
    params: dict[str, Any]

    @property
    def model(self) -> Any:
        """The typed rule model the run used."""
        return self.rules.model

    @property
    def hash(self) -> str:
        """The version hash of the rules the run used."""
        return self.rules.hash

    @property
    @abstractmethod
    def sources(self) -> list[str]:
        """The tables read, as ``path`` or ``path[sheet]``."""

    @property
    @abstractmethod
    def rejected(self) -> list[RejectedRow]:
        """Every input row that was not judged, with its reasons."""

    @property
    @abstractmethod
    def notices(self) -> list[Notice]:
        """Warnings about the data as a whole."""

    @abstractmethod
    def report(self) -> Any:
        """The whole run as one typed, serialisable document."""

    @abstractmethod
    def to_frame(self, labels: Labels = None) -> Any:
        """One row per decision: machine columns, or display headers and labels."""

    @abstractmethod
    def get(self, subject_id: str) -> Any:
        """The explained decision(s) of one unit, person or candidate."""

    def to_json(self, indent: Optional[int] = None) -> str:
        """Deterministic JSON of :meth:`report` (same rules and data give the same bytes)."""
        return json.dumps(self.report().model_dump(mode="json"), ensure_ascii=False,
                          indent=self.json_indent if indent is None else indent, sort_keys=True)

    def not_judged(self, subject_id: str, known: Iterable[str], what: str = "unit",
                   names: Optional[dict[str, str]] = None) -> NotJudgedError:
        """The error for a subject that has no decision: its rejected rows and their reasons, or
        the ids that do have one (with the nearest as a suggestion)."""
        rows = [r for r in self.rejected if r.unit_id == subject_id]
        said = ("what_" + what, {}) if f"what_{what}" in errors else what
        if rows:
            def why(lang: str) -> str:
                return "; ".join(
                    errors("row_problem", lang, table=(r.table + " ") if r.table else "",
                           row=r.row, problems=", ".join(
                               f"{p.header or p.column or '-'}: {p.message.get(lang)}"
                               for p in r.problems)) for r in rows)
            return NotJudgedError(f"{what} '{subject_id}' was not judged: its row was rejected "
                                  f"({why('en')})", row=rows[0].row,
                                  suggestion="see result.rejected; mend the row and run again",
                                  words=("not_judged", {"what": said, "id": subject_id,
                                                        "why": why("vi")}),
                                  hint=("mend_row", {}))
        ids = sorted(str(k) for k in known)
        near = difflib.get_close_matches(subject_id, ids, 1, 0.6)
        listed = ", ".join(f"{names[i]} ({i})" if names and names.get(i) else i
                           for i in ids[:20]) + (" ..." if len(ids) > 20 else "")
        return NotJudgedError(f"no {what} '{subject_id}' in the data",
                              suggestion=(f"did you mean '{near[0]}'? " if near else "")
                              + f"{len(ids)} judged" + (": " + listed if ids else ""),
                              words=("not_in_data", {"what": said, "id": subject_id}),
                              hint=("judged_ids", {"near": ("did_you_mean", {"id": near[0]})
                                                   if near else "", "n": len(ids),
                                                   "what": said, "ids": listed}))
