# lesson: C2
# title: The same balance with a lock
# shows: A lock around each update makes the read and the write one step that no other thread can split, at a price.
# notice: Every round ends at exactly 100, whatever the mode; the lock costs time ("lock / no lock").
# mode: gil39
# question: With a lock around each update, what will the balance be?
# choices: always 100 | not 100, and different each round
# answer: the balance was 100
# check: balance == 100
# prints: the balance was 100: always 100
import threading
import time

UPDATES = 50_000
balance = 100
lock = threading.Lock()


def deposit():
    global balance
    for _ in range(UPDATES):
        with lock:
            balance += 1


def withdraw():
    global balance
    for _ in range(UPDATES):
        with lock:
            balance -= 1


def one_round():
    global balance
    balance = 100
    threads = [threading.Thread(target=deposit), threading.Thread(target=withdraw)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return balance


started = time.perf_counter()
finals = [one_round() for _ in range(3)]
locked_seconds = time.perf_counter() - started
for number, final in enumerate(finals, 1):
    print(f"round {number}: balance: {final}")
print("the balance was 100:", "always 100" if finals == [100] * 3 else "not 100, and different each round")

started = time.perf_counter()
for _ in range(3 * 2 * UPDATES):
    balance += 1
unlocked_seconds = time.perf_counter() - started
print(f"lock / no lock: {locked_seconds / unlocked_seconds:.1f} times the time of the same updates without a lock")
