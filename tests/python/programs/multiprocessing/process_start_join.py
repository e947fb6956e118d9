# corpus: exact
# A Process runs its target with its arguments in a process of its own; join waits for it.
import multiprocessing


def greet(who, times):
    for i in range(times):
        print("hello", who, i)


if __name__ == "__main__":
    p = multiprocessing.Process(target=greet, args=("world", 3))
    print("alive before start:", p.is_alive(), "exitcode:", p.exitcode, "pid:", p.pid)
    p.start()
    p.join()
    print("alive after join:", p.is_alive(), "exitcode:", p.exitcode)
    print("has a pid:", isinstance(p.pid, int), "name:", p.name)
