"""An explanation must never contradict its decision: every settled check, re-evaluated from what
its explanation shows (the values read, the years counted, the members counted), gives the status
shown, and the outcome follows from the checks, routes and exclusions shown."""
from __future__ import annotations

import numpy as np

from thiduakhenthuong.expr import evaluate

KLEENE = {"failed": 0, "unknown": 1, "met": 2}


def _blank(f):
    if f is not None and f.type in ("text", "enum"):
        return ""
    if f is not None and f.type == "date":
        return np.datetime64("NaT")
    if f is None or f.type in ("bool", "attested"):
        return False
    return np.nan


def assert_explanations_reevaluate(res) -> int:
    """Check every decision of a titles result; return how many checks were re-evaluated."""
    fields = {**res.model.inputs, **res.model.unit_inputs}
    params = {k: p.value for k, p in res.params.items()}
    checked = 0
    for d in res.decisions():
        v = min([KLEENE[c.status] for c in d.checks if c.route is None], default=2)
        if d.routes:
            v = min(v, max(min(KLEENE[c.status] for c in d.checks if c.route == r.id)
                           for r in d.routes))
        for x in d.exclusions:
            v = min(v, 2 - {"applies": 2, "unknown": 1, "clear": 0}[x.status])
        assert ["not_eligible", "not_determinable", "eligible"][v] == d.outcome, \
            (d.subject_id, d.title_id)
        title = next(t for t in res.model.titles if t.id == d.title_id)
        holds_of = {ck.id: ck.holds for ck in [*title.checks,
                                               *[x for r in title.routes for x in r.checks]]}
        for c in d.checks:
            if c.status == "unknown":
                continue
            env = dict(params)
            for k, val in c.values.items():
                val = _blank(fields.get(k)) if val is None else val
                env[k] = np.datetime64(val, "D") if hasattr(val, "isoformat") else val
            shown = {h.call: h.value for h in c.history}
            shown.update({m.call: (np.nan if m.value is None else m.value) for m in c.members})
            got = bool(evaluate(holds_of[c.id].with_calls(shown), env))
            assert got == (c.status == "met"), (d.subject_id, d.title_id, c.id, env, shown)
            checked += 1
    return checked
