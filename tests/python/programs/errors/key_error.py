# corpus: error
# Looking up a key that a dict does not have.
settings = {"mode": "gil312", "workers": 4}
print(settings["mode"])
print(settings["interval"])
