#!/usr/bin/env bash
# Usage: build-aux/test.sh [MESON TEST ARGS...]
#
# Installs dependencies and builds (setup.sh), runs the test suite inside a
# private headless session (headless.sh), then prints a summary whose last
# line is "N passed, N failed" (", N skipped" is appended when N > 0).
# Exits non-zero if anything failed.
#
# If STUDIO_SUMMARY_FILE is set, the summary line is also written there
# (.ci/run uses it to tell whether a summary was printed at all).
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1

summary() {
  echo "$1"
  if [ -n "${STUDIO_SUMMARY_FILE:-}" ]; then
    echo "$1" >"$STUDIO_SUMMARY_FILE"
  fi
}

if ! bash build-aux/setup.sh; then
  echo "==> setup failed" >&2
  summary "0 passed, 1 failed"
  exit 1
fi

testlog=_build/meson-logs/testlog.json
# A stale log from an earlier run must not be counted.
rm -f "$testlog"

echo "==> Running tests"
meson_rc=0
bash build-aux/headless.sh \
  meson test -C _build --print-errorlogs --num-processes 2 "$@" || meson_rc=$?

# Count TAP subtests from each test's stdout; tests without TAP output count
# as one by their meson result. Prints "passed failed skipped".
counts="$(python3 - "$testlog" <<'EOF'
import json
import os
import re
import sys

path = sys.argv[1]
passed = failed = skipped = 0

OK_RE = re.compile(r"^ok\s+\d+")
NOT_OK_RE = re.compile(r"^not ok\s+\d+")
SKIP_RE = re.compile(r"#\s*SKIP\b", re.IGNORECASE)
TODO_RE = re.compile(r"#\s*TODO\b", re.IGNORECASE)
# meson results that mean the test as a whole succeeded
SUCCESS = {"OK", "SKIP", "EXPECTEDFAIL"}

tests = []
if os.path.exists(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    tests.append(json.loads(line))
                except ValueError:
                    failed += 1  # unreadable record: do not hide it

for t in tests:
    result = str(t.get("result", "")).upper()
    # meson may store the enum as e.g. "TestResult.OK"
    result = result.rsplit(".", 1)[-1]
    stdout = t.get("stdout") or ""
    t_pass = t_fail = t_skip = 0
    saw_tap = False
    for raw in stdout.splitlines():
        if NOT_OK_RE.match(raw):
            saw_tap = True
            if TODO_RE.search(raw):
                continue  # expected failure
            if SKIP_RE.search(raw):
                t_skip += 1
            else:
                t_fail += 1
        elif OK_RE.match(raw):
            saw_tap = True
            if SKIP_RE.search(raw):
                t_skip += 1
            else:
                t_pass += 1
    if not saw_tap:
        if result in ("OK", "EXPECTEDFAIL"):
            t_pass = 1
        elif result == "SKIP":
            t_skip = 1
        else:
            t_fail = 1
    elif result not in SUCCESS and t_fail == 0:
        # e.g. crashed or timed out after its last reported subtest
        t_fail = 1
    passed += t_pass
    failed += t_fail
    skipped += t_skip

print(passed, failed, skipped)
EOF
)"
py_rc=$?

if [ "$py_rc" -ne 0 ] || [ -z "$counts" ]; then
  echo "==> could not read $testlog" >&2
  read -r passed failed skipped <<<"0 1 0"
else
  read -r passed failed skipped <<<"$counts"
fi

# meson test failed but no individual failure was recorded (e.g. the rebuild
# or the headless session failed): count that as one failure.
if [ "$meson_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "==> meson test exited with status $meson_rc" >&2
  failed=1
fi

line="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  line="$line, $skipped skipped"
fi
summary "$line"

if [ "$failed" -gt 0 ] || [ "$meson_rc" -ne 0 ]; then
  exit 1
fi
exit 0
