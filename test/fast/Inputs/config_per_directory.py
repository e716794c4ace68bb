"""Writes DIR/dNNN/ for NNN < N: each a .clang-tidy of its own and a coroutine that
sleeps, so a --fast run reads N configurations, two workers at a time."""
import os
import sys

root, count = sys.argv[1], int(sys.argv[2])
for index in range(count):
    where = os.path.join(root, "d{:03d}".format(index))
    os.makedirs(where, exist_ok=True)
    with open(os.path.join(where, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,async-blocking-call'\n")
    with open(os.path.join(where, "nap.cpp"), "w") as f:
        f.write("aio::task<void> nap() {\n  sleep(1);\n  co_return;\n}\n")
