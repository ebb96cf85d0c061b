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

from typing import Any, Optional

from .i18n.errors import errors as _words

#: An error's words in the catalogue: (key, placeholders), for the message or the suggestion.
Words = Optional[tuple[str, dict[str, Any]]]


class TdktError(Exception):
    """Base class of every error the library raises on purpose. ``str()`` is the English text;
    :meth:`text` says it in the reader's language where the error was raised with words from
    the catalogue (``words`` for the message, ``hint`` for the suggestion).

    >>> e = TdktError("unknown level 'xa'", suggestion="levels: co_so, huyen",
    ...               words=("unknown_level", {"level": "xa"}),
    ...               hint=("levels", {"levels": "co_so, huyen"}))
    >>> str(e), e.text("vi")
    ("unknown level 'xa' (levels: co_so, huyen)", "không có cấp hội nghị 'xa' (các cấp: co_so, huyen)")
    """

    def __init__(self, message: str = "", *, suggestion: str | None = None,
                 words: Words = None, hint: Words = None):
        self.message = message
        self.suggestion = suggestion
        self.words = words
        self.hint = hint
        super().__init__(self._format())

    def _format(self, lang: str = "en") -> str:
        msg, sugg = self.message, self.suggestion
        if lang != "en" and self.words is not None:
            msg = _say(self.words, lang)
        if lang != "en" and self.hint is not None:
            sugg = _say(self.hint, lang)
        return f"{msg} ({sugg})" if sugg else msg

    def text(self, lang: str = "vi") -> str:
        """The error in ``lang``: the catalogue's words where it was raised with them."""
        return self._format(lang)

    def suggestion_text(self, lang: str = "vi") -> str | None:
        """The suggestion alone in ``lang`` (None when there is none).

        >>> TdktError("x", suggestion="y").suggestion_text("en")
        'y'
        """
        if lang != "en" and self.hint is not None:
            return _say(self.hint, lang)
        return self.suggestion


# --- the rules ----------------------------------------------------------------------------------
class RulesError(TdktError):
    """Something is wrong with a rule set: a file, a section, an expression."""


class ExpressionError(RulesError, ValueError):
    """An expression in a rule file is not valid.

    ``column`` is the 1-based offset inside the expression text, when known.
    """

    def __init__(self, message: str, text: str = "", column: int | None = None, *,
                 suggestion: str | None = None, words: Words = None):
        self.text_written = text
        self.column = column
        where = f" at column {column}" if column is not None else ""
        full = None
        if words is not None and text:
            full = ("in_expression", {"message": words,
                                      "where": ("at_column", {"column": column})
                                      if column is not None else "", "text": repr(text)})
        super().__init__(f"{message}{where} in expression {text!r}" if text else message,
                         suggestion=suggestion, words=full or words)
        self.message = message


def _say(words: tuple[str, dict[str, Any]], lang: str) -> str:
    key, params = words
    filled = {k: (_say(v, lang) if isinstance(v, tuple) else v) for k, v in params.items()}
    return _words(key, lang, **filled)


class RuleError(RulesError):
    """A rule file is invalid. Names the file, the line where known, the rule id and the problem.

    >>> str(RuleError("unknown field 'x'", file="rules/a.yaml", line=12, rule_id="t01"))
    "rules/a.yaml:12: [t01] unknown field 'x'"
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 rule_id: str | None = None, *, suggestion: str | None = None,
                 words: Words = None, hint: Words = None):
        self.file = file
        self.line = line
        self.rule_id = rule_id
        super().__init__(message, suggestion=suggestion, words=words, hint=hint)

    def _format(self, lang: str = "en") -> str:
        where = self.file or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        rid = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{where}:{rid} {super()._format(lang)}"


class RuleErrors(RulesError):
    """Several rule errors found in one load; reported together so a user fixes them in one pass."""

    def __init__(self, errors: list[RuleError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def text(self, lang: str = "vi") -> str:
        return "\n".join(e.text(lang) for e in self.errors)


# --- the data -----------------------------------------------------------------------------------
class InputError(TdktError, ValueError):
    """The data cannot be used as given. ``row`` (spreadsheet row, header = 1) and ``column``
    say where, when one place is to blame."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None,
                 suggestion: str | None = None, words: Words = None, hint: Words = None):
        self.row = row
        self.column = column
        super().__init__(message, suggestion=suggestion, words=words, hint=hint)


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
