"""Writes a project whose compile commands use relative paths (as meson and Bazel
write them): DIR/a and DIR/b, each with 8 units that include a header found only
through that directory's `-Iinc`, and DIR/compile_commands.json."""
import json
import os
import sys

root = sys.argv[1]
commands = []
for unit in range(8):
    for directory in "ab":
        where = os.path.join(root, directory)
        os.makedirs(os.path.join(where, "inc"), exist_ok=True)
        with open(os.path.join(where, "inc", "only_{}.h".format(directory)), "w") as f:
            f.write("#pragma once\ninline int from_{}() {{ return 1; }}\n".format(directory))
        with open(os.path.join(where, "u{}.cpp".format(unit)), "w") as f:
            f.write('#include "only_{0}.h"\nint f{1}() {{ return from_{0}(); }}\n'.format(
                directory, unit))
        commands.append({"directory": where, "file": "u{}.cpp".format(unit),
                         "command": "clang++-19 -std=c++20 -Iinc -c u{}.cpp".format(unit)})
with open(os.path.join(root, "compile_commands.json"), "w") as f:
    json.dump(commands, f)
