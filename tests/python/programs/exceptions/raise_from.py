# corpus: exact
# raise ... from ... sets __cause__; raising inside except sets __context__.
class ConfigError(Exception):
    pass


def load(settings, key):
    try:
        return settings[key]
    except KeyError as error:
        raise ConfigError(f"missing setting {key!r}") from error


try:
    load({"mode": "gil"}, "workers")
except ConfigError as error:
    print("error:", error)
    print("cause:", repr(error.__cause__))
    print("cause type:", type(error.__cause__).__name__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as error:
    print("context:", type(error.__context__).__name__, error.__cause__)

try:
    raise RuntimeError("no cause") from None
except RuntimeError as error:
    print(error, error.__cause__)
