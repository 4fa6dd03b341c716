#!/usr/bin/env bash
# Usage: build-aux/test.sh [--sanitize | --valgrind] [MESON TEST ARGS...]
#
# Installs dependencies and builds (setup.sh), runs the test suite inside a
# private headless session (headless.sh), then prints a summary whose last
# line is "N passed, N failed" (", N skipped" is appended when N > 0).
# Exits non-zero if anything failed.
#
# --sanitize builds into _build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the same suite there; tests/meson.build
# sets the sanitizer options, so any memory error, leak outside the
# suppressed library frames (tests/lsan.supp) or undefined behaviour fails.
#
# --valgrind runs the suite of _build under valgrind's memcheck, with GLib's,
# GTK's and tests/valgrind.supp's suppressions: any invalid access, use of
# uninitialised memory or definite leak fails. It takes several minutes, so
# CI runs --sanitize instead; try it with a suite name, e.g. `--valgrind core`.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1

build_dir=_build
setup_args=()
test_args=()
# meson names the log after the wrapper a suite runs under.
log_name=testlog
case "${1:-}" in
  --sanitize)
    shift
    build_dir=_build-asan
    setup_args=(-Db_sanitize=address,undefined)
    # Instrumented code runs a few times slower: test-gui takes some 90 s
    # of its 120 here.
    test_args=(--timeout-multiplier 2)
    ;;
  --valgrind)
    shift
    supp=(/usr/share/glib-2.0/valgrind/glib.supp /usr/share/gtk-4.0/valgrind/gtk.supp
          "$PWD/tests/valgrind.supp")
    test_args=(--timeout-multiplier 20 --wrapper
               "valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
                --show-leak-kinds=definite --num-callers=30 ${supp[*]/#/--suppressions=}")
    # GLib 2.74's slice allocator hides leaks from valgrind. GTK draws with
    # cairo and never loads GL: llvmpipe crawls under valgrind, and the code
    # it compiles at run time has no symbols a suppression could name.
    export G_SLICE=always-malloc GSK_RENDERER=cairo GDK_DEBUG=gl-disable
    log_name=testlog-valgrind
    ;;
esac

if ! bash build-aux/setup.sh "$build_dir" "${setup_args[@]}"; then
  echo "==> setup failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

testlog="$build_dir/meson-logs/$log_name.json"
# A stale log from an earlier run must not be counted.
rm -f "$testlog"

echo "==> Running tests"
meson_rc=0
bash build-aux/headless.sh \
  meson test -C "$build_dir" --print-errorlogs --num-processes 2 "${test_args[@]}" "$@" || meson_rc=$?

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
echo "$line"

if [ "$failed" -gt 0 ] || [ "$meson_rc" -ne 0 ]; then
  exit 1
fi
exit 0
