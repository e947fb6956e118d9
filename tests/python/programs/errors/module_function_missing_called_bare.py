# corpus: error
# A module's missing function called with no arguments: the error is placed at the attribute.
import random

value = random.roll_the_dice()
