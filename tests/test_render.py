"""The rendered issue: golden files, email-safe HTML, the size budget, 78-column plaintext."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from digest.config import load_config
from digest.models import Issue, IssueItem, SourceRef, Story, issue_from_json
from digest.render import render, shorten
from digest.render.templating import wrap
from tests.conftest import DATA

GOLDEN = DATA / "golden"
REGENERATE = os.environ.get("DIGEST_REGEN_GOLDEN") == "1"


def scenario(name: str) -> tuple[Issue, object]:
    folder = GOLDEN / name
    issue = issue_from_json(json.loads((folder / "issue.json").read_text("utf-8")))
    return issue, load_config(folder / "config.yaml")


@pytest.mark.parametrize("name", ["two_sources_same_story"])
@pytest.mark.parametrize("kind", ["html", "txt"])
def test_golden(name: str, kind: str) -> None:
    issue, config = scenario(name)
    rendered = render(issue, config)  # type: ignore[arg-type]
    actual = rendered.html if kind == "html" else rendered.text
    expected = GOLDEN / name / "expected" / f"issue.{kind}"
    if REGENERATE:
        expected.write_text(actual, "utf-8")
    assert actual == expected.read_text("utf-8"), "set DIGEST_REGEN_GOLDEN=1 to regenerate"


@pytest.fixture
def rendered():
    issue, config = scenario("two_sources_same_story")
    return render(issue, config)  # type: ignore[arg-type]


def test_html_is_email_safe(rendered) -> None:
    html = rendered.html
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="de"' in html
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html or "&lt;script&gt;" in html
    assert '<link rel="stylesheet"' not in html
    assert html.count('role="presentation"') >= 3
    assert re.search(r'<a name="story-1" id="story-1"[^>]*></a>', html)
    assert 'href="#story-2"' in html and 'href="#items"' in html
    assert "prefers-color-scheme" in html


def test_layout_css_is_inlined(rendered) -> None:
    headline = re.search(r"<h1 class=\"headline\" style='([^']+)'", rendered.html)
    assert headline and "font-size:24px" in headline.group(1).replace(" ", "")
    # Only the responsive/dark-mode block stays a <style> element.
    assert rendered.html.count("<style") == 1
    assert "@media (prefers-color-scheme: dark)" in rendered.html
    assert "!important" in rendered.html


def test_german_labels_dates_and_sources(rendered) -> None:
    html, text = rendered.html, rendered.text
    for out in (html, text):
        assert "Mittwoch, 3. Dezember 2025" in out
        assert "In dieser Ausgabe" in out
        assert "Weitere Meldungen" in out.replace("WEITERE MELDUNGEN", "Weitere Meldungen")
        assert "auch berichtet von" in out
        assert "Min. Lesezeit" in out
        assert "Impressum" in out
        assert "Abbestellen" in out
        assert "Im Browser lesen" in out
    assert "Quellen:" in text and "Quelle:" in text
    assert "(Morgenlage und Abendbrief)" in text


def test_plaintext_is_78_columns_with_numbered_links(rendered) -> None:
    text = rendered.text
    for line in text.splitlines():
        assert len(line) <= 78 or re.search(r"https?://\S{20,}", line), line
    assert "„" not in text or "“" in text
    links = re.findall(r"^\[(\d+)\] (https://\S+)$", text, re.MULTILINE)
    assert [n for n, _ in links] == [str(i) for i in range(1, len(links) + 1)]
    assert ("1", "https://digest.example/archiv/2025-12-03/index.html") in links
    assert "Tagesblatt [2]" in text


def test_preheader_carries_the_top_headlines(rendered) -> None:
    match = re.search(r'<div style="display:\s*none[^>]*>([^<&]+)', rendered.html)
    assert match
    assert match.group(1).startswith("Stadtrat beschließt Neubau der Nordbrücke · Pegel")


def _many_stories(n: int, words: int) -> Issue:
    issue, _ = scenario("two_sources_same_story")
    ref = SourceRef(name="Quelle", file="x.txt", url="https://example.org/a")
    stories = [
        Story(headline=f"Meldung Nummer {i}", summary="Kurz.", sources=[ref],
              body=" ".join(f"Satz{i} mit Wort{j}." for j in range(words)))
        for i in range(n)
    ]  # fmt: skip
    return dataclasses.replace(issue, stories=stories)


def test_over_budget_bodies_are_shortened_then_stories_dropped() -> None:
    _, config = scenario("two_sources_same_story")
    result = render(_many_stories(300, 400), config)  # type: ignore[arg-type]
    assert result.html_bytes <= 102_400
    assert result.shortened and result.dropped > 0
    assert result.shown + result.dropped == 300
    assert f"Mehr im Web – {result.dropped} weitere Meldungen:" in result.html
    assert f"Mehr im Web – {result.dropped} weitere Meldungen:" in result.text
    assert "stories left out to fit the size budget" in " ".join(result.warnings)


def test_a_small_issue_is_neither_shortened_nor_trimmed(rendered) -> None:
    assert (rendered.shortened, rendered.dropped, rendered.shown) == (False, 0, 2)
    assert rendered.html_bytes < 102_400


def test_english_locale_gives_a_fully_english_issue(tmp_path: Path) -> None:
    issue, config = scenario("two_sources_same_story")
    english = render(dataclasses.replace(issue, locale="en_US"), config.replace(locale="en_US"))  # type: ignore[attr-defined]
    for out in (english.html, english.text):
        assert "Wednesday, December 3, 2025" in out
        assert "In this issue" in out and "also reported by" in out and "min read" in out
        for german in ("Quelle", "Weitere Meldungen", "Lesezeit", "Abbestellen", "Mittwoch"):
            assert german not in out, german
    assert '<html lang="en"' in english.html


def test_user_templates_override_one_file(tmp_path: Path) -> None:
    issue, config = scenario("two_sources_same_story")
    (tmp_path / "footer.html").write_text("<p>Eigener Fuß</p>", "utf-8")
    result = render(issue, config.replace(templates=tmp_path))  # type: ignore[attr-defined]
    assert "Eigener Fuß" in result.html
    assert "Stadtrat beschließt Neubau der Nordbrücke" in result.html


def test_an_empty_issue_says_so() -> None:
    issue, config = scenario("two_sources_same_story")
    empty = render(dataclasses.replace(issue, stories=[], items=[]), config)  # type: ignore[arg-type]
    assert "Heute gibt es keine neuen Meldungen." in empty.html
    assert "Heute gibt es keine neuen Meldungen." in empty.text


def test_sources_are_named_once_and_unsafe_urls_are_not_linked() -> None:
    issue, config = scenario("two_sources_same_story")
    refs = [SourceRef(name=n, file=f"{n}.txt", url=u) for n, u in [
        ("Tagesblatt", "https://tagesblatt.example/a"), ("Rheinpost", "javascript:alert(1)"),
        ("Rheinpost", None), ("Morgenlage", None), ("Tagesblatt", None)]]  # fmt: skip
    story = dataclasses.replace(issue.stories[0], sources=refs)
    result = render(dataclasses.replace(issue, stories=[story], items=[]), config)  # type: ignore[arg-type]
    meta = re.search(r'<p class="meta"[^>]*>(.*?)</p>', result.html, re.DOTALL)
    assert meta
    text = re.sub(r"<[^>]+>", "", meta.group(1))
    assert text == (
        "Quellen: Tagesblatt – auch berichtet von Rheinpost, Morgenlage · 1 Min. Lesezeit"
    )
    assert "javascript" not in result.html and 'href="None"' not in result.html
    assert "Quellen: Tagesblatt [2] – auch berichtet von Rheinpost, Morgenlage" in result.text


def test_over_budget_items_are_capped_with_a_note() -> None:
    issue, config = scenario("two_sources_same_story")
    ref = SourceRef(name="Morgenlage", file="m.eml")
    items = [IssueItem(text=f"Meldung {i}: " + "Wort " * 40, sources=[ref]) for i in range(600)]
    result = render(dataclasses.replace(issue, items=items), config)  # type: ignore[arg-type]
    assert result.html_bytes <= 102_400
    assert result.dropped == 0, "stories stay; the short items give way first"
    kept = result.html.count("Meldung ")
    assert 0 < kept <= 20
    assert f"und {600 - kept} weitere" in result.html and f"und {600 - kept} weitere" in result.text
    assert f"{600 - kept} short items left out to fit the size budget" in result.warnings


def test_left_out_items_point_to_the_web_version_which_holds_them_all() -> None:
    issue, config = scenario("two_sources_same_story")
    config = dataclasses.replace(config, archive_url="https://digest.beispiel.de/archiv")
    ref = SourceRef(name="Morgenlage", file="m.eml")
    items = [IssueItem(text=f"Meldung {i}: " + "Wort " * 40, sources=[ref]) for i in range(600)]
    result = render(dataclasses.replace(issue, items=items), config)  # type: ignore[arg-type]
    rest = 600 - result.html.count("Meldung ")
    web = f"https://digest.beispiel.de/archiv/{issue.date.isoformat()}/index.html"
    assert re.search(rf'und {rest} weitere – <a href="{re.escape(web)}"[^>]*>Im Browser lesen</a>',
                     result.html)  # fmt: skip
    assert re.search(rf"und {rest} weitere – Im Browser lesen: \[\d+\]", result.text)
    assert result.web.count("Meldung ") == 600 and "weitere" not in result.web


def test_shortening_keeps_paragraphs_apart() -> None:
    body = "Erster Satz mit fünf Wörtern.\n\n**Laut Krone:** Zweiter Satz hier. Dritter Satz dort."
    assert (
        shorten(body, 8) == "Erster Satz mit fünf Wörtern.\n\n**Laut Krone:** Zweiter Satz hier. …"
    )


def test_shortening_never_ends_on_a_sentence_announcing_what_is_cut() -> None:
    body = (
        "Der Rat von Lindenau hat die neuen Regeln beschlossen. Die wichtigsten im Überblick:"
        "\n\nDie Läden schließen um 20 Uhr. Die Schulen bleiben offen."
    )
    assert shorten(body, 12) == "Der Rat von Lindenau hat die neuen Regeln beschlossen. …"


def test_plaintext_never_breaks_a_number_from_the_word_after_it() -> None:
    line = ("Quellen: Westrieder Bote [1] – auch berichtet von Ostheimer Zeitung [2] · "
            "1 Min. Lesezeit")
    assert wrap(line).splitlines() == [
        "Quellen: Westrieder Bote [1] – auch berichtet von Ostheimer Zeitung [2] ·",
        "1 Min. Lesezeit",
    ]
