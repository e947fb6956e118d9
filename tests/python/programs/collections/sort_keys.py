# corpus: exact
# list.sort and sorted with key and reverse; sorting is stable.
people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 22)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
words = ["pear", "Fig", "apple", "kiwi", "banana"]
words.sort(key=len)
print(words)
words.sort(key=str.lower)
print(words)
print(sorted([3, -1, 2, -5], key=abs), sorted("hello", reverse=True))
nums = [5, 2, 9]
result = nums.sort()
print(result, nums)
