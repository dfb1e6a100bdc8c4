"""The report page in a real headless Chromium, driven over the DevTools protocol.

Checks what a reader would see: the page loads with the network cut off, every plot renders
(natural size > 0), and a screenshot is kept under tmp_path. In CI (CI=true) a missing Chromium
fails the test; locally it skips with the reason.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from rlmr.report.html import build_report

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # any attempt to reach the network fails
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
    "--window-size=1200,900",
)


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        reason = "Chromium not found: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


class DevTools:
    """A minimal CDP client: numbered commands, events collected while waiting for replies."""

    def __init__(self, ws_url: str):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]
            self.events.append(msg)

    def wait_event(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(method)


@pytest.fixture
def browser(tmp_path: Path):
    profile = tmp_path / "profile"
    proc = subprocess.Popen(
        [chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        yield tools
        tools.ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def open_page(browser: DevTools, page: Path, width: int, mobile: bool) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=mobile)
    browser.call("Page.navigate", url=page.as_uri())
    browser.wait_event("Page.loadEventFired")
    browser.events.clear()


def evaluate(browser: DevTools, expression: str):
    return browser.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"]["value"]


def screenshot(browser: DevTools, path: Path) -> Path:
    shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    keep = os.environ.get("RLMR_REPORT_SCREENSHOTS")  # a folder: keep the screenshots to look at them
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def test_report_renders_offline_in_chromium_with_every_plot_visible(evaluated_run, tmp_path, browser):
    page = build_report([evaluated_run], tmp_path / "report")
    browser.call("Network.enable")
    browser.call("Page.enable")
    browser.call("Page.navigate", url=page.as_uri())
    browser.wait_event("Page.loadEventFired")

    images = evaluate(browser, "Array.from(document.images).map(i => ({alt: i.alt, w: i.naturalWidth, h: i.naturalHeight, src: i.src.slice(0, 22)}))")
    assert {i["alt"] for i in images} >= {"writing_score", "pass_rate", "penalty", "length", "groups", "constraints", "eval",
                                          "loss", "entropy", "grad_norm", "length_hist", "advantages",
                                          "rlmr: creative-eval differences", "rlmr: creative-eval per constraint"}
    for image in images:
        assert image["w"] > 0 and image["h"] > 0, image
        assert image["src"] == "data:image/png;base64,", image  # inlined, not a file beside the page

    requested = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    assert requested and all(u.startswith(("file:", "data:")) for u in requested), requested

    text = evaluate(browser, "document.body.innerText")
    assert "cw:word_count: 96 words; at most 40" in text  # a verdict reason of an example sample
    assert "higher after training" in text and "+0.4" in text  # the headline table
    assert text.index("Did training help?") < text.index("Training dynamics")


# What a reader on a phone needs: nothing wider than the screen except inside a box that scrolls.
OVERFLOW = """(() => {
  const w = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll('body *')).filter(e => {
    const r = e.getBoundingClientRect();
    if (r.right <= w + 1) return false;
    for (let p = e; p; p = p.parentElement) if (p.classList && p.classList.contains('scroll')) return false;
    return true;
  }).map(e => e.tagName + '.' + e.className);
  return {page: document.documentElement.scrollWidth, viewport: w, wide: wide.slice(0, 5)};
})()"""


@pytest.mark.parametrize("width, mobile", [(1280, False), (390, True)])
def test_report_fits_the_screen_at_desktop_and_phone_width(evaluated_run, tmp_path, browser, width, mobile):
    page = build_report([evaluated_run], tmp_path / "report")
    browser.call("Page.enable")
    open_page(browser, page, width, mobile)
    fit = evaluate(browser, OVERFLOW)
    assert fit["page"] <= fit["viewport"] and not fit["wide"], fit
    tables = evaluate(browser, "Array.from(document.querySelectorAll('table')).map(t => t.parentElement.className)")
    assert tables and set(tables) == {"scroll"}  # every table scrolls inside its own box
    pair = evaluate(browser, "Array.from(document.querySelector('.pair').children).map(c => Math.round(c.getBoundingClientRect().left))")
    assert (len(set(pair)) == 2) == (width > 720)  # untrained and trained side by side, stacked on a phone
    shot = screenshot(browser, tmp_path / f"report-{width}.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
