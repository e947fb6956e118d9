# lesson: D2
# title: Taking a lock twice: RLock, then Lock
# shows: An RLock remembers its owner and lets it in again (one release per acquire); a plain Lock does not, so a thread that takes it twice waits for itself forever.
# notice: The RLock part finishes; then MainThread blocks on the Lock it already holds, and the playground stops the program and reports the deadlock instead of hanging.
# mode: gil312
# question: The same thread takes a plain Lock a second time. What happens?
# choices: it goes on, like the RLock | it waits for itself forever
# answer: deadlock
# ends: deadlock
# prints: RLock released twice
import threading

reentrant = threading.RLock()
reentrant.acquire()
reentrant.acquire()
print("RLock taken twice by", threading.current_thread().name)
reentrant.release()
reentrant.release()
print("RLock released twice: one release per acquire")

plain = threading.Lock()
plain.acquire()
print("Lock taken once; taking it again...")
plain.acquire()
print("second acquire: it goes on, like the RLock")
