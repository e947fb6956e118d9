# corpus: exact
# round() rounds half to even and works on the binary value; format specs on floats.
print(round(2.5), round(3.5), round(-0.5), round(-1.5))
print(round(2.675, 2), round(1.005, 2), round(0.125, 2))
print(round(1234.5678, -2), round(1234.5678, 1), round(7))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__)
x = 3.14159265
print(f"{x:.3f}|{x:10.4f}|{x:<10.2f}|{x:+.1f}")
print(f"{x:e}|{x:.2e}|{1234567.0:g}|{0.00001234:g}")
print(f"{0.256:.1%}|{1e6:,.2f}")
print("%.2f %8.3f %-8.1f| %e" % (x, x, x, 12345.678))
print(format(x, ".5f"), format(2.0, ".0f"), format(0.5, ".0f"), format(1.5, ".0f"))
print(str(round(0.1 + 0.2, 10)))
