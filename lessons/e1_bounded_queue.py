# lesson: E1
# title: A bounded queue pushes back on a fast producer
# shows: A Queue(maxsize=2) between a fast producer and a slow consumer: when it is full, put() waits, so the producer slows to the consumer's pace; a None at the end tells the consumer to stop.
# notice: The producer finds the queue full several times; all six items are consumed, in order, and both threads stop.
# mode: gil312
# question: The queue holds 2 items and the consumer is slow. Will the producer have to wait?
# choices: never | several times
# answer: the producer waited
# check: times the queue was full > 0
# check: items consumed == 6
# prints: producer stopped
# prints: consumer stopped
import queue
import threading
import time

pipe = queue.Queue(maxsize=2)
full_count = 0
consumed = []


def producer():
    global full_count
    for item in range(6):
        try:
            pipe.put_nowait(item)
        except queue.Full:
            full_count += 1
            print(f"producer: queue full, waiting to put {item}")
            pipe.put(item)
    pipe.put(None)
    print("producer stopped")


def consumer():
    while True:
        item = pipe.get()
        if item is None:
            break
        time.sleep(0.03)  # slow work on each item
        consumed.append(item)
    print("consumer stopped")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("times the queue was full:", full_count)
print("items consumed:", len(consumed), "in order:", consumed == sorted(consumed))
print("the producer waited:", "several times" if full_count > 1 else "never" if full_count == 0 else "once")
