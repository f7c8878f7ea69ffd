"""Parsing never raises on any input: arbitrary text and bytes go to every reader."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.api import parse
from digest.errors import SkipFile
from digest.models import Article
from digest.readers import READERS

SUFFIXES = sorted(READERS)
# Each example must parse well within this; the whole test stays fast.
MAX_SECONDS = 2.0
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines that look like German news and its boilerplate, to reach the structure rules.
NEWSY = st.sampled_from([
    "WEITERE MELDUNGEN", "– Eine Meldung.", "-", "1", "Foto: AFP", "(Bild: EPA/X)",
    "Mehr zum Thema", "FAQ", "Quellenangaben", "Berlin (dpa) - Text.", "03.12.2025 00:15",
    "„Zitat“", "P. Tiko", "Abonniere den Newsletter", "Ein kurzer Titel", "Ein Satz.", "",
    "<p>Absatz</p>", "<h1>Titel</h1>", '{"text": "x"}', "Subject: Betreff", "From x", "---",
    "title: [x", "date: 2024-01-01", "author:", "![b](c)",
])  # fmt: skip


def check(data: bytes, suffix: str) -> None:
    start = time.perf_counter()
    try:
        article = parse(data, filename=f"input{suffix}")
    except SkipFile:
        pass
    else:
        assert isinstance(article, Article)
        assert isinstance(article.title, str) and isinstance(article.body, str)
    assert time.perf_counter() - start < MAX_SECONDS


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(suffix: str, data: bytes) -> None:
    check(data, suffix)


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(text=st.text(max_size=2000))
def test_arbitrary_text(suffix: str, text: str) -> None:
    check(text.encode("utf-8"), suffix)


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(lines=st.lists(st.one_of(NEWSY, st.text(max_size=80)), max_size=40))
def test_newsy_lines(suffix: str, lines: list[str]) -> None:
    check("\n".join(lines).encode("utf-8"), suffix)


@FAST
@given(records=st.lists(st.dictionaries(
    st.sampled_from(["title", "text", "date", "source", "url", "authors", "author"]),
    st.one_of(st.text(max_size=60), st.integers(), st.none(), st.lists(st.text(max_size=10))),
), max_size=5))  # fmt: skip
def test_jsonl_records_of_any_shape(records: list[dict[str, object]]) -> None:
    import json

    check("\n".join(json.dumps(r) for r in records).encode("utf-8"), ".jsonl")
