"""A report and a piece about it (interview, explainer, commentary) stay two stories.

Our own German texts: a council's tram vote reported, and the mayor interviewed on it.
Their words score just under the near-copy line, well above the merge threshold: the
interview's shape (its speakers' turns) keeps them apart, and the same words without the
turns still merge, so it is the shape that decides.
"""

from __future__ import annotations

import datetime as dt

from digest.dedup import cluster
from digest.dedup.genre import about_news
from digest.dedup.scoring import GENRE_WORDS, similarity
from digest.models import Article, Source

DAY = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
REPORT_TITLE = "Lindenauer Stadtrat beschließt neue Straßenbahnlinie zum Klinikum"
REPORT = (
    "Der Stadtrat von Lindenau hat am Dienstagabend den Bau einer neuen Straßenbahnlinie "
    "beschlossen. Für die Linie 7 stimmten 41 von 56 Ratsmitgliedern, wie die Stadtverwaltung "
    "mitteilte. Die Bahn soll vom Hauptbahnhof über die Weststadt bis zum Klinikum fahren.\n\n"
    "Die Kosten liegen nach Angaben der Stadt bei 112 Millionen Euro. Der Bund übernimmt "
    "75 Prozent, das Land weitere 15 Prozent. Oberbürgermeister Jonas Albrecht sagte, es sei "
    "ein guter Tag für die Stadt.\n\n"
    "Die Opposition kritisierte die Ausgaben. „Das Geld fehlt bei den Schulen“, sagte "
    "Fraktionschefin Petra Lang. Geplant sind elf Haltestellen. Die ersten Bahnen sollen "
    "nach Angaben der Verkehrsbetriebe im Jahr 2030 rollen."
)
INTERVIEW_TITLE = "„Die Straßenbahn zum Klinikum ist überfällig“"
TURNS = (
    ("Tagesblatt", "Herr Albrecht, so viel Geld für eine Tram. Ist das nicht zu viel?"),
    ("Albrecht", "Nein. Der Bund übernimmt den größten Teil, und die Weststadt wartet seit "
                 "Jahrzehnten auf eine Anbindung. Ich halte die Linie für überfällig."),
    ("Tagesblatt", "Die Opposition sagt, das Geld fehle bei den Schulen."),
    ("Albrecht", "Das sehe ich anders. Wir bauen auch Schulen, aber wir müssen die Stadt "
                 "zusammenhalten. Patienten und Pflegekräfte brauchen einen Weg zum Klinikum."),
    ("Tagesblatt", "Wann fahren die ersten Bahnen?"),
    ("Albrecht", "Wenn alles gut geht, im Jahr 2030. Ich hoffe, dass wir schneller sind."),
)  # fmt: skip
LEAD = ("Der Stadtrat hat die Straßenbahnlinie 7 zum Klinikum beschlossen. Der Rathauschef "
        "über Geld, Kritik und Geduld.")  # fmt: skip
INTERVIEW = "\n\n".join([LEAD, *(f"{who}: {said}" for who, said in TURNS)])
UNMARKED = "\n\n".join([LEAD, *(said for _, said in TURNS)])  # the same words, no turns
EXPLAINER = (
    "Lindenau bekommt eine Straßenbahn zum Klinikum. Die wichtigsten Fragen und Antworten."
    "\n\n## Wo soll die Linie fahren?\n\nVom Hauptbahnhof über die Weststadt bis zum Klinikum."
    "\n\n## Was kostet sie?\n\nRund 112 Millionen Euro, der Bund zahlt den größten Teil."
    "\n\n## Wann fährt die erste Bahn?\n\nNach den Plänen der Stadt im Jahr 2030."
)


def article(name: str, title: str, body: str, hours: float = 0.0) -> Article:
    """One text of outlet ``name``, published ``hours`` after DAY."""
    return Article(title=title, body=body, source=Source(name, f"{name.lower()}.txt"),
                   published=DAY + dt.timedelta(hours=hours))  # fmt: skip


def test_an_interview_on_the_vote_is_not_merged_into_the_report() -> None:
    report = article("Rheinpost", REPORT_TITLE, REPORT)
    interview = article("Tagesblatt", INTERVIEW_TITLE, INTERVIEW, 3)
    unmarked = article("Tagesblatt", INTERVIEW_TITLE, UNMARKED, 3)
    assert 0.35 <= similarity(report, unmarked) < GENRE_WORDS  # by the words: one story
    assert cluster([report, unmarked]) == [[0, 1]]
    assert similarity(report, interview) == 0.0
    assert cluster([report, interview]) == [[0], [1]]


def test_the_shape_tells_a_report_from_pieces_about_it() -> None:
    assert not about_news(article("Rheinpost", REPORT_TITLE, REPORT))
    assert about_news(article("Tagesblatt", INTERVIEW_TITLE, INTERVIEW))
    assert about_news(article("Tagesblatt", "Die Tram kommt", EXPLAINER))
    comment = f"Ein Kommentar von Anna Berg. {REPORT}"
    assert about_news(article("Tagesblatt", "Endlich eine Tram", comment))
    # One heading asking a question, or a quote introduced by a name, is still a report.
    quoted = f"## Was kostet die Linie?\n\n{REPORT}\n\nAlbrecht: Ein guter Tag."
    assert not about_news(article("Rheinpost", REPORT_TITLE, quoted))


def test_two_interviews_on_one_vote_may_still_be_one_story() -> None:
    first = article("Tagesblatt", INTERVIEW_TITLE, INTERVIEW)
    asked = INTERVIEW.replace("Tagesblatt:", "Rheinpost:")
    second = article("Rheinpost", INTERVIEW_TITLE, asked, 2)
    assert cluster([first, second]) == [[0, 1]]
