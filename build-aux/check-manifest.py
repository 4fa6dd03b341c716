#!/usr/bin/env python3
"""Check the Flatpak manifest's identity, sandbox and source pinning.

Usage: check-manifest.py MANIFEST APP_ID COMMAND

Prints TAP ("1..N", then "ok i - ..." / "not ok i - ...") and exits 1 if
any check fails. Standard library only.
"""

import json
import os
import sys

REQUIRED_ARGS = ("--share=network", "--socket=wayland", "--socket=fallback-x11")
# Permissions the app must not ask for: host files, arbitrary bus names,
# the whole session/system bus, all devices.
FORBIDDEN_PREFIXES = (
    "--filesystem",
    "--talk-name",
    "--own-name",
    "--system-talk-name",
    "--socket=session-bus",
    "--socket=system-bus",
    "--device=all",
)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def expand(items, base_dir, problems):
    """Yield module/source dicts; strings name JSON files (flatpak-builder
    allows that) and are loaded relative to the manifest."""
    for item in items or []:
        if isinstance(item, str):
            path = os.path.join(base_dir, item)
            try:
                loaded = load_json(path)
            except (OSError, ValueError) as e:
                problems.append("cannot load %s: %s" % (item, e))
                continue
            if isinstance(loaded, list):  # a file may hold a list of sources
                for sub in loaded:
                    if isinstance(sub, dict):
                        yield sub
            elif isinstance(loaded, dict):
                yield loaded
        elif isinstance(item, dict):
            yield item


def all_modules(modules, base_dir, problems):
    """All modules, depth first, including nested "modules"."""
    for m in expand(modules, base_dir, problems):
        yield m
        yield from all_modules(m.get("modules"), base_dir, problems)


def main(argv):
    if len(argv) != 4:
        print("usage: %s MANIFEST APP_ID COMMAND" % argv[0], file=sys.stderr)
        return 2
    manifest_path, app_id, command = argv[1:]
    base_dir = os.path.dirname(os.path.abspath(manifest_path))

    try:
        m = load_json(manifest_path)
        if not isinstance(m, dict):
            raise ValueError("top level is not an object")
    except (OSError, ValueError) as e:
        print("1..1")
        print("not ok 1 - %s is valid JSON" % manifest_path)
        print("# %s" % e)
        return 1

    checks = []  # (passed, description, [diagnostics])

    def check(passed, description, diag=()):
        checks.append((bool(passed), description, list(diag)))

    mid = m.get("id", m.get("app-id"))
    check(mid == app_id, "id is %s" % app_id, ["found %r" % (mid,)])
    check(m.get("command") == command, "command is %s" % command,
          ["found %r" % (m.get("command"),)])
    check(m.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform",
          ["found %r" % (m.get("runtime"),)])
    check(m.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk",
          ["found %r" % (m.get("sdk"),)])
    rv = m.get("runtime-version")
    check(isinstance(rv, str) and rv.isdigit() and rv.isascii(),
          "runtime-version is a string of digits", ["found %r" % (rv,)])

    args = m.get("finish-args") or []
    if not isinstance(args, list):
        args = []
    for req in REQUIRED_ARGS:
        check(req in args, "finish-args has %s" % req)
    bad = [a for a in args
           if isinstance(a, str) and a.startswith(FORBIDDEN_PREFIXES)]
    check(not bad, "finish-args asks for no broad permissions",
          ["forbidden: %s" % a for a in bad])

    problems = []
    top = list(expand(m.get("modules"), base_dir, problems))
    last = top[-1] if top else {}
    check(last.get("name") == "openai-studio", "last module is openai-studio",
          ["found %r" % (last.get("name"),)])
    check(last.get("buildsystem") == "meson", "last module builds with meson",
          ["found %r" % (last.get("buildsystem"),)])
    own = list(expand(last.get("sources"), base_dir, problems))
    check(any(s.get("type") == "dir" and s.get("path") == "." for s in own),
          "last module builds the checkout (dir source, path \".\")")

    unpinned_git, unhashed = [], []
    for mod in all_modules(m.get("modules"), base_dir, problems):
        name = mod.get("name", "?")
        for src in expand(mod.get("sources"), base_dir, problems):
            kind = src.get("type")
            where = "%s: %s" % (name, src.get("url") or src.get("path") or kind)
            if kind == "git":
                # A tag or branch alone can move; the commit pins it.
                if not src.get("commit"):
                    unpinned_git.append(where)
            elif kind in ("archive", "file"):
                # Downloads need a checksum; a local "path" is part of the
                # checkout and pinned by it.
                if src.get("url") and not src.get("sha256"):
                    unhashed.append(where)
    check(not unpinned_git, "every git source is pinned to a commit",
          ["not pinned: %s" % w for w in unpinned_git])
    check(not unhashed, "every downloaded archive/file has a sha256",
          ["no sha256: %s" % w for w in unhashed])
    check(not problems, "all referenced module/source files load", problems)

    print("1..%d" % len(checks))
    failed = 0
    for i, (passed, description, diag) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", i, description))
        if not passed:
            failed += 1
            for d in diag:
                print("# %s" % d)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
