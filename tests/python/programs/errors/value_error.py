# corpus: error
# int() of text that is not a number.
answers = ["12", "7", "seven"]
total = 0
for text in answers:
    total += int(text)
    print("running total", total)
