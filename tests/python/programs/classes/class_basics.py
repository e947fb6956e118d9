# corpus: exact
# A class with __init__, instance attributes, methods and a class attribute.
class Account:
    bank = "Playground Bank"

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return self.balance

    def withdraw(self, amount):
        if amount > self.balance:
            return False
        self.balance -= amount
        return True


a = Account("ann")
b = Account("bob", 50)
a.deposit(30)
print(a.owner, a.balance, b.owner, b.balance)
print(b.withdraw(80), b.withdraw(20), b.balance)
print(a.bank, Account.bank, a.bank is b.bank)
a.bank = "Own Bank"
print(a.bank, b.bank, Account.bank)
a.nickname = "annie"
print(a.nickname, a.balance + b.balance)
print(type(a).__name__, isinstance(a, Account))
