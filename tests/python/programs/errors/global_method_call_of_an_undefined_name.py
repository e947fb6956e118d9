# corpus: error
# A method called with no arguments on a name never defined: the NameError is placed at the name.
print("before the call")
value = undefined_counter.tick()
