#!/usr/bin/env python3
"""Serve the demo pages in web/ with the built widget at /widget.js.

  python scripts/serve_web.py          # http://127.0.0.1:8080/ (WEB_PORT, WEB_HOST to change)

- /widget.js is web/dist/widget.js, (re)built first when missing or stale.
- /?server=http://127.0.0.1:5005 points the demo page's widget at another Rasa server;
  only loopback servers are accepted, so a crafted link can't send chats elsewhere.
- Security headers: a Content-Security-Policy without 'unsafe-inline' / 'unsafe-eval'
  (connect-src = the Rasa server), X-Content-Type-Options, Referrer-Policy.
  chat.html may be framed by the origins in web/settings.yml `allowed_origins`.
"""

from __future__ import annotations

import html
import os
import re
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import build_widget  # noqa: E402

from server.origins import allowed_origins  # noqa: E402

WEB = build_widget.ROOT / "web"
# The Rasa server started beside this one (scripts/serve.py passes RASA_PORT).
DEFAULT_SERVER = f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"
EMBEDDED_SERVER = re.compile(r'data-server="[^"]*"')  # the one in web/index.html's embed line
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def rasa_server(query: str) -> str:
    """The ?server= value if it is an http(s) loopback origin, else the default."""
    value = parse_qs(query).get("server", [""])[0]
    try:
        url = urlsplit(value)
        port = f":{url.port}" if url.port else ""
    except ValueError:  # malformed URL or port
        return DEFAULT_SERVER
    if url.scheme not in ("http", "https") or url.hostname not in LOOPBACK or url.username:
        return DEFAULT_SERVER
    if url.path.strip("/") or url.query or url.fragment:
        return DEFAULT_SERVER
    hostname = f"[{url.hostname}]" if ":" in url.hostname else url.hostname
    return f"{url.scheme}://{hostname}{port}"


def csp(server: str, frame_ancestors: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src {server}",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }
    allowed_origins: list[str] = []

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/widget.js":
            if build_widget.is_stale():
                build_widget.build()
            return self.send_file(build_widget.OUTPUT, "text/javascript; charset=utf-8")
        if url.path in ("/", "/index.html"):
            server = rasa_server(url.query)
            page = (WEB / "index.html").read_text(encoding="utf-8")
            page = EMBEDDED_SERVER.sub(f'data-server="{html.escape(server)}"', page, count=1)
            return self.send_bytes(page.encode(), "text/html; charset=utf-8", csp(server, "'none'"))
        if url.path == "/chat.html":
            ancestors = " ".join(["'self'", *self.allowed_origins])
            return self.send_file(WEB / "chat.html", "text/html; charset=utf-8", csp(rasa_server(url.query), ancestors))
        super().do_GET() if self.command == "GET" else super().do_HEAD()

    def send_file(self, path: Path, ctype: str, policy: str | None = None) -> None:
        self.send_bytes(path.read_bytes(), ctype, policy)

    def send_bytes(self, body: bytes, ctype: str, policy: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def list_directory(self, path):  # no directory listings
        self.send_error(404)

    def do_HEAD(self) -> None:
        self.do_GET()


def main() -> int:
    if build_widget.is_stale():
        build_widget.main()
    Handler.allowed_origins = allowed_origins()
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    httpd = ThreadingHTTPServer((host, port), partial(Handler, directory=str(WEB)))
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving web/ at http://{shown}:{httpd.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
