"""User hooks: Python files named in config with on_issue, on_before_send, on_after_send.

``on_issue(issue)`` gets the ``Issue`` before anything is sent; ``on_before_send(message)``
gets each ``EmailMessage`` (also for --dry-run and --test) and returns it, changed or not, or
``None`` to veto it; ``on_after_send(report)`` gets the run's ``SendReport`` once, after a
real send (not for --dry-run or --test).
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType
from typing import Any

from digest.errors import DigestError
from digest.models import Issue

log = logging.getLogger(__name__)
EVENTS = ("on_issue", "on_before_send", "on_after_send")


class HookError(DigestError):
    """A hook file cannot be loaded, or a hook failed where that stops the run."""


@dataclass(frozen=True)
class Hooks:
    """The loaded hook modules, called in config order."""

    modules: tuple[ModuleType, ...] = ()

    def _each(self, event: str) -> list[tuple[ModuleType, Any]]:
        return [(m, getattr(m, event)) for m in self.modules if callable(getattr(m, event, None))]

    def on_issue(self, issue: Issue) -> None:
        """Tell each hook which issue is about to go out; an exception stops the run."""
        for module, func in self._each("on_issue"):
            try:
                func(issue)
            except Exception as exc:
                raise HookError(f"hook '{module.__file__}': on_issue failed: {exc!r}") from exc

    def on_before_send(self, message: EmailMessage) -> tuple[EmailMessage | None, str]:
        """Let each hook change the message; ``None`` (returned or raised) vetoes it, with why."""
        current = message
        for module, func in self._each("on_before_send"):
            try:
                result = func(current)
            except Exception as exc:
                return None, f"vetoed by hook '{Path(str(module.__file__)).name}': {exc}"
            if result is None:
                return None, f"vetoed by hook '{Path(str(module.__file__)).name}'"
            if not isinstance(result, EmailMessage):
                raise HookError(
                    f"hook '{module.__file__}': on_before_send returned "
                    f"{type(result).__name__}, expected the message or None"
                )
            current = result
        return current, ""

    def on_after_send(self, result: Any) -> None:
        """Report the run to each hook; a failing hook is logged, never undoes a delivery."""
        for module, func in self._each("on_after_send"):
            try:
                func(result)
            except Exception as exc:
                log.error("hook '%s': on_after_send failed: %r", module.__file__, exc)


def load_hooks(paths: Sequence[Path]) -> Hooks:
    """Import each hook file; a file that fails to import is a one-line error naming it."""
    modules = []
    for i, path in enumerate(paths):
        spec = importlib.util.spec_from_file_location(f"digest_hook_{i}_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise HookError(f"hook '{path}': not a Python file")
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except FileNotFoundError:
            raise HookError(f"hook '{path}': file not found") from None
        except Exception as exc:
            raise HookError(f"hook '{path}': cannot import: {type(exc).__name__}: {exc}") from exc
        modules.append(module)
    return Hooks(tuple(modules))
