# corpus: exact
# Queues, locks and shared values cross only to a new process (its start); sent to a pool's
# worker they are refused, each with its own name. A Pipe's end may be sent.
import multiprocessing


def use(thing):
    return "used"


if __name__ == "__main__":
    things = [multiprocessing.Queue(), multiprocessing.JoinableQueue(), multiprocessing.SimpleQueue(),
              multiprocessing.Lock(), multiprocessing.RLock(), multiprocessing.Semaphore(),
              multiprocessing.BoundedSemaphore(), multiprocessing.Condition(), multiprocessing.Event(),
              multiprocessing.Barrier(2), multiprocessing.Value("i", 1), multiprocessing.Array("i", 2),
              multiprocessing.Value("i", 1, lock=False), multiprocessing.Pipe()[0]]
    with multiprocessing.Pool(1) as pool:
        for thing in things:
            try:
                print(pool.apply(use, (thing,)), type(thing).__name__)
            except RuntimeError as e:
                print("RuntimeError:", e)
