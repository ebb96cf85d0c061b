"""Errors as RFC 9457 problem details (``application/problem+json``): the same message as the
command line prints (its prefix included), the row and column of the data or the file and line
of the rules where the library knows them, its suggestion, and the command line's exit code.

>>> from ..errors import InputError
>>> p = problem_of(InputError("bad value", row=3, column="blood_units"), "en")
>>> p.status, p.exit_code, p.detail, p.errors[0].row, p.errors[0].column
(422, 2, 'Input error: bad value', 3, 'blood_units')
"""
from __future__ import annotations

import re
import tempfile
from typing import Any, Optional

from pydantic import BaseModel, Field

from ..errors import InputError, RuleError, RuleErrors, RulesError, TdktError, UsageError
from ..i18n.cli import cli
from ..i18n.web import web
from .rulesets import UnknownRuleSet
from .uploads import LimitError, UploadError

MEDIA_TYPE = "application/problem+json"
#: A request's private folder, as it would appear in a message: never shown to the client.
_WORKSPACE = re.compile(re.escape(tempfile.gettempdir()) + r"/tdkt-web-[^/\s]+/")


def _clean(text: str) -> str:
    return _WORKSPACE.sub("", text)


class ProblemPlace(BaseModel):
    """Where one problem is: a rule file and line (rule errors), or a row and column of the
    data (input errors)."""
    message: str
    file: Optional[str] = None
    line: Optional[int] = None
    rule_id: Optional[str] = None
    row: Optional[int] = Field(default=None, description="spreadsheet row (header = 1)")
    column: Optional[str] = None


class ProblemDetails(BaseModel):
    """An error, as problem details (RFC 9457) with this library's fields."""
    type: str = Field(description="what kind of error: urn:tdkt:problem:<kind>")
    title: str
    status: int
    detail: str = Field(description="the message, as the command line prints it")
    exit_code: int = Field(description="the command line's exit code for the same error: 2 a "
                                       "rule, file or usage error; 1 a run that found "
                                       "differences (verify)")
    suggestion: Optional[str] = None
    errors: list[ProblemPlace] = Field(default_factory=list)


class HttpProblem(Exception):
    """An error of the HTTP layer itself (a missing token, a host not allowed)."""

    def __init__(self, status: int, kind: str, title: str, detail: str):
        self.status, self.kind, self.title, self.detail = status, kind, title, detail
        super().__init__(detail)


def problem_of(e: BaseException, lang: str) -> ProblemDetails:
    """The problem details of an error a request met."""
    if isinstance(e, HttpProblem):
        return ProblemDetails(type=f"urn:tdkt:problem:{e.kind}", title=e.title, status=e.status,
                       detail=e.detail, exit_code=2)
    if isinstance(e, LimitError):
        return _p("too-large", 413, web("err_input", lang), e.localized.get(lang), e, lang)
    if isinstance(e, UploadError):
        return _p("upload", 400, web("err_input", lang), e.localized.get(lang), e, lang)
    if isinstance(e, UnknownRuleSet):
        return ProblemDetails(type="urn:tdkt:problem:not-found", title=web("err_not_found", lang,
                                                                   id=e.rid),
                       status=404, detail=web("err_not_found", lang, id=e.rid), exit_code=2,
                       suggestion=web("err_not_found_hint", lang, ids=", ".join(e.known)))
    if isinstance(e, InputError):
        return _p("input", 422, web("err_input", lang), cli("input_error", lang, text=e.text(lang)), e, lang)
    if isinstance(e, RulesError):
        return _p("rules", 422, web("err_rules", lang), cli("rule_error", lang, text=e.text(lang)), e, lang)
    if isinstance(e, UsageError):
        return _p("usage", 400, web("err_usage", lang), cli("usage_error", lang, text=e.text(lang)), e, lang)
    if isinstance(e, TdktError):
        return _p("error", 422, web("err_other", lang), cli("error", lang, text=e.text(lang)), e, lang)
    return ProblemDetails(type="urn:tdkt:problem:internal", title=web("err_other", lang), status=500,
                   detail=web("err_internal", lang), exit_code=2)


def _p(kind: str, status: int, title: str, detail: str, e: TdktError,
       lang: str) -> ProblemDetails:
    hint = e.suggestion_text(lang)
    return ProblemDetails(type=f"urn:tdkt:problem:{kind}", title=title, status=status,
                   detail=_clean(detail), exit_code=2, suggestion=_clean(hint) if hint else None,
                   errors=[x.model_copy(update={"message": _clean(x.message)}) for x in _items(e)])


def _items(e: Any) -> list[ProblemPlace]:
    if isinstance(e, RuleErrors):
        return [x for err in e.errors for x in _items(err)]
    if isinstance(e, RuleError):
        return [ProblemPlace(message=e.message, file=e.file, line=e.line, rule_id=e.rule_id)]
    if isinstance(e, InputError) and (e.row is not None or e.column is not None):
        return [ProblemPlace(message=e.message, row=e.row, column=e.column)]
    return []
