# corpus: error
# A failing assert with a message.
balance = 100
balance -= 30
assert balance == 100, f"balance is {balance}, expected 100"
