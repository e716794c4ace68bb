#!/usr/bin/env python3
"""Every message corolint prints over the lit inputs reads as written for a
person: no compiler internals (issue 21).

    check_messages.py --corolint BIN --aio-include DIR [--clang CLANG++] INPUT...

Lints each input with every async-* check, in both engines, once per
configuration its RUN lines use (the profiles), and fails listing each
message or note that contains a spelling only a compiler would write.

Speed: parsing <aio/aio.hpp> is three quarters of a full-engine run, so the
inputs that start with it use a precompiled header of it (the same text
first, so the same AST), and the runs go in parallel, one per core.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

# Spellings that are Clang's, not the program's.
INTERNALS = [
    (r"__(range|begin|end)\d*\b", "an implicit range-for variable"),
    (r"__promise|__coro_frame|__coro_gro", "a coroutine's implicit variable"),
    (r"''", "an empty name"),
    (r"<anonymous>|<unnamed>|\(anonymous\)", "an anonymous entity where a name can be given"),
    (r"\(anonymous namespace\)::", "'(anonymous namespace)::' noise"),
    (r"<dependent type>|type-parameter-\d+-\d+", "an uninstantiated template's placeholder"),
    (r"\(lambda at ", "a lambda's internal name"),
    (r"\b(struct|class) std::", "an elaborated type ('struct std::...')"),
    (r"std::__(1|cxx11)::", "a standard library's inline namespace"),
    (r"<bound member function type>|<overloaded function type>|NULL TYPE", "a placeholder type"),
]
CONFIG = re.compile(r"""(--?config=(?:"[^"]*"|'[^']*'|\S+))""")
LEADING_INCLUDE = re.compile(r"#\s*include\s*(<[^>]+>)$")
COMPILE_FLAGS = ["-std=c++20", "-Wno-deprecated-coroutine"]
# A precompiled header costs about one parse to build: worth it for a prefix
# that this many runs share.
PCH_MIN_RUNS = 6
# Files per full-engine run: a few, so the runs spread over the cores.
CHUNK = 4


def configs_of(path):
    """The --config arguments of the file's RUN lines, plus "" (the default)."""
    found = {""}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "RUN:" in line:
                for match in CONFIG.findall(line):
                    value = match.split("=", 1)[1].strip("\"'")
                    found.add(value)
    return found


def leading_includes(path):
    """The <...> includes the file starts with (comments aside): a precompiled
    header of any prefix of them is exactly the text the file starts with."""
    found = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            match = LEADING_INCLUDE.match(line)
            if not match:
                break
            found.append(match.group(1))
    return tuple(found)


def pch_prefixes(by_config):
    """For each input, a prefix of its leading includes worth a precompiled
    header (or ()): the longest one at least PCH_MIN_RUNS full-engine runs
    share, or a shorter one that is chosen that often on its own (one header
    to build rather than several that differ in a cheap include)."""
    runs = [(path, leading_includes(path)) for files in by_config.values() for path in files]
    shared = defaultdict(int)
    for _, includes in runs:
        for end in range(1, len(includes) + 1):
            shared[includes[:end]] += 1
    longest = {path: next((includes[:end] for end in range(len(includes), 0, -1)
                           if shared[includes[:end]] >= PCH_MIN_RUNS), ())
               for path, includes in runs}
    uses = defaultdict(int)
    for path, _ in runs:
        uses[longest[path]] += 1
    chosen = {}
    for path, _ in runs:
        prefix = longest[path]
        chosen[path] = next((prefix[:end] for end in range(1, len(prefix))
                             if uses[prefix[:end]] >= PCH_MIN_RUNS), prefix)
    final_uses = defaultdict(int)
    for path, _ in runs:
        final_uses[chosen[path]] += 1
    return {path: prefix if final_uses[prefix] > 1 else () for path, prefix in chosen.items()}


def build_pch(clang, aio_include, prefix, path):
    """The precompiled \p prefix at path, or None when this clang cannot make
    one (the runs are then only slower)."""
    if not clang or not prefix:
        return None
    with open(path + ".hpp", "w") as f:
        f.write("".join("#include {}\n".format(header) for header in prefix))
    proc = subprocess.run([clang, "-x", "c++-header"] + COMPILE_FLAGS +
                          ["-I" + aio_include, path + ".hpp", "-o", path],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return path if proc.returncode == 0 else None


def lint(command):
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1, 2):
        sys.exit("{} exited with {}:\n{}".format(" ".join(command), proc.returncode, proc.stderr))
    return json.loads(proc.stdout)["findings"]


def lint_full(command, pch_flags):
    """A full-engine run, with the precompiled header when it has one; a
    compile error under it (a stale or foreign .pch) means run again without."""
    findings = lint(command + pch_flags)
    if pch_flags and any(f["origin"] == "compiler" and f["level"] == "error" for f in findings):
        findings = lint(command)
    return findings


def commands(args, by_config, prefixes, pchs):
    """(command, pch flags) for every run: both engines, every profile."""
    out = []
    for config, files in sorted(by_config.items()):
        options = ["--checks=-*,async-*", "--format=json", "--no-progress"] + (
            ["--config=" + config] if config else [])
        out.append(([args.corolint, "--fast"] + options + files, []))
        compile_args = ["--"] + COMPILE_FLAGS + ["-I" + args.aio_include]
        by_pch = defaultdict(list)
        for path in files:
            by_pch[pchs.get(prefixes[path])].append(path)
        for pch, group in sorted(by_pch.items(), key=lambda item: item[0] or ""):
            for i in range(0, len(group), CHUNK):
                out.append(([args.corolint, "-j1"] + options + group[i:i + CHUNK] + compile_args,
                            ["-include-pch", pch] if pch else []))
    return out


def problems_in(findings):
    problems, messages = [], 0
    for finding in findings:
        if finding["origin"] != "check":
            continue
        texts = [finding["message"]] + [note["message"] for note in finding.get("notes", [])]
        for text in texts:
            messages += 1
            for pattern, what in INTERNALS:
                if re.search(pattern, text):
                    problems.append("{}:{}: [{}] {}: {}".format(
                        finding.get("file", "?"), finding.get("line", "?"), finding["check"],
                        what, text))
    return problems, messages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("--clang", default=shutil.which("clang++"),
                        help="clang of corolint's LLVM, for the precompiled header")
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()

    by_config = defaultdict(list)
    for path in args.inputs:
        for config in configs_of(path):
            by_config[config].append(path)

    prefixes = pch_prefixes(by_config)
    with tempfile.TemporaryDirectory(prefix="corolint-messages-") as scratch, \
            ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        wanted = sorted(set(prefix for prefix in prefixes.values() if prefix))
        built = pool.map(lambda item: build_pch(args.clang, args.aio_include, item[1],
                                                os.path.join(scratch, "prefix{}.pch".format(item[0]))),
                         enumerate(wanted))
        pchs = {prefix: pch for prefix, pch in zip(wanted, built) if pch}
        results = list(pool.map(lambda run: lint(run[0]) if run[0][1] == "--fast"
                                else lint_full(*run), commands(args, by_config, prefixes, pchs)))

    problems, messages = [], 0
    for findings in results:
        found, counted = problems_in(findings)
        problems += found
        messages += counted
    print("{} messages and notes checked".format(messages))
    if problems:
        print("\n".join(sorted(set(problems))))
        sys.exit(1)


if __name__ == "__main__":
    main()
