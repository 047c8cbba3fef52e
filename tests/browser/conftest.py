"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

They skip without /usr/bin/chromium (and fail instead under REQUIRE_SERVICES=1). Set NICHERANK_SCREENSHOTS to a
directory (e.g. docs/screenshots) to save screenshots of the main pages while the tests run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.services import skip_or_fail

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen elsewhere.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("NICHERANK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
CHART_JS = ROOT / "node_modules" / "chart.js" / "dist"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not CHROMIUM.exists():
        skip_or_fail(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def browser_settings(settings):
    settings.NICHERANK_ANONYMOUS_READ = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Serve Chart.js when `npm ci` installed it, as config/settings.py does (pages work without it too).
    served = any(isinstance(entry, tuple) and entry[0] == "vendor/chartjs" for entry in settings.STATICFILES_DIRS)
    if CHART_JS.exists() and not served:
        settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("vendor/chartjs", CHART_JS)]


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) on a laptop-sized window; page.url_for(path) names live URLs."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15000)
    opened.url_for = lambda path: f"{live_server.url}{path}"
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def screenshot():
    """screenshot(page, name, full_page=False): save docs screenshots when NICHERANK_SCREENSHOTS is set."""
    directory = os.environ.get("NICHERANK_SCREENSHOTS", "")

    def take(page, name: str, *, full_page: bool = False) -> None:
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=full_page)

    return take


def sign_in(page, username: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(page.url_for("/accounts/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
