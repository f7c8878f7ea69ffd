"""Outlet names: what a reader sees in "Quellen: …" and "Laut …", never a file name or a hash.

An article's outlet is named by the first of these that knows it:

1. a ``sources`` rule of the config: one that matches the input file names every article
   in it (``digest.sources.files.rule_for``); otherwise the first rule matching the
   article's URL (a glob such as ``https://www.zeit.de/*``), its domain (``zeit.de`` also
   matches ``www.zeit.de`` and ``blog.zeit.de``) or the outlet the input names itself
   (a JSON record's ``source`` field, a mail's sender);
2. the article URL's domain in the outlet table ``digest/data/outlets.csv`` (a few hundred
   German, Austrian and Swiss outlets), so one outlet reads the same from a page, a feed
   and a scraper's record;
3. the name the input declares: a page's site name or JSON-LD publisher, a feed's title,
   a mail's sender, a record's ``source``; a domain or an address there goes through the
   table as well;
4. the bare domain of the article's URL or the declared address (``lokalblatt.de``).

Without any of these the name stays empty; the build labels such articles "Unbekannte
Quelle" (in the issue's language) and warns, naming the input.
"""

from __future__ import annotations

import csv
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from digest.config import OutletRule
from digest.models import Source

TABLE = Path(__file__).resolve().parents[1] / "data" / "outlets.csv"
# A host name as a declared outlet carries it: "sueddeutsche.de", "www.zeit.de".
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}", re.I)
# Host prefixes that name a version of a site, not another outlet.
_SITE_PREFIXES = ("www.", "m.", "mobil.", "mobile.", "amp.")


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, str]:
    """Return domain -> outlet name from the shipped table (``#`` lines are comments)."""
    lines = [ln for ln in TABLE.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    return {row["domain"].strip().lower(): row["name"].strip() for row in rows}


def host_of(url: str | None) -> str:
    """Return the host of ``url`` in lower case without ``www.``; "" when there is none."""
    if not url or "://" not in url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return _site(host)


def _site(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    for prefix in _SITE_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def table_name(host: str) -> str:
    """Return the table's outlet for ``host`` or the nearest parent domain in it, else ""."""
    table = outlet_table()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return ""


def domain_in(text: str) -> str:
    """Return the host a declared name stands for: a bare domain, an address or a URL; else ""."""
    text = text.strip().strip("<>")
    if "://" in text:
        return host_of(text)
    if "@" in text and " " not in text:
        text = text.rpartition("@")[2]
    return _site(text) if _DOMAIN.fullmatch(text) else ""


def rule_for_article(rules: Sequence[OutletRule], source: Source) -> OutletRule | None:
    """Return the first rule matching the article's URL, its domain or its declared outlet."""
    host = host_of(source.url)
    declared = source.name.strip().casefold()
    for rule in rules:
        pattern = rule.match.strip()
        if source.url and "://" in pattern and fnmatch.fnmatch(source.url, pattern):
            return rule
        if host and _matches_domain(host, pattern.casefold()):
            return rule
        if declared and fnmatch.fnmatch(declared, pattern.casefold()):
            return rule
    return None


def _matches_domain(host: str, pattern: str) -> bool:
    """Tell whether ``host`` is the domain ``pattern`` names or one under it."""
    pattern = pattern.removeprefix("*.")
    if not _DOMAIN.fullmatch(pattern):
        return False
    pattern = _site(pattern)
    return host == pattern or host.endswith("." + pattern)


def outlet_name(source: Source) -> str:
    """Name the outlet from the article's URL and what its input declares (steps 2–4 above)."""
    host = host_of(source.url)
    declared = source.name.strip()
    named = domain_in(declared) if declared else ""
    for candidate in (table_name(host) if host else "", table_name(named) if named else ""):
        if candidate:
            return candidate
    if declared and not named:
        return declared
    return named or host


def name_outlet(source: Source, rules: Sequence[OutletRule], forced: OutletRule | None) -> Source:
    """Return ``source`` with its outlet named; "" when nothing names it (see the module)."""
    rule = forced or rule_for_article(rules, source)
    if rule is not None:
        return replace(source, name=rule.name, url=source.url or rule.url)
    return replace(source, name=outlet_name(source))


def label_unknown(sources: Sequence[Source], label: str) -> dict[str, str]:
    """Return input file -> neutral label for every input whose outlet nobody named.

    ``label`` holds ``{number}``: each such input gets its own (``Quelle 2``), so a story
    told by two of them still credits two outlets, not one, and "Laut Quelle 2:" reads as
    German where "Laut Unbekannte Quelle" would read as an anonymous informant.
    """
    files = list(dict.fromkeys(s.file for s in sources if not s.name))
    return {file: label.format(number=n) for n, file in enumerate(files, 1)}
