# corpus: exact
# Values and Arrays of ints and floats, with and without a lock.
import multiprocessing

if __name__ == "__main__":
    v = multiprocessing.Value("i", 7)
    print(v.value, v)
    raw = multiprocessing.Value("d", 2.5, lock=False)
    print(raw.value, raw)
    arr = multiprocessing.Array("i", [1, 2, 3])
    arr[1] = 20
    print(arr[:], len(arr), list(arr))
    raw_array = multiprocessing.RawArray("d", 2)
    print(raw_array[:])
    try:
        raw.get_lock()
    except AttributeError as e:
        print("AttributeError:", e)
