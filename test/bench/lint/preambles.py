"""scripts/bench lint, second part: shared preambles and the result cache.

In one run, side by side on the same files (each command once per round, rounds
interleaved so a load change on the machine hits every command alike):
  (1) run-clang-tidy-19 -jN with one trivial check: the parse-only baseline;
  (2) corolint -jN --preamble=false: every unit parsed whole (cold);
  (3) corolint -jN: units with the same #include block share a precompiled preamble;
  (4) corolint -jN --cache DIR, warm, after one file of the corpus was edited;
  (5) corolint --fast -jN: the tree-sitter engine, for comparison.
Two corpora: the Boost.Asio/Beast examples of libboost1.81-doc (the realcode suite's
list, copied into build-bench so that one can be edited) and a synthetic project of
small units that all include <aio/aio.hpp> and <boost/asio.hpp>, generated at bench
time into build-bench (never committed). Wall and CPU time and peak RSS come from
GNU time (`/usr/bin/time`); run-clang-tidy's RSS is its largest clang-tidy process,
corolint's that of its one process (its -jN workers are threads).
Goals: (3) <= 0.5 x (1), (4) <= 0.05 x (1).
"""

import json
import os
import shutil
import subprocess
import sys

LIBS = "/usr/share/doc/libboost1.81-doc/examples/libs"
# The flags of test/realcode/boost-asio.test (one example misses #include <list>).
BOOST_FLAGS = ["-std=c++20", "-include", "list", "-I{corpus}/beast",
               "-I{corpus}/asio/example/cpp20/type_erasure"]
GOAL_PREAMBLES, GOAL_CACHE = 0.5, 0.05

SYNTHETIC_UNIT = """#include <aio/aio.hpp>
#include <boost/asio.hpp>

#include <chrono>
#include <thread>

namespace unit_{i} {{

aio::task<int> step(int x) {{
  co_await aio::sleep(std::chrono::milliseconds(x % 3));
  co_return x + {i};
}}

boost::asio::awaitable<int> asio_step(int x) {{ co_return x * {i}; }}

aio::task<int> run() {{
  int total = 0;
  for (int k = 0; k < 3; ++k)
    total += co_await step(k);
{blocking}  co_return total;
}}

}} // namespace unit_{i}
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def boost_corpus(repo, work, sample):
    """Copies the realcode list's examples under work/boost; (directory, files, flags)."""
    listed = os.path.join(repo, "test", "realcode", "boost-asio-files.txt")
    with open(listed) as f:
        files = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    if sample:
        files = files[:: max(1, len(files) // sample)][:sample]
    corpus = os.path.join(work, "boost")
    if not os.path.isdir(corpus):
        for lib in ("asio", "beast"):
            shutil.copytree(os.path.join(LIBS, lib), os.path.join(corpus, lib))
    flags = [flag.format(corpus=corpus) for flag in BOOST_FLAGS]
    return corpus, [os.path.join(corpus, f) for f in files], flags


def synthetic_corpus(repo, work, units):
    """`units` small files including <aio/aio.hpp> and <boost/asio.hpp>; one in ten blocks."""
    corpus = os.path.join(work, "synthetic")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    files = []
    for i in range(units):
        path = os.path.join(corpus, "unit_{:03d}.cpp".format(i))
        blocking = "  std::this_thread::sleep_for(std::chrono::milliseconds(1));\n" if i % 10 == 0 else ""
        with open(path, "w") as f:
            f.write(SYNTHETIC_UNIT.format(i=i, blocking=blocking))
        files.append(path)
    # aio as an installed dependency: a system include directory, as CMake's imported targets do.
    flags = ["-std=c++20", "-isystem", os.path.join(repo, "runtime", "include")]
    return corpus, files, flags


def write_database(directory, files, flags):
    entries = [{"directory": os.path.dirname(f), "file": f,
                "arguments": ["clang++-19", *flags, "-c", f]} for f in files]
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


def timed(command, scratch):
    """(wall s, user+sys s, peak RSS MiB, exit code) of one run under GNU time."""
    out = os.path.join(scratch, "time.txt")
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", out, "sh", "-c", command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with open(out) as f:
        wall, user, system, rss = f.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024, proc.returncode, proc.stderr


def bench_corpus(name, corpus, files, flags, corolint, jobs, runs, scratch):
    write_database(corpus, files, flags)
    edited = files[len(files) // 2]
    cache = os.path.join(scratch, "cache-" + name)
    shutil.rmtree(cache, ignore_errors=True)
    lint = "{} -j {} -p {} --no-progress --checks='-*,async-*'".format(corolint, jobs, corpus)
    rows = [
        ("(1) run-clang-tidy-19, one trivial check",
         "run-clang-tidy-19 -j {} -quiet -p {} -checks='-*,misc-coroutine-hostile-raii' >/dev/null".format(jobs, corpus)),
        ("(2) corolint cold, no preambles", lint + " --preamble=false"),
        ("(3) corolint cold, shared preambles", lint + " --verbose"),
        ("(4) corolint warm --cache, one file edited",
         "echo '// edited' >> {} && {} --cache {}".format(edited, lint, cache)),
        ("(5) corolint --fast", "{} --fast -j {} --no-progress {}".format(corolint, jobs, " ".join(files))),
    ]
    log("{}: {} files; warming the result cache ...".format(name, len(files)))
    timed(lint + " --cache " + cache, scratch)
    results = {label: [] for label, _ in rows}
    preamble_note = ""
    for round_ in range(runs):
        for label, command in rows:
            log("{} round {}: {} ...".format(name, round_ + 1, label))
            wall, cpu, rss, code, err = timed(command, scratch)
            if code not in (0, 1):
                log("  exited with {}: {}".format(code, err[-1500:]))
            for line in err.splitlines():
                if "preambles:" in line:
                    preamble_note = line.split("preambles:", 1)[1].strip()
            results[label].append((wall, cpu, rss))
    return results, preamble_note


def print_table(name, count, jobs, runs, results, preamble_note):
    print("\n## {}: {} translation units, -j{}, {} round(s)\n".format(name, count, jobs, runs))
    print("| command | wall (s) | vs (1) | user+sys (s) | vs (1) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    base = results[next(iter(results))]
    base_wall = sum(r[0] for r in base) / len(base)
    base_cpu = sum(r[1] for r in base) / len(base)
    summary = {}
    for label, samples in results.items():
        wall = sum(r[0] for r in samples) / len(samples)
        cpu = sum(r[1] for r in samples) / len(samples)
        rss = max(r[2] for r in samples)
        summary[label] = (wall, cpu, rss)
        print("| {} | {:.1f} | {:.2f}x | {:.1f} | {:.2f}x | {:.0f} |".format(
            label, wall, wall / base_wall, cpu, cpu / base_cpu, rss))
    labels = list(results)
    preambles, cache = summary[labels[2]][0] / base_wall, summary[labels[3]][0] / base_wall
    print("\nPreambles: {}.".format(preamble_note or "n/a"))
    print("Goal (3) <= {}x (1): {} ({:.2f}x). Goal (4) <= {}x (1): {} ({:.3f}x).".format(
        GOAL_PREAMBLES, "met" if preambles <= GOAL_PREAMBLES else "NOT met", preambles,
        GOAL_CACHE, "met" if cache <= GOAL_CACHE else "NOT met", cache))
    return summary


def chart(summaries, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("no matplotlib: no chart")
        return
    fig, axes = plt.subplots(1, len(summaries), figsize=(6 * len(summaries), 4))
    axes = axes if len(summaries) > 1 else [axes]
    for ax, (name, summary) in zip(axes, summaries.items()):
        labels = [label.split(" ", 1)[0] for label in summary]
        ax.bar(labels, [wall for wall, _, _ in summary.values()], color="#4c72b0")
        ax.set_title(name)
        ax.set_ylabel("wall time (s)")
    fig.suptitle("(1) run-clang-tidy  (2) cold  (3) preambles  (4) warm cache  (5) --fast")
    fig.tight_layout()
    fig.savefig(path)
    log("chart: " + path)


def main(repo, corolint, jobs, runs, sample, units, only=None):
    work = os.path.join(repo, "build-bench", "lint")
    os.makedirs(work, exist_ok=True)
    scratch = os.path.join(work, "scratch")
    os.makedirs(scratch, exist_ok=True)
    corpora = [("Boost.Asio/Beast examples", boost_corpus(repo, work, sample)),
               ("Synthetic aio + Boost.Asio project", synthetic_corpus(repo, work, units))]
    summaries = {}
    for name, (corpus, files, flags) in corpora:
        if only and not name.lower().startswith(only):
            continue
        results, note = bench_corpus(name.split()[0].lower(), corpus, files, flags, corolint, jobs,
                                     runs, scratch)
        summaries[name] = print_table(name, len(files), jobs, runs, results, note)
    os.makedirs(os.path.join(repo, "build-bench", "bench"), exist_ok=True)
    chart(summaries, os.path.join(repo, "build-bench", "bench", "lint.png"))
