from pathlib import Path

import pytest

import thiduakhenthuong as tdkt

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "lao-cai-2023"
FIXTURE = ROOT / "fixtures" / "lao-cai-2023"
BAD = ROOT / "fixtures" / "bad"


@pytest.fixture(scope="session")
def rules():
    return tdkt.load_rules(RULES)


@pytest.fixture(scope="session")
def result(rules):
    return rules.score(FIXTURE / "units.csv")
