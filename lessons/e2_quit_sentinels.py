# lesson: E2
# title: Three consumers, one work queue, a "quit" for each
# shows: Three consumers take jobs from one queue; after the last job the producer puts one "quit" per consumer, and each stops when it takes one.
# notice: All twelve jobs are done and every consumer stops; with one "quit" fewer, a consumer would wait forever (try it: the playground reports the deadlock).
# output: exact
# mode: gil312
# question: Twelve jobs and three consumers: how many consumers will stop?
# number: consumers
# answer: consumers stopped
# check: jobs done == 12
# check: consumers stopped == 3
import queue
import threading

jobs = queue.Queue()
done = []
stopped = []
CONSUMERS = 3


def consumer(name):
    while True:
        job = jobs.get()
        if job == "quit":
            stopped.append(name)
            return
        done.append(job * job)


workers = [threading.Thread(target=consumer, args=(f"consumer {n}",)) for n in range(CONSUMERS)]
for worker in workers:
    worker.start()
for job in range(12):
    jobs.put(job)
for _ in range(CONSUMERS):
    jobs.put("quit")
for worker in workers:
    worker.join()
print("jobs done:", len(done), "sum of squares:", sum(done))
print("consumers stopped:", len(stopped), sorted(stopped))
