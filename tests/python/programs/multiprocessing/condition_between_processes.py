# corpus: exact
# A Condition shared by processes: the child waits for a shared value to be ready.
import multiprocessing


def consumer(cond, ready, out):
    with cond:
        cond.wait_for(lambda: ready.value == 1)
        out.put("consumer saw ready")


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    ready = multiprocessing.Value("i", 0, lock=False)
    out = multiprocessing.Queue()
    p = multiprocessing.Process(target=consumer, args=(cond, ready, out))
    p.start()
    with cond:
        ready.value = 1
        cond.notify_all()
    print(out.get())
    p.join()
    with cond:
        print("timed out:", cond.wait(0.01) is False)
