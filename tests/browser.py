"""Drive a headless Chromium over the DevTools protocol, for tests on 127.0.0.1 and file:// only.

``Browser`` starts ``chromium`` with its background networking off, a fresh profile and a
net-log, and talks to it over ``--remote-debugging-pipe`` (file descriptors 3 and 4: no port,
no extra package). It opens one page and records every request the page makes, every
JavaScript dialog (an ``alert`` would be one) and every uncaught exception. Loops are
bounded in count and time; the process is stopped by its own PID.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BASH = shutil.which("bash") or "/bin/bash"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--no-default-browser-check", "--remote-debugging-pipe", "--window-size=1280,900",
    "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
    "--disable-breakpad", "--allow-browser-signin=false", "--metrics-recording-only",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,"
    "DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
    "Translate,InterestFeedContentSuggestions,SafeBrowsing",
)


def _above(fd: int, low: int) -> int:
    """A duplicate of ``fd`` numbered ``low`` or more (the original is closed)."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, low)
    os.close(fd)
    return high


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
        self._buffer = b""
        self._session: str | None = None
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # numbers above 9, so bash's "3<&r 4>&w" cannot overwrite one with the other (dash cannot use them)
        to_child_r, from_child_w = (_above(fd, 10) for fd in (to_child_r, from_child_w))
        args = [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", f"--log-net-log={self.net_log}",
                "about:blank"]
        # chromium reads commands on its fd 3 and writes answers on its fd 4
        command = f"exec {shlex.join(args)} 3<&{to_child_r} 4>&{from_child_w}"
        self.process = subprocess.Popen([BASH, "-c", command], pass_fds=(to_child_r, from_child_w),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        try:
            targets = self.call("Target.getTargets")["targetInfos"]
            page = next(t for t in targets if t["type"] == "page")
            attached = self.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})
            self._session = attached["sessionId"]
            for domain in ("Page", "Network", "Runtime"):
                self.call(f"{domain}.enable")
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):  # already closed
                os.close(fd)
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
        elif method == "Network.webSocketCreated":
            self.log.requests.append(params["url"])
        elif method == "Page.javascriptDialogOpening":
            self.log.dialogs.append(params.get("message", ""))
            self._send("Page.handleJavaScriptDialog", {"accept": True})
        elif method == "Runtime.exceptionThrown":
            self.log.exceptions.append(json.dumps(params.get("exceptionDetails", {}))[:500])
        elif method == "Runtime.consoleAPICalled":
            self.log.console.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))

    def _send(self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False) -> int:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if self._session and not browser:
            message["sessionId"] = self._session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        return self._id

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        """The next message, or None after ``timeout`` seconds without one."""
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_child], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send a command and return its result, handling events that arrive meanwhile."""
        wanted = self._send(method, params)
        for _ in range(100_000):
            message = self._receive(timeout=30)
            if message is None:
                raise RuntimeError(f"no answer to {method} within 30 s")
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self._handle(message)
        raise RuntimeError(f"no answer to {method}")

    def pump(self, seconds: float) -> None:
        """Handle events for ``seconds`` (lets the page run)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            message = self._receive(timeout=min(left, 0.1))
            if message is not None:
                self._handle(message)

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
            self._send("Browser.close", browser=True)
            self.process.wait(timeout=20)
        except (subprocess.TimeoutExpired, OSError):
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
