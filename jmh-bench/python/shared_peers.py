#!/usr/bin/env python3
"""Python multiprocessing.shared_memory with numpy, measured as the peer of spm4j's shared arrays.

Prints one JSON object: {"python": version, "metrics": {name: value}}, times in nanoseconds. For 100 MB and
1000 MB of float64: the one-time copy of the array into a new shared memory block, and the sum of the shared
array by Pool(2), a slice per task, each worker reading the block in place (inherited by fork). Exits with
status 3 and a line on stderr where numpy is missing. --quick measures fewer repeats.
"""

import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import time
from multiprocessing import shared_memory

try:
    import numpy
except ImportError:
    print("numpy is not installed", file=sys.stderr)
    sys.exit(3)

SLICES = 16
MEGABYTES = (100, 1000)
shared_view = None


def slice_sum(bounds):
    return float(shared_view[bounds[0]:bounds[1]].sum())


def copy_in(values):
    start = time.perf_counter_ns()
    block = shared_memory.SharedMemory(create=True, size=values.nbytes)
    numpy.ndarray(values.shape, dtype=values.dtype, buffer=block.buf)[:] = values
    return block, time.perf_counter_ns() - start


def measure(megabytes, repeats):
    """The median copy time and the median time of a Pool(2) sum over repeats."""
    global shared_view
    values = numpy.random.default_rng(42).random(megabytes * 1_000_000 // 8)
    copies = []
    for _ in range(repeats):
        block, nanos = copy_in(values)
        copies.append(nanos)
        block.close()
        block.unlink()
    block, _ = copy_in(values)
    try:
        shared_view = numpy.ndarray(values.shape, dtype=values.dtype, buffer=block.buf)
        bounds = [(i * len(values) // SLICES, (i + 1) * len(values) // SLICES) for i in range(SLICES)]
        sums = []
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pool.map(slice_sum, bounds, chunksize=1)
            for _ in range(repeats):
                start = time.perf_counter_ns()
                sum(pool.map(slice_sum, bounds, chunksize=1))
                sums.append(time.perf_counter_ns() - start)
        shared_view = None
    finally:
        block.close()
        block.unlink()
    return statistics.median(copies), statistics.median(sums)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    repeats = 3 if parser.parse_args().quick else 10
    metrics = {}
    for megabytes in MEGABYTES:
        copy, total = measure(megabytes, repeats)
        metrics["python.sharedCopy%d mean" % megabytes] = copy
        metrics["python.sharedSum%d mean" % megabytes] = total
    print(json.dumps({"python": platform.python_version(), "metrics": metrics}, indent=1))


if __name__ == "__main__":
    main()
