"""Safe YAML loading that remembers the line of every mapping and key, for precise rule errors.

Uses PyYAML's SafeLoader (no Python object tags can be constructed); mappings come back as
:class:`LineDict`, a ``dict`` that also knows the 1-based line of each key.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ..errors import RuleError


class LineDict(dict):
    """A dict that also records the source line of itself and of each key."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings record line numbers and whose text is NFC-normalised."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str):
            key = unicodedata.normalize("NFC", key)
        if key in out:
            raise RuleError(f"duplicate key '{key}'", line=key_node.start_mark.line + 1)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return unicodedata.normalize("NFC", loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def load_yaml(path: Path) -> Any:
    """Load one YAML file safely; errors name the file and line.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yaml"; _ = p.write_text("a:\\n  b: 1\\n")
    >>> load_yaml(p)["a"].line_of("b")
    2
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise RuleError(f"not UTF-8 text ({e.reason} at byte {e.start})", file=str(path)) from None
    except OSError as e:
        raise RuleError(f"cannot read: {e.strerror}", file=str(path)) from None
    loader = _LineLoader(text)
    try:
        return loader.get_single_data()
    except RuleError as e:
        raise RuleError(e.message, file=str(path), line=e.line) from None
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise RuleError(f"YAML syntax: {e.problem or e}", file=str(path), line=line,
                        words=("yaml_syntax", {"problem": e.problem or e})) from None
    except yaml.YAMLError as e:
        raise RuleError(f"YAML: {e}", file=str(path)) from None
    finally:
        loader.dispose()
