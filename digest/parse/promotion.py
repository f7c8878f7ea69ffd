"""An advertisement sent as a newsletter: a text that speaks to the reader and names prices.

A mailbox that collects newsletters also collects a shop's offers ("… bis zu 60 %
reduziert. Greifen Sie zu …") and insurance pitches ("Hier können Sie schon ab 93,52 €
im Monat …"). They have no headline of news and no report: most of their sentences speak
to the reader ("Sie", "Ihnen", "du"), and they name a price or a discount. A report
speaks about others; even a consumer test that ends "lesen Sie hier" tells its findings
first. On the 4,776 FANG-COVID articles and the fundus pages no text has both marks.
"""

from __future__ import annotations

import re

from digest.models import Article
from digest.parse.boilerplate import READER_ADDRESS
from digest.text.sentences import split_sentences

# A price ("93,52 €", "EUR 20", "ab 5 Euro") or a discount written with the percent sign.
_OFFER = re.compile(r"\d(?:[\d.,]*\d)?\s?(?:€|EUR\b|Euro\b)|(?:€|EUR)\s?\d|\d\s?%")
_OFFER_MARKS = ("€", "EUR", "Euro", "%")
MIN_WORDS = 3  # a sentence this short ("Jetzt zugreifen!") says little either way
ADDRESSED_SHARE = 0.5  # at least this share of the sentences speak to the reader
_PROMOTION_CHARS = 3000  # an ad makes its pitch up front; a long report is read that far


def is_promotion(article: Article) -> bool:
    """Tell an advertisement from news: mostly addressed to the reader, and a price named."""
    text = article.body[:_PROMOTION_CHARS]
    if article.title and not text.startswith(article.title):
        text = f"{article.title}.\n\n{text}"  # a headline the body repeats counts once
    # Each kind of offer writes one of these (a pattern over every text of a night costs).
    if not any(mark in text for mark in _OFFER_MARKS) or not _OFFER.search(text):
        return False
    sentences = [s for s in split_sentences(text) if len(s.split()) >= MIN_WORDS]
    if not sentences:
        return False
    addressed = sum(1 for s in sentences if READER_ADDRESS.search(s))
    return addressed >= ADDRESSED_SHARE * len(sentences)
