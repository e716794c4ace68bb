#!/usr/bin/python3
"""The runtime workloads in asyncio or uvloop; prints one JSON object of results.

Times are CPU time of this process (time.process_time_ns), as Google Benchmark's rates for the
C++ runtimes are, so a busy machine skews every runtime alike.

  asyncio_bench.py --loop asyncio|uvloop            ns/op for spawn_await, gather, yield,
                                                    queue_ping_pong (per round trip), mutex
  asyncio_bench.py --loop asyncio|uvloop --sleepers peak RSS (MiB) of 1M sleeping tasks
"""
import argparse
import asyncio
import json
import resource
import time


async def noop():
    pass


async def spawn_await(n):
    start = time.process_time_ns()
    for _ in range(n):
        await asyncio.create_task(noop())
    return (time.process_time_ns() - start) / n


async def gather(n):
    start = time.process_time_ns()
    await asyncio.gather(*[noop() for _ in range(n)])
    return (time.process_time_ns() - start) / n


async def yield_(n):
    stop = False

    async def partner():
        while not stop:
            await asyncio.sleep(0)

    other = asyncio.create_task(partner())
    await asyncio.sleep(0)
    start = time.process_time_ns()
    for _ in range(n):
        await asyncio.sleep(0)
    elapsed = time.process_time_ns() - start
    stop = True
    await other
    return elapsed / (2 * n)


async def queue_ping_pong(n):
    ping, pong = asyncio.Queue(), asyncio.Queue()

    async def partner():
        while True:
            v = await ping.get()
            if v < 0:
                return
            await pong.put(v)

    other = asyncio.create_task(partner())
    start = time.process_time_ns()
    for i in range(n):
        await ping.put(i)
        await pong.get()
    elapsed = time.process_time_ns() - start
    await ping.put(-1)
    await other
    return elapsed / n


async def mutex(n):
    lock = asyncio.Lock()
    start = time.process_time_ns()
    for _ in range(n):
        async with lock:
            pass
    return (time.process_time_ns() - start) / n


async def sleepers(n):
    await asyncio.gather(*(asyncio.sleep(1) for _ in range(n)))


def run(loop_name, coro):
    if loop_name == "uvloop":
        import uvloop
        return uvloop.run(coro) if hasattr(uvloop, "run") else _run_with_policy(coro)
    return asyncio.run(coro)


def _run_with_policy(coro):
    import uvloop
    loop = uvloop.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--sleepers", action="store_true")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--ops", type=int, default=200_000)
    args = parser.parse_args()
    if args.sleepers:
        run(args.loop, sleepers(args.count))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(json.dumps({"sleepers_rss_mib": rss}))
        return
    results = {
        "spawn_await": run(args.loop, spawn_await(args.ops)),
        "gather": run(args.loop, gather(args.count)),
        "yield": run(args.loop, yield_(args.ops)),
        "queue_ping_pong": run(args.loop, queue_ping_pong(args.ops)),
        "mutex": run(args.loop, mutex(args.ops)),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
