"""The build's sentence vectors: cached by model and text, embedded within a time budget.

Vectors live in the state database (``digest.state``), one row per (model name, text
hash), so a preview rebuild or the next night never embeds a text twice. Where there is
no state database yet, they are kept for the life of the process and written to it with
the issue (``save_vectors``): a build that writes nothing (``--strict`` failing, the
preview, ``api``) creates no state folder. A cold batch can hold more texts than the
budget (``dedup.embed_seconds``) allows: callers ask for the most useful texts first, and
what is not embedded in time gets no vector.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from digest.config import Config, DedupConfig
from digest.dedup.embed import BATCH, Embedder, EmbedderUnavailable, Vectors, embedder
from digest.state import Table, has_state, open_state

log = logging.getLogger(__name__)

VECTORS = Table(
    "vectors",
    "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
    "vec BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID",
)
_BATCH_KEYS = 500  # keys per query (SQLite's bound-variable limit on old builds is 999)
PROCESS_VECTORS = 200_000  # vectors a process keeps without a database (~300 MB at most)
FIRST_BATCH = 4  # texts in the first call, before the time per text is known
_memory: dict[tuple[str, bytes], Vectors] = {}
_unsaved: set[tuple[str, bytes]] = set()  # kept in the process, not yet in a state database


def text_key(text: str) -> bytes:
    """Key a text by 16 bytes of its SHA-256 (plenty against collisions)."""
    return hashlib.sha256(text.encode("utf-8")).digest()[:16]


class VectorStore:
    """Vectors by (model, text key): in the state database, or in this process."""

    def __init__(self, db: sqlite3.Connection | None = None) -> None:
        self.db = db

    @classmethod
    def open(cls, config: Config) -> VectorStore:
        """Use the state database if it exists; else the process's memory."""
        return cls(open_state(config, VECTORS)) if has_state(config) else cls()

    def get(self, model: str, keys: Sequence[bytes]) -> dict[bytes, Vectors]:
        """Return the stored vectors among ``keys``."""
        if self.db is None:
            return {k: v for k in keys if (v := _memory.get((model, k))) is not None}
        found: dict[bytes, Vectors] = {}
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), _BATCH_KEYS):
            chunk = wanted[start : start + _BATCH_KEYS]
            rows = self.db.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN "
                f"({','.join('?' * len(chunk))})", (model, *chunk),
            )  # fmt: skip
            found.update((bytes(k), np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        return found

    def put(self, model: str, rows: Sequence[tuple[bytes, Vectors]]) -> None:
        """Store ``(key, vector)`` rows."""
        if self.db is None:
            if len(_memory) + len(rows) <= PROCESS_VECTORS:
                _memory.update(((model, k), v) for k, v in rows)
                _unsaved.update((model, k) for k, _ in rows)
            return
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in rows],
            )

    def close(self) -> None:
        """Close the database, if any."""
        if self.db is not None:
            self.db.close()


@dataclass
class Spent:
    """What the model did in one build: texts embedded, found in the cache, seconds."""

    embedded: int = 0
    cached: int = 0
    seconds: float = 0.0
    out_of_time: int = 0  # texts asked for after the budget ran out


class Semantic:
    """The sentence model of one build: cache first, then embed until the budget is spent.

    ``seconds`` is the time the model may take in the whole build (matching, short items,
    the merge); a call that would overrun it embeds fewer texts, and those get no vector.
    """

    def __init__(
        self, model: Embedder, store: VectorStore, seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        self.model = model
        self.store = store
        self.seconds = seconds
        self.clock = clock
        self.spent = Spent()
        self.per_text: float | None = None  # seconds per text, measured on the first call
        self.broken = ""  # why the model could not be loaded, if it could not

    def left(self) -> float:
        """Return the seconds of the budget still to spend."""
        return self.seconds - self.spent.seconds

    def vectors(self, texts: Sequence[str]) -> list[Vectors | None]:
        """Return a vector per text, most useful first; None where time or the model ran out."""
        keys = [text_key(t) for t in texts]
        found = self.store.get(self.model.name, keys) if texts else {}
        self.spent.cached += sum(1 for k in dict.fromkeys(keys) if k in found)
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        order = list(todo)
        while order and not self.broken:
            size = self._batch_size()
            if size == 0:
                break
            chunk, order = order[:size], order[size:]
            rows = self._embed([todo[k] for k in chunk])
            if rows is None:
                break
            pairs = list(zip(chunk, rows, strict=True))
            self.store.put(self.model.name, pairs)
            found.update(pairs)
        self.spent.out_of_time += len(order)
        return [found.get(k) for k in keys]

    def _batch_size(self) -> int:
        """Return how many texts the next call may take to end within the budget."""
        left = self.left()
        if left <= 0:
            return 0
        if self.per_text is None:
            return FIRST_BATCH
        if left == float("inf") or self.per_text <= 0:
            return BATCH  # no budget (a benchmark), or a clock too coarse to time a call
        return min(BATCH, int(left / self.per_text))

    def _embed(self, texts: list[str]) -> Vectors | None:
        """Embed ``texts``, timing the call; None (and one warning) if the model fails."""
        start = self.clock()
        try:
            rows = self.model.embed(texts)
        except EmbedderUnavailable as exc:
            self.broken = str(exc)
            log.warning("dedup.embedder '%s': %s; matching by words alone", self.model.name, exc)
            return None
        took = self.clock() - start
        self.spent.seconds += took
        self.spent.embedded += len(texts)
        # The latest call says most about the machine's load now.
        self.per_text = took / len(texts)
        return rows


def semantic_for(config: Config) -> Semantic | None:
    """Return the build's sentence model as ``dedup.embedder`` names it (None: ``none``)."""
    model = embedder(config.dedup.embedder)
    if model is None:
        return None
    return Semantic(model, VectorStore.open(config), config.dedup.embed_seconds)


def save_vectors(config: Config) -> None:
    """Write the vectors this process kept for want of a state database into it."""
    if not _unsaved:
        return
    store = VectorStore(open_state(config, VECTORS))
    try:
        for model in {m for m, _ in _unsaved}:
            store.put(model, [(k, _memory[(m, k)]) for m, k in _unsaved if m == model])
    finally:
        store.close()
    _unsaved.clear()


def process_semantic(settings: DedupConfig) -> Semantic | None:
    """Return the sentence model with vectors kept for this process only (no state folder)."""
    model = embedder(settings.embedder)
    return None if model is None else Semantic(model, VectorStore(), settings.embed_seconds)
