# corpus: exact
# What cannot be pickled cannot reach a worker: a threading.Lock, a multiprocessing Lock
# passed as a task's argument (it is shared only by inheritance).
import multiprocessing
import threading


def use(thing):
    return "used"


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        for thing in (threading.Lock(), threading.RLock(), multiprocessing.Lock()):
            try:
                pool.apply(use, (thing,))
            except Exception as e:
                print(type(e).__name__ + ":", e)
        print(pool.apply(use, ("a string",)))
