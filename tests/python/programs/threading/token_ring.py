# corpus: exact
# Threads print in a fixed order by passing a token: each waits for its Event, prints, and
# sets the next one's.
import threading

turns = [threading.Event() for _ in range(4)]


def speaker(index, rounds):
    for round_number in range(rounds):
        turns[index].wait()
        turns[index].clear()
        print(f"round {round_number}: {threading.current_thread().name}", flush=True)
        turns[(index + 1) % len(turns)].set()


threads = [
    threading.Thread(target=speaker, args=(i, 2), name=f"speaker-{i}") for i in range(4)
]
for t in threads:
    t.start()
turns[0].set()
for t in threads:
    t.join()
print("token back at the start:", turns[0].is_set())
