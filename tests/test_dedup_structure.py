"""Text that is not one report, and template pairs: kept apart (our own German text)."""

from __future__ import annotations

import datetime as dt

from digest.config import DedupConfig
from digest.dedup import cluster
from digest.dedup.scoring import similarity
from digest.dedup.structure import pieces, template_pair
from digest.models import Article, Source

DAY = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
# One chamber of commerce's release, sent to two districts: the same sentences, other figures.
RELEASE = (
    "Die Handwerkskammer Oberland zieht eine gute Bilanz der Winterhilfe. Bislang seien "
    "mehr als {money} Millionen Euro an {firms} Betriebe im Landkreis {district} ausgezahlt "
    "worden, teilte die Kammer am Montag mit. Insgesamt gingen {requests} Anträge ein.\n\n"
    "Die Winterhilfe soll Verluste der Monate November und Dezember teilweise ausgleichen. "
    "Anträge waren bis Ende Januar möglich. Die meisten Gelder flossen an Bäckereien und "
    "Metzgereien, gefolgt von Friseurbetrieben."
)


def release(district: str, money: str, firms: str, requests: str, name: str) -> Article:
    """The release as one district's paper printed it."""
    body = RELEASE.format(money=money, firms=firms, district=district, requests=requests)
    return Article(title=f"Winterhilfe: Bilanz für {district}", body=body,
                   source=Source(name, f"{name}.txt"), published=DAY)  # fmt: skip


def test_one_release_for_two_districts_is_two_events() -> None:
    west = release("Westried", "2,4", "181", "205", "Westrieder Bote")
    east = release("Ostheim", "3,1", "240", "262", "Ostheimer Zeitung")
    assert similarity(west, east) == 0.0
    assert cluster([west, east]) == [[0], [1]]


def test_the_same_release_printed_twice_is_one_story() -> None:
    west = release("Westried", "2,4", "181", "205", "Westrieder Bote")
    copy = release("Westried", "2,4", "181", "205", "Kreisanzeiger")
    assert similarity(west, copy) > 0.8
    assert cluster([west, copy]) == [[0, 1]]


def test_an_update_with_one_new_figure_is_still_the_same_event() -> None:
    report = "Beim Brand einer Lagerhalle in Westried sind {} Menschen verletzt worden."
    first, later = report.format(3).lower().split(), report.format(5).lower().split()
    assert not template_pair(first, later)


TICKER = "\n\n".join(
    f"## {heading}\n\n{text}"
    for heading, text in [
        ("Rat beschließt Haushalt", "Der Stadtrat von Westried hat den Haushalt für 2027 mit "
         "großer Mehrheit beschlossen. Die Schulden sollen bis 2030 sinken."),
        ("Sturm deckt Dächer ab", "Ein Sturm hat in der Nacht mehrere Dächer in Ostheim "
         "abgedeckt. Verletzt wurde niemand, die Feuerwehr rückte zwölfmal aus."),
        ("Bäckerei schließt", "Die älteste Bäckerei der Altstadt schließt nach 120 Jahren. "
         "Der Inhaber findet keinen Nachfolger für den Betrieb."),
        ("Freibad öffnet früher", "Das Freibad am Weiher öffnet in diesem Jahr schon im April. "
         "Grund ist die neue Heizung des Beckens."),
    ]
)  # fmt: skip


def test_a_ticker_is_cut_into_its_sections_and_never_meets_another_ticker() -> None:
    assert [p.splitlines()[0] for p in pieces(TICKER)] == [
        "## Rat beschließt Haushalt", "## Sturm deckt Dächer ab", "## Bäckerei schließt",
        "## Freibad öffnet früher",
    ]  # fmt: skip
    evening = "\n\n".join([
        *TICKER.split("\n\n")[:4],
        "## Kita öffnet", "In Ostheim öffnet am Montag eine neue Kita mit vierzig Plätzen.",
        "## Markt verschoben", "Der Wochenmarkt findet wegen der Bauarbeiten am Dienstag statt.",
    ])  # fmt: skip
    one = Article(title="Westried am Morgen", body=TICKER, source=Source("A", "a.txt"))
    two = Article(title="Westried am Abend", body=evening, source=Source("B", "b.txt"))
    assert similarity(one, two) == 0.0
    assert cluster([one, two], DedupConfig()) == [[0], [1]]


def test_a_ticker_copied_whole_is_one_page() -> None:
    one = Article(title="Westried am Morgen", body=TICKER, source=Source("A", "a.txt"))
    copy = Article(title="Westried am Morgen", body=TICKER, source=Source("B", "b.txt"))
    assert similarity(one, copy) > 0.9


def test_a_ticker_joins_the_story_one_of_its_sections_reports() -> None:
    budget = Article(
        title="Westrieder Stadtrat beschließt Haushalt für 2027",
        body="Der Stadtrat von Westried hat am Montag den Haushalt für 2027 beschlossen, mit "
        "großer Mehrheit. Die Schulden der Stadt sollen bis 2030 deutlich sinken, sagte der "
        "Kämmerer. Die Opposition stimmte dagegen.",
        source=Source("Rheinpost", "rheinpost.txt"),
    )  # fmt: skip
    ticker = Article(title="Westried am Morgen", body=TICKER, source=Source("A", "a.txt"))
    assert cluster([budget, ticker]) == [[0, 1]]
    others = TICKER.split("\n\n", 2)[2] + "\n\n## Kita öffnet\n\nIn Ostheim öffnet eine Kita."
    without = Article(title="Westried am Morgen", body=others, source=Source("A", "a.txt"))
    assert pieces(others) and cluster([budget, without]) == [[0], [1]]
