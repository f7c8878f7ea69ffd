"""Compile the gettext catalogues (.po -> .mo) whenever the package is built or installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    """Write messages.mo next to every messages.po so installs ship compiled catalogues."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in Path(self.root, "digest", "locale").glob("*/LC_MESSAGES/messages.po"):
            with po.open("rb") as f:
                catalog = read_po(f)
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)
            mo = po.with_suffix(".mo").relative_to(self.root).as_posix()
            build_data.setdefault("artifacts", []).append(mo)
