#!/usr/bin/env python3
"""A small LSP client for end-to-end editor tests of corolint-clangd.

Creates a project in a temporary directory, starts corolint-clangd on it,
opens a file, waits for the async-* diagnostic, asks for code actions and
checks the quick fix's edit. Exits non-zero with a message on any mismatch.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import queue
import time
import urllib.parse

SOURCE = """\
#include <aio/aio.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

aio::task<int> fetch_data() {
  std::this_thread::sleep_for(1s);
  co_return 42;
}
"""


class Client:
    def __init__(self, command, cwd):
        self.proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr_lines = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode(errors="replace"))

    def _read(self):
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode().strip()
                if not line:
                    break
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message):
        data = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=60):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout,
                             "a reply to " + method)

    def wait_for(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                fail("timed out after {}s waiting for {}\nclangd stderr:\n{}".format(
                    timeout, what, "".join(self.stderr_lines[-30:])))
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if predicate(message):
                return message


def fail(text):
    print("FAIL: " + text)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()

    project = os.path.abspath(args.workdir)
    clangd = os.path.abspath(args.clangd)
    aio_include = os.path.abspath(args.aio_include)
    shutil.rmtree(project, ignore_errors=True)
    os.makedirs(project)
    source_path = os.path.join(project, "main.cpp")
    with open(source_path, "w") as f:
        f.write(SOURCE)
    with open(os.path.join(project, "compile_commands.json"), "w") as f:
        json.dump([{"directory": project, "file": source_path,
                    "command": "clang++-19 -std=c++20 -I{} -c main.cpp".format(aio_include)}], f)
    with open(os.path.join(project, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,async-*'\n")
    with open(os.path.join(project, ".clangd"), "w") as f:
        # clangd 19 runs only checks it knows to be fast unless told otherwise.
        f.write("Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n")

    client = Client([clangd, "--log=error", "--background-index=false"], project)
    uri = "file://" + urllib.parse.quote(source_path)
    client.request("initialize", {
        "processId": os.getpid(),
        "rootUri": "file://" + urllib.parse.quote(project),
        "capabilities": {"textDocument": {
            "publishDiagnostics": {"relatedInformation": True},
            "codeAction": {"codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix"]}}}}},
    })
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": SOURCE}})

    published = client.wait_for(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
        and any(d.get("code") == "async-blocking-call" for d in m["params"]["diagnostics"]),
        90, "an async-blocking-call diagnostic")
    diagnostics = published["params"]["diagnostics"]
    # clangd's own hints (unused includes, ...) are not ours; errors and other
    # async-* findings would be.
    unexpected = [d for d in diagnostics if d.get("code") != "async-blocking-call"
                  and (d.get("severity") == 1 or str(d.get("code", "")).startswith("async-"))]
    if unexpected:
        fail("unexpected diagnostics: " + json.dumps(unexpected))
    diagnostic = diagnostics[0]
    start = diagnostic["range"]["start"]
    if (start["line"], start["character"]) != (7, 2):
        fail("diagnostic at {} instead of line 8, column 3".format(start))
    # clangd capitalises the first letter of every message.
    if "blocking call to 'std::this_thread::sleep_for' in coroutine 'fetch_data'" not in diagnostic["message"].lower():
        fail("unexpected message: " + diagnostic["message"])
    print("diagnostic:", diagnostic["message"])

    reply = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
    })
    actions = reply.get("result") or []
    edits = []
    for action in actions:
        changes = (action.get("edit") or {}).get("changes") or {}
        edits += [(action.get("title"), e) for e in changes.get(uri, [])]
    fixes = [(title, e) for title, e in edits if e["newText"] == "co_await aio::sleep"]
    if not fixes:
        fail("no quick fix rewriting to 'co_await aio::sleep'; code actions: " + json.dumps(actions))
    title, edit = fixes[0]
    if edit["range"] != {"start": {"line": 7, "character": 2}, "end": {"line": 7, "character": 29}}:
        fail("the quick fix edits the wrong range: " + json.dumps(edit["range"]))
    print("quick fix:", title, "->", edit["newText"])

    client.request("shutdown", None)
    client.notify("exit", None)
    try:
        client.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        client.proc.kill()
        fail("corolint-clangd did not exit after 'exit'")
    if client.proc.returncode != 0:
        fail("corolint-clangd exited with {}".format(client.proc.returncode))
    print("PASS")


if __name__ == "__main__":
    main()
