"""Every command on every bundled fixture gives exactly the output pinned in ``tests/golden/``:
the exit code, what it printed and every file it wrote. A restructuring of the code must not move
a byte of it; an intended change refreshes the transcripts (see ``golden_cases.py``)."""
from __future__ import annotations

import difflib
import os

import pytest
from click.testing import CliRunner

from thiduakhenthuong.cli.main import main

from golden_cases import CASES, ROOT, read_golden, transcript, write_golden

UPDATE = os.environ.get("TDKT_GOLDEN_UPDATE") == "1"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_output_is_pinned(case, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{out}", str(out)) for a in case.args]
    r = CliRunner().invoke(main, args)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    got = transcript(case, r.exit_code, r.stdout, r.stderr, out)
    if UPDATE:
        write_golden(case, got)
        return
    want = read_golden(case)
    assert want is not None, f"no pinned transcript for {case.name}; run with TDKT_GOLDEN_UPDATE=1"
    if got != want:
        diff = "".join(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                 "pinned", "now", n=2))[:120])
        pytest.fail(f"{case.name}: output differs from the pinned transcript\n{diff}")
