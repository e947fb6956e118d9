# corpus: exact
# A JoinableQueue: join() waits until every item put has been marked task_done().
import multiprocessing


def worker(q, done):
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with done.get_lock():
            done.value += item
        q.task_done()


if __name__ == "__main__":
    q = multiprocessing.JoinableQueue()
    done = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=worker, args=(q, done))
    p.start()
    for i in range(1, 11):
        q.put(i)
    q.put(None)
    q.join()
    print("all tasks done:", done.value)
    p.join()
