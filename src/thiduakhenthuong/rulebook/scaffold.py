"""``tdkt new``: a new rule set of a kind, from the templates in ``scaffolds/<kind>/`` (rule
files and one test case), with its id and year filled in. The templates are data, read with
the package; a new one passes ``tdkt check`` and ``tdkt test`` as it is.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     files = scaffold("scoring", "tinh-x-2026", Path(d), 2026)
...     sorted(f.name for f in files)
['cases.yaml', 'inputs.yaml', 'meta.yaml', 'parameters.yaml', 'scoring.yaml', 'units.yaml']
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError

#: The command's kind -> the folder of its templates (the rule-set kind, meta.kind).
KINDS = {"scoring": "scoring", "titles": "titles", "conferences": "delegates"}
TEMPLATES = Path(__file__).resolve().parent / "scaffolds"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def scaffold(kind: str, name: str, parent: Path, year: int) -> list[Path]:
    """Write a new rule set ``parent/name`` of ``kind``; returns the files written. An existing
    directory is never touched (:class:`FileExistsError`)."""
    if kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}'", suggestion=" or ".join(sorted(KINDS)))
    if not _NAME.match(name):
        raise UsageError(f"'{name}' is not a rule-set name: lower-case letters, digits, '-' "
                         "and '_'")
    target = Path(parent) / name
    if target.exists():
        raise FileExistsError(str(target))
    src = TEMPLATES / KINDS[kind]
    written = []
    tmp = target.with_name(f".{name}.tmp")
    for f in sorted(src.rglob("*.yaml")):
        rel = f.relative_to(src)
        text = f.read_text("utf-8").replace("{{ID}}", name).replace("{{YEAR}}", str(year)) \
            .replace("{{PREV}}", str(year - 1))
        out = tmp / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, "utf-8")
        written.append(target / rel)
    tmp.rename(target)  # all files appear at once
    return written
