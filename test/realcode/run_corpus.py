#!/usr/bin/env python3
"""Runs the async-* checks over real code nobody here wrote and compares the
findings with a reviewed list.

  run_corpus.py (--plugin PLUGIN | --corolint COROLINT [--corolint-args ARGS])
                --root DIR --files LIST --expected EXPECTED
                [--profile asio] [--jobs 2] [-- compile flags]

Each file of LIST (relative to ROOT) is linted with stock clang-tidy-19 and
our plugin. Every file must compile (a file that does not would make the
comparison meaningless). The findings, as `path:line: [check] message`, must
equal the entries of EXPECTED; each entry there carries a `# why` comment,
the review that says whether it is a true finding.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

FINDING = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):\d+: (?P<level>warning|error): "
                     r"(?P<message>.*) \[(?P<check>[^\]]+)\]$")


def lint(plugin, root, path, profile, flags):
    command = ["clang-tidy-19", "--load=" + plugin, "--checks=-*,async-*",
               "--config={CheckOptions: {AsyncProfile: %s}}" % profile,
               os.path.join(root, path), "--"] + flags
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    findings, errors = [], []
    for line in proc.stdout.splitlines():
        match = FINDING.match(line)
        if not match:
            continue
        where = os.path.relpath(match["path"], root)
        entry = "{}:{}: [{}] {}".format(where, match["line"], match["check"], match["message"])
        (errors if match["check"].startswith("clang-diagnostic") else findings).append(entry)
    return path, findings, errors


def lint_with_corolint(corolint, root, files, profile, extra, flags):
    """One corolint run over every file (the command line's own -j and preambles)."""
    command = [corolint] + extra + ["--checks=-*,async-*",
               "--config={CheckOptions: {AsyncProfile: %s}}" % profile]
    command += [os.path.join(root, p) for p in files] + ["--"] + flags
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stderr)
    findings, errors = [], []
    for line in proc.stdout.splitlines():
        match = FINDING.match(line)
        if match:
            where = os.path.relpath(match["path"], root)
            entry = "{}:{}: [{}] {}".format(where, match["line"], match["check"], match["message"])
            (errors if match["check"].startswith("clang-diagnostic") else findings).append(entry)
    if proc.returncode not in (0, 1):  # 2: an input error (a unit that did not compile)
        errors.append("corolint exited {}".format(proc.returncode))
    return findings, errors


def read_expected(path):
    entries = set()
    with open(path) as f:
        for raw in f:
            entry = raw.split(" # ", 1)[0].strip()
            if entry and not entry.startswith("#"):
                if " # " not in raw:
                    sys.exit("{}: entry without a '# why' justification: {}".format(path, entry))
                entries.add(entry)
    return entries


def main():
    parser = argparse.ArgumentParser()
    linter = parser.add_mutually_exclusive_group(required=True)
    linter.add_argument("--plugin", help="clang-tidy-19 --load=PLUGIN, one process per file")
    linter.add_argument("--corolint", help="one corolint run over the whole list")
    parser.add_argument("--corolint-args", default="",
                        help="extra corolint flags (space-separated)")
    parser.add_argument("--root", required=True)
    parser.add_argument("--files", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--profile", default="asio")
    parser.add_argument("--jobs", type=int, default=2)
    args, rest = parser.parse_known_args()
    flags = rest[1:] if rest[:1] == ["--"] else rest

    with open(args.files) as f:
        files = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    missing = [p for p in files if not os.path.exists(os.path.join(args.root, p))]
    if missing:
        sys.exit("corpus files missing (is libboost1.81-doc installed?): " + ", ".join(missing))

    found, broken = set(), []
    if args.corolint:
        findings, errors = lint_with_corolint(args.corolint, args.root, files, args.profile,
                                              args.corolint_args.split(), flags)
        found.update(findings)
        broken += errors
    else:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for path, findings, errors in pool.map(
                    lambda p: lint(args.plugin, args.root, p, args.profile, flags), files):
                found.update(findings)
                if errors:
                    broken.append("{}: {}".format(path, errors[0]))
    if broken:
        print("files that did not compile:\n  " + "\n  ".join(broken))
        sys.exit(1)

    expected = read_expected(args.expected)
    unexpected, missed = sorted(found - expected), sorted(expected - found)
    print("{} files, {} findings, {} expected".format(len(files), len(found), len(expected)))
    for entry in unexpected:
        print("UNEXPECTED (false positive, or review and add it): " + entry)
    for entry in missed:
        print("MISSING (expected but not reported): " + entry)
    if unexpected or missed:
        sys.exit(1)
    print("findings match the reviewed list")


if __name__ == "__main__":
    main()
