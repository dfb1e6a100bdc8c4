"""A scripted OpenAI-compatible chat server on 127.0.0.1 for the client and judge tests.

Real HTTP over a real socket (stdlib `ThreadingHTTPServer`), with scripted answers: a test
passes `answer(body, call_number) -> Reply`. The server records every request (headers, body,
arrival time) and the highest number of requests it was serving at once.

Loaded by path from tests/test_llm.py and tests/cli/test_score_cli.py (tests are not a package).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Reply:
    content: str | None = None  # the assistant message text (wrapped in an OpenAI response)
    status: int = 200
    raw: bytes | None = None  # send these bytes as the body instead (garbage replies)
    delay: float = 0.0  # seconds to stall before answering
    drop: bool = False  # close the connection without answering (a killed server)


@dataclass
class Seen:
    headers: dict[str, str]
    body: dict
    at: float


@dataclass
class ScriptedServer:
    answer: Callable[[dict, int], Reply]
    seen: list[Seen] = field(default_factory=list)
    active: int = 0
    max_active: int = 0
    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.httpd is not None
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> "ScriptedServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    n = server.calls
                    server.calls += 1
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                    server.seen.append(Seen(dict(self.headers), body, time.monotonic()))
                try:
                    reply = server.answer(body, n)
                    time.sleep(reply.delay)
                    if reply.drop:
                        self.close_connection = True
                        self.connection.close()
                        return
                    payload = reply.raw if reply.raw is not None else json.dumps({
                        "id": f"chat-{n}", "object": "chat.completion", "model": body.get("model"),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply.content}}],
                    }).encode()
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass
                finally:
                    with server.lock:
                        server.active -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


def user_text(body: dict) -> str:
    return "\n".join(m["content"] for m in body["messages"] if m["role"] == "user")
