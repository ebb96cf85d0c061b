"""Honourees forwarded to the higher conference, checked across conferences.

Each conference forwards its honoured delegates to the higher conference (§II.3 item 8), and
each list alone fits the higher conference's cap; but several grassroots conferences report to
the same district conference, whose cap (§III.3) they share. The rule set's ``meta.forwarding``
names the candidate field that says which higher conference a conference reports to, and the
parameter that says how to read the data where it is blank (all such conferences of the level
together, or each alone). Every group gets a check, within the cap or not, naming its
conferences and, when over, by how much.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ...core.params import ResolvedParameter
from ...core.trace import Notice
from .model import DelegateRuleSet
from ...core.models import Localized
from .trace import ForwardingCheck
from .words import conference, in_sentence, say


def higher_conferences(rules: DelegateRuleSet, cols: dict[str, np.ndarray], field: str,
                       names: Optional[dict[str, str]] = None
                       ) -> tuple[dict[str, Optional[str]], list[Notice]]:
    """The higher conference each conference names (None where its rows leave it blank); a
    conference whose rows name several gets the first in order, and a notice."""
    fw = rules.meta.forwarding
    conf = cols[field]
    higher = cols.get(fw.higher_conference) if fw is not None else None
    out: dict[str, Optional[str]] = {}
    notices: list[Notice] = []
    for c in sorted(set(conf.tolist())):
        named = sorted({str(v) for v in higher[conf == c] if str(v)}) if higher is not None \
            else []
        out[c] = named[0] if named else None
        if len(named) > 1:
            notices.append(Notice(code="two_higher_conferences", message=say(
                "conf_two_higher", conference=conference(names or {}, c),
                named=", ".join(named), used=named[0]),
                details={"conference": c, "named": named}))
    return out, notices


def forwarding_checks(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
                      level: str, conf: np.ndarray, forwarded: np.ndarray,
                      higher: dict[str, Optional[str]],
                      names: Optional[dict[str, str]] = None) -> list[ForwardingCheck]:
    """One check per higher conference the ``level`` conferences forward to (as the data name
    it, or as the rule set's reading groups them where they do not)."""
    fw = rules.meta.forwarding
    lv = rules.level(level)
    if fw is None or lv.next_level is None:
        return []
    nxt = rules.level(lv.next_level)
    cap = int(float(params[nxt.cap].value))
    shared = bool(params[fw.when_unstated].value)
    groups: dict[tuple[int, str], list[str]] = {}
    for c, h in higher.items():
        # Named higher conferences first, then the unnamed read as one, then each alone.
        key = (0, h) if h is not None else (1, "") if shared else (2, c)
        groups.setdefault(key, []).append(c)
    out = []
    for (kind, name), members in sorted(groups.items()):
        counts = {c: int((forwarded & (conf == c)).sum()) for c in sorted(members)}
        total = sum(counts.values())
        over = max(0, total - cap)
        assumed = kind != 0
        param = rules.parameters[fw.when_unstated].title \
            if fw.when_unstated in rules.parameters else fw.when_unstated
        to = say("conf_fw_named", conference=conference(names or {}, name)) if kind == 0 else \
            say("conf_fw_shared", param=param) if kind == 1 else \
            say("conf_fw_alone", param=param)
        listed = [say("conf_count", conference=conference(names or {}, c), n=n)
                  for c, n in counts.items()]
        parts = dict(to=to, total=total,
                     conferences=Localized(vi="; ".join(x.vi for x in listed),
                                           en="; ".join(x.en for x in listed)),
                     level=in_sentence(lv), next_level=in_sentence(nxt), cap=cap, over=over)
        message = say("conf_fw_over" if over else "conf_fw_within", **parts)
        out.append(ForwardingCheck(
            higher_conference=name if kind == 0 else None, assumed=assumed, level=lv.id,
            level_title=lv.title, next_level=nxt.id, next_level_title=nxt.title, cap=cap,
            cite=fw.cite, conferences=counts, forwarded=total, over=over,
            severity="ok" if not over else "warning" if assumed else "error",
            message=message, parameter=fw.when_unstated if assumed else None))
    return out

