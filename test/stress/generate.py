#!/usr/bin/env python3
"""Hostile inputs for the stress suite, one dimension grown at a time.

    generate.py KIND SIZE OUT

Every C++ input ends with the same coroutine, which has one blocking call
(`std::this_thread::sleep_for`) on the line after a `// FINDING` marker: the
tests check that the finding is still reported after the hostile part, and so
that the engines neither gave up early nor lost their place in the file.
"""
import sys

PRELUDE = "#include <aio/aio.hpp>\n#include <chrono>\n#include <thread>\n\n"
TAIL = ("aio::task<int> after_the_stress() {\n"
        "  // FINDING\n"
        "  std::this_thread::sleep_for(std::chrono::seconds(1));\n"
        "  co_return 1;\n"
        "}\n")


def using_directives(n):
    # Each directive used to double the fast engine's name lookup (issue 21).
    spaces = "".join("namespace ns%d { int value%d = %d; }\n" % (i, i, i) for i in range(n))
    directives = "".join("using namespace ns%d;\n" % i for i in range(n))
    return PRELUDE + spaces + directives + "\n" + TAIL


def nested_blocks(n):
    # Deeper than clang's bracket limit (256): the full engine must say so, the
    # fast engine must not overflow its stack.
    return PRELUDE + "void deep() {\n" + "{" * n + "}" * n + "\n}\n" + TAIL


def nested_namespaces(n):
    return (PRELUDE + "".join("namespace n%d {\n" % i for i in range(n)) + "int x;\n" +
            "}\n" * n + TAIL)


def nested_lambdas(n):
    body = "0"
    for i in range(n):
        body = "[&]() { return %s; }()" % body
    return PRELUDE + "int lambdas() { return %s; }\n" % body + TAIL


def many_functions(n):
    # A long helper chain: each calls the next.
    out = [PRELUDE]
    for i in range(n):
        out.append("int helper%d(int x) { return x + %d; }\n" % (i, i))
    return "".join(out) + TAIL


def many_awaits(n):
    awaits = "".join("  co_await aio::sleep(std::chrono::milliseconds(%d));\n" % (i % 7) for i in range(n))
    return PRELUDE + "aio::task<> many_awaits() {\n" + awaits + "}\n" + TAIL


def long_line(n):
    # One line of about n bytes: a huge initializer list.
    items = ",".join(str(i % 1000) for i in range(n // 4))
    return PRELUDE + "int huge[] = {" + items + "};\n" + TAIL


def macro_expansion(n):
    # Each level doubles the expansion: 2^n copies of the innermost token.
    out = [PRELUDE, "#define M0 1\n"]
    for i in range(1, n + 1):
        out.append("#define M%d (M%d + M%d)\n" % (i, i - 1, i - 1))
    out.append("int expanded = M%d;\n" % n)
    return "".join(out) + TAIL


def many_locks(n):
    # Every lock asks for a suspension after it along the whole body: n
    # queries over a body of size n, past the per-function work budget.
    scopes = "".join("  { std::lock_guard<std::mutex> guard%d(shared); ++counter; }\n" % i
                     for i in range(n))
    return (PRELUDE + "#include <mutex>\n\nstd::mutex shared;\nint counter;\n\n"
            "aio::task<> many_locks() {\n" + scopes +
            "  co_await aio::sleep(std::chrono::milliseconds(1));\n}\n" + TAIL)


def crlf(_):
    return (PRELUDE + TAIL).replace("\n", "\r\n")


def invalid_utf8(n):
    junk = "".join("// \udcff\udcfe comment %d\n" % i for i in range(n))
    string = 'const char *bytes = "\udcc3( \udce2\udc82";\n'
    return PRELUDE + junk + string + TAIL


GENERATORS = {
    "using-directives": using_directives,
    "nested-blocks": nested_blocks,
    "nested-namespaces": nested_namespaces,
    "nested-lambdas": nested_lambdas,
    "many-functions": many_functions,
    "many-awaits": many_awaits,
    "long-line": long_line,
    "macro-expansion": macro_expansion,
    "many-locks": many_locks,
    "crlf": crlf,
    "invalid-utf8": invalid_utf8,
}


def main():
    kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "binary":
        # Not text at all: NUL bytes and every other byte value.
        with open(out, "wb") as f:
            f.write(bytes(range(256)) * max(1, size // 256))
        return
    text = GENERATORS[kind](size)
    # surrogateescape turns the \udcXX escapes above into raw invalid bytes.
    with open(out, "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))


if __name__ == "__main__":
    main()
