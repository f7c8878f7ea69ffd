"""Hostile input: nothing from an input reaches the HTML unescaped, whatever its shape."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.api import SkipFile, parse
from digest.build import build_issue
from digest.config import Config
from digest.markup import safe_url
from digest.models import Issue, IssueItem, SourceRef, Story
from digest.render import render
from tests.conftest import DATA

DANGEROUS = re.compile(
    r"<script|<iframe|<svg|<img|<style[^>]*>[^<]*javascript|javascript:|data:text/html"
    r"|\son\w+\s*=|expression\(|\u202e|\u200b",
    re.IGNORECASE,
)


def _allowed_style_blocks(html: str) -> str:
    """Drop our own responsive <style> block, the only markup we put in ourselves."""
    return re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL)


def test_the_xss_corpus_never_survives_into_the_html(tmp_path) -> None:
    config = Config(output=tmp_path)
    issue = build_issue(config, inputs=[DATA / "xss"], date=dt.date(2026, 1, 2))
    assert len(issue.stories) >= 2
    html = _allowed_style_blocks(render(issue, config).html)
    assert DANGEROUS.findall(html) == []
    assert "https://xn--pypal-4ve.example/login" in html or "pаypal" not in html


def test_safe_url_allows_web_and_mail_links_only() -> None:
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_url("mailto:leser@example.org") == "mailto:leser@example.org"
    assert safe_url("https://bücher.example/") == "https://xn--bcher-kva.example/"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x",
                'https://example.org/"onmouseover="x', "https://[::1", "//evil.example", ""):
        assert safe_url(bad) is None, bad


text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@st.composite
def issues(draw: st.DrawFn) -> Issue:
    ref = SourceRef(name=draw(text) or "x", file="f", title=draw(text), url=draw(text) or None)
    stories = [
        Story(headline=draw(text), summary=draw(text), body=draw(text), sources=[ref],
              kicker=draw(text))
        for _ in range(draw(st.integers(1, 3)))
    ]  # fmt: skip
    items = [IssueItem(text=draw(text), sources=[ref]) for _ in range(draw(st.integers(0, 2)))]
    return Issue(date=dt.date(2026, 1, 2), locale="de_DE", title="Der Digest", stories=stories,
                 items=items)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issues())
def test_rendering_arbitrary_text_never_raises_nor_leaks_markup(issue: Issue) -> None:
    marked = dataclasses.replace(
        issue,
        stories=[dataclasses.replace(s, headline=f"<script>{s.headline}") for s in issue.stories],
    )
    result = render(marked, Config())
    html = _allowed_style_blocks(result.html)
    assert "<script" not in html.lower()
    assert not re.search(r"href=\"(?!https?://|mailto:|#)", html)
    assert all(len(line) <= 78 or "://" in line or len(line.split()) == 1 or
               max(len(w) for w in line.split()) > 30 for line in result.text.splitlines())


PATHOLOGICAL = {
    "one 5 MB line": "Wort " * 1_000_000,
    "100,000 blank lines": "Titel\n" + "\n" * 100_000 + "Text.",
    "deep bullets": "Titel\n\n" + "-\n" * 50_000,
    "one long word": "a" * 2_000_000,
    "many short-item headings": "Titel\n\n" + "WEITERE MELDUNGEN\n– x\n" * 20_000,
}


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".eml"])
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_is_parsed_in_bounded_time(suffix: str, name: str) -> None:
    text = PATHOLOGICAL[name]
    if suffix == ".jsonl":
        text = json.dumps({"title": "T", "text": text})
    elif suffix == ".eml":
        text = f"From: A <a@example.org>\nSubject: T\nContent-Type: text/plain\n\n{text}"
    elif suffix == ".html":
        text = f"<html><body><article><p>{text}</p></article></body></html>"
    start = time.perf_counter()
    with contextlib.suppress(SkipFile):
        parse(text, filename=f"x{suffix}")
    assert time.perf_counter() - start < 20, f"{name} as {suffix} took too long"
