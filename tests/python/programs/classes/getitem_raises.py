# corpus: error
# An exception raised inside __getitem__ goes up through the subscript: the traceback shows the
# line of the subscript, then the line in __getitem__.


class Shelf:
    def __init__(self, books):
        self.books = books

    def __getitem__(self, index):
        return self.books[index]


shelf = Shelf(["a", "b"])
print(shelf[1])
print(shelf[5])
