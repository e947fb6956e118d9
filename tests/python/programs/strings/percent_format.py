# corpus: exact
# printf-style % formatting with tuples, a single value and a dict.
print("%d items cost %.2f" % (3, 9.5))
print("%s and %r" % ("text", "text"))
print("[%5d] [%-5d] [%05d]" % (42, 42, 42))
print("[%8.3f] [%-8.1f] [%+.2f]" % (3.14159, 2.5, 1))
print("%x %X %o %e" % (255, 255, 8, 1500.0))
print("%(name)s has %(count)d threads" % {"name": "pool", "count": 4})
print("100%% done, %s" % "ok")
print("%s" % [1, 2], "%s" % (None,))
print("%s=%d" % ("workers", 4.9))
