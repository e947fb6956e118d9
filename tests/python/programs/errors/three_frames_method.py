# corpus: error
# An error three calls deep, through a method: every frame is in the traceback.
class Inventory:
    def __init__(self):
        self.stock = {"bolts": 10}

    def take(self, item, count):
        return self._remove(item, count)

    def _remove(self, item, count):
        self.stock[item] -= count
        return self.stock[item]


inventory = Inventory()
print(inventory.take("bolts", 3))
print(inventory.take("nuts", 1))
