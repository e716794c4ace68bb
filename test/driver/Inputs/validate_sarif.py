"""Validates a SARIF log against the SARIF 2.1.0 JSON schema, then prints the
code-scanning fields a test compares, one per line.

  validate_sarif.py SCHEMA.json LOG.sarif

  valid                                   (or the schema errors, exit 1)
  rule ID summary=<shortDescription != id> help=<help text length > 0> page=<helpUri names an existing file>
  result RULE LINE fingerprint=<key> related=N fixes=N
  related LINE:COL MESSAGE
  fix OFFSET LENGTH TEXT
"""
import json
import os
import sys
from urllib.parse import unquote, urlparse

import jsonschema

schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
validator_class = jsonschema.validators.validator_for(schema)
errors = sorted(validator_class(schema).iter_errors(log), key=lambda e: list(e.path))
for error in errors:
    print("schema error at", "/".join(str(p) for p in error.path) + ":", error.message)
if errors:
    sys.exit(1)
print("valid")

for run in log["runs"]:
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        page = urlparse(rule.get("helpUri", ""))
        exists = page.scheme == "file" and os.path.isfile(unquote(page.path))
        print("rule", rule["id"],
              "summary=%s" % (rule["shortDescription"]["text"] != rule["id"]),
              "help=%s" % (len(rule.get("help", {}).get("text", "")) > 0),
              "page=%s" % exists)
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        related = result.get("relatedLocations", [])
        fixes = result.get("fixes", [])
        print("result", result["ruleId"], region["startLine"],
              "fingerprint=%s" % ",".join(sorted(result["partialFingerprints"])),
              "related=%d" % len(related), "fixes=%d" % len(fixes))
        for location in related:
            where = location["physicalLocation"]["region"]
            print("related %d:%d %s" % (where["startLine"], where["startColumn"],
                                        location["message"]["text"]))
        for fix in fixes:
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    deleted = replacement["deletedRegion"]
                    print("fix", deleted["byteOffset"], deleted["byteLength"],
                          replacement["insertedContent"]["text"])
