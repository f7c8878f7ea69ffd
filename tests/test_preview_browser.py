"""The preview in a real browser (Debian's headless Chromium through Playwright).

Screenshots land in tests/artifacts/ (gitignored) so a person can look at them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import browser as helpers
import pytest
from browser import ARTIFACTS, DATE, browser, eventually, fetch, preview, site, touch_later
from click.testing import Result

from digest.preview import Preview

__all__ = ["browser", "preview"]  # fixtures, imported for pytest

LINK_TARGETS = """() => [...document.querySelectorAll('a[href^="#"]')]
  .map(a => a.getAttribute('href').slice(1))
  .filter(name => !document.getElementById(name) && !document.getElementsByName(name).length)"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def open_page(browser: Any, url: str, width: int) -> Any:
    """Open ``url`` in a fresh page ``width`` CSS pixels wide."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


@pytest.mark.parametrize("width", [375, 800])
def test_preview_layout(browser: Any, preview: Preview, width: int) -> None:
    page = open_page(browser, preview.url, width)
    page.screenshot(path=str(ARTIFACTS / f"preview-{width}.png"), full_page=True)
    assert page.evaluate(OVERFLOW) <= 0, "the page scrolls horizontally"
    headline = page.locator("h1.headline").first
    assert headline.is_visible()
    assert headline.inner_text().strip()
    assert page.get_by_role("heading", name="Weitere Meldungen").is_visible()
    assert page.locator("#digest-preview-bar").is_visible()
    assert page.locator('a[href^="#"]').count() >= 3  # the table of contents
    assert page.evaluate(LINK_TARGETS) == [], "in-page links without a target"
    page.close()


def test_mobile_frame_is_375_wide(browser: Any, preview: Preview) -> None:
    page = open_page(browser, preview.url + "?width=375", 1024)
    frame = page.frame_locator("#digest-preview-frame")
    assert frame.locator("h1.headline").first.is_visible()
    box = page.locator("#digest-preview-frame").bounding_box()
    assert box is not None and 375 <= box["width"] <= 380  # plus the border
    inner = page.frames[1]
    assert inner.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(ARTIFACTS / "preview-frame-375.png"))
    page.close()


def test_page_reloads_after_a_template_edit(browser: Any, preview: Preview) -> None:
    page = open_page(browser, preview.url, 800)
    page.evaluate("() => { window.digestTestMarker = 1; }")
    footer = preview.builder.watched()[1] / "footer.html"
    touch_later(footer, "<p id='edited'>Redaktionsschluss 18 Uhr</p>\n")
    page.wait_for_function("() => window.digestTestMarker === undefined", timeout=15_000)
    page.wait_for_selector("#edited", timeout=15_000)
    assert page.locator("#edited").inner_text() == "Redaktionsschluss 18 Uhr"
    page.close()


def test_failing_template_shows_the_error_and_recovers(browser: Any, preview: Preview) -> None:
    page = open_page(browser, preview.url, 800)
    footer = preview.builder.watched()[1] / "footer.html"
    touch_later(footer, "{% for %}\n")
    page.wait_for_selector("#digest-preview-error", timeout=15_000)
    assert "footer.html, line 1" in page.locator("#digest-preview-error pre").inner_text()
    page.screenshot(path=str(ARTIFACTS / "preview-error.png"))
    footer.unlink()
    page.wait_for_selector("h1.headline", timeout=15_000)
    assert page.locator("#digest-preview-error").count() == 0
    page.close()


def test_email_without_style_elements_holds_at_600(browser: Any, preview: Preview) -> None:
    """GMX and WEB.DE desktop webmail drop every <style>: the inlined layout must suffice."""
    status, email = fetch(preview.url + "issue.html")
    assert status == 200
    bare = re.sub(r"<style\b[^>]*>.*?</style>", "", email, flags=re.DOTALL | re.IGNORECASE)
    assert "<style" not in bare.lower()
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.set_content(bare)
    page.screenshot(path=str(ARTIFACTS / "email-no-style-600.png"), full_page=True)
    assert page.evaluate("() => document.styleSheets.length") == 0
    assert page.evaluate(OVERFLOW) <= 0, "the email scrolls horizontally without <style>"
    sheet = page.locator("table.sheet").bounding_box()
    assert sheet is not None and sheet["width"] <= 600
    assert page.locator("h1.headline").first.is_visible()
    assert page.get_by_role("heading", name="Weitere Meldungen").is_visible()
    page.close()


def test_eventually_helper_reports_timeouts() -> None:
    with pytest.raises(AssertionError, match="still false"):
        eventually(lambda: False, timeout=0.2)


def test_archive_page_fits_a_phone(
    browser: Any, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    config = site(tmp_path) / "config.yaml"
    for date in ("2026-11-19", DATE):  # the same inputs twice: the memory would leave all out
        assert invoke("build", "-c", config, "--date", date, "--no-memory").exit_code == 0
    index = config.parent / "output" / "index.html"
    page = open_page(browser, index.as_uri(), 375)
    page.screenshot(path=str(ARTIFACTS / "archive-375.png"), full_page=True)
    assert page.evaluate(OVERFLOW) <= 0
    assert page.locator("article.issue").count() == 2
    page.locator("article.issue h2 a").first.click()
    page.wait_for_selector("h1.headline")
    assert page.url.endswith(f"/{DATE}/index.html")  # the web version, with every story
    page.close()


def test_missing_chromium_gives_a_skip_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, "CHROMIUM", Path("/nonexistent/chromium"))
    reason = helpers.chromium_missing()
    assert reason is not None and "apt-get install -y chromium" in reason
