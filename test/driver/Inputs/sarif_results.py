"""Prints a SARIF log's results, one JSON object per line, sorted: two logs
with the same results print the same text whatever their order."""
import json
import sys

log = json.load(open(sys.argv[1]))
for line in sorted(json.dumps(r, sort_keys=True) for run in log["runs"] for r in run["results"]):
    print(line)
