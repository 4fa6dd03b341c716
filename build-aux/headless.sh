#!/usr/bin/env bash
# Usage: build-aux/headless.sh CMD [ARGS...]
#
# Runs CMD inside a private, disposable "desktop":
#   - a private D-Bus session bus (dbus-run-session),
#   - an Xvfb X server on a free display (:90..:120), 1280x900x24,
#   - gnome-keyring-daemon (secrets only) with an unlocked, empty-password
#     login keyring that is also the "default" collection,
#   - PulseAudio with a null sink "studio_null" (PULSE_SINK is set to it),
#   - HOME and XDG_{DATA,CONFIG,CACHE}_HOME / XDG_RUNTIME_DIR in a temp dir,
#     so nothing touches the user's real keyring, settings or files.
# Everything is torn down afterwards and the temp dir removed. The exit status
# is CMD's. Works as root and as a normal user; several runs may happen one
# after another or side by side, and next to other X servers.
#
# Implementation: the script runs twice. The "outer" run creates the temp
# dir and environment and starts dbus-run-session, which runs this script
# again as the "inner" run; the inner run starts the services, runs CMD and
# stops the services. The outer run then removes the temp dir.
set -euo pipefail

SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

die() {
  echo "headless.sh: error: $*" >&2
  exit 1
}

# Print the last lines of a service's log (to help debug a failed start).
show_log() {
  if [ -s "$1" ]; then
    echo "---- $(basename "$1") (last lines) ----" >&2
    tail -n 20 "$1" >&2 || true
    echo "----" >&2
  fi
}

# ---------------------------------------------------------------------------
# Outer run: temp dir, private environment, session bus.
# ---------------------------------------------------------------------------
if [ "${_STUDIO_HEADLESS_STAGE:-}" != inner ]; then
  if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
  fi

  for tool in dbus-run-session dbus-send Xvfb gnome-keyring-daemon pulseaudio pactl; do
    command -v "$tool" >/dev/null 2>&1 ||
      die "'$tool' not found; run build-aux/setup.sh first"
  done

  tmp="$(mktemp -d "${TMPDIR:-/tmp}/studio-headless.XXXXXX")"
  cleanup_outer() {
    set +e
    # Bus-activated helpers may still be exiting; retry once.
    rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
  }
  trap cleanup_outer EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
  chmod 700 "$tmp" "$tmp/runtime"

  # Set before the bus starts: services the bus activates inherit this
  # environment, so they too use the private dirs.
  export HOME="$tmp/home"
  export XDG_DATA_HOME="$tmp/data"
  export XDG_CONFIG_HOME="$tmp/config"
  export XDG_CACHE_HOME="$tmp/cache"
  export XDG_RUNTIME_DIR="$tmp/runtime"
  # Never talk to the caller's real display, sound server or keyring.
  unset DISPLAY WAYLAND_DISPLAY XAUTHORITY DBUS_SESSION_BUS_ADDRESS \
    PULSE_SERVER PULSE_SINK GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  export GDK_BACKEND=x11
  # Do not let libpulse clients spawn a stray PulseAudio if ours goes away.
  printf 'autospawn = no\n' >"$tmp/pulse-client.conf"
  export PULSE_CLIENTCONFIG="$tmp/pulse-client.conf"

  export _STUDIO_HEADLESS_STAGE=inner _STUDIO_HEADLESS_TMP="$tmp"
  rc=0
  # dbus-run-session exits with the status of the program it runs.
  dbus-run-session -- bash "$SELF" "$@" || rc=$?
  exit "$rc"
fi

# ---------------------------------------------------------------------------
# Inner run (on the private session bus): services, then CMD.
# ---------------------------------------------------------------------------
tmp="$_STUDIO_HEADLESS_TMP"
unset _STUDIO_HEADLESS_STAGE _STUDIO_HEADLESS_TMP # so CMD may nest us

pids=() # services we started, stopped in reverse order on exit

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup_inner() {
  set +e
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    stop_pid "${pids[i]}"
  done
}
trap cleanup_inner EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Is the process still running? (Reaped zombies count as gone.)
alive() { kill -0 "$1" 2>/dev/null; }

# --- Xvfb -------------------------------------------------------------------
x_ready() {
  if command -v xdpyinfo >/dev/null 2>&1; then
    xdpyinfo -display ":$1" >/dev/null 2>&1
  else
    [ -S "/tmp/.X11-unix/X$1" ]
  fi
}

display=""
for n in $(seq 90 120); do
  # Taken (or left over by a crashed server): try the next one.
  if [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; then
    continue
  fi
  Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp -noreset \
    >"$tmp/xvfb.log" 2>&1 &
  xpid=$!
  for _ in $(seq 100); do # up to ~10 s
    if ! alive "$xpid"; then
      break # most likely lost a race for :$n with another server
    fi
    if x_ready "$n"; then
      display=":$n"
      break
    fi
    sleep 0.1
  done
  if [ -n "$display" ]; then
    pids+=("$xpid")
    break
  fi
  stop_pid "$xpid"
done
if [ -z "$display" ]; then
  show_log "$tmp/xvfb.log"
  die "could not start Xvfb on any display :90..:120"
fi
export DISPLAY="$display"
# Services the bus starts (the desktop portals, for one) need the display too.
dbus-update-activation-environment DISPLAY GDK_BACKEND

# --- gnome-keyring ----------------------------------------------------------
# The password is read from stdin. It must be a non-empty read: with zero
# bytes (echo -n "") gnome-keyring 42 does not create the login keyring and
# the "default" alias stays unset, so the first store would need a prompt.
# A lone newline gives an unlocked login keyring that is the default.
# --foreground keeps it our child so we can stop it by pid.
printf '\n' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$tmp/keyring.env" 2>"$tmp/keyring.log" &
kpid=$!
pids+=("$kpid")

secrets_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'
}
default_collection() {
  dbus-send --session --print-reply --dest=org.freedesktop.secrets \
    /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias \
    string:default 2>/dev/null | sed -n 's/^ *object path "\(.*\)"$/\1/p'
}

keyring_ok=""
for _ in $(seq 100); do
  alive "$kpid" || break
  if secrets_owned; then
    coll="$(default_collection)"
    if [ -n "$coll" ] && [ "$coll" != / ]; then
      keyring_ok=1
      break
    fi
  fi
  sleep 0.1
done
if [ -z "$keyring_ok" ]; then
  show_log "$tmp/keyring.log"
  die "gnome-keyring did not provide an unlocked default collection"
fi
# Export what the daemon printed (GNOME_KEYRING_CONTROL=..., if anything).
# Parsed, not eval'ed: only NAME=value lines are taken.
while IFS='=' read -r name value; do
  case "$name" in
    GNOME_KEYRING_*|SSH_AUTH_SOCK) export "$name=$value" ;;
  esac
done <"$tmp/keyring.env"
if [ -z "${GNOME_KEYRING_CONTROL:-}" ] && [ -d "$XDG_RUNTIME_DIR/keyring" ]; then
  export GNOME_KEYRING_CONTROL="$XDG_RUNTIME_DIR/keyring"
fi

# --- PulseAudio -------------------------------------------------------------
# As root PulseAudio only warns ("not intended to be run as root") and runs
# fine as a per-user server in our XDG_RUNTIME_DIR. No realtime/high-priority
# (avoids rtkit calls), no pid file, anonymous auth on the private socket.
pulseaudio --daemonize=no --exit-idle-time=-1 -n --use-pid-file=no \
  --realtime=no --high-priority=no --log-target=stderr \
  --load="module-native-protocol-unix auth-anonymous=1" \
  --load="module-null-sink sink_name=studio_null" \
  --load="module-always-sink" \
  >"$tmp/pulseaudio.log" 2>&1 &
papid=$!
pids+=("$papid")
export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"

pulse_ok=""
for _ in $(seq 100); do
  alive "$papid" || break
  if pactl info >/dev/null 2>&1; then
    pulse_ok=1
    break
  fi
  sleep 0.1
done
if [ -z "$pulse_ok" ]; then
  show_log "$tmp/pulseaudio.log"
  die "PulseAudio did not start"
fi
export PULSE_SINK=studio_null

# Services the bus starts later (dconf, ...) should see these too. DISPLAY
# is left out on purpose: an activated at-spi-bus-launcher would then hold
# an X connection, outlive Xvfb and print "X connection ... broken" at the
# end; GTK finds the a11y bus over D-Bus anyway.
if command -v dbus-update-activation-environment >/dev/null 2>&1; then
  dbus-update-activation-environment GDK_BACKEND PULSE_SERVER PULSE_SINK \
    PULSE_CLIENTCONFIG GNOME_KEYRING_CONTROL >/dev/null 2>&1 || true
fi

# --- CMD --------------------------------------------------------------------
rc=0
"$@" || rc=$?
exit "$rc"
