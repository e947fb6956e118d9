# corpus: exact
# Exception subclasses, raising with arguments, str() and args of an exception.
class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available


def withdraw(balance, amount):
    if amount < 0:
        raise BankError("negative amount")
    if amount > balance:
        raise InsufficientFunds(amount, balance)
    return balance - amount


for amount in [30, -5, 500]:
    try:
        print("left:", withdraw(100, amount))
    except InsufficientFunds as error:
        print("insufficient:", error, error.needed - error.available)
    except BankError as error:
        print("bank error:", error, error.args)

error = ValueError("bad", 42)
print(error.args, str(ValueError("one")), repr(ValueError("one")))
print(isinstance(InsufficientFunds(1, 0), Exception), str(KeyError("k")))
