#!/usr/bin/env python3
"""Asserts that corolint reports exactly the marked pitfalls of runtime/examples/pitfalls.

Each wrong line of a pitfall program carries its check in a trailing comment, in brackets:
    std::this_thread::sleep_for(1s);  // wrong: blocks the loop [async-blocking-call]
Every marker must be reported by corolint on that line, and corolint must report nothing
that is not marked. Several markers may share a line.

usage: check_pitfalls.py COROLINT BUILD_DIR FILE...
"""
import json
import os
import re
import subprocess
import sys

MARKER = re.compile(r"\[(async-[a-z-]+)\]")


def expected_findings(path):
    found = set()
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            comment = line.find("//")
            if comment >= 0:
                found.update((path, number, check) for check in MARKER.findall(line[comment:]))
    return found


def main():
    corolint, build_dir = sys.argv[1], sys.argv[2]
    files = [os.path.realpath(path) for path in sys.argv[3:]]
    expected = set()
    for path in files:
        marked = expected_findings(path)
        if not marked:
            print(f"{path}: no [async-...] marker: a pitfall must say which check reports it")
            return 1
        expected |= marked
    # Every check, the opt-in async-no-await too: the demo shows every pitfall.
    run = subprocess.run([corolint, "-p", build_dir, "--checks=-*,async-*", "--format=json",
                          "--no-progress", *files],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode not in (0, 1):
        print(run.stdout, run.stderr, sep="\n")
        print(f"corolint exited with {run.returncode}")
        return 1
    actual = {(os.path.realpath(f["file"]), f["line"], f["check"]) for f in json.loads(run.stdout)["findings"]}
    missing, unexpected = sorted(expected - actual), sorted(actual - expected)
    for path, line, check in missing:
        print(f"{path}:{line}: expected {check}, not reported")
    for path, line, check in unexpected:
        print(f"{path}:{line}: {check} reported but not marked")
    print(f"{len(expected & actual)} of {len(expected)} marked pitfalls reported, "
          f"{len(unexpected)} unmarked finding(s) in {len(files)} files")
    return 1 if missing or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
