# corpus: exact
# Keyword-only parameters after * and after *args; the errors for misuse.
def connect(host, *, port=80, secure=False):
    return f"{host}:{port} secure={secure}"


print(connect("example.org"))
print(connect("example.org", port=443, secure=True))
try:
    connect("example.org", 443)
except TypeError as error:
    print("TypeError:", error)


def log(*messages, sep=" | ", level):
    return level + ": " + sep.join(messages)


print(log("a", "b", level="INFO"))
print(log(level="WARN"))
try:
    log("x")
except TypeError as error:
    print("TypeError:", error)
