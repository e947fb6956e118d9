# corpus: exact
# Transcendental math functions, printed rounded (their last bit differs between C libraries).
import math

print(round(math.sin(math.pi / 6), 12), round(math.cos(math.pi / 3), 12))
print(round(math.tan(math.pi / 4), 12), round(math.atan2(1, 1) * 4, 12))
print(round(math.exp(1), 12), round(math.log(math.e), 12), round(math.log(1000, 10), 12))
print(round(math.log10(1e-3), 12), round(math.log2(1024), 12), math.log(1))
print(f"{math.asin(1):.10f} {math.acos(0):.10f} {math.atan(1):.10f}")
print(f"{math.degrees(math.pi):.6f} {math.radians(180):.10f}")
print(f"{math.sinh(1):.8f} {math.cosh(1):.8f} {math.tanh(0.5):.8f}")
angle = 0.0
points = []
for step in range(4):
    points.append((round(math.cos(angle), 6), round(math.sin(angle), 6)))
    angle += math.pi / 2
print(points)
