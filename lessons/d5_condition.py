# lesson: D5
# title: A Condition between a producer and a consumer
# shows: The consumer waits on the condition while the box is empty; the producer appends under the same lock and notifies.
# notice: The consumer takes the items in order and never pops from an empty box: it re-checks the box after every wake-up.
# output: exact
# mode: gil312
# question: The consumer checks the box each time it wakes. How many times will it pop from an empty box?
# number: times
# answer: pops from an empty box
# check: pops from an empty box == 0
# prints: consumer: took item 4
import threading
import time

box = []
changed = threading.Condition()
empty_pops = 0


def producer():
    for item in range(5):
        time.sleep(0.02)
        with changed:
            box.append(item)
            changed.notify()


def consumer():
    global empty_pops
    for _ in range(5):
        with changed:
            while not box:
                changed.wait()
            try:
                print("consumer: took item", box.pop(0))
            except IndexError:
                empty_pops += 1


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("pops from an empty box:", empty_pops)
