#!/usr/bin/env python3
"""tests/serve.py BUILD - `dateline serve` against hostile and slow
clients, on loopback only, every loop and wait bounded (about 30 s in all):

  - request bodies (3 bytes, 10 MB, chunked) are answered 405/413 with JSON;
  - 200 slow clients (headers trickled a line a second) do not stop 30
    normal requests from being answered, nor do slow clients beyond the
    per-address limit (they are turned away);
  - an idle connection is closed after --timeout;
  - 8 slow queries in flight do not hold up a fast one.

Ends with "serve: N passed, N failed"."""
import json
import os
import re
import select
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
seed = os.path.join(os.environ.get("DL_SHARED", "../shared"), "corpus/seed/000_19f7a3bb0be46a5e.txt")
dl = os.path.join(build, "dateline")
passed = failed = 0


def ok(name):
    global passed
    passed += 1
    print("ok - " + name, flush=True)


def no(name, detail=""):
    global failed
    failed += 1
    print("not ok - " + name, flush=True)
    if detail:
        for line in str(detail).splitlines()[:20]:
            print("    " + line)


def check(cond, name, detail=""):
    (ok if cond else no)(name, *([detail] if not cond else []))


def request(port, raw, src="127.0.0.1", timeout=10.0):
    """Sends raw bytes, returns (status, body) or (None, error text)."""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                     source_address=(src, 0))
    except OSError as e:
        return None, "connect: %s" % e
    head, sep, body = raw.partition(b"\r\n\r\n")
    try:
        s.sendall(head + sep)
        # a large body is sent from a thread while the answer is read, as
        # a client would: the server answers without reading it
        sender = threading.Thread(target=send_quietly, args=(s, body))
        sender.start()
        try:
            return read_response(s)
        finally:
            sender.join()
    except OSError as e:
        return None, str(e)
    finally:
        s.close()


def send_quietly(s, data):
    try:
        s.sendall(data)
    except OSError:
        pass  # the server closed the connection after answering


def read_response(s):
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        head, sep, body = data.partition(b"\r\n\r\n")
        if sep:
            length = None
            for line in head.split(b"\r\n")[1:]:
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v)
            if length is not None and len(body) >= length:
                break
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1."):
        return None, "no response (%d bytes)" % len(data)
    return int(head.split()[1]), body


def get(port, path, src="127.0.0.1", timeout=10.0):
    return request(port, b"GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                   % path.encode(), src, timeout)


class Server:
    """`dateline serve --port 0`: the system picks a free port and the
    server names it on stderr ("serving ... on http://127.0.0.1:PORT/"),
    so two test runs (or another program) can never share a port."""

    def __init__(self, db, *args):
        self.port = None
        fd, self.logpath = tempfile.mkstemp(suffix=".log")
        os.close(fd)
        env = dict(os.environ, DATELINE_DB=db)
        # the server appends to the log, read here through its own handle
        with open(self.logpath, "ab") as log:
            self.p = subprocess.Popen([dl, "serve", "--port", "0"] + list(args),
                                      stdout=log, stderr=log, env=env)
        for _ in range(200):
            if self.port is None:
                m = re.search(rb"serving .* on http://127\.0\.0\.1:(\d+)/", self.read_log())
                if m:
                    self.port = int(m.group(1))
            if self.port and get(self.port, "/api/stats", timeout=1)[0] == 200:
                return
            if self.p.poll() is not None:
                break
            time.sleep(0.1)
        rc, log = self.stop()
        raise SystemExit("serve did not start (exit %s): %s" % (rc, log))

    def stop(self):
        self.p.terminate()
        try:
            rc = self.p.wait(20)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "hung"
        log = self.read_log().decode(errors="replace")
        os.unlink(self.logpath)
        return rc, log

    def read_log(self):
        with open(self.logpath, "rb") as f:
            return f.read()


def slow_clients(port, n, src):
    """Opens n connections that send half a request; returns the sockets
    the server kept open."""
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(src, 0))
            s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: t\r\n")
            socks.append(s)
        except OSError:
            pass
    return socks


def trickle(socks, stop):
    """A header line a second on each slow socket, until stop is set."""
    i = 0
    while not stop.wait(1.0):
        i += 1
        for s in socks:
            try:
                s.sendall(b"X-Slow-%d: 1\r\n" % i)
            except OSError:
                pass


def still_open(socks):
    """How many of socks the server has neither answered nor closed."""
    readable, _, _ = select.select(socks, [], [], 0.05)
    return len(socks) - len(readable)


def main():
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "t.db")
    env = dict(os.environ, DATELINE_DB=db)
    subprocess.run([dl, "ingest", seed], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    # Enough actor rows that /api/actors?actor=zzz (a LIKE '%zzz%' scan) is
    # a slow query: some 0.3 s.
    c = sqlite3.connect(db)
    c.execute("WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n"
              " WHERE i < 600000) INSERT INTO actor_rows(doc, idx, code, name)"
              " SELECT 1, i, 'X' || (i % 5000), 'name ' || i FROM n")
    c.commit()
    c.close()

    srv = Server(db)
    port = srv.port

    # --- a port already taken is a clean failure naming it, at once
    t0 = time.time()
    r = subprocess.run([dl, "serve", "--port", str(port)], env=env, capture_output=True,
                       timeout=20)
    check(r.returncode == 3 and b"cannot listen on 127.0.0.1:%d" % port in r.stderr,
          "serve: a port in use is exit 3 naming it (%.1f s)" % (time.time() - t0),
          "exit %s: %r" % (r.returncode, r.stderr[-300:]))

    # --- bodies are refused at once, with JSON
    cases = [
        ("POST with 3 bytes", b"POST /api/stats HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc", 405),
        ("PUT with no body", b"PUT /api/stats HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 405),
        ("GET with 3 bytes", b"GET /api/stats HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc", 413),
        ("GET chunked", b"GET /api/stats HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 413),
    ]
    big = 10 << 20
    for name, method, want in [("POST with 10 MB", "POST", 405), ("GET with 10 MB", "GET", 413)]:
        cases.append((name, b"%s /api/stats HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n"
                      % (method.encode(), big) + b"x" * big, want))
    for name, raw, want in cases:
        status, body = request(port, raw)
        try:
            msg = json.loads(body)["error"] if status else body
        except (ValueError, KeyError, TypeError):
            msg = None
        check(status == want and isinstance(msg, str), "serve: %s is a %d with JSON" % (name, want),
              "status %s body %r" % (status, body[:200]))

    # --- 200 slow clients from this address: normal requests still answered
    stop = threading.Event()
    socks = slow_clients(port, 200, "127.0.0.1")
    t = threading.Thread(target=trickle, args=(socks, stop))
    t.start()
    answered = 0
    t0 = time.time()
    for _ in range(30):  # over 3 s, while the slow clients trickle on
        if get(port, "/api/events?limit=1", timeout=5)[0] == 200:
            answered += 1
        time.sleep(0.1)
    held = still_open(socks)
    stop.set()
    t.join()
    for s in socks:
        s.close()
    check(held >= 190 and answered == 30,
          "serve: 30 of 30 requests answered while %d slow clients are connected (%.1f s)"
          % (held, time.time() - t0), "answered %d, slow clients held %d" % (answered, held))

    # --- 8 slow queries in flight do not hold up a fast one
    done = []
    lock = threading.Lock()

    def slow():
        get(port, "/api/actors?actor=zzz", timeout=30)
        with lock:
            done.append(time.time())

    slows = [threading.Thread(target=slow) for _ in range(8)]
    for th in slows:
        th.start()
    time.sleep(0.1)
    status, _ = get(port, "/api/events?limit=1", timeout=30)
    with lock:
        before = len(done)
    for th in slows:
        th.join()
    check(status == 200 and before < 4,
          "serve: a fast request is answered while 8 slow queries run (%d of 8 done before it)"
          % before, "status %s, %d slow queries done first" % (status, before))
    rc, log = srv.stop()
    check(rc == 0, "serve stops cleanly with its request threads", log)

    # --- beyond --max-per-ip, slow clients are turned away; others are served
    srv = Server(db, "--max-per-ip", "20", "--timeout", "2")
    port = srv.port
    socks = slow_clients(srv.port, 60, "127.0.0.2")
    time.sleep(0.3)
    held = still_open(socks)
    status, _ = get(port, "/api/events?limit=1")
    check(held <= 20 and status == 200,
          "serve: --max-per-ip 20 holds %d of 60 slow clients from one address, serves another"
          % held, "held %d, status %s" % (held, status))
    # --- and an idle connection is closed after --timeout (2 s here)
    t0 = time.time()
    while time.time() - t0 < 8 and still_open(socks) > 0:
        time.sleep(0.2)
    left = still_open(socks)
    check(left == 0, "serve: idle connections closed after --timeout (%.1f s)" % (time.time() - t0),
          "%d still open after 8 s" % left)
    for s in socks:
        s.close()
    rc, log = srv.stop()
    check(rc == 0, "serve with limits stops cleanly", log)
    print("serve: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
