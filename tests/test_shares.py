"""A large night is read, written and rendered on both cores, in order; a failed share is
done in-process."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from digest import isolate, merge
from digest.config import DedupConfig
from digest.dedup import genre, group, prepare
from digest.dedup.prepare import read_texts
from digest.isolate import SHARE_FROM
from digest.merge import merge_groups
from digest.models import Article, Source
from digest.render import markup
from digest.text.features import of_article

DAY = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
TOWNS = ["Kassel", "Gera", "Passau", "Emden", "Siegen", "Görlitz", "Fulda"]


def batch(n: int) -> list[Article]:
    """``n`` distinct reports and commentaries, one an hour."""
    found = []
    for k in range(n):
        town = TOWNS[k % len(TOWNS)]
        if k % 3:
            body = (f"Der Stadtrat von {town} hat am Montag mit {k} Stimmen den Bau einer "
                    f"Brücke beschlossen. Die Kosten liegen bei {k + 3} Millionen Euro, sagte "
                    "der Bürgermeister. Der Bau soll im Mai beginnen.")  # fmt: skip
        else:
            body = (f"Ich frage mich, warum {town} sich das leistet. Wir müssten doch zuerst "
                    "an die Schulen denken. Man könnte das Geld besser anlegen, oder nicht?")
        found.append(Article(title=f"Brücke für {town} ({k})", body=body,
                             source=Source("Tagesblatt", "blatt.jsonl"),
                             published=DAY + dt.timedelta(hours=k)))  # fmt: skip
    return found


def test_a_large_batch_is_read_in_children_as_it_would_be_here() -> None:
    articles = batch(SHARE_FROM + 1)
    genre._KNOWN.clear()
    feats = read_texts(articles)
    assert feats == [of_article(a) for a in articles]
    # Unpickled weights come one object per weight; each value is one object again.
    weights = [w for f in feats for w in f.terms.values()]
    assert len({id(w) for w in weights}) == len(set(weights)) < len(weights) / 10
    # The children's style readings came back: the scorer and the ranking ask of them.
    for article in articles:
        key = (article.title, article.body, article.newsletter)
        assert genre._KNOWN[key] == genre._piece_likelihood(*key)
    assert genre.is_piece(articles[0]) and not genre.is_piece(articles[1])


def test_a_share_whose_child_fails_is_read_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    articles = batch(SHARE_FROM + 1)
    monkeypatch.setattr(isolate, "SHARE_SECONDS", 0.0)  # no time for a share
    monkeypatch.setattr(prepare, "TEXT_SECONDS", 0.0)
    with caplog.at_level(logging.INFO, logger="digest"):
        assert read_texts(articles) == [of_article(a) for a in articles]
    said = [r.getMessage() for r in caplog.records if r.name == "digest"]
    assert said == [
        "Working on texts 1 to 250 in a child failed (took longer than 0 s): done here instead",
        "Working on texts 251 to 501 in a child failed (took longer than 0 s): done here instead",
    ]


def test_a_large_nights_one_source_stories_are_written_in_children_as_here() -> None:
    articles = batch(SHARE_FROM + 1)
    grouping = group(articles, DedupConfig())
    alone = [g for g in grouping.groups if len(g) == 1]
    assert len(alone) > SHARE_FROM  # the children write them
    here = [merge.merge([articles[i] for i in g], DedupConfig(),
                        [grouping.features[i] for i in g]) for g in grouping.groups]  # fmt: skip
    assert merge_groups(articles, grouping, DedupConfig()) == here


def test_a_large_web_page_has_its_story_texts_converted_in_children_as_here() -> None:
    texts = [f"**Laut Blatt {k}:** Der Rat tagte.\n\n- eins\n- [zwei](https://example.org/{k})"
             for k in range(SHARE_FROM)]  # fmt: skip
    here = [markup.to_html(t) for t in texts]
    with markup.converted_ahead(texts):
        assert markup._AHEAD and [markup.to_html(t) for t in texts] == here
    assert not markup._AHEAD  # nothing kept for the next issue
