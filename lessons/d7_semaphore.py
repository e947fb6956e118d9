# lesson: D7
# title: A Semaphore lets three clients in at a time
# shows: A server with three slots: ten clients each take a slot from a Semaphore(3) and give it back when done.
# notice: Never more than three clients are inside at once, and all ten are served; the others are blocked on the semaphore meanwhile.
# output: exact
# mode: gil312
# question: Ten clients, three slots: how many clients will ever be inside at once, at most?
# number: clients
# answer: most clients inside at once
# check: most clients inside at once == 3
# check: clients served == 10
import threading
import time

slots = threading.Semaphore(3)
count_lock = threading.Lock()
inside = 0
most_inside = 0
served = 0
# The clients wait at the door until all ten are there, as at opening time: then three are
# inside together however slowly each one started.
doors_open = threading.Event()


def client():
    global inside, most_inside, served
    doors_open.wait()
    with slots:
        with count_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.1)  # being served
        with count_lock:
            inside -= 1
            served += 1


clients = [threading.Thread(target=client) for _ in range(10)]
for thread in clients:
    thread.start()
doors_open.set()
for thread in clients:
    thread.join()
print("most clients inside at once:", most_inside)
print("clients served:", served)
