"""The live preview: build into a temp folder, serve it on loopback, rebuild when a file changes.

Modelled on MkDocs' livereload: every rebuild re-reads the configuration and renders into a
fresh folder that is swapped in only when complete (``digest.preview.builder``); a failed
rebuild keeps the server up and shows the error; open pages long-poll ``/_reload`` and
reload themselves after a new build (``digest.preview.server``).
"""

from __future__ import annotations

from digest.preview.builder import Build, Builder, Site
from digest.preview.server import Preview, resolve, serve

__all__ = ["Build", "Builder", "Preview", "Site", "resolve", "serve"]
