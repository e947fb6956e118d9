# corpus: exact
# for/else: the else clause runs when the loop was not broken out of.
def first_divisor(n):
    for d in range(2, n):
        if n % d == 0:
            print(n, "is divisible by", d)
            break
    else:
        print(n, "is prime")


for n in [2, 9, 13, 21, 29]:
    first_divisor(n)

for i in []:
    print("never")
else:
    print("empty loop still runs else")
