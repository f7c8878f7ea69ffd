"""YAML for config files and front matter: ``safe_load`` that refuses alias bombs.

``yaml.safe_load`` builds an alias as a second reference to one object, so loading a
"billion laughs" document is cheap; the blow-up comes later, when anything walks the
value as a tree (``repr`` in an error message, ``str`` of a title, JSON output). The
loader below counts, while composing, how many nodes the aliases stand for when written
out, and stops at ``max_nodes``: a real config or front matter has a few
hundred at most, and an alias used a handful of times is still fine.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_NODES = 10_000


class AliasBomb(yaml.YAMLError):
    """The document's aliases expand to more nodes than allowed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"aliases expand to more than {limit:,} nodes")
        self.problem = str(self)
        self.problem_mark = None


def _size(node: Node, sizes: dict[int, int]) -> int:
    """Return how many nodes ``node`` stands for with its aliases written out (memoised)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    sizes[key] = 1  # a cycle (a recursive anchor) counts once instead of looping
    total = 1
    if isinstance(node, SequenceNode):
        total += sum(_size(child, sizes) for child in node.value)
    elif isinstance(node, MappingNode):
        total += sum(_size(k, sizes) + _size(v, sizes) for k, v in node.value)
    sizes[key] = total
    return total


class CountingSafeLoader(yaml.SafeLoader):
    """A ``SafeLoader`` that adds up the expanded size of every alias it resolves.

    Only aliases count: a long list written out (20,000 recipients) is as cheap as its text.
    """

    max_nodes = MAX_NODES

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose as usual; for an alias, charge the size of the node it repeats."""
        is_alias = self.check_event(yaml.AliasEvent)
        node = super().compose_node(parent, index)
        if not is_alias or node is None:
            return node  # a node written out costs what its text costs: nothing to guard
        self._expanded += _size(node, self._sizes)
        if self._expanded > self.max_nodes:
            raise AliasBomb(self.max_nodes)
        return node


def safe_load(text: str | bytes, *, max_nodes: int = MAX_NODES) -> Any:
    """Load one YAML document like ``yaml.safe_load``; raise ``AliasBomb`` past ``max_nodes``."""
    loader = CountingSafeLoader(text)
    loader.max_nodes = max_nodes
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
