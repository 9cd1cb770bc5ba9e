"""Drive a headless Chromium over the DevTools protocol, for tests on 127.0.0.1 and file:// only.

``Browser`` starts ``chromium`` with its background networking off, a fresh profile and a
net-log, opens one page and records every request the page makes, every JavaScript dialog
(an ``alert`` would be one) and every uncaught exception. Loops are bounded in count and
time; the process is stopped by its own PID.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--no-default-browser-check", "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1280,900",
    "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
    "--disable-breakpad", "--allow-browser-signin=false", "--metrics-recording-only",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,"
    "DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
    "Translate,InterestFeedContentSuggestions,SafeBrowsing",
)


def available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


class Browser:
    """``with Browser() as b: b.open(url); b.evaluate("1+1")``."""

    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="sarckg-chromium-"))
        self.net_log = self.profile / "netlog.json"
        self.log = PageLog()
        self._id = 0
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", f"--log-net-log={self.net_log}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.ws = websocket.create_connection(self._page_socket(), timeout=30, suppress_origin=True)
        for domain in ("Page", "Network", "Runtime"):
            self.call(f"{domain}.enable")

    def _page_socket(self) -> str:
        port_file = self.profile / "DevToolsActivePort"
        for _ in range(300):  # up to 30 s for chromium to start
            if port_file.exists() and port_file.read_text().strip():
                break
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        for _ in range(100):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as resp:
                pages = [t for t in json.load(resp) if t["type"] == "page"]
            if pages:
                return str(pages[0]["webSocketDebuggerUrl"])
            time.sleep(0.1)
        raise RuntimeError("chromium opened no page")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            if self.process.poll() is None:
                self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)

    # ------------------------------------------------------------------ protocol

    def _handle(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.log.requests.append(params["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            self.log.dialogs.append(params.get("message", ""))
            self._send("Page.handleJavaScriptDialog", {"accept": True})
        elif method == "Runtime.exceptionThrown":
            self.log.exceptions.append(json.dumps(params.get("exceptionDetails", {}))[:500])
        elif method == "Network.webSocketCreated":
            self.log.requests.append(params["url"])
        elif method == "Runtime.consoleAPICalled":
            self.log.console.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))

    def _send(self, method: str, params: dict[str, Any] | None = None) -> int:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params or {}}))
        return self._id

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send a command and return its result, handling events that arrive meanwhile."""
        wanted = self._send(method, params)
        for _ in range(100_000):
            message = json.loads(self.ws.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self._handle(message)
        raise RuntimeError(f"no answer to {method}")

    def pump(self, seconds: float) -> None:
        """Handle events for ``seconds`` (lets the page run)."""
        end = time.monotonic() + seconds
        self.ws.settimeout(0.1)
        try:
            while time.monotonic() < end:
                try:
                    self._handle(json.loads(self.ws.recv()))
                except websocket.WebSocketTimeoutException:
                    continue
        finally:
            self.ws.settimeout(30)

    # ------------------------------------------------------------------ helpers

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, attempts: int = 200) -> bool:
        """Poll ``expression`` until it is true (at most ``attempts`` x 0.1 s)."""
        for _ in range(attempts):
            if self.evaluate(f"Boolean({expression})"):
                return True
            self.pump(0.1)
        return False

    def hover(self, x: float, y: float) -> None:
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def quit(self) -> list[NetRequest]:
        """Close the browser (flushing its net-log) and return the requests the log records."""
        try:
            self._send("Browser.close")
            self.process.wait(timeout=20)
        except (subprocess.TimeoutExpired, websocket.WebSocketException, OSError):
            self.process.terminate()
            self.process.wait(timeout=20)
        requests = net_log_requests(self.net_log)
        self.close()
        return requests


@dataclass(frozen=True)
class NetRequest:
    url: str
    initiator: str  # the origin of the page that asked; "not an origin" for the browser itself


def net_log_requests(path: Path) -> list[NetRequest]:
    """Every URL request started in a Chromium net-log (one JSON event per line)."""
    if not path.exists():
        return []
    lines = path.read_text(errors="replace").splitlines()
    if not lines:
        return []
    constants = json.loads(lines[0].removeprefix('{"constants":').rstrip(","))
    start_job = constants["logEventTypes"]["URL_REQUEST_START_JOB"]
    found = []
    for line in lines[1:]:
        try:
            event = json.loads(line.strip().rstrip(","))
        except json.JSONDecodeError:
            continue  # the closing lines, or a line cut by a crash
        if isinstance(event, dict) and event.get("type") == start_job:
            params = event.get("params", {})
            found.append(NetRequest(params.get("url", ""), params.get("initiator", "")))
    return found
