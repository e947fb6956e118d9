# corpus: exact
# A seeded Monte Carlo estimate of pi, dice statistics and a shuffled order.
import random

random.seed(2026)
inside = 0
samples = 20000
for _ in range(samples):
    x = random.random()
    y = random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print("inside:", inside, "pi ~", 4 * inside / samples)
random.seed(7)
rolls = [random.randint(1, 6) for _ in range(600)]
print("counts:", [rolls.count(face) for face in range(1, 7)])
print("mean:", sum(rolls) / len(rolls))
random.seed(123456789)
names = ["ann", "bob", "cy", "di", "ed"]
random.shuffle(names)
print(names, random.choice(names))
print([round(random.uniform(-1, 1), 6) for _ in range(3)])
random.seed(10 ** 30)
print(random.random(), random.randrange(10 ** 20))
