"""Merging: headline, summary, body (shared facts once, unique facts credited), sources."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pipeline import merged, stories_and_items
from test_dedup_fixtures import BRIDGE_A, BRIDGE_B, UKRAINE_ISTANBUL, UKRAINE_PARIS, article

from digest.config import DedupConfig
from digest.merge import merge
from digest.merge.facts import candidates
from digest.models import Article, Source, Story
from digest.render.markup import to_html, to_plain_blocks
from digest.text.sentences import split_sentences, stems


def _sentences(story: Story) -> list[str]:
    return [s for part in (story.summary, story.body) for s in split_sentences(part)]


def _overlap(a: str, b: str) -> float:
    sa, sb = set(stems(a)), set(stems(b))
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def _two_reports(tagesblatt: tuple[str, str], rheinpost: tuple[str, str]) -> Story:
    """Merge a Tagesblatt and a later Rheinpost report, each given as (title, body)."""
    return merged([
        article("Tagesblatt", *tagesblatt),
        article("Rheinpost", *rheinpost, days=0.1),
    ])  # fmt: skip


def _water_story(tagesblatt: str, rheinpost: str, settings: DedupConfig | None = None) -> Story:
    """Merge two reports of Neustadt's water prices, the Rheinpost's a little later."""
    first = article(
        "Tagesblatt", "Neustadt erhöht die Wasserpreise zum April um zwölf Prozent", tagesblatt
    )
    second = article(
        "Rheinpost", "Wasser wird in Neustadt ab April zwölf Prozent teurer", rheinpost, days=0.1
    )
    return merged([first, second], settings)


def test_summary_has_two_or_three_sentences_within_sixty_words() -> None:
    story = merged([BRIDGE_A, BRIDGE_B])
    assert 2 <= len(split_sentences(story.summary)) <= 3
    assert len(story.summary.split()) <= 60


def test_shared_facts_appear_once_and_no_sentence_repeats_another() -> None:
    story = merged([BRIDGE_A, BRIDGE_B])
    text = f"{story.summary} {story.body}"
    assert text.count("84 Millionen") == 1
    sentences = _sentences(story)
    for i, a in enumerate(sentences):
        for b in sentences[i + 1 :]:
            assert _overlap(a, b) < 0.8, (a, b)


def test_unique_facts_are_kept_and_credited_to_their_source() -> None:
    story = merged([BRIDGE_A, BRIDGE_B])
    paragraphs = story.body.split("\n\n")
    tagesblatt = next(p for p in paragraphs if p.startswith("**Laut Tagesblatt:** "))
    rheinpost = next(p for p in paragraphs if p.startswith("**Laut Rheinpost:** "))
    assert "Buslinie" in tagesblatt and "Radfahrer" in tagesblatt
    assert "Abriss" in rheinpost
    assert story.body.count("Laut Tagesblatt") == 1  # once per paragraph, not per sentence


def test_every_sentence_comes_from_a_source() -> None:
    story = merged([BRIDGE_A, BRIDGE_B])
    sources = f"{BRIDGE_A.body} {BRIDGE_B.body}"
    for sentence in _sentences(story):
        plain = re.sub(r"^\*\*Laut \w+:\*\* ", "", sentence)
        assert plain.rstrip(".") in sources, sentence


def test_sources_carry_name_file_title_url_date_and_authors() -> None:
    story = merged([BRIDGE_A, BRIDGE_B])
    assert {s.name for s in story.sources} == {"Tagesblatt", "Rheinpost"}
    first = next(s for s in story.sources if s.name == "Tagesblatt")
    assert first.file == "inbox/tagesblatt.txt"
    assert first.title == BRIDGE_A.title
    assert first.url == "https://tagesblatt.example/a"
    assert first.published == BRIDGE_A.published
    assert first.authors == ["Autorin Tagesblatt"]


def test_headline_is_a_source_headline_not_a_question_or_kicker() -> None:
    question = replace(BRIDGE_B, title="Wird die neue Brücke den Stau in Neustadt beenden?")
    kicker = replace(BRIDGE_A, title="Endlich frei")
    story = merged([kicker, question, replace(BRIDGE_A, source=replace(BRIDGE_A.source, name="X"))])
    assert story.headline == BRIDGE_A.title


def test_budget_caps_summary_and_body() -> None:
    long_body = " ".join(
        f"In der Gemeinde Ort{i} eröffnete der Rat am Montag die Halle Nummer {i} für Vereine."
        for i in range(120)
    )
    story = merged([article("Lang", "Viele Hallen in vielen Orten eröffnet", long_body)])
    assert story.words <= DedupConfig().max_story_words
    small = replace(DedupConfig(), max_story_words=80)
    assert merged([BRIDGE_A, BRIDGE_B], small).words <= 80


def test_stories_come_most_sources_first() -> None:
    batch = [UKRAINE_PARIS, BRIDGE_A, UKRAINE_ISTANBUL, BRIDGE_B]
    stories, _ = stories_and_items(batch, DedupConfig())
    assert [len(s.sources) for s in stories] == [2, 1, 1]
    assert "Rheinbrücke" in stories[0].headline


def test_single_source_story_keeps_text_order_without_credit() -> None:
    story = merged([UKRAINE_PARIS])
    assert story.summary.startswith("Der ukrainische Präsident")  # dateline removed
    assert "(laut" not in story.body
    assert story.body.index("dankte") < story.body.index("Wiederaufbau")


def test_a_cut_single_source_story_ends_where_its_text_stops_fitting() -> None:
    lead = "Der Stadtrat hat am Montag den Haushalt für das kommende Jahr beschlossen."
    talks = [f"Im Ausschuss sprach am Abend Rednerin Nummer {n} lange." for n in range(8)]
    body = "\n\n".join([lead, " ".join(talks), "Nachtrag."])
    whole = merged([article("Tagesblatt", "Rat beschließt Haushalt", body)])
    cut = merged(
        [article("Tagesblatt", "Rat beschließt Haushalt", body)],
        replace(DedupConfig(), max_story_words=40),
    )
    assert whole.body.endswith("Nachtrag.")
    # 40 words: a 30-word summary, then the one talk that fits; the one-word note further
    # down would fit too, but a story that skips ahead reads out of context.
    assert cut.summary == " ".join([lead, *talks[:2]])
    assert cut.body == talks[2]


def test_syndicated_copies_are_cited_but_told_once() -> None:
    copy = replace(BRIDGE_A, source=replace(BRIDGE_A.source, name="Kurier", file="inbox/k.txt"))
    story = merged([BRIDGE_A, copy])
    assert {s.name for s in story.sources} == {"Tagesblatt", "Kurier"}
    assert "(laut" not in story.body
    assert f"{story.summary} {story.body}".count("Buslinie") == 1


def test_a_sentence_that_names_its_source_is_not_credited_twice() -> None:
    scoop = replace(
        BRIDGE_B,
        body=f"{BRIDGE_B.body}\n\nNach Informationen der Rheinpost prüft die Stadt eine Maut "
        "für Lastwagen auf der neuen Brücke.",
    )
    story = merged([BRIDGE_A, scoop])
    assert "Nach Informationen der Rheinpost prüft" in story.body
    assert "Lastwagen auf der neuen Brücke (laut" not in story.body


def test_a_near_copy_of_one_text_adds_a_citation_not_facts() -> None:
    words = BRIDGE_A.body.split(" ")
    words[3], words[4] = words[4], words[3]  # a copy with one pair of words swapped
    source = replace(BRIDGE_A.source, name="Zweitblatt", file="zweit.txt")
    copy = replace(BRIDGE_A, body=" ".join(words), source=source)
    alone = merged([BRIDGE_A, BRIDGE_B])
    with_copy = merged([BRIDGE_A, copy, BRIDGE_B])
    assert (with_copy.summary, with_copy.body) == (alone.summary, alone.body)
    assert "Zweitblatt" in [s.name for s in with_copy.sources]


def test_a_source_name_cannot_inject_markup_into_the_credit() -> None:
    hostile = replace(
        BRIDGE_A, source=replace(BRIDGE_A.source, name="<https://evil.example/>\n\n# Gewinn_spiel_")
    )
    story = merged([hostile, BRIDGE_B])
    label = next(p for p in story.body.split("\n\n") if "Brenner sprach" in p)
    assert label.startswith("**Laut https://evil.example/ Gewinn_spiel:** ")
    html = to_html(story.body)
    assert "<a " not in html and "<h1>" not in html and "<em>" not in html
    assert all(kind == "paragraph" for kind, _ in to_plain_blocks(story.body))


def test_the_summary_skips_sentences_that_lean_on_the_one_before() -> None:
    story = _water_story(
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise um zwölf Prozent. "
        "Der Stadtrat stimmt deshalb am Donnerstag über einen Sozialtarif für Familien ab. "
        "Die Stadtwerke begründen die Erhöhung mit gestiegenen Kosten für Energie und Personal.",
        "Ab dem 1. April zahlen die Kunden der Stadtwerke Neustadt zwölf Prozent mehr für "
        "Wasser. Auch die Abwassergebühren sollen im Sommer steigen. Als Gründe nennen die "
        "Stadtwerke höhere Kosten für Energie und Personal.",
    )  # fmt: skip
    assert story.summary == (
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise um zwölf Prozent. "
        "Die Stadtwerke begründen die Erhöhung mit gestiegenen Kosten für Energie und Personal."
    )
    # "Auch …" adds to a fact the summary tells: it may stand in the source's own paragraph.
    # "… deshalb …" draws on its very sentence before, which the summary holds apart from
    # the body: it is not told at all rather than told where "deshalb" points nowhere.
    assert story.body.split("\n\n") == [
        "**Laut Rheinpost:** Auch die Abwassergebühren sollen im Sommer steigen.",
    ]


def test_two_editions_of_one_outlet_get_one_credit() -> None:
    edition = replace(BRIDGE_A, source=replace(BRIDGE_A.source, name="Rheinpost"))
    agency = article(
        "Agentur", "Neue Rheinbrücke in Neustadt eröffnet",
        "Oberbürgermeisterin Carla Brenner hat am Montag die neue Rheinbrücke in Neustadt "
        "für den Verkehr freigegeben. Der Bau dauerte vier Jahre und kostete 84 Millionen "
        "Euro. Zur Eröffnung kamen nach Angaben der Polizei rund 2.000 Schaulustige.",
    )  # fmt: skip
    story = merged([BRIDGE_B, edition, agency], DedupConfig(max_story_words=1000))
    credited = [p for p in story.body.split("\n\n") if p.startswith("**Laut Rheinpost:** ")]
    assert len(credited) == 1
    assert "Buslinie" in credited[0] and "Abriss" in credited[0]


def test_reports_of_one_outlet_need_no_credit() -> None:
    # Every report is the Rheinpost's: "Laut Rheinpost:" would tell the reader nothing.
    edition = replace(BRIDGE_A, source=replace(BRIDGE_A.source, name="Rheinpost"))
    story = merged([BRIDGE_B, edition])
    assert "Laut" not in story.body
    assert "Buslinie" in story.body and "Abriss" in story.body


def test_a_teaser_restated_in_the_body_is_told_once() -> None:
    body = (
        "Zum Jahresende dürfen Hunderte Häftlinge früher nach Hause. Nur in Bayern gibt es "
        "auch in diesem Jahr keine Weihnachtsamnestie.\n\n"
        "In Brandenburg kamen bislang 33 Gefangene frei, im Vorjahr waren es 50. In einigen "
        "Ländern könnte die Zahl noch steigen, außer in Bayern. Dort gibt es auch in diesem "
        "Jahr keine Weihnachtsamnestie. Das Ministerium nannte die Regel ungerecht."
    )
    story = merged([article("Tagesblatt", "Länder entlassen Häftlinge vor Weihnachten", body)])
    text = f"{story.summary} {story.body}"
    assert text.count("keine Weihnachtsamnestie") == 1
    assert "33 Gefangene" in text and "ungerecht" in story.body


# A live ticker: its first entry reports the bridge, the others are other news.
TICKER = article(
    "Stadtanzeiger", "Neue Rheinbrücke in Neustadt freigegeben",
    "Oberbürgermeisterin Carla Brenner hat die neue Rheinbrücke in Neustadt am Montag für den "
    "Verkehr freigegeben. Der Bau kostete 84 Millionen Euro. Für die Feier sperrte die Stadt "
    "die Uferstraße bis zum Nachmittag.\n\n"
    "## Zoo meldet Nachwuchs bei den Schneeleoparden\n\n"
    "Im Zoo von Altheim sind zwei Schneeleoparden zur Welt gekommen. Die Jungtiere sind "
    "gesund und ab Mai im Außengehege zu sehen.\n\n"
    "## Warnstreik legt Straßenbahnen lahm\n\n"
    "Wegen eines Warnstreiks der Gewerkschaft Verdi fahren am Mittwoch in Altheim keine "
    "Straßenbahnen. Betroffen sind rund 200.000 Fahrgäste.\n\n"
    "## Museum zeigt Werke von Paula Muster\n\n"
    "Das Kunstmuseum in Südheim zeigt ab Freitag 80 Gemälde der Malerin Paula Muster. Die "
    "Schau läuft bis in den Herbst.\n\n"
    "## Orkan entwurzelt Bäume im Stadtwald\n\n"
    "Ein Orkan hat in der Nacht im Stadtwald von Nordhafen mehr als 300 Bäume entwurzelt. "
    "Die Feuerwehr rückte zu 45 Einsätzen aus.",
    days=0.1,
)  # fmt: skip


def test_a_live_ticker_brings_only_its_entry_about_the_story() -> None:
    story = merged([BRIDGE_A, TICKER])
    text = f"{story.summary} {story.body}"
    for other_news in ("Schneeleoparden", "Warnstreik", "Gemälde", "Orkan", "Verdi"):
        assert other_news not in text
    own = [p for p in story.body.split("\n\n") if p.startswith("**Laut Stadtanzeiger:** ")]
    assert own == ["**Laut Stadtanzeiger:** Für die Feier sperrte die Stadt die Uferstraße bis "
                   "zum Nachmittag."]  # fmt: skip


def test_a_story_told_under_sub_headings_keeps_every_section() -> None:
    # Four sections, one of them (the traders' view) far from the other report's words:
    # a page mostly about the story is no ticker, and that section's facts stay.
    body = BRIDGE_B.body.replace(
        "\n\nDie alte Brücke", "\n\n## Der Vorgängerbau\n\nDie alte Brücke"
    ).replace("\n\nDer Abriss", "\n\n## Wie es weitergeht\n\nDer Abriss")
    body += (
        "\n\n## Stimmen aus der Altstadt\n\nHändler in der Altstadt hoffen auf mehr "
        "Kundschaft. Der Einzelhandelsverband sprach von einem guten Zeichen für den Sommer."
    )
    story = merged([BRIDGE_A, replace(BRIDGE_B, body=body)], DedupConfig(max_story_words=1000))
    for fact in ("Abriss der alten Brücke", "Staus in der Innenstadt", "Einzelhandelsverband"):
        assert fact in story.body


def test_a_quotation_that_leans_on_the_sentence_before_needs_it() -> None:
    # The Rheinpost's quotation refers back to the energy costs, a fact both report: told
    # once as a shared fact, it cannot lead the quotation in the Rheinpost's own paragraph.
    story = _water_story(
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise um zwölf Prozent. "
        "Die Kosten für Energie seien um ein Drittel gestiegen, sagte Werkleiterin Ina Kurz. "
        "Für Familien plant der Stadtrat einen Sozialtarif.",
        "Ab dem 1. April zahlen die Kunden der Stadtwerke Neustadt zwölf Prozent mehr für "
        "Wasser. Die Energiekosten der Stadtwerke sind um ein Drittel gestiegen, sagte "
        "Werkleiterin Ina Kurz. „Deshalb bleibt uns keine Wahl“, sagte Kurz dem Blatt. "
        "Die Abwassergebühren sollen im Sommer ebenfalls steigen.",
    )  # fmt: skip
    assert "Drittel" in story.summary + story.body
    assert "Deshalb" not in story.summary + story.body
    own = "**Laut Rheinpost:** Die Abwassergebühren sollen im Sommer ebenfalls steigen."
    assert own in story.body


def test_reported_speech_without_a_speaker_is_not_told_apart_from_its_speaker() -> None:
    # "Ohne die Erhöhung müsse …" reports Ina Kurz. Her sentence leads the summary, which
    # stands apart from the body: the reported speech is left out rather than told where
    # nobody says who speaks.
    story = _water_story(
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise um zwölf Prozent. "
        "Die Energiekosten seien um ein Drittel gestiegen, sagte Werkleiterin Ina Kurz. "
        "Ohne die Erhöhung müsse die Stadt jedes Jahr vier Millionen Euro zuschießen. "
        "Für Familien plant der Stadtrat einen Sozialtarif.",
        "Ab dem 1. April zahlen die Kunden der Stadtwerke Neustadt zwölf Prozent mehr für "
        "Wasser. Die Energiekosten der Stadtwerke sind um ein Drittel gestiegen, teilte das "
        "Unternehmen mit. Die Abwassergebühren sollen im Sommer ebenfalls steigen.",
    )  # fmt: skip
    assert story.summary == (
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise um zwölf Prozent. "
        "Die Energiekosten seien um ein Drittel gestiegen, sagte Werkleiterin Ina Kurz. "
        "Die Abwassergebühren sollen im Sommer ebenfalls steigen."
    )
    assert story.body == "**Laut Tagesblatt:** Für Familien plant der Stadtrat einen Sozialtarif."


def test_a_sentence_naming_its_person_only_by_age_is_not_told_apart_from_the_name() -> None:
    # "Die 24-Jährige" leans on the sentence naming Lena Beispiel, which leads the summary:
    # the body does not open on "Die 24-Jährige".
    body = (
        "Die Schwimmerin Lena Beispiel hat bei der Europameisterschaft in Rom Gold über 200 "
        "Meter Freistil gewonnen. Die 24-Jährige schlug nach 1:55,3 Minuten an. Der "
        "Verband sprach von einem historischen Erfolg für das Team."
    )
    other = (
        "Gold für Deutschland: Bei der Europameisterschaft in Rom hat Lena Beispiel über 200 "
        "Meter Freistil gewonnen. Der Verband sprach von einem historischen Erfolg."
    )
    story = _two_reports(
        ("Gold für Lena Beispiel in Rom", body), ("Lena Beispiel holt EM-Gold", other)
    )
    assert story.summary == (
        "Die Schwimmerin Lena Beispiel hat bei der Europameisterschaft in Rom Gold über 200 "
        "Meter Freistil gewonnen. Der Verband sprach von einem historischen Erfolg."
    )
    assert "24-Jährige" not in story.body


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("Ohne die Erhöhung müsse die Stadt jedes Jahr vier Millionen Euro zuschießen.", True),
        ("Ohne die Erhöhung müsse die Stadt zuschießen, sagte die Kämmerin am Montag.", False),
        ("Laut Polizei sei der Fahrer mit 80 Stundenkilometern unterwegs gewesen.", False),
        ("„Wir haben keine Wahl“, sagte die Kämmerin der Zeitung am Montag.", False),
        ("„Die Stadt habe keine Wahl“, wolle man die Preise anheben.", True),
        ("Die 24-Jährige schlug nach 1:55,3 Minuten als Erste an.", True),
        ("Der SPD-Politiker warnte vor weiteren Kürzungen im Haushalt.", True),
        ("Zudem rief sie die Wahlhelfer dazu auf, Fälschungen zu melden.", True),
        ("„Deshalb müssen wir die Preise anheben“, sagte Kurz am Montag.", True),
        ("Auch die Abwassergebühren sollen im Sommer steigen.", True),
        ("Die Stadtwerke erhöhen zum 1. April die Wasserpreise um zwölf Prozent.", False),
        ("Das betrifft vor allem Familien mit mehreren Kindern im Haushalt.", True),
        ("Das neue Tarifmodell gilt ab dem 1. April für alle Haushalte.", False),
        ("Das teilte ein Sprecher der Stadtwerke am Montag in Neustadt mit.", True),
        ("Für den gilt künftig ein ermäßigter Tarif der Stadtwerke.", True),
        ("Mit dem neuen Tarif sinken die Kosten für viele Familien.", False),
        ("Nach dieser Logik müsste die Stadt den Betrieb selbst bezahlen.", True),
        ("In dieser Woche berät der Stadtrat erneut über die Preise.", False),
        ("Diese Woche berät der Stadtrat erneut über die Preise.", False),
        ("Aber das erste Treffen mit dem Verband scheiterte im Herbst.", True),
        ("Erlaubt bleiben aber Ausnahmen für Landwirte und Gärtnereien.", True),
        ("Am Montag kündigte er einen Sozialtarif für Familien an.", True),
        ("Ihr Sprecher Jonas Berger nannte die Schätzung der Stadtwerke geschönt.", True),
        ("Damals stimmten nur zwei Fraktionen im Stadtrat für die Erhöhung.", True),
        ("Daran ändert auch der neue Sozialtarif für Familien nichts.", True),
        ("Die Preise sind zu hoch, sagte der 48-Jährige am Abend in Neustadt.", True),
        ("Ein 48-Jähriger wurde am Abend in Neustadt festgenommen.", False),
        ("Hierzulande zahlen Haushalte im Schnitt zwei Euro je Kubikmeter.", False),
        ("Die Stadtwerke erklärten, sie hätten keine andere Wahl gehabt.", False),
        ("Betroffen sind Familien, aber auch viele Betriebe in der Stadt.", False),
        ("Der Prozess gegen den 35-jährigen Angeklagten beginnt am Montag.", False),
        ("In diesen Wochen verschicken die Stadtwerke die neuen Bescheide.", False),
        ("Als er 2021 das Amt übernahm, waren die Kassen der Stadtwerke leer.", False),
        ("Ihm zufolge sinken die Preise spätestens im kommenden Jahr.", True),
        ("Dem widersprach die Opposition im Stadtrat am Donnerstag.", True),
        ("Sein neues Konzept sieht einen Sozialtarif für Familien vor.", True),
        ("Ihre Kunden zahlen ab April zwölf Prozent mehr für ihr Wasser.", True),
    ],
)
def test_which_sentences_lean_on_the_one_before(sentence: str, leans: bool) -> None:
    (candidate,) = candidates([article("Tagesblatt", "Titel", sentence)])
    assert candidate.leans is leans


def test_a_source_goes_on_where_its_told_sentence_left_off() -> None:
    # Room for one more Tagesblatt sentence: the one going on from the council's decision
    # in the summary ("Gegen den Beschluss …") beats an unrelated one of the same worth,
    # so the story reads on instead of jumping.
    tagesblatt = (
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise um zwölf Prozent. "
        "Die Energiekosten der Stadtwerke sind um ein Drittel gestiegen, sagte Werkleiterin "
        "Ina Kurz. Der Stadtrat hatte die Erhöhung im Dezember mit knapper Mehrheit "
        "beschlossen. Gegen den Beschluss hatten Grüne und Linke ein Bürgerbegehren "
        "angekündigt. Für Familien mit Kindern plant die Verwaltung einen ermäßigten Sozialtarif."
    )
    rheinpost = (
        "Ab dem 1. April zahlen die Kunden der Stadtwerke Neustadt zwölf Prozent mehr für "
        "Wasser. Die Energiekosten der Stadtwerke sind um ein Drittel gestiegen, teilte das "
        "Unternehmen mit. Die Abwassergebühren sollen nach Angaben der Stadtwerke im Sommer "
        "ebenfalls steigen. Im Nachbarort Altdorf kostet der Kubikmeter Wasser schon heute "
        "2,40 Euro."
    )
    story = _water_story(tagesblatt, rheinpost, DedupConfig(max_story_words=70))
    assert story.summary.endswith("im Dezember mit knapper Mehrheit beschlossen.")
    assert story.body == (
        "**Laut Tagesblatt:** Gegen den Beschluss hatten Grüne und Linke ein Bürgerbegehren "
        "angekündigt.\n\n"
        "**Laut Rheinpost:** Im Nachbarort Altdorf kostet der Kubikmeter Wasser schon heute "
        "2,40 Euro."
    )


def test_a_run_of_one_source_s_shared_sentences_stays_together() -> None:
    # Both report the council's decision, the petition against it and the sewage fees;
    # the Rheinpost tells the fees first. The Tagesblatt's wording is told, and its petition
    # goes on from the decision, so the fees do not come between.
    tagesblatt = (
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise für alle Haushalte "
        "und Betriebe der Stadt um zwölf Prozent. Die Energiekosten der Stadtwerke sind nach "
        "Angaben von Werkleiterin Ina Kurz im vergangenen Jahr um ein Drittel gestiegen. Der "
        "Stadtrat hatte die Erhöhung im Dezember mit knapper Mehrheit beschlossen. Grüne und "
        "Linke kündigten gegen den Beschluss des Stadtrats ein Bürgerbegehren an. Die "
        "Abwassergebühren sollen im Sommer ebenfalls um fünf Prozent steigen."
    )
    rheinpost = (
        "Ab dem 1. April zahlen alle Haushalte und Betriebe in Neustadt zwölf Prozent mehr "
        "für ihr Wasser. Werkleiterin Ina Kurz begründet das mit den Energiekosten der "
        "Stadtwerke, die im vergangenen Jahr um ein Drittel gestiegen sind. Auch die "
        "Abwassergebühren steigen im Sommer um fünf Prozent. Im Nachbarort Altdorf kostet der "
        "Kubikmeter Wasser schon heute 2,40 Euro. Im Dezember hatte der Stadtrat die "
        "Erhöhung mit knapper Mehrheit beschlossen. Gegen den Beschluss des Stadtrats "
        "kündigten Grüne und Linke ein Bürgerbegehren an."
    )
    story = _water_story(tagesblatt, rheinpost)
    assert story.summary.endswith("im Dezember mit knapper Mehrheit beschlossen.")
    assert story.body.split("\n\n")[0] == (
        "Grüne und Linke kündigten gegen den Beschluss des Stadtrats ein Bürgerbegehren an. "
        "Die Abwassergebühren sollen im Sommer ebenfalls um fünf Prozent steigen."
    )


def test_the_body_may_go_on_from_the_summary_s_last_sentence() -> None:
    # "Bis heute beschäftigt er …" leans on the collapse told last in the summary: the body
    # opens on it, with its source's paragraph, instead of leaving it out and telling
    # "Mertens leitete …" about a man nobody introduced.
    tagesblatt = (
        "Vor genau zehn Jahren stürzte in Neustadt die alte Rheinbrücke während des "
        "Berufsverkehrs ein, vier Menschen starben in ihren Autos und elf wurden schwer "
        "verletzt. Der Einsturz erschütterte damals die ganze Stadt und das Land, weil die "
        "Brücke erst wenige Monate zuvor von Gutachtern geprüft worden war. Bis heute "
        "beschäftigt er den früheren Feuerwehrchef Karl Mertens. Mertens leitete damals die "
        "Bergung der Opfer aus dem Fluss."
    )
    rheinpost = (
        "Zehn Jahre nach dem Einsturz der alten Rheinbrücke im Berufsverkehr erinnert "
        "Neustadt an die vier Toten und elf Schwerverletzten. Der Einsturz hatte damals die "
        "ganze Stadt und das Land erschüttert, weil Gutachter die Brücke wenige Monate zuvor "
        "geprüft hatten. Am Sonntag legt der Bürgermeister am Ufer des Rheins gemeinsam mit "
        "den Angehörigen einen Kranz für die Opfer nieder."
    )
    story = _two_reports(
        ("Neustadt erinnert an den Einsturz der Rheinbrücke", tagesblatt),
        ("Zehn Jahre nach dem Brückeneinsturz", rheinpost),
    )
    assert story.summary.endswith("von Gutachtern geprüft worden war.")
    assert story.body == (
        "**Laut Tagesblatt:** Bis heute beschäftigt er den früheren Feuerwehrchef Karl "
        "Mertens. Mertens leitete damals die Bergung der Opfer aus dem Fluss.\n\n"
        "**Laut Rheinpost:** Am Sonntag legt der Bürgermeister am Ufer des Rheins gemeinsam "
        "mit den Angehörigen einen Kranz für die Opfer nieder."
    )


def test_an_own_fact_leaning_on_a_shared_one_follows_it_with_its_credit() -> None:
    # "Ihr Sprecher …" is the Tagesblatt's alone and leans on the Greens' vote, which both
    # report: it follows the vote, credited there, instead of being left out (or told in the
    # Tagesblatt's paragraph, where "Ihr" would point at nothing).
    tagesblatt = (
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise für alle Haushalte "
        "und Betriebe der Stadt um zwölf Prozent. Die Energiekosten der Stadtwerke sind nach "
        "Angaben von Werkleiterin Ina Kurz im vergangenen Jahr um ein Drittel gestiegen, vor "
        "allem für die Pumpwerke am Fluss. Die Fraktion der Grünen stimmte am späten "
        "Donnerstagabend im Stadtrat von Neustadt geschlossen gegen die geplante Erhöhung der "
        "Wasserpreise. Ihr Sprecher Jonas Berger nannte die Kalkulation der Stadtwerke geschönt."
    )
    rheinpost = (
        "Ab dem 1. April zahlen alle Haushalte und Betriebe in Neustadt zwölf Prozent mehr "
        "für ihr Wasser. Werkleiterin Ina Kurz begründet das mit den Energiekosten der "
        "Stadtwerke, die im vergangenen Jahr um ein Drittel gestiegen sind, vor allem für die "
        "Pumpwerke am Fluss. Im Nachbarort Altdorf kostet der Kubikmeter Wasser schon heute "
        "2,40 Euro. Die Grünen stimmten am Donnerstagabend im Stadtrat geschlossen gegen die "
        "Erhöhung der Preise."
    )
    story = _water_story(tagesblatt, rheinpost)
    assert story.body == (
        "Die Fraktion der Grünen stimmte am späten Donnerstagabend im Stadtrat von Neustadt "
        "geschlossen gegen die geplante Erhöhung der Wasserpreise. **Laut Tagesblatt:** Ihr "
        "Sprecher Jonas Berger nannte die Kalkulation der Stadtwerke geschönt."
    )
    assert to_plain_blocks(story.body) == [("paragraph", story.body.replace("**", ""))]


def test_own_facts_going_on_from_the_body_s_opener_come_with_it() -> None:
    # The body opens on "Gegen den Beschluss …", going on from the summary; "Sie wollen …"
    # goes on from that and comes right after it. The Tagesblatt's other own fact stays in
    # its paragraph below, so "Sie" cannot seem to mean Ina Kurz.
    tagesblatt = (
        "Die Stadtwerke Neustadt erhöhen zum 1. April die Wasserpreise für alle Haushalte "
        "und Betriebe der Stadt um zwölf Prozent. Werkleiterin Ina Kurz verweist auf die "
        "Energiekosten der Pumpwerke am Fluss, die im vergangenen Jahr um ein Drittel "
        "gestiegen sind. Der Stadtrat hatte die Erhöhung der Wasserpreise im Dezember nach "
        "einer langen und hitzigen Debatte im Rathaus von Neustadt mit knapper Mehrheit "
        "beschlossen. Gegen den Beschluss hatten Grüne und Linke ein Bürgerbegehren "
        "angekündigt. Sie wollen bis Mai mehr als 5000 Unterschriften in der Stadt sammeln. "
        "Die Abwassergebühren in Neustadt sollen im Sommer ebenfalls um fünf Prozent steigen."
    )
    rheinpost = (
        "Ab dem 1. April zahlen alle Haushalte und Betriebe in Neustadt zwölf Prozent mehr "
        "für ihr Wasser. Im benachbarten kleinen Ort Altdorf am anderen Ufer kostet der "
        "Kubikmeter Wasser bei den dortigen Stadtwerken schon heute 2,40 Euro. Im Dezember "
        "hatte der Stadtrat nach langer und hitziger Debatte im Rathaus die Erhöhung der "
        "Wasserpreise mit knapper Mehrheit beschlossen. Auch die Abwassergebühren in "
        "Neustadt steigen im Sommer um fünf Prozent."
    )
    story = _water_story(tagesblatt, rheinpost)
    assert story.summary.endswith("mit knapper Mehrheit beschlossen.")
    paragraphs = story.body.split("\n\n")
    assert paragraphs[0] == (
        "**Laut Tagesblatt:** Gegen den Beschluss hatten Grüne und Linke ein Bürgerbegehren "
        "angekündigt. Sie wollen bis Mai mehr als 5000 Unterschriften in der Stadt sammeln."
    )
    assert any(p.startswith("**Laut Tagesblatt:** Werkleiterin Ina Kurz") for p in paragraphs[1:])


def test_a_story_never_opens_by_repeating_its_headline() -> None:
    entry = Article(
        title="Kabinett befasst sich mit Fährgebühren",
        body="Kabinett befasst sich mit Fährgebühren. Das Landeskabinett will am Dienstag "
        "neue Gebühren für die Fähren beschließen. Pendler sollen weniger zahlen als bisher.",
        source=Source("Westrieder Bote", "bote.txt"),
    )  # fmt: skip
    story = merge([entry])
    assert story.headline == "Kabinett befasst sich mit Fährgebühren"
    assert story.summary.startswith("Das Landeskabinett will am Dienstag")


def test_a_pointer_inside_a_paragraph_is_not_told() -> None:
    entry = Article(
        title="Landtag debattiert über Fährgebühren",
        body="Seit 13 Uhr debattiert der Landtag über die neuen Fährgebühren. Sehen Sie hier "
        "den Livestream. Die Opposition will die Gebühren für Pendler ganz abschaffen.",
        source=Source("Westrieder Bote", "bote.txt"),
    )  # fmt: skip
    story = merge([entry])
    told = f"{story.summary} {' '.join(p.text for para in story.paragraphs for p in para)}"
    assert "Livestream" not in told
    assert "Die Opposition will die Gebühren für Pendler ganz abschaffen." in told
