#!/usr/bin/env bash
# Builds the project and runs the benchmarks in the same private headless
# session the tests use (Xvfb, D-Bus, keyring). Prints figures only.
#
#   build-aux/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/setup.sh
runs=${1:-10}

echo "==> SSE decoder"
_build/bench/bench-sse

echo "==> History: search over 100,000 messages, opening 10,000 (Xvfb)"
build-aux/headless.sh _build/bench/bench-history 2>/dev/null

# Three runs each: on a shared virtual machine the host takes CPU time now
# and then (each run prints how much), and that shows up as stalls.
for renderer in "" cairo; do
  echo "==> Streaming a 10,000-token reply at 2,000 tokens/s (Xvfb, GSK_RENDERER=${renderer:-default}), 3 runs"
  for run in 1 2 3; do
    env ${renderer:+GSK_RENDERER=$renderer} build-aux/headless.sh _build/bench/bench-stream 2>/dev/null
  done
done

# Software GL inflates memory for both programs alike; the cairo renderer
# shows what the app itself adds.
for renderer in "" cairo; do
  echo "==> Cold start and idle memory (Xvfb, GSK_RENDERER=${renderer:-default})"
  env ${renderer:+GSK_RENDERER=$renderer} GSETTINGS_SCHEMA_DIR="$PWD/_build/data" GSETTINGS_BACKEND=memory \
    build-aux/headless.sh _build/bench/bench-startup \
    "$PWD/_build/src/openai-studio" "$PWD/_build/bench/bench-bare-window" "$runs" 2>/dev/null
done

echo "==> Transcribe: peak memory while a 25 MB file is uploaded"
_build/bench/bench-transcribe-upload

echo "==> Transcribe: recording's CPU and main-loop stalls while levels arrive (PulseAudio)"
build-aux/headless.sh _build/bench/bench-recorder 2>/dev/null

echo "==> Transcribe: converting and splitting an hour of speech-like audio"
_build/bench/bench-audio-split

echo "==> Speech: first response byte to first buffer at the sink, per format"
STUDIO_SOURCE_DIR="$PWD" _build/bench/bench-speech-first-buffer 5 2>/dev/null

echo "==> Speech: silence added where two pieces of a split text meet"
_build/bench/bench-speech-gap 2>/dev/null

echo "==> Speech: Read Aloud, a sentence's last token to its first audio at the sink"
STUDIO_SOURCE_DIR="$PWD" GSETTINGS_SCHEMA_DIR="$PWD/_build/data" GSETTINGS_BACKEND=memory \
  build-aux/headless.sh _build/bench/bench-read-aloud 5 2>/dev/null
