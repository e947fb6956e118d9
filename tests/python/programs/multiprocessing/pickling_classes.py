# corpus: exact
# Instances cross by their class's name: a class defined at the top of the program is found
# again in the worker (which re-ran the program); one defined in a function is refused.
import multiprocessing


class Box:
    def __init__(self, content):
        self.content = content

    def describe(self):
        return "a box of " + repr(self.content)


def make_local():
    class Hidden:
        def peek(self):
            return "hidden"
    return Hidden()


def describe(thing):
    return thing.describe()


def rebox(thing):
    return Box([thing.content, thing.content])


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        print(pool.apply(describe, (Box({"apples": 3}),)))
        back = pool.apply(rebox, (Box(7),))
        print(type(back).__name__, back.content, isinstance(back, Box))
        try:
            pool.apply(describe, (make_local(),))
        except AttributeError as e:
            print("AttributeError:", e)
