# Playground-only: a thread that sleeps forever in a loop is not a deadlock (a timeout is
# always pending), so the time limit ends the run.
import time

ticks = 0
while True:
    time.sleep(0.1)
    ticks += 1
