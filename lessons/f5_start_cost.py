# lesson: F5
# title: What starting processes and sending data costs
# shows: Tiny tasks sent to a pool of processes: each must be serialised, sent, run and sent back, and the pool's processes must first start.
# notice: With tasks this small the pool is slower than a plain loop: "pool / loop" is well above 1.
# mode: gil312
# question: A thousand tiny tasks: how will a pool of two processes compare with a plain loop?
# choices: faster | slower
# answer: the pool was
# timing: pool / loop > 1
import time
from multiprocessing import Pool


def tiny(n):
    return n + 1


if __name__ == "__main__":
    numbers = list(range(1000))
    started = time.perf_counter()
    in_a_loop = [tiny(n) for n in numbers]
    loop = time.perf_counter() - started
    started = time.perf_counter()
    with Pool(2) as pool:
        pooled = pool.map(tiny, numbers, chunksize=1)
    pool_seconds = time.perf_counter() - started
    print("same results:", in_a_loop == pooled)
    print(f"loop: {1000 * loop:.2f} ms, pool: {1000 * pool_seconds:.1f} ms")
    print(f"pool / loop: {pool_seconds / loop:.0f}")
    print("the pool was:", "slower" if pool_seconds > loop else "faster")
