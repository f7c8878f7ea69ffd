"""Files and folders as inputs: what is collected, in which order, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest import collect
from digest.collect import read_all
from digest.config import OutletRule
from digest.config.inputs import parse_entry
from digest.errors import InputError, SkipFile
from digest.readers import read_bytes
from digest.sources import Options, gather
from tests.feed_server import FEEDS


def inputs(*entries: object, **options: object):  # type: ignore[no-untyped-def]
    """Gather the inputs of ``entries`` as config.yaml gives them."""
    specs = [parse_entry(e, Path.cwd()) for e in entries]
    return gather(specs, Options(**options)).inputs  # type: ignore[arg-type]


def test_folders_are_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/zwei.txt", "eins.txt", ".versteckt.txt", ".git/config.txt"):
        (tmp_path / name).write_text("Text", "utf-8")
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in inputs(str(tmp_path))]
    assert names == ["b/zwei.txt", "eins.txt"]


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"input path '.*fehlt' does not exist"):
        inputs(str(tmp_path / "fehlt"))


def test_the_size_limit_is_checked_when_a_file_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "gross.txt").write_bytes(b"x" * 2000)
    (item,) = inputs(str(tmp_path), max_bytes=1000)
    with pytest.raises(SkipFile, match=r"file too large \(2,000 bytes, limit 1,000\)"):
        item.load()


def test_an_outlet_rule_matches_a_file_name_or_path(tmp_path: Path) -> None:
    (tmp_path / "tagesblatt-1.txt").write_text("Text", "utf-8")
    (tmp_path / "anderes.txt").write_text("Text", "utf-8")
    rule = OutletRule(match="tagesblatt-*.txt", name="Tagesblatt")
    found = {Path(i.name).name: i.outlet for i in inputs(str(tmp_path), outlets=[rule])}
    assert found == {"anderes.txt": None, "tagesblatt-1.txt": rule}


def test_a_named_input_names_the_outlet_of_every_file(tmp_path: Path) -> None:
    (tmp_path / "tagesblatt-1.txt").write_text("Text", "utf-8")
    rule = OutletRule(match="tagesblatt-*.txt", name="Tagesblatt")
    (item,) = inputs({"path": str(tmp_path), "name": "Stadtbote"}, outlets=[rule])
    assert item.outlet == OutletRule(match="", name="Stadtbote")


def test_a_feed_file_is_read_as_a_feed_whatever_its_suffix(tmp_path: Path) -> None:
    # The real tagesschau feed, saved under a name that says nothing about its kind.
    feed = (FEEDS / "tagesschau-rss2-2021-02-18.xml").read_bytes()
    (tmp_path / "nachrichten.txt").write_bytes(feed)
    (item,) = inputs(str(tmp_path))
    documents = read_bytes(item.load(), item.name, kind=item.kind)
    assert item.kind == ""  # the kind comes from the content, when the file is read
    assert len(documents) == 38
    assert {d.source.name for d in documents} == {"tagesschau.de"}
    assert all(d.source.url and d.source.url.startswith("https://www.")
               for d in documents)  # fmt: skip


def _night(path: Path, bodies: list[str]) -> None:
    """Write a scraper's night of JSON lines, one article per body."""
    lines = [json.dumps({"title": f"Meldung {n}", "text": body, "url": f"https://b.example/{n}"},
                        ensure_ascii=False) for n, body in enumerate(bodies)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", "utf-8")


def test_a_large_input_read_alone_is_parsed_in_parts_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen."
    _night(tmp_path / "nacht.jsonl", [f"{body} Punkt {n}." for n in range(7)])
    whole, _ = read_all([parse_entry(str(tmp_path), Path.cwd())], Options())
    monkeypatch.setattr(collect, "PART_BYTES", 100)  # the file is far larger: two parts
    parts, skipped = read_all([parse_entry(str(tmp_path), Path.cwd())], Options())
    assert [a.title for a in parts] == [f"Meldung {n}" for n in range(7)]
    assert parts == whole and skipped == []
    (item,) = inputs(str(tmp_path))
    assert collect._shares(item, 1) == [(0, 2), (1, 2)]
    assert collect._shares(item, 2) == [(0, 1)]  # two inputs keep both readers busy
    assert collect.read_input(item, 10**6, share=(1, 2)) == whole[3:]


def test_a_large_input_without_article_text_is_skipped_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _night(tmp_path / "leer.jsonl", [""] * 6)
    _night(tmp_path / "fotos.jsonl", ["Foto: dpa"] * 6)
    monkeypatch.setattr(collect, "PART_BYTES", 100)
    said = []
    for name in ("fotos.jsonl", "leer.jsonl"):  # each read alone: in two parts
        articles, skipped = read_all([parse_entry(str(tmp_path / name), Path.cwd())], Options())
        assert articles == []
        said += [(Path(s.file).name, s.reason) for s in skipped]
    assert said == [
        ("fotos.jsonl", "no article text found"),
        ("leer.jsonl", "no line holds a JSON object with article text (6 unusable lines)"),
    ]
