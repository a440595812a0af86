#!/usr/bin/env python3
"""Prints the one summary line `make check` ends with, from Meson's test log."""
import json
import sys

build = sys.argv[1] if len(sys.argv) > 1 else "build"
counts = {"passed": 0, "failed": 0, "skipped": 0}
try:
    with open(f"{build}/meson-logs/testlog.json") as log:
        for line in log:
            result = json.loads(line).get("result", "")
            if result in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
            elif result == "SKIP":
                counts["skipped"] += 1
            else:
                counts["failed"] += 1
except FileNotFoundError:
    counts["failed"] += 1
line = f"{counts['passed']} passed, {counts['failed']} failed"
if counts["skipped"]:
    line += f", {counts['skipped']} skipped"
print(line)
