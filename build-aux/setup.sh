#!/usr/bin/env bash
# Usage: build-aux/setup.sh [BUILD_DIR [MESON SETUP OPTIONS...]]
#
# Install the Debian 12 build/test dependencies (only the missing ones) and
# build the project into BUILD_DIR (default _build), configured with the
# given options the first time. Safe to run any number of times.
set -euo pipefail

cd "$(dirname "$0")/.."

build_dir="${1:-_build}"
shift || true

# Everything needed to build, test (headless) and run the app on Debian 12.
# Add new packages here.
PACKAGES=(
  # toolchain
  meson ninja-build gcc pkg-config gettext python3
  # libraries
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libsqlite3-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  libmd4c-dev libgtksourceview-5-dev
  # runtime bits: audio, icons, fonts, accessibility
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-pulseaudio
  # decoders for m4a, mp4 and other files people bring to Transcribe
  gstreamer1.0-libav
  # speech for the recorder tests, played into the null sink
  espeak-ng
  at-spi2-core adwaita-icon-theme fonts-cantarell
  # the accessibility-tree test (tests/test-a11y.c) reads the AT-SPI tree
  libatspi2.0-dev
  # data file validation
  desktop-file-utils appstream
  # fuzzing (build-aux/fuzz.sh): clang and its libFuzzer/sanitizer runtimes
  clang libclang-rt-dev
  # headless test session (build-aux/headless.sh); x11-utils gives xdpyinfo
  xvfb xauth x11-utils dbus dbus-x11 gnome-keyring pulseaudio pulseaudio-utils
  # the Flatpak check (build-aux/flatpak-check.sh): building and running the
  # sandboxed app with its portals, the document portal's FUSE mount, and
  # reading its accessibility tree from Debian's Python (gi + Atspi);
  # flatpak-builder strips what it builds with elfutils' eu-strip
  flatpak flatpak-builder elfutils bubblewrap xdg-desktop-portal xdg-desktop-portal-gtk
  fuse3 util-linux dbus-bin python3-gi gir1.2-atspi-2.0 git
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> Installing missing packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "==> error: not root and sudo is not available; install these as root:" >&2
      echo "    apt-get install ${missing[*]}" >&2
      exit 1
    fi
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # `sudo VAR=value cmd` keeps the variable even when sudo resets the env.
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "==> All ${#PACKAGES[@]} packages already installed"
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  if [ -f "$build_dir/meson-private/coredata.dat" ]; then
    # A half-configured build dir: let meson finish configuring it.
    echo "==> Reconfiguring $build_dir"
    meson setup --reconfigure "$build_dir" "$@"
  else
    echo "==> Configuring $build_dir"
    meson setup "$build_dir" "$@"
  fi
fi

echo "==> Building $build_dir"
meson compile -C "$build_dir"
echo "==> Build OK"
