"""Three-valued logic: a condition holds (T), fails (F) or cannot be determined (U) because
evidence is missing."""
from __future__ import annotations

import numpy as np

from ..expr import evaluate

F, U, T = 0, 1, 2


def tri(node, env_f, ctx_f, env_t, ctx_t, n: int) -> np.ndarray:
    a = np.broadcast_to(np.asarray(evaluate(node, env_f, ctx_f), dtype=bool), (n,))
    b = np.broadcast_to(np.asarray(evaluate(node, env_t, ctx_t), dtype=bool), (n,))
    return np.where(a & b, T, np.where(~a & ~b, F, U)).astype(np.int8)
