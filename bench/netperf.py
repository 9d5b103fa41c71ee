#!/usr/bin/env python3
"""Measures one network path for bench/network.sh: bulk TCP throughput or connection latency.

  netperf.py throughput HOST PORT MIB     send MIB MiB to a sink, print MiB/s
  netperf.py sink PORT                    accept connections on PORT forever, read each to its end, close
  netperf.py latency HOST PORT N          N sequential HTTP/1.0 GETs (connect, request, read to close),
                                          print the median and p90 in milliseconds
Only ever talks to the address it is given (loopback or a bridge the benchmark created).
"""
import socket, statistics, sys, time

def throughput(host, port, mib):
    chunk = b"\0" * (256 * 1024)
    total = mib * 1024 * 1024
    s = socket.create_connection((host, port), timeout=30)
    start = time.perf_counter()
    sent = 0
    while sent < total:
        s.sendall(chunk)
        sent += len(chunk)
    s.shutdown(socket.SHUT_WR)
    s.recv(1)  # the sink closes once it has read everything
    elapsed = time.perf_counter() - start
    s.close()
    print(f"{mib / elapsed:.1f}")

def latency(host, port, n):
    times = []
    request = b"GET /index.html HTTP/1.0\r\n\r\n"
    for _ in range(n):
        start = time.perf_counter()
        s = socket.create_connection((host, port), timeout=10)
        s.sendall(request)
        while s.recv(65536):
            pass
        s.close()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{statistics.median(times):.3f} {times[int(len(times) * 0.9)]:.3f}")

def sink(port):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("0.0.0.0", port))
    server.listen(16)
    while True:
        conn, _ = server.accept()
        while conn.recv(1 << 20):
            pass
        conn.close()

if __name__ == "__main__":
    if sys.argv[1] == "sink":
        sink(int(sys.argv[2]))
    mode, host, port, amount = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    (throughput if mode == "throughput" else latency)(host, port, amount)
