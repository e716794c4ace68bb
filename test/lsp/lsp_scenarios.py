#!/usr/bin/env python3
"""End-to-end editor scenarios for corolint-clangd, one per lit test.

  lsp_scenarios.py SCENARIO --clangd BIN --aio-include DIR --workdir DIR

Each prints what it observed (for FileCheck) and exits non-zero on a mismatch.
"""

import argparse
import json
import os
import subprocess
import time
import urllib.parse

from lsp_client import Project, Session, Timeout, describe, fail, ours

SLEEPY = """\
#include <aio/aio.hpp>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

aio::task<int> fetch_data() {
  std::this_thread::sleep_for(1s);
  co_return 42;
}
"""

CLEAN = SLEEPY.replace("  std::this_thread::sleep_for(1s);\n", "  co_await aio::sleep(1s);\n")


def errors(diagnostics):
    return [d for d in diagnostics if d.get("severity") == 1]


def expect_sleep_finding(diagnostics, line):
    found = ours(diagnostics)
    if errors(diagnostics):
        fail("compile errors: " + json.dumps(errors(diagnostics)))
    if len(found) != 1 or found[0]["range"]["start"] != {"line": line - 1, "character": 2}:
        fail("expected one async-blocking-call at line {}, got {}".format(line, [describe(d) for d in found]))
    return found[0]


def quickfix(session):
    diagnostic = expect_sleep_finding(session.open(SLEEPY), 8)
    print("diagnostic:", diagnostic["message"])
    edits = []
    for action in session.code_actions(diagnostic):
        changes = (action.get("edit") or {}).get("changes") or {}
        edits += [(action.get("title"), e) for e in changes.get(session.project.uri, [])]
    fixes = [(title, e) for title, e in edits if e["newText"] == "co_await aio::sleep"]
    if not fixes:
        fail("no quick fix rewriting to 'co_await aio::sleep'; edits: " + json.dumps(edits))
    title, edit = fixes[0]
    if edit["range"] != {"start": {"line": 7, "character": 2}, "end": {"line": 7, "character": 29}}:
        fail("the quick fix edits the wrong range: " + json.dumps(edit["range"]))
    print("quick fix:", title, "->", edit["newText"])
    # Applying the edit, as the editor would, leaves nothing to report.
    lines = SLEEPY.split("\n")
    lines[7] = lines[7][:2] + edit["newText"] + lines[7][29:]
    after = session.change("\n".join(lines))
    print("after the fix:", len(ours(after)), "finding(s)")


def edits(session):
    print("open clean:", len(ours(session.open(CLEAN))), "finding(s)")
    # Typing a blocking call two lines further down.
    edited = CLEAN.replace("  co_return 42;\n", "  int x = 1;\n  std::this_thread::sleep_for(1s);\n  co_return x;\n")
    diagnostic = expect_sleep_finding(session.change(edited), 10)
    print("after the edit:", describe(diagnostic))
    print("after undo:", len(ours(session.change(CLEAN))), "finding(s)")


def nolint(session):
    for suppressed in ["  std::this_thread::sleep_for(1s); // NOLINT(async-blocking-call)\n",
                       "  // NOLINTNEXTLINE(async-*)\n  std::this_thread::sleep_for(1s);\n",
                       "  // NOLINTBEGIN\n  std::this_thread::sleep_for(1s);\n  // NOLINTEND\n"]:
        text = SLEEPY.replace("  std::this_thread::sleep_for(1s);\n", suppressed)
        diagnostics = session.open(text) if session.version == 0 else session.change(text)
        print("suppressed by", suppressed.strip().split("\n")[0].strip(), "->",
              len(ours(diagnostics)), "finding(s)")
    wrong = SLEEPY.replace("sleep_for(1s);", "sleep_for(1s); // NOLINT(bugprone-*)")
    print("NOLINT for another check:", describe(expect_sleep_finding(session.change(wrong), 8)))


def config_change(session):
    expect_sleep_finding(session.open(SLEEPY), 8)
    print("before: 1 finding")
    # Disable the check. clangd caches .clang-tidy and re-reads it when its
    # cached copy is older than a few seconds, on the next rebuild of the file.
    session.project.write(".clang-tidy", "Checks: '-*'\n")
    time.sleep(6)
    print("after editing .clang-tidy and the source:",
          len(ours(session.change(SLEEPY + "\n"))), "finding(s)")
    session.project.write(".clang-tidy", "Checks: '-*,async-blocking-call'\n")
    time.sleep(6)
    print("after re-enabling:", len(ours(session.change(SLEEPY))), "finding(s)")


def config_without_edit(session):
    expect_sleep_finding(session.open(SLEEPY), 8)
    session.project.write(".clang-tidy", "Checks: '-*'\n")
    time.sleep(6)
    # No edit: does clangd republish by itself? Wait for anything new.
    try:
        published = session.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics",
                                     10, "diagnostics without an edit")
        print("republished without an edit:", len(ours(published["params"]["diagnostics"])), "finding(s)")
    except Timeout:
        print("not republished without an edit")
    # Closing and reopening the file rebuilds it with the new configuration.
    session.close_document()
    session.version = 0
    print("after reopening:", len(ours(session.open(SLEEPY))), "finding(s)")


SWALLOWED = """\
#include <aio/aio.hpp>

void cleanup() {}

aio::task<> cleans_up_and_forgets() {
  try {
    co_await aio::sleep(std::chrono::seconds(1));
  } catch (const aio::cancelled_error &) {
    cleanup();
  }
}
"""


def links(session):
    """Doc links that resolve, and quick-fix titles on one line."""
    session.project.write(".clang-tidy", "Checks: '-*,async-blocking-call,async-cancellation-swallowed'\n")
    diagnostic = expect_sleep_finding(session.open(SLEEPY), 8)
    href = (diagnostic.get("codeDescription") or {}).get("href", "")
    print("link:", href)
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme != "file" or not os.path.isfile(urllib.parse.unquote(parsed.path)):
        fail("codeDescription does not name an existing page: " + json.dumps(diagnostic))
    with open(urllib.parse.unquote(parsed.path)) as page:
        print("page title:", page.readline().strip())
    found = ours(session.change(SWALLOWED))
    if len(found) != 1:
        fail("expected one finding, got {}".format([describe(d) for d in found]))
    for action in session.code_actions(found[0]):
        title = action.get("title", "")
        if "\n" in title or "…" in title:
            fail("title is not a clean one-liner: " + json.dumps(title))
        print("action:", title)


SCENARIOS = {"quickfix": quickfix, "links": links, "edits": edits, "nolint": nolint,
             "config-change": config_change, "config-without-edit": config_without_edit}


HANDLER = """\
#include "storage.h"
#include <aio/aio.hpp>

aio::task<void> on_request(int fd) {
  save_snapshot(fd);
  co_return;
}
"""

STORAGE_H = "#pragma once\nvoid save_snapshot(int fd);\n"
STORAGE_CPP = """\
#include "storage.h"
#include <unistd.h>

void save_snapshot(int fd) { ::fsync(fd); }
"""


def whole_program(session, corolint):
    """A blocking helper in another file, from the project's summary file; stale or
    missing summaries leave the file on its own."""
    project = session.project
    project.write("main.cpp", HANDLER)
    project.write("storage.h", STORAGE_H)
    project.write("storage.cpp", STORAGE_CPP)
    project.write("compile_commands.json", json.dumps([{
        "directory": project.root, "file": os.path.join(project.root, name),
        "command": "clang++-19 -std=c++20 -I{} -c {}".format(project.aio_include, name)}
        for name in ("main.cpp", "storage.cpp")]))
    summaries = os.path.join(project.root, ".corolint", "summaries.json")

    def write_summaries():
        run = subprocess.run([corolint, "-p", project.root, "--no-progress", "--summaries-out",
                              summaries], capture_output=True, text=True)
        if run.returncode != 1:
            fail("corolint found nothing across files: " + run.stdout + run.stderr)

    write_summaries()
    project.write(".clang-tidy", "Checks: '-*,async-blocking-call'\nCheckOptions:\n"
                  "  async-blocking-call.SummaryFile: .corolint/summaries.json\n")
    found = ours(session.open(HANDLER))
    if len(found) != 1 or found[0]["range"]["start"] != {"line": 4, "character": 2}:
        fail("expected one finding at 5:3, got {}".format([describe(d) for d in found]))
    print("with the summary file:", describe(found[0]))
    # Typing in the coroutine: still there (this file is summarized afresh).
    edited = HANDLER.replace("co_return;", "co_return; // edited")
    print("after an edit:", len(ours(session.change(edited))), "finding(s)")
    os.remove(summaries)
    print("summary file removed:", len(ours(session.change(HANDLER))), "finding(s)")
    write_summaries()
    print("summary file written again:", len(ours(session.change(edited))), "finding(s)")
    # storage.cpp no longer blocks, summaries not rewritten: the stale summary is ignored.
    project.write("storage.cpp", STORAGE_CPP.replace("::fsync(fd);", "(void)fd;"))
    print("storage.cpp changed:", len(ours(session.change(HANDLER))), "finding(s)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS) + ["whole_program"])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--corolint", help="for the whole_program scenario")
    args = parser.parse_args()
    project = Project(args.workdir, args.aio_include, SLEEPY)
    try:
        session = Session(args.clangd, project)
        if args.scenario == "whole_program":
            whole_program(session, args.corolint)
        else:
            SCENARIOS[args.scenario](session)
        session.close()
    except Timeout as timeout:
        fail(str(timeout))
    print("PASS")


if __name__ == "__main__":
    main()
