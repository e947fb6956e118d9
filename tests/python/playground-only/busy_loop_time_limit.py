# Playground-only: an endless loop is ended by the run's time limit, which the run reports.
print("spinning")
while True:
    pass
