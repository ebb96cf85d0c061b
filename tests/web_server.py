"""A real server for the web tests: uvicorn in a thread, on a free loopback port, stopped at
the end (shared by the browser test, the load test and the example clients' test)."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import uvicorn

from thiduakhenthuong.web.app import create_app
from thiduakhenthuong.web.settings import Settings


@contextmanager
def serving(settings: Settings | None = None) -> Iterator[str]:
    """The base URL of a live server on 127.0.0.1 (loopback only), for the block's duration."""
    app = create_app(settings or Settings())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off",
                                           timeout_keep_alive=30, backlog=256))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
