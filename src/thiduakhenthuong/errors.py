"""Error types, one branch per phase of a run, so a caller can tell whose mistake it is:

- :class:`RulesError`: the rule files (a :class:`RuleError` names file, line and rule id;
  :class:`RuleErrors` collects every one found in a load);
- :class:`InputError`: the data (a file that cannot be read, a fact that does not fit, a subject
  that was rejected or is not in the data), with the row and column where known;
- :class:`UsageError`: the arguments of a call (an option that does not fit the rule set, a date
  that is not a date);
- :class:`EvaluationError`: the run itself (the streaming engine is missing or failed).

Every error may carry a ``suggestion``: what to do about it. Errors that replaced a built-in
exception keep it as a second base (``UsageError`` is a ``ValueError``, a missing subject is a
``KeyError``), so code that caught the built-in still works.
"""
from __future__ import annotations


class TdktError(Exception):
    """Base class of every error the library raises on purpose.

    >>> str(TdktError("no such level 'xa'", suggestion="levels: co_so, huyen"))
    "no such level 'xa' (levels: co_so, huyen)"
    """

    def __init__(self, message: str = "", *, suggestion: str | None = None):
        self.message = message
        self.suggestion = suggestion
        super().__init__(self._format())

    def _format(self) -> str:
        return f"{self.message} ({self.suggestion})" if self.suggestion else self.message


# --- the rules ----------------------------------------------------------------------------------
class RulesError(TdktError):
    """Something is wrong with a rule set: a file, a section, an expression."""


class ExpressionError(RulesError, ValueError):
    """An expression in a rule file is not valid.

    ``column`` is the 1-based offset inside the expression text, when known.
    """

    def __init__(self, message: str, text: str = "", column: int | None = None, *,
                 suggestion: str | None = None):
        self.text = text
        self.column = column
        where = f" at column {column}" if column is not None else ""
        super().__init__(f"{message}{where} in expression {text!r}" if text else message,
                         suggestion=suggestion)
        self.message = message


class RuleError(RulesError):
    """A rule file is invalid. Names the file, the line where known, the rule id and the problem.

    >>> str(RuleError("unknown field 'x'", file="rules/a.yaml", line=12, rule_id="t01"))
    "rules/a.yaml:12: [t01] unknown field 'x'"
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 rule_id: str | None = None, *, suggestion: str | None = None):
        self.file = file
        self.line = line
        self.rule_id = rule_id
        super().__init__(message, suggestion=suggestion)

    def _format(self) -> str:
        where = self.file or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        rid = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{where}:{rid} {super()._format()}"


class RuleErrors(RulesError):
    """Several rule errors found in one load; reported together so a user fixes them in one pass."""

    def __init__(self, errors: list[RuleError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# --- the data -----------------------------------------------------------------------------------
class InputError(TdktError, ValueError):
    """The data cannot be used as given. ``row`` (spreadsheet row, header = 1) and ``column``
    say where, when one place is to blame."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None,
                 suggestion: str | None = None):
        self.row = row
        self.column = column
        super().__init__(message, suggestion=suggestion)


class InputFileError(InputError):
    """A data file cannot be read at all (missing, unreadable, unknown format, no header)."""


class NotJudgedError(InputError, KeyError):
    """A unit or person asked for was not judged: its row was rejected (the reasons are in the
    message) or it is not in the data (the message says which ids are)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self._format()


# --- the call -----------------------------------------------------------------------------------
class UsageError(TdktError, ValueError):
    """An argument does not fit: an option that does not apply to this kind of rule set, a level
    or engine that does not exist, a date that cannot be read."""


# --- the run ------------------------------------------------------------------------------------
class EvaluationError(TdktError):
    """The evaluation itself failed (not the rules, not the data)."""
