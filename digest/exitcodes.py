"""Named exit codes (documented in the README; scripts and cron rely on them)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status the ``digest`` command can return."""

    OK = 0
    #: Something went wrong that is not one of the cases below.
    FAILED = 1
    #: Bad command-line usage (click's own code).
    USAGE = 2
    #: config.yaml (or a file it names) is invalid.
    CONFIG_ERROR = 3
    #: An input path is missing, or ``--strict`` and an input was skipped.
    INPUT_ERROR = 4
    #: ``send``/``run``: the issue was already sent to every recipient.
    NOTHING_TO_DO = 5
    #: ``send``/``run``: some recipients got the issue, some failed.
    PARTIAL = 6
    #: ``run``: another run holds the lock.
    LOCKED = 7
    #: ``check``/``send``/``run``: a pre-send check failed (a placeholder sender, unsubscribe
    #: address or Impressum; no unsubscribe secret); nothing was sent.
    CHECK_FAILED = 8
