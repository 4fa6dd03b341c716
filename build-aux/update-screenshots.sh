#!/usr/bin/env bash
# Usage: build-aux/update-screenshots.sh
#
# Takes the AppStream screenshots from the real window: runs the GUI test
# (tests/test-gui.c) headless with STUDIO_SCREENSHOT_DIR set, then copies its
# appstream-*.png shots into data/screenshots/, which the metainfo lists.
set -euo pipefail

cd "$(dirname "$0")/.."

bash build-aux/setup.sh
shots="$(mktemp -d)"
trap 'rm -rf "$shots"' EXIT

STUDIO_SCREENSHOT_DIR="$shots" bash build-aux/headless.sh \
  meson test -C _build --no-rebuild gui

mkdir -p data/screenshots
for shot in "$shots"/appstream-*.png; do
  name="$(basename "$shot")"
  cp "$shot" "data/screenshots/${name#appstream-}"
  echo "==> data/screenshots/${name#appstream-}"
done
