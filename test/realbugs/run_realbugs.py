#!/usr/bin/env python3
"""Lints the ported bug-fix commits of test/realbugs/ and scores them.

  run_realbugs.py --corolint BIN --aio-include DIR [--engine full|fast] [--json] [FILES...]

Each file holds a real bug's bad shape, each bad line marked `// BUG: async-<check>`, and,
after the line holding `FIXED SHAPE`, the fixed shape, where any finding is a false
positive. Prints found/all BUG lines (recall) and every finding on a fixed shape; exits 1
only when a fixed shape has a finding or a file does not compile (misses are for the bench).
async-no-await is not run: the ports replace the projects' I/O by stub coroutines that finish
at once, which that check would rightly report. A line `// CONFIG: {...}` passes that
configuration (a port of a library whose coroutines start at once declares aio::task eager).
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

FINDING = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):\d+: (?:warning|error): (?P<message>.*) \[(?P<check>[^\]]+)\]$")
BUG = re.compile(r"// BUG: (async-[a-z-]+)")
CONFIG = re.compile(r"^// CONFIG: (\{.*\})$", re.M)
CHECKS = "-*,async-*,-async-no-await"


def lint(corolint, engine, path, aio_include):
    command = [corolint, "--no-progress", "--checks=" + CHECKS]
    with open(path, encoding="utf-8") as f:
        config = CONFIG.search(f.read())
    if config:
        command.append("--config=" + config.group(1))
    if engine == "fast":
        command.append("--fast")
    command += [path, "--", "-std=c++20", "-I" + aio_include]
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    findings = []
    for line in proc.stdout.splitlines():
        m = FINDING.match(line)
        if m and os.path.basename(m["path"]) == os.path.basename(path):
            findings.append((int(m["line"]), m["check"], m["message"]))
    return findings


def score(path, findings):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    fixed_from = next((i + 1 for i, l in enumerate(lines) if "FIXED SHAPE" in l), len(lines) + 1)
    bugs = {(i + 1, m.group(1)) for i, l in enumerate(lines) for m in [BUG.search(l)] if m}
    errors = [f for f in findings if f[1].startswith("clang-diagnostic")]
    found = {b for b in bugs if any(f[0] == b[0] and f[1] == b[1] for f in findings)}
    fixed_fp = [f for f in findings if f[0] >= fixed_from and not f[1].startswith("clang-diagnostic")]
    other = [f for f in findings if f[0] < fixed_from and (f[0], f[1]) not in bugs
             and not f[1].startswith("clang-diagnostic")]
    return {"file": os.path.basename(path), "bugs": sorted(bugs), "found": sorted(found),
            "fixed_findings": fixed_fp, "other_findings": other, "errors": errors}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("--engine", choices=["full", "fast"], default="full")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--known", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixed-shape-known.txt"),
                        help="reviewed findings on fixed shapes (file:line: [check] # verdict: why)")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.cpp")))
    results = [score(p, lint(args.corolint, args.engine, p, args.aio_include)) for p in files]
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        return 0
    bugs = sum(len(r["bugs"]) for r in results)
    found = sum(len(r["found"]) for r in results)
    known = set()
    if os.path.exists(args.known):
        with open(args.known) as f:
            for raw in f:
                entry = raw.split(" # ", 1)[0].strip()
                if entry and not entry.startswith("#"):
                    if " # " not in raw:
                        sys.exit("{}: entry without a '# verdict: why': {}".format(args.known, entry))
                    known.add(entry)
    failed = False
    for r in results:
        missed = sorted(set(r["bugs"]) - set(r["found"]))
        for line, check in missed:
            print("missed: {}:{}: {}".format(r["file"], line, check))
        for line, check, message in r["fixed_findings"]:
            entry = "{}:{}: [{}]".format(r["file"], line, check)
            if entry in known:
                print("known (reviewed) finding on a fixed shape: " + entry)
                continue
            print("FIXED SHAPE FLAGGED: {} {}".format(entry, message))
            failed = True
        for line, check, message in r["errors"]:
            print("DOES NOT COMPILE: {}:{}: {}".format(r["file"], line, message))
            failed = True
    print("{} ported commits, {} of {} BUG lines found ({} engine)".format(len(results), found, bugs, args.engine))
    print("fixed shapes with findings: {}".format(sum(1 for r in results if r["fixed_findings"])))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
