# corpus: exact
# A two-stage pipeline of queues: parse, then square; sentinels travel down the line.
import queue
import threading

raw, parsed, results = queue.Queue(), queue.Queue(), []
STOP = None


def parse_stage():
    item = raw.get()
    while item is not STOP:
        parsed.put(int(item))
        item = raw.get()
    parsed.put(STOP)


def square_stage():
    while True:
        item = parsed.get()
        if item is STOP:
            break
        results.append(item * item)


stages = [threading.Thread(target=parse_stage), threading.Thread(target=square_stage)]
for stage in stages:
    stage.start()
for text in "3 1 4 1 5 9 2 6".split():
    raw.put(text)
raw.put(STOP)
for stage in stages:
    stage.join()
print(results)
