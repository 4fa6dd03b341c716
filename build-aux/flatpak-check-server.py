#!/usr/bin/python3
"""A small fake of the OpenAI API for build-aux/flatpak-check.sh.

Usage: flatpak-check-server.py INFO_FILE LOG_FILE

Listens on 127.0.0.1 on a free port, writes {"port": ..., "reply": ...} to
INFO_FILE once it accepts connections (the reply is the text the check then
looks for in the app), and appends one JSON line per request to LOG_FILE
(method, path, the Authorization header and the request body), so that the
check can see what the sandboxed app sent. It serves:

  GET  /v1/models            one chat model, gpt-4o
  POST /v1/chat/completions  a streamed reply (text/event-stream, chunked),
                             REPLY below in several events, then [DONE]

Anything else is a 404 in OpenAI's error shape. Runs until killed.
"""

import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# What the check looks for in the app's accessibility tree. Sent in pieces so
# that the app has to put the stream back together.
REPLY = "The sandboxed reply arrived from the fake server in five pieces."
PIECES = ["The sandboxed reply ", "arrived from ", "the fake server ", "in five ", "pieces."]
assert "".join(PIECES) == REPLY

MODELS = {
    "object": "list",
    "data": [{"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"}],
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "flatpak-check-fake-openai/1"

    def log_message(self, fmt, *args):  # keep stderr quiet; the log file says it all
        pass

    def _record(self, body):
        entry = {
            "method": self.command,
            "path": self.path,
            "authorization": self.headers.get("Authorization"),
            "body": body.decode("utf-8", "replace"),
        }
        with open(self.server.log_file, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def _send_json(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _not_found(self):
        self._send_json(404, {"error": {"message": "Unknown path " + self.path,
                                        "type": "invalid_request_error", "code": None,
                                        "param": None}})

    def do_GET(self):
        self._record(b"")
        if self.path.split("?")[0] == "/v1/models":
            self._send_json(200, MODELS)
        else:
            self._not_found()

    def _chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._record(body)
        if self.path != "/v1/chat/completions":
            self._not_found()
            return

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        base = {"id": "chatcmpl-flatpak-check", "object": "chat.completion.chunk",
                "created": int(time.time()), "model": "gpt-4o"}
        events = [dict(base, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""},
                                       "finish_reason": None}])]
        for piece in PIECES:
            events.append(dict(base, choices=[{"index": 0, "delta": {"content": piece},
                                               "finish_reason": None}]))
        events.append(dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}]))
        events.append(dict(base, choices=[], usage={"prompt_tokens": 9, "completion_tokens": 12,
                                                    "total_tokens": 21}))
        for event in events:
            self._chunk(b"data: " + json.dumps(event).encode() + b"\n\n")
            time.sleep(0.02)  # a real stream, not one write
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")  # end of the chunked body


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    info_file, log_file = sys.argv[1], sys.argv[2]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.log_file = log_file
    open(log_file, "w").close()
    with open(info_file + ".tmp", "w") as f:
        json.dump({"port": server.server_address[1], "reply": REPLY}, f)
    # Renamed into place so a reader never sees half of it.
    os.replace(info_file + ".tmp", info_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
