"""durable-rules behind a small, safe surface (see docs/streaming.md and the design notes §3).

- One private ``Host`` per process and compiled ruleset (its name carries the rule set's version
  hash and a hash of the compiled JSON), created once and reused: a ruleset name can be registered
  only once per host, and a host's timer threads never stop. Ours starts no threads at all: no
  rule uses timers, and without the background dispatcher every action runs inside our call, so
  results are complete when the call returns.
- Calls are serialised by a lock (the engine is not thread-safe within a session).
- Each evaluation is a fresh session whose state is deleted afterwards (1,024 live sessions at
  most per ruleset); it opens with a fact that always matches (see ``_OPEN``).
- Every rule's action is a named wrapper that records rule id, session and the facts it matched,
  and may assert derived facts (forward chaining). An exception inside an action is re-raised to
  the caller instead of being left in the session state.
- The definition is deep-copied before registration (durable-rules mutates it).
"""
from __future__ import annotations

import copy
import hashlib
import itertools
import json
import sys
import threading
from dataclasses import dataclass, field
from typing import Callable

from ..errors import EvaluationError

try:  # durable-rules builds only up to Python 3.12 (PyEval_CallObject is gone in 3.13)
    import durable.engine as _de
    AVAILABLE = True
    UNAVAILABLE_REASON = ""
except Exception as _e:  # pragma: no cover - depends on the interpreter
    _de = None
    AVAILABLE = False
    UNAVAILABLE_REASON = (
        f"the streaming engine needs durable-rules, which imports only on Python 3.12 or older "
        f"(this is Python {sys.version_info.major}.{sys.version_info.minor}: {_e}); the batch "
        f"engine works without it")


class StreamingUnavailable(EvaluationError):
    """durable-rules cannot be imported on this interpreter."""


class EngineError(EvaluationError):
    """An action raised inside the durable-rules engine."""


def require() -> None:
    """Raise :class:`StreamingUnavailable` with the reason when durable-rules is missing."""
    if not AVAILABLE:
        raise StreamingUnavailable(UNAVAILABLE_REASON)


@dataclass(frozen=True)
class Fired:
    """One rule firing: which rule, in which session, on which facts (alias -> fact)."""
    rule: str
    sid: str
    facts: dict[str, dict]


#: An action hook: given the firing, the derived facts to assert (or None).
Hook = Callable[[Fired], "list[dict] | None"]


@dataclass
class _Session:
    fired: list[Fired] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


if AVAILABLE:
    class _Host(_de.Host):
        """A host that resolves named actions itself and starts no timer threads."""

        def __init__(self, actions: dict[str, Callable]):
            self._named = actions
            super().__init__()

        def _run(self) -> None:
            # No background dispatch: actions complete inside assert calls (pitfalls 5 and 6).
            pass

        def get_action(self, action_name: str) -> Callable:
            return self._named[action_name]


#: Every session opens with a fact that this rule matches: durable-rules 2.0.28 crashes the
#: process (segmentation fault) in delete_state for a session in which no fact matched a rule,
#: and such a session must still be deleted (it counts towards the 1,024).
_OPEN = "__open__"
_NETWORKS: dict[str, "Network"] = {}
_REGISTRY_LOCK = threading.Lock()
_SIDS = itertools.count(1)


class Network:
    """A compiled ruleset on its own host. Use :func:`network` to get one (cached by name).

    ``rules``: rule id -> durable-rules rule body without ``run`` (e.g. ``{"all": [...]}``);
    ``hooks``: rule id -> function returning derived facts to assert when it fires.
    """

    def __init__(self, name: str, rules: dict[str, dict], hooks: dict[str, Hook]):
        require()
        self.name = name
        self.rules = rules
        self._hooks = hooks
        self._lock = threading.Lock()
        self._sessions: dict[str, _Session] = {}
        actions = {}
        definition: dict[str, dict] = {}
        rules = {**rules, _OPEN: {"all": [{"m": {"t": _OPEN}}]}}
        for i, (rule_id, body) in enumerate(sorted(rules.items())):
            action = f"a{i}"
            actions[action] = self._wrapper(rule_id)
            definition[f"r{i}"] = {**body, "run": action}
        self.definition = {name: definition}
        self._host = _Host(actions)
        self._host.set_rulesets(copy.deepcopy(self.definition))

    def _wrapper(self, rule_id: str) -> Callable:
        def action(c) -> None:
            sid = str(c.s.sid)
            session = self._sessions.get(sid)
            try:
                facts = {k: dict(v) for k, v in c._m.items()} if isinstance(c._m, dict) else {}
                facts = {k: (v._d if hasattr(v, "_d") else v) for k, v in facts.items()}
                fired = Fired(rule_id, sid, facts)
                if session is not None and rule_id != _OPEN:
                    session.fired.append(fired)
                hook = self._hooks.get(rule_id)
                for fact in (hook(fired) or []) if hook else []:
                    try:
                        c.assert_fact({**fact, "sid": sid})
                    except _de.MessageNotHandledException:
                        pass  # a derived fact no rule reads
            except Exception as e:
                # Recorded, not raised: durable-rules would only log it and keep it in the
                # session state; Network._assert raises it to the caller.
                if session is not None:
                    session.errors.append(e)
        action.__name__ = f"rule_{rule_id}"
        return action

    def evaluate(self, facts: list[dict], more: Callable[[list[Fired]], list[dict]] | None
                 = None) -> list[Fired]:
        """Assert ``facts`` in a fresh session and return every firing, in order.

        ``more`` is called with the firings so far and may return further facts (a next phase);
        it is called again until it returns none. The session is deleted afterwards."""
        with self._lock:
            sid = f"s{next(_SIDS)}"
            session = _Session()
            self._sessions[sid] = session
            try:
                self._assert(sid, session, {"t": _OPEN})
                batch = facts
                while batch:
                    for fact in batch:
                        self._assert(sid, session, fact)
                    batch = more(session.fired) if more is not None else []
                return session.fired
            finally:
                del self._sessions[sid]
                self._host.delete_state(self.name, sid)

    def _assert(self, sid: str, session: _Session, fact: dict) -> None:
        try:
            self._host.assert_fact(self.name, {**fact, "sid": sid})
        except _de.MessageNotHandledException:
            pass  # no rule reads this fact: nothing fires, which is an answer
        except _de.MessageObservedException:
            raise EngineError(f"the same fact was asserted twice: {fact}") from None
        if session.errors:
            e = session.errors[0]
            raise EngineError(f"a rule action failed: {type(e).__name__}: {e}") from e


def network(prefix: str, version: str, rules: dict[str, dict],
            hooks: dict[str, Hook] | None = None) -> Network:
    """The network for these rules, created once per process and reused.

    >>> if AVAILABLE:
    ...     n = network("doc", "v1", {"big": {"all": [{"m": {"$gt": {"x": 2}}}]}})
    ...     [f.rule for f in n.evaluate([{"x": 3}, {"x": 1}])]
    ... else:
    ...     ['big']
    ['big']
    """
    require()
    digest = hashlib.sha256(json.dumps(rules, sort_keys=True, ensure_ascii=False)
                            .encode()).hexdigest()[:12]
    name = f"{prefix}_{version}_{digest}".replace("-", "_").replace(".", "_")
    with _REGISTRY_LOCK:
        net = _NETWORKS.get(name)
        if net is None:
            net = Network(name, rules, hooks or {})
            _NETWORKS[name] = net
        elif hooks:
            net._hooks = hooks
        return net
