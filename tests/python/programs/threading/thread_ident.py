# corpus: exact
# ident and native_id are None before start and ints after; get_ident matches ident.
import threading

inside = {}


def record():
    inside["get_ident"] = threading.get_ident()
    inside["ident"] = threading.current_thread().ident
    inside["native_id"] = threading.get_native_id()


t = threading.Thread(target=record)
print("before start:", t.ident, t.native_id)
t.start()
t.join()
print("ident is an int:", isinstance(t.ident, int))
print("native_id is an int:", isinstance(t.native_id, int))
print("get_ident inside equals ident:", inside["get_ident"] == t.ident == inside["ident"])
print("native ids agree:", inside["native_id"] == t.native_id)
main = threading.main_thread()
print("main ident matches:", threading.get_ident() == main.ident)
print("worker differs from main:", t.ident != main.ident)
