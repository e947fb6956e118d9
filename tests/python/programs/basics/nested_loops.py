# corpus: exact
# Nested loops with continue and break, building a small table.
for row in range(1, 5):
    cells = []
    for col in range(1, 5):
        if col == row:
            cells.append(" -")
            continue
        cells.append(f"{row * col:2d}")
    print(" ".join(cells))

pairs = []
for a in range(5):
    for b in range(5):
        if a + b > 4:
            break
        if (a + b) % 2:
            pairs.append((a, b))
print(pairs)
