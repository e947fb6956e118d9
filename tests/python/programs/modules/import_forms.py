# corpus: exact
# import x, import x as y, from x import y (several, and with as).
import math
import random as rnd
import threading as th
from math import factorial, sqrt as square_root
from queue import Queue, Empty
from concurrent.futures import ThreadPoolExecutor

print(math.floor(3.7), factorial(5), square_root(81))
rnd.seed(1)
print(rnd.randint(1, 6) in range(1, 7))
print(th.current_thread().name, th.Lock is th.Lock)
q = Queue()
q.put("item")
print(q.get())
try:
    q.get_nowait()
except Empty:
    print("Empty imported by name")
with ThreadPoolExecutor(max_workers=1) as pool:
    print(pool.submit(factorial, 6).result())
import time, os
print(time.time() > 0, os.getpid() > 0)
