"""A one-source story keeps its article's text: no paragraph lost to a keyword or its ending."""

from __future__ import annotations

import json

from digest.merge.single import single_story
from digest.models import Article, Source
from digest.parse import parse_input
from digest.readers import jsonl

SOURCE = Source("Tagesblatt", "tagesblatt.txt")

# An article as scrapers deliver it (one paragraph a line), written for this test.
ARTICLE = "\n".join([
    "Die Stadtwerke Lindenau erhöhen zum Jahreswechsel die Preise für Fernwärme um durchschnittlich"
    " zwölf Prozent, wie das Unternehmen am Montag mitteilte.",
    "Betroffen sind rund 14.000 Haushalte im Stadtgebiet. Wer den Newsletter der Stadtwerke"
    " bezieht, wurde bereits in der vergangenen Woche über die Pläne informiert, alle anderen"
    " erhalten in den nächsten Tagen einen Brief.",
    "Die Verbraucherzentrale kritisierte den Schritt und riet Kunden, die neuen Abschläge genau zu"
    " prüfen, mehr dazu will sie in einer Sprechstunde am Donnerstag erklären (Ob, mit dpa)",
    "Der Aufsichtsrat soll die Erhöhung in seiner nächsten Sitzung noch bestätigen, eine Mehrheit"
    " gilt nach Angaben aus dem Gremium aber als sicher",
])  # fmt: skip


def story_words(article: Article) -> str:
    summary, paragraphs = single_story(article, 400)
    return " ".join([summary, *(p.text for paragraph in paragraphs for p in paragraph)])


def parse_lines(*records: dict[str, str]) -> list[Article]:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    return parse_input(jsonl.read(data, "nacht.jsonl"))


def test_no_paragraph_is_dropped_for_a_keyword_or_its_ending() -> None:
    (article,) = parse_lines({"title": "Fernwärme wird teurer", "text": ARTICLE})
    story = story_words(article)
    for paragraph in ARTICLE.split("\n"):
        assert paragraph.split(", ")[0] in story
    assert "Wer den Newsletter der Stadtwerke bezieht" in story
    assert story.endswith("gilt nach Angaben aus dem Gremium aber als sicher")


def test_feed_teasers_ending_in_their_link_label_keep_their_text() -> None:
    # A feed passed on as JSON lines: the teaser and its "mehr … lesen" link in one paragraph.
    teasers = [
        ("Rover landet auf dem Mars", "Der Rover ist nach sieben Monaten Flug sicher gelandet."
         " Er soll Gestein nach Spuren von Leben untersuchen."),
        ("Rat beschließt Haushalt", "Der Stadtrat hat den Haushalt für 2027 beschlossen."
         " Mehr Geld gibt es für Schulen und Radwege."),
    ]  # fmt: skip
    articles = parse_lines(*(
        {"title": t, "text": f"{text} mehr Meldung bei www.beispielfunk.example lesen"}
        for t, text in teasers
    ))  # fmt: skip
    assert [story_words(a) for a in articles] == [text for _, text in teasers]


def test_a_sentence_telling_the_teaser_again_is_left_out_unless_it_adds_a_source() -> None:
    teaser = ("Der Stadtrat hat den Bau einer neuen Straßenbahnlinie zum Klinikum beschlossen. "
              "Sie soll 112 Millionen Euro kosten.")  # fmt: skip
    again = ("Der Stadtrat von Lindenau hat am Dienstag den Bau einer neuen Straßenbahnlinie "
             "zum Klinikum beschlossen.")  # fmt: skip
    news = "Oberbürgermeister Jonas Albrecht sprach von einem guten Tag für die ganze Stadt."
    sourced = ("Nach Angaben des Verkehrsministeriums von Sachsen trägt der Bund 75 Prozent der "
               "Kosten von 112 Millionen Euro.")  # fmt: skip
    body = f"{teaser}\n\n{again} {news}\n\n{sourced}"
    told = story_words(Article(title="Tram kommt", body=body, source=SOURCE))
    assert again not in told
    assert news in told and sourced in told and told.startswith(teaser)


# A page that glued its teaser to the text: the lead tells the teaser's second sentence
# again with who said it and the figures.
GLUED_TEASER = (
    "Die Stadtwerke haben sich mit der Stadt auf neue Preise geeinigt. Nach Jahren "
    "ohne Erhöhung soll Fernwärme ab Januar zwölf Prozent mehr kosten. Die Stadtwerke "
    "Lindenau erhöhen von Januar an die Preise für Fernwärme um zwölf Prozent für rund "
    "14.000 Haushalte. Das teilte Geschäftsführerin Petra Sommer am Montag mit. Die "
    "Verbraucherzentrale riet Kunden, die neuen Abschläge genau zu prüfen."
)


def test_a_glued_teaser_told_again_in_full_is_told_once_in_full() -> None:
    told = story_words(Article(title="Fernwärme wird teurer", body=GLUED_TEASER, source=SOURCE))
    assert "soll Fernwärme ab Januar zwölf Prozent mehr kosten" not in told
    assert told.startswith("Die Stadtwerke haben sich mit der Stadt auf neue Preise geeinigt. "
                           "Die Stadtwerke Lindenau erhöhen von Januar an")  # fmt: skip
    assert told.endswith("die neuen Abschläge genau zu prüfen.")


def test_a_teaser_sentence_the_rest_of_the_teaser_goes_on_from_is_kept() -> None:
    """Only the teaser's end may go: "Manche …" would otherwise open the story."""
    body = ("Die Lindenauer warten immer länger auf einen Termin beim Bürgeramt. "
            "Manche warten seit Monaten. Im Oktober warteten Lindenauer im Schnitt sieben "
            "Wochen auf einen Termin beim Bürgeramt, ergab eine Auswertung des Stadtrats "
            "unter 4.200 Anfragen.")  # fmt: skip
    told = story_words(Article(title="Warten aufs Amt", body=body, source=SOURCE))
    assert told.startswith("Die Lindenauer warten immer länger")
    assert "Auswertung des Stadtrats" in told


def test_a_one_source_story_cut_by_the_budget_never_ends_on_an_announcement() -> None:
    text = (
        "Der Rat von Lindenau hat am Dienstag neue Regeln für den Advent beschlossen. Sie gelten "
        "ab Montag in der ganzen Stadt.\n"
        "Bürgermeisterin Jana Brückner sprach von einem schweren Schritt. Die wichtigsten "
        "Regeln im Überblick:\n"
        "Die Läden schließen um 20 Uhr, die Märkte bleiben zu und die Schulen bleiben offen."
    )
    (article,) = parse_lines({"title": "Lindenau beschließt Regeln", "text": text})
    summary, paragraphs = single_story(article, 35)
    told = " ".join([summary, *(p.text for paragraph in paragraphs for p in paragraph)])
    assert told.endswith("Bürgermeisterin Jana Brückner sprach von einem schweren Schritt.")


def test_a_label_naming_the_pieces_form_is_not_told() -> None:
    text = (
        "Die Stadt Lindenau sperrt die Nordbrücke für ein Jahr. Das ist die falsche "
        "Entscheidung. Ein Kommentar.\n"
        "Der Rat hätte die Sanierung längst beginnen müssen, schreibt Jana Brückner."
    )
    (article,) = parse_lines({"title": "Die Brücke und der Rat", "text": text})
    assert "Ein Kommentar" in article.body  # the rank still reads it: opinion
    assert "Ein Kommentar" not in story_words(article)
    assert story_words(article).startswith("Die Stadt Lindenau sperrt die Nordbrücke")
