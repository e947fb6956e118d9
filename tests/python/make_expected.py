"""Regenerates the corpus's expected outputs by running every program in CPython.

Every `programs/<topic>/<name>.py` is copied alone into a fresh temporary directory as
`main.py` and run there with `python3 main.py`; what it printed is written beside it as
`<name>.stdout`, and, when it printed anything on stderr, `<name>.stderr` with the temporary
path shown as `main.py` and the standard library's directory as `<stdlib>`. Each program runs
twice under different string-hash seeds and must print the same both times, end as its header
says (`exact`: exit status 0; `error`: status 1 with a traceback); one slower than a second is
reported as a warning (timings vary with the machine's load). It also checks the hand-written
files: each playground-only program has its `.expect`, each effect states a property per mode.

    python3 tests/python/make_expected.py          # write every .stdout/.stderr
    python3 tests/python/make_expected.py --check  # compare only; exit status 1 on a difference
    python3 tests/python/make_expected.py --effects 3   # run tests/python/effects/ 3 times each

The programs of `programs/multiprocessing/` run with the "spawn" start method (the
playground's: a child re-runs the program as `__mp_main__`) and unbuffered output.

Outputs differ between Python versions (tracebacks, error messages), so it refuses to run on
anything but the version recorded in README.md.
"""

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
PROGRAMS = CORPUS / "programs"
EFFECTS = CORPUS / "effects"
PLAYGROUND_ONLY = CORPUS / "playground-only"
PYTHON_VERSION = (3, 11)
KINDS = ("exact", "error")
MODES = ("gil39", "gil312", "free", "onecore")
HASH_SEEDS = ("1", "2")
TIME_LIMIT_S = 1.0
# How the multiprocessing programs run: with the "spawn" start method, which the playground's
# processes follow (a child re-runs the program as __mp_main__), and unbuffered, so that what
# the processes print arrives in the order they printed it, as the playground shows it.
SPAWN_MAIN = ("import multiprocessing, sys, types; multiprocessing.set_start_method('spawn'); "
              "main = types.ModuleType('__main__'); main.__file__ = 'main.py'; "
              "sys.modules['__main__'] = sys.modules['__mp_main__'] = main; "
              "exec(compile(open('main.py').read(), 'main.py', 'exec'), main.__dict__)")
TIMEOUT_S = 20.0


class CorpusError(Exception):
    """A program that breaks the corpus's rules (bad header, wrong ending, unstable output)."""


def read_kind(program):
    """The program's kind from its first line; checks the optional `# modes:` second line."""
    lines = program.read_text(encoding="utf-8").splitlines()
    header = lines[0] if lines else ""
    prefix = "# corpus: "
    if not header.startswith(prefix) or header[len(prefix):] not in KINDS:
        raise CorpusError(f"first line must be `# corpus: exact` or `# corpus: error`, not {header!r}")
    if len(lines) > 1 and lines[1].startswith("# modes:"):
        modes = lines[1][len("# modes:"):].split()
        unknown = [mode for mode in modes if mode not in MODES]
        if not modes or unknown:
            raise CorpusError(f"`# modes:` must list some of {' '.join(MODES)}, not {lines[1]!r}")
    return header[len(prefix):]


def clean_environment(hash_seed):
    """The environment a program runs in: no PYTHON* settings but a fixed hash seed and UTF-8."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update(PYTHONHASHSEED=hash_seed, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def normalise_paths(text, workdir):
    """Shows the temporary copy as `main.py` and the standard library's directory as `<stdlib>`."""
    for directory in {str(workdir), os.path.realpath(workdir)}:
        text = text.replace(os.path.join(directory, "main.py"), "main.py")
    for stdlib in {sysconfig.get_path("stdlib"), os.path.realpath(sysconfig.get_path("stdlib"))}:
        text = text.replace(stdlib, "<stdlib>")
    return text


def run_once(program, hash_seed):
    """Runs the program as main.py in a directory of its own: (status, stdout, stderr, seconds)."""
    with tempfile.TemporaryDirectory(prefix="corpus-") as workdir:
        shutil.copyfile(program, os.path.join(workdir, "main.py"))
        command, env = [sys.executable, "main.py"], clean_environment(hash_seed)
        if program.parent.name == "multiprocessing":
            command, env = [sys.executable, "-c", SPAWN_MAIN], dict(env, PYTHONUNBUFFERED="1")
        started = time.perf_counter()
        done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, timeout=TIMEOUT_S, check=False)
        seconds = time.perf_counter() - started
        stdout = done.stdout.decode("utf-8")
        stderr = normalise_paths(done.stderr.decode("utf-8"), workdir)
    return done.returncode, stdout, stderr, seconds


def check_ending(kind, status, stderr):
    """An exact program exits with 0; an error program with 1 and a traceback or SyntaxError."""
    if kind == "exact" and status != 0:
        raise CorpusError(f"an exact program must exit with status 0, not {status}:\n{stderr}")
    if kind == "error" and (status != 1 or not stderr.strip()):
        raise CorpusError(f"an error program must exit with status 1 and print its error, not {status}")


def expected_outputs(program):
    """The files the program's run should leave beside it, by suffix; the slowest run's time."""
    kind = read_kind(program)
    runs = [run_once(program, seed) for seed in HASH_SEEDS]
    status, stdout, stderr, _ = runs[0]
    if any(run[:3] != runs[0][:3] for run in runs[1:]):
        raise CorpusError("its output changes from run to run (string hashes? scheduling?)")
    check_ending(kind, status, stderr)
    outputs = {".stdout": stdout}
    if stderr:
        outputs[".stderr"] = stderr
    return outputs, max(run[3] for run in runs)


def differences(program, outputs):
    """Suffixes whose file on disk differs from the fresh output (missing and stale files too)."""
    changed = []
    for suffix in (".stdout", ".stderr"):
        path = program.with_suffix(suffix)
        on_disk = path.read_text(encoding="utf-8") if path.exists() else None
        if on_disk != outputs.get(suffix):
            changed.append(suffix)
    return changed


def write_outputs(program, outputs):
    """Writes the fresh outputs and removes a .stderr the program no longer produces."""
    for suffix in (".stdout", ".stderr"):
        path = program.with_suffix(suffix)
        if suffix in outputs:
            path.write_text(outputs[suffix], encoding="utf-8")
        elif path.exists():
            path.unlink()


def orphans():
    """Expected-output files whose program is gone."""
    outputs = [*PROGRAMS.rglob("*.stdout"), *PROGRAMS.rglob("*.stderr")]
    return sorted(path for path in outputs if not path.with_suffix(".py").exists())


def hand_written_problems():
    """Playground-only programs without expectations; effects without a property for a mode."""
    problems = []
    for program in sorted(PLAYGROUND_ONLY.glob("*.py")):
        expect = program.with_suffix(".expect")
        if not expect.exists() or not expect.read_text(encoding="utf-8").strip():
            problems.append(f"{program.relative_to(CORPUS)}: no substrings in {expect.name}")
    for program in sorted(EFFECTS.glob("*.py")):
        text = program.read_text(encoding="utf-8")
        missing = [mode for mode in MODES if f"\n# expect {mode}: " not in text]
        if not text.startswith("# effect: ") or missing:
            problems.append(f"{program.relative_to(CORPUS)}: header lacks `# effect:` or "
                            f"`# expect <mode>:` for {' '.join(missing)}")
    return problems


def regenerate(check):
    """Runs every program; writes (or, with check, compares) its outputs. Returns the exit status."""
    programs = sorted(PROGRAMS.rglob("*.py"))
    problems = 0
    for program in programs:
        name = program.relative_to(CORPUS)
        try:
            outputs, seconds = expected_outputs(program)
        except (CorpusError, subprocess.TimeoutExpired, UnicodeDecodeError) as error:
            print(f"FAIL {name}: {error}")
            problems += 1
            continue
        changed = differences(program, outputs)
        if check and changed:
            print(f"DIFF {name}: {' '.join(changed)} differ from CPython's output")
            problems += 1
        elif changed:
            write_outputs(program, outputs)
            print(f"wrote {name}: {' '.join(changed)}")
        if seconds > TIME_LIMIT_S:
            print(f"slow {name}: {seconds:.2f} s, over {TIME_LIMIT_S} s (a warning: timings vary with load)")
    for orphan in orphans():
        print(f"ORPHAN {orphan.relative_to(CORPUS)}: no program of that name")
        if not check:
            orphan.unlink()
        problems += 1 if check else 0
    for problem in hand_written_problems():
        print(f"FAIL {problem}")
        problems += 1
    print(f"{len(programs)} programs, {problems} problems, Python {sys.version.split()[0]}")
    return 1 if problems else 0


def run_effects(times):
    """Runs each scheduling-dependent program `times` times and prints its last line each time."""
    for program in sorted(EFFECTS.glob("*.py")):
        results = [run_once(program, str(seed))[1].strip().splitlines()[-1] for seed in range(1, times + 1)]
        print(f"{program.name}: {' | '.join(results)}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    parser.add_argument("--effects", type=int, metavar="N", help="run effects/ N times each")
    args = parser.parse_args()
    if sys.version_info[:2] != PYTHON_VERSION:
        sys.exit(f"the corpus records Python {PYTHON_VERSION[0]}.{PYTHON_VERSION[1]}'s output; "
                 f"this is {sys.version.split()[0]}")
    if args.effects:
        return run_effects(args.effects)
    return regenerate(args.check)


if __name__ == "__main__":
    sys.exit(main())
