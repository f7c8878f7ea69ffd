"""One night's articles: the first stages for every input, then the window and the memory.

sources (``gather``: paths, feeds, mailboxes) → readers (bytes to documents) → parse
(documents to articles, outlets named); then articles older than ``max_age_days`` and,
with the memory, what an earlier issue carried are left out, and inputs that name no
outlet get a neutral label. ``build.build_issue`` calls ``collect`` as its first stage.

Each input is read in a forked child under limits (``digest.isolate``: time
``max_input_seconds``, memory, recursion), two at a time (a large input read alone in
two parts, ``PART_BYTES``): whatever one input does to its
reader (endless recursion, gigabytes, hours, a crash) costs only that input, which is
skipped with a one-line reason. What an article shows is cleaned once, here: no
invisible or direction characters, only plain http(s) and mailto links.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from digest import isolate, sources
from digest.config import Config, InputSpec, OutletRule
from digest.dedup.memory import Memory
from digest.errors import NotNews, SkipFile
from digest.i18n import translations
from digest.models import Article, Item, Skipped
from digest.parse import NO_ARTICLE_TEXT, parse_input
from digest.readers import preload, read_bytes
from digest.sources.outlets import label_unknown, name_outlet
from digest.state import state_folder, state_location
from digest.text.clean import clean_text, safe_link
from digest.text.relative import absolute_days

log = logging.getLogger(__name__)

HTTP_CACHE = "http"  # the conditional-GET cache, inside the private state folder


def collect(
    config: Config, inputs: Sequence[InputSpec | Path] | None, date: dt.date,
    memory: Memory | None = None, progress: sources.Progress | None = None,
) -> tuple[list[Article], list[Skipped]]:  # fmt: skip
    """Return the night's articles from ``inputs`` (default: the config's) and the skips.

    A plain path in ``inputs`` is a path input; ``progress`` reports fetches.
    """
    specs = as_specs(inputs) if inputs is not None else config.inputs
    options = sources.Options(
        max_bytes=config.max_input_bytes, outlets=config.outlets,
        cache_dir=_cache_dir(config, specs), since=_since(config, date),
        known=memory.knows if memory else None, progress=progress,
        exclude=(config.output, state_location(config)),  # never read back what we wrote
        seconds=config.max_input_seconds,
    )  # fmt: skip
    articles, skipped = read_all(specs, options)
    articles = [named_days(a, config, date) for a in recent(articles, config, date)]
    if memory:
        articles = memory.leave_out(articles)
    # Only the inputs whose articles reach the issue need a name, and a warning.
    return name_unknown(articles, translations(config.locale).gettext("Source {number}")), skipped


def as_specs(inputs: Sequence[InputSpec | Path]) -> list[InputSpec]:
    """Return ``inputs`` as specs: a plain path is a path input."""
    return [i if isinstance(i, InputSpec) else InputSpec("path", str(i.absolute())) for i in inputs]


def read_all(
    specs: Sequence[InputSpec], options: sources.Options
) -> tuple[list[Article], list[Skipped]]:
    """Read every input of ``specs``, each in a child under limits; skip what fails.

    An input may take ``options.seconds``; a container (a night of JSON lines, a
    mailbox) more, in proportion to its size. A large input read alone is parsed in
    parts, one per reader (``PART_BYTES``); its articles keep their order.
    """
    found = sources.gather(specs, options)
    preload()  # once here, not once per child
    limits = isolate.Limits(seconds=options.seconds)

    def read(part: Part) -> list[Article]:
        item, share = part
        return read_input(item, options.max_bytes, options.outlets, share)

    shares = [_shares(i, len(found.inputs)) for i in found.inputs]
    parts = [(i, share) for i, mine in zip(found.inputs, shares, strict=True) for share in mine]
    jobs = [isolate.Job(p, isolate.seconds_for(p[0].size, options.max_bytes, limits))
            for p in parts]  # fmt: skip
    outcomes = dict(isolate.map_isolated(read, jobs, limits, expected=(SkipFile,)))
    articles: list[Article] = []
    skipped = list(found.skipped)
    index = 0
    for item, mine in zip(found.inputs, shares, strict=True):  # in order, whoever finished first
        got, lost = _combined(item, mine, [outcomes[index + n] for n in range(len(mine))])
        index += len(mine)
        articles.extend(got)
        skipped.extend(lost)
    return articles, skipped


def _combined(
    item: sources.Input, shares: Sequence[Share], results: Sequence[isolate.Outcome[Any]]
) -> tuple[list[Article], list[Skipped]]:
    """Return the articles of one input's parts and what was skipped, said once if every
    part failed alike (the reader refused the file: the input's fault, not a part's)."""
    for outcome in results:
        outcome.replay()
    failed = [(share, r.value.reason) for share, r in zip(shares, results, strict=True)
              if isinstance(r.value, isolate.Failed)]  # fmt: skip
    got = [a for r in results if not isinstance(r.value, isolate.Failed) for a in r.value]
    if len(shares) > 1 and not got and not failed:
        failed = [((0, 1), NO_ARTICLE_TEXT)]
    if len(failed) == len(shares) and len({reason for _, reason in failed}) == 1:
        failed = [((0, 1), failed[0][1])]
    lost = []
    for (k, n), reason in failed:
        name = item.name if n == 1 else f"{item.name} (part {k + 1} of {n})"
        log.warning("Skipping '%s': %s", name, reason)
        lost.append(Skipped(file=name, reason=reason))
    return got, lost


Share = tuple[int, int]  # which part of an input's documents a child reads: (k, of n)
Part = tuple[sources.Input, Share]
PART_BYTES = 2 << 20  # an input this large (a scraper's night, hundreds of articles) ...


def _shares(item: sources.Input, inputs: int) -> list[Share]:
    """Split one large input among the readers while there are fewer inputs than readers:
    a night of JSON lines in one file would otherwise be parsed on one core of two."""
    if inputs >= isolate.DEFAULT_WORKERS or item.size < PART_BYTES:
        return [(0, 1)]
    return [(k, isolate.DEFAULT_WORKERS) for k in range(isolate.DEFAULT_WORKERS)]


def read_input(
    item: sources.Input, max_bytes: int, rules: Sequence[OutletRule] = (),
    share: Share = (0, 1),
) -> list[Article]:  # fmt: skip
    """Read one input into articles; raise ``SkipFile`` with the reason if it is unusable.

    Each article names the input it came from and is given its keys for the memory
    across issues before an outlet rule may replace its URL with the outlet's; its outlet
    is named by the rules, the input, the table of known outlets or the page itself.
    With ``share`` (k, n), only the k-th of n consecutive runs of its documents is parsed;
    a run without article text is no reason to skip the input, and gives nothing.
    """
    documents = read_bytes(item.load(), item.name, max_bytes, item.kind)
    k, n = share
    documents = [
        replace(d, source=replace(d.source, file=item.file, url=d.source.url or item.url))
        for d in documents[k * len(documents) // n : (k + 1) * len(documents) // n]
    ]
    try:
        parsed = parse_input(documents)
    except NotNews as exc:
        log.info("Leaving out '%s': %s", item.name, exc)
        return []
    except SkipFile:
        if n == 1:
            raise
        return []
    articles = [replace(a, keys=a.own_keys()) for a in parsed]
    return [cleaned(replace(a, source=name_outlet(a.source, rules, item.outlet)))
            for a in articles]  # fmt: skip


def cleaned(article: Article) -> Article:
    """Strip invisible and direction characters from what an article shows; keep safe links."""
    source = replace(article.source, name=clean_text(article.source.name),
                     url=safe_link(article.source.url))  # fmt: skip
    items = [Item(text=clean_text(i.text), url=safe_link(i.url)) for i in article.items]
    return replace(
        article, title=clean_text(article.title), body=clean_text(article.body),
        kicker=clean_text(article.kicker), dateline=clean_text(article.dateline),
        authors=[clean_text(a) for a in article.authors], items=items, source=source,
        ressort=clean_text(article.ressort),
    )  # fmt: skip


def name_unknown(articles: Sequence[Article], label: str, *, warn: bool = True) -> list[Article]:
    """Give the articles whose outlet nobody named a neutral label; warn once per input."""
    labels = label_unknown([a.source for a in articles], label)
    for file, shown in labels.items() if warn else ():
        log.warning(
            "'%s': no outlet name found (no site name, sender, source field or known domain); "
            "shown as '%s'. Name it with a 'sources' rule in config.yaml", file, shown,
        )  # fmt: skip
    return [
        replace(a, source=replace(a.source, name=labels[a.source.file])) if not a.source.name
        else a for a in articles
    ]  # fmt: skip


def recent(articles: Sequence[Article], config: Config, date: dt.date) -> list[Article]:
    """Leave out articles published more than ``max_age_days`` before ``date``; keep undated."""
    if config.max_age_days is None:
        return list(articles)
    start = dt.datetime.combine(date, dt.time(), config.tz) - dt.timedelta(config.max_age_days)
    kept = [a for a in articles if a.published is None or _aware(a.published, config) >= start]
    if len(kept) < len(articles):
        log.info("Left out %d of %d articles published before %s (max_age_days: %g)",
                 len(articles) - len(kept), len(articles), start.date(), config.max_age_days)
        if not kept:
            log.warning("Every article was published before %s (max_age_days: %g): give "
                        "--date or set max_age_days: null", start.date(), config.max_age_days)
    return kept


def named_days(article: Article, config: Config, date: dt.date) -> Article:
    """Name the weekdays the article's "gestern" and "morgen früh" mean, from its date
    (``text.relative``): the issue is read days after it was written. Undated: as it is."""
    if article.published is None:
        return article
    written = _aware(article.published, config).astimezone(config.tz).date()

    def named(text: str) -> str:
        return absolute_days(text, written, date)

    return replace(
        article, title=named(article.title), kicker=named(article.kicker),
        body=named(article.body), items=[replace(i, text=named(i.text)) for i in article.items],
    )  # fmt: skip


def _aware(when: dt.datetime, config: Config) -> dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=config.tz)


def _since(config: Config, date: dt.date) -> dt.date | None:
    """Return the first day a mailbox is searched from (IMAP counts whole days)."""
    if config.max_age_days is None:
        return None
    return date - dt.timedelta(days=int(-(-config.max_age_days // 1)))


def _cache_dir(config: Config, specs: Sequence[InputSpec]) -> Path | None:
    """Return the HTTP cache folder if any input is fetched over HTTP (else create nothing)."""
    if not any(s.kind == "feed" for s in specs):
        return None
    return state_folder(config) / HTTP_CACHE
