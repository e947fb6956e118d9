# lesson: D6
# title: A Barrier for four
# shows: Four threads arrive at a Barrier(4) at different times; each waits until the fourth arrives, then all go on together.
# notice: The arrivals are spread over about 150 ms; the departures happen within a few ms of each other.
# mode: gil312
# question: The four threads arrive 50 ms apart. How many ms apart will the first and the last leave?
# number: ms
# answer: departures spread (ms)
# check: arrivals spread (ms) >= 140
# check: departures spread (ms) < 60
import threading
import time

barrier = threading.Barrier(4)
arrived = {}
left = {}
origin = time.perf_counter()


def runner(number):
    time.sleep(0.05 * number)
    arrived[number] = time.perf_counter() - origin
    print(f"runner {number} arrives")
    barrier.wait()
    left[number] = time.perf_counter() - origin


threads = [threading.Thread(target=runner, args=(number,)) for number in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()


def spread_ms(times):
    return 1000 * (max(times.values()) - min(times.values()))


print(f"arrivals spread (ms): {spread_ms(arrived):.0f}")
print(f"departures spread (ms): {spread_ms(left):.1f}")
