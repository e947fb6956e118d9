# corpus: exact
# Set operators between sets holding distinct but equal instances (their class defines __eq__
# and __hash__): &, |, -, ^, comparisons, the methods, in-place forms and `in` on a frozenset
# find equal members by __hash__ and __eq__, and keep the member CPython keeps (the left set's
# for |, the smaller set's for &, the right one's when both are the same size).
class Tagged:
    def __init__(self, value, tag):
        self.value = value
        self.tag = tag

    def __eq__(self, other):
        return isinstance(other, Tagged) and self.value == other.value

    def __hash__(self):
        return self.value

    def __repr__(self):
        return f"{self.value}{self.tag}"


def tagged(values, tag):
    return {Tagged(value, tag) for value in values}


a = tagged([1, 2, 3], "a")
b = tagged([2, 3, 4], "b")
print(a & b, b & a)
print(a | b, b | a)
print(a - b, b - a)
print(a ^ b, b ^ a)
print(tagged([1, 2], "a") & tagged([1, 2, 3], "c"), tagged([1, 2, 3], "c") & tagged([1, 2], "a"))

print(a == tagged([1, 2, 3], "x"), a != tagged([1, 2, 3], "x"), a == b)
print(tagged([2, 3], "x") <= a, tagged([2, 3], "x") < a, a <= tagged([1, 2, 3], "x"), a < tagged([1, 2, 3], "x"))
print(a >= tagged([1], "x"), a > tagged([1, 2, 3], "x"), a <= b, a >= b)
print(a.issubset(tagged([0, 1, 2, 3], "x")), a.issuperset([Tagged(3, "x")]), a.isdisjoint(tagged([7, 8], "x")))
print(a.isdisjoint(tagged([3, 9], "x")), a.union([Tagged(1, "x"), Tagged(4, "x")]), a.intersection([Tagged(2, "x")]))
print(a.difference([Tagged(1, "x")]), a.symmetric_difference([Tagged(1, "x"), Tagged(5, "x")]))

c = tagged([1, 2], "c")
c |= tagged([2, 5], "d")
print(c)
c &= tagged([1, 5, 6], "e")
print(c)
c -= tagged([5], "f")
print(c)
c ^= tagged([1, 7], "g")
print(c)

frozen = frozenset([Tagged(1, "f"), Tagged(2, "f")])
print(Tagged(1, "q") in frozen, Tagged(3, "q") in frozen, Tagged(2, "q") not in frozen)
print(sorted([a, b, tagged([2, 3], "s")], key=len)[0])
print(tagged([(1)], "a") in [tagged([1], "z")], [tagged([1], "a")] == [tagged([1], "z")])
