# Playground-only: `from x import y` of a module outside the subset is refused the same way.
from numpy import array
print(array([1, 2, 3]))
