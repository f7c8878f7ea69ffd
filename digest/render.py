"""Render an issue to HTML email and plaintext (being written: foundation issue)."""

from __future__ import annotations

from dataclasses import dataclass

from digest.config import Config
from digest.models import Issue


@dataclass(frozen=True)
class Rendered:
    """The rendered issue."""

    html: str
    text: str


def render(issue: Issue, config: Config) -> Rendered:
    """Render ``issue``."""
    text = "\n\n".join(f"{s.headline}\n\n{s.body}" for s in issue.stories)
    return Rendered(html=f"<html><body><pre>{text}</pre></body></html>", text=text)
