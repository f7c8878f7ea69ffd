"""Every story reachable: the web version holds all, the email links what it leaves out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from digest.config import Config
from digest.models import Issue, SourceRef, Story
from digest.render import encoded_size, render

WORDS = "Der Stadtrat hat am Abend lange über den Haushalt der Stadt gestritten. " * 30


def story(n: int, section: str = "Politik", opinion: bool = False, url: bool = True) -> Story:
    source = SourceRef(
        name="Tagesblatt", file=f"inbox/{n}.txt",
        url=f"https://tagesblatt.example/meldung-{n}" if url else None,
    )  # fmt: skip
    return Story(
        headline=f"Meldung Nummer {n}", summary=f"Zusammenfassung {n}.", body=WORDS,
        sources=[source], section=section, opinion=opinion,
    )  # fmt: skip


def issue(*stories: Story) -> Issue:
    day = dt.date(2026, 3, 13)
    return Issue(date=day, locale="de_DE", title="Der Digest", stories=list(stories))


def test_sections_group_the_email_and_opinion_comes_last() -> None:
    rendered = render(
        issue(story(1), story(2, "Wirtschaft"), story(3, "Meinung", opinion=True), story(4)),
        Config(),
    )
    titles = re.findall(r'<h2 class="section-title"[^>]*>([^<]+)</h2>', rendered.html)
    assert titles == ["Politik", "Wirtschaft", "Meinung"]
    order = re.findall(r'<a name="(story-\d+)"', rendered.html)
    assert order == ["story-1", "story-4", "story-2", "story-3"]  # grouped, anchors by rank
    assert re.search(r'<p class="kicker"[^>]*>Meinung</p>', rendered.html)
    assert "\nPOLITIK\n" in rendered.text and "\nMEINUNG\n" in rendered.text


def test_stories_of_no_section_come_after_the_named_sections_before_opinion() -> None:
    rendered = render(
        issue(story(1, ""), story(2), story(3, "Meinung", opinion=True), story(4, "Wirtschaft")),
        Config(),
    )
    titles = re.findall(r'<h2 class="section-title"[^>]*>([^<]+)</h2>', rendered.html)
    assert titles == ["Politik", "Wirtschaft", "Weitere Themen", "Meinung"]
    assert "\nWEITERE THEMEN\n" in rendered.text


def test_one_section_needs_no_heading() -> None:
    rendered = render(issue(story(1), story(2)), Config())
    assert 'class="section-title"' not in rendered.html


def test_left_out_stories_link_into_the_web_version_which_holds_them_all() -> None:
    many = issue(*(story(n) for n in range(1, 41)))
    config = Config(archive_url="https://digest.beispiel.de/archiv", max_html_bytes=40_000)
    rendered = render(many, config)
    assert 0 < rendered.shown < 40 and rendered.dropped == 40 - rendered.shown
    web = "https://digest.beispiel.de/archiv/2026-03-13/index.html"
    first_left_out = rendered.shown + 1
    assert f'<a href="{web}#story-{first_left_out}"' in rendered.html
    assert 'Im Browser lesen</a>' in rendered.html and f'href="{web}"' in rendered.html
    # The web version: every story, each under the anchor the email links to, no budget.
    anchors = re.findall(r'<a name="story-(\d+)"', rendered.web)
    assert anchors == [str(n) for n in range(1, 41)]
    assert "<style>" in rendered.web and "Mehr im Web" not in rendered.web
    assert "Abbestellen" not in rendered.web  # no subscriber's link on a public page


def test_without_archive_url_left_out_stories_link_to_their_sources() -> None:
    stories = [story(n, url=n != 30) for n in range(1, 41)]
    rendered = render(issue(*stories), Config(max_html_bytes=40_000))
    assert "Im Browser lesen" not in rendered.html
    link = r'<li[^>]*><a href="https://tagesblatt\.example/meldung-(\d+)"'
    listed = re.findall(link, rendered.html)
    assert listed == [str(n) for n in range(rendered.shown + 1, 41) if n != 30]
    assert re.search(r"<li[^>]*>Meldung Nummer 30</li>", rendered.html)  # named, no link to give


def test_the_budget_counts_the_html_as_it_is_sent() -> None:
    umlauts = [dataclasses.replace(story(n), body="Grüße über „Öl“ – äöüß. " * 200)
               for n in range(1, 30)]  # fmt: skip
    rendered = render(issue(*umlauts), Config(max_html_bytes=60_000))
    assert encoded_size(rendered.html) <= 60_000 < encoded_size(rendered.web)
    assert len(rendered.html.encode()) < encoded_size(rendered.html)  # QP costs bytes
    assert rendered.html_bytes == encoded_size(rendered.html)
