# corpus: exact
# starmap unpacks each argument tuple; map_async gives an AsyncResult with the whole list.
import multiprocessing


def area(width, height):
    return width * height


def double(x):
    return 2 * x


if __name__ == "__main__":
    with multiprocessing.Pool(3) as pool:
        print(pool.starmap(area, [(1, 2), (3, 4), (5, 6)]))
        async_result = pool.map_async(double, range(6))
        print(async_result.get(timeout=10), async_result.successful())
        print(pool.starmap_async(area, [(2, 2)]).get())
