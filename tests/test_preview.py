"""The preview server: safe paths, rebuild on change, error page and recovery, long-poll."""

from __future__ import annotations

import datetime as dt
import http.client
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import DATE, eventually, fetch, preview, site, touch_later
from click.testing import Result

from digest.preview import Preview, resolve

__all__ = ["preview"]  # the fixture, imported for pytest

BROKEN = "{% if %}\n"


def raw_get(running: Preview, target: str, headers: dict[str, str] | None = None) -> int:
    """Send ``target`` exactly as written (no client-side normalisation); return the status."""
    host, port = running.server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), int(port), timeout=10)
    conn.request("GET", target, headers=headers or {})
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.mark.parametrize(
    "target",
    ["/../config.yaml", "/%2e%2e/config.yaml", "/%2E%2E/config.yaml", "/..%2fconfig.yaml",
     "/issue.html/../../config.yaml", "/%252e%252e/config.yaml", "/config.yaml",
     "//etc/passwd", "/..\\config.yaml", "/%00", "/%ff", "/inbox/radweg.txt"],
)  # fmt: skip
def test_nothing_outside_the_build_folder_is_served(preview: Preview, target: str) -> None:
    assert raw_get(preview, target) == 404


@pytest.mark.parametrize(
    ("host", "status"),
    [("evil.example", 403), ("evil.example:80", 403), ("localhost:8000", 200),
     ("127.0.0.1", 200), ("[::1]:8000", 200), ("app.localhost", 200)],
)  # fmt: skip
def test_foreign_host_names_are_refused(preview: Preview, host: str, status: int) -> None:
    assert raw_get(preview, "/issue.txt", {"Host": host}) == status


def test_resolve_stays_inside_root(tmp_path: Path) -> None:
    root = tmp_path / "build"
    root.mkdir()
    (root / "issue.html").write_text("x")
    (tmp_path / "secret").write_text("x")
    (root / "link").symlink_to(tmp_path / "secret")
    assert resolve(root, "/issue.html?x=1") == (root / "issue.html").resolve()
    assert resolve(root, "/./issue.html") == (root / "issue.html").resolve()
    assert resolve(root, "/link") is None
    assert resolve(root, "/../secret") is None
    assert resolve(root, "/") is None


def test_root_is_the_issue_with_the_bar(preview: Preview) -> None:
    status, page = fetch(preview.url)
    assert status == 200
    assert "Stadtwerke Lindenau senken den Strompreis" in page
    assert 'id="digest-preview-bar"' in page
    assert 'href="/issue.txt"' in page
    assert "of 102,400 bytes" in page
    assert "/_reload?since=" in page


def test_email_and_plaintext_are_served_without_the_bar(preview: Preview) -> None:
    status, email = fetch(preview.url + "issue.html")
    assert status == 200 and "digest-preview" not in email and "_reload" not in email
    status, text = fetch(preview.url + "issue.txt")
    assert status == 200 and "Stadtwerke Lindenau" in text


def test_built_issue_never_contains_the_bar(invoke: Callable[..., Result], tmp_path: Path) -> None:
    folder = site(tmp_path)
    result = invoke("build", "-c", folder / "config.yaml", "--date", DATE)
    assert result.exit_code == 0, result.output
    html = (folder / "output" / DATE / "issue.html").read_text(encoding="utf-8")
    assert "digest-preview" not in html and "_reload" not in html


def test_mobile_frame_page(preview: Preview) -> None:
    status, page = fetch(preview.url + "?width=375")
    assert status == 200
    assert '<iframe id="digest-preview-frame" src="/issue.html"' in page
    assert 'width="375"' in page


def test_bar_lists_skipped_inputs(preview: Preview) -> None:
    inbox = preview.builder.watched()[-1]
    before = preview.site.build.version
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4")
    eventually(lambda: preview.site.build.version > before)
    page = fetch(preview.url)[1]
    assert "1 warning(s)" in page
    assert "scan.pdf: unsupported file type" in page


def test_input_change_rebuilds(preview: Preview) -> None:
    article = preview.builder.watched()[-1] / "theater.txt"
    touch_later(article, article.read_text("utf-8").replace("Der zerbrochne Krug", "Käthchen"))
    eventually(lambda: "Käthchen" in fetch(preview.url)[1])


def test_config_is_reread_on_each_build(preview: Preview) -> None:
    config = preview.builder.watched()[0]
    touch_later(config, config.read_text("utf-8").replace("Lindenauer Morgenpost", "Abendblatt"))
    eventually(lambda: "<title>Abendblatt" in fetch(preview.url)[1])


def test_failing_template_shows_the_error_and_recovers(preview: Preview) -> None:
    override = preview.builder.watched()[1] / "footer.html"
    touch_later(override, BROKEN)
    page = eventually(lambda: (r := fetch(preview.url))[0] == 500 and r[1])
    assert "The preview could not be built" in page
    assert "footer.html, line 1: Expected an expression" in page
    assert "/_reload?since=" in page  # the error page reloads itself after the fix
    override.unlink()
    eventually(lambda: fetch(preview.url)[0] == 200)
    assert "Stadtwerke Lindenau" in fetch(preview.url)[1]


def test_broken_config_shows_the_error_and_recovers(preview: Preview) -> None:
    config = preview.builder.watched()[0]
    good = config.read_text("utf-8")
    touch_later(config, good + "titel: typo\n")
    page = eventually(lambda: (r := fetch(preview.url))[0] == 500 and r[1])
    assert "titel: unknown key (did you mean &#x27;title&#x27;?)" in page
    touch_later(config, good)
    eventually(lambda: fetch(preview.url)[0] == 200)


def test_long_poll_answers_after_the_next_build(preview: Preview) -> None:
    version = preview.site.build.version
    answers: list[str] = []
    waiting = threading.Thread(
        target=lambda: answers.append(fetch(f"{preview.url}_reload?since={version}")[1])
    )
    waiting.start()
    article = preview.builder.watched()[-1] / "radweg.txt"
    touch_later(article, article.read_text("utf-8") + "\nEin Nachsatz.\n")
    waiting.join(timeout=15)
    assert answers == [f'{{"version": {version + 1}}}']


def test_old_build_folders_are_removed(preview: Preview) -> None:
    article = preview.builder.watched()[-1] / "radweg.txt"
    for n in range(3):
        before = preview.site.build.version
        touch_later(article, article.read_text("utf-8") + f"\nNachsatz {n}.\n")
        eventually(lambda before=before: preview.site.build.version > before)
    # The served build and the one before; a rebuild that a late file event starts may hold
    # a third folder for a moment, until it is published and the oldest goes.
    eventually(lambda: len(list(preview.root.iterdir())) == 2)


def test_first_build_failure_still_serves(tmp_path: Path) -> None:
    folder = site(tmp_path)
    (folder / "templates" / "issue.html").write_text(BROKEN, encoding="utf-8")
    with Preview(folder / "config.yaml", date=dt.date(2026, 11, 20), port=0) as running:
        status, page = fetch(running.url)
        assert status == 500 and "issue.html, line 1" in page


def test_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(Exception, match=f"cannot listen on 127.0.0.1:{port}"):
            Preview(site(tmp_path) / "config.yaml", port=port)


def test_preview_help_has_an_example(invoke: Callable[..., Result]) -> None:
    result = invoke("preview", "--help")
    assert result.exit_code == 0
    assert "digest preview -c config.yaml -i inbox/ --open" in result.output
    assert "127.0.0.1" in result.output


def test_preview_command_serves_on_loopback(tmp_path: Path) -> None:
    folder = site(tmp_path)
    command = [sys.executable, "-m", "digest", "preview", "-c", str(folder / "config.yaml"),
               "--port", "0", "--date", DATE]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line.startswith("Serving the preview on http://127.0.0.1:")
            url = line.split()[4]
            assert "Lindenauer Morgenpost" in fetch(url)[1]
        finally:
            proc.terminate()


def test_bar_lists_what_an_email_tool_would_warn_about(preview: Preview) -> None:
    config = preview.builder.watched()[0]
    long_title = "Lindenauer Morgenpost mit allen Nachrichten aus Stadt und Land"
    text = config.read_text("utf-8").replace("Lindenauer Morgenpost", long_title)
    touch_later(config, text + "max_html_bytes: 4000\n")
    footer = preview.builder.watched()[1] / "footer.html"
    touch_later(footer, '<p><img src="https://example.org/logo.png" width="80"></p>\n')
    page = eventually(lambda: "image(s) without alt text" in (r := fetch(preview.url)[1]) and r)
    assert "1 image(s) without alt text" in page
    assert re.search(r"Subject is 9\d characters \(over 78\)", page)
    assert "over the budget of 4,000 bytes" in page or "left out to fit the size budget" in page
    assert 'class="dp-over"' in page


def test_a_build_in_progress_is_never_served(
    preview: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.preview.builder

    started, release = threading.Event(), threading.Event()
    real_render = digest.preview.builder.render

    def slow_render(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(10)
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(digest.preview.builder, "render", slow_render)
    article = preview.builder.watched()[-1] / "theater.txt"
    touch_later(article, article.read_text("utf-8").replace("Der zerbrochne Krug", "Käthchen"))
    assert started.wait(10)
    status, page = fetch(preview.url)  # mid-build: the previous issue, whole
    assert status == 200 and "Der zerbrochne Krug" in page and page.rstrip().endswith("</html>")
    release.set()
    eventually(lambda: "Käthchen" in fetch(preview.url)[1])


def test_preview_without_inputs_is_an_input_error(
    invoke: Callable[..., Result], write_config: Callable[[str], Path]
) -> None:
    result = invoke("preview", "-c", write_config("title: Test\n"))
    assert result.exit_code == 4
    assert "no inputs: give --input or set 'inputs' in config.yaml" in result.output


def test_preview_with_a_missing_input_is_an_input_error(
    invoke: Callable[..., Result], write_config: Callable[[str], Path], tmp_path: Path
) -> None:
    result = invoke("preview", "-c", write_config("title: Test\n"), "-i", tmp_path / "nope")
    assert result.exit_code == 4
    assert "input path" in result.output and "does not exist" in result.output
