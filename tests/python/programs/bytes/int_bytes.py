# corpus: exact
# int.to_bytes and int.from_bytes: big- and little-endian, unsigned and two's complement,
# CPython's defaults (one byte, big-endian) and errors.
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, byteorder="little"), (5).to_bytes(), (0).to_bytes(0, "big"))
print((-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True), (2**70).to_bytes(9, "big"))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xff\xff", "big", signed=True))
print(int.from_bytes([1, 0], "big"), int.from_bytes(b""), int.from_bytes((2**70).to_bytes(9, "big"), "big") == 2**70)
for action in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle"), lambda: int.from_bytes("ab", "big"), lambda: (128).to_bytes(1, "big", signed=True)]:
    try:
        action()
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
