# Playground-only: a module outside the subset is refused with its line and name.
import threading
import asyncio

print("never reached")
