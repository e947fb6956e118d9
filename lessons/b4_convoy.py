# lesson: B4
# title: The convoy: an I/O thread beside a busy thread
# shows: After each wait the I/O thread needs the GIL back; a busy thread holds it until the switch interval asks it to let go.
# notice: Each wake-up of the I/O thread comes late by about the switch interval (5 ms) while the busy thread runs, against almost nothing alone; free-threaded the delay disappears.
# mode: gil312
# question: The I/O thread asks to sleep 2 ms at a time. How many milliseconds late will it wake, on average, beside the busy thread?
# number: ms
# answer: late beside a busy thread (ms)
# check: late beside a busy thread (ms) > 1
import threading
import time

WAITS = 20
NAP = 0.002
busy = True


def spin():
    while busy:
        pass


def average_lateness_ms():
    late = 0.0
    for _ in range(WAITS):
        started = time.perf_counter()
        time.sleep(NAP)
        late += time.perf_counter() - started - NAP
    return 1000 * late / WAITS


print(f"late alone (ms): {average_lateness_ms():.2f}")
spinner = threading.Thread(target=spin)
spinner.start()
print(f"late beside a busy thread (ms): {average_lateness_ms():.2f}")
busy = False
spinner.join()
