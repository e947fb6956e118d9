# corpus: exact
# RecursionError can be caught; the depth reached is close to the default limit of 1000.
depth = 0


def dive():
    global depth
    depth += 1
    dive()


try:
    dive()
except RecursionError as error:
    print("RecursionError:", error)
print("deeper than 900:", depth > 900, "- below 1000:", depth < 1000)
depth = 0
try:
    dive()
except RecursionError:
    print("caught again at a similar depth:", 900 < depth < 1000)
