# Playground-only: the main thread waits on an empty queue that no thread will ever fill.
import queue

inbox = queue.Queue()
print("waiting for a message")
message = inbox.get()
print(message)
