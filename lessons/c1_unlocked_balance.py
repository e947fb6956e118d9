# lesson: C1
# title: A bank balance without a lock
# shows: One thread deposits 1 a hundred thousand times, another withdraws 1 as often, with no lock: a switch between reading the balance and writing it back loses an update.
# notice: The balance should be 100 every time; with the 3.9 switch rule it ends elsewhere, and differently in each round.
# mode: gil39
# question: Starting from 100, after 100,000 deposits of 1 and 100,000 withdrawals of 1, what will the balance be?
# choices: always 100 | not 100, and different each round
# answer: the balance was 100
# check: rounds off 100 >= 1
import threading

UPDATES = 100_000
balance = 100


def deposit():
    global balance
    for _ in range(UPDATES):
        balance += 1


def withdraw():
    global balance
    for _ in range(UPDATES):
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


finals = [one_round() for _ in range(3)]
for number, final in enumerate(finals, 1):
    print(f"round {number}: balance {final}")
off = sum(1 for final in finals if final != 100)
print("rounds off 100:", off)
print("the balance was 100:", "always 100" if off == 0 else "not 100, and different each round")
