"""What validating a table needs to know about it, whichever job's rules describe it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional, Protocol, Sequence

from ..rulebook.base import InputField, RowCheck


class TableRules(Protocol):
    """The fields of a table, the row checks it must pass, and the registry of the units it may
    name (None: any id is accepted). A scoring rule set is one; :class:`TableSpec` is another."""

    @property
    def inputs(self) -> Mapping[str, InputField]: ...

    @property
    def checks(self) -> Sequence[RowCheck]: ...

    @property
    def units(self) -> Optional[Sequence[Any]]: ...


@dataclass(frozen=True)
class TableSpec:
    """A table described outside a rule set's own model (a history table, an overrides file).

    >>> TableSpec(inputs={}).units is None
    True
    """
    inputs: Mapping[str, InputField]
    checks: Sequence[RowCheck] = ()
    units: Optional[Sequence[Any]] = None
