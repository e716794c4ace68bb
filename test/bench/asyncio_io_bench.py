#!/usr/bin/python3
"""The workloads of aio_io_bench.cpp with asyncio streams on asyncio's loop or uvloop.

TCP echo over loopback, server and clients in one loop: ping-pong round trips and streamed MB
per second of process CPU time (time.process_time), 1 to 10,000 connections, the best of
--repeat runs of --seconds each. Prints one JSON object, with the peak RSS (--only: one
workload; --count: the operations of the last run instead of the rate).

  asyncio_io_bench.py --loop asyncio|uvloop [--seconds S] [--repeat N] [--only W] [--count]
"""
import argparse
import asyncio
import json
import resource
import sys
import time

WORKLOADS = [("ping_pong_1", False, 1, 1), ("ping_pong_100", False, 100, 1),
             ("ping_pong_1000", False, 1000, 1), ("ping_pong_10000", False, 10000, 1),
             ("stream_1", True, 1, 1e-6), ("stream_100", True, 100, 1e-6)]

MESSAGE_SIZE = 64
CHUNK_SIZE = 64 * 1024


async def echo(reader, writer):
    while data := await reader.read(4096):
        writer.write(data)
        await writer.drain()
    writer.close()


async def ping_client(reader, writer, deadline, counter):
    message = b"p" * MESSAGE_SIZE
    while time.monotonic() < deadline:
        writer.write(message)
        await writer.drain()
        await reader.readexactly(MESSAGE_SIZE)
        counter[0] += 1
    writer.close()
    await writer.wait_closed()


async def stream_client(writer, deadline):
    chunk = b"s" * CHUNK_SIZE
    while time.monotonic() < deadline:
        writer.write(chunk)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def run_workload(streaming, connections, seconds):
    counter = [0]
    handlers = []

    async def sink(reader, writer):
        while data := await reader.read(CHUNK_SIZE):
            counter[0] += len(data)
        writer.close()

    def on_connection(reader, writer):
        # Tracked so the timing ends when every server side has seen its client's end.
        handlers.append(asyncio.ensure_future((sink if streaming else echo)(reader, writer)))

    server = await asyncio.start_server(on_connection, "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    streams = [await asyncio.open_connection("127.0.0.1", port) for _ in range(connections)]
    while len(handlers) < connections:
        await asyncio.sleep(0)
    deadline = time.monotonic() + seconds
    start = time.process_time()
    if streaming:
        await asyncio.gather(*(stream_client(w, deadline) for _, w in streams))
    else:
        await asyncio.gather(*(ping_client(r, w, deadline, counter) for r, w in streams))
    await asyncio.gather(*handlers)
    elapsed = time.process_time() - start
    server.close()
    await server.wait_closed()
    return counter[0], elapsed


def run(loop_name, coro):
    if loop_name == "uvloop":
        import uvloop
        loop = uvloop.new_event_loop()
        try:
            return loop.run_until_complete(coro)
        finally:
            loop.close()
    return asyncio.run(coro)


def connections_that_fit(wanted):
    """Both ends live in this process: the descriptor limit's ceiling bounds the connections."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    fit = (hard - 100) // 2
    if fit < wanted:
        print(f"io bench: RLIMIT_NOFILE {hard} holds {fit} connections, not {wanted}", file=sys.stderr)
    return min(wanted, fit)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only")
    parser.add_argument("--count", action="store_true")
    args = parser.parse_args()
    results = {}
    for name, streaming, connections, scale in WORKLOADS:
        if args.only and args.only != name:
            continue
        connections = connections_that_fit(connections)
        runs = [run(args.loop, run_workload(streaming, connections, args.seconds)) for _ in range(args.repeat)]
        if args.count:
            results[name] = runs[-1][0]
        else:
            results[name] = round(max(ops / cpu for ops, cpu in runs) * scale, 1)
    results["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
