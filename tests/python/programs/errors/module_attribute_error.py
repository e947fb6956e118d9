# corpus: error
# Calling a function a module does not have: the AttributeError is placed at the attribute.
import random

random.seed(1)
print(random.randint(1, 6))
print(random.throw_the_dice(1, 6))
