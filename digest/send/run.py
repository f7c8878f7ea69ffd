"""Sending an issue: recipients, the ledger, retries and the report a cron user reads."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from digest.config import Config, DeliveryConfig
from digest.errors import ConfigError, DigestError
from digest.exitcodes import ExitCode
from digest.fsutil import atomic_write
from digest.send.hooks import Hooks, load_hooks
from digest.send.ledger import Ledger
from digest.send.lock import run_lock
from digest.send.message import (
    BuiltIssue,
    Recipient,
    build_message,
    envelope_sender,
    message_bytes,
    parse_recipient,
    read_built,
)
from digest.send.transport import ConnectionLost, Reply, Transport, Unreachable, make_transport

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
Sleep = Callable[[float], None]


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
            return f"Nothing to do: already sent to all {_n(self.total, 'recipient')}."
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
        return parts


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def issue_folder(config: Config, date: dt.date) -> Path:
    """Return the folder ``digest build`` writes the issue of ``date`` to."""
    return config.output / date.isoformat()


def recipients(config: Config) -> list[Recipient]:
    """Return ``mail.to`` and ``mail.to_file`` without duplicates; report every bad entry."""
    label = str(config.path or "config")
    found: list[Recipient] = []
    problems: list[str] = []
    for i, value in enumerate(config.mail.to):
        _take(value, f"{label}: mail.to[{i}]", found, problems)
    if config.mail.to_file:
        for where, value in _file_lines(config.mail.to_file, problems):
            _take(value, where, found, problems)
    if problems:
        raise ConfigError(problems)
    if not found:
        raise ConfigError([f"{label}: mail.to: no recipients; set mail.to or mail.to_file"])
    unique = {r.key: r for r in reversed(found)}
    return [r for r in found if unique.pop(r.key, None)]


def _take(value: str, where: str, found: list[Recipient], problems: list[str]) -> None:
    try:
        found.append(parse_recipient(value))
    except ValueError as exc:
        problems.append(f"{where}: {value!r} {exc}")


def _file_lines(path: Path, problems: list[str]) -> list[tuple[str, str]]:
    """Return (``file: line N``, text) for each address line; '#' starts a comment line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read the recipients file (mail.to_file): {exc}")
        return []
    lines = [(f"{path}: line {n}", line.strip()) for n, line in enumerate(text.splitlines(), 1)]
    return [(where, line) for where, line in lines if line and not line.startswith("#")]


def deliver(
    transport: Transport, sender: str, rcpt: str, data: bytes, policy: DeliveryConfig, sleep: Sleep
) -> Reply:
    """Hand one message over, retrying 4xx replies and lost connections with back-off."""
    reply = Reply(0, "not tried")
    for attempt in range(policy.retries + 1):
        if attempt:
            sleep(min(policy.backoff * 2 ** (attempt - 1), MAX_BACKOFF))
        try:
            transport.open()
            reply = transport.send(sender, rcpt, data)
        except Unreachable:
            if attempt == policy.retries:
                raise
            continue
        except ConnectionLost as lost:
            if lost.uncertain:
                raise
            reply = Reply(421, f"connection lost: {lost}")
            continue
        if not reply.temporary:
            return reply
        log.info("%s: %s (attempt %d of %d)", rcpt, reply, attempt + 1, policy.retries + 1)
    return reply


@dataclass
class _Run:
    """The working state of one send."""

    config: Config
    built: BuiltIssue
    hooks: Hooks
    ledger: Ledger
    transport: Transport
    sleep: Sleep
    now: dt.datetime
    outcomes: list[Outcome] = field(default_factory=list)

    def message(self, recipient: Recipient) -> tuple[EmailMessage | None, str]:
        msg = build_message(self.built, recipient, self.config.mail, now=self.now)
        return self.hooks.on_before_send(msg)

    def one(self, recipient: Recipient) -> None:
        """Send to one recipient, recording each state change before and after."""
        date, key = self.built.issue.date, recipient.key
        msg, why = self.message(recipient)
        if msg is None:
            self.ledger.skipped(date, key, "", why)
            self.outcomes.append(Outcome(recipient.addr, "", "skipped", why))
            return
        mid = str(msg["Message-ID"])
        self.ledger.sending(date, key, mid)
        try:
            reply = deliver(
                self.transport, envelope_sender(self.config.mail), recipient.addr,
                message_bytes(msg), self.config.delivery, self.sleep,
            )  # fmt: skip
        except ConnectionLost as lost:  # left in 'sending': it may have arrived
            self.outcomes.append(Outcome(recipient.addr, mid, "uncertain", str(lost)))
            return
        except DigestError as exc:  # no connection, so nothing went out
            self.ledger.failed(date, key, mid, f"not delivered: {exc.message}")
            raise
        record = self.ledger.sent if reply.ok else self.ledger.failed
        record(date, key, mid, str(reply))
        state = "sent" if reply.ok else "failed"
        self.outcomes.append(Outcome(recipient.addr, mid, state, str(reply)))


def send_issue(
    config: Config, date: dt.date, *, resend_uncertain: bool = False, sleep: Sleep = time.sleep
) -> SendReport:
    """Send the built issue of ``date`` to every recipient who does not have it yet."""
    with run_lock(config.output):
        return send_locked(config, date, resend_uncertain=resend_uncertain, sleep=sleep)


def send_locked(
    config: Config, date: dt.date, *, resend_uncertain: bool, sleep: Sleep
) -> SendReport:
    built = read_built(issue_folder(config, date))
    everyone = recipients(config)
    hooks = load_hooks(config.hooks)
    with Ledger.in_folder(config.output) as ledger:
        entries = ledger.entries(date)
        states = {r.key: entries[r.key].state if r.key in entries else "" for r in everyone}
        already = sum(s == "sent" for s in states.values())
        doubtful = [r for r in everyone if states[r.key] == "sending"]
        uncertain = [] if resend_uncertain else [r.addr for r in doubtful]
        todo = [r for r in everyone if states[r.key] not in ("sent", "sending")]
        todo += doubtful if resend_uncertain else []
        base = SendReport(built.subject, date, len(everyone), already, uncertain=tuple(uncertain))
        if not todo:
            return base
        return _deliver_all(config, built, hooks, ledger, todo, base, sleep)


def _deliver_all(
    config: Config, built: BuiltIssue, hooks: Hooks, ledger: Ledger,
    todo: Sequence[Recipient], base: SendReport, sleep: Sleep,
) -> SendReport:  # fmt: skip
    transport = make_transport(config)
    hooks.on_issue(built.issue)
    run = _Run(config, built, hooks, ledger, transport, sleep, dt.datetime.now(config.tz))
    stopped = ""
    try:
        for i, recipient in enumerate(todo):
            try:
                run.one(recipient)
            except DigestError as exc:
                if not base.already and not any(o.state == "sent" for o in run.outcomes):
                    raise DigestError(f"{exc.message}; nothing was sent") from None
                stopped, left = exc.message, len(todo) - i
                break
    finally:
        transport.close()
    report = SendReport(
        base.subject, base.date, base.total, base.already, tuple(run.outcomes), base.uncertain,
        stopped, left if stopped else 0,
    )  # fmt: skip
    hooks.on_after_send(report)
    return report


def _eml_name(recipient: Recipient) -> str:
    return "dry-run-" + re.sub(r"[^A-Za-z0-9@._+-]", "_", recipient.addr) + ".eml"


def dry_run(config: Config, date: dt.date, *, resend_uncertain: bool = False) -> list[Path]:
    """Write the messages ``send`` would send now as .eml files into the issue folder."""
    built = read_built(issue_folder(config, date))
    everyone = recipients(config)
    hooks = load_hooks(config.hooks)
    with Ledger.in_folder(config.output) as ledger:
        entries = ledger.entries(date)
    skip = {"sent"} if resend_uncertain else {"sent", "sending"}
    todo = [r for r in everyone if r.key not in entries or entries[r.key].state not in skip]
    if todo:
        hooks.on_issue(built.issue)
    now, written = dt.datetime.now(config.tz), []
    for recipient in todo:
        msg, why = hooks.on_before_send(build_message(built, recipient, config.mail, now=now))
        if msg is None:
            log.warning("%s: %s", recipient.addr, why)
            continue
        path = built.folder / _eml_name(recipient)
        atomic_write(path, message_bytes(msg))
        written.append(path)
    return written


def send_test(config: Config, date: dt.date, address: str, *, sleep: Sleep = time.sleep) -> str:
    """Send one marked test copy to ``address``; the ledger never hears of it."""
    built = read_built(issue_folder(config, date))
    try:
        recipient = parse_recipient(address)
    except ValueError as exc:
        raise DigestError(f"--test: {address!r} {exc}") from None
    hooks = load_hooks(config.hooks)
    now = dt.datetime.now(config.tz)
    message = build_message(built, recipient, config.mail, now=now, test=True)
    msg, why = hooks.on_before_send(message)
    if msg is None:
        raise DigestError(f"test copy to {recipient.addr} not sent: {why}")
    transport = make_transport(config)
    try:
        reply = deliver(
            transport, envelope_sender(config.mail), recipient.addr, message_bytes(msg),
            config.delivery, sleep,
        )  # fmt: skip
    except ConnectionLost as lost:
        raise DigestError(f"test copy to {recipient.addr}: connection lost: {lost}") from None
    finally:
        transport.close()
    if not reply.ok:
        raise DigestError(f"test copy to {recipient.addr} refused: {reply}")
    return str(msg["Subject"])


def delivery_started(config: Config, date: dt.date) -> bool:
    """Tell whether sending the issue of ``date`` has begun for anyone (sent or in flight)."""
    if not (config.output / "ledger.sqlite3").exists():
        return False
    with Ledger.in_folder(config.output) as ledger:
        return any(e.state in ("sent", "sending") for e in ledger.entries(date).values())
