#!/usr/bin/env python3
"""Python multiprocessing, measured as the peer of spm4j's figures (jmh-bench/README.md).

Standard library only. Prints one JSON object: {"python": version, "metrics": {name: value}}, times in
nanoseconds, rates in tasks per second, memory in bytes. --quick measures fewer tasks.
"""

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import threading
import time

# the same Mandelbrot as org.spm4j.bench.engine.Mandelbrot, on a smaller grid: pure Python is slow
WIDTH, HEIGHT, MAX_ITERATIONS, BANDS = 150, 100, 2000, 20
ROWS_PER_BAND = HEIGHT // BANDS


def no_op(argument):
    return argument


def fail(argument):
    raise ValueError("task %d fails on purpose" % argument)


def mandelbrot_band(band):
    step_x, step_y = 3.5 / WIDTH, 2.4 / HEIGHT
    total = 0
    for row in range(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND):
        ci = 1.2 - row * step_y
        for column in range(WIDTH):
            cr = -2.5 + column * step_x
            zr = zi = 0.0
            n = 0
            while n < MAX_ITERATIONS:
                zr2, zi2 = zr * zr, zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2 * zr * zi + ci
                zr = zr2 - zi2 + cr
                n += 1
            total += n
    return total


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def rss_bytes(pid="self"):
    with open("/proc/%s/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def round_trips(context, count):
    """apply_async of a no-op on a pool of one worker, waiting for each result."""
    with context.Pool(1) as pool:
        for i in range(count // 10):
            pool.apply_async(no_op, (i,)).get()
        samples = []
        for i in range(count):
            start = time.perf_counter_ns()
            pool.apply_async(no_op, (i,)).get()
            samples.append(time.perf_counter_ns() - start)
    return percentile(samples, 0.5), percentile(samples, 0.99)


def map_rate(context, tasks, chunksize, repeats):
    """Pool(cores).map of no-op tasks: the median rate over repeats."""
    with context.Pool() as pool:
        pool.map(no_op, range(tasks // 10), chunksize=chunksize)
        rates = []
        for _ in range(repeats):
            start = time.perf_counter_ns()
            pool.map(no_op, range(tasks), chunksize=chunksize)
            rates.append(tasks * 1e9 / (time.perf_counter_ns() - start))
    return statistics.median(rates)


def speed_up(context, repeats):
    """The Mandelbrot bands serially, then on Pool(2): the median of serial time over parallel time."""
    ratios = []
    with context.Pool(2) as pool:
        pool.map(no_op, range(2), chunksize=1)
        for _ in range(repeats):
            start = time.perf_counter_ns()
            serial = sum(map(mandelbrot_band, range(BANDS)))
            serial_ns = time.perf_counter_ns() - start
            start = time.perf_counter_ns()
            parallel = sum(pool.map(mandelbrot_band, range(BANDS), chunksize=1))
            parallel_ns = time.perf_counter_ns() - start
            if serial != parallel:
                raise AssertionError("serial %d != parallel %d" % (serial, parallel))
            ratios.append(serial_ns / parallel_ns)
    return statistics.median(ratios)


def report_ready(queue):
    queue.put(os.getpid())


def start_up(method, repeats):
    """Pool(2) created until both workers have run their initializer: the median over repeats."""
    context = multiprocessing.get_context(method)
    samples = []
    for _ in range(repeats):
        queue = context.SimpleQueue()
        start = time.perf_counter_ns()
        pool = context.Pool(2, initializer=report_ready, initargs=(queue,))
        queue.get()
        queue.get()
        samples.append(time.perf_counter_ns() - start)
        pool.terminate()
        pool.join()
    return statistics.median(samples)


def error_path(context, count, tasks):
    """A failing task until its error_callback has run: p50 on one worker; then the rate of failing tasks
    on Pool(cores), every failure counted by the callback."""
    errors = []
    with context.Pool(1) as pool:
        samples = []
        for i in range(count):
            start = time.perf_counter_ns()
            pool.apply_async(fail, (i,), error_callback=errors.append).wait()
            samples.append(time.perf_counter_ns() - start)
    latency = percentile(samples, 0.5)
    errors.clear()
    with context.Pool() as pool:
        start = time.perf_counter_ns()
        results = [pool.apply_async(fail, (i,), error_callback=errors.append) for i in range(tasks)]
        for result in results:
            result.wait()
        elapsed = time.perf_counter_ns() - start
    if len(errors) != tasks:
        raise AssertionError("%d error callbacks for %d failed tasks" % (len(errors), tasks))
    return latency, tasks * 1e9 / elapsed


def memory(context, tasks):
    """RSS of an idle worker of Pool(2), and the parent's peak RSS during a map of many no-op tasks."""
    with context.Pool(2) as pool:
        pool.map(no_op, range(2), chunksize=1)
        time.sleep(0.5)
        worker = max(rss_bytes(process.pid) for process in pool._pool)
        peak = [rss_bytes()]
        done = threading.Event()

        def sample():
            while not done.wait(0.005):
                peak[0] = max(peak[0], rss_bytes())

        sampler = threading.Thread(target=sample)
        sampler.start()
        pool.map(no_op, range(tasks), chunksize=1000)
        done.set()
        sampler.join()
    return worker, peak[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer tasks and repeats")
    quick = parser.parse_args().quick
    fork = multiprocessing.get_context("fork")
    metrics = {}

    # first, while this process is small: forked workers share its pages, and what it allocates later
    worker, parent = memory(fork, 1_000_000)
    metrics["python.idleWorker rss"] = worker
    metrics["python.parentDuringMap rss"] = parent
    p50, p99 = round_trips(fork, 2000 if quick else 5000)
    metrics["python.applyAsync p50"] = p50
    metrics["python.applyAsync p99"] = p99
    metrics["python.mapChunk1 rate"] = map_rate(fork, 20_000 if quick else 50_000, 1, 3)
    metrics["python.mapChunk1000 rate"] = map_rate(fork, 2_000_000 if quick else 10_000_000, 1000, 3)
    metrics["python.speedUp2 ratio"] = speed_up(fork, 1 if quick else 3)
    metrics["python.startFork p50"] = start_up("fork", 5 if quick else 15)
    metrics["python.startSpawn p50"] = start_up("spawn", 3 if quick else 10)
    latency, rate = error_path(fork, 1000 if quick else 3000, 20_000 if quick else 50_000)
    metrics["python.errorCallback p50"] = latency
    metrics["python.errorCallback rate"] = rate
    print(json.dumps({"python": platform.python_version(), "metrics": metrics}, indent=1))


if __name__ == "__main__":
    main()
