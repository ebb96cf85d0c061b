"""A bounded load test against a live server on loopback only: 50 concurrent scoring uploads of
the fixture workbook, 200 requests in all, stopping by itself; every answer is checked against
the library's own result, and throughput and latency percentiles are printed (no timed
assertion: the machine is shared)."""
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

import thiduakhenthuong as tdkt  # noqa: E402

from conftest import FIXTURE  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from web_server import serving  # noqa: E402

CONCURRENCY = 50
REQUESTS = 200
DEADLINE = 240           # seconds; the test fails rather than run on


def _percentile(values, q):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q / 100 * (len(values) - 1))))
    return values[k]


async def _load(base, body, expected):
    latencies, bad = [], []
    sem = asyncio.Semaphore(CONCURRENCY)
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        async def one(i):
            async with sem:
                start = time.perf_counter()
                r = await client.post("/api/v1/rulesets/lao-cai-2023/score",
                                      files={"data": ("units.xlsx", body)})
                latencies.append(time.perf_counter() - start)
                if r.status_code != 200 or r.headers.get("tdkt-exit-code") != "0" or \
                        json.loads(r.text) != expected:
                    bad.append((i, r.status_code, r.text[:200]))
        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(REQUESTS))), DEADLINE)
        return time.perf_counter() - start, latencies, bad


def test_fifty_concurrent_scoring_uploads():
    body = (FIXTURE / "units.xlsx").read_bytes()
    res = tdkt.load_rules("lao-cai-2023").score(FIXTURE / "units.xlsx")
    expected = json.loads(res.to_json().replace(str(FIXTURE / "units.xlsx"), "units.xlsx"))
    with serving() as base:
        assert base.startswith("http://127.0.0.1:")          # loopback only
        elapsed, latencies, bad = asyncio.run(_load(base, body, expected))
    assert not bad, bad[:3]
    assert len(latencies) == REQUESTS
    ms = [x * 1000 for x in latencies]
    print(f"\nload test: {REQUESTS} scoring uploads, {CONCURRENCY} at once, in {elapsed:.1f} s: "
          f"{REQUESTS / elapsed:.1f} requests/s; latency p50 {_percentile(ms, 50):.0f} ms, "
          f"p95 {_percentile(ms, 95):.0f} ms, p99 {_percentile(ms, 99):.0f} ms, "
          f"mean {statistics.mean(ms):.0f} ms")
