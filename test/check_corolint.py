#!/usr/bin/env python3
"""Runs one check test the way clang-tidy's check_clang_tidy.py does.

  check_corolint.py --engine=corolint|plugin|fast [--check-suffix=S] \
      <source> <check-name> <temp-prefix> [-- <tool args> [-- <compile args>]]

The source is copied (with the text of its CHECK lines blanked, so they cannot
match themselves) and linted with fixes applied, then:
  * the diagnostics must match CHECK-MESSAGES[-S] (CHECK-FAST-MESSAGES[-S] for
    the fast engine), and any warning or error not expected fails the test;
  * CHECK-NOTES[-S] lines, when present, must match the notes;
  * the fixed file must match CHECK-FIXES[-S] (full engines);
  * the fixed file must still compile: a fix must never break the build.
"""

import argparse
import os
import re
import subprocess
import sys


# A CHECK line's text, blanked in the copy the engines lint (test/differential reads it too).
CHECK_LINE = re.compile(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*")


def run(args, expect_ok=True, **kwargs):
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
    if expect_ok and proc.returncode != 0:
        sys.exit("command failed (exit {}): {}\n{}".format(proc.returncode, " ".join(args), proc.stdout))
    return proc


def split_extra(rest):
    """[-- tool args [-- compile args]] -> (tool args, compile args)."""
    if rest and rest[0] == "--":
        rest = rest[1:]
    if "--" in rest:
        cut = rest.index("--")
        return rest[:cut], rest[cut + 1:]
    return rest, []


def file_check(check_file, input_file, prefix, implicit_not):
    args = ["FileCheck", "-input-file=" + input_file, check_file, "-check-prefix=" + prefix,
            "-dump-input=fail"]
    if implicit_not:
        args.append("-implicit-check-not=" + implicit_not)
    run(args)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["corolint", "plugin", "fast"], required=True)
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--lib-dir", required=True)
    parser.add_argument("--aio-include", required=True)
    parser.add_argument("source")
    parser.add_argument("check")
    parser.add_argument("temp")
    args, rest = parser.parse_known_args()
    tool_args, compile_args = split_extra(rest)
    compile_args = ["-std=c++20", "-I" + args.aio_include] + compile_args

    suffix = "-" + args.check_suffix if args.check_suffix else ""
    messages_prefix = ("CHECK-FAST-MESSAGES" if args.engine == "fast" else "CHECK-MESSAGES") + suffix
    notes_prefix = "CHECK-NOTES" + suffix
    fixes_prefix = "CHECK-FIXES" + suffix

    with open(args.source, encoding="utf-8") as f:
        original = f.read()
    def has(prefix):
        return re.search(r"\b" + re.escape(prefix) + r"(-NOT|-NEXT|-SAME|-DAG)?:", original) is not None

    os.makedirs(os.path.dirname(os.path.abspath(args.temp)), exist_ok=True)
    temp_source = args.temp + os.path.splitext(args.source)[1]
    with open(temp_source, "w", encoding="utf-8") as f:
        f.write(CHECK_LINE.sub("//", original))

    checks = "--checks=-*," + args.check
    if args.engine == "corolint":
        command = [os.path.join(args.bin_dir, "corolint"), temp_source, checks, "--fix"] + tool_args
        command += ["--"] + compile_args
    elif args.engine == "plugin":
        command = ["clang-tidy-19", "--load=" + os.path.join(args.lib_dir, "corolint-plugin.so"),
                   temp_source, checks, "--fix"] + tool_args + ["--"] + compile_args
    else:
        command = [os.path.join(args.bin_dir, "corolint"), "--fast", temp_source, checks] + tool_args
    proc = run(command, expect_ok=False)
    # Exit 0 = clean, 1 = findings; anything else (input error, crash) fails here.
    if proc.returncode not in (0, 1):
        sys.exit("{} exited with {}:\n{}".format(" ".join(command), proc.returncode, proc.stdout))
    output = proc.stdout
    messages = [line for line in output.splitlines() if "note: FIX-IT applied" not in line]
    messages_file = args.temp + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write("\n".join(messages) + "\n")

    if has(messages_prefix):
        file_check(args.source, messages_file, messages_prefix, "{{warning|error}}:")
    else:
        unexpected = [line for line in messages if re.search(r"\b(warning|error):", line)]
        if unexpected:
            sys.exit("unexpected diagnostics (no {} lines in the test):\n{}".format(
                messages_prefix, "\n".join(unexpected)))
    if args.engine != "fast":
        if has(notes_prefix):
            file_check(args.source, messages_file, notes_prefix, "{{note|warning|error}}:")
        if has(fixes_prefix):
            run(["FileCheck", "-input-file=" + temp_source, args.source,
                 "-check-prefix=" + fixes_prefix, "-strict-whitespace", "-dump-input=fail"])
        # A fix must not break the build.
        run(["clang++-19", "-fsyntax-only"] + compile_args + [temp_source])


if __name__ == "__main__":
    main()
