"""A loaded rule set of any kind, a collection of rule sets that govern different years (legal
regimes), and :func:`load`, which reads either from a path or a bundled name."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from ..core import job as jobs
from ..errors import RuleError, UsageError
from .discover import is_collection, member_dirs, resolve
from .layers import applies_to
from .load import extends_of, read_rule_set
from .regimes import RegimeChoice, Selection, choose, default_decision, named, read_selection
from .source import Source, version_hash


class LoadedRules:
    """A rule set read from its files and checked: its typed ``model``, where each part came
    from (``source``), the ``path`` it was read from and its version ``hash`` (over the files'
    names and contents). Each job subclasses it with its own entry points (``Rules.score``).

    >>> r = load("lao-cai-2023")
    >>> r.kind, r.id, r.version, len(r.hash)
    ('scoring', 'lao-cai-2023', '2023.1', 16)
    """

    def __init__(self, model: Any, source: Source, path: Path, base: Path | None = None):
        self.model = model
        self.source = source
        self.path = Path(path)
        self.base = None if base is None else Path(base)   # the regime a layer is applied on
        self.hash = version_hash(source)

    @property
    def label(self) -> str:
        """How the rule set is named to people: its folder, with the regime it is layered on.

        >>> load("lao-cai-titles").choose(2025)[0].label
        'lao-cai-titles + regime-2025'
        """
        return self.path.name if self.base is None else f"{self.path.name} + {self.base.name}"

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
    """Rule sets of one kind in one directory, each encoding a legal regime (for example honour
    titles under Law 15/2003 until 2023, Law 06/2022 with Decree 98/2023, then with Decree
    152/2025), and the declared rule that picks the one governing a case (``regimes.yaml``,
    :mod:`.regimes`).

    >>> titles = load("titles")
    >>> [r.regime.id for r in titles][:2], titles.for_year(2024).regime.id
    (['law-2003', 'law-2022'], 'law-2022')
    """

    def __init__(self, path: Path, members: list[LoadedRules], selection: Selection | None = None,
                 layer: Any = None):
        self.path = Path(path)
        self.members = members
        self.selection = selection
        self.layer = layer
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

    def choose(self, year: int, decision_date: dt.date | None = None,
               dossier_date: dt.date | None = None) -> tuple[LoadedRules, RegimeChoice]:
        """The rule set governing a case of ``year`` (decided on ``decision_date``, dossier
        received on ``dossier_date``) and why; a date no regime covers is a :class:`RuleError`
        naming the nearest regimes and what to do."""
        if self.selection is None:
            return self._by_years(year, decision_date, dossier_date)
        day = decision_date or default_decision(self.selection, year, None)
        return choose(self.members, self.selection, year, day, dossier_date, str(self.path))

    def _by_years(self, year: int, decision_date: dt.date | None,
                  dossier_date: dt.date | None) -> tuple[LoadedRules, RegimeChoice]:
        """Without a declared rule: the one regime whose achievement years hold ``year``."""
        hits = [m for m in self.members if m.regime is not None and m.covers(year)]
        if len(hits) == 1:
            day = decision_date or default_decision(None, year, None)
            choice = named(hits[0], year, day, dossier_date)
            return hits[0], choice.model_copy(update={"by": "achievement_year"})
        known = "; ".join(f"{m.path.name}: {m.regime.from_year}–{m.regime.to_year}"
                          for m in self.members if m.regime is not None) or "none"
        if not hits:
            raise RuleError(f"no {self.kind} rule set covers the year {year} (regimes: {known})",
                            file=str(self.path),
                            suggestion="judge a covered year, or name one regime's directory "
                                       "to apply it outside its years")
        raise RuleError(f"several {self.kind} rule sets cover {year}: "
                        + ", ".join(m.path.name for m in hits), file=str(self.path))

    def for_year(self, year: int) -> LoadedRules:
        """The rule set governing ``year`` with its usual decision date (see :meth:`choose`)."""
        return self.choose(year)[0]

    def evaluate(self, data: Any, **period: Any) -> Any:
        """Judge ``data`` under the regime governing the case (``year=``, and
        ``decision_date=``/``dossier_date=`` where the job takes them)."""
        job = jobs.get(self.kind)
        options = job.options_for(**period)
        if options.judged_year() is None:
            raise UsageError(f"{self.path} holds several {self.kind} rule sets; the year judged "
                             "picks one")
        return job.run(options, self, data)


def load_rule_set(path: str | Path, base: Path | None = None) -> LoadedRules:
    """One rule set (a directory of YAML files, or one file) as its job's loaded class; ``base``
    is the regime it is layered on when it extends a directory of regimes."""
    model, src = read_rule_set(Path(path), base)
    return jobs.get(model.meta.kind).rules(model, src, Path(path), base)


def load(path_or_name: str | Path) -> LoadedRules | Regimes:
    """Load a rule set, or a directory of rule sets by regime, from a path or a bundled name;
    the kind (scoring, titles, delegates) comes from the rule files' ``meta.kind``. A rule set
    that extends a directory of regimes (a province's own rules on the national ones) loads as
    that directory with the layer on each regime in force from the layer's date.

    >>> load("lao-cai-2023").kind, load("titles").kind, load("rules/thai-nguyen-2019").kind
    ('scoring', 'titles', 'delegates')
    """
    p = resolve(path_or_name)
    if is_collection(p):
        return _regimes(p, [d for d in member_dirs(p)], None)
    ext = extends_of(p)
    if ext is not None and is_collection(ext.target):
        return _regimes(ext.target, member_dirs(ext.target), (p, ext))
    return load_rule_set(p)


def _regimes(folder: Path, members: list[Path], layer: Any) -> Regimes:
    """A directory of regimes, with a layer on those it applies to."""
    selection = read_selection(folder)
    loaded = []
    for d in members:
        base = load_rule_set(d)
        loaded.append(load_rule_set(layer[0], d) if layer is not None and
                      applies_to(layer[1], base.regime) else base)
    if layer is None:
        return Regimes(folder, loaded, selection)
    return Regimes(layer[0], loaded, selection, layer=layer[1])


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
