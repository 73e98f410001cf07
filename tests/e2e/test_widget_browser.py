"""The chat widget in a real browser, on the demo page: analyse, practise, reload and resume, progress.

Runs Debian's Chromium (/usr/bin/chromium; CI installs it) against a uvicorn server of its own, started
in a subprocess on the test session's data directory (it shares that embedded PostgreSQL, so the
knowledge packs are embedded once). Screenshots of every step go to tests/artifacts/widget/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and os.environ.get("MULAKAT_REQUIRE_BROWSER"):
    raise RuntimeError("MULAKAT_REQUIRE_BROWSER is set (as in CI) but /usr/bin/chromium is missing")
if not CHROMIUM.exists():
    pytest.skip(
        "the widget browser test needs Debian Chromium at /usr/bin/chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Locator, Page, expect, sync_playwright  # noqa: E402

from mulakat.packs.loader import rubric_of  # noqa: E402
from tests.support.network import free_port  # noqa: E402
from tests.support.paths import ROOT, SAMPLES  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts" / "widget"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VISITOR_KEY = "mulakat-demo-visitor"  # what demo.html keeps in localStorage
ANSWER = (
    "Security groups attach to network interfaces and are stateful, so return traffic is allowed. "
    "Network ACLs attach to subnets, are stateless, support allow and deny rules and are evaluated in "
    "numbered order. For Kubernetes I would add readiness probes so only ready pods get traffic."
)


def _api(base: str, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[str]:
    data = tmp_path_factory.mktemp("widget-server")
    port = free_port()
    # Only our settings: no MULAKAT_* from the caller (a chat model, say) and no .env (cwd is the tmp dir).
    env = {k: v for k, v in os.environ.items() if not k.startswith("MULAKAT_")}
    env.update(MULAKAT_DATA_DIR=str(data_dir), MULAKAT_DEMO="true")
    if os.environ.get("MULAKAT_TEST_DATABASE_URL"):
        env["MULAKAT_DATABASE_URL"] = os.environ["MULAKAT_TEST_DATABASE_URL"]
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:app", "--app-dir", str(ROOT)]
        + ["--host", "127.0.0.1", "--port", str(port)],
        cwd=data,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited with {proc.returncode}:\n{(data / 'server.log').read_text()[-3000:]}")
            try:
                if _api(base, "GET", "/health")["status"] == "ok":
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not answer /health in 90 s:\n{(data / 'server.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()  # a graceful shutdown releases the server's hold on the shared PostgreSQL
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 900, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        expect.set_options(timeout=20_000)  # the first analysis on a cold server warms the models up
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield tab
        finally:
            browser.close()
        assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def tid(page: Page, name: str) -> Locator:
    return page.locator(f'[data-testid="{name}"]')  # Playwright's CSS locators pierce the open shadow root


def widget_text(page: Page) -> str:
    return str(page.evaluate("document.querySelector('#mulakat').shadowRoot.textContent"))


def active_testid(page: Page) -> str | None:
    return page.evaluate("document.querySelector('#mulakat').shadowRoot.activeElement?.dataset.testid ?? null")


def test_widget_end_to_end(server: str, page: Page, record_property: Callable[[str, object], None]) -> None:
    # 1. First render: navigation start to the widget's heading on screen.
    page.goto(f"{server}/demo", wait_until="commit")
    expect(page.locator('[data-testid="title"]')).to_be_visible()
    seen_ms = page.evaluate("performance.now()")
    mark_ms = page.evaluate("performance.getEntriesByName('mulakat:rendered')[0]?.startTime ?? null")
    assert mark_ms is not None, "the widget never marked its first render"
    record_property("first_render_ms", round(mark_ms))
    # A measurement the brief asks to see (pytest -s), not a stray debug print.
    print(f"\nwidget first render: {mark_ms:.0f} ms after navigation; heading seen by the test at {seen_ms:.0f} ms")  # noqa: T201
    assert page.title() == "mulakat demo"
    expect(tid(page, "welcome")).to_be_visible()
    shot(page, "01-first-render")

    # Accessibility and isolation basics.
    log = tid(page, "log")
    assert log.get_attribute("role") == "log"
    assert log.get_attribute("aria-live") == "polite"
    assert tid(page, "analyse").evaluate("el => el.tagName") == "BUTTON"
    assert page.evaluate("document.querySelectorAll('style, link[rel=stylesheet]').length") == 0
    assert page.evaluate("document.querySelector('#mulakat').shadowRoot.querySelectorAll('style').length") == 1
    page.evaluate(
        "() => { const s = document.createElement('style'); s.id = 'hostile';"
        " s.textContent = '* { color: rgb(255, 0, 0) !important } button { border-radius: 0 !important }';"
        " document.head.append(s); const b = document.createElement('button'); b.id = 'host-button';"
        " b.textContent = 'host'; document.body.append(b); }"
    )
    assert tid(page, "analyse").evaluate("el => getComputedStyle(el).borderTopLeftRadius") == "16px"
    assert tid(page, "welcome").evaluate("el => getComputedStyle(el).color") != "rgb(255, 0, 0)"
    page.evaluate("document.getElementById('hostile').remove()")
    host_radius = page.evaluate("getComputedStyle(document.getElementById('host-button')).borderTopLeftRadius")
    assert host_radius != "16px", "the widget's button style leaked onto the host page"
    page.evaluate("document.getElementById('host-button').remove()")

    # 2. A server error is shown with the server's own detail, and the typed text stays.
    visitor = page.evaluate(f"localStorage.getItem('{VISITOR_KEY}')")
    assert visitor, "the demo page did not keep its visitor id"
    token = _api(server, "POST", "/demo/token", {"visitor": visitor})["token"]
    resume_text = (SAMPLES / "resume.md").read_text(encoding="utf-8")
    job_text = (SAMPLES / "job.md").read_text(encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as refused:
        _api(server, "POST", "/v1/analyses", {"resume": resume_text, "job": "x"}, token=token)
    assert refused.value.code == 422
    detail = json.loads(refused.value.read())["detail"]
    assert isinstance(detail, str) and detail
    tid(page, "resume-text").fill(resume_text)
    tid(page, "job-text").fill("x")
    tid(page, "analyse").click()
    expect(tid(page, "error").last).to_contain_text(detail)
    assert tid(page, "resume-text").input_value() == resume_text
    assert tid(page, "job-text").input_value() == "x"
    shot(page, "02-error-kept-text")

    # Analyse with the keyboard: Tab from the job posting to the Analyse button, then Enter.
    tid(page, "job-text").fill(job_text)
    tid(page, "job-text").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if active_testid(page) == "analyse":
            break
    assert active_testid(page) == "analyse", "Analyse is not reachable with Tab from the job posting"
    outline = page.evaluate(
        "getComputedStyle(document.querySelector('#mulakat').shadowRoot.activeElement).outlineStyle"
    )
    assert outline == "solid", "no visible focus outline on the keyboard-focused button"
    shot(page, "03-documents")
    page.keyboard.press("Enter")

    score_el = tid(page, "readiness-score")
    expect(score_el).to_be_visible()
    assert tid(page, "progress-msg").count() >= 2, "the streamed progress labels were not shown"
    shown = score_el.inner_text()
    assert re.fullmatch(r"\d{1,3}", shown), shown
    score = int(shown)
    assert 0 <= score <= 100

    threads = _api(server, "GET", "/v1/threads", token=token)["threads"]
    assert len(threads) == 1
    thread_id = threads[0]["thread_id"]
    report = _api(server, "GET", f"/v1/threads/{thread_id}", token=token)
    assert score == report["readiness"]["score"]
    parts = tid(page, "readiness-part")
    assert parts.count() == len(report["readiness"]["components"]) > 0
    assert tid(page, "fit-score").inner_text() == str(report["fit"]["score"])  # folded, but in the page
    assert tid(page, "fit-part").count() == len(report["fit"]["parts"]) > 0
    gaps = [r for r in report["requirements"] if r["status"] != "met"]
    assert tid(page, "gap").count() == len(gaps) >= 1
    assert tid(page, "plan-item").count() == len(report["plan"]) >= 1
    expect(tid(page, "plan-item").first).to_contain_text(report["plan"][0]["topic"])
    readiness_msg = tid(page, "readiness")
    readiness_msg.locator('[data-testid="thumbs-up"]').click()
    expect(readiness_msg.locator('[data-testid="thumbs-up"]')).to_have_attribute("aria-pressed", "true")
    shot(page, "04-readiness")

    # 3. Practice: a question (its answer key hidden), an answer, a grade with cited feedback.
    page.locator('[data-testid="quick-reply"][data-action="practise"]').click()
    question = tid(page, "question").last
    expect(question).to_be_visible()
    waiting = _api(server, "GET", f"/v1/threads/{thread_id}/practice", token=token)
    first_id = waiting["question"]["id"]
    assert question.get_attribute("data-question-id") == first_id
    expect(question).to_contain_text(waiting["question"]["text"])
    assert "rubric" not in waiting["question"], "the API keeps the answer key on the server"
    rubric = rubric_of(waiting["question"]["text"])
    text_now = widget_text(page)
    assert not any(point in text_now for point in rubric), "the answer key was shown"
    shot(page, "05-question")

    tid(page, "answer-text").fill(ANSWER)
    tid(page, "send-answer").click()
    grade = tid(page, "grade")
    expect(grade).to_be_visible()
    graded = int(grade.locator('[data-testid="grade-score"]').inner_text())
    assert 0 <= graded <= 100
    assert grade.locator('[data-testid="verdict"]').inner_text().strip()
    assert grade.locator('[data-testid="key-point"]').count() == len(rubric)
    assert grade.locator('[data-testid="feedback-item"]').count() >= 1
    expect(tid(page, "question")).to_have_count(2)
    after = _api(server, "GET", f"/v1/threads/{thread_id}/practice", token=token)
    assert after["answered"] == 1 and after["last_grade"]["score"] == graded
    grade.locator('[data-testid="thumbs-up"]').click()
    expect(grade.locator('[data-testid="thumbs-up"]')).to_have_attribute("aria-pressed", "true")
    assert tid(page, "answer-text").input_value() == ""
    shot(page, "06-grade")

    # 4. Reload: welcome back, the same readiness, the question that is waiting on the server.
    page.reload()
    expect(tid(page, "welcome-back")).to_contain_text("Welcome back")
    expect(tid(page, "readiness-score")).to_have_text(str(score))
    resumed = tid(page, "question").last
    expect(resumed).to_be_visible()
    waiting = _api(server, "GET", f"/v1/threads/{thread_id}/practice", token=token)
    assert not waiting["done"]
    assert resumed.get_attribute("data-question-id") == waiting["question"]["id"] != first_id
    expect(tid(page, "answer-text")).to_be_visible()
    shot(page, "07-resumed")

    # 5. Progress: a chart with a point per score, and the next steps.
    page.locator('[data-testid="quick-reply"][data-action="progress"]').click()
    chart = tid(page, "progress-chart")
    expect(chart).to_be_visible()
    assert chart.evaluate("el => el.tagName.toLowerCase()") == "svg"
    progress = _api(server, "GET", f"/v1/threads/{thread_id}/progress", token=token)
    points = chart.locator('[data-testid="chart-point"]')
    assert points.count() == len(progress["points"]) >= 2
    assert [int(points.nth(i).get_attribute("data-score") or -1) for i in range(points.count())] == [
        p["score"] for p in progress["points"]
    ]
    assert tid(page, "next-step").count() == len(progress["next_steps"])
    shot(page, "08-progress")
