"""Sending an issue: the pre-send checks, the ledger, the suppression list, retries.

Everything private lives in the state folder (``digest.state``): the ledger, the
suppression list, the run lock and the messages of a dry run.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from digest.config import Config, DeliveryConfig
from digest.errors import DigestError
from digest.exitcodes import ExitCode
from digest.fsutil import PRIVATE_FILE, atomic_write, make_folder
from digest.send.checks import check_config, check_issue, refusals
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
from digest.send.recipients import recipients
from digest.send.report import Outcome, SendReport
from digest.send.suppression import SUPPRESSIONS, TOKENS, open_list, remember, suppressed
from digest.send.tokens import make_token, personal_url, secret_of
from digest.send.transport import ConnectionLost, Reply, Transport, Unreachable, make_transport
from digest.state import ensure, state_folder

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
Sleep = Callable[[float], None]


def issue_folder(config: Config, date: dt.date) -> Path:
    """Return the folder ``digest build`` writes the issue of ``date`` to."""
    return config.output / date.isoformat()


def deliver(
    transport: Transport, sender: str, rcpt: str, data: bytes, policy: DeliveryConfig,
    sleep: Sleep, *, on_commit: Callable[[], None] = lambda: None,
    on_temporary: Callable[[Reply], None] = lambda reply: None,
) -> Reply:  # fmt: skip
    """Hand one message over, retrying 4xx replies and lost connections with back-off.

    ``on_commit`` runs each time the message can first arrive (before DATA's final dot);
    ``on_temporary`` after each temporary failure, before the back-off: nothing is in
    flight then, and the ledger must say so.
    """
    reply = Reply(None, "not tried")
    for attempt in range(policy.retries + 1):
        if attempt:
            on_temporary(reply)
            sleep(min(policy.backoff * 2 ** (attempt - 1), MAX_BACKOFF))
        try:
            transport.open()
            reply = transport.send(sender, rcpt, data, on_commit)
        except Unreachable as exc:
            if attempt == policy.retries:
                raise
            reply = Reply(None, exc.message)
            continue
        except ConnectionLost as lost:
            if lost.uncertain:
                raise
            reply = Reply(421, f"connection lost before the message went out: {lost}")
            continue
        if not reply.temporary:
            return reply
        log.info("%s: %s (attempt %d of %d)", rcpt, reply, attempt + 1, policy.retries + 1)
    return reply


class ChecksFailed(DigestError):
    """A pre-send check found something that must not go out (``digest check`` lists it)."""

    exit_code = ExitCode.CHECK_FAILED


def preflight(config: Config, built: BuiltIssue, *, force: bool) -> None:
    """Log every check's finding; raise ``ChecksFailed`` on an error unless ``force``."""
    found = check_config(config) + check_issue(config, built)
    for finding in found:
        level = logging.ERROR if finding.level == "error" and not force else logging.WARNING
        log.log(level, "%s", finding.message)
    stop = refusals(found)
    if stop and not force:
        raise ChecksFailed(
            f"not sending: {len(stop)} check(s) failed (see above); fix them, or pass --force "
            "to send anyway"
        )


def personal_link(config: Config, recipient: Recipient, db: sqlite3.Connection) -> str | None:
    """Return ``recipient``'s signed unsubscribe URL (recorded in ``db``), or None.

    None without an https endpoint or without the signing secret (``digest check`` says so).
    """
    base, secret = config.mail.list_unsubscribe, secret_of(config.mail)
    if not base or not base.startswith("https://") or secret is None:
        return None
    token = make_token(secret, recipient.addr)
    remember(db, token, recipient.addr)
    return personal_url(base, token)


def message_for(
    config: Config, built: BuiltIssue, recipient: Recipient, now: dt.datetime, *,
    db: sqlite3.Connection, test: bool = False,
) -> EmailMessage:  # fmt: skip
    """Build ``recipient``'s message, with their own unsubscribe link."""
    return build_message(
        built, recipient, config.mail, now=now, test=test,
        unsubscribe=personal_link(config, recipient, db),
    )  # fmt: skip


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
        msg = message_for(self.config, self.built, recipient, self.now, db=self.ledger.db)
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
        try:
            # 'sending' only from the final dot on: before it, nothing can have arrived.
            reply = deliver(
                self.transport, envelope_sender(self.config.mail), recipient.addr,
                message_bytes(msg, utf8=recipient.needs_utf8), self.config.delivery, self.sleep,
                on_commit=lambda: self.ledger.sending(date, key, mid),
                on_temporary=lambda r: self.ledger.failed(date, key, mid, str(r)),
            )  # fmt: skip
        except ConnectionLost as lost:  # left in 'sending': the whole message went out
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
    config: Config, date: dt.date, *, resend_uncertain: bool = False, sleep: Sleep = time.sleep,
    force: bool = False,
) -> SendReport:  # fmt: skip
    """Send the built issue of ``date`` to every recipient who does not have it yet."""
    with run_lock(state_folder(config)):
        return send_locked(
            config, date, resend_uncertain=resend_uncertain, sleep=sleep, force=force
        )


def subscribed(config: Config, db: sqlite3.Connection) -> tuple[list[Recipient], int]:
    """Return the recipients not on the suppression list, and how many are on it."""
    ensure(db, SUPPRESSIONS, TOKENS)
    gone = suppressed(db)
    everyone = recipients(config)
    staying = [r for r in everyone if r.key not in gone]
    return staying, len(everyone) - len(staying)


def send_locked(
    config: Config, date: dt.date, *, resend_uncertain: bool, sleep: Sleep, force: bool = False
) -> SendReport:
    """Send under the run lock: check, then deliver to each recipient not yet served."""
    built = read_built(issue_folder(config, date))
    hooks = load_hooks(config.hooks)
    with Ledger.open(config) as ledger:
        everyone, unsubscribed = subscribed(config, ledger.db)
        entries = ledger.entries(date)
        states = {r.key: entries[r.key].state if r.key in entries else "" for r in everyone}
        already = sum(s == "sent" for s in states.values())
        doubtful = [r for r in everyone if states[r.key] == "sending"]
        uncertain = [] if resend_uncertain else [r.addr for r in doubtful]
        todo = [r for r in everyone if states[r.key] not in ("sent", "sending")]
        todo += doubtful if resend_uncertain else []
        base = SendReport(
            built.subject, date, len(everyone), already, uncertain=tuple(uncertain),
            unsubscribed=unsubscribed,
        )  # fmt: skip
        if not todo:
            return base
        preflight(config, built, force=force)
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
        stopped, left if stopped else 0, unsubscribed=base.unsubscribed,
    )  # fmt: skip
    hooks.on_after_send(report)
    return report


def _eml_name(recipient: Recipient) -> str:
    return "dry-run-" + re.sub(r"[^A-Za-z0-9@._+-]", "_", recipient.addr) + ".eml"


def dry_run_folder(config: Config, date: dt.date) -> Path:
    """Return where a dry run writes its messages: the private state folder, never the issue's."""
    return state_folder(config) / "dry-run" / date.isoformat()


def dry_run(config: Config, date: dt.date, *, resend_uncertain: bool = False) -> list[Path]:
    """Write the messages ``send`` would send now as .eml files into the state folder.

    The checks run as for a send; what would stop it is reported, not enforced.
    """
    built = read_built(issue_folder(config, date))
    hooks = load_hooks(config.hooks)
    preflight(config, built, force=True)
    with Ledger.open(config) as ledger:
        everyone, _ = subscribed(config, ledger.db)
        entries = ledger.entries(date)
        skip = {"sent"} if resend_uncertain else {"sent", "sending"}
        todo = [r for r in everyone if r.key not in entries or entries[r.key].state not in skip]
        if todo:
            hooks.on_issue(built.issue)
        now, written = dt.datetime.now(config.tz), []
        folder = dry_run_folder(config, date)
        make_folder(folder, 0o700)
        for recipient in todo:
            message = message_for(config, built, recipient, now, db=ledger.db)
            msg, why = hooks.on_before_send(message)
            if msg is None:
                log.warning("%s: %s", recipient.addr, why)
                continue
            path = folder / _eml_name(recipient)
            atomic_write(path, message_bytes(msg, utf8=recipient.needs_utf8), mode=PRIVATE_FILE)
            written.append(path)
    return written


def send_test(config: Config, date: dt.date, address: str, *, sleep: Sleep = time.sleep) -> str:
    """Send one marked test copy to ``address``; the ledger never hears of it."""
    built = read_built(issue_folder(config, date))
    try:
        recipient = parse_recipient(address)
    except ValueError as exc:
        raise DigestError(f"--test: {address!r} {exc}") from None
    preflight(config, built, force=True)  # a test copy is how a sender looks: warn, never stop
    hooks = load_hooks(config.hooks)
    now = dt.datetime.now(config.tz)
    with closing(open_list(config)) as db:
        message = message_for(config, built, recipient, now, db=db, test=True)
    msg, why = hooks.on_before_send(message)
    if msg is None:
        raise DigestError(f"test copy to {recipient.addr} not sent: {why}")
    transport = make_transport(config)
    try:
        reply = deliver(
            transport, envelope_sender(config.mail), recipient.addr,
            message_bytes(msg, utf8=recipient.needs_utf8), config.delivery, sleep,
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
    return gone_out(config, date) > 0


def gone_out(config: Config, date: dt.date) -> int:
    """Count the recipients the issue of ``date`` went out to, or may have (``sending``)."""
    with Ledger.open(config) as ledger:
        return sum(e.state in ("sent", "sending") for e in ledger.entries(date).values())
