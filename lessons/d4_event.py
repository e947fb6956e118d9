# lesson: D4
# title: An Event: wait until someone sets the flag
# shows: The waiter blocks in event.wait() until the setter calls set(); it clears the flag to wait again.
# notice: Each "waiter: woke" comes right after a "setter: set", never before; on the timeline the waiter's lane is blocked on the event until then.
# output: exact
# mode: gil312
# question: The setter sets the flag three times, 0.1 s apart. How many times will the waiter wake?
# number: wake-ups
# answer: wake-ups
# check: wake-ups == 3
# prints: setter: set 0
import threading
import time

flag = threading.Event()
wake_ups = 0


def waiter():
    global wake_ups
    for _ in range(3):
        flag.wait()
        flag.clear()
        wake_ups += 1
        print(f"waiter: woke ({wake_ups})")


def setter():
    for round in range(3):
        time.sleep(0.1)
        print(f"setter: set {round}")
        flag.set()


threads = [threading.Thread(target=waiter), threading.Thread(target=setter)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("wake-ups:", wake_ups)
