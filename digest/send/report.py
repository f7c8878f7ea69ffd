"""What one send did, for the cron user and the ``on_after_send`` hook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from digest.exitcodes import ExitCode


@dataclass(frozen=True)
class Outcome:
    """What happened to one recipient in this run: sent, failed, uncertain or skipped."""

    recipient: str
    message_id: str
    state: str
    reply: str = ""


@dataclass(frozen=True)
class SendReport:
    """The result of one send: handed to ``on_after_send`` and summed up for the user."""

    subject: str
    date: dt.date
    total: int
    already: int = 0
    outcomes: tuple[Outcome, ...] = ()
    #: Recipients left in ``sending`` by an earlier, interrupted run and not re-sent.
    uncertain: tuple[str, ...] = ()
    #: Why the run stopped early (the server went away), or "".
    stopped: str = ""
    #: Recipients not reached because the run stopped.
    not_attempted: int = 0
    #: ``run`` built an issue without any news and sent nothing.
    empty: bool = False
    #: Recipients on the suppression list (they unsubscribed), left out of this send.
    unsubscribed: int = 0

    def _with(self, state: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == state]

    @property
    def sent(self) -> int:
        """Count the recipients the issue was delivered to in this run."""
        return len(self._with("sent"))

    @property
    def exit_code(self) -> ExitCode:
        """Map the report to the documented exit code; anything short of complete is not 0."""
        if self.empty:
            return ExitCode.NOTHING_TO_DO
        trouble = self.stopped or self.uncertain or self._with("failed") or self._with("uncertain")
        if trouble:
            return ExitCode.PARTIAL if self.sent + self.already else ExitCode.FAILED
        if not self.outcomes:
            return ExitCode.NOTHING_TO_DO
        return ExitCode.OK

    def summary(self) -> str:
        """Return the one line a cron user reads."""
        if self.empty:
            return f"Nothing to do: the issue of {self.date.isoformat()} has no news; not sent."
        if self.exit_code == ExitCode.NOTHING_TO_DO:
            left_out = f" ({self.unsubscribed} unsubscribed, left out)" if self.unsubscribed else ""
            if not self.total:
                return f"Nothing to do: every recipient unsubscribed{left_out}."
            return f"Nothing to do: already sent to all {_n(self.total, 'recipient')}{left_out}."
        line = f"Sent '{self.subject}' to {self.sent} of {_n(self.total, 'recipient')}"
        if self.already:
            line += f" ({self.already} already had it)"
        return line + "".join(f"; {part}" for part in self._problems()) + "."

    def _problems(self) -> list[str]:
        def listed(outcomes: list[Outcome]) -> str:
            return ", ".join(f"{o.recipient} ({o.reply})" for o in outcomes)

        parts = []
        if failed := self._with("failed"):
            parts.append(f"{len(failed)} failed: {listed(failed)}")
        uncertain = [o.recipient for o in self._with("uncertain")] + list(self.uncertain)
        if uncertain:
            parts.append(
                f"{len(uncertain)} uncertain (the connection broke after the message went out; "
                f"check, then use --resend-uncertain): {', '.join(uncertain)}"
            )
        if skipped := self._with("skipped"):
            parts.append(f"{len(skipped)} skipped: {listed(skipped)}")
        if self.stopped:
            parts.append(f"stopped: {self.stopped}; {self.not_attempted} not sent yet, run again")
        if self.unsubscribed:
            parts.append(f"{_n(self.unsubscribed, 'unsubscribed recipient')} left out")
        return parts


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
