# corpus: exact
# Whole floats become ints exactly, however large: int() truncates toward zero, math.floor
# and math.ceil round; NaN and the infinities cannot become ints.
import math

print(int(7.9), int(-7.9), int(2.0 ** 70), int(-1e25))
print(int(1e300) == 10 ** 300, int(1e300) % 10 ** 20)
print(math.floor(-2.5e20), math.ceil(1e19 + 0.5), math.trunc(-3.99))
for bad in (float("nan"), float("inf"), -float("inf")):
    try:
        int(bad)
    except (ValueError, OverflowError) as error:
        print(type(error).__name__, error)
