"""Prints the fields of a SARIF log that tests compare, one per line.

  rule ID HELPURI LEVEL            for every rule of the run
  result RULEID LINE:COL FINGERPRINT
  notification LEVEL ID
"""
import json
import sys

log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log.get("version")
print("runs", len(log["runs"]))
for run in log["runs"]:
    print("tool", run["tool"]["driver"]["name"])
    print("root", run["originalUriBaseIds"]["%SRCROOT%"]["uri"])
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        print("rule", rule["id"], rule["helpUri"], rule["defaultConfiguration"]["level"])
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        index = result.get("ruleIndex")
        if index is not None:
            assert rules[index]["id"] == result["ruleId"], (index, result["ruleId"])
        print("result", result["ruleId"], "{}:{}:{}".format(uri, region["startLine"], region["startColumn"]),
              result["partialFingerprints"]["corolint/v1"])
    for invocation in run.get("invocations", []):
        print("successful", invocation["executionSuccessful"])
        for note in invocation.get("toolExecutionNotifications", []):
            print("notification", note["level"], note["descriptor"]["id"])
