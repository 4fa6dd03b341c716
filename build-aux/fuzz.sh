#!/usr/bin/env bash
# Usage: build-aux/fuzz.sh [SECONDS_PER_TARGET]
#
# Builds the libFuzzer targets of tests/fuzz with clang, ASan and UBSan in
# _build-fuzz (configured here if missing; only the fuzz targets are built,
# not the UI), then for each target:
#
#   1. runs it once over tests/fuzz/regressions/<target>/, if there are
#      files there: inputs that crashed it once must not crash it again;
#   2. fuzzes it for SECONDS_PER_TARGET (default 25) from a copy of
#      tests/fuzz/corpus/<target>/ in a temporary folder, with its
#      dictionary. Nothing is ever written into the source tree.
#
# Prints one line per target (executions, coverage, corpus size, seconds),
# then a summary whose last line is "N passed, N failed", one per target.
# A crash, a leak, a timeout or an out-of-memory is a failure: its report is
# printed and the input that caused it is kept in _build-fuzz/fuzz-artifacts/.
# Exits non-zero if anything failed.
#
# The default suits CI: 8 targets of 25 s and a build of about 10 s from
# scratch make about 3.5 minutes.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1

seconds="${1:-25}"
builddir=_build-fuzz
fuzzdir=tests/fuzz
artifacts_dir="$builddir/fuzz-artifacts"

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [SECONDS_PER_TARGET]" >&2
  exit 2
fi

summary() {
  echo "$1"
}

if ! command -v clang >/dev/null 2>&1; then
  echo "==> clang not found; run build-aux/setup.sh first" >&2
  summary "0 passed, 1 failed"
  exit 1
fi

# Every tests/fuzz/fuzz-<name>.c but the shared helpers is a target.
targets=()
for source in "$fuzzdir"/fuzz-*.c; do
  name="$(basename "$source" .c)"
  name="${name#fuzz-}"
  [ "$name" = common ] && continue
  targets+=("$name")
done

if [ "${#targets[@]}" -eq 0 ]; then
  echo "==> no fuzz targets in $fuzzdir" >&2
  summary "0 passed, 1 failed"
  exit 1
fi

# Sanitizers: leaks count, and UBSan stops at its first report with a stack
# (by default it only warns and goes on). There are no suppressions:
# GLib and json-glib have no frame pointers, so the allocation stacks of a
# leak stop at g_malloc() and a suppression could only match our own code.
# G_SLICE=always-malloc lets LeakSanitizer see through GSlice's caches
# (the targets restart themselves with it if it is missing).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1:detect_odr_violation=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
# The targets never touch the network, the keyring or the user's settings.
export GSETTINGS_BACKEND=memory
export GIO_USE_VFS=local
for name in OPENAI_API_KEY OPENAI_BASE_URL OPENAI_ORG_ID OPENAI_PROJECT_ID; do
  export "$name="
done

build_start=$(date +%s)

if [ ! -f "$builddir/build.ninja" ]; then
  echo "==> Configuring $builddir"
  if ! CC=clang meson setup "$builddir" -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false \
      -Dbuildtype=debugoptimized; then
    echo "==> meson setup failed" >&2
    summary "0 passed, ${#targets[@]} failed"
    exit 1
  fi
fi

echo "==> Building ${#targets[@]} fuzz targets"
if ! meson compile -C "$builddir" "${targets[@]/#/fuzz-}"; then
  echo "==> build failed" >&2
  summary "0 passed, ${#targets[@]} failed"
  exit 1
fi
echo "==> Built in $(($(date +%s) - build_start)) s"

workdir="$(mktemp -d "${TMPDIR:-/tmp}/studio-fuzz.XXXXXX")" || exit 1
trap 'rm -rf "$workdir"' EXIT

# Whether libFuzzer left an input that failed (slow-unit-* is only a note).
has_artifacts() {
  compgen -G "$1/crash-*" >/dev/null || compgen -G "$1/leak-*" >/dev/null ||
    compgen -G "$1/timeout-*" >/dev/null || compgen -G "$1/oom-*" >/dev/null
}

# Keeps what a failed run left (crash-*, leak-*, timeout-*, oom-*) where a
# developer or CI can pick it up, and says how to replay it.
keep_artifacts() {
  local target="$1" from="$2" exe="$3"
  local files=("$from"/crash-* "$from"/leak-* "$from"/timeout-* "$from"/oom-*)

  mkdir -p "$artifacts_dir/$target"
  for file in "${files[@]}"; do
    [ -e "$file" ] || continue
    cp "$file" "$artifacts_dir/$target/"
    echo "    kept $artifacts_dir/$target/$(basename "$file")"
    echo "    replay: $exe $artifacts_dir/$target/$(basename "$file")"
  done
}

# Prints the part of a libFuzzer log that says what went wrong: the report
# and our frames, without libFuzzer's own frames, progress and statistics.
show_failure() {
  local log="$1"

  grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)|^INFO:|^[[:space:]]*"' "$log" |
    grep -v -E '^(MS:|Base64:|artifact_prefix|Dictionary:|Running:|stat::|0x[0-9a-f]{2},)' |
    grep -v -E 'fuzzer::|__sanitizer_print_stack_trace|libc\.so|libc_start|in _start ' |
    grep -v -E 'pthread_kill|in raise |in abort ' |
    grep -v -E 'rudimentary signal handlers|Combine libFuzzer with|Running [0-9]+ inputs' |
    grep -v -E '^[[:space:]]*$' |
    head -n 40 | sed 's/^/    /'
}

results=()
passed=0
failed=0

for target in "${targets[@]}"; do
  exe="$builddir/$fuzzdir/fuzz-$target"
  dict="$fuzzdir/$target.dict"
  regressions="$fuzzdir/regressions/$target"
  corpus="$workdir/$target/corpus"
  artifacts="$workdir/$target/artifacts"
  log="$workdir/$target/fuzz.log"
  ok=1

  mkdir -p "$corpus" "$artifacts"
  echo "==> $target"

  # 1. Known crashers, each run once and on its own, so that every one that
  #    still crashes is named (a file, not a folder: libFuzzer adds nothing).
  shopt -s nullglob
  regression_files=("$regressions"/*)
  shopt -u nullglob
  still_failing=0
  for file in "${regression_files[@]}"; do
    rlog="$workdir/$target/regression-$(basename "$file").log"
    mkdir -p "$workdir/$target/regression-artifacts"
    if ! "$exe" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$workdir/$target/regression-artifacts/" "$file" >"$rlog" 2>&1; then
      echo "    regression $file still fails:"
      # The whole report for the first one; the first line of the others.
      if [ "$still_failing" -eq 0 ]; then
        show_failure "$rlog"
      else
        grep -m 1 -E 'ERROR|invariant broken|CRITICAL|runtime error' "$rlog" | sed 's/^/    /'
      fi
      still_failing=$((still_failing + 1))
      ok=0
    fi
  done
  regression_summary="no regressions"
  if [ "${#regression_files[@]}" -gt 0 ]; then
    regression_summary="regressions $((${#regression_files[@]} - still_failing))/"
    regression_summary+="${#regression_files[@]} pass"
    echo "    $regression_summary"
  fi

  # 2. Fuzzing, from a copy of the committed corpus.
  if [ -d "$fuzzdir/corpus/$target" ]; then
    cp "$fuzzdir/corpus/$target"/* "$corpus"/ 2>/dev/null
  fi
  dict_args=()
  [ -f "$dict" ] && dict_args=(-dict="$dict")

  start_ns=$(date +%s%N)
  # libFuzzer stops itself; timeout(1) only guards against a wedged run.
  timeout -k 10 $((seconds + 120)) \
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict_args[@]}" "$corpus" \
      >"$log" 2>&1
  rc=$?
  elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))

  # The last status line: "#N DONE cov: X ft: Y corp: Z/SIZE ...", or the
  # last progress line if the run died before it was done.
  status_line="$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1)"
  execs="$(awk '/^stat::number_of_executed_units:/ { print $2 }' "$log")"
  [ -z "$execs" ] && execs="$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$status_line")"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status_line")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status_line")"
  corp="$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$status_line")"

  # libFuzzer exits non-zero on a crash, leak, timeout or OOM and leaves
  # the input behind; either one is a failure.
  if [ "$rc" -ne 0 ] || has_artifacts "$artifacts"; then
    echo "    fuzzing $target failed (exit status $rc):"
    show_failure "$log"
    ok=0
  fi

  if [ "$ok" -eq 0 ]; then
    keep_artifacts "$target" "$artifacts" "$exe"
  fi

  if [ "$ok" -eq 1 ]; then
    verdict=ok
    passed=$((passed + 1))
  else
    verdict=FAIL
    failed=$((failed + 1))
  fi
  results+=("$(printf '%-12s %-4s  execs %9s  cov %5s  ft %6s  corpus %5s  %3d.%d s  %s' \
    "$target" "$verdict" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
    $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)) \
    "$regression_summary")")
done

echo
echo "==> Fuzzed ${#targets[@]} targets for $seconds s each"
for line in "${results[@]}"; do
  echo "$line"
done

summary "$passed passed, $failed failed"

[ "$failed" -eq 0 ]
