# corpus: exact
# A bounded Queue raises queue.Full; an empty one queue.Empty, at once or after a timeout.
import multiprocessing
import queue

if __name__ == "__main__":
    q = multiprocessing.Queue(maxsize=2)
    q.put("a")
    q.put("b")
    try:
        q.put_nowait("c")
    except queue.Full:
        print("full at two")
    try:
        q.put("c", timeout=0.05)
    except queue.Full:
        print("still full after a timeout")
    print(q.get(), q.get())
    try:
        q.get_nowait()
    except queue.Empty:
        print("empty")
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        print("empty after a timeout")
    try:
        q.get(block=False)
    except queue.Empty:
        print("empty without blocking")
