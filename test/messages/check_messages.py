#!/usr/bin/env python3
"""Every message corolint prints over the lit inputs reads as written for a
person: no compiler internals (issue 21).

    check_messages.py --corolint BIN --aio-include DIR INPUT...

Lints each input with every async-* check, in both engines, once per
configuration its RUN lines use (the profiles), and fails listing each
message or note that contains a spelling only a compiler would write.
"""
import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict

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


def lint(command):
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1, 2):
        sys.exit("{} exited with {}:\n{}".format(" ".join(command), proc.returncode, proc.stderr))
    return json.loads(proc.stdout)["findings"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()

    by_config = defaultdict(list)
    for path in args.inputs:
        for config in configs_of(path):
            by_config[config].append(path)

    problems, messages = [], 0
    for config, files in sorted(by_config.items()):
        options = ["--checks=-*,async-*", "--format=json"] + (["--config=" + config] if config else [])
        runs = [[args.corolint] + options + files + ["--", "-std=c++20", "-I" + args.aio_include,
                                                     "-Wno-deprecated-coroutine"],
                [args.corolint, "--fast"] + options + files]
        for command in runs:
            for finding in lint(command):
                if finding["origin"] != "check":
                    continue
                texts = [finding["message"]] + [note["message"] for note in finding.get("notes", [])]
                for text in texts:
                    messages += 1
                    for pattern, what in INTERNALS:
                        if re.search(pattern, text):
                            problems.append("{}:{}: [{}] {}: {}".format(
                                finding.get("path", "?"), finding.get("line", "?"), finding["check"],
                                what, text))
    print("{} messages and notes checked".format(messages))
    if problems:
        print("\n".join(sorted(set(problems))))
        sys.exit(1)


if __name__ == "__main__":
    main()
