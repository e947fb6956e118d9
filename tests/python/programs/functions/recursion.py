# corpus: exact
# Recursive functions: factorial, Fibonacci with a memo dict, Hanoi, a nested sum.
def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


memo = {}


def fib(n):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves.append((source, target))
    hanoi(n - 1, spare, target, source, moves)


def deep_sum(value):
    if isinstance(value, list):
        return sum(deep_sum(v) for v in value)
    return value


print(factorial(20), factorial(50))
print(fib(90))
moves = []
hanoi(4, "A", "C", "B", moves)
print(len(moves), moves[:3])
print(deep_sum([1, [2, [3, [4, [5]]]], 6]))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(500))
