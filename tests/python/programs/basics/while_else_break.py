# corpus: exact
# while with break, continue and else (else runs only when no break happened).
n = 0
while n < 10:
    n += 1
    if n % 3 == 0:
        continue
    if n == 8:
        print("breaking at", n)
        break
    print("n =", n)
else:
    print("not printed")

count = 3
while count > 0:
    print("countdown", count)
    count -= 1
else:
    print("liftoff")

total = 0
k = 100000
while k:
    total += k
    k -= 1
print("sum 1..100000 =", total)
