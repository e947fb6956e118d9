# corpus: exact
# An Array shared with children: each fills its half; the parent reads every slot.
import multiprocessing


def fill(arr, start, stop):
    for i in range(start, stop):
        arr[i] = i * i


if __name__ == "__main__":
    arr = multiprocessing.Array("i", 10)
    print(len(arr), arr[:])
    halves = [multiprocessing.Process(target=fill, args=(arr, 0, 5)), multiprocessing.Process(target=fill, args=(arr, 5, 10))]
    for p in halves:
        p.start()
    for p in halves:
        p.join()
    print(arr[:])
    print(arr[2], arr[-1], arr[3:6], sum(arr))
    floats = multiprocessing.Array("d", [0.5, 1.5])
    with floats.get_lock():
        floats[0] += 1
    print(list(floats))
