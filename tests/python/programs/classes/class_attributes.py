# corpus: exact
# Class attributes shared by all instances: a counter of instances and an id sequence.
class Worker:
    created = 0

    def __init__(self, task):
        Worker.created += 1
        self.number = Worker.created
        self.task = task

    def label(self):
        return f"worker {self.number}: {self.task}"


workers = [Worker(task) for task in ["fetch", "parse", "store"]]
for w in workers:
    print(w.label())
print(Worker.created, workers[0].created)


class Config:
    defaults = {"mode": "gil312"}
    limits = []


first, second = Config(), Config()
first.limits.append(8)
print(second.limits, Config.limits)
first.limits = [1]
print(first.limits, second.limits)
