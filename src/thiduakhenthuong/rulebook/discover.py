"""Finding rule sets on disk: a rule set is a directory of ``.yaml`` files; a directory of rule
sets (for example one per legal regime) holds them in sub-directories; directories whose name
starts with ``_`` hold files that rule sets include, not rule sets. The rule sets shipped with
the library live in the package (``thiduakhenthuong/rules``) and are found by name from
anywhere: ``lao-cai-2023``, ``titles``, ``titles/regime-2022``."""
from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

from ..errors import RuleError

#: Where the bundled rule sets are (package data).
BUNDLED = Path(__file__).resolve().parent.parent / "rules"


#: The file saying how a directory of regimes picks one (see :mod:`.regimes`): not a rule file.
SELECTION_FILE = "regimes.yaml"


def has_rules(d: Path) -> bool:
    """Whether ``d`` is a directory holding rule files itself."""
    return d.is_dir() and any(p.name != SELECTION_FILE for p in [*d.glob("*.yaml"),
                                                                  *d.glob("*.yml")])


def member_dirs(d: Path) -> list[Path]:
    """The rule sets directly inside a directory of rule sets, by name."""
    return [s for s in sorted(d.iterdir()) if not s.name.startswith(("_", ".")) and has_rules(s)]


def is_collection(p: Path) -> bool:
    """Whether ``p`` is a directory of rule sets (and holds no rule files itself)."""
    return p.is_dir() and not has_rules(p) and bool(member_dirs(p))


def find_rule_sets(root: str | Path) -> list[Path]:
    """The rule sets under ``root``: ``root`` itself when it holds YAML files (or is one), else
    every rule set in its sub-directories, walked recursively and sorted.

    >>> [p.as_posix() for p in find_rule_sets("rules")]  # doctest: +NORMALIZE_WHITESPACE
    ['rules/ccb-cum-3', 'rules/lao-cai-2023', 'rules/lao-cai-titles', 'rules/thai-nguyen-2019',
     'rules/titles/regime-2003', 'rules/titles/regime-2022', 'rules/titles/regime-2025',
     'rules/titles/regime-2026', 'rules/tphcm-quan-huyen']
    """
    root = Path(root)
    if root.is_file() or has_rules(root):
        return [root]
    if not root.is_dir():
        raise RuleError("no such rule file or directory", file=str(root))
    found: list[Path] = []
    seen: set[Path] = set()

    def walk(d: Path) -> None:
        if d.resolve() in seen:
            return
        seen.add(d.resolve())
        for sub in sorted(d.iterdir()):
            if not sub.is_dir() or sub.name.startswith(("_", ".")):
                continue
            if has_rules(sub):
                found.append(sub)
            else:
                walk(sub)

    walk(root)
    if not found:
        raise RuleError("no rule sets (directories of .yaml rule files) here", file=str(root))
    return found


def bundled_names() -> list[str]:
    """The names of the bundled rule sets and directories of rule sets.

    >>> bundled_names()  # doctest: +NORMALIZE_WHITESPACE
    ['ccb-cum-3', 'lao-cai-2023', 'lao-cai-titles', 'thai-nguyen-2019', 'titles',
     'titles/regime-2003', 'titles/regime-2022', 'titles/regime-2025', 'titles/regime-2026',
     'tphcm-quan-huyen']
    """
    names = set()
    for p in find_rule_sets(BUNDLED):
        rel = p.relative_to(BUNDLED)
        names.add(rel.as_posix())
        for parent in rel.parents:
            if parent != Path("."):
                names.add(parent.as_posix())
    return sorted(names)


def resolve(name_or_path: str | Path) -> Path:
    """A rule set's path: ``name_or_path`` itself when it exists, else the bundled rule set of
    that name. A name found nowhere is a :class:`RuleError` naming the bundled rule sets.

    >>> resolve("lao-cai-2023") == BUNDLED / "lao-cai-2023", resolve("rules/titles").name
    (True, 'titles')
    """
    p = Path(name_or_path)
    if p.exists():
        return p
    text = str(name_or_path).replace("\\", "/")
    pure = PurePosixPath(text)
    if not pure.is_absolute() and ".." not in pure.parts and text:
        q = BUNDLED.joinpath(*pure.parts)
        if q.exists():
            return q
    names = bundled_names()
    near = difflib.get_close_matches(text, names, 1, 0.5)
    hint = (f"did you mean '{near[0]}'? " if near else "") + \
        "bundled rule sets: " + ", ".join(names)
    raise RuleError("no such rule file or directory, nor a bundled rule set of that name",
                    file=str(name_or_path), suggestion=hint)
