# corpus: exact
# A bound method as a target or a task: its object is pickled with it, so the child works on
# a copy (the parent's object is unchanged).
import multiprocessing


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def report(self, results):
        self.balance += 10
        results.put((self.owner, self.balance))

    def with_interest(self, rate):
        return round(self.balance * (1 + rate), 2)


if __name__ == "__main__":
    account = Account("ada", 100)
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=account.report, args=(results,))
    p.start()
    print(results.get())
    p.join()
    print("the parent's balance:", account.balance)
    with multiprocessing.Pool(2) as pool:
        print(pool.map(account.with_interest, [0.1, 0.5]))
        print(pool.apply("-".join, (["a", "b", "c"],)))
