# Bench program: the sum of the primes below 200,000 by trial division (calls, integer
# arithmetic, a generator feeding sum).
import time

LIMIT = 200_000


def is_prime(candidate):
    if candidate < 2:
        return False
    divisor = 2
    while divisor * divisor <= candidate:
        if candidate % divisor == 0:
            return False
        divisor += 1
    return True


started = time.perf_counter()
answer = sum(n for n in range(LIMIT) if is_prime(n))
elapsed = time.perf_counter() - started
print("answer:", answer)
print("seconds:", elapsed)
