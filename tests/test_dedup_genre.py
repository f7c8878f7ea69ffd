"""A report and a piece about it (interview, explainer, commentary) stay two stories.

Our own German texts: a council's tram vote reported twice, the mayor interviewed on it,
an explainer and a commentary. The interview's words score just under the near-copy line,
well above the merge threshold, as close as the second report's: its shape keeps it apart.
"""

from __future__ import annotations

import datetime as dt

from digest.config import DedupConfig
from digest.dedup import cluster
from digest.dedup.genre import (
    LEANING,
    PIECE,
    is_piece,
    likelihood,
    piece_likelihood,
    says_so,
    shape,
)
from digest.dedup.scoring import GENRE_WORDS, Scorer, similarity
from digest.models import Article, Source
from digest.text.features import of_article

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
EXPLAINER = (
    "Lindenau bekommt eine Straßenbahn zum Klinikum. Die wichtigsten Fragen und Antworten."
    "\n\n## Wo soll die Linie fahren?\n\nVom Hauptbahnhof über die Weststadt bis zum Klinikum."
    "\n\n## Was kostet sie?\n\nRund 112 Millionen Euro, der Bund zahlt den größten Teil."
    "\n\n## Wann fährt die erste Bahn?\n\nNach den Plänen der Stadt im Jahr 2030."
)


SECOND_TITLE = "Straßenbahn zum Klinikum: Lindenauer Rat gibt grünes Licht"
SECOND = (
    "Lindenau erhält eine weitere Straßenbahnlinie. Mit 41 von 56 Stimmen votierten die "
    "Ratsmitglieder am Dienstag für die Linie 7, die vom Hauptbahnhof bis zum Klinikum "
    "fahren soll, wie die Stadt mitteilte. Das Vorhaben kostet 112 Millionen Euro.\n\n"
    "Oberbürgermeister Jonas Albrecht sagte, die Weststadt bekomme endlich ihren Anschluss. "
    "Der Bund trägt nach Angaben der Stadt 75 Prozent der Kosten. Die Opposition kritisierte "
    "die Ausgaben als zu hoch.\n\nGeplant sind elf Haltestellen. Die ersten Bahnen sollen "
    "nach Angaben der Verkehrsbetriebe im Jahr 2030 rollen."
)
COMMENT = (
    "Wir reden in Lindenau seit dreißig Jahren über eine Straßenbahn zum Klinikum. Jetzt "
    "kommt sie, und das ist gut so. Aber ist sie das Geld wert?\n\n"
    "Ich meine: ja. Wer je mit dem Bus durch die Weststadt gefahren ist, weiß, wie lange man "
    "zum Krankenhaus braucht. Die Stadt müsste nur ehrlicher sein, was die Kosten angeht.\n\n"
    "Denn billig wird es nicht. Wir sollten uns darauf einstellen, dass es teurer wird, als "
    "der Rat heute glaubt. Und wir sollten die Schulen nicht vergessen, die auch warten.\n\n"
    "Trotzdem: Eine Stadt, die ihre Kranken nicht erreicht, hätte ein größeres Problem als "
    "eine teure Bahn. Mutig wäre es gewesen, schon vor zehn Jahren zu bauen."
)
# An analysis that weighs the vote more than it reports it: likelier a piece than not, but
# not as plainly as the commentary.
ANALYSIS_TITLE = "Die Tram zum Klinikum und ihr Preis"
ANALYSIS = (
    "Lange hat Lindenau über eine Tram gestritten, nun ist die Entscheidung gefallen. "
    "Die Weststadt wartet seit Jahrzehnten auf eine Anbindung, und wer dort wohnt, braucht mit "
    "dem Bus fast eine Stunde zum Krankenhaus.\n\n"
    "Billig wird die Bahn nicht. Der Bund trägt den größten Teil, doch die Stadt könnte am "
    "Ende mehr zahlen, als sie heute plant: Bauprojekte dieser Größe werden selten günstiger.\n\n"
    "Die Opposition verweist auf die Schulen. Ihr Einwand ist nicht falsch, aber eine Stadt "
    "muss beides leisten."
)


def article(name: str, title: str, body: str, hours: float = 0.0) -> Article:
    """One text of outlet ``name``, published ``hours`` after DAY."""
    return Article(title=title, body=body, source=Source(name, f"{name.lower()}.txt"),
                   published=DAY + dt.timedelta(hours=hours))  # fmt: skip


def test_an_interview_on_the_vote_is_not_merged_into_the_report() -> None:
    report = article("Rheinpost", REPORT_TITLE, REPORT)
    second = article("Nordkurier", SECOND_TITLE, SECOND, 2)
    interview = article("Tagesblatt", INTERVIEW_TITLE, INTERVIEW, 3)
    # By their words, the interview is as much the same event as the second report ...
    assert 0.35 <= similarity(report, interview) < GENRE_WORDS
    assert 0.35 <= similarity(report, second) < GENRE_WORDS
    assert cluster([report, second]) == [[0, 1]]
    # ... but it is told as itself.
    assert cluster([report, second, interview]) == [[0, 1], [2]]


def test_the_form_and_the_style_tell_a_report_from_pieces_about_it() -> None:
    for name, title, body in (("Rheinpost", REPORT_TITLE, REPORT),
                              ("Nordkurier", SECOND_TITLE, SECOND)):  # fmt: skip
        assert not is_piece(article(name, title, body))
        assert likelihood(shape(article(name, title, body))) < 0.2
    assert says_so(article("Tagesblatt", INTERVIEW_TITLE, INTERVIEW))
    assert says_so(article("Tagesblatt", "Die Tram kommt", EXPLAINER))
    announced = article("Tagesblatt", "Endlich eine Tram", f"Ein Kommentar von Anna Berg. {REPORT}")
    assert says_so(announced) and is_piece(announced)
    # A commentary that does not say it is one: "ich", "wir", a question, "müsste", no source.
    comment = article("Tagesblatt", "Endlich eine Tram", COMMENT)
    assert not says_so(comment)
    assert likelihood(shape(comment)) >= PIECE
    # One question heading, or a quote opened by a name, does not make a report a piece.
    quoted = article("Rheinpost", REPORT_TITLE,
                     f"## Was kostet die Linie?\n\n{REPORT}\n\nAlbrecht: Ein guter Tag.")
    assert not says_so(quoted) and not is_piece(quoted)


def test_a_copy_of_a_piece_is_one_story_with_it() -> None:
    first = article("Tagesblatt", INTERVIEW_TITLE, INTERVIEW)
    asked = INTERVIEW.replace("Tagesblatt:", "Rheinpost:")
    second = article("Rheinpost", INTERVIEW_TITLE, asked, 2)
    assert cluster([first, second]) == [[0, 1]]


def test_the_shares_the_model_reads_are_shares() -> None:
    for body in (REPORT, INTERVIEW, EXPLAINER, COMMENT, ""):
        values = shape(article("Rheinpost", INTERVIEW_TITLE, body))
        assert len(values) == 13 and all(0.0 <= v <= 1.0 for v in values)


def test_indirect_speech_reads_as_a_report() -> None:
    # What the mayor said, told as what he said (Konjunktiv I) or as the text's own claim:
    # the same sentences, the same figures; only the reporting form differs.
    said = ("Die neue Linie sei ein Gewinn für die Weststadt. Der Bau solle im Frühjahr "
            "beginnen. Es gebe keine Alternative zur Straßenbahn. Die Kosten seien tragbar.")
    claimed = ("Die neue Linie ist ein Gewinn für die Weststadt. Der Bau soll im Frühjahr "
               "beginnen. Es gibt keine Alternative zur Straßenbahn. Die Kosten sind tragbar.")
    reported = article("Rheinpost", REPORT_TITLE, said)
    own = article("Rheinpost", REPORT_TITLE, claimed)
    assert shape(reported)[12] == 1.0 and shape(own)[12] == 0.0
    assert piece_likelihood(reported) < piece_likelihood(own)


def test_a_commentary_printed_again_the_next_evening_is_one_story_with_itself() -> None:
    first = article("Tagesblatt", "Endlich eine Tram", COMMENT)
    again = article("Tagesblatt", "Endlich eine Tram!", COMMENT, 26)
    assert is_piece(first) and is_piece(again)
    assert cluster([first, again]) == [[0, 1]]


def test_a_likely_piece_stays_apart_where_only_the_model_would_merge_it() -> None:
    report = article("Rheinpost", REPORT_TITLE, REPORT)
    analysis = article("Tagesblatt", ANALYSIS_TITLE, ANALYSIS, 3)
    assert LEANING <= likelihood(shape(analysis)) < PIECE
    assert not is_piece(analysis) and is_piece(analysis, LEANING)
    words = similarity(report, analysis)
    pair = [report, analysis], [of_article(report), of_article(analysis)]
    # Under the threshold (the band, where only the sentence model would merge): apart.
    band = Scorer(*pair, DedupConfig(threshold=words + 0.05, semantic_low=words - 0.05))
    assert band.apart(0, 1) and band(0, 1) == 0.0
    # From the threshold on, the words say it is the event: only a plain piece stays apart.
    clear = Scorer(*pair, DedupConfig(threshold=words - 0.01, semantic_low=words - 0.05))
    assert not clear.apart(0, 1) and clear(0, 1) == words
