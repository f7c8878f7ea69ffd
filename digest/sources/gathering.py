"""Every configured input -> ``Input``s: files, Maildirs, feeds (fetched a few at once), IMAP.

A source that fails as a whole (a feed that cannot be fetched or parsed, a mailbox that
refuses the login) is one warning and one ``Skipped`` entry naming it; the others go on.
A path that does not exist is an ``InputError``: it is the user's typo, not the night's
weather. The network modules are imported only when an input needs them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digest import isolate
from digest.config import DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_INPUT_SECONDS, OutletRule
from digest.config.inputs import InputSpec, path_label
from digest.errors import InputError
from digest.models import Skipped
from digest.sources.files import file_size, read_file, rule_for
from digest.sources.input import Input, SourceError, file_input, named_outlet
from digest.sources.maildir import MAIL_KIND
from digest.sources.walk import Bounds, maildir_messages, walk

if TYPE_CHECKING:
    from digest.sources.fetch import Fetcher, FetchError, Response

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Options:
    """What the sources need from the configuration and the run.

    ``cache_dir`` holds the HTTP cache (in the private state folder); ``since`` is the
    oldest day a mailbox is searched from; ``known(keys)`` tells which feed entries an
    earlier issue carried (their pages are not fetched); ``progress(done, total, url)``
    reports fetches (a terminal shows it). ``exclude`` names folders never read as input,
    even inside an input folder (the output folder and the state folder). ``seconds`` is
    the time one input may take to read (``max_input_seconds``).
    """

    max_bytes: int = DEFAULT_MAX_INPUT_BYTES
    outlets: Sequence[OutletRule] = ()
    cache_dir: Path | None = None
    since: dt.date | None = None
    env: Mapping[str, str] | None = None
    known: Callable[[Sequence[str]], bool] | None = None
    progress: Progress | None = None
    exclude: Sequence[Path] = ()
    seconds: float = DEFAULT_MAX_INPUT_SECONDS


@dataclass
class Gathered:
    """The inputs of every source that could be read, and the sources that could not."""

    inputs: list[Input] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def gather(specs: Iterable[InputSpec], options: Options | None = None) -> Gathered:
    """Return the inputs of ``specs`` in order; a failing source is a warning and a ``Skipped``."""
    specs = list(specs)
    options = options or Options()
    feeds = [s.location for s in specs if s.kind == "feed"]
    fetcher = _fetcher(options) if feeds else None
    responses = fetcher.get_many(feeds, progress=options.progress) if fetcher else {}
    # Files are read only inside the input paths: a link leading elsewhere is not followed.
    bounds = Bounds.of([s.path for s in specs if s.kind == "path"], options.exclude)
    result = Gathered()
    for spec in specs:
        try:
            if spec.kind == "path":
                inputs, skipped = path_inputs(spec, options, bounds)
                result.inputs.extend(inputs)
                result.skipped.extend(skipped)
            elif spec.kind == "feed" and fetcher is not None:
                result.inputs.extend(_feed(spec, fetcher, responses[spec.location], options))
            else:
                inputs, skipped = _imap(spec, options)
                result.inputs.extend(inputs)
                result.skipped.extend(skipped)
        except SourceError as exc:
            log.warning("Skipping '%s': %s", spec.label, exc)
            result.skipped.append(Skipped(file=spec.label, reason=str(exc)))
    return result


def path_inputs(
    spec: InputSpec, options: Options, bounds: Bounds | None = None
) -> tuple[list[Input], list[Skipped]]:
    """Return the inputs of a path (its files, the messages of its Maildirs) and the skips.

    Only what lies inside ``bounds`` is read (default: inside the path itself); a link
    leading elsewhere, a folder that cannot be read are warnings and ``Skipped`` entries.
    """
    bounds = bounds or Bounds.of([spec.path], options.exclude)
    try:
        found = walk(spec.path, bounds)
    except FileNotFoundError:
        raise InputError(f"input path '{spec.label}' does not exist") from None
    named = named_outlet(spec.name)
    inputs = [file_input(p, max_bytes=options.max_bytes, outlets=options.outlets, outlet=named)
              for p in found.files]  # fmt: skip
    skips = list(found.skipped)
    for maildir in found.maildirs:
        messages = maildir_messages(maildir, bounds)
        inputs.extend(maildir_inputs(maildir, messages.files, options, named))
        skips.extend(messages.skipped)
    return inputs, [_skipped(path, reason) for path, reason in skips]


def _skipped(path: Path, reason: str) -> Skipped:
    """Warn about a path left out of an input folder; return its ``Skipped`` entry."""
    name = path_label(path)
    log.warning("Skipping '%s': %s", name, reason)
    return Skipped(file=name, reason=reason)


def maildir_inputs(
    maildir: Path, paths: Sequence[Path], options: Options, named: OutletRule | None
) -> list[Input]:
    """Return one ``.eml`` input per message file of ``maildir``, named by its file.

    ``issue.json`` names the Maildir as the ``file``, as it names an IMAP folder.
    """
    origin = path_label(maildir)

    def load(path: Path) -> Callable[[], bytes]:
        return lambda: read_file(path, options.max_bytes)

    return [
        Input(path_label(p), load(p), origin, MAIL_KIND,
              outlet=named or rule_for(p, options.outlets), size=file_size(p, options.max_bytes))
        for p in paths
    ]  # fmt: skip


def _fetcher(options: Options) -> Fetcher:
    from digest.sources.fetch import Fetcher

    return Fetcher(options.cache_dir)


def _feed(
    spec: InputSpec, fetcher: Fetcher, response: Response | FetchError, options: Options
) -> list[Input]:
    from digest.sources.feeds import feed_inputs
    from digest.sources.fetch import FetchError

    if isinstance(response, FetchError):
        raise response
    base = isolate.Limits(seconds=options.seconds)  # a large feed gets time in proportion
    seconds = isolate.seconds_for(len(response.data), options.max_bytes, base)
    limits = isolate.Limits(seconds=seconds)
    return feed_inputs(spec, fetcher, response, known=options.known, progress=options.progress,
                       limits=limits)  # fmt: skip


def _imap(spec: InputSpec, options: Options) -> tuple[list[Input], list[Skipped]]:
    from digest.sources.imap import imap_inputs

    return imap_inputs(spec, max_bytes=options.max_bytes, env=options.env, since=options.since)
