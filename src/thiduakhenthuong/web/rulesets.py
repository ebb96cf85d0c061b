"""The rule sets a server offers, loaded once at start: the bundled ones and the folders given
with ``--rules``. They are the only state requests share, and nothing writes to them.

>>> lib = RuleSets.load(())
>>> lib.get("lao-cai-2023").kind, "titles" in lib.ids()
('scoring', True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from threading import Lock
from typing import Any

from ..core import job as jobs
from ..core.models import Localized
from ..errors import RuleError, UsageError
from ..render.catalogue.build import build_catalogue
from ..rulebook.discover import BUNDLED, bundled_names, has_rules, is_collection
from ..rulebook.load import extends_of
from ..rulebook.ruleset import LoadedRules, Regimes, load

#: A rule set's id in a URL: its folder's name, nothing that could be read as a path.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class UnknownRuleSet(UsageError):
    """No rule set of that id is served."""

    def __init__(self, rid: str, known: list[str]):
        self.rid = rid
        self.known = known
        super().__init__(f"no rule set '{rid}'", suggestion="rule sets: " + ", ".join(known))


@dataclass
class RuleSetEntry:
    """One rule set served: a rule set, or a directory of rule sets by legal regime."""
    id: str
    path: Path
    loaded: LoadedRules | Regimes
    bundled: bool
    _lock: Lock = field(default_factory=Lock, repr=False)
    _catalogue: Any = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        return self.loaded.kind

    @property
    def job(self) -> jobs.Job:
        return jobs.get(self.kind)

    @property
    def members(self) -> list[LoadedRules]:
        """The rule sets inside: one, or one per legal regime."""
        return list(self.loaded) if isinstance(self.loaded, Regimes) else [self.loaded]

    @property
    def is_regimes(self) -> bool:
        return isinstance(self.loaded, Regimes)

    @property
    def latest(self) -> LoadedRules:
        """The rule set a template is made from when no year is given: the latest regime."""
        return max(self.members, key=lambda m: m.regime.from_year if m.regime else 0)

    def for_year(self, year: int | None) -> LoadedRules:
        """The member governing ``year`` (the latest when ``year`` is None)."""
        if year is not None and isinstance(self.loaded, Regimes):
            return self.loaded.for_year(year)
        return self.latest

    @property
    def title(self) -> Localized:
        m = self.latest.model.meta
        if isinstance(self.loaded, Regimes):
            return self.job.title
        return m.title

    def period(self) -> str:
        return ", ".join(self.job.period(m.model) for m in self.members)

    def regime_names(self) -> list[str]:
        """The folders of the regimes (what the ``regime`` option names)."""
        return [(m.base or m.path).name for m in self.members] if self.is_regimes else []

    def levels(self) -> list[Any]:
        """The conference levels the rule set declares, where it declares any."""
        return list(getattr(self.latest.model, "levels", None) or [])

    def catalogue(self) -> Any:
        """The rule catalogue's pages of this rule set (Markdown, both languages), built once."""
        with self._lock:
            if self._catalogue is None:
                self._catalogue = build_catalogue(self.path)
            return self._catalogue

    @cached_property
    def option_fields(self) -> dict[str, Any]:
        """The options a run of this job takes that a person or application types (the year,
        a date, a level), from the job's own options model."""
        return {k: f for k, f in self.job.options.model_fields.items()
                if k not in ("kind", "overrides", "scores")}


class RuleSets:
    """Every rule set served, by id."""

    def __init__(self, entries: dict[str, RuleSetEntry]):
        self.entries = dict(sorted(entries.items()))

    @classmethod
    def load(cls, folders: tuple[str, ...] | list[str]) -> "RuleSets":
        """The bundled rule sets, then each folder of ``folders`` (a rule set, a directory of
        regimes, or a folder of rule sets); a folder's rule set replaces a bundled one of the
        same id. A folder that holds none is a :class:`RuleError`."""
        found: dict[str, RuleSetEntry] = {}
        for name in bundled_names():
            if "/" not in name:
                found[name] = _entry(BUNDLED / name, True)
        for folder in folders:
            p = Path(folder)
            if not p.is_dir():
                raise RuleError("no such rule folder", file=str(folder))
            if has_rules(p) or is_collection(p) or extends_of(p) is not None:
                subs = [p]
            else:
                subs = [s for s in sorted(p.iterdir()) if s.is_dir() and not s.name.startswith(
                    ("_", ".")) and (has_rules(s) or is_collection(s))]
            if not subs:
                raise RuleError("no rule sets in this folder", file=str(folder))
            for s in subs:
                e = _entry(s, False)
                found[e.id] = e
        return cls(found)

    def ids(self) -> list[str]:
        return list(self.entries)

    def get(self, rid: str) -> RuleSetEntry:
        """The rule set ``rid``, or :class:`UnknownRuleSet`."""
        e = self.entries.get(rid) if SAFE_ID.match(rid or "") else None
        if e is None:
            raise UnknownRuleSet(rid, self.ids())
        return e

    def __iter__(self):
        return iter(self.entries.values())


def _entry(path: Path, bundled: bool) -> RuleSetEntry:
    rid = path.name
    if not SAFE_ID.match(rid):
        raise RuleError("a served rule set's folder name must be letters, digits, '.', '_' or "
                        "'-'", file=str(path))
    return RuleSetEntry(id=rid, path=path.resolve(), loaded=load(path), bundled=bundled)
