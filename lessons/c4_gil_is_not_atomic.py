# lesson: C4
# title: The GIL does not make balance += 1 atomic
# shows: Two threads add 1 to a shared balance for 0.2 s, once with "balance += 1" and once with "balance = add(balance, 1)". An update is lost when the GIL changes hands between the read and the write, and where it may change hands depends on the interpreter.
# notice: With the 3.9 rule (a switch after any instruction) both loops lose updates. Switch to CPython 3.12 (a switch only at backward jumps, calls and function entries): "+=" loses none, but the loop that calls add() between the read and the write still does. Free-threaded, updates are lost whenever the two threads really run at the same moment (both loops lose on a machine with two free cores; on a busy one a loop may happen to run alone).
# mode: gil39
# question: With the 3.9 rule, will "balance += 1" lose updates?
# choices: none | some
# answer: lost with += (verdict)
# check: lost with += > 0
# check: lost with a call > 0
# check gil312: lost with += == 0
# check gil312: lost with a call > 0
# check free: lost in all > 0
import threading
import time

SECONDS = 0.2
balance = 0


def add(value, amount):
    return value + amount


def plus_equals(both_running, done):
    global balance
    mine = 0
    both_running.wait()
    stop_at = time.perf_counter() + SECONDS
    while time.perf_counter() < stop_at:
        for _ in range(1000):
            balance += 1
        mine += 1000
    done.append(mine)


def through_a_call(both_running, done):
    global balance
    mine = 0
    both_running.wait()
    stop_at = time.perf_counter() + SECONDS
    while time.perf_counter() < stop_at:
        for _ in range(1000):
            balance = add(balance, 1)
        mine += 1000
    done.append(mine)


def lost(loop):
    global balance
    balance = 0
    done = []
    # Both threads count for SECONDS from the moment both are running, however late one starts.
    both_running = threading.Barrier(2)
    threads = [threading.Thread(target=loop, args=(both_running, done)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"{loop.__name__}: {sum(done)} updates, balance {balance}")
    return sum(done) - balance


with_plus_equals = lost(plus_equals)
with_a_call = lost(through_a_call)
print("lost with +=:", with_plus_equals)
print("lost with a call:", with_a_call)
print("lost in all:", with_plus_equals + with_a_call)
print("lost with += (verdict):", "none" if with_plus_equals == 0 else "some")
