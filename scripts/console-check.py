#!/usr/bin/env python3
"""Drives the query console of a running FlightQL server in headless Chromium over the DevTools protocol.

    scripts/console-check.py http://127.0.0.1:8080/graphql

Like a person would: loads the page as a browser asks for it (Accept: text/html), types into the editor,
opens the completion list (typing and Ctrl-Space) and picks from it with the keyboard, clicks Run, presses
Ctrl-Enter, and reads what the page shows (result pane, error list, history). Prints one line per check and
"N passed, N failed"; exits 1 when a check fails or the page cannot be driven. Needs `chromium` on PATH and
the `websockets` package (scripts/requirements.txt).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from websockets.sync.client import connect

TIMEOUT = 20.0


class Page:
    """One Chromium tab, driven over its DevTools WebSocket."""

    def __init__(self, socket):
        self.socket = socket
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = json.loads(self.socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise RuntimeError(f"timed out waiting for {what}")

    def key(self, key, code, key_code, modifiers=0, text=None):
        """Presses and releases one key (modifiers: 2 = Ctrl)."""
        down = {"type": "keyDown" if text else "rawKeyDown", "key": key, "code": code,
                "windowsVirtualKeyCode": key_code, "modifiers": modifiers}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=key_code,
                  modifiers=modifiers)

    def type(self, text):
        """Types `text` into the focused element as one input (fires `input` with the text as its data)."""
        self.call("Input.insertText", text=text)

    def click(self, selector):
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def set_editor(self, text):
        """Empties the query editor, focuses it and types `text`."""
        self.evaluate("(() => { const q = document.getElementById('query'); q.value = ''; q.focus(); })()")
        if text:
            self.type(text)

    def completions(self):
        return self.evaluate(
            "document.getElementById('completions').hidden ? null :"
            " [...document.querySelectorAll('#completions li')].map(li => li.dataset.label)")

    def run_and_read(self, trigger):
        """Runs the editor's query with `trigger` and returns (status line, parsed result pane, error list)."""
        self.evaluate("document.getElementById('status').textContent = ''")
        trigger()
        status = self.wait_for(
            "(() => { const s = document.getElementById('status').textContent;"
            " return s.startsWith('HTTP') || s === 'not sent' ? s : null; })()", "the answer")
        result = self.evaluate("document.getElementById('result').textContent")
        errors = self.evaluate("[...document.querySelectorAll('#errors li')].map(li => li.textContent)")
        return status, json.loads(result), errors


def start_chromium(profile):
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        raise RuntimeError("chromium is not on PATH (Debian: apt-get install chromium)")
    process = subprocess.Popen(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with status {process.returncode}")
        if os.path.exists(port_file):
            with open(port_file) as handle:
                lines = handle.read().split()
            if lines:
                return process, int(lines[0])
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("chromium did not open its DevTools port")


def page_socket(port):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as response:
            targets = json.load(response)
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.05)
    raise RuntimeError("chromium has no page to drive")


def main(url):
    results = []

    def check(name, condition, detail=""):
        results.append(bool(condition))
        print(f"{'ok  ' if condition else 'FAIL'} {name}" + ("" if condition else f": {detail}"), flush=True)

    profile = tempfile.mkdtemp(prefix="flightql-console-")
    chromium = None
    try:
        chromium, port = start_chromium(profile)
        with connect(page_socket(port), max_size=None, open_timeout=TIMEOUT) as socket:
            drive(Page(socket), url, check)
    except Exception as error:  # the page could not be driven: one failed check with the reason
        check("drive the console", False, f"{type(error).__name__}: {error}")
    finally:
        if chromium:
            chromium.terminate()
            try:
                chromium.wait(timeout=10)
            except subprocess.TimeoutExpired:
                chromium.kill()
        shutil.rmtree(profile, ignore_errors=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def drive(page, url, check):
    """The checks, in the order a person would try the console."""
    page.call("Page.enable")
    page.call("Page.navigate", url=url)
    page.wait_for("document.readyState === 'complete' && !!document.getElementById('query')", "the console")
    status = page.wait_for(
        "(() => { const s = document.getElementById('schema-status').textContent;"
        " return s.startsWith('loading') ? null : s; })()", "introspection")
    check("the console loads and introspects the schema", "completion ready" in status, status)
    example = page.evaluate("document.getElementById('query').value")
    check("the editor is prefilled with the example query", "prediction" in example and "statuses" in example)

    # Completion: typed prefix at the top level, then Ctrl-Space on an empty selection set.
    page.set_editor("{ air")
    items = page.completions() or []
    check("typing 'air' at the top level lists the Query fields starting with it",
          items == ["airline", "airlines", "airport", "airports"], items)
    page.set_editor("{ ")
    page.key(" ", "Space", 32, modifiers=2)
    items = page.completions() or []
    check("Ctrl-Space in the top-level selection set lists airlines and flights",
          "airlines" in items and "flights" in items and "name" not in items, items)

    # The selection path: inside airline { } the fields are Airline's; pick one with the keyboard.
    page.set_editor('{ airline(code: "UA") { code na')
    items = page.completions() or []
    check("inside airline { … } the completion offers Airline.name", items == ["name"], items)
    page.key("Enter", "Enter", 13)
    text = page.evaluate("document.getElementById('query').value")
    check("Enter accepts the highlighted completion", text.endswith("code name"), text)
    page.set_editor("{ flights(orderBy: ")
    items = page.completions() or []
    check("after an enum argument's colon the completion offers its values",
          "DEPARTURE_DELAY_DESC" in items, items)

    # Run by clicking the button: the answer is rendered as pretty JSON and recorded in the history.
    page.set_editor('{ airline(code: "UA") { code name } }')
    status, body, errors = page.run_and_read(lambda: page.click("#run"))
    check("clicking Run renders the answer", status.startswith("HTTP 200")
          and body == {"data": {"airline": {"code": "UA", "name": "United Air Lines Inc."}}}, (status, body))
    check("a successful answer lists no errors", errors == [], errors)
    pretty = page.evaluate("document.getElementById('result').textContent")
    check("the result pane is indented JSON", '\n    "airline": {' in pretty, pretty)
    history = page.evaluate("JSON.parse(localStorage.getItem('flightql.console.history'))")
    check("the query is in the history (localStorage) and listed",
          history and history[0]["query"].startswith("{ airline")
          and page.evaluate("document.querySelectorAll('#history li').length") >= 1, history)

    # Variables and Ctrl-Enter.
    page.set_editor("query One($code: String!) { airline(code: $code) { name } }")
    page.evaluate("document.getElementById('variables').value = '{\"code\": \"AA\"}'")
    page.evaluate("document.getElementById('query').focus()")
    status, body, errors = page.run_and_read(lambda: page.key("Enter", "Enter", 13, modifiers=2))
    check("Ctrl-Enter runs the query with the variables",
          body == {"data": {"airline": {"name": "American Airlines Inc."}}}, (status, body))

    # Errors are listed and highlighted.
    page.evaluate("document.getElementById('variables').value = '{}'")
    page.set_editor("{ airline(code: \"UA\") { nope } }")
    status, body, errors = page.run_and_read(lambda: page.click("#run"))
    highlighted = page.evaluate(
        "document.getElementById('result').classList.contains('has-errors')"
        " && !!document.querySelector('#result .j-err')")
    check("a validation error is listed and highlighted",
          status.startswith("HTTP 400") and errors and "nope" in errors[0] and highlighted, (status, errors))
    page.evaluate("document.getElementById('variables').value = '{not json'")
    status, body, errors = page.run_and_read(lambda: page.click("#run"))
    check("invalid variables JSON is reported without sending",
          status == "not sent" and errors and "variables" in errors[0], (status, errors))

    # A restored history entry refills the editor.
    page.click("#history li:last-child")
    restored = page.evaluate("document.getElementById('query').value")
    check("clicking a history entry restores its query", restored.startswith("{ airline"), restored)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
