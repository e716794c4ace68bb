#!/bin/sh
# ctest's runner for one example: the program's output (stdout then stderr) must match the
# CHECK lines at the end of its source, and the program must exit with the expected status.
# usage: run_example.sh FILECHECK SOURCE EXPECTED_STATUS PROGRAM [ARGS...]
set -u
filecheck=$1 source=$2 expected=$3
shift 3
output=$(mktemp)
trap 'rm -f "$output"' EXIT
"$@" >"$output" 2>&1
status=$?
if [ "$status" -ne "$expected" ]; then
  cat "$output"
  echo "run_example.sh: $1 exited with status $status, expected $expected" >&2
  exit 1
fi
"$filecheck" --dump-input=fail --input-file="$output" "$source"
