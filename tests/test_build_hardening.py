"""Hostile input: nothing from an input reaches the HTML unescaped, whatever its shape."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pipeline import stories_and_items

from digest.api import SkipFile, parse, similarity
from digest.build import build_issue
from digest.config import Config, DedupConfig
from digest.models import Article, Issue, IssueItem, Item, Source, SourceRef, Story
from digest.render import render
from digest.render.markup import safe_url
from tests.conftest import DATA

FORBIDDEN_TAGS = {"script", "iframe", "svg", "img", "object", "embed", "form", "math", "base",
                  "link", "meta", "frame", "input"}
ALLOWED_META = {"charset", "viewport", "x-apple-disable-message-reformatting", "color-scheme",
                "supported-color-schemes"}


class _Scanner(HTMLParser):
    """Collect every active thing in the HTML: dangerous tags, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and ({"charset"} & set(values) or values.get("name") in ALLOWED_META):
            pass
        elif tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            low = (value or "").lower().replace(" ", "")
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and not re.match(r"(https?://|mailto:|#)", low):
                self.found.append(f"{tag} {name}={value}")
            if name == "style" and ("expression(" in low or "javascript:" in low or "url(" in low):
                self.found.append(f"{tag} style={value}")

    def handle_data(self, data: str) -> None:
        if "\u202e" in data or "\u200b" in data:
            self.found.append("invisible or bidi character")


def active_content(html: str) -> list[str]:
    """Return what in ``html`` could run code or mislead; our own <style> block excluded."""
    scanner = _Scanner()
    scanner.feed(re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL))
    return scanner.found


def test_the_xss_corpus_never_survives_into_the_html(tmp_path) -> None:
    config = Config(output=tmp_path)
    issue = build_issue(config, inputs=[DATA / "xss"], date=dt.date(2026, 1, 2))
    assert len(issue.stories) >= 2
    html = render(issue, config).html
    assert active_content(html) == []
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
    assert active_content(result.html) == []
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


def test_the_scanner_finds_what_it_guards_against() -> None:
    found = active_content(
        '<p onclick="x">a</p><img src="https://x.example/i.png"><a href="javascript:1">b</a>'
        '<div style="width: expression(1)">c</div><iframe></iframe>\u202e'
    )
    assert found == ["p onclick=", "<img>", "a href=javascript:1",
                     "div style=width: expression(1)", "<iframe>",
                     "invisible or bidi character"]  # fmt: skip


def test_the_xss_corpus_never_survives_into_the_email(tmp_path, invoke) -> None:
    import email
    from email.policy import default

    config = tmp_path / "config.yaml"
    config.write_text(
        f"inputs: ['{DATA / 'xss'}']\noutput: out\nmail:\n  to: [leser@example.org]\n", "utf-8"
    )
    assert invoke("build", "-c", config, "--date", "2026-01-02").exit_code == 0
    result = invoke("send", "-c", config, "--date", "2026-01-02", "--dry-run")
    assert result.exit_code == 0, result.output
    [eml] = (tmp_path / "out" / ".digest" / "dry-run" / "2026-01-02").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=default)
    html = message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert "Haushalt" in html
    assert active_content(html) == []
    assert all("\n" not in str(value) for value in message.values())


german = st.text(alphabet=st.sampled_from(list("abcdeäöüßnrstlm ABCDEÄÖÜ.,;:!?–„“0123456789\n")),
                 max_size=400)  # fmt: skip


@st.composite
def articles(draw: st.DrawFn) -> list[Article]:
    count = draw(st.integers(1, 6))
    return [
        Article(title=draw(german), body=draw(german), source=Source(name=f"Q{i}", file=f"{i}.txt"),
                items=[Item(text=draw(german)) for _ in range(draw(st.integers(0, 2)))])
        for i in range(count)
    ]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_dedup_and_merge_take_any_articles(batch: list[Article]) -> None:
    stories, items = stories_and_items(batch, DedupConfig())
    cited = sorted(s.file for story in stories for s in story.sources)
    assert set(cited) >= {a.source.file for a in batch if a.title.strip() or a.body.strip()} - {
        s.file for item in items for s in item.sources
    }
    for story in stories:
        assert len(story.summary.split()) <= 60
        assert story.words <= DedupConfig().max_story_words + 60
    a, b = batch[0], batch[-1]
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, b) == pytest.approx(similarity(b, a))


def test_a_pathological_input_builds_a_whole_issue_in_bounded_time(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "lang.txt").write_text("Titel\n\n" + "Wort und Satz. " * 300_000, "utf-8")
    (inbox / "leer.txt").write_text("Titel\n" + "\n" * 100_000 + "Text.", "utf-8")
    config = Config(output=tmp_path / "out")
    start = time.perf_counter()
    issue = build_issue(config, inputs=[inbox], date=dt.date(2026, 1, 2))
    result = render(issue, config)
    assert time.perf_counter() - start < 60
    assert result.html_bytes <= 102_400
