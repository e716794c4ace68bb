#!/bin/sh
# corolint pre-commit hook: lints the staged C/C++ files with the fast engine
# (tree-sitter, no build needed) and blocks the commit on findings.
#
# Install:  cp docs/integration/pre-commit-hook.sh .git/hooks/pre-commit
# Bypass:   git commit --no-verify
# COROLINT names the binary (default: corolint on PATH).
set -eu

corolint=${COROLINT:-corolint}
cd "$(git rev-parse --show-toplevel)"

# Quoted: git matches these pathspecs in every directory; unquoted, the shell
# would expand them against the top level first and miss src/*.cpp.
set -- '*.cpp' '*.cc' '*.cxx' '*.c++' '*.hpp' '*.hh' '*.hxx' '*.h' '*.ipp'

staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
git diff --cached --name-only -z --diff-filter=ACMR -- "$@" >"$staged/.corolint-files"
if [ ! -s "$staged/.corolint-files" ]; then
  exit 0
fi

# Lint what is being committed (the index), not the working tree, with the
# project's staged .clang-tidy files beside it. The index's other C/C++ files
# are read, not linted: a staged coroutine may call a blocking helper in one.
mkdir "$staged/tree"
git ls-files -z -- "$@" .clang-tidy '*/.clang-tidy' |
  xargs -0 -r git checkout-index --prefix="$staged/tree/" --

status=0
(cd "$staged/tree" && xargs -0 "$corolint" --fast --helpers-from . <"$staged/.corolint-files") ||
  status=$?

if [ "$status" -ne 0 ]; then
  echo "corolint: commit blocked by the findings above (git commit --no-verify skips this check)" >&2
  exit 1
fi
