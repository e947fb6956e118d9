# Playground-only: a million printed lines keep the page responsive; the log keeps the last
# 10,000 and notes how many were dropped (990,001 of the 1,000,001 lines).
for _ in range(1_000_000):
    print("tick")
print("finished printing")
