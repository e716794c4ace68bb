#!/usr/bin/env python3
"""Time and memory of an engine grow at most about linearly in one dimension
of a hostile input (issue 21).

    check_growth.py --corolint BIN --aio-include DIR --engine fast|full ...
                    [--runs R (2)] [--slack S] [--size-ratio Q] KIND SMALL LARGE

Generates KIND (generate.py --bare) at size 0, SMALL and LARGE, lints each
with every async-* check R times and keeps the least CPU time (user + system)
and peak RSS of the child: CPU time, not wall time, so that a loaded machine
does not move the figures much, and the least of R runs to drop the rest of
the noise. The size-0 input's figures (start-up, headers) are subtracted,
then

    (large - empty) / max(small - empty, floor) <= S * Q

for time and for memory, where Q is the input's growth (LARGE / SMALL unless
given: the macro levels double it per level). S = 2.5 lets a linear engine
pass with room for noise and fails a quadratic one at Q = 4 (16 > 10).
The floors keep tiny differences from making ratios of noise. For the full
engine the figures are corolint's minus those of `clang++ -fsyntax-only` on
the same input: clang's own parse is not ours to bound (4000 using-directives
in one scope cost Sema a quadratic lookup), the checks' work on top of it is.

Every input ends with a coroutine whose blocking call must still be reported
(the engine neither gave up nor lost its place), unless --no-finding.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

TIME_FLOOR = 0.05  # seconds of CPU
RSS_FLOOR = 8 * 1024  # KiB


def measure(command, output, timeout):
    """(cpu seconds, peak RSS in KiB, exit code) of one run of command; None
    when it ran longer than timeout seconds of wall time."""
    with open(output, "wb") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if not timer.is_alive():
            return None
        timer.cancel()
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, child.returncode


def command_for(args, engine, path):
    lint = [args.corolint, "--checks=-*,async-*", "--no-progress"]
    if engine == "fast":
        return lint + ["--fast", path]
    return lint + [path, "--", "-std=c++20", "-I" + args.aio_include]


def parse_command(args, path):
    return [args.clang, "-fsyntax-only", "-std=c++20", "-I" + args.aio_include, path]


def finding_line(source):
    """The line the tail's blocking call is on (1-based)."""
    lines = source.split(b"\n")
    return next(i for i, line in enumerate(lines) if line.strip() == b"// FINDING") + 2


def least(args, command, output, what):
    """Least CPU time and least peak RSS over args.runs runs, and the last
    run's exit code and output."""
    cpu, rss = [], []
    for _ in range(args.runs):
        measured = measure(command, output, args.timeout)
        if measured is None:
            sys.exit("{}: still running after {} s".format(what, args.timeout))
        cpu.append(measured[0])
        rss.append(measured[1])
    with open(output, "rb") as f:
        return min(cpu), min(rss), measured[2], f.read().decode("utf-8", "replace")


def cost(args, engine, kind, size, scratch):
    """The engine's least CPU time and peak RSS on the input (beyond clang's
    parse for the full engine), checking its exit code and finding."""
    source = generate.generate(kind, size, bare=True)
    path = os.path.join(scratch, "{}-{}.cpp".format(kind, size))
    with open(path, "wb") as f:
        f.write(source)
    what = "{} engine, {} at {}".format(engine, kind, size)
    cpu, rss, code, text = least(args, command_for(args, engine, path), path + ".out", what)
    if args.no_finding:
        pass
    elif code not in (0, 1):
        sys.exit("{}: exit code {}\n{}".format(what, code, text[-3000:]))
    elif not re.search(r"{}:{}:\d+: warning: blocking call".format(
            re.escape(path), finding_line(source)), text):
        sys.exit("{}: the finding after the stress is missing\n{}".format(what, text[-3000:]))
    if engine == "full":
        parse_cpu, parse_rss, _, _ = least(args, parse_command(args, path), path + ".parse",
                                           what + " (clang's parse)")
        cpu, rss = cpu - parse_cpu, rss - parse_rss
    return cpu, rss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("--clang", default=shutil.which("clang++"),
                        help="clang of corolint's LLVM: the full engine's parse alone")
    parser.add_argument("--engine", action="append", choices=["fast", "full"], required=True)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--slack", type=float, default=2.5)
    parser.add_argument("--size-ratio", type=float)
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds of wall time a run may take (a blow-up never ends)")
    parser.add_argument("--no-finding", action="store_true",
                        help="the input is not C++ (or past a compiler limit): no finding wanted")
    parser.add_argument("kind", choices=sorted(generate.GENERATORS) + ["binary"])
    parser.add_argument("small", type=int)
    parser.add_argument("large", type=int)
    args = parser.parse_args()
    growth = args.size_ratio or args.large / args.small
    limit = args.slack * growth

    failed = False
    with tempfile.TemporaryDirectory(prefix="corolint-stress-") as scratch:
        for engine in args.engine:
            empty_cpu, empty_rss = cost(args, engine, args.kind, 0, scratch)
            small_cpu, small_rss = cost(args, engine, args.kind, args.small, scratch)
            large_cpu, large_rss = cost(args, engine, args.kind, args.large, scratch)
            time_ratio = (large_cpu - empty_cpu) / max(small_cpu - empty_cpu, TIME_FLOOR)
            rss_ratio = (large_rss - empty_rss) / max(small_rss - empty_rss, RSS_FLOOR)
            print("{} {} engine{}: input x{:g}; CPU {:.2f}/{:.2f}/{:.2f} s -> x{:.1f}; "
                  "peak RSS {:.0f}/{:.0f}/{:.0f} MiB -> x{:.1f} (limit x{:g})".format(
                      args.kind, engine, " beyond the parse" if engine == "full" else "", growth, empty_cpu, small_cpu, large_cpu, time_ratio,
                      empty_rss / 1024, small_rss / 1024, large_rss / 1024, rss_ratio, limit))
            for what, ratio in (("time", time_ratio), ("memory", rss_ratio)):
                if ratio > limit:
                    print("error: {} of the {} engine grows faster than linearly in {}".format(
                        what, engine, args.kind))
                    failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
