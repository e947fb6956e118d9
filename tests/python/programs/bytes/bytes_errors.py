# corpus: exact
# What bytes refuses, with CPython's messages: a str without an encoding, ints out of
# range(0, 256), a str where bytes are needed, an index past the end, an unknown encoding,
# and text a codec cannot encode or bytes it cannot decode.
def show(action):
    try:
        print(repr(action()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: bytes("text"))
show(lambda: bytes([1, 256]))
show(lambda: bytes([-1]))
show(lambda: bytes(["a"]))
show(lambda: bytes(-2))
show(lambda: bytes(1.5))
show(lambda: b"abc"[3])
show(lambda: b"abc" + "d")
show(lambda: "d" + b"abc")
show(lambda: "a" in b"abc")
show(lambda: 256 in b"abc")
show(lambda: b"a" < "b")
show(lambda: b",".join([b"a", "b"]))
show(lambda: b"abc".startswith("a"))
show(lambda: "abc".encode("klingon"))
show(lambda: "café".encode("ascii"))
show(lambda: "€".encode("latin-1"))
show(lambda: "a😀".encode("ascii"))
show(lambda: b"\xff".decode())
show(lambda: b"ab\xe9cd".decode("utf-8"))
show(lambda: b"\xe2\x82".decode())
show(lambda: b"ok\x80".decode("ascii"))
show(lambda: bytes.fromhex("4g"))
show(lambda: bytes.fromhex("abc"))
show(lambda: {[1]: b"x"})
show(lambda: str("text", "utf-8"))
print(issubclass(UnicodeDecodeError, ValueError), issubclass(UnicodeEncodeError, UnicodeError))
