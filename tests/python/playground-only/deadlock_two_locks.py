# Playground-only: two threads take two locks in opposite orders and wait for each other;
# the report says who waits for what.
import threading

first = threading.Lock()
second = threading.Lock()
both_hold_one = threading.Barrier(2)


def forward():
    with first:
        both_hold_one.wait()
        with second:
            print("forward got both")


def backward():
    with second:
        both_hold_one.wait()
        with first:
            print("backward got both")


threads = [threading.Thread(target=forward), threading.Thread(target=backward)]
for t in threads:
    t.start()
for t in threads:
    t.join()
