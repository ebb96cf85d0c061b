"""Error types. Every error names where it comes from, so a user can fix it without reading code."""
from __future__ import annotations


class TdktError(Exception):
    """Base class of every error the library raises on purpose."""


class ExpressionError(TdktError, ValueError):
    """An expression in a rule file is not valid.

    ``column`` is the 1-based offset inside the expression text, when known.
    """

    def __init__(self, message: str, text: str = "", column: int | None = None):
        self.message = message
        self.text = text
        self.column = column
        where = f" at column {column}" if column is not None else ""
        super().__init__(f"{message}{where} in expression {text!r}" if text else message)


class RuleError(TdktError):
    """A rule file is invalid. Names the file, the line where known, the rule id and the problem.

    >>> str(RuleError("unknown field 'x'", file="rules/a.yaml", line=12, rule_id="t01"))
    "rules/a.yaml:12: [t01] unknown field 'x'"
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 rule_id: str | None = None):
        self.message = message
        self.file = file
        self.line = line
        self.rule_id = rule_id
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.file or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        rid = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{where}:{rid} {self.message}"


class RuleErrors(TdktError):
    """Several rule errors found in one load; reported together so a user fixes them in one pass."""

    def __init__(self, errors: list[RuleError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class InputFileError(TdktError):
    """A data file cannot be read at all (missing, unreadable, unknown format, no header)."""
