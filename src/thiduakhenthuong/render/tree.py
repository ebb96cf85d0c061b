"""An explanation tree (:class:`.page.Node`) for the terminal: one language, each line escaped for
rich markup; the codes and expressions a node carries are shown only on demand
(``--show-expressions``), each on its own line under the node."""
from __future__ import annotations

from rich.markup import escape
from rich.tree import Tree

from ..i18n.explain import t
from .page import Node, Text


def rich_tree(head: Text | str, nodes: list[Node], lang: str = "vi",
              show_expressions: bool = False) -> Tree:
    """The tree under ``head``, in ``lang``.

    >>> from rich.console import Console
    >>> tree = rich_tree(Text(vi="Đơn vị", en="Unit"), [Node(text=Text.same("a ≥ 1"), code="a >= 1")],
    ...                  "en", show_expressions=True)
    >>> Console(width=40).print(tree)
    Unit
    └── a ≥ 1
        └── expression: a >= 1
    """
    root = Tree(escape(head.get(lang) if isinstance(head, Text) else head))
    for n in nodes:
        add_node(root, n, lang, show_expressions)
    return root


def add_node(parent: Tree, n: Node, lang: str, show_expressions: bool = False) -> Tree:
    """Add ``n`` and its children under ``parent``; returns the new branch."""
    branch = parent.add(escape(n.text.get(lang)))
    if show_expressions and n.code:
        branch.add(escape(t("expression", lang, code=n.code)))
    for c in n.children:
        add_node(branch, c, lang, show_expressions)
    return branch
