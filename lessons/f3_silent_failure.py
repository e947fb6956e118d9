# lesson: F3
# title: A worker dies and nobody notices
# shows: An exception in a thread ends that thread only; the main thread goes on and prints a total that is quietly wrong.
# notice: The traceback of the worker that failed appears in the output (in red, from stderr), yet the program finishes with a short total: a join() does not tell you a thread failed.
# output: exact
# mode: gil312
# question: One of four workers divides by zero. How does the program end?
# choices: it stops with the error | it finishes with a wrong total
# answer: total
# prints: Exception in thread
# prints: ZeroDivisionError
# prints: total: 6
import threading

results = []


def worker(divisor):
    results.append(12 // divisor)


threads = [threading.Thread(target=worker, args=(d,)) for d in [4, 0, 6, 12]]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("workers joined:", len(threads))
print("total:", sum(results), "(one worker's share is missing)")
