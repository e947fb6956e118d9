# Bench program: estimate pi from 1,000,000 random points in the unit square (calls into
# `random`, float arithmetic). Seeded, so CPython and the playground print the same estimate.
import random
import time

SAMPLES = 1_000_000


def estimate_pi(samples):
    hits = 0
    for _ in range(samples):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            hits += 1
    return 4 * hits / samples


random.seed(2026)
started = time.perf_counter()
answer = estimate_pi(SAMPLES)
elapsed = time.perf_counter() - started
print("answer:", answer)
print("seconds:", elapsed)
