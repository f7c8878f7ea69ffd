"""SMTP servers for the safety tests: a session that logs and breaks the protocol on request,
and an MTA-like sink that queues a message at its final dot and answers later."""

from __future__ import annotations

import asyncio
import random
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from tests.smtp_server import Mailbox, Server

# --- servers -------------------------------------------------------------------------------


class Protocol(SMTP):
    """An SMTP session that logs every command and can break the protocol on request."""

    async def smtp_MAIL(self, arg: str | None) -> None:
        self.event_handler.commands.append(f"MAIL {arg}")
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str | None) -> None:
        self.event_handler.commands.append(f"RCPT {arg}")
        await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg: str | None) -> None:
        self.event_handler.commands.append("DATA")
        if self.event_handler.eager_data and self.envelope.rcpt_tos:
            # A broken server: "250" where "354" belongs; no message body is read.
            await self.push("250 2.0.0 Ok: queued")
            return
        await super().smtp_DATA(arg)


@dataclass
class Recorder(Mailbox):
    """A mailbox that logs commands; optionally refuses MAIL FROM or answers DATA with 250."""

    commands: list[str] = field(default_factory=list)
    eager_data: bool = False
    refuse_mail: str = ""

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.refuse_mail:
            return self.refuse_mail
        return await super().handle_MAIL(server, session, envelope, address, options)


class _SessionServer(Server):
    """``tests.smtp_server.Server`` whose sessions are of the class ``session``."""

    session: type[SMTP] = SMTP

    def start(self) -> _SessionServer:
        session = self.session

        class _Controller(Controller):
            def factory(self) -> SMTP:
                return session(self.handler, **self.SMTP_kwargs)

        self.controller = _Controller(
            self.mailbox, hostname="127.0.0.1", port=self.port, **self.smtp
        )
        self.controller.start()
        self.mailbox.listener = self.controller.server
        return self


class ProtocolServer(_SessionServer):
    """A server with the logging, rule-breaking session (``Protocol``)."""

    session = Protocol


@dataclass
class Queueing(Mailbox):
    """An MTA-like sink: slow commands, a message queued at its final dot, the reply later."""

    command_delay: float = 0.0
    reply_delay: float = 0.0
    #: recipient -> seconds to hold its RCPT (a test kills the sender meanwhile)
    held: dict[str, float] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:  # fmt: skip
        await asyncio.sleep(self.command_delay)
        return await super().handle_MAIL(server, session, envelope, address, options)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:  # fmt: skip
        self.seen.append(address)
        await asyncio.sleep(self.command_delay + self.held.get(address, 0.0))
        return await super().handle_RCPT(server, session, envelope, address, options)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = await super().handle_DATA(server, session, envelope)  # queued: it will arrive
        await asyncio.sleep(self.reply_delay)
        return reply


class QueueAtDot(SMTP):
    """A session that finishes a message whose final dot arrived, even if the client is gone.

    aiosmtpd cancels the session when the connection drops, also between the dot and
    the reply; an MTA that has the whole message queues it. Shielding DATA models that.
    """

    async def smtp_DATA(self, arg: str | None) -> None:
        await asyncio.shield(super().smtp_DATA(arg))


class QueueingServer(_SessionServer):
    """A server whose sessions queue every complete message (see ``QueueAtDot``)."""

    session = QueueAtDot


def chaos_sink(people: list[str]) -> tuple[Queueing, QueueingServer]:
    """Start the kill loops' sink: an MTA-like server deferring every seventh recipient once."""
    mailbox = Queueing(command_delay=0.005, reply_delay=0.03)
    # Every seventh recipient is deferred once: its back-off is part of the run.
    mailbox.rcpt_replies = {p: ["451 4.7.1 Try again later"] for p in people[::7]}
    server = QueueingServer(mailbox)
    server.start()
    return mailbox, server


def kill_while_sending(
    start: Callable[[], subprocess.Popen[bytes]], mailbox: Queueing, rng: random.Random,
    kills: int = 20,
) -> int:  # fmt: skip
    """Start a sender ``kills`` times and SIGKILL it at a random moment of its sending.

    Waits for its first command at the sink (not the start-up), then up to 0.6 s more.
    Returns how many kills landed (the sender had not finished by itself).
    """
    landed = 0
    for _ in range(kills):
        run = start()
        began = len(mailbox.seen)
        deadline = time.monotonic() + 30
        while len(mailbox.seen) == began and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.6))
        landed += run.poll() is None
        run.kill()  # SIGKILL, unless it already ended
        run.wait(timeout=10)
    return landed
