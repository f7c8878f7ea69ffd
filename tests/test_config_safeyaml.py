"""digest.config.safeyaml: safe_load that refuses alias bombs and keeps ordinary YAML."""

from __future__ import annotations

import time

import pytest
import yaml

from digest.config.safeyaml import AliasBomb, safe_load
from tests import hostile


def test_ordinary_yaml_loads_as_with_safe_load() -> None:
    text = "title: Der Digest\nmail:\n  to: [a@example.org, b@example.org]\nn: 3\n"
    assert safe_load(text) == yaml.safe_load(text)


def test_an_alias_used_a_few_times_is_fine() -> None:
    text = "base: &b {threshold: 0.4, window: 1}\na: *b\nb: *b\nc: [*b, *b]\n"
    assert safe_load(text)["c"] == [{"threshold": 0.4, "window": 1}] * 2


def test_a_long_written_out_list_is_fine() -> None:
    text = "to:\n" + "".join(f"  - leser{n}@example.org\n" for n in range(20_000))
    assert len(safe_load(text)["to"]) == 20_000


def test_the_billion_laughs_are_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(AliasBomb, match=r"^aliases expand to more than 10,000 nodes$"):
        safe_load(hostile.yaml_alias_bomb())
    with pytest.raises(AliasBomb):
        safe_load(f"sources: {hostile.yaml_bomb_value()}\n")
    assert time.perf_counter() - started < 1


def test_the_refusal_is_a_yaml_error_with_a_problem() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        safe_load(hostile.yaml_alias_bomb(levels=5, fan=10))
    assert caught.value.problem == "aliases expand to more than 10,000 nodes"  # type: ignore[attr-defined]


def test_the_limit_can_be_set() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    assert safe_load(text, max_nodes=8) == {"a": [1, 2, 3], "b": [[1, 2, 3], [1, 2, 3]]}
    with pytest.raises(AliasBomb):
        safe_load(text, max_nodes=7)


def test_tags_stay_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        safe_load("x: !!python/object/apply:os.system ['true']\n")
