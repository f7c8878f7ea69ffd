"""STARTTLS, implicit TLS and AUTH against a real server with a certificate the test creates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode
from tests.smtp_server import (
    PEOPLE,
    SUBJECT,
    Mailbox,
    Server,
    authenticator,
    ledger,
    project,
    send,
    tls_contexts,
)  # fmt: skip


@pytest.fixture
def tls(tmp_path: Path) -> tuple[object, Path]:
    """Return a server TLS context for 127.0.0.1 and the file of the CA that signed it."""
    return tls_contexts(tmp_path)


@pytest.fixture
def starttls_server(tls: tuple[object, Path]) -> Iterator[Server]:
    """Run a server that requires STARTTLS and AUTH (user ``digest``, password ``geheim``)."""
    mailbox = Mailbox()
    srv = Server(
        mailbox, tls_context=tls[0], require_starttls=True, auth_required=True,
        authenticator=authenticator(mailbox, "digest", "geheim"),
    ).start()  # fmt: skip
    yield srv
    srv.stop()


def smtp_settings(cafile: Path | None, security: str = "starttls", user: bool = True) -> str:
    lines = [f"  security: {security}"]
    if cafile:
        lines.append(f"  cafile: {cafile}")
    if user:
        lines.append("  username: digest")
    return "\n".join(lines)


def configure(tmp_path: Path, port: int, settings: str) -> Path:
    config = project(tmp_path, port)
    text = config.read_text(encoding="utf-8").replace("  security: none", settings)
    config.write_text(text, encoding="utf-8")
    return config


def test_starttls_with_verified_certificate_and_login(
    tmp_path: Path, tls: tuple[object, Path], starttls_server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "geheim")
    config = configure(tmp_path, starttls_server.port, smtp_settings(tls[1]))
    result = send(config)
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout == f"Sent '{SUBJECT}' to 3 of 3 recipients.\n"
    box = starttls_server.mailbox
    assert box.tls_sessions == 3 and sorted(r.rcpt_tos[0] for r in box.received) == PEOPLE
    assert box.logins == [("digest", "geheim")], "one connection, one login, for all messages"


def test_ca_from_ssl_cert_file(
    tmp_path: Path, tls: tuple[object, Path], starttls_server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "geheim")
    monkeypatch.setenv("SSL_CERT_FILE", str(tls[1]))
    config = configure(tmp_path, starttls_server.port, smtp_settings(None))
    assert send(config).exit_code == ExitCode.OK


def test_untrusted_certificate_is_refused(
    tmp_path: Path, starttls_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "geheim")
    config = configure(tmp_path, starttls_server.port, smtp_settings(None))
    result = send(config)
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr == (
        f"Error: TLS certificate of 127.0.0.1:{starttls_server.port} not trusted: "
        "unable to get local issuer certificate; nothing was sent\n"
    )
    assert starttls_server.mailbox.received == []
    assert all(state == "failed" for state, _, _ in ledger(config).values())


def test_wrong_password_is_one_line(
    tmp_path: Path, tls: tuple[object, Path], starttls_server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "falsch")
    config = configure(tmp_path, starttls_server.port, smtp_settings(tls[1]))
    result = send(config)
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr == (
        f"Error: SMTP server 127.0.0.1:{starttls_server.port} refused the login: "
        "535 5.7.8 Authentication credentials invalid; nothing was sent\n"
    )


def test_missing_password_is_a_config_error(
    tmp_path: Path, tls: tuple[object, Path], starttls_server: Server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("DIGEST_SMTP_PASSWORD", raising=False)
    config = configure(tmp_path, starttls_server.port, smtp_settings(tls[1]))
    result = send(config)
    assert result.exit_code == ExitCode.CONFIG_ERROR
    assert result.stderr == (
        f"Error: {config}: smtp.username is set but the environment variable "
        "DIGEST_SMTP_PASSWORD (smtp.password_env) is empty\n"
    )
    assert ledger(config) == {}


def test_server_without_starttls_is_refused_unless_security_none(tmp_path: Path) -> None:
    plain = Server(Mailbox()).start()
    try:
        config = configure(tmp_path, plain.port, smtp_settings(None, user=False))
        result = send(config)
    finally:
        plain.stop()
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr == (
        f"Error: SMTP server 127.0.0.1:{plain.port} does not offer STARTTLS; set "
        "smtp.security: ssl, or none to send unencrypted; nothing was sent\n"
    )
    assert plain.mailbox.received == []


def test_implicit_tls(tmp_path: Path, tls: tuple[object, Path]) -> None:
    smtps = Server(Mailbox(), ssl_context=tls[0]).start()
    try:
        config = configure(tmp_path, smtps.port, smtp_settings(tls[1], "ssl", user=False))
        result = send(config)
    finally:
        smtps.stop()
    assert result.exit_code == ExitCode.OK, result.output
    assert len(smtps.mailbox.received) == 3  # SMTP_SSL cannot have talked in the clear
