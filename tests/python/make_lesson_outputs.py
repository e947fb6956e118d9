"""Records what CPython prints for the lessons whose output does not depend on scheduling.

Each `lessons/<name>.py` whose header says `# output: exact` is run with `python3` as
`main.py` in a fresh temporary directory, twice (string-hash seeds 1 and 2); both runs must
print the same and exit with status 0. Its stdout is written to `lessons/expected/<name>.stdout`
(stderr is not kept: a lesson whose thread fails prints CPython's own frames there, and the
lesson's test checks that output by property). Outputs whose lesson is gone or no longer exact
are removed. The native test `crates/lessons/tests/lessons_run.rs` compares the interpreter's
output with these files.

    python3 tests/python/make_lesson_outputs.py          # write the .stdout files
    python3 tests/python/make_lesson_outputs.py --check  # compare only; exit status 1 on a difference

Like `make_expected.py` it refuses any CPython but 3.11, the version the corpus records.
"""

import argparse
import sys
from pathlib import Path

from make_expected import PYTHON_VERSION, run_once

LESSONS = Path(__file__).resolve().parent.parent.parent / "lessons"
EXPECTED = LESSONS / "expected"
EXACT = "# output: exact"


def exact_lessons():
    """Every lesson whose header declares its output exact."""
    lessons = []
    for program in sorted(LESSONS.glob("*.py")):
        header = []
        for line in program.read_text(encoding="utf-8").splitlines():
            if not line.startswith("# "):
                break
            header.append(line)
        if EXACT in header:
            lessons.append(program)
    return lessons


def cpython_stdout(program):
    """What CPython prints for the lesson, the same under two hash seeds; raises otherwise."""
    runs = [run_once(program, seed) for seed in ("1", "2")]
    for status, stdout, _stderr, _seconds in runs:
        if status != 0:
            raise SystemExit(f"{program.name}: exit status {status}")
    if runs[0][1] != runs[1][1]:
        raise SystemExit(f"{program.name}: prints differently from run to run")
    return runs[0][1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; change no file")
    args = parser.parse_args()
    if sys.version_info[:2] != PYTHON_VERSION:
        raise SystemExit(f"run this with CPython {PYTHON_VERSION[0]}.{PYTHON_VERSION[1]}, not {sys.version.split()[0]}")
    EXPECTED.mkdir(exist_ok=True)
    wanted = {}
    differences = 0
    for program in exact_lessons():
        path = EXPECTED / (program.stem + ".stdout")
        wanted[path] = cpython_stdout(program)
        if path.exists() and path.read_text(encoding="utf-8") == wanted[path]:
            continue
        differences += 1
        print(f"{'differs' if args.check else 'writing'}: {path.relative_to(LESSONS.parent)}")
        if not args.check:
            path.write_text(wanted[path], encoding="utf-8")
    for stale in set(EXPECTED.glob("*.stdout")) - set(wanted):
        differences += 1
        print(f"{'stale' if args.check else 'removing'}: {stale.relative_to(LESSONS.parent)}")
        if not args.check:
            stale.unlink()
    print(f"{len(wanted)} exact lessons, {differences} {'differences' if args.check else 'changed'}")
    if args.check and differences:
        sys.exit(1)


if __name__ == "__main__":
    main()
