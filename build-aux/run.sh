#!/usr/bin/env bash
# Build (if needed) and run the app straight from the build directory,
# without installing it. Extra arguments go to the app.
set -euo pipefail

cd "$(dirname "$0")/.."

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "Run build-aux/run.sh from a terminal inside your desktop session." >&2
  echo "(To run something without a desktop, use build-aux/headless.sh CMD...)" >&2
  exit 1
fi

bash build-aux/setup.sh

# The schema is compiled into _build/data so the uninstalled app finds it.
GSETTINGS_SCHEMA_DIR="$PWD/_build/data" exec "$PWD/_build/src/openai-studio" "$@"
