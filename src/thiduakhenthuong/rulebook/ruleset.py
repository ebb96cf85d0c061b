"""A loaded rule set of any kind, a collection of rule sets that govern different years (legal
regimes), and :func:`load`, which reads either from a path or a bundled name."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..core import job as jobs
from ..errors import RuleError, UsageError
from .discover import is_collection, member_dirs, resolve
from .load import read_rule_set
from .source import Source, version_hash


class LoadedRules:
    """A rule set read from its files and checked: its typed ``model``, where each part came
    from (``source``), the ``path`` it was read from and its version ``hash`` (over the files'
    names and contents). Each job subclasses it with its own entry points (``Rules.score``).

    >>> r = load("lao-cai-2023")
    >>> r.kind, r.id, r.version, len(r.hash)
    ('scoring', 'lao-cai-2023', '2023.1', 16)
    """

    def __init__(self, model: Any, source: Source, path: Path):
        self.model = model
        self.source = source
        self.path = Path(path)
        self.hash = version_hash(source)

    @property
    def kind(self) -> str:
        return self.model.meta.kind

    @property
    def id(self) -> str:
        return self.model.meta.id

    @property
    def version(self) -> str:
        return self.model.meta.version

    @property
    def regime(self) -> Any:
        """The legal regime the rule set declares (with the years it judges), if any."""
        return getattr(self.model.meta, "regime", None)

    def covers(self, year: int) -> bool:
        """Whether the rule set judges ``year`` (one without a regime judges any year)."""
        r = self.regime
        return r is None or r.from_year <= year <= r.to_year

    def evaluate(self, data: Any, **period: Any) -> Any:
        """Judge ``data`` with these rules: ``period`` is what the job needs (``as_of`` for
        scoring, ``year`` for titles, ``level`` for conferences); see :func:`..evaluate`."""
        job = jobs.get(self.kind)
        return job.run(job.options_for(**period), self, data)

    def __getattr__(self, name: str) -> Any:
        # Results used to hold the model itself as ``.rules``; reading the model's sections
        # (``result.rules.criteria``) through the loaded rule set keeps such code working.
        if name.startswith("_") or name in ("model", "source", "path", "hash"):
            raise AttributeError(name)
        return getattr(self.model, name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.version} ({self.hash}) from {self.path}>"


class Regimes:
    """Rule sets of one kind in one directory, each governing the years its regime declares
    (for example honour titles under Law 15/2003 for 2018–2023 and under Law 06/2022 from 2024).

    >>> titles = load("titles")
    >>> [r.regime.id for r in titles], titles.for_year(2024).regime.id
    (['law-2003', 'law-2022'], 'law-2022')
    """

    def __init__(self, path: Path, members: list[LoadedRules]):
        self.path = Path(path)
        self.members = members
        kinds = sorted({m.kind for m in members})
        if len(kinds) != 1:
            raise RuleError(f"a directory of rule sets holds one kind, not {', '.join(kinds)}",
                            file=str(path))
        self.kind = kinds[0]

    @property
    def id(self) -> str:
        return self.path.name

    def __iter__(self) -> Iterator[LoadedRules]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def for_year(self, year: int) -> LoadedRules:
        """The rule set whose regime covers ``year``; a year none covers, or several do, is a
        :class:`RuleError` naming every regime and its years."""
        hits = [m for m in self.members if m.regime is not None and m.covers(year)]
        if len(hits) == 1:
            return hits[0]
        known = "; ".join(f"{m.path.name}: {m.regime.from_year}–{m.regime.to_year}"
                          for m in self.members if m.regime is not None) or "none"
        if not hits:
            raise RuleError(f"no {self.kind} rule set covers the year {year} (regimes: {known})",
                            file=str(self.path),
                            suggestion="judge a covered year, or name one regime's directory "
                                       "to apply it outside its years")
        raise RuleError(f"several {self.kind} rule sets cover {year}: "
                        + ", ".join(m.path.name for m in hits), file=str(self.path))

    def evaluate(self, data: Any, **period: Any) -> Any:
        """Judge ``data`` under the regime covering the year judged (``year=``)."""
        job = jobs.get(self.kind)
        options = job.options_for(**period)
        year = options.judged_year()
        if year is None:
            raise UsageError(f"{self.path} holds several {self.kind} rule sets; the year judged "
                             "picks one")
        return job.run(options, self.for_year(year), data)


def load_rule_set(path: str | Path) -> LoadedRules:
    """One rule set (a directory of YAML files, or one file) as its job's loaded class."""
    model, src = read_rule_set(Path(path))
    return jobs.get(model.meta.kind).rules(model, src, Path(path))


def load(path_or_name: str | Path) -> LoadedRules | Regimes:
    """Load a rule set, or a directory of rule sets by regime, from a path or a bundled name;
    the kind (scoring, titles, delegates) comes from the rule files' ``meta.kind``.

    >>> load("lao-cai-2023").kind, load("titles").kind, load("rules/thai-nguyen-2019").kind
    ('scoring', 'titles', 'delegates')
    """
    p = resolve(path_or_name)
    if is_collection(p):
        return Regimes(p, [load_rule_set(d) for d in member_dirs(p)])
    return load_rule_set(p)


def kind_of(path_or_name: str | Path) -> str:
    """The kind of the rule set (or collection) at ``path_or_name``.

    >>> kind_of("rules/titles/regime-2022"), kind_of("lao-cai-2023")
    ('titles', 'scoring')
    """
    return load(path_or_name).kind


def evaluate(rules: str | Path | LoadedRules | Regimes, data: Any, **period: Any) -> Any:
    """Judge ``data`` with ``rules`` (a loaded rule set, a directory of regimes, a path or a
    bundled name), whatever their kind: ``period`` is what the kind needs (``as_of`` for
    scoring; ``year`` and ``decision_date`` for titles; ``level`` for conferences). An option the
    kind does not take, or a missing one it needs, is a :class:`UsageError` naming it.

    >>> res = evaluate("titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
    >>> res.kind, res.model.meta.regime.id
    ('titles', 'law-2022')
    >>> evaluate("lao-cai-2023", "fixtures/lao-cai-2023/units.csv", year=2023)
    Traceback (most recent call last):
    ...
    thiduakhenthuong.errors.UsageError: --year does not apply to a scoring rule set
    """
    loaded = rules if isinstance(rules, (LoadedRules, Regimes)) else load(rules)
    return loaded.evaluate(data, **period)
