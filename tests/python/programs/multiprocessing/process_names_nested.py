# corpus: exact
# A child may start children of its own: CPython names them Process-1:1, Process-1:2.
import multiprocessing


def leaf(out):
    out.put(multiprocessing.current_process().name + " under " + multiprocessing.parent_process().name)


def branch(out):
    kids = [multiprocessing.Process(target=leaf, args=(out,)) for _ in range(2)]
    for kid in kids:
        kid.start()
    for kid in kids:
        kid.join()


if __name__ == "__main__":
    out = multiprocessing.Queue()
    p = multiprocessing.Process(target=branch, args=(out,))
    p.start()
    p.join()
    print(sorted(out.get() for _ in range(2)))
