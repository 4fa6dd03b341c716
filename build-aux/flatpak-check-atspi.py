#!/usr/bin/python3
"""Drives OpenAI Studio from outside, through its accessibility tree (AT-SPI).

Used by build-aux/flatpak-check-session.sh inside build-aux/headless.sh. Each
subcommand launches the app with CMD (a `flatpak run ...` line or the host
binary), does one scenario the way a user would (reading what is on screen
through AT-SPI, pressing buttons through AT-SPI actions, typing with synthetic
X key events), quits the app through its `app.quit` action and prints:

  RUN <name> mapped=<0|1> stderr=<file>   one per app start (for the stderr check)
  FIGURE <name> <value>                   figures the caller may print
  RESULT PASS|FAIL <what happened>        last line

It exits 0 when the scenario passed, 1 when it failed, 2 on bad usage.

  starts    --runs N --timeout S [--warmup W]
                                   W untimed starts (default 1), then N cold starts; the
                                   welcome page must show within S s of each launch; prints
                                   the median time to it
  store-key --key K --keyring F    opens Preferences (from the welcome page, or the main menu
                                   when the welcome page is not there), types K into New API
                                   Key, applies, waits until Preferences says the key is
                                   stored, and checks that keyring file F was written
  stored                           a restart: opens Preferences from the main menu; it must say
                                   a key for this server is stored, and the welcome page must
                                   never have been shown
  chat --key K --message M --expect TEXT --server-log F
                                   types K into Preferences, sends M in Chat, waits for TEXT in
                                   the reply; the fake server must have seen M with `Bearer K`
  attached --name NAME [--refused] NAME is attached in Chat; with --refused, the app must say
                                   it could not open NAME and attach nothing

Common options: --log-dir DIR (the app's stdout/stderr go to DIR/<label>-<i>.out/.err),
--label LABEL, then `--` and CMD.

Why "allocated" means "shown": GTK 4.8 exports the pages of a GtkStack that are not on
screen, and never sets SHOWING below a window (see tests/a11y-dump.c), so the tree alone
cannot say which page is visible. But GtkStack only allocates the page it shows: a page
that has never been shown in this process reports 0x0 extents. Each start is a fresh
process, so the welcome page having a size means it has been put on screen. (The same
page says "The Keyring Could Not Be Read" when the lookup fails: only its welcome title
counts as the welcome page.)

The app's stderr is never read here; the caller checks the files it was written to.
"""

import argparse
import faulthandler
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

APP_NAME = "openai-studio"  # g_get_prgname(), on the host and in the sandbox
APP_ID = "org.example.OpenAIStudio"
APP_PATH = "/org/example/OpenAIStudio"
WINDOW_TITLE = "OpenAI Studio"
WELCOME_TITLE = "Welcome to OpenAI Studio"
KEY_STORED = "A key for this server is stored in the system keyring"
POLL_S = 0.02


STARTED = time.monotonic()


def step(message):
    """A line of progress for the log, with the time since the driver began."""
    print(f"[{time.monotonic() - STARTED:6.2f} s] {message}", flush=True)


class Failed(Exception):
    """The scenario failed; the message says what was seen."""


# --- AT-SPI helpers -------------------------------------------------------

def pump():
    """Lets libatspi handle the events it has been sent (new apps, new windows)."""
    ctx = GLib.MainContext.default()
    while ctx.iteration(False):
        pass


def safe(fn, default=None):
    """Calls fn; objects vanish while the UI changes, which is not an error here."""
    try:
        return fn()
    except GLib.Error:
        return default


def children(acc, reverse=False):
    if acc is None:  # e.g. find_app() once the app has left the bus
        return
    n = safe(acc.get_child_count, 0)
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        child = safe(lambda: acc.get_child_at_index(i))
        if child is not None:
            yield child


def walk(acc, reverse=False):
    yield acc
    for child in children(acc, reverse):
        yield from walk(child, reverse)


def name_of(acc):
    return safe(acc.get_name, "") or ""


def role_of(acc):
    return safe(acc.get_role_name, "") or ""


def find(root, role=None, name=None, contains=None, actionable=False, reverse=False):
    """The first node (depth first) with this role and name (or name part)."""
    if root is None:
        return None
    for acc in walk(root, reverse):
        if role is not None and role_of(acc) != role:
            continue
        nm = name_of(acc)
        if name is not None and nm != name:
            continue
        if contains is not None and contains not in nm:
            continue
        if actionable and safe(acc.get_n_actions, 0) == 0:
            continue
        return acc
    return None


def size_of(acc):
    ext = safe(lambda: acc.get_extents(Atspi.CoordType.WINDOW))
    return (ext.width, ext.height) if ext is not None else (0, 0)


def allocated(acc):
    w, h = size_of(acc)
    return w > 0 and h > 0


def has_state(acc, state):
    states = safe(acc.get_state_set)
    return states is not None and states.contains(state)


def click(acc):
    """Presses a button (or menu item) through its AT-SPI action."""
    if not safe(lambda: acc.do_action(0), False):
        raise Failed(f"could not press “{name_of(acc)}”")


def find_app():
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        if name_of(app) == APP_NAME:
            # Every call then goes to the app: a cache would keep names,
            # states and children that the app has since changed. (Only for
            # the app: other clients on the bus, such as the GTK portal, may
            # never answer, and the registry's cache knows their names.)
            app.set_cache_mask(Atspi.Cache.NONE)
            return app
    return None


def frame(app, title):
    for child in children(app):
        if role_of(child) == "frame" and name_of(child) == title:
            return child
    return None


def wait_for(cond, timeout, what):
    """Polls cond() until it returns something true; Failed after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        pump()
        value = safe(cond)
        if value:
            return value
        if time.monotonic() >= deadline:
            raise Failed(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(POLL_S)


# --- X helpers --------------------------------------------------------------

def x_window(title):
    """(id, abs_x, abs_y, width, height) of the app's X toplevel with this title."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    pattern = re.compile(r'^\s*(0x[0-9a-f]+) "' + re.escape(title) + r'": \("' + APP_NAME +
                         r'" [^)]*\)\s+(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)', re.M)
    m = pattern.search(tree)
    if not m:
        return None
    return m.group(1), int(m.group(4)), int(m.group(5)), int(m.group(2)), int(m.group(3))


def x_mapped(title):
    win = x_window(title)
    if win is None:
        return False
    info = subprocess.run(["xwininfo", "-id", win[0]], capture_output=True, text=True).stdout
    return "Map State: IsViewable" in info


def type_into(window_frame, title, acc, text):
    """Clicks acc (to give it the keyboard focus) and types text with XTest.

    AT-SPI's EditableText is not used: on libadwaita 1.2's entry rows GTK 4.8
    answers SetTextContents and InsertText with success, but the row never
    sees a change (its Apply button does not appear). Real key presses are
    what a user sends anyway.
    """
    win = wait_for(lambda: x_window(title), 5, f"the X window “{title}”")
    fw, fh = size_of(window_frame)
    margin_x, margin_y = (win[3] - fw) // 2, (win[4] - fh) // 2
    ext = acc.get_extents(Atspi.CoordType.WINDOW)
    x = win[1] + margin_x + ext.x + ext.width // 2
    y = win[2] + margin_y + ext.y + ext.height // 2
    # The X server delivers the click and the keys in order, and GTK moves
    # the focus on the click, so the keys go where the click went.
    Atspi.generate_mouse_event(x, y, "b1c")
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)


# --- the app's process ----------------------------------------------------

class App:
    """One start of the app, with its output in files of its own."""

    current = None  # the running one, for the watchdog

    def __init__(self, cmd, log_dir, name):
        self.name = name
        self.err_path = os.path.join(log_dir, name + ".err")
        self.out_path = os.path.join(log_dir, name + ".out")
        if find_app() is not None:
            raise Failed("another instance of the app is still on the accessibility bus")
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=open(self.out_path, "wb"),
                                     stderr=open(self.err_path, "wb"))
        App.current = self
        self.mapped = False

    def elapsed(self):
        return time.monotonic() - self.t0

    def wait_window(self, timeout=30):
        """The main window's accessible, once its X window is mapped."""
        def ready():
            if self.proc.poll() is not None:
                raise Failed(f"the app exited with status {self.proc.returncode} before its "
                             f"window appeared (stderr: {self.err_path})")
            app = find_app()
            return app is not None and frame(app, WINDOW_TITLE)
        win = wait_for(ready, timeout, "the main window on the accessibility bus")
        self.mapped = wait_for(lambda: x_mapped(WINDOW_TITLE), 5, "the window to map")
        return win

    def kill(self):
        """Stops this start of the app, and only it.

        Killing `flatpak run`'s process (bwrap) is not enough: the sandbox's
        own bwrap is then left to init and the app keeps running. So the
        sandbox instance whose wrapper is our child is killed through flatpak.
        """
        ps = subprocess.run(["flatpak", "ps", "--columns=instance,pid"], capture_output=True,
                            text=True)
        for line in ps.stdout.splitlines():
            fields = line.split()
            if len(fields) == 2 and fields[1] == str(self.proc.pid):
                subprocess.run(["flatpak", "kill", fields[0]], capture_output=True)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def quit(self):
        """Quits through the app's own action, as Ctrl+Q would, and waits for it."""
        step(f"quitting {self.name}")
        problem = None
        if self.proc.poll() is None:
            try:
                bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
                bus.call_sync(APP_ID, APP_PATH, "org.gtk.Actions", "Activate",
                              GLib.Variant("(sava{sv})", ("quit", [], {})), None,
                              Gio.DBusCallFlags.NONE, 5000, None)
                self.proc.wait(timeout=10)
            except (GLib.Error, subprocess.TimeoutExpired) as e:
                problem = f"the app did not quit through app.quit ({e}), so it was killed"
                self.kill()
        elif self.proc.returncode != 0:
            problem = f"the app had already exited, with status {self.proc.returncode}"
        App.current = None
        print(f"RUN {self.name} mapped={int(self.mapped)} stderr={self.err_path}", flush=True)
        # The next start must not find this one still on the buses.
        wait_for(lambda: find_app() is None and not name_owned(APP_ID), 10,
                 "the app to leave the buses")
        if problem:
            raise Failed(problem)


def name_owned(name):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner", GLib.Variant("(s)", (name,)),
                          None, Gio.DBusCallFlags.NONE, 5000, None)
    return reply.unpack()[0]


def run_scenario(app, body):
    """Runs body(app) and then always quits the app. A failure of either is
    the scenario's failure; body's comes first, since it is the cause."""
    outcome, error = None, None
    try:
        outcome = body(app)
    except Failed as e:
        error = e
    try:
        app.quit()
    except Failed as e:
        error = Failed(f"{error}; then {e}") if error else e
    if error is not None:
        raise error
    return outcome


# --- UI steps -------------------------------------------------------------

def welcome_shown(win):
    """(page, button): the welcome page and its Open Preferences button.

    The page is found from its button, since its title changes when the
    keyring cannot be read ("The Keyring Could Not Be Read"); that page is
    not the welcome, so is_welcome() also checks the title. The welcome page
    is the last page of the main stack: searching from the end finds it
    without walking the whole Chat page.
    """
    button = find(win, role="push button", name="Open Preferences", reverse=True)
    page = button
    while page is not None and not (role_of(page) == "panel" and name_of(page)):
        page = safe(page.get_parent)
    if page is None:
        raise Failed("the window has no welcome page")
    return page, button


def is_welcome(page, button):
    return allocated(page) and allocated(button) and name_of(page) == WELCOME_TITLE


def what_is_shown(win, page):
    """Says which page is up, for a failure message."""
    if allocated(page) and name_of(page) != WELCOME_TITLE:
        text = find(page, role="label", contains=" ")
        return f"“{name_of(page)}” ({name_of(text)[:100] if text else ''})"
    keyring = find(win, role="panel", name="Reading the Keyring…", reverse=True)
    if keyring is not None and allocated(keyring):
        return "the “Reading the Keyring…” page"
    chat = find(win, role="push button", name="Attach Images")
    if chat is not None and allocated(chat):
        return "the workspaces (Chat)"
    return "no page yet"


def open_preferences_from_menu(app, win):
    menu_button = find(win, role="push button", name="Main Menu", actionable=True)
    if menu_button is None:
        raise Failed("no Main Menu button")
    click(menu_button)
    item = wait_for(lambda: find(win, role="menu item", name="Preferences", actionable=True), 5,
                    "the Preferences menu item")
    click(item)
    return wait_for(lambda: frame(app, "Preferences"), 5, "the Preferences window")


def label_with(root, text):
    return find(root, contains=text)


def enter_key(prefs, key):
    """Types key into New API Key and applies it; returns once it is stored."""
    row = wait_for(lambda: find(prefs, role="text", name="New API Key"), 5, "the New API Key row")
    wait_for(lambda: has_state(row, Atspi.StateType.SENSITIVE), 10,
             "the New API Key row to accept input (the key lookup to finish)")
    step("typing the key into New API Key")
    type_into(prefs, "Preferences", row, key)
    apply = wait_for(lambda: find(row, role="push button", name="Apply", actionable=True), 5,
                     "the row's Apply button (shown once text is typed)")
    step("pressing Apply")
    click(apply)

    def stored_or_refused():
        if label_with(prefs, KEY_STORED):
            return "stored"
        app = find_app()
        for f in children(app):
            # The fallback when no keyring is reachable: keep the key in memory.
            if label_with(f, "keep the key in memory"):
                return "refused"
        return None
    outcome = wait_for(stored_or_refused, 15, "Preferences to say the key is stored")
    if outcome == "refused":
        raise Failed("the app found no keyring and offered to keep the key in memory")


# --- scenarios ------------------------------------------------------------

def cmd_starts(args):
    times, failures = [], []
    # The first start in a fresh HOME builds caches that later starts reuse
    # (flatpak's ld.so cache and fontconfig's cache under ~/.var/app, dconf's
    # activation on the host). It is not timed, and only has to show a window.
    for i in range(1, args.warmup + 1):
        app = App(args.cmd, args.log_dir, f"{args.label}-warmup-{i}")
        t = run_scenario(app, lambda app: (app.wait_window(), app.elapsed())[1])
        print(f"warm-up start {i}: window after {t:.3f} s (not counted)")
    for i in range(1, args.runs + 1):
        app = App(args.cmd, args.log_dir, f"{args.label}-{i}")

        def body(app):
            win = app.wait_window()
            page, button = welcome_shown(win)
            left = max(0.0, args.timeout - app.elapsed())
            try:
                wait_for(lambda: is_welcome(page, button), left, "the welcome page")
            except Failed:
                return None, (f"start {i}: no welcome page within {args.timeout:g} s; showing "
                              f"{what_is_shown(win, page)}")
            return app.elapsed(), None
        try:
            t, problem = run_scenario(app, body)
        except Failed as e:
            t, problem = None, f"start {i}: {e}"
        if t is not None:
            times.append(t)
            print(f"start {i}: welcome page after {t:.3f} s")
        else:
            failures.append(problem)
            print(problem)
    if times:
        print(f"FIGURE {args.label}-median {statistics.median(times):.3f}")
        print(f"FIGURE {args.label}-count {len(times)}")
    if failures:
        raise Failed(f"welcome page in {len(times)} of {args.runs} starts; " +
                     "; ".join(failures[:3]) + (" …" if len(failures) > 3 else ""))
    return (f"welcome page within {args.timeout:g} s in {args.runs} of {args.runs} starts, "
            f"median {statistics.median(times):.3f} s")


def cmd_store_key(args):
    before = os.stat(args.keyring).st_mtime_ns if os.path.exists(args.keyring) else None
    app = App(args.cmd, args.log_dir, args.label)

    def body(app):
        win = app.wait_window()
        step("window mapped")
        page, button = welcome_shown(win)
        try:
            wait_for(lambda: is_welcome(page, button), max(0.0, 5 - app.elapsed()),
                     "the welcome page")
            step("welcome page shown; pressing Open Preferences")
            click(button)
            how = "the welcome page's Open Preferences"
            prefs = wait_for(lambda: frame(find_app(), "Preferences"), 5, "the Preferences window")
        except Failed:
            how = "the main menu (no welcome page within 5 s)"
            step("no welcome page; opening Preferences from the main menu")
            prefs = open_preferences_from_menu(find_app(), win)
        enter_key(prefs, args.key)
        step("Preferences says the key is stored")

        def written():
            return (os.path.exists(args.keyring) and os.path.getsize(args.keyring) > 0 and
                    os.stat(args.keyring).st_mtime_ns != before)
        wait_for(written, 5, f"{args.keyring} to be written")
        step(f"{args.keyring} written")
        with open(args.keyring, "rb") as f:
            data = f.read()
        if args.key.encode() in data:
            raise Failed(f"the key is in {args.keyring} in plain text")
        click(prefs)  # window.close
        return (f"key typed in Preferences (opened from {how}) is in {args.keyring} "
                f"({len(data)} bytes, encrypted)")
    return run_scenario(app, body)


def cmd_stored(args):
    app = App(args.cmd, args.log_dir, args.label)

    def body(app):
        win = app.wait_window()
        step("window mapped; opening Preferences from the main menu")
        page, button = welcome_shown(win)
        prefs = open_preferences_from_menu(find_app(), win)

        def known():
            if allocated(page):
                raise Failed(f"after the restart the window showed {what_is_shown(win, page)}")
            return label_with(prefs, KEY_STORED)
        try:
            wait_for(known, 15, "Preferences to say a key is stored")
        except Failed as e:
            state = find(prefs, contains="key", role="label")
            raise Failed(f"{e} (Preferences says: “{name_of(state) if state else '?'}”)")
        if allocated(page):
            raise Failed(f"after the restart the window showed {what_is_shown(win, page)}")
        click(prefs)
        return "after a restart the welcome page is not shown and Preferences says the key is stored"
    return run_scenario(app, body)


def cmd_chat(args):
    app = App(args.cmd, args.log_dir, args.label)

    def body(app):
        win = app.wait_window()
        step("window mapped; opening Preferences from the main menu")
        prefs = open_preferences_from_menu(find_app(), win)
        enter_key(prefs, args.key)
        step("key stored; closing Preferences")
        click(prefs)
        wait_for(lambda: frame(find_app(), "Preferences") is None, 5, "Preferences to close")
        message = wait_for(lambda: find(win, role="text", name="Message"), 10,
                           "the Chat message box")
        step("typing the message")
        type_into(win, WINDOW_TITLE, message, args.message)
        send = find(win, role="push button", name="Send", actionable=True)
        wait_for(lambda: has_state(send, Atspi.StateType.SENSITIVE), 10,
                 "Send to be enabled (the model list from the fake server)")
        step("pressing Send")
        click(send)
        reply = wait_for(lambda: find(win, contains=args.expect), 15,
                         "the streamed reply in the accessibility tree")
        with open(args.server_log, encoding="utf-8") as f:
            requests = [json.loads(line) for line in f if line.strip()]
        chats = [r for r in requests if r["path"] == "/v1/chat/completions"]
        if not any(args.message in r["body"] for r in chats):
            raise Failed("the fake server never received the message")
        auths = {r["authorization"] for r in chats}
        if auths != {f"Bearer {args.key}"}:
            # Never print a key, not even a made-up one: say what it was not.
            raise Failed(f"the fake server got {len(auths)} different Authorization "
                         "header(s), not just the key typed in Preferences")
        if args.other_key and any(args.other_key in json.dumps(r) for r in requests):
            raise Failed("the key stored for api.openai.com was sent to the fake server")
        return (f"reply streamed into the tree ({role_of(reply)} “{name_of(reply)[:40]}…”); the "
                "server got the message with the key typed in Preferences")
    return run_scenario(app, body)


def cmd_attached(args):
    app = App(args.cmd, args.log_dir, args.label)

    def attachment(win):
        return find(win, role="list item", name=args.name)

    def body(app):
        win = app.wait_window()
        if args.refused:
            toast = wait_for(lambda: find(win, contains="Could not open"), 10,
                             f"the app to say it cannot open {args.name}")
            if attachment(win):
                raise Failed(f"{args.name} was attached although it was never handed over")
            return f"not attached; the app says “{name_of(toast)}”"
        row = wait_for(lambda: attachment(win), 10, f"{args.name} in Chat's attachments")
        remove = find(win, role="push button", name=f"Remove {args.name}")
        on_screen = "on screen" if allocated(row) else "in the Chat page (not on screen)"
        return f"{args.name} attached in Chat ({on_screen}{', removable' if remove else ''})"
    return run_scenario(app, body)


def start_watchdog(seconds):
    """Ends a scenario that hangs (an AT-SPI call that never returns, say):
    says where it was, stops the app it started, and exits with a result."""
    def expire():
        faulthandler.dump_traceback(file=sys.stderr)
        app = App.current
        if app is not None and app.proc.poll() is None:
            app.kill()
            print(f"RUN {app.name} mapped={int(app.mapped)} stderr={app.err_path}")
        print(f"RESULT FAIL the scenario did not finish within {seconds} s", flush=True)
        os._exit(1)
    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name, fn):
        p = sub.add_parser(name)
        p.set_defaults(fn=fn)
        p.add_argument("--log-dir", required=True)
        p.add_argument("--label", required=True)
        return p
    p = add("starts", cmd_starts)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--timeout", type=float, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p = add("store-key", cmd_store_key)
    p.add_argument("--key", required=True)
    p.add_argument("--keyring", required=True)
    add("stored", cmd_stored)
    p = add("chat", cmd_chat)
    p.add_argument("--key", required=True)
    p.add_argument("--other-key")
    p.add_argument("--message", required=True)
    p.add_argument("--expect", required=True)
    p.add_argument("--server-log", required=True)
    p = add("attached", cmd_attached)
    p.add_argument("--name", required=True)
    p.add_argument("--refused", action="store_true")
    for p in sub.choices.values():
        p.add_argument("cmd", nargs="+", help="the command that starts the app")
    args = parser.parse_args()
    start_watchdog(30 * (args.runs + args.warmup) if args.command == "starts" else 120)

    try:
        message = args.fn(args)
    except Failed as e:
        print(f"RESULT FAIL {e}", flush=True)
        return 1
    except Exception as e:  # a bug here, or an answer nobody expected
        import traceback
        traceback.print_exc()
        print(f"RESULT FAIL the driver failed: {type(e).__name__}: {e}", flush=True)
        return 1
    finally:
        # Whatever happened, no start of the app outlives its scenario.
        app = App.current
        if app is not None and app.proc.poll() is None:
            app.kill()
            print(f"RUN {app.name} mapped={int(app.mapped)} stderr={app.err_path}", flush=True)
    print(f"RESULT PASS {message}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
