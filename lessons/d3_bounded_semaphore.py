# lesson: D3
# title: A BoundedSemaphore as a box of five
# shows: A BoundedSemaphore(5) counts items in a box: release() puts one in (an error past five), acquire(blocking=False) takes one out (False when empty).
# notice: The producer meets "full, skipping" once the box holds five; the consumer meets "empty, skipping" once it is empty.
# output: exact
# mode: gil312
# question: The box starts full with 5; the consumer takes 3, the producer tries to add 5. How many of those 5 go in?
# number: items
# answer: items the producer put in
# check: items the producer put in == 3
# prints: full, skipping
# prints: empty, skipping
import threading

box = threading.BoundedSemaphore(5)
put_in = 0


def producer(items):
    global put_in
    for item in range(items):
        try:
            box.release()
            put_in += 1
            print(f"producer: put item {item} in")
        except ValueError:
            print("producer: full, skipping")


def consumer(items):
    for _ in range(items):
        if box.acquire(blocking=False):
            print("consumer: took an item")
        else:
            print("consumer: empty, skipping")


for target, items in [(consumer, 3), (producer, 5), (consumer, 7)]:
    worker = threading.Thread(target=target, args=(items,))
    worker.start()
    worker.join()
print("items the producer put in:", put_in)
