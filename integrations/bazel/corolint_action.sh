#!/bin/sh
# One corolint action: "$@" is the corolint command line. Exit 1 means findings,
# which are the action's result, not its failure; 2 (the file does not compile, bad
# input) fails the action.
"$@"
status=$?
[ "$status" -le 1 ] || exit "$status"
