# corpus: exact
# Condition.wait_for with a predicate, and notify_all waking every waiter.
import threading

condition = threading.Condition()
stage = 0
reached = []


def wait_for_stage(n):
    with condition:
        condition.wait_for(lambda: stage >= n)
        reached.append(n)


waiters = [threading.Thread(target=wait_for_stage, args=(n,)) for n in (1, 2, 2, 3)]
for t in waiters:
    t.start()
for value in (1, 2, 3):
    with condition:
        stage = value
        condition.notify_all()
for t in waiters:
    t.join()
print("reached:", sorted(reached))
with condition:
    print("predicate already true:", condition.wait_for(lambda: stage == 3))
    print("times out false:", condition.wait_for(lambda: stage == 99, timeout=0.05))
