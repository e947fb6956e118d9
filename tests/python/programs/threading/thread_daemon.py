# corpus: exact
# daemon: False by default, set by the constructor or the attribute, inherited by children.
import threading

flags = []


def child_of_daemon():
    flags.append(("grandchild", threading.current_thread().daemon))


def parent():
    flags.append(("parent", threading.current_thread().daemon))
    child = threading.Thread(target=child_of_daemon)
    child.start()
    child.join()


normal = threading.Thread(target=parent)
print("default:", normal.daemon)
daemonic = threading.Thread(target=parent, daemon=True)
print("constructor:", daemonic.daemon)
later = threading.Thread(target=parent)
later.daemon = True
print("attribute:", later.daemon)
for t in (normal, daemonic, later):
    t.start()
    t.join()
print(flags)
print("main thread is not a daemon:", threading.main_thread().daemon)
try:
    normal.daemon = True
except RuntimeError as error:
    print("RuntimeError:", error)
