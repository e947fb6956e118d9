# corpus: error
# A method called with no arguments on a global raises: the caller's line is placed at the call.
class Counter:
    def tick(self):
        raise ValueError("the counter is full")


counter = Counter()
value = counter.tick()
