#!/usr/bin/env bash
# Usage: build-aux/headless.sh build-aux/flatpak-check-session.sh RESULTS LOG_DIR [HOST_BUILD_DIR]
#
# The part of build-aux/flatpak-check.sh that runs the installed Flatpak of
# OpenAI Studio. It must run inside build-aux/headless.sh (Xvfb, a private
# session bus, an unlocked gnome-keyring, PulseAudio, a temporary HOME), with
# FLATPAK_USER_DIR naming the real user installation (headless.sh moved HOME).
#
# It starts the portals (document portal, GTK backend, xdg-desktop-portal with
# gnome-keyring's Secret portal), the AT-SPI bus and a fake OpenAI server, each
# with its own log in LOG_DIR/services, then runs checks 2-6 and 8 of
# flatpak-check.sh, driving the app through build-aux/flatpak-check-atspi.py.
# Every app start keeps its stdout and stderr in LOG_DIR/runs.
#
# It appends to RESULTS one line per check, "RESULT <id> PASS|FAIL|SKIP <what>",
# and figures as "FIGURE <name> <value>". FLATPAK_CHECK_ONLY="id id..." runs
# only those checks (for debugging; the rest are SKIP, and a check that needs
# an earlier one's state, such as restart after keyring, needs it selected).
# With HOST_BUILD_DIR (a meson build of the same tree) it also times 10
# starts of the host build, for comparison.
# Exits 0; the results say what failed.
# shellcheck disable=SC1111,SC2317  # typographic quotes in messages; functions called from traps
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
results="$1"
log_dir="$2"
host_build="${3:-}"

APP=org.example.OpenAIStudio
PY=/usr/bin/python3 # Debian's, with gi; `python3` may be a pyenv shim
DRIVER=("$PY" "$here/flatpak-check-atspi.py")
mkdir -p "$log_dir/services" "$log_dir/runs"

# --- bookkeeping ------------------------------------------------------------

result() { # ID PASS|FAIL TEXT...
  local id="$1" status="$2"
  shift 2
  echo "RESULT $id $status $*" >>"$results"
  echo "==> [$status] $id: $*"
}
# selected ID: is check ID to run? The others are recorded as skipped.
selected() {
  if [ -z "${FLATPAK_CHECK_ONLY:-}" ] || [[ " $FLATPAK_CHECK_ONLY " == *" $1 "* ]]; then
    return 0
  fi
  result "$1" SKIP "not selected (FLATPAK_CHECK_ONLY=$FLATPAK_CHECK_ONLY)"
  return 1
}

# run_driver LABEL SUBCOMMAND [ARGS...] -- CMD...: runs one scenario of the
# driver; sets driver_status (PASS or FAIL) and driver_text from its RESULT
# line. Its RUN lines (one per app start) go to $log_dir/runs.list for the
# stderr check, its FIGURE lines to the results, the rest to the output.
run_driver() {
  local label="$1" sub="$2" out rc=0 line
  shift 2
  out="$log_dir/runs/$label.driver.log"
  "${DRIVER[@]}" "$sub" --log-dir "$log_dir/runs" --label "$label" "$@" >"$out" 2>&1 || rc=$?
  # The driver's own output, without what is parsed below and without
  # libatspi's complaint that GTK 4.8 has no AT-SPI cache object.
  grep -v -e '^\(RUN\|FIGURE\|RESULT\) ' -e 'dbind-WARNING' -e '^\s*$' "$out" | sed 's/^/    /' || true
  grep '^RUN ' "$out" | sed "s/^RUN /RUN $label /" >>"$log_dir/runs.list" || true
  grep '^FIGURE ' "$out" >>"$results" || true
  line="$(grep '^RESULT ' "$out" | tail -n 1 || true)"
  if [ -z "$line" ]; then
    driver_status=FAIL
    driver_text="the driver stopped without a result (exit $rc): $(tail -n 3 "$out" | tr '\n' ' ')"
  else
    line="${line#RESULT }"
    driver_status="${line%% *}"
    driver_text="${line#* }"
  fi
}

# drive ID LABEL SUBCOMMAND [ARGS...] -- CMD...: run_driver, recorded as check ID.
drive() {
  local id="$1"
  shift
  run_driver "$@"
  result "$id" "$driver_status" "$driver_text"
}

# --- services -----------------------------------------------------------------

pids=()
doc_mount=""
created=()
cleanup() {
  set +e
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null
    wait "${pids[i]}" 2>/dev/null
  done
  # The document portal mounts with auto_unmount; make sure anyway, so that
  # nothing is left mounted under a directory that is about to be removed.
  if [ -n "$doc_mount" ] && mountpoint -q "$doc_mount" 2>/dev/null; then
    fusermount3 -u -z "$doc_mount" 2>/dev/null
  fi
  # What we made under /run/user, innermost first.
  for dir in "${created[@]}"; do rmdir "$dir" 2>/dev/null; done
}
trap cleanup EXIT

name_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q 'boolean true'
}

# wait_until SECONDS WHAT CMD...: polls CMD every 50 ms.
wait_until() {
  local deadline=$((SECONDS + $1)) what="$2"
  shift 2
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "==> timed out waiting for $what" >&2
      return 1
    fi
    sleep 0.05
  done
}

# start NAME BUS_NAME CMD...: starts a service as our child, logging to
# services/NAME.log, and waits until it owns BUS_NAME on the session bus.
start() {
  local name="$1" bus_name="$2"
  shift 2
  "$@" >"$log_dir/services/$name.log" 2>&1 &
  pids+=("$!")
  wait_until 15 "$name to own $bus_name" name_owned "$bus_name" || {
    tail -n 20 "$log_dir/services/$name.log" >&2
    return 1
  }
}

export XDG_CURRENT_DESKTOP=GNOME # the GTK and gnome-keyring portals say UseIn=gnome
export GTK_A11Y=atspi
: "${FLATPAK_USER_DIR:?FLATPAK_USER_DIR must name the real user installation}"
export FLATPAK_USER_DIR

# The AT-SPI bus, started by us rather than by the bus, so that it gets DISPLAY
# (pushed below) and yet does not outlive Xvfb: it is stopped with the rest.
start at-spi-bus org.a11y.Bus /usr/libexec/at-spi-bus-launcher --launch-immediately
dbus-update-activation-environment DISPLAY XDG_CURRENT_DESKTOP FLATPAK_USER_DIR GTK_A11Y \
  >/dev/null 2>&1

# The document portal. flatpak 1.14 passes a forwarded file to the app as
# <host mount point>/<doc id>/<name>, but always mounts the portal at
# /run/user/UID/doc inside the sandbox; so the paths only resolve inside when
# the host mount point is /run/user/UID/doc too (headless.sh's private
# XDG_RUNTIME_DIR would give /tmp/studio-headless.*/runtime/doc, and the app
# would be handed a path that does not exist inside). So the document portal,
# alone, runs with XDG_RUNTIME_DIR=/run/user/UID when that is free.
uid="$(id -u)"
doc_runtime="/run/user/$uid"
# A document portal left mounted there by a run that was killed is dead
# (its FUSE server is gone: stat fails with ENOTCONN); it is unmounted. A
# live one belongs to someone's desktop and is left alone.
if grep -q " $doc_runtime/doc fuse" /proc/self/mounts && ! stat "$doc_runtime/doc" >/dev/null 2>&1; then
  echo "==> note: unmounting a dead document portal mount at $doc_runtime/doc"
  fusermount3 -u -z "$doc_runtime/doc" 2>/dev/null || true
fi
if [ ! -d "$doc_runtime" ] && mkdir -m 700 "$doc_runtime" 2>/dev/null; then
  created+=("$doc_runtime")
fi
if [ ! -d "$doc_runtime" ] || [ ! -O "$doc_runtime" ] ||
  grep -q " $doc_runtime/doc fuse" /proc/self/mounts; then
  echo "==> note: $doc_runtime is not ours or a document portal already runs there; the" \
    "portal goes to $XDG_RUNTIME_DIR, where forwarded files will not resolve inside"
  doc_runtime="$XDG_RUNTIME_DIR"
elif [ ! -d "$doc_runtime/doc" ]; then
  created=("$doc_runtime/doc" "${created[@]}")
fi
doc_mount="$doc_runtime/doc"
start permission-store org.freedesktop.impl.portal.PermissionStore \
  /usr/libexec/xdg-permission-store --replace
start document-portal org.freedesktop.portal.Documents \
  env XDG_RUNTIME_DIR="$doc_runtime" /usr/libexec/xdg-document-portal --replace
wait_until 10 "the document portal's FUSE mount" mountpoint -q "$doc_mount"
start portal-gtk org.freedesktop.impl.portal.desktop.gtk /usr/libexec/xdg-desktop-portal-gtk -r
start portal org.freedesktop.portal.Desktop /usr/libexec/xdg-desktop-portal -r
# What `flatpak run` and apps would otherwise have the bus start, with its
# output on our terminal.
start flatpak-session-helper org.freedesktop.Flatpak /usr/libexec/flatpak-session-helper
start flatpak-portal org.freedesktop.portal.Flatpak /usr/libexec/flatpak-portal
if gdbus introspect --session --dest org.freedesktop.portal.Desktop \
  --object-path /org/freedesktop/portal/desktop 2>/dev/null | grep -q 'org.freedesktop.portal.Secret'; then
  echo "==> Secret portal: available (gnome-keyring)"
else
  echo "==> note: xdg-desktop-portal offers no Secret portal; the keyring checks will fail"
fi

# The fake OpenAI server.
"$PY" "$here/flatpak-check-server.py" "$log_dir/services/server.json" \
  "$log_dir/services/server-requests.jsonl" >"$log_dir/services/server.log" 2>&1 &
pids+=("$!")
wait_until 10 "the fake server" test -s "$log_dir/services/server.json"
read -r port reply < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["port"], d["reply"])' \
  "$log_dir/services/server.json")
fake_url="http://127.0.0.1:$port/v1"
server_log="$log_dir/services/server-requests.jsonl"

# --- files the checks hand over (or do not) -----------------------------------

# A real PNG (8x8, RGB), made here so that nothing is needed from the tree.
photo="$HOME/photo.png"
"$PY" - "$photo" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\x00" + b"\x35\x84\xe4" * 8 for _ in range(8))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
EOF
host_only="$HOME/host-only-$$.txt"
echo "only on the host" >"$host_only"

sandbox=(flatpak run "--env=GTK_A11Y=atspi" "$APP")
sandbox_fake=(flatpak run "--env=GTK_A11Y=atspi" "--env=OPENAI_BASE_URL=$fake_url" "$APP")
var_app="$HOME/.var/app/$APP"
keyring_file="$var_app/data/keyrings/default.keyring"
# Keys typed into Preferences: one for the default server, one for the fake.
key_default="sk-flatpak-check-default-$$"
key_fake="sk-flatpak-check-fake-$$"
: >"$log_dir/runs.list"

# --- 3 (and 2): cold starts with no key ---------------------------------------
if selected welcome; then
  echo "==> 10 cold starts in the sandbox, no key stored"
  drive welcome sandbox-start starts --runs 10 --timeout 5 -- "${sandbox[@]}"

  if [ -n "$host_build" ] && [ -x "$host_build/src/openai-studio" ]; then
    echo "==> 10 cold starts of the host build ($host_build), for comparison"
    # A figure, not a check: its result line is only printed.
    run_driver host-start starts --runs 10 --timeout 5 -- \
      env GSETTINGS_SCHEMA_DIR="$host_build/data" "$host_build/src/openai-studio"
    echo "    host build: $driver_status $driver_text"
  else
    echo "==> no host build to compare with"
  fi
fi

# --- 4: the key, through Preferences, into the sandbox's keyring --------------
if selected keyring; then
  echo "==> A key typed into Preferences"
  drive keyring sandbox-key store-key --key "$key_default" --keyring "$keyring_file" -- \
    "${sandbox[@]}"
fi
if selected restart; then
  echo "==> A restart with the key stored"
  drive restart sandbox-restart stored -- "${sandbox[@]}"
fi
if selected chat; then
  echo "==> A chat against the fake server at $fake_url"
  drive chat sandbox-chat chat --key "$key_fake" --other-key "$key_default" \
    --message "Are you there, inside the sandbox?" --expect "$reply" --server-log "$server_log" \
    -- "${sandbox_fake[@]}"
fi

# --- 5: files handed over on the command line and by the desktop file ---------
if selected open-cli; then
  echo "==> photo.png on the command line (flatpak run --file-forwarding ... @@ photo.png @@)"
  (cd "$HOME" && drive open-cli sandbox-open-cli attached --name photo.png -- \
    flatpak run --env=GTK_A11Y=atspi "--env=OPENAI_BASE_URL=$fake_url" --file-forwarding "$APP" \
    @@ photo.png @@)
fi

if selected open-desktop; then
  desktop="$FLATPAK_USER_DIR/exports/share/applications/$APP.desktop"
  echo "==> photo.png through the exported desktop file's Exec line"
  exec_line="$(sed -n 's/^Exec=//p' "$desktop" 2>/dev/null | head -n 1 || true)"
  if [ -z "$exec_line" ]; then
    result open-desktop FAIL "no Exec line in $desktop"
  else
    echo "    Exec=$exec_line"
    # Expanded as a launcher does (Desktop Entry spec): %U/%u a file:// URI,
    # %F/%f a path, other field codes dropped.
    mapfile -t exec_argv < <("$PY" - "$exec_line" "$photo" <<'EOF'
import pathlib, shlex, sys
line, path = sys.argv[1], sys.argv[2]
uri = pathlib.Path(path).as_uri()
for arg in shlex.split(line):
    if arg in ("%U", "%u"):
        print(uri)
    elif arg in ("%F", "%f"):
        print(path)
    elif len(arg) == 2 and arg[0] == "%" and arg != "%%":
        continue
    else:
        print(arg.replace("%%", "%"))
EOF
    )
    # The session's environment carries GTK_A11Y and the fake server's URL,
    # as a desktop session's environment reaches what its launcher starts.
    drive open-desktop sandbox-open-desktop attached --name photo.png -- \
      env "OPENAI_BASE_URL=$fake_url" "${exec_argv[@]}"
  fi
fi

# --- 6: nothing on the host that was not handed over --------------------------
if selected sandbox; then
  echo "==> Host files the app was not handed"
  problems=()
  perms="$(flatpak info --show-permissions "$APP" 2>&1 || true)"
  echo "$perms" | sed 's/^/    /'
  if echo "$perms" | grep -q '^filesystems='; then
    problems+=("it has filesystem permissions: $(echo "$perms" | grep '^filesystems=')")
  fi
  if flatpak run --command=sh "$APP" -c 'test -e "$1"' sh "$host_only" \
    2>>"$log_dir/runs/sandbox-probe.err"; then
    problems+=("$host_only is visible inside")
  fi
  inside_home="$(flatpak run --command=sh "$APP" -c 'ls -A "$HOME"' \
    2>>"$log_dir/runs/sandbox-probe.err" | tr '\n' ' ')"
  echo "    inside, \$HOME holds: ${inside_home:-nothing}"
  for entry in $inside_home; do
    [ "$entry" = .var ] || problems+=("\$HOME inside shows $entry")
  done
  # Handed a host path by name, not through the document portal, the app
  # must not be able to read it.
  handed=""
  run_driver sandbox-plain-path attached --refused --name photo.png -- \
    "${sandbox_fake[@]}" "$photo"
  if [ "$driver_status" = PASS ]; then
    handed="$driver_text"
  else
    problems+=("given the host path of photo.png without the portal: $driver_text")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then
    result sandbox PASS "no filesystem permission; $host_only not visible inside; \$HOME" \
      "inside holds only ${inside_home:-nothing}; given a host path without the portal: $handed"
  else
    result sandbox FAIL "$(printf '%s; ' "${problems[@]}")"
  fi
fi

# --- 8: the app's data under ~/.var/app -----------------------------------------
if selected data-home; then
  echo "==> XDG_DATA_HOME inside the sandbox"
  data_home="$(flatpak run --command=sh "$APP" -c 'echo $XDG_DATA_HOME' \
    2>>"$log_dir/runs/sandbox-probe.err" || true)"
  history_db="$var_app/data/openai-studio/history.db"
  if [ "$data_home" != "$var_app/data" ]; then
    result data-home FAIL "XDG_DATA_HOME inside is “$data_home”, not $var_app/data"
  elif [ ! -s "$history_db" ]; then
    result data-home FAIL "XDG_DATA_HOME is $data_home, but the app left no $history_db"
  else
    result data-home PASS "XDG_DATA_HOME=$data_home; the app's history is in" \
      "${history_db#"$var_app/"} under it"
  fi
fi

# --- 2: the window mapped and the app said nothing on stderr, in every start ---
if selected window; then
  echo "==> The app's stderr in every sandboxed start"
  n_runs=0
  bad=()
  # Not counted: the key and restart starts use the default server,
  # https://api.openai.com/v1, which a CI machine may not reach, and what the
  # app then says about it depends on the network. Their stderr is shown.
  while read -r _ label run mapped stderr; do
    case "$label" in
      sandbox-key | sandbox-restart)
        if [ -s "${stderr#stderr=}" ]; then
          echo "    $run (not counted: it talks to api.openai.com) printed on stderr:"
          sed 's/^/      | /' "${stderr#stderr=}" | head -n 12
        fi
        continue
        ;;
      sandbox-*) ;;
      *) continue ;;
    esac
    n_runs=$((n_runs + 1))
    stderr="${stderr#stderr=}"
    if [ "$mapped" != mapped=1 ]; then
      bad+=("$run: the window never mapped")
    fi
    if [ -s "$stderr" ]; then
      echo "    $run printed on stderr:"
      sed 's/^/      | /' "$stderr" | head -n 12
      bad+=("$run: “$(grep -m1 -v '^\s*$' "$stderr" | cut -c1-120)”")
    fi
  done <"$log_dir/runs.list"
  if [ "$n_runs" -eq 0 ]; then
    result window FAIL "the app never started"
  elif [ "${#bad[@]}" -eq 0 ]; then
    result window PASS "in all $n_runs sandboxed starts (but the two that talk to" \
      "api.openai.com) the window mapped and stderr stayed empty"
  else
    result window FAIL "${#bad[@]} problem(s) in $n_runs starts: $(printf '%s; ' "${bad[@]:0:4}")"
  fi
fi
exit 0
