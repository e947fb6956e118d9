# corpus: exact
# str.format with positional, indexed and named fields and format specs.
print("{} + {} = {}".format(2, 3, 5))
print("{1} before {0}".format("first", "second"))
print("{name} is {age} years old".format(name="Ada", age=36))
print("[{:>8}] [{:<8}] [{:^8}]".format("right", "left", "mid"))
print("[{:*^11}] [{:08.3f}] [{:+d}]".format("star", 3.14159, 7))
print("{:x} {:X} {:o} {:b} {:#x}".format(255, 255, 8, 5, 255))
print("{:,} {:_} {:.2%}".format(1234567, 1234567, 0.4567))
print("{0[0]} {0[1]} {1[key]}".format(["a", "b"], {"key": "v"}))
print("{{literal braces}} {}".format("ok"))
print(format(42, "05d"), format("x", ">3"), format(0.5, ".1f"))
