# lesson: B1
# title: Ten threads sleep at the same time
# shows: A thread that sleeps (or waits for a disk or a network) lets go of the GIL, so ten sleeps of 0.2 s overlap.
# notice: The wall time is close to 0.2 s, not the 2 s that ten sleeps one after the other would take, with the GIL too.
# mode: gil312
# question: Ten threads each sleep 0.2 s. How many seconds will all ten take, with the GIL?
# number: seconds
# answer: wall time
# check: wall time < 1.0
# check: wall time >= 0.2
import threading
import time

NAP = 0.2

threads = [threading.Thread(target=time.sleep, args=(NAP,)) for _ in range(10)]
started = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
wall = time.perf_counter() - started
print(f"one after the other it would be: {10 * NAP:.1f} s")
print(f"wall time: {wall:.2f} s")
