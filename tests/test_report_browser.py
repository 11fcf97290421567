"""The report's review desk in a real browser: Debian's chromium, headless, driven by
Selenium through Debian's chromium-driver (skipped where any of them is missing).

A report of two documents is opened; the edits are filtered by file; two are accepted
and one rejected with the keys and the buttons; the decisions survive a reload (local
storage); the bundle is exported through the page's download, imported with ``cleanup
review --import-decisions``, and ``cleanup fix -w`` then applies exactly those decisions.
A transcript's ``<script>`` is shown as text, never run; a changed document is reported.
A second test filters by tier, confidence, step and search, sorts by confidence and
accepts every edit of one entry in one file with ``a``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "desk"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    BROWSER is None or DRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed "
    "(apt-get install chromium chromium-driver)",
)


def cleanup(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanup", *args],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "desk")
    return tmp_path / "desk"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1200,1000")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=webdriver.ChromeService(DRIVER), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def counts(driver: Any) -> str:
    return str(driver.find_element(By.ID, "counts").text)


def item(driver: Any, text: str) -> Any:
    found = [li for li in driver.find_elements(By.CSS_SELECTOR, "li.edit") if text in li.text]
    assert len(found) == 1, text
    return found[0]


def keys(driver: Any, typed: str) -> None:
    body = driver.find_element(By.TAG_NAME, "body")
    for key in typed:
        body.send_keys(key)


def wait_for(path: Path, seconds: float = 10) -> Path:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists(), f"{path.name} was not downloaded"
    return path


def test_decide_in_the_browser_then_fix_applies_exactly_that(work: Path, browser: Any) -> None:
    made = cleanup(work, "fix", "a.txt", "b.txt", "--report", "report.html")
    assert made.returncode == 0, made.stderr
    browser.get((work / "report.html").as_uri())
    assert browser.title == "cleanup report"  # the transcript's script did not run
    assert '<script>document.title = "pwned"</script>' in browser.page_source.replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    assert counts(browser).startswith("showing 8 of 8 edits: 0 accepted")

    Select(browser.find_element(By.ID, "f-file")).select_by_visible_text("a.txt")
    assert counts(browser) == "showing 6 of 8 edits: 0 accepted, 0 rejected, 6 undecided"
    keys(browser, "jyn")  # accept al Qaida -> al-Qaeda, reject the first bagdad
    isis = item(browser, "'Isis' is written 'ISIS'")
    isis.find_element(By.CSS_SELECTOR, 'button[data-verdict="accept"]').click()
    assert counts(browser) == "showing 6 of 8 edits: 2 accepted, 1 rejected, 3 undecided"

    browser.refresh()  # decisions in progress survive
    assert counts(browser) == "showing 8 of 8 edits: 2 accepted, 1 rejected, 5 undecided"
    browser.find_element(By.ID, "export-bundle").click()
    bundle = wait_for(browser.downloads / "cleanup-decisions.json")

    imported = cleanup(work, "review", "--import-decisions", str(bundle))
    assert imported.returncode == 0, imported.stderr
    assert "imported 3 decisions for 1 file" in imported.stderr
    fixed = cleanup(work, "fix", "-w", "a.txt", "b.txt")
    assert fixed.returncode == 0, fixed.stderr
    assert (work / "a.txt").read_text(encoding="utf-8") == (
        "The group al-Qaeda met in bagdad,then left.\nISIS fighters entered bagdad today.\n"
    )
    assert (work / "b.txt").read_text(encoding="utf-8") == (DATA / "b.txt").read_text(
        encoding="utf-8"
    )

    # the page now reads a changed a.txt: it says so and exports nothing for it
    browser.find_element(By.ID, "check-files").send_keys(str(work / "a.txt"))
    deadline = time.monotonic() + 5
    while "a.txt has changed" not in browser.find_element(By.ID, "warnings").text:
        assert time.monotonic() < deadline, "no warning about the changed document"
        time.sleep(0.1)


def shown(driver: Any) -> list[Any]:
    return [li for li in driver.find_elements(By.CSS_SELECTOR, "li.edit") if li.is_displayed()]


def test_filters_sort_search_and_a_whole_entry(work: Path, browser: Any) -> None:
    made = cleanup(work, "fix", "a.txt", "b.txt", "--report", "report.html")
    assert made.returncode == 0, made.stderr
    browser.get((work / "report.html").as_uri())
    tier = Select(browser.find_element(By.ID, "f-tier"))
    tier.select_by_value("applied")
    assert counts(browser).startswith("showing 1 of 8 edits")  # the spacing fix
    tier.select_by_value("")
    low = browser.find_element(By.ID, "f-min")
    low.clear()
    low.send_keys("0.92")
    assert counts(browser).startswith("showing 5 of 8 edits")  # 0.95 four times, 1.0 once
    low.clear()
    low.send_keys("0")
    Select(browser.find_element(By.ID, "f-step")).select_by_value("lexicon-variants")
    assert counts(browser).startswith("showing 4 of 8 edits")
    Select(browser.find_element(By.ID, "f-step")).select_by_value("")
    search = browser.find_element(By.ID, "f-search")
    search.send_keys("happend")
    assert counts(browser).startswith("showing 2 of 8 edits")
    assert all("happend" in li.text for li in shown(browser))
    search.clear()
    search.send_keys(" ")  # an input event; blank searches nothing
    assert counts(browser).startswith("showing 8 of 8 edits")

    first = browser.find_element(By.CSS_SELECTOR, "#file-0 li.edit")
    assert "al Qaida" in first.text  # document order
    Select(browser.find_element(By.ID, "f-sort")).select_by_value("confidence")
    first = browser.find_element(By.CSS_SELECTOR, "#file-0 li.edit")
    assert first.get_attribute("data-id") == "3"  # confidence 0.9, the earlier of two

    browser.find_element(By.CSS_SELECTOR, 'li.edit[data-id="1"]').click()  # a.txt's bagdad
    keys(browser, "a")  # every edit of that entry in that file, not in b.txt
    assert counts(browser) == "showing 8 of 8 edits: 2 accepted, 0 rejected, 6 undecided"
    accepted = browser.find_elements(By.CSS_SELECTOR, 'li.edit[data-decision="accept"]')
    assert sorted(li.get_attribute("data-id") for li in accepted) == ["1", "5"]
