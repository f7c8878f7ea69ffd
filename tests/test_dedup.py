"""Grouping: same event merges, same topic does not; items across newsletters."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from pipeline import stories_and_items
from test_dedup_fixtures import (
    BRIDGE_A,
    BRIDGE_B,
    NEWSLETTER,
    NEWSLETTER_2,
    UKRAINE_ISTANBUL,
    UKRAINE_PARIS,
)

from digest import api
from digest.config import DedupConfig
from digest.dedup.candidates import candidate_pairs
from digest.dedup.groups import cluster
from digest.dedup.similarity import feature_similarity
from digest.models import Item
from digest.text.features import extract, of_article


def test_same_event_from_two_outlets_merges() -> None:
    assert api.similarity(BRIDGE_A, BRIDGE_B) >= DedupConfig().threshold
    assert api.cluster([BRIDGE_A, BRIDGE_B]) == [[0, 1]]


def test_two_different_ukraine_meetings_do_not_merge() -> None:
    assert api.similarity(UKRAINE_PARIS, UKRAINE_ISTANBUL) < DedupConfig().threshold
    assert sorted(api.cluster([UKRAINE_PARIS, UKRAINE_ISTANBUL])) == [[0], [1]]


def test_similarity_is_symmetric_and_bounded() -> None:
    pairs = [(BRIDGE_A, BRIDGE_B), (BRIDGE_A, UKRAINE_PARIS), (UKRAINE_ISTANBUL, NEWSLETTER)]
    for a, b in pairs:
        assert api.similarity(a, b) == api.similarity(b, a)
        assert 0.0 <= api.similarity(a, b) <= 1.0
    assert api.similarity(BRIDGE_A, BRIDGE_A) > 0.99


def test_far_apart_dates_lower_the_score() -> None:
    later = replace(BRIDGE_B, published=BRIDGE_B.published.replace(year=2027))  # type: ignore[union-attr]
    assert api.similarity(BRIDGE_A, later) < api.similarity(BRIDGE_A, BRIDGE_B) / 10


def test_cluster_mixed_batch_groups_only_the_bridge() -> None:
    batch = [UKRAINE_PARIS, BRIDGE_A, NEWSLETTER, UKRAINE_ISTANBUL, BRIDGE_B, NEWSLETTER_2]
    assert cluster(batch) == [[1, 4], [0], [2], [3], [5]]


def test_threshold_comes_from_the_settings() -> None:
    strict = replace(DedupConfig(), threshold=0.99)
    assert cluster([BRIDGE_A, BRIDGE_B], strict) == [[0], [1]]


def test_blocking_proposes_the_duplicate_among_many_unrelated_texts() -> None:
    filler = [
        extract(f"Meldung {i}", f"Im Ort Beispiel{i} wurde am Montag das Fest Nummer {i} "
                f"gefeiert, Gäste aus Region{i} kamen mit Zug{i} und Bus{i} zum Markt{i}.")
        for i in range(80)
    ]  # fmt: skip
    feats = [*filler, of_article(BRIDGE_A), of_article(BRIDGE_B)]
    pairs = candidate_pairs(feats)
    assert (80, 81) in pairs
    assert len(pairs) <= 10 * len(feats)


def test_the_same_item_in_two_newsletters_appears_once_with_both_sources() -> None:
    _, items = stories_and_items([NEWSLETTER, NEWSLETTER_2], DedupConfig())
    zoo = [i for i in items if "Schneeleoparden" in i.text]
    assert len(zoo) == 1
    assert [s.name for s in zoo[0].sources] == ["Morgenlage", "Abendpost"]
    assert len(items) == 4


def test_an_item_that_is_another_sources_story_joins_that_story() -> None:
    stories, items = stories_and_items([BRIDGE_A, NEWSLETTER], DedupConfig())
    bridge = next(s for s in stories if "Rheinbrücke" in s.headline)
    assert [s.name for s in bridge.sources] == ["Tagesblatt", "Morgenlage"]
    assert bridge.sources[1].title.startswith("Neustadt hat die neue Rheinbrücke")
    assert not any("Rheinbrücke" in i.text for i in items)
    assert len(items) == 2


def test_an_item_joins_a_story_from_the_day_before() -> None:
    morning = replace(NEWSLETTER, published=BRIDGE_A.published + timedelta(days=1))
    stories, items = stories_and_items([BRIDGE_A, morning], DedupConfig())
    bridge = next(s for s in stories if "Rheinbrücke" in s.headline)
    assert [s.name for s in bridge.sources] == ["Tagesblatt", "Morgenlage"]
    assert len(items) == 2


def test_an_item_three_days_after_a_story_is_other_news() -> None:
    later = replace(NEWSLETTER, published=BRIDGE_A.published + timedelta(days=3))
    stories, items = stories_and_items([BRIDGE_A, later], DedupConfig())
    bridge = next(s for s in stories if "Rheinbrücke" in s.headline)
    assert [s.name for s in bridge.sources] == ["Tagesblatt"]
    assert sum("Rheinbrücke" in i.text for i in items) == 1


def test_the_same_item_three_days_apart_appears_twice() -> None:
    later = replace(NEWSLETTER_2, published=NEWSLETTER.published + timedelta(days=3))
    _, items = stories_and_items([NEWSLETTER, later], DedupConfig())
    zoo = [[s.name for s in i.sources] for i in items if "Schneeleoparden" in i.text]
    assert zoo == [["Morgenlage"], ["Abendpost"]]


def test_a_daily_columns_standing_line_does_not_chain_across_days() -> None:
    line = "Unsere Serie: Jeden Tag stellt ein Mensch aus der Stadt sein Lieblingsbuch vor."
    daily = [
        replace(NEWSLETTER, published=NEWSLETTER.published + timedelta(days=d),
                items=[Item(text=line)])
        for d in range(4)
    ]  # fmt: skip
    _, items = stories_and_items(daily, DedupConfig())
    start = NEWSLETTER.published
    days = [[(s.published - start).days for s in i.sources if s.published] for i in items]
    assert days == [[0, 1], [2, 3]]


def test_without_a_date_window_dates_do_not_split_items() -> None:
    later = replace(NEWSLETTER_2, published=NEWSLETTER.published + timedelta(days=3))
    _, items = stories_and_items([NEWSLETTER, later], DedupConfig(date_window_days=0))
    zoo = [i for i in items if "Schneeleoparden" in i.text]
    assert len(zoo) == 1 and len(zoo[0].sources) == 2


def test_items_of_one_newsletter_stay_separate() -> None:
    _, items = stories_and_items([NEWSLETTER], DedupConfig())
    assert len(items) == 3


def test_word_for_word_short_items_merge_and_empty_ones_vanish() -> None:
    first = replace(NEWSLETTER, items=[Item(text="Kurz: Regen."), Item(text=" ")])
    second = replace(NEWSLETTER_2, items=[Item(text="kurz:  Regen.")])
    _, items = stories_and_items([first, second], DedupConfig())
    assert [(i.text, len(i.sources)) for i in items] == [("Kurz: Regen.", 2)]


def test_no_articles_no_stories() -> None:
    assert stories_and_items([], DedupConfig()) == ([], [])


_ROUND_UP_OPENING = [
    "In Fulda eröffnete der Landrat am Montag eine neue Berufsschule für Pflegeberufe.",
    "Die Polizei in Gießen meldete einen Einbruch in ein Juweliergeschäft am Seltersweg.",
    "Der Landtag in Wiesbaden debattierte über die Finanzierung kommunaler Schwimmbäder.",
    "In Marburg feierte die Universität das Jubiläum ihrer ältesten Bibliothek.",
    "Darmstadt testet seit Mittwoch fahrerlose Kleinbusse auf zwei Linien im Osten.",
    "Bei Limburg sperrte die Bahn wegen Bauarbeiten die Strecke nach Frankfurt.",
]
_CASSEL_LEAD = (
    "Der Kasseler Stadtrat hat am Dienstag ein neues Radwegenetz mit 40 Kilometern beschlossen."
)
_CASSEL_REPORT = extract(
    "Kasseler Stadtrat beschließt neues Radwegenetz",
    _CASSEL_LEAD + " Die Grünen setzten sich mit ihrem Antrag gegen die CDU durch."
    " Der Bau der ersten Abschnitte soll im Frühjahr beginnen.",
)


def test_a_lead_found_only_deep_in_a_round_up_counts_little() -> None:
    # A weekly round-up mentions the Kassel vote in its seventh sentence: the same words,
    # but not the same report. Found in the other's headline and first sentences, they count.
    deep = extract(
        "Was in Hessen diese Woche los war", " ".join([*_ROUND_UP_OPENING, _CASSEL_LEAD])
    )
    early = extract(
        "Was in Hessen diese Woche los war", " ".join([_CASSEL_LEAD, *_ROUND_UP_OPENING])
    )
    assert _CASSEL_REPORT.lead & deep.head < _CASSEL_REPORT.lead & early.head
    low = feature_similarity(_CASSEL_REPORT, deep)
    assert low < feature_similarity(_CASSEL_REPORT, early)
    assert low < DedupConfig().threshold
    assert low == feature_similarity(deep, _CASSEL_REPORT)


def test_hours_apart_keep_the_score_a_day_apart_halves_it() -> None:
    # Outlets report an event within hours; a day later it is a follow-up or the next
    # day's figures (the daily case count), which is another story.
    published = BRIDGE_A.published
    assert published is not None
    at = {h: replace(BRIDGE_B, published=published + timedelta(hours=h)) for h in (0, 6, 24)}
    base = api.similarity(BRIDGE_A, at[0])
    assert api.similarity(BRIDGE_A, at[6]) == base
    assert abs(api.similarity(BRIDGE_A, at[24]) - base / 2) < 1e-9
    assert DedupConfig().date_window_days == 0.5


def test_one_outlets_two_texts_need_most_of_their_words_shared() -> None:
    # Two meetings scoring 0.17 merge under a bar of 0.1 when two outlets tell them, and
    # stay apart when one outlet (one web host, "www." aside) does: under the same-outlet
    # bar (0.45) an outlet's two texts of a day are two events. Copies still merge.
    low = replace(DedupConfig(), threshold=0.1, group_threshold=0.1)
    assert cluster([UKRAINE_PARIS, UKRAINE_ISTANBUL], low) == [[0, 1]]
    host = replace(UKRAINE_PARIS.source, url="https://www.tagesblatt.example/paris")
    same = [replace(UKRAINE_PARIS, source=host),
            replace(UKRAINE_ISTANBUL, source=replace(host, url="https://tagesblatt.example/ist"))]
    assert sorted(cluster(same, low)) == [[0], [1]]
    copy = replace(BRIDGE_B, source=replace(BRIDGE_A.source, url="https://tagesblatt.example/b"))
    assert cluster([BRIDGE_A, copy]) == [[0, 1]]
    broken = replace(BRIDGE_B, source=replace(BRIDGE_B.source, url="http://[::1"))
    assert cluster([BRIDGE_A, broken]) == [[0, 1]]  # no host: no outlet, no error


def test_an_item_of_prose_left_without_its_stop_gets_one_and_a_headline_does_not() -> None:
    # A newsletter's link label ("Zur Meldung") took the item's full stop with it.
    first = replace(NEWSLETTER, items=[
        Item(text="In Lindenau brannte eine Scheune. Die Feuerwehr war mit 40 Kräften da"),
        Item(text="Stadtrat beschließt den Haushalt"),
    ])  # fmt: skip
    _, items = stories_and_items([first], DedupConfig())
    assert [i.text for i in items] == [
        "In Lindenau brannte eine Scheune. Die Feuerwehr war mit 40 Kräften da.",
        "Stadtrat beschließt den Haushalt",
    ]
