#!/usr/bin/env python3
"""How much of what full mode finds the fast engine finds, on the lit corpus.

For each test/checks/*.cpp RUN line of the full CLI (`%check_corolint`) whose
check the fast engine implements, runs `corolint --fast` with the same check
and tool arguments and compares its warnings with the file's CHECK-MESSAGES
lines (what full mode reports there: lit holds it to exactly those). A
finding full mode does not report is counted as a false positive.

Recall is measured on the syntactic subset, decided by the message and the
code at the location, not by the file:
  * blocking-call: calls written by name (`sleep(1)`, `std::getline(...)`,
    `helper()`), not member calls (`f.get()`) or constructions;
  * unawaited-task: "task returned by ... is discarded";
  * dropped-exception: "handle returned by ... is discarded" and empty
    catch-all handlers around a suspension point;
  * unbounded-spawn: "creates ..." (spawned in the loop);
  * no-await: named functions (not lambdas);
  * busy-wait, cancellation-swallowed, nested-run, sequential-await: every
    finding.

  recall.py [--corolint PATH] [-v]
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FAST_CHECKS = {"async-blocking-call", "async-busy-wait", "async-cancellation-swallowed",
               "async-dropped-exception", "async-nested-run", "async-no-await",
               "async-sequential-await", "async-unawaited-task", "async-unbounded-spawn"}
FREE_CALL = re.compile(r"(::)?[A-Za-z_]\w*(::[A-Za-z_]\w*)*\s*(<[^;()]*>)?\s*\(")


def in_subset(check, message, source_line, column):
    at = source_line[column - 1:]
    if check == "async-blocking-call":
        return not message.startswith("constructing") and FREE_CALL.match(at) is not None
    if check == "async-unawaited-task":
        return message.startswith("task returned by") and "is discarded" in message
    if check == "async-dropped-exception":
        return message.startswith("handle returned by") or message.startswith("exception caught around")
    if check == "async-unbounded-spawn":
        return message.startswith("creates")
    if check == "async-no-await":
        return not message.startswith("a coroutine lambda")
    return True


def run_lines(path, text):
    for line in text:
        m = re.match(r"// RUN: %check_corolint (--check-suffix=(\S+) )?(\S+) (\S+) %t\S*\s*(.*)$", line)
        if m and m.group(4) in FAST_CHECKS:
            rest = m.group(5).strip()
            tool_args = []
            if rest.startswith("--"):
                rest = rest[2:].strip()
                cm = re.match(r"-?-config=\"(.*)\"", rest)
                if cm:
                    tool_args.append("--config=" + cm.group(1))
            yield m.group(2) or "", m.group(4), tool_args


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", default=os.path.join(ROOT, "build-fast", "bin", "corolint"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    expected_total = found_total = outside_subset = false_positives = 0
    for name in sorted(os.listdir(os.path.join(ROOT, "test", "checks"))):
        if not name.endswith(".cpp"):
            continue
        path = os.path.join(ROOT, "test", "checks", name)
        with open(path, encoding="utf-8") as f:
            text = f.read().splitlines()
        for suffix, check, tool_args in run_lines(path, text):
            prefix = "CHECK-MESSAGES" + ("-" + suffix if suffix else "")
            expected = {}
            for i, line in enumerate(text):
                m = re.search(re.escape(prefix) + r": :\[\[@LINE([+-]\d+)?\]\]:(\d+): warning: (.*)", line)
                if m:
                    where = (i + 1 + int(m.group(1) or 0), int(m.group(2)))
                    expected[where] = m.group(3)
            command = [args.corolint, "--fast", "--checks=-*," + check] + tool_args + [path]
            proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if proc.returncode not in (0, 1):
                sys.exit("{} exited with {}:\n{}".format(" ".join(command), proc.returncode, proc.stderr))
            found = set()
            for line in proc.stdout.splitlines():
                m = re.match(r".*?:(\d+):(\d+): warning: .*\[" + re.escape(check) + r"\]$", line)
                if m:
                    found.add((int(m.group(1)), int(m.group(2))))
            subset = {w for w, msg in expected.items()
                      if in_subset(check, msg, text[w[0] - 1], w[1])}
            hits = subset & found
            extra = found - set(expected)
            expected_total += len(subset)
            found_total += len(hits)
            outside_subset += len(expected) - len(subset)
            false_positives += len(extra)
            label = "{} {}{}".format(name, check, " (" + suffix + ")" if suffix else "")
            print("{:60} full {:3}  in subset {:3}  fast found {:3}  false positives {}".format(
                label, len(expected), len(subset), len(hits), len(extra)))
            if args.verbose:
                for w in sorted(subset - found):
                    print("    missed {}:{}: {}".format(w[0], w[1], expected[w][:90]))
                for w in sorted(extra):
                    print("    false positive {}:{}".format(*w))
    recall = 100.0 * found_total / max(1, expected_total)
    print()
    print("full-mode findings in the fast subset: {} (and {} outside it)".format(expected_total, outside_subset))
    print("found by the fast engine: {} = {:.1f}% (goal >= 90%)".format(found_total, recall))
    print("fast findings full mode does not report (false positives): {} (goal 0)".format(false_positives))
    return 0 if recall >= 90.0 and false_positives == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
