"""The order of the issue: the news, not the length; sections by ressort; opinion apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from digest import rank
from digest.config import SectionRule
from digest.models import Article, Source, SourceRef, Story
from digest.rank.importance import recency, ressort_weight
from digest.rank.sections import builtin_sections, section_of, url_folders

NOW = dt.datetime(2026, 3, 13, 6, 30, tzinfo=dt.UTC)
SECTIONS = builtin_sections(lambda text: text)  # the English names


def article(
    title: str, *, outlet: str = "Tagesblatt", url: str | None = None, hours: float = 6,
    ressort: str = "", kicker: str = "", body: str = "", position: int | None = None,
) -> Article:  # fmt: skip
    return Article(
        title=title, body=body or f"{title}. " + "Ein Satz mit Inhalt für die Leser. " * 4,
        source=Source(name=outlet, file=f"{outlet}.txt", url=url), kicker=kicker,
        ressort=ressort, published=NOW - dt.timedelta(hours=hours), position=position,
    )  # fmt: skip


def ranked(*groups: list[Article]) -> list[str]:
    """Rank one story per group (as the build merges them); return the headlines in order."""
    stories = [
        Story(headline=g[0].title, summary="", body=g[0].body,
              sources=[SourceRef.of(a) for a in g], kicker=g[0].kicker)
        for g in groups
    ]  # fmt: skip
    return [s.headline for s in rank.rank(stories, groups, SECTIONS, NOW)]


def test_independent_outlets_weigh_most() -> None:
    alone = [article("Allein berichtet", hours=1, ressort="Politik")]
    three = [article("Dreifach", outlet=o, hours=20, ressort="Panorama")
             for o in ("Tagesblatt", "Rheinpost", "Kurier")]  # fmt: skip
    assert ranked(alone, three) == ["Dreifach", "Allein berichtet"]


def test_one_outlet_twice_is_one_outlet() -> None:
    twice = [article("Zweimal", outlet="Tagesblatt", hours=20), article("Zweimal", hours=21)]
    fresh = [article("Neu", hours=1)]
    assert ranked(twice, fresh) == ["Neu", "Zweimal"]


def test_a_newsletters_lead_and_breaking_news_rise() -> None:
    lead = [article("Aufmacher", position=0, hours=10)]
    third = [article("Dritte Meldung", position=2, hours=10)]
    plain = [article("Gewöhnlich", hours=10)]
    breaking = [article("Eilmeldung: Rücktritt des Bürgermeisters", hours=10)]
    assert ranked(plain, third, breaking, lead) == [
        "Aufmacher", "Eilmeldung: Rücktritt des Bürgermeisters", "Dritte Meldung", "Gewöhnlich"
    ]  # fmt: skip


def test_newer_news_first_and_length_plays_no_part() -> None:
    long_old = [article("Lang und alt", hours=30, body="Ein langer Satz. " * 300)]
    short_new = [article("Kurz und neu", hours=2)]
    assert ranked(long_old, short_new) == ["Kurz und neu", "Lang und alt"]


def test_the_ressort_counts_in_the_configured_order() -> None:
    local = [article("Stadtfest", url="https://www.tagesspiegel.de/berlin/stadtfest/1.html")]
    politics = [article("Haushalt", url="https://www.zeit.de/politik/deutschland/2020-11/haushalt")]
    assert ranked(local, politics) == ["Haushalt", "Stadtfest"]
    assert ressort_weight(0, 7) == 1.0 and ressort_weight(6, 7) == 0.0
    assert ressort_weight(None, 7) == 0.5


def test_opinion_comes_after_all_news_and_is_marked() -> None:
    comment = [article("Die Rente muss steigen", outlet="Rheinpost", hours=1,
                       body="Ist das gerecht? Ein Kommentar. Die Alten zahlen die Zeche. " * 3)]
    news = [article("Rentenerhöhung beschlossen", hours=30)]
    stories = [Story(headline=g[0].title, summary="", body=g[0].body,
                     sources=[SourceRef.of(g[0])]) for g in (comment, news)]  # fmt: skip
    out = rank.rank(stories, [comment, news], SECTIONS, NOW)
    assert [(s.headline, s.section, s.opinion) for s in out] == [
        ("Rentenerhöhung beschlossen", "", False),
        ("Die Rente muss steigen", "Opinion", True),
    ]


def test_a_story_without_text_never_leads() -> None:
    empty = [article("Nur ein Teaser", position=0, hours=1, body="Kurz.")]
    full = [article("Mit Text", hours=20)]
    assert ranked(empty, full) == ["Mit Text", "Nur ein Teaser"]


@pytest.mark.parametrize(
    ("hours", "expected"), [(0, 1.0), (12, 0.75), (48, 0.0), (90, 0.0), (-5, 1.0)]
)
def test_recency_falls_over_two_days(hours: float, expected: float) -> None:
    assert recency(NOW - dt.timedelta(hours=hours), NOW) == expected
    assert recency(None, NOW) == 0.5


@pytest.mark.parametrize(
    ("fields", "section"),
    [
        ({"ressort": "Außenpolitik"}, "Politics"),
        ({"url": "https://www.sueddeutsche.de/wirtschaft/dm-kunden-1.511"}, "Business"),
        ({"url": "https://www.zeit.de/wissen/gesundheit/2020-11/corona"}, "Science"),
        ({"url": "https://www.sueddeutsche.de/muenchen/starnberg/see-1.5"}, "Regional"),
        ({"kicker": "Fußball"}, "Sports"),
        ({"ressort": "Kultur", "url": "https://www.zeit.de/politik/a"}, "Culture"),  # line first
        ({"url": "https://www.sueddeutsche.de/kolumne/halbe-sachen-1.5"}, "Opinion"),
        ({"ressort": "Politik", "kicker": "Kommentar"}, "Opinion"),
        ({"body": "Ein Gastbeitrag von Anna Muster. Die Schuldenbremse muss weg. " * 3},
         "Opinion"),
        ({"url": "https://www.zeit.de/2020/47/biontech-impfstoff"}, None),  # no cue at all
    ],
)  # fmt: skip
def test_the_section_comes_from_ressort_url_folders_and_kicker(
    fields: dict[str, str], section: str | None
) -> None:
    found = section_of(article("Titel", **fields), SECTIONS)  # type: ignore[arg-type]
    assert (found.name if found else None) == section


def test_a_newsletters_story_is_filed_by_its_kicker_not_by_the_newsletters_address() -> None:
    briefing = "https://www.sueddeutsche.de/politik/nachrichten-corona-merkel-1.5142839"
    web = article("Dortmund gewinnt die Gruppe", url=briefing, ressort="Politik")
    assert section_of(web, SECTIONS).name == "Politics"  # type: ignore[union-attr]
    piece = replace(web, newsletter=True)
    assert section_of(piece, SECTIONS) is None
    assert section_of(replace(piece, kicker="Fußball"), SECTIONS).name == "Sports"  # type: ignore[union-attr]


def test_url_folders_leave_out_the_slug_and_dates() -> None:
    assert url_folders("https://www.zeit.de/politik/ausland/2020-11/libyen-wahl") == [
        "politik", "ausland"
    ]  # fmt: skip


def test_configured_sections_replace_the_built_in_ones() -> None:
    sections = rank.sections_for(
        [SectionRule(name="Hamburg", match=["hamburg"]), SectionRule(name="Rest", match=["x"]),
         SectionRule(name="Standpunkte", match=["kommentar"], opinion=True)],
        lambda text: text,
    )  # fmt: skip
    hamburg = article("Elbe", url="https://www.zeit.de/hamburg/2020-11/elbe")
    assert section_of(hamburg, sections).name == "Hamburg"  # type: ignore[union-attr]
    comment = replace(article("Meinung"), kicker="Kommentar")
    assert section_of(comment, sections).name == "Standpunkte"  # type: ignore[union-attr]


def test_a_past_issue_is_measured_at_the_end_of_its_day() -> None:
    tz = dt.timezone(dt.timedelta(hours=1))
    assert rank.reference_time(dt.date(2020, 11, 12), tz, NOW) == dt.datetime(
        2020, 11, 13, tzinfo=tz
    )
    assert rank.reference_time(NOW.date(), dt.UTC, NOW) == NOW


def test_a_story_told_only_by_pieces_about_the_news_comes_after_its_reports() -> None:
    comment = ("Ich meine: Die Stadt müsste ehrlicher sein. Wir sollten uns darauf einstellen, "
               "dass es teurer wird. Aber ist das Geld gut angelegt? Ich glaube schon. ") * 2
    report = [article("Stadtrat beschließt neue Straßenbahnlinie", hours=4, ressort="Politik")]
    view = [article("Endlich eine Tram", hours=1, ressort="Politik", body=comment)]
    assert ranked(view, report) == ["Stadtrat beschließt neue Straßenbahnlinie",
                                    "Endlich eine Tram"]  # fmt: skip
    # The same text as a report's second source does not pull the story down.
    both = [*report, article("Endlich eine Tram", outlet="Rheinpost", body=comment)]
    older = [article("Haushalt beschlossen", hours=3, ressort="Politik")]
    assert ranked(older, both)[0] == "Stadtrat beschließt neue Straßenbahnlinie"
