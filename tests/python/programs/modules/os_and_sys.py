# corpus: exact
# os.getpid/getppid/cpu_count and sys's switch interval and version, as stable facts.
import os
import sys

pid = os.getpid()
print("pid is a positive int:", type(pid).__name__, pid > 0)
print("ppid is an int:", isinstance(os.getppid(), int), os.getppid() != pid)
print("at least one cpu:", os.cpu_count() >= 1)
print("switch interval:", sys.getswitchinterval())
sys.setswitchinterval(0.001)
print("after setting 1 ms:", sys.getswitchinterval())
sys.setswitchinterval(0.005)
print("restored:", sys.getswitchinterval())
print("version starts with 3.:", sys.version.startswith("3."))
print("pid stays the same:", os.getpid() == pid)
try:
    sys.setswitchinterval(0)
except ValueError as error:
    print("ValueError:", error)
