"""The rule expression language: a small whitelist parsed into the library's own AST.


>>> sorted(parse("min(achieved / target, 1) >= 0.9").names())
['achieved', 'target']
"""
from .ast import Node
from .evaluate import evaluate, infer_type
from .parser import parse

__all__ = ["Node", "parse", "evaluate", "infer_type"]
