#!/usr/bin/env bash
# Usage: build-aux/flatpak-check.sh
#
# Builds the Flatpak of OpenAI Studio from the unchanged manifest
# (org.example.OpenAIStudio.json), installs it for the current user, and
# checks the installed app in a real bubblewrap sandbox with real portals:
#
#    1 build         flatpak-builder builds and installs it (not again when
#                    nothing changed since the installed build; see below)
#    2 window        the window maps, and nothing is printed on the app's
#                    stderr, in every sandboxed start below (but the two that
#                    reach out to api.openai.com: their stderr is only shown)
#    3 welcome       with no key stored, the welcome page shows within 5 s in
#                    each of 10 cold starts (read through AT-SPI, from outside)
#    4 keyring       a key typed into Preferences lands in the sandbox's own
#                    ~/.var/app/org.example.OpenAIStudio/data/keyrings/default.keyring
#      restart       ... and survives a restart: no welcome page, and
#                    Preferences says the key is stored
#      chat          a chat against a fake OpenAI server on 127.0.0.1
#                    (OPENAI_BASE_URL via flatpak run --env=) streams a reply
#                    into the accessibility tree, sent with the key typed in
#    5 open-cli      a PNG given on the command line is attached in Chat
#                    (flatpak run --file-forwarding ... @@ photo.png @@)
#      open-desktop  ... and through the exported desktop file's Exec line
#    6 sandbox       no host path is visible that was not handed over
#    7 desktop       the exported desktop file is where launchers look, valid
#      icons         the exported icons are under exports/share/icons/hicolor
#      metainfo      the metainfo and the installed ref's AppStream are there
#                    and valid
#    8 data-home     XDG_DATA_HOME inside is under ~/.var/app/org.example.OpenAIStudio
#
# and prints figures: the check's own time, the installed size, and the
# median launch-to-welcome time of the 10 sandboxed starts and of 10 starts
# of a host build of the same source (built with build-aux/setup.sh into
# ~/.cache/openai-studio-flatpak/host-build), in the same session.
#
# Flathub cannot be reached from these machines: the org.gnome.Platform//50
# and org.gnome.Sdk//50 it builds against are STAND-INS assembled from this
# machine's Debian 12 packages by ../shared/flatpak-standin/build.sh (GTK 4.8,
# libadwaita 1.2, libsecret 0.20...), not GNOME 50's libraries. They test the
# packaging, the permissions and the sandbox, not the newer libraries.
#
# The build is made from a clean copy of the working tree (tracked and
# untracked, not ignored files), so _build* directories never reach it. What
# is missing is installed first: the copy's build-aux/setup.sh installs its
# package list (and makes the host build); the stand-in's build.sh installs
# its own. Caches, the copy and the logs of the last run live in
# ~/.cache/openai-studio-flatpak/ (logs/: results, flatpak-builder.log,
# session/runs/*.err with each app start's stderr, session/services/*.log).
#
# The last line of output is always "N passed, N failed" (.ci/run parses it).
# Exit status: 0 if every check passed, 1 if any failed (a failed set-up or
# build fails the checks that could not run), 77 if bubblewrap cannot create
# a sandbox here; then the last line is "0 passed, 0 failed, 1 skipped".
#
# Environment:
#   STUDIO_SHARED_DIR      the folder holding flatpak-standin/ (default: the
#                          repository's sibling ../shared, else /work/shared)
#   FLATPAK_CHECK_CACHE    cache folder (default ~/.cache/openai-studio-flatpak)
#   FLATPAK_CHECK_SOURCE   "worktree" (default), or a commit (HEAD, a hash) to
#                          build that commit instead, e.g. to tell a committed
#                          state from work in progress
#   FLATPAK_CHECK_REBUILD  1: build even if nothing changed since the installed
#                          build (flatpak-builder cannot cache a "dir" source,
#                          so an unchanged tree is otherwise not rebuilt)
#   FLATPAK_CHECK_ONLY     space-separated check ids to run, for debugging; the
#                          rest are skipped (and counted as such)
# shellcheck disable=SC1111,SC2317  # typographic quotes in messages; functions called through "check_$id"
set -euo pipefail

START_NS="$(date +%s%N)"
APP=org.example.OpenAIStudio
MANIFEST="$APP.json"
PY=/usr/bin/python3 # Debian's, with gi; `python3` may be a pyenv shim
CHECKS=(build window welcome keyring restart chat open-cli open-desktop sandbox desktop icons
  metainfo data-home)

# The repository, wherever it was cloned (symlinks resolved).
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
CACHE="${FLATPAK_CHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openai-studio-flatpak}"
LOGS="$CACHE/logs"
RESULTS="$LOGS/results"
HOST_BUILD="$CACHE/host-build" # the same source as the Flatpak, built on the host
export FLATPAK_USER_DIR="${FLATPAK_USER_DIR:-$HOME/.local/share/flatpak}"

say() { echo "==> [$(elapsed_s) s] $*"; }

# result ID PASS|FAIL|SKIP TEXT...: records one check's outcome.
result() {
  local id="$1" status="$2"
  shift 2
  echo "RESULT $id $status $*" >>"$RESULTS"
  echo "==> [$status] $id: $*"
}

# show_log FILE: the end of a log, for a failure's explanation.
show_log() {
  echo "---- last lines of $1 ----"
  tail -n "${2:-25}" "$1" || true
  echo "----"
}

elapsed_s() { $PY -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.1f}')" \
  "$START_NS" "$(date +%s%N)"; }

# summary: prints every check's result, the figures and the count line, and
# exits 0 or 1. Checks with no result (never reached) count as failed.
summary() {
  local passed=0 failed=0 skipped=0 id line status text
  echo
  say "Summary (runtimes: STAND-IN org.gnome.Platform//50 and org.gnome.Sdk//50 made from" \
    "Debian 12 packages, not GNOME 50's libraries)"
  for id in "${CHECKS[@]}"; do
    line="$(grep "^RESULT $id " "$RESULTS" 2>/dev/null | tail -n 1 || true)"
    if [ -z "$line" ]; then
      status=FAIL text="not run: ${NOT_RUN_REASON:-an earlier step failed}"
    else
      line="${line#RESULT "$id" }"
      status="${line%% *}" text="${line#* }"
    fi
    case "$status" in
      PASS) passed=$((passed + 1)) ;;
      SKIP) skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)) status=FAIL ;;
    esac
    printf '  %-4s %-13s %s\n' "$status" "$id" "$text"
  done
  figures
  local count="$passed passed, $failed failed"
  [ "$skipped" -eq 0 ] || count="$count, $skipped skipped"
  echo "$count"
  if [ "$failed" -eq 0 ]; then exit 0; fi
  exit 1
}

figure_value() { sed -n "s/^FIGURE $1 //p" "$RESULTS" 2>/dev/null | tail -n 1; }

figures() {
  local sandbox host count size
  echo
  say "Figures"
  echo "  time for the whole check:        $(elapsed_s) s"
  size="$(flatpak --user info --show-size "$APP" 2>/dev/null | tr -d ' \n' || true)"
  if [[ "$size" =~ ^[0-9]+$ ]]; then
    echo "  installed size of the app:       $((size / 1000)) kB ($size bytes; flatpak info --show-size)"
  fi
  sandbox="$(figure_value sandbox-start-median)"
  count="$(figure_value sandbox-start-count)"
  if [ -n "$sandbox" ]; then
    echo "  launch to welcome page, sandbox: median $sandbox s of $count starts (flatpak run)"
  else
    echo "  launch to welcome page, sandbox: not measured"
  fi
  host="$(figure_value host-start-median)"
  count="$(figure_value host-start-count)"
  if [ -n "$host" ]; then
    echo "  launch to welcome page, host:    median $host s of $count starts" \
      "(${HOST_BUILD/#$HOME/\~}/src/openai-studio)"
  else
    echo "  launch to welcome page, host:    not measured"
  fi
  echo "  (the runtimes are stand-ins made from Debian 12 packages, not GNOME 50's libraries)"
}

# skip_all REASON: bubblewrap cannot sandbox here; nothing can be checked.
skip_all() {
  say "SKIP: $*"
  say "No check can run without a sandbox; this is not a failure of the app."
  echo "0 passed, 0 failed, 1 skipped"
  exit 77
}

# require_sandbox: exits 77 unless bubblewrap can create a sandbox here.
require_sandbox() {
  if ! command -v bwrap >/dev/null 2>&1; then
    skip_all "bubblewrap (bwrap) is not installed and could not be installed"
  fi
  if ! bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all true 2>"$LOGS/bwrap.log"; then
    skip_all "bubblewrap cannot create a sandbox here ($(head -n 1 "$LOGS/bwrap.log"))"
  fi
}

# find_standin: the stand-in's folder. The repository lives in /work/main in
# development and elsewhere in CI (a fresh clone), so look next to its real
# location first, then in /work/shared.
find_standin() {
  local dir
  for dir in ${STUDIO_SHARED_DIR:+"$STUDIO_SHARED_DIR"} "$REPO/../shared" /work/shared; do
    if [ -x "$dir/flatpak-standin/build.sh" ] || [ -f "$dir/flatpak-standin/build.sh" ]; then
      (cd "$dir/flatpak-standin" && pwd -P)
      return 0
    fi
  done
  return 1
}

# copy_source DEST: a clean copy of what would be committed (tracked and
# untracked files that are not ignored, as they are now), or of a commit.
copy_source() {
  local dest="$1"
  rm -rf "$dest"
  mkdir -p "$dest"
  if [ "${FLATPAK_CHECK_SOURCE:-worktree}" != worktree ]; then
    git -C "$REPO" archive "$FLATPAK_CHECK_SOURCE" | tar -x -C "$dest"
    return
  fi
  # Files deleted but not yet committed are listed by git and skipped here.
  git -C "$REPO" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do
      if [ -e "$REPO/$f" ] || [ -L "$REPO/$f" ]; then printf '%s\0' "$f"; fi
    done |
    tar -C "$REPO" --null --no-recursion -T - -cf - | tar -C "$dest" -xf -
}

# source_identity: "worktree", or the commit FLATPAK_CHECK_SOURCE names.
source_identity() {
  if [ "${FLATPAK_CHECK_SOURCE:-worktree}" = worktree ]; then
    echo worktree
  else
    git -C "$REPO" rev-parse "$FLATPAK_CHECK_SOURCE^{commit}"
  fi
}

# tree_key DIR: a hash of what the build depends on: every file of DIR (path,
# mode and content), the installed runtimes' commits, flatpak-builder's version.
tree_key() {
  {
    (cd "$1" && find . \( -type f -o -type l \) -printf '%p %m %l\n' | LC_ALL=C sort)
    (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    flatpak --user info --show-commit org.gnome.Platform//50 2>&1
    flatpak --user info --show-commit org.gnome.Sdk//50 2>&1
    flatpak-builder --version 2>&1
  } | sha256sum | cut -d' ' -f1
}

# seed_md4c STATE_DIR: puts the manifest's md4c tarball in flatpak-builder's
# download cache from Debian's source package (the build never downloads).
seed_md4c() {
  local state="$1" sha url name
  read -r sha url < <($PY - "$REPO/$MANIFEST" <<'EOF'
import json, sys
manifest = json.load(open(sys.argv[1]))
for module in manifest["modules"]:
    if isinstance(module, dict) and module.get("name") == "md4c":
        for source in module["sources"]:
            if source.get("type") == "archive":
                print(source["sha256"], source["url"])
EOF
  )
  name="${url##*/}"
  # Debian's md4c 0.5.2-2 (trixie) carries the same upstream tarball.
  case "$name" in
    release-0.5.2.tar.gz) ;;
    *)
      echo "the manifest's md4c is now $name: update the Debian version in seed_md4c()" >&2
      return 1
      ;;
  esac
  bash "$STANDIN/fetch-orig.sh" "$state" "$sha" "$name" md4c=0.5.2-2 trixie
}

# --- static checks of what was installed (7) ---------------------------------

check_desktop() {
  local desktop="$FLATPAK_USER_DIR/exports/share/applications/$APP.desktop" out exec_line
  if [ ! -f "$desktop" ]; then
    result desktop FAIL "no $desktop"
    return
  fi
  out="$(desktop-file-validate "$desktop" 2>&1)" || {
    result desktop FAIL "desktop-file-validate: $(echo "$out" | head -n 3 | tr '\n' ' ')"
    return
  }
  [ -z "$out" ] || echo "$out" | sed 's/^/    /'
  exec_line="$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)"
  if [[ "$exec_line" != *"flatpak run"*"--file-forwarding $APP @@"* ]]; then
    result desktop FAIL "Exec does not forward files through the portal: $exec_line"
  elif [ -n "$out" ]; then
    result desktop FAIL "${desktop/#$HOME/\~} has problems: $(echo "$out" | head -n 2 | tr '\n' ' ')"
  else
    result desktop PASS "${desktop/#$HOME/\~} validates; Exec=$exec_line"
  fi
}

check_icons() {
  local icons="$FLATPAK_USER_DIR/exports/share/icons/hicolor" name found=() bad=()
  name="$(sed -n 's/^Icon=//p' "$FLATPAK_USER_DIR/exports/share/applications/$APP.desktop" \
    2>/dev/null | head -n 1)"
  for f in "$icons"/*/apps/"$APP".* "$icons"/*/apps/"$APP"-symbolic.*; do
    [ -e "$f" ] || continue
    found+=("${f#"$icons/"}")
    case "$f" in
      *.svg) $PY -c 'import sys, xml.etree.ElementTree as E
sys.exit(0 if E.parse(sys.argv[1]).getroot().tag.endswith("svg") else 1)' "$f" 2>/dev/null ||
        bad+=("${f#"$icons/"} is not an SVG") ;;
      *.png) [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
        bad+=("${f#"$icons/"} is not a PNG") ;;
    esac
  done
  if [ "$name" != "$APP" ]; then
    result icons FAIL "the desktop file's Icon is “$name”, not $APP"
  elif [ "${#found[@]}" -eq 0 ] || [[ " ${found[*]} " != *" scalable/apps/$APP.svg "* ]]; then
    result icons FAIL "no scalable/apps/$APP.svg under ${icons/#$HOME/\~} (found: ${found[*]:-none})"
  elif [ "${#bad[@]}" -gt 0 ]; then
    result icons FAIL "${bad[*]}"
  else
    result icons PASS "${icons/#$HOME/\~}: ${found[*]}"
  fi
}

check_metainfo() {
  local files="$FLATPAK_USER_DIR/app/$APP/current/active/files" metainfo="" out catalog
  local exported="$FLATPAK_USER_DIR/exports/share/metainfo" problems=() where
  # flatpak-builder 1.2 (Debian 12's) moves share/metainfo/ID.metainfo.xml to
  # the legacy share/appdata/ID.appdata.xml; later versions keep it.
  for f in "$files/share/metainfo/$APP.metainfo.xml" "$files/share/appdata/$APP.appdata.xml"; do
    if [ -f "$f" ]; then metainfo="$f"; break; fi
  done
  if [ -z "$metainfo" ]; then
    result metainfo FAIL "no metainfo in $files/share/metainfo (nor share/appdata)"
    return
  fi
  where="files/${metainfo#"$files/"}"
  [[ "$metainfo" == */appdata/* ]] && where="$where (moved there from share/metainfo by flatpak-builder 1.2)"
  if ! out="$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1)"; then
    problems+=("appstreamcli validate: $(echo "$out" | grep -E '^(E|W):' | head -n 3 | tr '\n' ' ')")
  fi
  echo "$out" | grep -E '^[EWI]:' | sed 's/^/    metainfo: /' || true
  ls "$exported"/"$APP".*.xml >/dev/null 2>&1 || problems+=("not exported under exports/share/metainfo")
  # The installed ref's AppStream: what flatpak-builder composed, and what a
  # repository's appstream branch (a software centre's source) is made of.
  catalog="$files/share/app-info/xmls/$APP.xml.gz"
  if [ ! -f "$catalog" ]; then
    problems+=("no AppStream catalog $catalog")
  else
    out="$($PY - "$catalog" "$APP" "$files/share/app-info/icons/flatpak" <<'EOF' 2>&1
import gzip, os, sys, xml.etree.ElementTree as E
catalog, app, icons = sys.argv[1:]
root = E.fromstring(gzip.open(catalog).read())
comps = [c for c in root.iter("component") if c.findtext("id") == app]
if not comps:
    sys.exit(f"{app} is not in {catalog}")
c = comps[0]
missing = [t for t in ("name", "summary", "description") if c.find(t) is None]
if missing:
    sys.exit("the catalog's entry has no " + ", ".join(missing))
cached = [i for i in c.findall("icon") if i.get("type") == "cached"]
for i in cached:
    path = os.path.join(icons, f"{i.get('width')}x{i.get('height')}", i.text)
    if not os.path.isfile(path):
        sys.exit(f"the catalog's icon {path} is missing")
if not cached:
    sys.exit("the catalog's entry has no cached icon")
print(f"{c.findtext('name')}, {len(cached)} cached icons, {len(c.findall('releases/release'))} releases")
EOF
    )" || problems+=("$out")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then
    result metainfo PASS "$where validates (appstreamcli validate --no-net); exported; the ref's" \
      "AppStream (files/share/app-info) lists $out"
  else
    result metainfo FAIL "$(printf '%s; ' "${problems[@]}")"
  fi
}

# --- main ---------------------------------------------------------------------

mkdir -p "$CACHE"
# One check at a time: they share the user installation and /run/user/UID/doc.
exec 9>"$CACHE/lock"
if ! flock -w 900 9; then
  echo "another flatpak-check.sh has held $CACHE/lock for 15 minutes" >&2
  echo "0 passed, ${#CHECKS[@]} failed"
  exit 1
fi
rm -rf "$LOGS"
mkdir -p "$LOGS"
: >"$RESULTS"
say "Logs: $LOGS"

# Without a sandbox there is nothing to check: say so before building anything
# (and again after setup.sh, which installs bubblewrap when it is missing).
if command -v bwrap >/dev/null 2>&1; then require_sandbox; fi

say "Copying the ${FLATPAK_CHECK_SOURCE:-worktree} to $CACHE/src"
if ! copy_source "$CACHE/src" 2>"$LOGS/copy.log"; then
  show_log "$LOGS/copy.log"
  NOT_RUN_REASON="the source tree could not be copied"
  result build FAIL "could not copy the source tree (is $REPO a git checkout?)"
  summary
fi

# setup.sh installs the missing packages (its list includes what this check
# needs) and builds the copy on the host, for the host's start-up figure.
say "Installing what is missing, and the host build (setup.sh; log: $LOGS/setup.log)"
host_build_dir="$HOST_BUILD"
# A commit's files carry its date, the worktree's their own: switching
# between them could leave ninja with older files than it last built, so
# the host build starts again when the kind of source changes.
source_id="$(source_identity)"
if [ "$(cat "$HOST_BUILD.source" 2>/dev/null)" != "$source_id" ]; then
  rm -rf "$HOST_BUILD"
fi
echo "$source_id" >"$HOST_BUILD.source"
if ! bash "$CACHE/src/build-aux/setup.sh" "$HOST_BUILD" >"$LOGS/setup.log" 2>&1; then
  show_log "$LOGS/setup.log" 15
  say "setup.sh failed: there will be no host figure; going on with what is installed"
  host_build_dir=""
fi

require_sandbox

NOT_RUN_REASON="the stand-in runtimes could not be built"
if ! STANDIN="$(find_standin)"; then
  result build FAIL "flatpak-standin/build.sh not found in \$STUDIO_SHARED_DIR," \
    "$REPO/../shared or /work/shared"
  summary
fi
say "Stand-in runtimes ($STANDIN/build.sh; cached until the installed packages change)"
standin_rc=0
bash "$STANDIN/build.sh" >"$LOGS/standin.log" 2>&1 || standin_rc=$?
tail -n 1 "$LOGS/standin.log" | sed 's/^/    /'
if [ "$standin_rc" -eq 77 ]; then
  skip_all "the stand-in's build.sh says bubblewrap cannot create a sandbox here"
elif [ "$standin_rc" -ne 0 ]; then
  show_log "$LOGS/standin.log"
  result build FAIL "the stand-in runtimes did not build (exit $standin_rc)"
  summary
fi

NOT_RUN_REASON="the app did not build"
state="$CACHE/state"
say "Seeding flatpak-builder's download cache with md4c from Debian"
if ! seed_md4c "$state" >"$LOGS/fetch-orig.log" 2>&1; then
  show_log "$LOGS/fetch-orig.log"
  result build FAIL "could not seed md4c's tarball (fetch-orig.sh)"
  summary
fi

# flatpak-builder always rebuilds a "dir" source (it cannot checksum one),
# so the same tree on the same runtimes is not built again: the build is
# skipped when the copy, the runtimes and flatpak-builder are those of the
# installed build, and that build is still what is installed.
build_key="$(tree_key "$CACHE/src")"
installed_commit="$(flatpak --user info --show-commit "$APP" 2>/dev/null || true)"
if [ "${FLATPAK_CHECK_REBUILD:-}" != 1 ] && [ -n "$installed_commit" ] &&
  [ "$(cat "$CACHE/build.stamp" 2>/dev/null)" = "$build_key $installed_commit" ]; then
  result build PASS "unchanged since the installed build ($(flatpak --user info "$APP" |
    sed -n 's/^ *Date: //p')): the same source, runtimes and flatpak-builder, so not built" \
    "again (FLATPAK_CHECK_REBUILD=1 forces it)"
else
  say "flatpak-builder --user --install $MANIFEST (log: $LOGS/flatpak-builder.log)"
  rm -f "$CACHE/build.stamp"
  build_start=$SECONDS
  if (cd "$CACHE/src" && flatpak-builder --user --install --force-clean --disable-download \
    --state-dir="$state" "$CACHE/build" "$MANIFEST") >"$LOGS/flatpak-builder.log" 2>&1 &&
    installed_commit="$(flatpak --user info --show-commit "$APP" 2>/dev/null)"; then
    echo "$build_key $installed_commit" >"$CACHE/build.stamp"
    result build PASS "built and installed $(flatpak --user info "$APP" | sed -n 's/^ *Ref: //p')" \
      "in $((SECONDS - build_start)) s (${FLATPAK_CHECK_SOURCE:-worktree})"
  else
    show_log "$LOGS/flatpak-builder.log"
    result build FAIL "flatpak-builder failed (log: $LOGS/flatpak-builder.log)"
    summary
  fi
fi
NOT_RUN_REASON="the headless session stopped early (log: $LOGS/session.log)"

say "Running the installed app in a headless session (Xvfb, D-Bus, gnome-keyring, portals)"
bash "$REPO/build-aux/headless.sh" bash "$REPO/build-aux/flatpak-check-session.sh" \
  "$RESULTS" "$LOGS/session" "$host_build_dir" 2>&1 | tee "$LOGS/session.log" |
  grep -v -e 'dbind-WARNING' -e '^dbus-daemon\[' -e '^ *$' || true

say "What a software centre reads"
for id in desktop icons metainfo; do
  if [ -z "${FLATPAK_CHECK_ONLY:-}" ] || [[ " $FLATPAK_CHECK_ONLY " == *" $id "* ]]; then
    "check_$id"
  else
    result "$id" SKIP "not selected (FLATPAK_CHECK_ONLY=$FLATPAK_CHECK_ONLY)"
  fi
done

summary
