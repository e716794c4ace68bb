#!/usr/bin/env python3
"""Hostile inputs for the stress suite, one dimension grown at a time.

    generate.py [--bare] KIND SIZE OUT

Every C++ input ends with the same coroutine, which has one blocking call on
the line after a `// FINDING` marker: the tests check that the finding is
still reported after the hostile part, and so that the engines neither gave
up early nor lost their place in the file.

By default the inputs use <aio/aio.hpp>, as real code does. With --bare they
use a task type of their own and POSIX sleep() over <coroutine> alone: the
same shapes for a tenth of the parse, so that the full engine's time on them
is the hostile part's, not the headers' (test/stress/check_growth.py).
"""
import sys

PRELUDE = "#include <aio/aio.hpp>\n#include <chrono>\n#include <thread>\n\n"
TAIL = ("aio::task<int> after_the_stress() {\n"
        "  // FINDING\n"
        "  std::this_thread::sleep_for(std::chrono::seconds(1));\n"
        "  co_return 1;\n"
        "}\n")
# A suspension point, as a format with one %d.
PAUSE = "co_await aio::sleep(std::chrono::milliseconds(%d))"
TASK = "aio::task<>"

BARE_PRELUDE = """#include <coroutine>

extern "C" unsigned int sleep(unsigned int seconds);
namespace stress {
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct pause {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace stress

"""
BARE_TAIL = ("stress::task after_the_stress() {\n"
             "  // FINDING\n"
             "  sleep(1);\n"
             "  co_return;\n"
             "}\n")
BARE_PAUSE = "co_await stress::pause{/* %d */}"
BARE_TASK = "stress::task"


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


def nested_loops(n):
    # Loops inside loops around a suspension: the loop analyses (dependence,
    # retry, busy wait) see every enclosing loop of every statement.
    opening = "".join("  for (int i%d = 0; i%d < 2; ++i%d) {\n" % (i, i, i) for i in range(n))
    return (PRELUDE + TASK + " nested_loops() {\n" + opening + "    " + PAUSE % 1 + ";\n" +
            "  }\n" * n + "}\n" + TAIL)


def many_functions(n):
    # Many small functions, none calling another.
    out = [PRELUDE]
    for i in range(n):
        out.append("int helper%d(int x) { return x + %d; }\n" % (i, i))
    return "".join(out) + TAIL


def helper_chain(n):
    # A long helper chain: a coroutine calls helper0, each helper the next.
    out = [PRELUDE]
    for i in reversed(range(n)):
        out.append("int chain%d(int x) { return %s; }\n" %
                   (i, "chain%d(x + 1)" % (i + 1) if i + 1 < n else "x"))
    call = "  chain0(0);\n" if n else ""
    out.append(TASK + " calls_the_chain() {\n" + call + "  " + PAUSE % 1 + ";\n}\n")
    return "".join(out) + TAIL


def dense_calls(n):
    # A dense call graph: each function calls the eight before it, so a helper
    # search to depth D has 8^D paths (the fast engine's file budget caps it).
    n = max(n, 1)
    out = [PRELUDE, "void dense0() {}\n"]
    for i in range(1, n):
        callees = "".join(" dense%d();" % j for j in range(max(0, i - 8), i))
        out.append("void dense%d() {%s }\n" % (i, callees))
    out.append(TASK + " calls_the_graph() {\n  dense%d();\n  " % (n - 1) + PAUSE % 1 + ";\n}\n")
    return "".join(out) + TAIL


def many_awaits(n):
    awaits = "".join("  " + PAUSE % (i % 7) + ";\n" for i in range(n))
    return PRELUDE + TASK + " many_awaits() {\n" + awaits + "}\n" + TAIL


def huge_initializer(n):
    # A table of n rows, one per line.
    rows = "".join("  {%d, %d, \"row%d\"},\n" % (i, i * 7 % 1000, i) for i in range(n))
    return (PRELUDE + "struct row { int key; int value; const char *name; };\n"
            "const row table[] = {\n" + rows + "};\n" + TAIL)


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


def long_macro(n):
    # One macro of n continued lines, expanded inside a coroutine.
    body = " \\\n".join("  sum += %d;" % i for i in range(n))
    return (PRELUDE + "#define LONG_BODY \\\n" + body + "\n" + TASK +
            " expands() {\n  int sum = 0;\n  LONG_BODY\n  " + PAUSE % 1 + ";\n}\n" + TAIL)


def big_file(n):
    # n ordinary coroutines and helpers, about 600 bytes each: 9000 is 5 MB.
    out = [PRELUDE]
    for i in range(n):
        out.append("int compute%d(int x) {\n  int total = 0;\n"
                   "  for (int k = 0; k < x; ++k)\n    total += k * %d;\n"
                   "  return total;\n}\n"
                   "%s worker%d(int rounds) {\n  int seen = 0;\n"
                   "  for (int r = 0; r < rounds; ++r) {\n"
                   "    seen += compute%d(r);\n    %s;\n"
                   "    if (seen > %d)\n      break;\n  }\n"
                   "  try {\n    %s;\n  } catch (...) {\n    throw;\n  }\n}\n\n"
                   % (i, i % 13, TASK, i, i, PAUSE % (i % 5), i * 31, PAUSE % 1))
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
    "nested-loops": nested_loops,
    "many-functions": many_functions,
    "helper-chain": helper_chain,
    "dense-calls": dense_calls,
    "many-awaits": many_awaits,
    "huge-initializer": huge_initializer,
    "long-line": long_line,
    "macro-expansion": macro_expansion,
    "long-macro": long_macro,
    "big-file": big_file,
    "many-locks": many_locks,
    "crlf": crlf,
    "invalid-utf8": invalid_utf8,
}


def use_bare_prelude():
    global PRELUDE, TAIL, PAUSE, TASK
    PRELUDE, TAIL, PAUSE, TASK = BARE_PRELUDE, BARE_TAIL, BARE_PAUSE, BARE_TASK


def generate(kind, size, bare=False):
    """The input's bytes."""
    if kind == "binary":
        # Not text at all: NUL bytes and every other byte value.
        return bytes(range(256)) * max(1, size // 256)
    if bare:
        use_bare_prelude()
    # surrogateescape turns the \udcXX escapes above into raw invalid bytes.
    return GENERATORS[kind](size).encode("utf-8", "surrogateescape")


def main():
    args = sys.argv[1:]
    bare = "--bare" in args
    if bare:
        args.remove("--bare")
    kind, size, out = args[0], int(args[1]), args[2]
    with open(out, "wb") as f:
        f.write(generate(kind, size, bare))


if __name__ == "__main__":
    main()
