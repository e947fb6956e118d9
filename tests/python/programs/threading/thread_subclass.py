# corpus: exact
# Subclassing Thread: __init__ calls super().__init__(), run() is overridden.
import threading


class Summer(threading.Thread):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(self.numbers)


class Greeter(threading.Thread):
    def __init__(self, who):
        super().__init__(name=f"greeter-{who}")
        self.who = who
        self.message = ""

    def run(self):
        self.message = f"hello {self.who} from {threading.current_thread().name}"


summers = [Summer(range(n)) for n in (10, 100, 1000)]
for s in summers:
    s.start()
for s in summers:
    s.join()
print([s.total for s in summers], [s.name for s in summers])
g = Greeter("ada")
g.start()
g.join()
print(g.message)
print(isinstance(g, threading.Thread), g.is_alive())
