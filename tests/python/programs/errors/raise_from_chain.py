# corpus: error
# raise ... from ...: CPython prints both tracebacks, joined by the cause message.
def read_setting(settings, key):
    try:
        return settings[key]
    except KeyError as missing:
        raise RuntimeError(f"setting {key!r} is required") from missing


print(read_setting({"mode": "free"}, "mode"))
read_setting({}, "workers")
