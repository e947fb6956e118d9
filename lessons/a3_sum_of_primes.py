# lesson: A3
# title: Sums of primes, one task per thread
# shows: Three tasks of different sizes, run one after the other and then on three threads: under the GIL the threads finish no sooner.
# notice: The sums are the same both ways; "threads / one after the other" stays near 1 with the GIL. With free threads the biggest task (below 12,000) bounds the wall time.
# mode: gil312
# question: Run on three threads at once, how long will the three sums take next to one after the other?
# choices: a third as long | about as long | much longer
# answer: threads / one after the other
# timing: threads / one after the other > 0.75
# prints: sum of primes below 12000: 8034435
import threading
import time

LIMITS = [4_000, 8_000, 12_000]


def is_prime(n):
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


def sum_of_primes(limit, results):
    results[limit] = sum(n for n in range(limit) if is_prime(n))


def one_after_the_other(results):
    started = time.perf_counter()
    for limit in LIMITS:
        sum_of_primes(limit, results)
    return time.perf_counter() - started


def on_threads(results):
    threads = [threading.Thread(target=sum_of_primes, args=(limit, results)) for limit in LIMITS]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


# Each way twice, keeping the faster: a first run (and a busy machine) can be slow.
serial, threaded = {}, {}
serial_seconds = min(one_after_the_other(serial), one_after_the_other(serial))
threaded_seconds = min(on_threads(threaded), on_threads(threaded))

for limit in LIMITS:
    print(f"sum of primes below {limit}: {threaded[limit]}")
print("same sums both ways:", serial == threaded)
print(f"one after the other: {serial_seconds:.3f} s")
print(f"on three threads: {threaded_seconds:.3f} s")
print(f"threads / one after the other: {threaded_seconds / serial_seconds:.2f}")
