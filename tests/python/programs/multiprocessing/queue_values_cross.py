# corpus: exact
# What crosses a Queue is a copy: ints (big ones too), floats, str, None, bools, tuples,
# lists, dicts, sets and instances of classes defined in the program.
import multiprocessing


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


def echo(inbox, outbox):
    while True:
        item = inbox.get()
        if item == "stop":
            break
        outbox.put(item)


if __name__ == "__main__":
    inbox = multiprocessing.Queue()
    outbox = multiprocessing.Queue()
    p = multiprocessing.Process(target=echo, args=(inbox, outbox))
    p.start()
    values = [7, 2 ** 100, -3.25, "text", None, True, (1, "two"), [1, [2, 3]], {"k": [1]}, {5},
              Point(1, 2), [Point(3, 4)], ValueError("inside")]
    for value in values:
        inbox.put(value)
    inbox.put("stop")
    for value in values:
        back = outbox.get()
        print(repr(back), type(back).__name__)
    p.join()
