#!/usr/bin/env python3
"""Checks that po/POTFILES.in lists every file with translatable strings,
lists nothing else, and is sorted. Prints TAP."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
listed = [line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")]

patterns = {
    ".c": re.compile(r'\b(_|N_|C_|g_dngettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r'.'),
}
wanted = []
data = [p for p in sorted(root.glob("data/*.in")) if re.search(r"desktop|metainfo|gschema", p.name)]
for path in sorted(root.glob("src/**/*")) + data:
    pattern = patterns.get(path.suffix)
    if pattern and pattern.search(path.read_text(errors="replace")):
        wanted.append(str(path.relative_to(root)))

checks = [
    ("every file with translatable strings is listed", sorted(set(wanted) - set(listed))),
    ("every listed file exists and has translatable strings", sorted(set(listed) - set(wanted))),
    ("the list is sorted", [] if listed == sorted(listed) else ["not sorted"]),
]
print(f"1..{len(checks)}")
failed = False
for number, (name, problems) in enumerate(checks, 1):
    if problems:
        failed = True
        print(f"not ok {number} - {name}: {', '.join(problems)}")
    else:
        print(f"ok {number} - {name}")
sys.exit(1 if failed else 0)
