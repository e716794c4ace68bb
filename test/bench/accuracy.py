#!/usr/bin/env python3
"""scripts/bench accuracy: precision from the triage ledger, recall from the ported bug fixes.

  accuracy.py --corolint BIN [--ledger docs/accuracy.tsv] [--rerun]

Precision per check and per profile comes from docs/accuracy.tsv (every finding of corolint
on other projects' code, reviewed: true / false / debatable). Debatable counts against the
check, unless the check's doc page says why such code deserves the finding: its section
"## Findings it keeps on purpose" quotes the ledger row's `why` verbatim ("kept" column).
Recall comes from running test/realbugs/ now: found BUG lines / all BUG lines, and any
finding on a fixed shape counts as a false positive of its check. --rerun re-lints, with the
fast engine, the files the ledger names (when their trees are still under /tmp/corpus) and
reports findings the ledger does not hold (untriaged) and ledger rows no longer reported.
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = "/tmp/corpus"


def read_ledger(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


KEPT_HEADING = "## Findings it keeps on purpose"


def kept_shapes(check):
    """The `why` texts the check's doc page justifies (quoted in its KEPT_HEADING section)."""
    page = os.path.join(ROOT, "docs", "checks", check.replace("async-", "", 1) + ".md")
    if not os.path.exists(page):
        return set()
    with open(page) as f:
        text = f.read()
    if KEPT_HEADING not in text:
        return set()
    section = text.split(KEPT_HEADING, 1)[1].split("\n## ", 1)[0]
    return {line.strip()[3:-1] for line in section.splitlines() if line.strip().startswith("- `")}


def verdict(row, kept={}):
    """true / false / debatable, or kept: a debatable shape the doc page justifies."""
    if row["verdict"] != "debatable":
        return row["verdict"]
    if row["check"] not in kept:
        kept[row["check"]] = kept_shapes(row["check"])
    return "kept" if row["why"] in kept[row["check"]] else "debatable"


def precision(t, n):
    return "n/a" if n == 0 else "{:.2f}".format(t / n)


def table(title, key, rows, extra=None):
    counts = collections.defaultdict(collections.Counter)
    for r in rows:
        counts[r[key]][verdict(r)] += 1
    print("\n{}\n".format(title))
    head = "| {} | findings | true | kept | false | debatable | precision |".format(key)
    if extra:
        head += " realbugs found/BUG | recall | fixed-shape FP |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    total = collections.Counter()
    names = sorted(set(counts) | set(extra or {}))
    for name in names:
        c = counts[name]
        n = sum(c.values())
        total.update(c)
        line = "| {} | {} | {} | {} | {} | {} | {} |".format(name, n, c["true"], c["kept"], c["false"], c["debatable"],
                                                          precision(c["true"] + c["kept"], n))
        if extra:
            e = extra.get(name, {"found": 0, "bugs": 0, "fp": 0})
            line += " {}/{} | {} | {} |".format(e["found"], e["bugs"], precision(e["found"], e["bugs"]), e["fp"])
        print(line)
    n = sum(total.values())
    line = "| overall | {} | {} | {} | {} | {} | {} |".format(n, total["true"], total["kept"], total["false"], total["debatable"],
                                                             precision(total["true"] + total["kept"], n))
    if extra:
        found = sum(e["found"] for e in extra.values())
        bugs = sum(e["bugs"] for e in extra.values())
        line += " {}/{} | {} | {} |".format(found, bugs, precision(found, bugs), sum(e["fp"] for e in extra.values()))
    print(line)


def realbugs(corolint, engine):
    out = subprocess.run([sys.executable, os.path.join(ROOT, "test", "realbugs", "run_realbugs.py"), "--corolint", corolint,
                          "--aio-include", os.path.join(ROOT, "runtime", "include"), "--engine", engine, "--json"],
                         check=True, text=True, stdout=subprocess.PIPE).stdout
    per = collections.defaultdict(lambda: {"found": 0, "bugs": 0, "fp": 0})
    for r in json.loads(out):
        for _, check in r["bugs"]:
            per[check]["bugs"] += 1
        for _, check in r["found"]:
            per[check]["found"] += 1
        for _, check, _ in r["fixed_findings"]:
            per[check]["fp"] += 1
    return dict(per)


def rerun(corolint, rows):
    by_file = collections.defaultdict(set)
    for r in rows:
        if r["engine"] == "fast":
            by_file[(r["repository"].replace("/", "+"), r["file"], r["profile"])].add((int(r["line"]), r["check"]))
    new = gone = 0
    for (repo, path, profile), known in sorted(by_file.items()):
        full = os.path.join(CORPUS, repo, path)
        if not os.path.exists(full):
            continue
        # The rest of the tree is read for helpers (the whole-program step), not linted.
        out = subprocess.run([corolint, "--fast", "--no-progress", "--checks=-*,async-*",
                              "--config={CheckOptions: {AsyncProfile: %s}}" % profile,
                              "--helpers-from", os.path.join(CORPUS, repo), full],
                             text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
        now = set()
        for line in out.splitlines():
            parts = line.split(":")
            if len(parts) > 3 and "warning" in parts[3] and line.endswith("]"):
                now.add((int(parts[1]), line.rsplit("[", 1)[1][:-1]))
        new += len(now - known)
        gone += len(known - now)
    print("\nre-run (fast engine, files of the ledger found under {}): {} untriaged new findings, "
          "{} ledger findings no longer reported".format(CORPUS, new, gone))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--ledger", default=os.path.join(ROOT, "docs", "accuracy.tsv"))
    parser.add_argument("--rerun", action="store_true")
    args = parser.parse_args()
    rows = read_ledger(args.ledger)
    print("Ledger: {} reviewed findings on other projects' code ({}); realbugs: test/realbugs/ run now.".format(
        len(rows), os.path.relpath(args.ledger, ROOT)))
    for engine in ("full", "fast"):
        table("Per check, {} engine (ledger precision; recall on ported bug fixes)".format(engine), "check",
              [r for r in rows if r["engine"] == engine], realbugs(args.corolint, engine))
    table("Per profile, both engines (ledger)", "profile", rows)
    if args.rerun:
        rerun(args.corolint, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
