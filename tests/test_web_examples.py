"""The API's example clients in docs/examples (curl, and JavaScript run with Node) against a
live loopback server: they must run and print what the docs say."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from conftest import ROOT  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from web_server import serving  # noqa: E402

EXAMPLES = ROOT / "docs" / "examples"


def test_curl_and_node_clients(result, tmp_path):
    node, curl = shutil.which("node"), shutil.which("curl")
    if not node or not curl:
        pytest.skip("node and curl are needed to run the example clients")
    with serving() as base:
        c = subprocess.run(["sh", str(EXAMPLES / "api_curl.sh"), base, str(ROOT)], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
        n = subprocess.run([node, str(EXAMPLES / "api_client.mjs"), base,
                            str(ROOT / "fixtures" / "lao-cai-2023" / "units.xlsx")],
                           capture_output=True, text=True, timeout=120)
    assert c.returncode == 0, c.stderr
    assert "lao-cai-2023" in [x["id"] for x in json.loads((tmp_path / "rulesets.json").read_text())]
    score = json.loads((tmp_path / "score.json").read_text())
    assert score["units"][0]["name"] == result.units[0].name
    assert "tdkt-exit-code: 0" in (tmp_path / "headers.txt").read_text().lower()
    assert (tmp_path / "titles-2024.xlsx").read_bytes()[:2] == b"PK"
    assert json.loads((tmp_path / "verify.json").read_text())["identical"] is True
    problem = json.loads((tmp_path / "problem.json").read_text())
    assert problem["exit_code"] == 2 and "--year does not apply" in problem["detail"]
    assert n.returncode == 0, n.stderr
    top = result.units[0]
    assert f"1. {top.name}: " in n.stdout and "why: " in n.stdout
    assert "exit code 0, rejected rows 0" in n.stdout
    print("\n" + n.stdout)
