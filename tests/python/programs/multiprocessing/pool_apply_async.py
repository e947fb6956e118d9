# corpus: exact
# apply_async returns at once; its AsyncResult tells ready(), successful(), and get(timeout)
# waits for the value; a callback runs in the parent with it.
import multiprocessing

gate = None


def keep_gate(shared_gate):
    global gate
    gate = shared_gate


def add_one_once_let_through(x):
    # The task ends only once the parent opens the gate, so it is not ready before that on
    # any machine.
    gate.wait()
    return x + 1


if __name__ == "__main__":
    collected = []
    gate = multiprocessing.Event()
    with multiprocessing.Pool(2, initializer=keep_gate, initargs=(gate,)) as pool:
        result = pool.apply_async(add_one_once_let_through, (41,), callback=collected.append)
        print("ready at once:", result.ready())
        try:
            result.successful()
        except ValueError:
            print("successful() before ready raises ValueError")
        try:
            result.get(timeout=0.01)
        except multiprocessing.TimeoutError:
            print("TimeoutError after 0.01 s")
        gate.set()
        print(result.get(timeout=10))
        print("ready:", result.ready(), "successful:", result.successful())
        results = [pool.apply_async(add_one_once_let_through, (n,)) for n in range(4)]
        print([r.get() for r in results])
    print(collected)
