# Playground-only: main joins a thread that waits for an Event only main could set.
import threading

never_set = threading.Event()
worker = threading.Thread(target=never_set.wait, name="waiter")
worker.start()
worker.join()
never_set.set()
