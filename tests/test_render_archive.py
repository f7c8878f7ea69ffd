"""The archive: output/index.html and feed.xml, rebuilt from the issue.json files."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from browser import site
from click.testing import Result

from digest.config import Config
from digest.render.archive import ATOM, entries, update_archive

A = f"{{{ATOM}}}"


def write_json(output: Path, date: str, title: str, headlines: list[str]) -> Path:
    """Write a minimal issue.json for ``date``."""
    stories = [{"headline": h, "summary": "", "body": "", "sources": []} for h in headlines]
    path = output / date / "issue.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"date": date, "title": title, "stories": stories}), "utf-8")
    return path


def build(invoke: Callable[..., Result], config: Path, date: str) -> Path:
    """Run ``digest build`` for ``date``; return the output folder."""
    result = invoke("build", "-c", config, "--date", date)
    assert result.exit_code == 0, result.output
    return config.parent / "output"


def test_build_writes_index_and_feed(invoke: Callable[..., Result], tmp_path: Path) -> None:
    config = site(tmp_path) / "config.yaml"
    build(invoke, config, "2026-11-19")
    output = build(invoke, config, "2026-11-20")
    index = (output / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index
    assert "<title>Lindenauer Morgenpost – Archiv</title>" in index
    assert "Alle Ausgaben" in index and "Atom-Feed abonnieren" in index
    assert index.index("Freitag, 20. November 2026") < index.index("Donnerstag, 19. November 2026")
    assert 'href="2026-11-20/index.html"' in index  # the web version: every story
    assert "Stadtwerke Lindenau senken den Strompreis zum Jahreswechsel" in index
    feed = ET.parse(output / "feed.xml").getroot()
    hrefs = [e.find(f"{A}link").get("href") for e in feed.iter(f"{A}entry")]  # type: ignore[union-attr]
    assert hrefs == ["2026-11-20/index.html", "2026-11-19/index.html"]


def test_feed_is_valid_atom(tmp_path: Path) -> None:
    write_json(tmp_path, "2026-11-20", "Der Digest", ["Eins", "Zwei", "Drei", "Vier"])
    write_json(tmp_path, "2026-11-21", "Der Digest", ["Fünf & <Sechs>"])
    update_archive(tmp_path, Config(title="Der Digest"))
    feed = ET.parse(tmp_path / "feed.xml").getroot()
    assert feed.tag == f"{A}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    for tag in ("id", "title", "updated", "author/" + A + "name"):
        assert feed.findtext(A + tag), tag
    assert feed.findtext(f"{A}id", "").startswith("urn:uuid:")
    rfc3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
    found = list(feed.iter(f"{A}entry"))
    assert len(found) == 2
    for entry in found:
        assert entry.findtext(f"{A}id", "").startswith("urn:uuid:")
        assert rfc3339.match(entry.findtext(f"{A}updated", ""))
        assert entry.find(f"{A}link") is not None
    assert found[0].findtext(f"{A}title") == "Der Digest – Samstag, 21. November 2026"
    assert found[0].findtext(f"{A}summary") == "Fünf & <Sechs>"
    assert found[1].findtext(f"{A}summary") == "Eins · Zwei · Drei"
    assert len({e.findtext(f"{A}id") for e in found}) == 2


def test_feed_links_are_absolute_with_archive_url(tmp_path: Path) -> None:
    write_json(tmp_path, "2026-11-20", "Der Digest", ["Eins"])
    update_archive(tmp_path, Config(archive_url="https://example.org/digest/"))
    feed = ET.parse(tmp_path / "feed.xml").getroot()
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links == {
        "alternate": "https://example.org/digest/index.html",
        "self": "https://example.org/digest/feed.xml",
    }
    entry = feed.find(f"{A}entry")
    assert entry is not None
    assert entry.findtext(f"{A}id") == "https://example.org/digest/2026-11-20/issue.html"
    assert entry.find(f"{A}link").get("href") == entry.findtext(f"{A}id")  # type: ignore[union-attr]
    assert 'href="https://example.org/digest/feed.xml"' in (tmp_path / "index.html").read_text()


def test_index_follows_the_locale(tmp_path: Path) -> None:
    write_json(tmp_path, "2026-11-20", "The Digest", ["One"])
    update_archive(tmp_path, Config(title="The Digest", locale="en_US"))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index
    assert "Friday, November 20, 2026" in index
    assert "All issues" in index and "Alle Ausgaben" not in index


def test_index_escapes_titles(tmp_path: Path) -> None:
    write_json(tmp_path, "2026-11-20", "Der Digest", ["<script>alert(1)</script>"])
    update_archive(tmp_path, Config())
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in index and "&lt;script&gt;" in index


def test_broken_and_foreign_files_are_skipped(tmp_path: Path) -> None:
    write_json(tmp_path, "2026-11-20", "Der Digest", ["Eins"])
    (tmp_path / "2026-11-21").mkdir()
    (tmp_path / "2026-11-21" / "issue.json").write_text("{not json", "utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "issue.json").write_text("{}", "utf-8")
    (tmp_path / "2026-11-22").mkdir()  # being written: no issue.json yet
    assert [e.date for e in entries(tmp_path)] == [dt.date(2026, 11, 20)]


def test_empty_archive(tmp_path: Path) -> None:
    update_archive(tmp_path, Config())
    assert "Noch keine Ausgaben." in (tmp_path / "index.html").read_text(encoding="utf-8")
    feed = ET.parse(tmp_path / "feed.xml").getroot()
    assert feed.findtext(f"{A}updated") and feed.find(f"{A}entry") is None
