# corpus: exact
# Arbitrary precision: facts about 1000! computed from its digits.
import math

big = math.factorial(1000)
digits = str(big)
print("digits:", len(digits))
print("first 20:", digits[:20])
print("digit sum:", sum(int(d) for d in digits))
trailing = len(digits) - len(digits.rstrip("0"))
print("trailing zeros:", trailing)
print("divisible by 997:", big % 997 == 0)
print("factorial(25):", math.factorial(25))
product = 1
for k in range(1, 31):
    product *= k
print("loop 30! equals math.factorial(30):", product == math.factorial(30))
print(product)
