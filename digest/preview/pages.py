"""The preview's pages: the bar injected into the issue, the error page and the mobile frame."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from digest.config import GMAIL_CLIP_BYTES

if TYPE_CHECKING:
    from digest.preview.builder import Build

ASSETS = Path(__file__).parent
MOBILE_WIDTH = 375


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def bar(build: Build, mode: str) -> str:
    """Return the preview bar: HTML size, plaintext link, width toggle and warnings."""
    if build.error is not None:
        inside = '<span class="dp-over">Build failed: showing the error, not the issue</span>'
    else:
        inside = f"{_size(build)} <nav>{_nav(mode)}</nav>{_warnings(build.warnings)}"
    failed = ' class="dp-failed"' if build.error is not None else ""
    return (
        f"<style>{_asset('bar.css')}</style>"
        f'<div id="digest-preview-bar"{failed} role="region" aria-label="Preview">'
        f'<span class="dp-name">digest preview</span> {inside}</div>'
    )


def _size(build: Build) -> str:
    over = ' class="dp-over"' if build.html_bytes > min(build.budget, GMAIL_CLIP_BYTES) else ""
    return (
        f'<span class="dp-size" id="digest-preview-size"><span{over}>HTML {build.html_bytes:,}'
        f"</span> of {GMAIL_CLIP_BYTES:,} bytes ({build.html_bytes / GMAIL_CLIP_BYTES:.0%}"
        " of Gmail's clipping limit)</span>"
    )


def _nav(mode: str) -> str:
    links = [
        ('href="/issue.txt" target="_blank"', "Plaintext", False),
        (f'href="/?width={MOBILE_WIDTH}"', f"Mobile {MOBILE_WIDTH} px", mode == "mobile"),
        ('href="/"', "Desktop", mode == "desktop"),
    ]
    return " ".join(
        f"<a {attrs}{' aria-current=page' if current else ''}>{label}</a>"
        for attrs, label, current in links
    )


def _warnings(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<span id="digest-preview-warnings">No warnings</span>'
    items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
    return (
        f'<details id="digest-preview-warnings" open><summary>{len(warnings)} warning(s)'
        f"</summary><ul>{items}</ul></details>"
    )


def reload_script(build: Build) -> str:
    """Return the long-poll script that reloads the page after the next build."""
    return f'<script data-version="{build.version}">{_asset("reload.js")}</script>'


def inject(email: str, build: Build, mode: str = "desktop") -> str:
    """Put the bar after ``<body …>`` and the reload script before ``</body>``."""
    lower = email.lower()
    start = lower.find("<body")
    start = lower.find(">", start) + 1 if start >= 0 else 0
    email = email[:start] + bar(build, mode) + email[start:]
    end = email.lower().rfind("</body>")
    end = end if end >= 0 else len(email)
    return email[:end] + reload_script(build) + email[end:]


def shell(build: Build, title: str, body: str, mode: str = "desktop") -> str:
    """Return a preview page of our own (error page, mobile frame) around ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>"
        f'<body style="margin: 0; background: #f3f1ec;">{bar(build, mode)}{body}'
        f"{reload_script(build)}</body></html>\n"
    )


def error_page(build: Build) -> str:
    """Return the page shown while the last build failed."""
    body = (
        '<main id="digest-preview-error"><h1>The preview could not be built</h1>'
        f"<pre>{html.escape(build.error or '')}</pre>"
        "<p>Fix the file and save it: this page reloads by itself.</p></main>"
    )
    return shell(build, "Build failed – digest preview", body)


def frame_page(build: Build, width: int) -> str:
    """Return the issue in a frame ``width`` pixels wide, as a phone shows it."""
    body = (
        f'<iframe id="digest-preview-frame" src="/issue.html" title="Issue at {width} px"'
        f' width="{width}" style="width: {width}px; height: calc(100vh - 80px);"></iframe>'
    )
    return shell(build, f"{width} px – digest preview", body, mode="mobile")
