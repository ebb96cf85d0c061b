"""Benchmark the title engine against a hand-written plain pandas/numpy baseline.

Run:  .venv/bin/python benchmarks/bench_titles.py [--people 1000000] [--units N/20]
                                                  [--sample 1000] [--seed 2024] [--profile]

What it does:

* data     synthetic, deterministic (numpy seed) long tables: N people x 6 years (2019-2024,
           the judged year 2024 and its 5 years of history) and N/20 units x 6 years, with typed
           columns (int64, float64 with NaN, bool, datetime64 with NaT, categoricals for enums,
           plain strings for text), named as in rules/titles/_common/inputs.yaml. Attested fields
           are three columns (value, ``_by``, ``_on``); about 1% of attestations are incomplete.
           Past titles are simulated year by year from the ratings and initiatives, so recorded
           titles follow runs of good years (streaks, provincial titles after 3 grassroots ones,
           certificates of merit after 2, a few national titles).
* engine   ``evaluate_titles(rules, {"people": ..., "units": ...}, year=2024)``: reading,
           validation, the split into judged year and history, and every title's column-wise
           decision with the status of each check, route and exclusion kept (the structured
           traces); then typed trace objects (``res.decision_at``) for a sample of people.
* plain    the regime-2022 rules (rules/titles/regime-2022/*.yaml, rules/titles/_common/*.yaml)
           re-implemented by hand with pandas/numpy, no library code: the same three-valued
           outcome for every title (eligible / not_eligible / not_determinable), no traces.

Every decision of the plain version is compared with the engine's and mismatches are counted
per title (and a few printed with their inputs). Times are wall-clock (time.perf_counter) of one
run; no assertion is made on time.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import pstats
import resource
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from thiduakhenthuong import evaluate_titles, load_title_rules
from thiduakhenthuong.core.params import ResolvedParameter
from thiduakhenthuong.tables.history import split_years
from thiduakhenthuong.jobs.titles.engine import run_titles
from thiduakhenthuong.tables.read import read_table
from thiduakhenthuong.tables.attested import expand_attested

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "rules" / "titles"
JUDGED = 2024
HISTORY = 5
YEARS = list(range(JUDGED - HISTORY, JUDGED + 1))          # 2019..2024, judged year last
NY = len(YEARS)

RATINGS = ["htxs", "htt", "ht", "kht"]
SCOPES = ["co_so", "tinh", "toan_quoc"]
TITLES = ["khong", "ldtt", "cstdcs", "cstd_tinh", "cstd_tq"]
DISCIPLINE = ["khong", "khien_trach", "canh_cao", "ha_bac", "cach_chuc", "buoc_thoi_viec"]
UNIT_TITLES = ["khong", "ttldtt", "ttldxs"]
PERSON_TITLES = ["ldtt", "cstdcs", "cstd_tinh", "cstd_tq", "bang_khen_tinh"]
UNIT_TITLE_IDS = ["ttldtt", "ttldxs", "co_thi_dua"]
F, U, T = 0, 1, 2
OUTCOME = {F: "not_eligible", U: "not_determinable", T: "eligible"}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Giàng", "Vàng", "Hà"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hữu", "Thu", "Xuân", "Hồng",
          "Kim"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong",
         "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang", "Trung",
         "Tuấn", "Tú", "Vân", "Việt", "Xuân", "Yến", "Sáu"]
POSITIONS = ["Chuyên viên", "Cán sự", "Nhân viên", "Phó Chủ tịch", "Chủ tịch", "Trưởng ban",
             "Phó Trưởng ban", "Kế toán", "Văn thư", "Tình nguyện viên"]
ATTESTERS = ["Chủ tịch Hội", "Phó Chủ tịch Hội", "Ban Thường vụ", "Trưởng ban Tổ chức",
             "Thủ trưởng đơn vị", "Chi hội trưởng", "Hội đồng Thi đua - Khen thưởng"]


# ------------------------------------------------------------------------------------------------
# Synthetic data
# ------------------------------------------------------------------------------------------------
def _cat(codes: np.ndarray, categories: list[str]) -> pd.Categorical:
    """A categorical from integer codes (-1 = blank)."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64).ravel(),
                                     categories=categories)


def _days(rng, start: str | np.ndarray, span, shape) -> np.ndarray:
    """``start`` plus a uniform number of days in [0, span)."""
    return (np.asarray(start, dtype="datetime64[D]")
            + rng.integers(0, span, shape).astype("timedelta64[D]"))


def _year_starts(shape: tuple[int, int]) -> np.ndarray:
    """datetime64[D] of 1 January of each column's year."""
    ys = np.array([f"{y}-01-01" for y in YEARS], dtype="datetime64[D]")
    return np.broadcast_to(ys, shape)


def _attested(rng, n: int, p_yes: float, p_missing: float) -> tuple[np.ndarray, np.ndarray,
                                                                        np.ndarray]:
    """(value, by, on) arrays of shape (n, years): attested in December of each year, with about
    ``p_missing`` of attestations incomplete (half without an attester, half without a date)."""
    shape = (n, NY)
    val = rng.random(shape) < p_yes
    by = np.array(ATTESTERS, dtype=object)[rng.integers(0, len(ATTESTERS), shape)]
    on = _year_starts(shape) + np.timedelta64(334, "D") + \
        rng.integers(0, 40, shape).astype("timedelta64[D]")
    r = rng.random(shape)
    by = np.where(r < p_missing / 2, "", by).astype(object)
    on = np.where((r >= p_missing / 2) & (r < p_missing), np.datetime64("NaT"), on)
    return val, by, on.astype("datetime64[D]")


def make_data(n: int, n_units: int, seed: int = 2024) -> tuple[pd.DataFrame, pd.DataFrame]:
    """People (n x 6 rows) and units (n_units x 6 rows) long tables; see the module docstring."""
    rng = np.random.default_rng(seed)
    shape = (n, NY)

    # ---- units: clusters of about 8, membership sizes skewed (a few tiny units) --------------
    n_clusters = max(1, n_units // 8)
    ucluster = rng.integers(0, n_clusters, n_units)
    weights = rng.gamma(1.5, 1.0, n_units)
    punit = rng.choice(n_units, size=n, p=weights / weights.sum())
    uids = np.array([f"u{k:06d}" for k in range(1, n_units + 1)], dtype=object)

    # ---- people: constant attributes -----------------------------------------------------------
    pids = np.array([f"p{k:07d}" for k in range(1, n + 1)], dtype=object)
    names = np.array([f"{a} {b} {c}" for a in FAMILY for b in MIDDLE for c in GIVEN], dtype=object)
    pname = names[rng.integers(0, len(names), n)]
    ppos = np.array(POSITIONS, dtype=object)[
        rng.choice(len(POSITIONS), n, p=[.3, .15, .15, .05, .03, .05, .05, .07, .05, .1])]
    r = rng.random(n)
    recruited = np.where(r < 0.93, _days(rng, "1985-01-01", 38 * 365, n),
                         np.where(r < 0.96, _days(rng, "2023-01-01", 365, n),
                                  _days(rng, "2024-01-01", 366, n)))
    recruited = np.where(r > 0.99, np.datetime64("NaT"), recruited).astype("datetime64[D]")
    # 2% of people moved unit during the window: earlier rows show another unit.
    hist_unit = np.where(rng.random(n) < 0.02, rng.integers(0, n_units, n), punit)
    moved_year = rng.integers(1, NY, n)
    unit_grid = np.where(np.arange(NY)[None, :] < moved_year[:, None], hist_unit[:, None],
                         punit[:, None])

    # ---- people: per year --------------------------------------------------------------------
    p_htxs = rng.beta(2.0, 7.0, n)[:, None]
    p_ht = rng.beta(1.2, 12.0, n)[:, None]
    u = rng.random(shape)
    rating = np.where(u < p_htxs, 0, np.where(u > 0.99, 3, np.where(u > 0.99 - p_ht, 2, 1)))
    innovator = (rng.random(n) < 0.25)[:, None]
    initiatives = np.where(rng.random(shape) < np.where(innovator, 0.45, 0.04),
                           1 + rng.poisson(0.4, shape), 0).astype(np.int64)
    init_scope = np.where(initiatives > 0, rng.choice(3, shape, p=[.78, .18, .04]), -1)
    research = np.where(rng.random(shape) < np.where(innovator, 0.12, 0.01),
                        1 + rng.poisson(0.2, shape), 0).astype(np.int64)
    res_scope = np.where(research > 0, rng.choice(3, shape, p=[.7, .25, .05]), -1)
    sol, sol_by, sol_on = _attested(rng, n, 0.985, 0.01)
    eth, eth_by, eth_on = _attested(rng, n, 0.99, 0.01)
    com, com_by, com_on = _attested(rng, n, 0.98, 0.01)
    # Discipline: 1.5% a year, decided between March of the year and March of the next.
    disc_r = rng.random(shape)
    disc = np.where(disc_r < 0.015, 1 + rng.choice(5, shape, p=[.5, .33, .1, .05, .02]),
                    np.where(rng.random(shape) < 0.75, 0, -1))
    disc_on = np.where(disc >= 1, _year_starts(shape) + np.timedelta64(59, "D")
                       + rng.integers(0, 396, shape).astype("timedelta64[D]"),
                       np.datetime64("NaT")).astype("datetime64[D]")
    rating = np.where((disc >= 2) & (rng.random(shape) < 0.6), 2, rating)
    under_review = rng.random(shape) < np.where(np.arange(NY) == NY - 1, 0.004, 0.002)
    under_inv = rng.random(shape) < 0.002
    # Days absent: mostly a few, some long absences, some maternity leave, a few blanks.
    absent = rng.poisson(3.0, shape).astype(np.float64)
    long_abs = rng.random(shape) < 0.04
    absent = np.where(long_abs, rng.integers(15, 71, shape), absent)
    maternity = np.full(shape, np.nan)
    mat = rng.random(shape) < 0.025
    mat_days = rng.integers(120, 181, shape).astype(np.float64)
    maternity = np.where(mat, mat_days, np.where(rng.random(shape) < 0.05, 0.0, maternity))
    absent = np.where(mat, np.minimum(mat_days + rng.poisson(4.0, shape), 366), absent)
    blank_abs = (rng.random(shape) < 0.02) & ~mat
    absent = np.where(blank_abs, np.nan, absent)
    maternity = np.where(blank_abs, np.nan, maternity)

    # ---- past titles, simulated year by year so that records follow runs of good years --------
    title = np.full(shape, -1, dtype=np.int64)
    bang_khen = np.zeros(shape, dtype=bool)
    cs_run = rng.integers(0, 3, n)            # grassroots titles since the last provincial one
    full_run = cs_run + rng.integers(0, 3, n)  # unbroken grassroots run (any titles inside)
    tinh_in_run = rng.random(n) < 0.03         # a provincial title already in that run
    bk_run = rng.integers(0, 2, n)
    prov = (np.isin(init_scope, [1, 2]) | np.isin(res_scope, [1, 2]))
    nat = (init_scope == 2) | (res_scope == 2)
    severe = disc >= 2
    for y in range(NY - 1):
        good = (rating[:, y] <= 1) & sol[:, y] & ~severe[:, y] & ~under_review[:, y]
        ldtt = good & (rng.random(n) < 0.97)
        cs = ldtt & ((rating[:, y] == 0) | (initiatives[:, y] > 0) | (research[:, y] > 0)) \
            & (rng.random(n) < 0.9)
        cs_run = np.where(cs, cs_run + 1, 0)
        full_run = np.where(cs, full_run + 1, 0)
        tinh_in_run = tinh_in_run & cs
        prov3 = prov[:, max(0, y - 2):y + 1].any(axis=1)
        tinh = cs & (cs_run >= 3) & prov3 & (rng.random(n) < 0.8)
        nat_run = nat[:, max(0, y - 5):y + 1].any(axis=1)
        tq = tinh & tinh_in_run & nat_run & (rng.random(n) < 0.7)
        cs_run = np.where(tinh, 0, cs_run)
        tinh_in_run = tinh_in_run | tinh
        bk_run = np.where(cs, bk_run + 1, 0)
        bk = (bk_run >= 2) & (rng.random(n) < 0.35)
        bk_run = np.where(bk, 0, bk_run)
        bang_khen[:, y] = bk
        code = np.where(tq, 4, np.where(tinh, 3, np.where(cs, 2, np.where(ldtt, 1, 0))))
        title[:, y] = np.where((code == 0) & (rng.random(n) < 0.2), -1, code)
    # The judged year's title is not decided yet: mostly blank, a few "khong".
    title[:, -1] = np.where(rng.random(n) < 0.03, 0, -1)

    rep = lambda a: np.repeat(a, NY)  # noqa: E731  (person-major rows: 6 years per person)
    people = pd.DataFrame({
        "person_id": rep(pids),
        "full_name": rep(pname),
        "unit_id": uids[unit_grid].ravel(),
        "year": np.tile(np.array(YEARS, dtype=np.int64), n),
        "position": rep(ppos),
        "rating": _cat(rating, RATINGS),
        "initiatives": initiatives.ravel(),
        "initiative_scope": _cat(init_scope, SCOPES),
        "research": research.ravel(),
        "research_scope": _cat(res_scope, SCOPES),
        "title": _cat(title, TITLES),
        "bang_khen": bang_khen.ravel(),
        "discipline": _cat(disc, DISCIPLINE),
        "discipline_on": disc_on.ravel(),
        "under_review": under_review.ravel(),
        "under_investigation": under_inv.ravel(),
        "recruited_on": rep(recruited),
        "absent_days": absent.ravel(),
        "maternity_days": maternity.ravel(),
        "solidarity": sol.ravel(), "solidarity_by": sol_by.ravel(), "solidarity_on": sol_on.ravel(),
        "ethics": eth.ravel(), "ethics_by": eth_by.ravel(), "ethics_on": eth_on.ravel(),
        "compliance": com.ravel(), "compliance_by": com_by.ravel(),
        "compliance_on": com_on.ravel(),
    })

    # ---- units: per year ---------------------------------------------------------------------
    ushape = (n_units, NY)
    urating = rng.choice(4, ushape, p=[.3, .5, .15, .05])
    rank = np.empty(ushape, dtype=np.float64)
    for y in range(NY):                       # a random order inside each cluster, every year
        order = np.lexsort((rng.random(n_units), ucluster))
        cl = ucluster[order]
        start = np.r_[0, np.nonzero(np.diff(cl))[0] + 1]
        pos = np.arange(n_units) - np.repeat(start, np.diff(np.r_[start, n_units]))
        rank[order, y] = pos + 1
    rank = np.where(rng.random(ushape) < 0.03, np.nan, rank)
    ur = rng.random(ushape)
    utitle = np.where((urating == 0) & (ur < 0.7), 2, np.where((urating <= 1) & (ur < 0.85), 1, 0))
    utitle[:, -1] = -1
    flag = (rank == 1) & (urating == 0) & (rng.random(ushape) < 0.8)
    flag[:, -1] = False
    mov, mov_by, mov_on = _attested(rng, n_units, 0.97, 0.01)
    usol, usol_by, usol_on = _attested(rng, n_units, 0.98, 0.01)
    urep = lambda a: np.repeat(a, NY)  # noqa: E731
    units = pd.DataFrame({
        "unit_id": urep(uids),
        "unit_name": urep(np.array([f"Hội Chữ thập đỏ cơ sở số {k}" for k in range(1, n_units + 1)],
                                   dtype=object)),
        "year": np.tile(np.array(YEARS, dtype=np.int64), n_units),
        "cluster": urep(np.array([f"Cụm thi đua {c + 1}" for c in ucluster], dtype=object)),
        "unit_rating": _cat(urating, RATINGS),
        "cluster_rank": rank.ravel(),
        "unit_title": _cat(utitle, UNIT_TITLES),
        "flag": flag.ravel(),
        "unit_under_review": (rng.random(ushape) < 0.01).ravel(),
        "movement": mov.ravel(), "movement_by": mov_by.ravel(), "movement_on": mov_on.ravel(),
        "unit_solidarity": usol.ravel(), "unit_solidarity_by": usol_by.ravel(),
        "unit_solidarity_on": usol_on.ravel(),
    })
    return people, units


# ------------------------------------------------------------------------------------------------
# Plain baseline: the regime-2022 title rules written by hand (no library code)
# ------------------------------------------------------------------------------------------------
# Parameters (regime-2022/parameters.yaml, values in force on the decision date).
DECISION_DATE = pd.Timestamp("2025-01-31")      # builtin decision_date (meta.decision: 31 Jan)
NEXT_YEAR_START = pd.Timestamp("2025-01-01")    # builtin next_year_start
MAX_ABSENT_DAYS = 40
MIN_SERVICE_MONTHS = 10
APPLY_SERVICE_TIME_RULES = True
DISCIPLINE_WINDOW_MONTHS = 12
TTLDTT_MIN_SHARE = 0.5
TTLDXS_MIN_SHARE = 0.7
TTLDXS_NO_DISCIPLINE = False
TINH_INITIATIVE_YEARS = 3
SEVERE = ["canh_cao", "ha_bac", "cach_chuc", "buoc_thoi_viec"]


def tri(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Three-valued code of a condition read with missing evidence as "no" (lo) and "yes" (hi)."""
    lo, hi = np.asarray(lo, dtype=bool), np.asarray(hi, dtype=bool)
    return np.where(lo & hi, T, np.where(~lo & ~hi, F, U)).astype(np.int8)


def decide(checks: list, routes: list[list] | None = None, exclusions: list = ()) -> np.ndarray:
    """Kleene AND of the checks, OR of the routes (each an AND), AND NOT of the exclusions."""
    v = checks[0]
    for c in checks[1:]:
        v = np.minimum(v, c)
    if routes:
        any_route = None
        for r in routes:
            rv = r[0]
            for c in r[1:]:
                rv = np.minimum(rv, c)
            any_route = rv if any_route is None else np.maximum(any_route, rv)
        v = np.minimum(v, any_route)
    for x in exclusions:
        v = np.minimum(v, T - x)
    return v.astype(np.int8)


def months_between(a: pd.Series, b: pd.Timestamp) -> np.ndarray:
    """Whole calendar months from each date of ``a`` to ``b`` (NaN where ``a`` is missing)."""
    a = pd.to_datetime(a)
    m = (b.year * 12 + b.month) - (a.dt.year * 12 + a.dt.month)
    m = m - (b.day < a.dt.day)
    return m.to_numpy(dtype=np.float64, na_value=np.nan)


def trailing(cond: np.ndarray, stop: np.ndarray | None = None) -> np.ndarray:
    """Length of the run of ``cond`` ending at the judged year (last column); a past year where
    ``stop`` holds ends the run before it."""
    good = cond.copy()
    if stop is not None:
        good[:, :-1] &= ~stop[:, :-1]
    rev = good[:, ::-1]
    return np.where(rev.all(axis=1), good.shape[1], rev.argmin(axis=1))


def last_years(x: np.ndarray, k) -> np.ndarray:
    """Sum of the last ``k`` years (judged year included) of ``x``; ``k`` a number or per row."""
    width = x.shape[1]
    k = np.broadcast_to(np.asarray(k, dtype=np.float64), (x.shape[0],))
    take = (width - 1 - np.arange(width))[None, :] < k[:, None]
    return np.where(take, x, 0).sum(axis=1)


def plain_titles(people: pd.DataFrame, units: pd.DataFrame, year: int = JUDGED,
                 history: int = HISTORY) -> dict:
    """Outcome codes (F/U/T) of every title for every judged person and unit, keyed by title,
    with the subject ids (sorted) they belong to."""
    first = year - history
    width = history + 1
    P = people[(people["year"] >= first) & (people["year"] <= year)]
    judged = (P["year"] == year).to_numpy()
    pid = P["person_id"].to_numpy(dtype=object)
    ids = np.sort(pid[judged])
    row = pd.Index(ids).get_indexer(pid)
    col = (P["year"].to_numpy() - first).astype(np.int64)
    n = len(ids)

    def grid(values, fill=False, dtype=bool):
        out = np.full((n, width), fill, dtype=dtype)
        out[row, col] = np.asarray(values, dtype=dtype)
        return out

    def present(s: pd.Series) -> np.ndarray:
        return s.notna().to_numpy()

    def text_present(s: pd.Series) -> np.ndarray:
        return (s.fillna("").astype(str).str.strip() != "").to_numpy()

    def attested(name: str, frame: pd.DataFrame, g) -> tuple[np.ndarray, np.ndarray]:
        """(lo, hi) readings of an attested field in the judged year."""
        val = g(frame[name].fillna(False).astype(bool))[:, -1]
        known = g(present(frame[name]) & text_present(frame[name + "_by"])
                  & present(frame[name + "_on"]))[:, -1]
        return val & known, val | ~known

    rating = P["rating"]                 # categorical or text: both compare to codes
    htxs = grid(rating == "htxs")
    rating_ok = grid(rating.isin(["htxs", "htt"]))[:, -1]
    initiatives = grid(P["initiatives"].fillna(0), 0.0, np.float64)
    research = grid(P["research"].fillna(0), 0.0, np.float64)
    iscope, rscope = P["initiative_scope"], P["research_scope"]
    prov = grid(iscope.isin(["tinh", "toan_quoc"]) | rscope.isin(["tinh", "toan_quoc"]))
    nat = grid((iscope == "toan_quoc") | (rscope == "toan_quoc"))
    title = P["title"]
    rec = {"ldtt": grid(title.isin(["ldtt", "cstdcs", "cstd_tinh", "cstd_tq"])),
           "cstdcs": grid(title.isin(["cstdcs", "cstd_tinh", "cstd_tq"])),
           "cstd_tinh": grid(title.isin(["cstd_tinh", "cstd_tq"])),
           "cstd_tq": grid(title == "cstd_tq"),
           "bang_khen_tinh": grid(P["bang_khen"].fillna(False).astype(bool))}
    disc = P["discipline"]
    mb = months_between(P["discipline_on"], DECISION_DATE)
    recent = grid(disc.isin(SEVERE).to_numpy() & (mb >= 0) & (mb < DISCIPLINE_WINDOW_MONTHS))
    sol = attested("solidarity", P, grid)
    comp = attested("compliance", P, grid)

    # Exclusions of people (none reads evidence, so each is certain).
    ex_review = grid(P["under_review"].fillna(False).astype(bool))[:, -1]
    ex_disc = last_years(recent, 2) >= 1
    ex_inv = grid(P["under_investigation"].fillna(False).astype(bool))[:, -1]
    served = grid(months_between(P["recruited_on"], NEXT_YEAR_START), np.nan, np.float64)[:, -1]
    ex_short = APPLY_SERVICE_TIME_RULES & (served < MIN_SERVICE_MONTHS)
    absent = grid(P["absent_days"], np.nan, np.float64)[:, -1]
    mat = grid(P["maternity_days"], np.nan, np.float64)[:, -1]
    ex_absent = APPLY_SERVICE_TIME_RULES & (absent - np.nan_to_num(mat) >= MAX_ABSENT_DAYS)
    all_x = [tri(x, x) for x in (ex_review, ex_disc, ex_inv)]
    ldtt_x = all_x + [tri(ex_short, ex_short), tri(ex_absent, ex_absent)]

    out: dict = {"person_ids": ids}
    held: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def yearly(tid: str, judged_held: np.ndarray) -> np.ndarray:
        g = rec[tid].copy()
        g[:, -1] = judged_held
        return g

    def record(tid: str, status: np.ndarray) -> None:
        out[tid] = status
        held[tid] = (status == T, status != F)          # no quotas in the 2024 regime

    # LĐTT: good rating, attested solidarity; service-time exclusions.
    record("ldtt", decide([tri(rating_ok, rating_ok), tri(*sol)], None, ldtt_x))

    # CSTĐCS: LĐTT and (excellent or an initiative or accepted research).
    ini, rs = initiatives[:, -1] >= 1, research[:, -1] >= 1
    record("cstdcs", decide([tri(*held["ldtt"])],
                            [[tri(htxs[:, -1], htxs[:, -1])], [tri(ini, ini)], [tri(rs, rs)]],
                            all_x))

    # The grassroots history in both readings (judged year = the decision just made).
    cs_lo, cs_hi = (yearly("cstdcs", h) for h in held["cstdcs"])
    tinh_past = yearly("cstd_tinh", np.zeros(n, dtype=bool))

    # CSTĐ cấp tỉnh: 3 grassroots titles in a row (not counting years up to an earlier
    # provincial title) and a provincial-scope initiative/research in the last 3 years.
    s_lo, s_hi = trailing(cs_lo, tinh_past) >= 3, trailing(cs_hi, tinh_past) >= 3
    p3 = last_years(prov, TINH_INITIATIVE_YEARS) >= 1
    record("cstd_tinh", decide([tri(s_lo, s_hi), tri(p3, p3)], None, all_x))

    # CSTĐ toàn quốc: provincial now and twice within one unbroken grassroots run that does
    # not reach back past an earlier national title, and a national-scope initiative/research
    # within that run.
    tq_past = rec["cstd_tq"]
    reads = []
    for (tinh_now, cs_y) in zip(held["cstd_tinh"], (cs_lo, cs_hi)):
        tinh_y = yearly("cstd_tinh", tinh_now)
        run = trailing(cs_y, tq_past)
        in_run = np.arange(width)[None, :] >= (width - run)[:, None]
        twice = tinh_now & ((tinh_y & in_run).sum(axis=1) >= 2)
        national = last_years(nat, run) >= 1
        reads.append((twice, national))
    record("cstd_tq", decide([tri(reads[0][0], reads[1][0]), tri(reads[0][1], reads[1][1])],
                             None, all_x))

    # Bằng khen cấp tỉnh: compliance and (2 grassroots titles in a row, or 2 excellent years in
    # a row with 2 initiatives or 2 research works), years before an earlier certificate not
    # counted.
    bk_past = yearly("bang_khen_tinh", np.zeros(n, dtype=bool))
    two_cs = (trailing(cs_lo, bk_past) >= 2, trailing(cs_hi, bk_past) >= 2)
    two_x = trailing(htxs, bk_past) >= 2
    two_i = (last_years(initiatives, 2) >= 2) | (last_years(research, 2) >= 2)
    record("bang_khen_tinh", decide([tri(*comp)], [[tri(*two_cs)],
                                                   [tri(two_x, two_x), tri(two_i, two_i)]],
                                    all_x))

    # ---- units ------------------------------------------------------------------------------
    Q = units[(units["year"] >= first) & (units["year"] <= year)]
    ujudged = (Q["year"] == year).to_numpy()
    uid = Q["unit_id"].to_numpy(dtype=object)
    uids = np.sort(uid[ujudged])
    urow = pd.Index(uids).get_indexer(uid)
    ucol = (Q["year"].to_numpy() - first).astype(np.int64)
    nu = len(uids)

    def ugrid(values, fill=False, dtype=bool):
        o = np.full((nu, width), fill, dtype=dtype)
        o[urow, ucol] = np.asarray(values, dtype=dtype)
        return o

    out["unit_ids"] = uids
    urating = Q["unit_rating"]
    u_good = ugrid(urating.isin(["htxs", "htt"]))[:, -1]
    u_htxs = ugrid(urating == "htxs")[:, -1]
    leader = ugrid(Q["cluster_rank"], np.nan, np.float64)[:, -1] == 1
    mov = attested("movement", Q, ugrid)
    usol = attested("unit_solidarity", Q, ugrid)
    u_x = [tri(x, x) for x in [ugrid(Q["unit_under_review"].fillna(False).astype(bool))[:, -1]]]

    # Members: judged-year people rows by their unit.
    pj = P[judged]
    member = np.full(n, -1, dtype=np.int64)
    member[row[judged]] = pd.Index(uids).get_indexer(pj["unit_id"].to_numpy(dtype=object))
    inside = member >= 0
    size = np.bincount(member[inside], minlength=nu)

    def count(flag: np.ndarray) -> np.ndarray:
        return np.bincount(member[inside], weights=flag[inside].astype(np.int64),
                           minlength=nu).astype(np.int64)

    pj_rating = grid(rating.isin(["htxs", "htt", "ht"]))[:, -1]
    pj_severe = grid(disc.isin(SEVERE))[:, -1]
    severe_n = count(pj_severe) == 0
    done_all = (size > 0) & (count(pj_rating) == size)
    ld = [count(h) for h in held["ldtt"]]
    cs = [count(h) for h in held["cstdcs"]]
    # Shares compared exactly, as fractions (no members: no share, not met).
    half, seventy_pct = (Fraction(TTLDTT_MIN_SHARE).limit_denominator(10_000),
                         Fraction(TTLDXS_MIN_SHARE).limit_denominator(10_000))
    over_half = [(size > 0) & (c * half.denominator > half.numerator * size) for c in ld]
    seventy = [(size > 0) & (c * seventy_pct.denominator >= seventy_pct.numerator * size)
               for c in ld]
    one_cs = [c >= 1 for c in cs]
    no_disc_x = (not TTLDXS_NO_DISCIPLINE) | severe_n
    out["ttldtt"] = decide([tri(u_good, u_good), tri(*mov), tri(*over_half),
                            tri(severe_n, severe_n), tri(*usol)], None, u_x)
    out["ttldxs"] = decide([tri(u_htxs, u_htxs), tri(*mov), tri(done_all, done_all),
                            tri(*seventy), tri(*one_cs), tri(*usol),
                            tri(no_disc_x, no_disc_x)], None, u_x)
    out["co_thi_dua"] = decide([tri(leader, leader), tri(u_htxs, u_htxs), tri(*usol)], None, u_x)
    return out


# ------------------------------------------------------------------------------------------------
# Reporting helpers
# ------------------------------------------------------------------------------------------------
def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rate(rows: int, secs: float) -> str:
    return f"{rows / secs:,.0f} rows/s" if secs > 0 else "-"


PERSON_COLS = ["year", "unit_id", "rating", "initiatives", "initiative_scope", "research",
               "research_scope", "title", "bang_khen", "discipline", "discipline_on",
               "under_review", "under_investigation", "recruited_on", "absent_days",
               "maternity_days", "solidarity", "solidarity_by", "solidarity_on", "compliance",
               "compliance_by", "compliance_on"]


def show_mismatch(res, people, units, tid: str, sid: str, eng: int, pl: int) -> None:
    print(f"    {tid} {sid}: engine {OUTCOME[eng]}, plain {OUTCOME[pl]}")
    if tid in UNIT_TITLE_IDS:
        rows = units[units["unit_id"] == sid]
        print("      " + rows.to_string(index=False).replace("\n", "\n      "))
        mem = people[(people["year"] == JUDGED) & (people["unit_id"] == sid)]
        print(f"      members {len(mem)}: " + ", ".join(mem["person_id"].head(20)))
    else:
        rows = people.loc[people["person_id"] == sid, PERSON_COLS]
        with pd.option_context("display.width", 250, "display.max_columns", 40):
            print("      " + rows.to_string(index=False).replace("\n", "\n      "))
    d = res.decision(sid, tid)
    parts = [f"{c.id}={c.status}" + (f"{c.history[0].years}" if c.history else "")
             for c in d.checks]
    parts += [f"{x.id}={x.status}" for x in d.exclusions if x.status != "clear"]
    print("      engine checks: " + ", ".join(parts))


def engine_phases(rules, people: pd.DataFrame, units: pd.DataFrame) -> tuple[dict, dict]:
    """evaluate_titles split into its steps, called one by one (same calls as titles_api)."""
    model = rules.model
    day = dt.date(JUDGED + 1, model.meta.decision.month, model.meta.decision.day)
    params = {}
    for name, p in model.parameters.items():
        dv = p.as_of(day)
        params[name] = ResolvedParameter(name, dv.value, dv.from_, p.basis, None)
    hist = model.meta.history_years
    times = {}
    t0 = time.perf_counter()
    uraw = read_table(units, expand_attested(model.unit_inputs))
    praw = read_table(people, expand_attested(model.inputs))
    times["read_table (copy, NFC, headers)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    us = split_years(uraw, model.unit_inputs, model.unit_checks, JUDGED, hist, "units")
    times["split_years units (validate, history)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # The unit-reference check of evaluate_titles, as written there (a Python loop over rows).
    known_units = set(us.subjects.ids.tolist())
    unknown = {}
    for pid, uid in zip(praw.frame["person_id"].astype(str), praw.frame["unit_id"].astype(str)):
        if uid.strip() and uid.strip() not in known_units:
            unknown[pid.strip()] = uid
    times["unit-reference loop (evaluate_titles)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ps = split_years(praw, model.inputs, model.checks, JUDGED, hist, "people", {})
    member_unit = pd.Index(us.subjects.ids).get_indexer(ps.subjects.cols["unit_id"])
    times["split_years people (validate, history)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cols = run_titles(model, params, ps.subjects, us.subjects, JUDGED, day, member_unit)
    times["run_titles (all checks, routes, exclusions)"] = time.perf_counter() - t0
    return times, cols.status


def profile(fn, top: int = 30) -> None:
    pr = cProfile.Profile()
    pr.enable()
    fn()
    pr.disable()
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(pr, stream=out).strip_dirs().sort_stats(key).print_stats(top)
        print(f"-- cProfile, top {top} by {key}:")
        print("\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip()))


# ------------------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=1_000_000, help="people (default 1,000,000)")
    ap.add_argument("--units", type=int, default=None, help="units (default people/20)")
    ap.add_argument("--sample", type=int, default=1000, help="people whose traces are built")
    ap.add_argument("--lookup-sample", type=int, default=50,
                    help="people looked up by id with res.decisions(subject_id=...)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--examples", type=int, default=3, help="mismatches shown per title")
    ap.add_argument("--no-phases", action="store_true",
                    help="skip the second engine run split into its steps")
    ap.add_argument("--profile", action="store_true",
                    help="also run evaluate_titles under cProfile and print the top functions")
    a = ap.parse_args()
    n = a.people
    n_units = a.units if a.units is not None else max(1, n // 20)

    t0 = time.perf_counter()
    people, units = make_data(n, n_units, a.seed)
    t_gen = time.perf_counter() - t0
    rows_in = len(people) + len(units)
    rss_data = maxrss_mib()
    rules = load_title_rules(RULES_DIR, JUDGED)
    print(f"thiduakhenthuong title benchmark: rule set {rules.model.meta.id} "
          f"{rules.model.meta.version} ({rules.model.meta.regime.id}), judged year {JUDGED}")
    print(f"data: {n:,} people x {NY} years = {len(people):,} rows, {len(people.columns)} columns; "
          f"{n_units:,} units x {NY} years = {len(units):,} rows, {len(units.columns)} columns; "
          f"generated in {t_gen:.1f} s (seed {a.seed})")
    print()

    # ---- engine ---------------------------------------------------------------------------------
    gc.collect()
    t0 = time.perf_counter()
    res = evaluate_titles(rules, {"people": people, "units": units}, year=JUDGED)
    t_engine = time.perf_counter() - t0
    rss_engine = maxrss_mib()
    c = res.counts()
    print(f"engine counts: {c}")
    if c["rejected"]:
        for r in res.rejected[:5]:
            print(f"  rejected row {r.row} ({r.table}): "
                  + "; ".join(p.message.en for p in r.problems))
    print("engine outcomes (eligible / not_eligible / not_determinable):")
    for tt in res.totals():
        print(f"  {tt.title_id:<15} {tt.eligible:>10,} {tt.not_eligible:>10,} "
              f"{tt.not_determinable:>8,}")
    print()

    phases = None
    if not a.no_phases:
        gc.collect()
        phases, status = engine_phases(rules, people, units)
        same = all(np.array_equal(status[t], res.cols.status[t]) for t in status)
        del status
        print("engine phases (a second run, step by step"
              + ("" if same else "; WARNING: statuses differ from evaluate_titles") + "):")
        for name, secs in phases.items():
            print(f"  {name:<44} {secs:>8.2f} s")
        print(f"  {'sum of steps':<44} {sum(phases.values()):>8.2f} s")
        print()

    # ---- traces ---------------------------------------------------------------------------------
    rng = np.random.default_rng(a.seed + 1)
    pids = res.people.subjects.ids
    k = min(a.sample, len(pids))
    sample = np.sort(rng.choice(len(pids), k, replace=False))
    ptitles = [res.model.title(t) for t in PERSON_TITLES]
    t0 = time.perf_counter()
    built = [res.decision_at(t, int(i)) for i in sample for t in ptitles]
    t_trace = time.perf_counter() - t0
    assert len(built) == k * len(ptitles)
    kl = min(a.lookup_sample, len(pids))
    t0 = time.perf_counter()
    looked = [d for pid in pids[sample[:kl]] for d in res.decisions(subject_id=str(pid))]
    t_lookup = time.perf_counter() - t0
    assert len(looked) == kl * len(ptitles)
    uidx = res.units.subjects.ids
    ku = min(100, len(uidx))
    usample = np.sort(rng.choice(len(uidx), ku, replace=False))
    utitles = [res.model.title(t) for t in UNIT_TITLE_IDS]
    t0 = time.perf_counter()
    ubuilt = [res.decision_at(t, int(i)) for i in usample for t in utitles]
    t_utrace = time.perf_counter() - t0
    del built, looked, ubuilt

    # ---- plain ----------------------------------------------------------------------------------
    gc.collect()
    t0 = time.perf_counter()
    plain = plain_titles(people, units)
    t_plain = time.perf_counter() - t0

    # ---- compare --------------------------------------------------------------------------------
    print("mismatches engine vs plain (decisions that differ, per title):")
    total_bad = 0
    for tid in PERSON_TITLES + UNIT_TITLE_IDS:
        unit = tid in UNIT_TITLE_IDS
        eng_ids = res.units.subjects.ids if unit else res.people.subjects.ids
        pl_ids = plain["unit_ids"] if unit else plain["person_ids"]
        at = pd.Index(pl_ids).get_indexer(eng_ids)
        eng = res.cols.status[tid]
        missing = int((at < 0).sum()) + (len(pl_ids) - len(eng_ids))
        pl = plain[tid][np.where(at < 0, 0, at)]
        bad = (eng != pl) | (at < 0)
        nb = int(bad.sum())
        total_bad += nb
        print(f"  {tid:<15} {nb:>8,} of {len(eng_ids):>10,}"
              + (f"  (subjects not in both: {missing})" if missing else ""))
        for i in np.nonzero(bad)[0][:a.examples]:
            show_mismatch(res, people, units, tid, str(eng_ids[i]), int(eng[i]), int(pl[i]))
    print(f"  total           {total_bad:>8,}")
    print()

    # ---- summary --------------------------------------------------------------------------------
    decisions = len(res.people.subjects) * len(PERSON_TITLES) + \
        len(res.units.subjects) * len(UNIT_TITLE_IDS)
    print("summary")
    print(f"  {'N people':<44} {n:>14,}")
    print(f"  {'units':<44} {n_units:>14,}")
    print(f"  {'rows in (people + units)':<44} {rows_in:>14,}")
    print(f"  {'decisions (subjects x titles)':<44} {decisions:>14,}")
    print(f"  {'engine evaluate_titles':<44} {t_engine:>12.2f} s   {rate(rows_in, t_engine)}")
    print(f"  {'plain pandas/numpy':<44} {t_plain:>12.2f} s   {rate(rows_in, t_plain)}")
    print(f"  {'ratio engine / plain':<44} {t_engine / t_plain:>12.1f} x")
    print(f"  {f'traces decision_at, {k} people x 5 titles':<44} "
          f"{1000 * t_trace / k:>12.2f} ms/person  "
          f"(all {len(pids):,}: ~{t_trace / k * len(pids):,.0f} s)")
    print(f"  {f'traces decisions(subject_id=), {kl} people':<44} "
          f"{1000 * t_lookup / kl:>12.2f} ms/person")
    print(f"  {f'traces decision_at, {ku} units x 3 titles':<44} "
          f"{1000 * t_utrace / ku:>12.2f} ms/unit")
    print(f"  {'mismatches':<44} {total_bad:>14,}")
    print(f"  {'peak RSS after data generation':<44} {rss_data:>12,.0f} MiB")
    print(f"  {'peak RSS after evaluate_titles':<44} {rss_engine:>12,.0f} MiB")
    print(f"  {'peak RSS (whole run)':<44} {maxrss_mib():>12,.0f} MiB")
    sys.stdout.flush()

    if a.profile:
        del res
        gc.collect()
        print()
        profile(lambda: evaluate_titles(rules, {"people": people, "units": units}, year=JUDGED))


if __name__ == "__main__":
    main()
