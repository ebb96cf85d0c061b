"""Where each part of a rule set came from, and its version hash."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RuleError
from .yaml_source import LineDict


@dataclass
class Source:
    """Where each part of the rule set came from, for error messages."""
    files: dict[str, str] = field(default_factory=dict)            # path -> sha256
    section_file: dict[str, str] = field(default_factory=dict)     # section -> file (first)
    items: dict[tuple[str, Any], tuple[str, Any]] = field(default_factory=dict)
    # (section, index or key) -> (file, raw LineDict)
    layers: list[str] = field(default_factory=list)                # rule-set folders, base first
    changes: list[Any] = field(default_factory=list)               # layers.LayerChange, in order
    extends: list[Any] = field(default_factory=list)               # layers.Extends, base first

    def where(self, section: str, key: Any = None, sub: str | None = None) -> tuple[str | None,
                                                                                    int | None]:
        if key is not None and (section, key) in self.items:
            f, raw = self.items[(section, key)]
            if isinstance(raw, LineDict):
                return f, raw.line_of(sub) if sub else raw.line
            return f, None
        return self.section_file.get(section), None


def rule_files(path: Path) -> list[Path]:
    """The YAML files of a rule set: a directory's ``*.yaml``/``*.yml`` (sorted), or one file."""
    if path.is_dir():
        files = sorted(list(path.glob("*.yaml")) + list(path.glob("*.yml")))
        if not files:
            raise RuleError("no .yaml rule files in this directory", file=str(path))
        return files
    if path.is_file():
        return [path]
    raise RuleError("no such rule file or directory", file=str(path))


def version_hash(src: Source) -> str:
    """A short hash over the rule files' names and contents: the rule-set version."""
    h = hashlib.sha256()
    for path in sorted(src.files):
        h.update(Path(path).name.encode())
        h.update(src.files[path].encode())
    return h.hexdigest()[:16]
