# corpus: exact
# random after seed(n) repeats CPython's Mersenne Twister sequence exactly.
import random

random.seed(42)
print(random.random())
print(random.random())
print([random.randint(1, 6) for _ in range(10)])
print([random.randrange(100) for _ in range(5)])
print(random.randrange(10, 20, 3), random.randrange(-5, 5))
print(random.uniform(1.5, 2.5))
print(random.choice(["gil", "free", "onecore", "gil39"]), random.choice("abcdef"))
deck = list(range(10))
random.shuffle(deck)
print(deck)
random.seed(42)
print(random.random(), "again after reseeding")
