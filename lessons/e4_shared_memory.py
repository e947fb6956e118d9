# lesson: E4
# title: A shared Value and Array, and a plain variable
# shows: A child process writes to a multiprocessing Value, an Array and an ordinary global; only the first two live in memory the parent shares.
# notice: The parent sees the child's writes to the Value and the Array; the plain variable is still 0 in the parent, because the child changed its own copy.
# output: exact
# mode: gil312
# question: The child sets a plain global to 42. What will the parent read?
# number: value
# answer: plain variable in the parent
# check: plain variable in the parent == 0
# check: shared Value in the parent == 42
# prints: shared Array in the parent: [0, 1, 4, 9, 16]
from multiprocessing import Array, Process, Value

plain = 0


def child(number, squares):
    global plain
    plain = 42
    number.value = 42
    for index in range(len(squares)):
        squares[index] = index * index


if __name__ == "__main__":
    number = Value("i", 0)
    squares = Array("i", 5)
    worker = Process(target=child, args=(number, squares))
    worker.start()
    worker.join()
    print("shared Value in the parent:", number.value)
    print("shared Array in the parent:", list(squares))
    print("plain variable in the parent:", plain)
