"""A small web server on 127.0.0.1 for the fetch tests, run in a thread by the test.

Each path answers with a list of replies, one per request (the last one repeats), or is a
document that honours ETag / If-Modified-Since like a portal's web server. Every request is
recorded with its headers and the time it arrived."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line: a server that does not answer in time
    length: bool = True  # send Content-Length (False: the body ends when the connection does)


@dataclass
class Document:
    body: bytes
    content_type: str
    validators: bool = True  # ETag and Last-Modified, and 304 to a conditional request
    modified: float = 1_700_000_000.0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self) -> None:
        self.replies: dict[str, list[Reply]] = {}
        self.documents: dict[str, Document] = {}
        self.requests: list[Seen] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def reply(self, path: str, *replies: Reply) -> str:
        self.replies[path] = list(replies)
        return self.url(path)

    def document(self, path: str, body: bytes, content_type: str, validators: bool = True) -> str:
        self.documents[path] = Document(body, content_type, validators)
        return self.url(path)

    def change(self, path: str, body: bytes) -> None:
        doc = self.documents[path]
        doc.body, doc.modified = body, doc.modified + 86400

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def answer(self, path: str, headers: dict[str, str]) -> Reply:
        if path in self.documents:
            doc = self.documents[path]
            if not doc.validators:
                return Reply(200, doc.body, {"Content-Type": doc.content_type})
            validators = {"ETag": doc.etag, "Last-Modified": formatdate(doc.modified, usegmt=True)}
            if headers.get("if-none-match") == doc.etag:
                return Reply(304, b"", validators)
            return Reply(200, doc.body, {"Content-Type": doc.content_type, **validators})
        queue = self.replies.get(path)
        if not queue:
            return Reply(404, b"<html><body>not found</body></html>", {"Content-Type": "text/html"})
        return queue.pop(0) if len(queue) > 1 else queue[0]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            headers = {k.lower(): v for k, v in self.headers.items()}
            site.requests.append(Seen(self.path, headers, time.monotonic()))
            reply = site.answer(self.path, headers)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            try:
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                if reply.length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout, size limit): that is what is tested

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client closing early is expected here


def serve(site: Site) -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
