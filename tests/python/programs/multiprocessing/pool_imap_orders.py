# corpus: exact
# imap yields results in input order; imap_unordered as the tasks finish.
import multiprocessing
import time

gate = None


def keep_gate(shared_gate):
    global gate
    gate = shared_gate


def sleep_for(seconds):
    time.sleep(seconds)
    return seconds


def sleep_for_once_let_through(seconds):
    # The longest task also waits until the parent has had the other two results, so it
    # finishes last on any machine: the other worker runs the two short ones meanwhile.
    if seconds == 0.4:
        gate.wait()
    return sleep_for(seconds)


if __name__ == "__main__":
    gate = multiprocessing.Event()
    with multiprocessing.Pool(2, initializer=keep_gate, initargs=(gate,)) as pool:
        print(list(pool.imap(sleep_for, [0.4, 0.05, 0.15])))
        unordered = pool.imap_unordered(sleep_for_once_let_through, [0.4, 0.05, 0.15])
        first_two = [next(unordered), next(unordered)]
        gate.set()
        print(first_two + list(unordered))
        iterator = pool.imap(sleep_for, [0.01, 0.02])
        print(next(iterator), next(iterator))
