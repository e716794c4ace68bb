#!/usr/bin/env python3
"""A small LSP client for end-to-end editor tests of corolint-clangd.

Importable: Project writes a temporary project (source, compile database,
.clang-tidy, .clangd) and Session drives corolint-clangd over stdio with
helpers for the requests the tests make. lsp_scenarios.py holds the tests.
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

# The editor tests exercise one check; pinning it keeps new checks from changing them.
CLANG_TIDY = "Checks: '-*,async-blocking-call'\n"
# clangd 19 runs only checks it knows to be fast unless told otherwise.
CLANGD = "Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n"


class Timeout(Exception):
    """Nothing matching arrived in time."""


def fail(text):
    print("FAIL: " + text)
    sys.exit(1)


class Project:
    """A directory with one source file, its compile command and the configs."""

    def __init__(self, workdir, aio_include, source, name="main.cpp"):
        self.root = os.path.abspath(workdir)
        self.aio_include = os.path.abspath(aio_include)
        shutil.rmtree(self.root, ignore_errors=True)
        os.makedirs(self.root)
        self.path = os.path.join(self.root, name)
        self.uri = "file://" + urllib.parse.quote(self.path)
        self.write(name, source)
        self.write("compile_commands.json", json.dumps([{
            "directory": self.root, "file": self.path,
            "command": "clang++-19 -std=c++20 -I{} -c {}".format(os.path.abspath(aio_include), name)}]))
        self.write(".clang-tidy", CLANG_TIDY)
        self.write(".clangd", CLANGD)

    def write(self, name, text):
        with open(os.path.join(self.root, name), "w") as f:
            f.write(text)


class Session:
    """corolint-clangd on a Project, initialized; close() shuts it down."""

    def __init__(self, clangd, project):
        self.project = project
        self.proc = subprocess.Popen([os.path.abspath(clangd), "--log=error", "--background-index=false"],
                                     cwd=project.root, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.stderr_lines = []
        self.next_id = 1
        self.version = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": "file://" + urllib.parse.quote(project.root),
            "capabilities": {"textDocument": {
                "publishDiagnostics": {"relatedInformation": True},
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix"]}}}}},
        })
        self.notify("initialized", {})

    # --- transport ---
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
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

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
                raise Timeout("timed out after {}s waiting for {}\nclangd stderr:\n{}".format(
                    timeout, what, "".join(self.stderr_lines[-30:])))
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if predicate(message):
                return message

    # --- documents ---
    def open(self, text):
        self.version = 1
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.project.uri, "languageId": "cpp", "version": self.version, "text": text}})
        return self.diagnostics()

    def change(self, text):
        """Replaces the whole text, as an editor does on an edit; returns the new diagnostics."""
        self.version += 1
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": self.project.uri, "version": self.version},
            "contentChanges": [{"text": text}]})
        return self.diagnostics()

    def close_document(self):
        self.notify("textDocument/didClose", {"textDocument": {"uri": self.project.uri}})

    def diagnostics(self, timeout=90):
        """The next diagnostics published for the document (for the current version
        when clangd says which)."""
        published = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == self.project.uri
            and m["params"].get("version", self.version) == self.version,
            timeout, "diagnostics for version {}".format(self.version))
        return published["params"]["diagnostics"]

    def code_actions(self, diagnostic):
        reply = self.request("textDocument/codeAction", {
            "textDocument": {"uri": self.project.uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
        })
        return reply.get("result") or []

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("corolint-clangd did not exit after 'exit'")
        if self.proc.returncode != 0:
            fail("corolint-clangd exited with {}".format(self.proc.returncode))


def ours(diagnostics):
    """The async-* findings among clangd's diagnostics (not its own hints)."""
    return [d for d in diagnostics if str(d.get("code", "")).startswith("async-")]


def describe(diagnostic):
    start = diagnostic["range"]["start"]
    return "{}:{}: {} [{}]".format(start["line"] + 1, start["character"] + 1,
                                   diagnostic["message"], diagnostic.get("code"))
