# corpus: exact
# __eq__ decides ==, !=, `in` and list.index; without it, equality is identity.
class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __eq__(self, other):
        if not isinstance(other, Version):
            return False
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


class Plain:
    pass


print(Version(3, 12) == Version(3, 12), Version(3, 12) != Version(3, 9))
print(Version(3, 12) in [Version(3, 9), Version(3, 12)])
print([Version(3, 9), Version(3, 12)].index(Version(3, 12)))
print(Version(3, 9) == "3.9", Version(3, 9) < Version(3, 12))
print(sorted([Version(3, 12), Version(2, 7), Version(3, 9)]))
a = Plain()
print(a == a, a == Plain(), a != Plain())
