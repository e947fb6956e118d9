# corpus: exact
# cpu_count() is the machine's cores, as os.cpu_count() says.
import multiprocessing
import os

if __name__ == "__main__":
    n = multiprocessing.cpu_count()
    print(isinstance(n, int), n >= 1, n == os.cpu_count())
