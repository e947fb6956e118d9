# corpus: exact
# f-strings and format() of instances: __format__, __str__, __repr__, conversions, errors.
class F:
    def __format__(self, spec):
        return "F<" + spec + ">"
    def __str__(self):
        return "strF"
    def __repr__(self):
        return "reprF"
f = F()
print(f"{f} {f:x>3} {f!s} {f!r} {f!s:>6} {f!r:<6}|")
print(format(f), format(f, "abc"))
class S:
    def __str__(self):
        return "S!"
print(f"{S()} [{S()!s:^7}] {format(S())}")
class Bad:
    def __format__(self, spec):
        return 5
try:
    f"{Bad()}"
except TypeError as e:
    print(e)
try:
    format(Bad(), "")
except TypeError as e:
    print(e)
class BadStr:
    def __str__(self):
        return 3
try:
    f"{BadStr()}"
except TypeError as e:
    print(e)
class R:
    def __repr__(self):
        return "R()"
print(f"{R()!r:>5}|{R()!a}|{R()}")
