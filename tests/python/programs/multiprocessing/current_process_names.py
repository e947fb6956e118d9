# corpus: exact
# current_process() and parent_process() in the main process and in children.
import multiprocessing


def report(results):
    me = multiprocessing.current_process()
    parent = multiprocessing.parent_process()
    results.put((me.name, parent.name, me.pid != parent.pid))


if __name__ == "__main__":
    main = multiprocessing.current_process()
    print(main.name, multiprocessing.parent_process())
    results = multiprocessing.Queue()
    children = [multiprocessing.Process(target=report, args=(results,)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    print(sorted(results.get() for _ in children))
    print(multiprocessing.active_children())
