"""Whole-program part of the lint benchmark (test/bench/lint/run --part whole-program).

1. What writing summaries costs: corolint on the Boost.Asio C++20 examples with
   CrossFile on (summaries written, questions answered) and off (async-blocking-call's
   and async-nested-run's),
   the two runs alternating. Goal: <= 5% over the run without.
2. The same for the fast engine (`--fast -j2`, by name, no build) over the largest trees
   here: the Boost headers and this project's own sources.
3. What the reduce step costs: synthetic programs of 10,000 and 100,000 functions
   (chains of helpers across 100 files, a blocking call at the end of some, a coroutine's
   open question into each chain), answered by `corolint merge --verbose`, which prints the
   time answering took. Goal: < 1 s at 10,000 functions; the growth to 100,000 is reported.
"""

import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


# Every check that writes summaries or asks questions, off: each file on its own.
CROSS_FILE_OFF = ("{CheckOptions: {async-blocking-call.CrossFile: false, "
                  "async-nested-run.CrossFile: false, async-unbounded-spawn.CrossFile: false}}")


def timed(command):
    """Wall and user+sys seconds of one run of \p command (a list)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def overhead(corolint, database, jobs, runs):
    # The two runs alternate, so a machine that slows down or warms up over the
    # measurement weighs on both alike (hyperfine runs one command's runs together).
    base = [corolint, "-j", str(jobs), "-p", database, "--no-progress", "--checks=-*,async-*"]
    off = base + ["--config", CROSS_FILE_OFF]
    on_times, off_times = [], []
    for _ in range(runs):
        on_times.append(timed(base))
        off_times.append(timed(off))
    print("| run | wall mean (s) | wall min (s) | user+sys mean (s) |")
    print("|---|---:|---:|---:|")
    for name, times in (("cross-file on", on_times), ("cross-file off", off_times)):
        print("| {} | {:.2f} | {:.2f} | {:.2f} |".format(
            name, statistics.mean(t[0] for t in times), min(t[0] for t in times),
            statistics.mean(t[1] for t in times)))
    cpu_cost = 100 * (statistics.mean(t[1] for t in on_times) /
                      statistics.mean(t[1] for t in off_times) - 1)
    wall_cost = 100 * (statistics.mean(t[0] for t in on_times) /
                       statistics.mean(t[0] for t in off_times) - 1)
    print("\nSummaries and answers cost {:+.1f}% CPU and {:+.1f}% wall (means) over the run "
          "without (goal <= 5%: {}).\n".format(cpu_cost, wall_cost,
                                               "met" if max(cpu_cost, wall_cost) <= 5 else "NOT met"))


def fast_overhead(corolint, trees, jobs, runs):
    """--fast over each tree with CrossFile on and off, alternating: files without a
    coroutine are read only when they may define a helper the answers need."""
    print("| tree | files | cross-file on: wall mean (s) | off: wall mean (s) | "
          "on: user+sys (s) | off: user+sys (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for tree in trees:
        if not os.path.isdir(tree):
            print("| {} | (missing) | | | | |".format(tree))
            continue
        base = [corolint, "--fast", "-j", str(jobs), "--no-progress", "--checks=-*,async-*",
                "--format=json", "-o", os.devnull, tree]
        off = base + ["--config", CROSS_FILE_OFF]
        on_times, off_times = [], []
        for _ in range(runs):
            on_times.append(timed(base))
            off_times.append(timed(off))
        files = subprocess.run(base + ["--verbose"], capture_output=True, text=True).stderr
        count = re.search(r"(\d+) file\(s\)", files)
        print("| {} | {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} |".format(
            tree, count.group(1) if count else "?",
            statistics.mean(t[0] for t in on_times), statistics.mean(t[0] for t in off_times),
            statistics.mean(t[1] for t in on_times), statistics.mean(t[1] for t in off_times)))
    print()


def synthetic_program(functions, seed=1):
    """A summary file of `functions` helpers in chains of 5 over 100 files, and a
    question from a coroutine into the head of each chain."""
    rng = random.Random(seed)
    summaries, questions = [], []
    for index in range(functions):
        position = index % 5
        calls = []  # [offset, callee key, callee name, blocking operation, kind, virtual]
        if position < 4:  # the next helper of the chain, in another file
            calls.append([10, "f{}".format(index + 1), "f{}".format(index + 1), "", 0, False])
        for _ in range(rng.randrange(3)):  # calls elsewhere, some into other chains
            callee = "f{}".format(rng.randrange(functions))
            calls.append([20, callee, callee, "", 0, False])
        if position == 4 and rng.random() < 0.3:
            calls.append([30, "", "", "fsync", 0, False])
        summaries.append({"key": "f{}".format(index), "name": "f{}".format(index),
                          "file": "/synthetic/file{}.cpp".format(index % 100),
                          "hash": "0000000000000000", "offset": 0, "enterable": True,
                          "calls": calls, "overrides": []})
        if position == 0:
            questions.append({"callee": "f{}".format(index), "calleeName": "f{}".format(index),
                              "virtual": False,
                              "coroutine": "handler", "file": "/synthetic/handler.cpp",
                              "offset": index, "awaited": "", "offload": "aio::to_thread",
                              "depth": 3, "awaitsReadiness": False})
    return {"corolintSummaries": 1, "functions": summaries, "questions": questions}


EMPTY_LOG = {"version": "2.1.0", "runs": [{
    "tool": {"driver": {"name": "corolint", "rules": []}},
    "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///synthetic/"}},
    "results": []}]}


def reduce_time(corolint, functions, work):
    summaries = os.path.join(work, "synthetic-{}.summaries".format(functions))
    log = os.path.join(work, "empty.sarif")
    with open(summaries, "w") as f:
        json.dump(synthetic_program(functions), f)
    with open(log, "w") as f:
        json.dump(EMPTY_LOG, f)
    run = subprocess.run([corolint, "merge", "--verbose", os.path.join(work, "out.sarif"), log,
                          summaries], capture_output=True, text=True, check=True)
    match = re.search(r"(\d+) function\(s\), (\d+) open question\(s\), (\d+) finding\(s\) "
                      r"across files, answered in ([0-9.]+) s", run.stderr)
    if not match:
        sys.exit("bench lint: no whole-program figures from corolint merge: " + run.stderr)
    return int(match.group(2)), int(match.group(3)), float(match.group(4))


def main(corolint, database, jobs, runs, fast_trees=()):
    print("# Whole-program summaries\n")
    print("## What summaries cost on the Boost.Asio C++20 examples, -j{}, {} runs\n".format(jobs, runs))
    overhead(corolint, database, jobs, runs)
    print("## The fast engine, by name, -j{}, {} runs\n".format(jobs, runs))
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    fast_overhead(corolint, ["/usr/include/boost", root] + list(fast_trees), jobs, runs)
    print("## The reduce step on synthetic programs\n")
    print("| functions | open questions | findings | answered in (s) |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="corolint-reduce-") as work:
        rows = []
        for functions in (10000, 100000):
            questions, findings, seconds = reduce_time(corolint, functions, work)
            rows.append(seconds)
            print("| {:,} | {:,} | {:,} | {:.3f} |".format(functions, questions, findings, seconds))
    print("\nGoal < 1 s at 10,000 functions: {}; 10x the functions took {:.1f}x the time.\n".format(
        "met" if rows[0] < 1 else "NOT met", rows[1] / max(rows[0], 1e-6)))
