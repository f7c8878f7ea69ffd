"""Expected failures: each one is shown to the user as a one-line error, never a traceback."""

from __future__ import annotations

from typing import IO, Any

import click

from digest.exitcodes import ExitCode


class DigestError(click.ClickException):
    """A failure the user can fix; the CLI prints ``Error: <message>`` and exits non-zero."""

    exit_code = ExitCode.FAILED


class ConfigError(DigestError):
    """The configuration is invalid; ``problems`` holds one line per bad key."""

    exit_code = ExitCode.CONFIG_ERROR

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def show(self, file: IO[Any] | None = None) -> None:
        """Print every problem on its own ``Error:`` line."""
        for problem in self.problems:
            click.echo(f"Error: {problem}", err=True, file=file)


class InputError(DigestError):
    """An input path is missing or unusable."""

    exit_code = ExitCode.INPUT_ERROR


class SkipFile(Exception):
    """Raised by a reader for a file that cannot be used; the message is the reason."""


class NotNews(SkipFile):
    """Raised for an input that holds no news (an advertisement): a mailbox's normal
    content, left out with a note under ``-v``, not a warning nor a skipped input."""
