# corpus: error
# An uncaught exception of a user-defined class, raised from a method.
class QueueClosed(Exception):
    pass


class Channel:
    def __init__(self):
        self.closed = False

    def send(self, item):
        if self.closed:
            raise QueueClosed(f"cannot send {item!r}: channel closed")
        print("sent", item)


channel = Channel()
channel.send("first")
channel.closed = True
channel.send("second")
