#!/usr/bin/env python3
"""The engines' differential test (issue 15, "Proof").

  engines.py --corolint BIN --src-root ROOT [--aio-include DIR] [--work DIR]
             [--known FILE] [-j N] [--verbose] [--checks GLOB] [INPUT...]

For every lit input of test/checks/ and test/fast/ (or the INPUTs named), it reads
the RUN lines, gathers each way they run the input (the checks and the --config of
every %check_corolint, %check_corolint_plugin, %check_corolint_fast and
`%corolint [--fast]` line, and the source a `sed` RUN line derives from it), and runs
the fast engine (`corolint --fast`) and the full engine (`corolint ... -- FLAGS`) that
same way, on the same text: the source with its CHECK lines blanked, as
test/check_corolint.py lints it. Then every fast finding (check, file, line, message)
must also be a full finding. A fast finding that is not is a *difference*, and the
test fails on it unless

  * the input says why, for that check, in a comment line
        // ENGINES-DIFFER: async-xxx: <reason> (docs: "<phrase>")
    where <phrase> is quoted from the "Fast engine" section of the check's doc page
    docs/checks/xxx.md (the page must have that section, and must say the same:
    the phrase is looked up there, whitespace-insensitively). An optional
    (fast: "<text>") narrows it to the fast findings whose message contains <text>;
    without it, every difference of that check in the input is excused. Or
  * it is listed in known-differences.txt (the engines' known drift, classified;
    see that file), which then must still occur: a listed difference that no longer
    does fails the test too, so the list only shrinks.

An ENGINES-DIFFER comment that excuses no difference fails the test as well.
A configuration the full engine cannot compile is not compared; it must be listed in
known-differences.txt as "uncompiled" (fragments written for tree-sitter only).

The full engine is only run where the fast one found something (nothing to compare
otherwise): one run per set of checks, options and flags (so the preamble the inputs
of a run share, <aio/aio.hpp>, is parsed once), N runs at once (-j N, default 2).
Ends with one summary line; --verbose also prints each full run's time and each
difference excused by design.

--checks '-*,async-*' runs every configuration with every check instead of its RUN
lines' own: each input is then also compared on the checks it was not written for
(async-no-await on the blocking-call inputs, ...), where most drift hides. This is
what engines.test runs, in place of the RUN lines' checks: the engines' checks do not
interact, so it finds every difference those would, in about 100 s where they take
70. The known list holds the lines of both kinds of run, each under the CONFIG that
run prints ("-*,async-*" for this one), and a run judges only the lines of the
configurations it ran. An ENGINES-DIFFER comment is judged only by a run that lints
its input with its check.
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from check_corolint import CHECK_LINE, split_extra  # noqa: E402  (blanked and split as lit does)

FAST_SUITES = ["test/checks", "test/fast"]
OPT_OUT = re.compile(r"//\s*ENGINES-DIFFER:\s*(async-[a-z-]+):\s*(.*)$")
DOCS_QUOTE = re.compile(r'\(docs:\s*"([^"]+)"\)')
FAST_QUOTE = re.compile(r'\(fast:\s*"([^"]+)"\)')
RUN_LINE = re.compile(r"^\s*(?://)?\s*RUN:\s*(.*)$")
UNCOMPILED = "did not compile: "


class Config:
    """One way the RUN lines run an input: the source variant, checks and tool args."""

    def __init__(self, input_rel, variant, checks, tool_args):
        self.input_rel = input_rel
        self.variant = variant  # None: the input itself; else the sed command's output token
        self.checks = checks
        self.tool_args = tool_args
        self.compile_args = None  # from a full-engine RUN line, when one runs it

    def key(self):
        return (self.variant, self.checks, tuple(self.tool_args))

    def label(self):
        """How known-differences.txt names this configuration."""
        parts = [self.checks] + list(self.tool_args)
        if self.variant:
            parts.insert(0, "sed>" + self.variant)
        return " ".join(parts)


def normalize_tool_args(args):
    out = []
    for a in args:
        if a.startswith("-config="):  # some RUN lines spell it with one dash
            a = "-" + a
        out.append(a)
    return out


def parse_runs(path, input_rel):
    """-> (configs, sed commands {output token: command}) of one lit input."""
    configs = {}
    full_compile = {}  # key -> compile args of a full-engine RUN line
    full_any = {}  # variant -> compile args of any full-engine RUN line
    seds = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        m = RUN_LINE.match(line)
        if not m:
            continue
        command = m.group(1).strip()
        # Only the first command of a pipeline or redirection lints.
        try:
            tokens = shlex.split(command)
        except ValueError:
            continue
        if tokens and tokens[0] == "not":
            tokens = tokens[1:]
        if not tokens:
            continue
        if tokens[0] == "sed":
            if ">" in tokens and tokens.index(">") + 1 < len(tokens):
                out = tokens[tokens.index(">") + 1]
                seds[out] = command
            continue
        if tokens[0] in ("%check_corolint", "%check_corolint_plugin", "%check_corolint_fast"):
            engine = "fast" if tokens[0] == "%check_corolint_fast" else "full"
            positional = []
            i = 1
            while i < len(tokens) and len(positional) < 3:
                if tokens[i].startswith("--check-suffix"):
                    i += 1
                    continue
                positional.append(tokens[i])
                i += 1
            source, checks = positional[0], positional[1]
            tool_args, compile_args = split_extra(tokens[i:])
            # A stray "--" among the compile flags (`-- -- -- -I%S`) only clang-tidy shrugs off.
            compile_args = [a for a in compile_args if a != "--"]
        elif tokens[0] == "%corolint":
            cut = len(tokens)
            for stop in ("|", ">", "2>&1", ";", "&&"):
                if stop in tokens:
                    cut = min(cut, tokens.index(stop))
            tokens = tokens[1:cut]
            engine = "fast" if "--fast" in tokens else "full"
            compile_args = []
            if "--" in tokens:
                compile_args = tokens[tokens.index("--") + 1:]
                tokens = tokens[:tokens.index("--")]
            sources = [t for t in tokens if not t.startswith("-")]
            if sources != ["%s"]:
                continue  # a driver test of its own, not this input linted
            checks = next((t.split("=", 1)[1] for t in tokens if t.startswith("--checks=")), None)
            if checks is None:
                continue
            source = "%s"
            tool_args = [t for t in tokens if t.startswith("--config=") or t.startswith("-config=")]
            compile_args = [a for a in compile_args if not a.startswith("-std=") and
                            a != "-I%aio_include"]
        else:
            continue
        if not checks.startswith("-*"):
            checks = "-*," + checks
        tool_args = normalize_tool_args(tool_args)
        variant = None if source == "%s" else source
        config = Config(input_rel, variant, checks, tool_args)
        configs.setdefault(config.key(), config)
        if engine == "full":
            full_compile.setdefault(config.key(), compile_args)
            full_any.setdefault(variant, compile_args)
    for key, config in configs.items():
        config.compile_args = full_compile.get(key, full_any.get(config.variant, []))
    return list(configs.values()), seds, lines


def substitute(text, subs):
    for name in sorted(subs, key=len, reverse=True):
        text = text.replace(name, subs[name])
    return text


def engine_command(args, fast, sources, config, subs, jobs=1):
    command = [args.corolint]
    if fast:
        command.append("--fast")
    command += ["--checks=" + config.checks, "--format=json", "--no-progress",
                "-j", str(jobs)]
    command += [substitute(a, subs) for a in config.tool_args]
    command += sources
    if not fast:
        command += ["--", "-std=c++20", "-I" + args.aio_include]
        command += [substitute(a, subs) for a in config.compile_args]
    return command


def run_engine(args, fast, sources, config, subs, jobs=1):
    """Lints sources (which share config and subs) with one engine.

    -> {source: (findings [(check, line, message, column)], error text or None)}"""
    command = engine_command(args, fast, sources, config, subs, jobs)
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    error = None
    if proc.returncode not in (0, 1):
        error = "exit {}: {}\n{}".format(proc.returncode, " ".join(shlex.quote(c) for c in command),
                                         proc.stderr.strip()[-3000:])
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        return {s: ([], error or "no JSON from: " + " ".join(command)) for s in sources}
    results = {s: ([], None) for s in sources}
    for f in report.get("findings", []):
        if not f["check"].startswith("async-") or f.get("level") != "warning":
            continue  # corolint-fast-parse remarks, compiler diagnostics
        if f["file"] in results:
            results[f["file"]][0].append((f["check"], f["line"], f["message"], f["column"]))
    if error:
        # "  FILE: N errors in this file; ..." names each unit that did not compile;
        # any other failure (a bad option, a crash) is every source's.
        uncompiled = [s for s in sources if re.search(
            r"^\s*" + re.escape(s) + r": \d+ errors? in this file", proc.stderr, re.M)]
        for s in sources:
            if s in uncompiled:
                results[s] = (results[s][0], UNCOMPILED + error)
            elif not uncompiled:
                results[s] = (results[s][0], error)
    return results


def check_enabled(check, globs):
    """Whether the --checks value globs enables check, as clang-tidy reads it (the last match decides)."""
    enabled = False
    for glob in globs.split(","):
        glob = glob.strip()
        negative = glob.startswith("-")
        if fnmatch.fnmatchcase(check, glob.lstrip("-")):
            enabled = not negative
    return enabled


def normalize_space(text):
    return " ".join(text.split())


def fast_engine_section(page_text):
    """The text of the doc page's section(s) whose heading names the fast engine."""
    out, inside, level = [], False, 0
    for line in page_text.splitlines():
        m = re.match(r"^(#+)\s+(.*)$", line)
        if m:
            if inside and len(m.group(1)) <= level:
                inside = False
            if "fast engine" in m.group(2).lower():
                inside, level = True, len(m.group(1))
                continue
        if inside:
            out.append(line)
    return "\n".join(out)


class KnownDifference:
    def __init__(self, lineno, text):
        fields = [f.strip() for f in text.split(" | ")]
        if len(fields) < 4:
            raise ValueError("known-differences.txt:{}: expected 'CLASS | WHERE | CONFIG | ...'".format(lineno))
        self.lineno = lineno
        self.cls = fields[0]
        self.where = fields[1]
        self.config = fields[2]
        if self.cls == "uncompiled":
            self.check = self.message = None
            self.reason = fields[3]
        else:
            if len(fields) < 7:
                raise ValueError("known-differences.txt:{}: a difference needs "
                                 "'CLASS | FILE:LINE | CONFIG | CHECK | fast: MSG | full: MSG | REASON'".format(lineno))
            self.check = fields[3]
            if not fields[4].startswith("fast: "):
                raise ValueError("known-differences.txt:{}: field 5 must be 'fast: MESSAGE'".format(lineno))
            self.message = fields[4][len("fast: "):]
            self.full = fields[5]
            self.reason = " | ".join(fields[6:])
        self.seen = False

    def input(self):
        return self.where if self.cls == "uncompiled" else self.where.rsplit(":", 1)[0]

    def key(self):
        return (self.cls == "uncompiled", self.where, self.config, self.check, self.message)


def load_known(path):
    known = {}
    if not path or not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            k = KnownDifference(lineno, line)
            if k.key() in known:
                raise ValueError("known-differences.txt:{}: duplicate of line {}".format(
                    lineno, known[k.key()].lineno))
            known[k.key()] = k
    return known


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--src-root", required=True)
    parser.add_argument("--aio-include")
    parser.add_argument("--work", help="scratch directory (default: a temporary one)")
    parser.add_argument("--known", help="known differences (default: known-differences.txt beside this script)")
    parser.add_argument("-j", type=int, default=2, help="full-engine runs at once (default 2)")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--checks", help="run every configuration with these checks instead of its RUN "
                        "line's (exploration: the known differences and opt-outs are the RUN lines')")
    parser.add_argument("inputs", nargs="*", help="lit inputs (default: every one of test/checks and test/fast)")
    args = parser.parse_args()
    started = time.time()
    root = os.path.abspath(args.src_root)
    args.aio_include = args.aio_include or os.path.join(root, "runtime", "include")
    known_path = args.known or os.path.join(os.path.dirname(os.path.abspath(__file__)), "known-differences.txt")
    known = load_known(known_path)
    work = args.work or tempfile.mkdtemp(prefix="corolint-engines-")
    os.makedirs(work, exist_ok=True)

    if args.inputs:
        inputs = [os.path.abspath(p) for p in args.inputs]
    else:
        inputs = []
        for suite in FAST_SUITES:
            d = os.path.join(root, suite)
            inputs += [os.path.join(d, n) for n in sorted(os.listdir(d)) if n.endswith(".cpp")]

    problems = []
    jobs = []  # (config, source path, substitutions)
    opt_outs_of = {}
    for index, path in enumerate(inputs):
        rel = os.path.relpath(path, root)
        configs, seds, lines = parse_runs(path, rel)
        opt_outs = {}
        for lineno, line in enumerate(lines, 1):
            m = OPT_OUT.search(line)
            if m:
                narrow = FAST_QUOTE.search(m.group(2))
                opt_outs.setdefault(m.group(1), []).append(
                    (lineno, m.group(2).strip(), narrow.group(1) if narrow else None))
        opt_outs_of[rel] = opt_outs
        for check, (lineno, reason, _) in [(c, o) for c, os_ in opt_outs.items() for o in os_]:
            where = "{}:{}: ENGINES-DIFFER {}".format(rel, lineno, check)
            page = os.path.join(root, "docs", "checks", check[len("async-"):] + ".md")
            if not os.path.exists(page):
                problems.append("{}: no doc page {}".format(where, os.path.relpath(page, root)))
                continue
            with open(page, encoding="utf-8") as f:
                section = fast_engine_section(f.read())
            if not section.strip():
                problems.append("{}: {} has no 'Fast engine' section".format(where, os.path.relpath(page, root)))
                continue
            quote = DOCS_QUOTE.search(reason)
            if not quote:
                problems.append('{}: the reason must quote the doc page: (docs: "...")'.format(where))
            elif normalize_space(quote.group(1)) not in normalize_space(section):
                problems.append('{}: "{}" is not in the Fast engine section of {}'.format(
                    where, quote.group(1), os.path.relpath(page, root)))
        if not configs:
            continue
        # The same text for both engines, CHECK lines blanked as check_corolint.py does.
        input_dir = os.path.join(work, "{:03d}".format(index))
        os.makedirs(input_dir, exist_ok=True)
        base = os.path.join(input_dir, os.path.basename(path))
        with open(path, encoding="utf-8") as f:
            original = f.read()
        with open(base, "w", encoding="utf-8") as f:
            f.write(CHECK_LINE.sub("//", original))
        t_prefix = os.path.join(input_dir, "t")
        subs = {"%s": path, "%S": os.path.dirname(path), "%t": t_prefix,
                "%aio_include": args.aio_include}
        if args.checks:
            unique = {}
            for config in configs:
                config.checks = args.checks
                unique.setdefault(config.key(), config)
            configs = list(unique.values())
        for config in configs:
            source = base
            if config.variant:
                if config.variant not in seds:
                    problems.append("{}: no sed RUN line makes {}".format(rel, config.variant))
                    continue
                derived = substitute(config.variant, subs)
                subprocess.run(substitute(seds[config.variant], subs), shell=True, check=True)
                with open(derived, encoding="utf-8") as f:
                    text = f.read()
                source = os.path.join(input_dir, "v{}-{}".format(configs.index(config), os.path.basename(path)))
                with open(source, "w", encoding="utf-8") as f:
                    f.write(CHECK_LINE.sub("//", text))
            jobs.append((config, source, subs))

    # Fast runs are cheap: run them all, then the full engine where there is something to
    # compare, the sources that share checks, options and flags in one run (-j, and the
    # preamble of their common leading includes parsed once).
    fast_results = {}
    for config, source, subs in jobs:
        findings, error = run_engine(args, True, [source], config, subs)[source]
        if error:
            problems.append("{} [{}]: fast engine: {}".format(config.input_rel, config.label(), error))
        fast_results[id(config)] = findings
    full_jobs = [j for j in jobs if fast_results[id(j[0])]]
    groups = {}
    for config, source, subs in full_jobs:
        flags = tuple(engine_command(args, False, [], config, subs))
        groups.setdefault(flags, []).append((config, source, subs))
    full_results = {}

    def run_group(group):
        config, _, subs = group[0]
        t = time.time()
        results = run_engine(args, False, [source for _, source, _ in group], config, subs, jobs=1)
        return group, results, time.time() - t

    # -j runs at once, each on one core; the largest groups first.
    ordered = sorted(groups.values(), key=len, reverse=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        for group, results, seconds in pool.map(run_group, ordered):
            config = group[0][0]
            if args.verbose:
                print("full engine: {} file(s) with {} {} in {:.1f} s".format(
                    len(group), config.checks, " ".join(config.tool_args + config.compile_args), seconds))
            for config, source, _ in group:
                full_results[id(config)] = results[source]

    counts = dict(inputs=len(inputs), configs=len(jobs), full_runs=len(full_jobs), compared=0, matched=0,
                  by_design=0, known=0, new=0, uncompiled=0, columns=0)
    by_class = {}
    used_opt_outs = set()
    for config, source, subs in jobs:
        fast = fast_results[id(config)]
        if not fast:
            continue
        full, error = full_results[id(config)]
        label = config.label()
        if error:
            k = known.get((True, config.input_rel, label, None, None))
            if k and error.startswith(UNCOMPILED):
                k.seen = True
                counts["uncompiled"] += len(fast)
                continue
            problems.append("{} [{}]: the full engine did not run cleanly ({} fast finding(s) not compared):\n{}"
                            .format(config.input_rel, label, len(fast), error))
            continue
        full_set = {f[:3] for f in full}
        full_columns = {f for f in full}
        full_at_line = {}
        for check, line, message, _ in full:
            full_at_line.setdefault((check, line), []).append(message)
        for check, line, message, column in fast:
            counts["compared"] += 1
            if (check, line, message) in full_set:
                counts["matched"] += 1
                if (check, line, message, column) not in full_columns:
                    # Not part of the comparison (the issue asks for check, line and
                    # message), but worth knowing.
                    counts["columns"] += 1
                    if args.verbose:
                        print("column differs: {}:{}:{} | {} | {}".format(
                            config.input_rel, line, column, label, check))
                continue
            where = "{}:{}".format(config.input_rel, line)
            k = known.get((False, where, label, check, message))
            if k:
                k.seen = True
                counts["known"] += 1
                by_class[k.cls] = by_class.get(k.cls, 0) + 1
                continue
            excuse = next((o for o in opt_outs_of.get(config.input_rel, {}).get(check, [])
                           if o[2] is None or o[2] in message), None)
            if excuse:
                used_opt_outs.add((config.input_rel, excuse[0]))
                counts["by_design"] += 1
                if args.verbose:
                    print("by design: {} | {} | {} | fast: {}".format(where, label, check, message))
                continue
            counts["new"] += 1
            same_line = full_at_line.get((check, line))
            full_text = "full: " + same_line[0] if same_line else "full: (none)"
            near = [l for (c, l) in full_at_line if c == check and abs(l - line) <= 3 and l != line]
            if not same_line and near:
                full_text += " (the full engine reports {} at line(s) {})".format(check, ", ".join(map(str, sorted(near))))
            problems.append("new difference:\n  ? | {} | {} | {} | fast: {} | {} | ?".format(
                where, label, check, message, full_text))
    ran_configs = {(config.input_rel, config.label()) for config, _, _ in jobs}
    for k in known.values():
        # A run judges only the entries of the configurations it ran: those of named
        # inputs, and with --checks those of that value (the file holds both kinds).
        if not k.seen and (k.input(), k.config) in ran_configs:
            problems.append("{}:{}: no longer occurs (remove it): {} | {} | {}".format(
                os.path.basename(known_path), k.lineno, k.where, k.config, k.check or k.cls))
    checks_run = {}  # input -> the --checks values it was linted with
    for config, _, _ in jobs:
        checks_run.setdefault(config.input_rel, set()).add(config.checks)
    for rel, opt_outs in opt_outs_of.items():
        for check, (lineno, _, _) in [(c, o) for c, os_ in opt_outs.items() for o in os_]:
            # An opt-out for a check no configuration of the input runs is for --checks
            # runs (every check): it cannot be judged here.
            judged = any(check_enabled(check, globs) for globs in checks_run.get(rel, ()))
            if judged and (rel, lineno) not in used_opt_outs:
                problems.append("{}:{}: ENGINES-DIFFER {} excuses no difference (remove it)".format(rel, lineno, check))

    for p in problems:
        print("error: " + p)
    classes = ", ".join("{} {}".format(n, c) for c, n in sorted(by_class.items())) or "none"
    print("engines: {inputs} inputs, {configs} configurations ({full_runs} run by both engines); "
          "{compared} fast findings compared: {matched} matched ({columns} at another column), {differ} differing "
          "({by_design} by design, {known} known: {classes}; {new} new); "
          "{uncompiled} not compared (full engine cannot compile); {secs:.0f} s".format(
              differ=counts["compared"] - counts["matched"], classes=classes,
              secs=time.time() - started, **counts))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
