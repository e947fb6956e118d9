# corpus: exact
# Counting words with a dict, then ranking them.
text = """the gil lets one thread run at a time
the other threads wait for the gil
a thread releases the gil when it waits"""
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
for word, count in ranked[:5]:
    print(f"{word:<8}{count}")
print(len(counts), sum(counts.values()))
by_length = {}
for word in counts:
    by_length.setdefault(len(word), []).append(word)
print({length: sorted(words) for length, words in sorted(by_length.items())})
