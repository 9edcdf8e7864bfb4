#!/usr/bin/env python3
"""Opens COUNT connections to HOST:PORT, sends `GET PATH` on each and keeps them open.

Prints one line `opened=N answered=M status200=K` once every connection has its response head (or the wait
timed out), then holds the connections until it is killed. Used by scripts/bench/run to measure the proxy's
memory with many idle /events streams.
"""
import resource
import socket
import sys
import time


def main() -> int:
    host, port, count, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 64)), hard))
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode("ascii")
    sockets = []
    for _ in range(count):
        s = socket.create_connection((host, port), timeout=10)
        s.sendall(request)
        sockets.append(s)
    answered = ok = 0
    deadline = time.monotonic() + 30
    for s in sockets:
        head = b""
        while b"\r\n\r\n" not in head and time.monotonic() < deadline:
            s.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                break
            if not chunk:
                break
            head += chunk
        if b"\r\n\r\n" in head:
            answered += 1
            if head.startswith(b"HTTP/1.1 200"):
                ok += 1
    print(f"opened={len(sockets)} answered={answered} status200={ok}", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
