# corpus: exact
# A bank account class guarding its balance with a Lock: 4 threads, deposits and withdrawals.
import threading


class BankAccount:
    def __init__(self, balance=0):
        self.balance = balance
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            new_balance = self.balance + amount
            self.balance = new_balance

    def withdraw(self, amount):
        with self._lock:
            if self.balance < amount:
                return False
            self.balance -= amount
            return True


account = BankAccount()


def customer(deposits, withdrawals):
    for _ in range(deposits):
        account.deposit(2)
    for _ in range(withdrawals):
        account.withdraw(1)


threads = [threading.Thread(target=customer, args=(25, 25)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("balance:", account.balance)
print("overdraw refused:", account.withdraw(1000), account.balance)
