"""Outlet names: the table of DACH outlets, `sources` rules by file, URL, domain or field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from digest.collect import collect
from digest.config import Config, OutletRule
from digest.models import Source
from digest.sources.outlets import (
    domain_in,
    host_of,
    name_outlet,
    outlet_table,
    rule_for_article,
    table_name,
)

DAY = dt.date(2026, 3, 13)


def source(name: str = "", url: str | None = None) -> Source:
    return Source(name=name, file="inbox/nacht.jsonl", url=url)


def test_the_table_holds_a_few_hundred_dach_outlets() -> None:
    table = outlet_table()
    assert len(table) >= 300
    assert table["sueddeutsche.de"] == "Süddeutsche Zeitung"
    assert table["derstandard.at"] == "Der Standard" and table["nzz.ch"] == "Neue Zürcher Zeitung"
    assert all(name.strip() == name and name for name in table.values())


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("sueddeutsche.de", "Süddeutsche Zeitung"),
        ("muenchen.sueddeutsche.de", "Süddeutsche Zeitung"),  # a subdomain is its parent's
        ("news.orf.at", "ORF"),
        ("zeit.de", "Zeit Online"),
        ("lokalblatt-neustadt.de", ""),
    ],
)
def test_a_domain_or_its_parent_names_the_outlet(host: str, name: str) -> None:
    assert table_name(host) == name


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.tagesspiegel.de/berlin/x/26616268.html", "tagesspiegel.de"),
        ("https://m.spiegel.de/politik/a-1", "spiegel.de"),
        ("HTTPS://WWW.Zeit.DE/x", "zeit.de"),
        ("nicht-mal-eine-url", ""),
        (None, ""),
    ],
)
def test_host_of_a_url(url: str | None, host: str) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(
    ("declared", "host"),
    [
        ("sueddeutsche.de", "sueddeutsche.de"),
        ("www.zeit.de", "zeit.de"),
        ("newsletter@nzz.ch", "nzz.ch"),
        ("Süddeutsche Zeitung", ""),
        ("Der Morgen – Lokalnachrichten", ""),
    ],
)
def test_a_declared_name_may_be_a_domain_or_an_address(declared: str, host: str) -> None:
    assert domain_in(declared) == host


@pytest.mark.parametrize(
    ("declared", "url", "expected"),
    [
        # The table wins for a known domain: one outlet reads the same from page and record.
        ("SZ.de", "https://www.sueddeutsche.de/politik/a-1", "Süddeutsche Zeitung"),
        ("zeit.de", "https://www.zeit.de/politik/a", "Zeit Online"),
        ("tagesspiegel.de", None, "Tagesspiegel"),
        ("Küstenbote", None, "Küstenbote"),  # a site name, a feed title, a sender
        ("Küstenbote", "https://kuestenbote-online.de/a", "Küstenbote"),
        ("", "https://kuestenbote-online.de/a", "kuestenbote-online.de"),  # the bare domain
        ("redaktion@kuestenbote-online.de", None, "kuestenbote-online.de"),
        ("", None, ""),  # nothing known: the build labels and warns
    ],
)
def test_an_articles_outlet_is_named_in_order(
    declared: str, url: str | None, expected: str
) -> None:
    assert name_outlet(source(declared, url), (), None).name == expected


def test_rules_match_a_url_a_domain_or_the_declared_outlet() -> None:
    rules = [
        OutletRule(match="https://www.zeit.de/hamburg/*", name="Zeit Hamburg"),
        OutletRule(match="zeit.de", name="DIE ZEIT"),
        OutletRule(match="Agentur*", name="Agentur Nord"),
    ]
    hamburg = source(url="https://www.zeit.de/hamburg/2020-11/elbvertiefung")
    assert rule_for_article(rules, hamburg) == rules[0]
    assert rule_for_article(rules, source(url="https://blog.zeit.de/x")) == rules[1]
    assert rule_for_article(rules, source("agentur-meldung")) == rules[2]
    assert rule_for_article(rules, source("Tagesblatt", "https://zeitung.example/a")) is None


def test_a_file_rule_names_everything_in_the_file_and_keeps_each_articles_link() -> None:
    rule = OutletRule(match="nacht.jsonl", name="Nachtdienst", url="https://nachtdienst.example")
    named = name_outlet(source("zeit.de", "https://www.zeit.de/a"), [], rule)
    assert (named.name, named.url) == ("Nachtdienst", "https://www.zeit.de/a")
    assert name_outlet(source("zeit.de"), [], rule).url == "https://nachtdienst.example"


def test_a_mixed_outlet_file_keeps_every_outlet_and_an_unknown_gets_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [
        {"title": "Erster Titel", "text": "Ein Text über den Stadtrat. " * 5,
         "source": "sueddeutsche.de", "url": "https://www.sueddeutsche.de/politik/a-1"},
        {"title": "Zweiter Titel", "text": "Ein Text über die Feuerwehr. " * 5,
         "url": "https://www.tagesspiegel.de/berlin/b/2.html"},
        {"title": "Dritter Titel", "text": "Ein Text über den Hafen. " * 5, "source": "NDR"},
        {"title": "Vierter Titel", "text": "Ein Text über das Wetter. " * 5},
    ]  # fmt: skip
    (tmp_path / "nacht.jsonl").write_text("\n".join(json.dumps(r) for r in lines), "utf-8")
    (tmp_path / "notiz.txt").write_text("Kurze Notiz\n\nDer Markt fällt aus. " * 3, "utf-8")
    rules = [OutletRule(match="NDR", name="Norddeutscher Rundfunk")]
    articles, _ = collect(Config(outlets=rules, max_age_days=None), [tmp_path], DAY)
    assert [a.source.name for a in articles] == [
        "Süddeutsche Zeitung", "Tagesspiegel", "Norddeutscher Rundfunk", "Quelle 1",
        "Quelle 2",
    ]  # fmt: skip
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [
        f"'{tmp_path / name}': no outlet name found (no site name, sender, source field or "
        f"known domain); shown as 'Quelle {n}'. Name it with a 'sources' rule in "
        "config.yaml"
        for n, name in ((1, "nacht.jsonl"), (2, "notiz.txt"))
    ]


def test_an_english_issue_labels_unknown_outlets_in_english(tmp_path: Path) -> None:
    (tmp_path / "notiz.txt").write_text("Kurze Notiz\n\nDer Markt fällt aus. " * 3, "utf-8")
    articles, _ = collect(Config(locale="en_US", max_age_days=None), [tmp_path], DAY)
    assert articles[0].source.name == "Source 1"
