"""Pre-send checks: ``digest check`` says what is wrong; ``send`` refuses placeholders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.config import load_config
from digest.exitcodes import ExitCode
from tests.conftest import ROOT
from tests.smtp_server import DATE, SUBJECT, Mailbox, Server, build_sample, digest, project, send


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server(Mailbox()).start()
    yield srv
    srv.stop()


def check(config: Path) -> tuple[int, str, str]:
    result = digest("check", "-c", config, "--date", DATE.isoformat())
    return result.exit_code, result.stdout, result.stderr


def test_the_tracked_config_is_refused_for_its_placeholders(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text((ROOT / "config.yaml").read_text("utf-8"), "utf-8")
    code, out, err = check(config)
    assert code == ExitCode.CHECK_FAILED
    assert err == (
        "Error: mail.from: 'Der Digest <digest@example.org>' is a placeholder (example.org): "
        "set your own\n"
        "Error: mail.list_unsubscribe: 'https://example.org/abmelden' is a placeholder "
        "(example.org): set your own\n"
        "Error: impressum: holds placeholder text ('Beispielverlag', 'Musterstraße', "
        "'Mustermann', 'example.org'): write your own Impressum\n"
    )
    assert out == (
        "No issue built for 2025-12-03: checked the configuration only.\n3 errors, 0 warnings.\n"
    )


def test_a_clean_project_passes(tmp_path: Path, server: Server) -> None:
    code, out, err = check(project(tmp_path, server.port))
    assert (code, out, err) == (ExitCode.OK, "0 errors, 0 warnings.\n", "")


def test_send_refuses_a_placeholder_unless_forced(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    text = config.read_text("utf-8").replace("digest@lindenauer-digest.de", "digest@example.com")
    config.write_text(text, "utf-8")
    refused = send(config)
    assert refused.exit_code == ExitCode.CHECK_FAILED
    assert refused.stderr == (
        "Error: mail.from: 'Der Digest <digest@example.com>' is a placeholder (example.com): "
        "set your own\n"
        "Error: not sending: 1 check(s) failed (see above); fix them, or pass --force to send "
        "anyway\n"
    )
    assert server.mailbox.received == []
    forced = send(config, "--force")
    assert forced.exit_code == ExitCode.OK
    assert forced.stderr == (
        "Warning: mail.from: 'Der Digest <digest@example.com>' is a placeholder (example.com): "
        "set your own\n"
    )
    assert forced.stdout == f"Sent '{SUBJECT}' to 3 of 3 recipients.\n"


def test_run_refuses_too(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    text = config.read_text("utf-8").replace("Seestraße 1, 12345 Lindenau", "Musterstraße 1")
    config.write_text(text, "utf-8")
    result = digest("run", "-c", config, "--date", DATE.isoformat())
    assert result.exit_code == ExitCode.CHECK_FAILED
    assert server.mailbox.received == []


def test_a_missing_or_short_secret_stops_personal_links(
    tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = project(tmp_path, server.port)
    monkeypatch.delenv("DIGEST_UNSUBSCRIBE_SECRET")
    assert check(config)[2] == (
        "Error: mail.unsubscribe_secret_env: DIGEST_UNSUBSCRIBE_SECRET is not set: without it "
        "every recipient gets the same unsubscribe link and a one-click unsubscribe cannot "
        "tell who left\n"
    )
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", "kurz")
    assert check(config)[2] == (
        "Error: mail.unsubscribe_secret_env: DIGEST_UNSUBSCRIBE_SECRET is shorter than 16 "
        "characters: use a long random value\n"
    )
    assert send(config).exit_code == ExitCode.CHECK_FAILED


def test_warnings_do_not_stop_a_send(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False, extra="max_html_bytes: 9000\n")
    text = config.read_text("utf-8")
    text = text.replace("impressum: Lindenauer Testverlag, Seestraße 1, 12345 Lindenau\n", "")
    text = text.replace("list_unsubscribe: https://lindenauer-digest.de/abmelden",
                        "list_unsubscribe: mailto:abmelden@lindenauer-digest.de")  # fmt: skip
    (tmp_path / "vorlagen").mkdir()
    # 20 KB of dark-mode rules, which stay in their <style> block, and a logo without alt.
    (tmp_path / "vorlagen" / "responsive.css").write_text(
        "".join(f".x{i} {{ color: #000000; }}\n" for i in range(1000)), "utf-8"
    )
    (tmp_path / "vorlagen" / "preheader.html").write_text('<img src="https://l.example/l.png">')
    config.write_text(text + "templates: vorlagen\n", "utf-8")
    build_sample(load_config(config))
    code, out, err = check(config)
    assert code == ExitCode.OK
    assert err == (
        "Warning: mail.list_unsubscribe: no https address: no one-click unsubscribe (RFC 8058), "
        "which Gmail and Yahoo require\n"
        "Warning: impressum: empty: the footer has no Impressum (§ 5 DDG requires one for a "
        "newsletter from Germany)\n"
        "Warning: issue.html: a <style> block of 25,891 bytes, over Gmail's 16,384: Gmail "
        "drops it\n"
        "Warning: issue.html: 1 image(s) without alt text\n"
        "Warning: archive_url: not set: 1 story left out of the email cannot be reached from "
        "it; set archive_url to link the web version\n"
    )
    assert out == "0 errors, 5 warnings.\n"
    assert send(config).exit_code == ExitCode.OK


def test_the_size_counts_the_html_as_sent(tmp_path: Path, server: Server) -> None:
    # A budget above Gmail's limit lets the email grow past it: the check measures it encoded.
    config = project(tmp_path, server.port, build=False, extra="max_html_bytes: 400000\n")
    (tmp_path / "vorlagen").mkdir()
    (tmp_path / "vorlagen" / "responsive.css").write_text("/* Grüße – „Kommentar“ */\n" * 2500)
    config.write_text(config.read_text("utf-8") + "templates: vorlagen\n", "utf-8")
    folder = build_sample(load_config(config))
    raw = len((folder / "issue.html").read_bytes())
    err = check(config)[2]
    size = int(err.split("issue.html: ")[1].split(" bytes as sent")[0].replace(",", ""))
    assert raw < 102_400 < size  # the raw HTML fits; quoted-printable, as sent, does not
    assert f"Warning: issue.html: {size:,} bytes as sent (quoted-printable), over Gmail's " \
        "clipping limit of 102,400\n" in err
