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

patterns="*.cpp *.cc *.cxx *.c++ *.hpp *.hh *.hxx *.h *.ipp"
# shellcheck disable=SC2086 # the patterns are pathspecs, split on purpose
if [ -z "$(git diff --cached --name-only --diff-filter=ACMR -- $patterns)" ]; then
  exit 0
fi

# Lint what is being committed (the index), not the working tree.
staged=$(mktemp -d)
trap 'rm -rf "$staged"' EXIT
# shellcheck disable=SC2086
git diff --cached --name-only -z --diff-filter=ACMR -- $patterns |
  xargs -0 git checkout-index --prefix="$staged/" --

status=0
# shellcheck disable=SC2086
(cd "$staged" && git -C "$OLDPWD" diff --cached --name-only -z --diff-filter=ACMR -- $patterns |
  xargs -0 "$corolint" --fast) || status=$?

if [ "$status" -ne 0 ]; then
  echo "corolint: commit blocked by the findings above (git commit --no-verify skips this check)" >&2
  exit 1
fi
