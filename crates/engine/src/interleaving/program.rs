//! The programs the interleaving simulator runs: two workers updating a shared bank balance that
//! starts at 100, one depositing 1 and one withdrawing 1, each `x += 1` spelled out as the
//! operations an interpreter does (read, add, write), with or without a lock around it.

/// One operation of a worker's program: the unit the scheduler interleaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// Take the lock (or wait for it).
    Acquire,
    /// Read the shared balance into the worker's own variable.
    Read,
    /// Add to the worker's own variable.
    Add(i64),
    /// Write the worker's own variable to the shared balance.
    Write,
    /// Give the lock back (once per acquire).
    Release,
}

impl Operation {
    /// How a step table names it.
    pub fn label(self) -> String {
        match self {
            Operation::Acquire => "acquire the lock".into(),
            Operation::Read => "read the balance".into(),
            Operation::Add(amount) => format!("add {amount:+}"),
            Operation::Write => "write the balance".into(),
            Operation::Release => "release the lock".into(),
        }
    }
}

/// A program of the catalogue's shared-state rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RaceProgram {
    /// C1 (and C4 under the GIL): `balance += 1` and `balance -= 1` with no lock.
    UnlockedBalance,
    /// C2: the same with a lock around each update.
    LockedBalance,
    /// D2: each update takes a plain lock twice: the worker blocks on itself.
    LockTakenTwice,
    /// D2: the same with a re-entrant lock: it proceeds, one release per acquire.
    ReentrantLockTakenTwice,
}

impl RaceProgram {
    /// Every program, in catalogue order.
    pub const ALL: [RaceProgram; 4] =
        [RaceProgram::UnlockedBalance, RaceProgram::LockedBalance, RaceProgram::LockTakenTwice, RaceProgram::ReentrantLockTakenTwice];

    /// Its name in links.
    pub fn key(self) -> &'static str {
        match self {
            RaceProgram::UnlockedBalance => "nolock",
            RaceProgram::LockedBalance => "lock",
            RaceProgram::LockTakenTwice => "locktwice",
            RaceProgram::ReentrantLockTakenTwice => "rlocktwice",
        }
    }

    /// The program a link names.
    pub fn from_key(key: &str) -> Option<Self> {
        RaceProgram::ALL.into_iter().find(|program| program.key() == key)
    }

    /// Its catalogue id and name.
    pub fn label(self) -> &'static str {
        match self {
            RaceProgram::UnlockedBalance => "C1 · Bank balance, no lock",
            RaceProgram::LockedBalance => "C2 · Bank balance, a lock around each update",
            RaceProgram::LockTakenTwice => "D2 · A Lock acquired twice by the same worker",
            RaceProgram::ReentrantLockTakenTwice => "D2 · An RLock acquired twice by the same worker",
        }
    }

    /// What to notice when it runs.
    pub fn what_to_notice(self) -> &'static str {
        match self {
            RaceProgram::UnlockedBalance => {
                "The balance should end at 100 but does not, and differs from seed to seed: a worker reads the balance, the \
                 other writes it, and the first then writes its stale sum over it. The GIL does not prevent this: a switch \
                 can land between the read and the write."
            }
            RaceProgram::LockedBalance => "Always exactly 100, in both schedulings: the lock makes read, add, write one step for the others.",
            RaceProgram::LockTakenTwice => {
                "A plain lock does not know who holds it: the second acquire waits for the worker itself, forever. \
                 The simulator sees that no worker can move and reports the deadlock."
            }
            RaceProgram::ReentrantLockTakenTwice => "A re-entrant lock counts its holder's acquires: the worker proceeds and releases it twice.",
        }
    }

    /// The operations of one update by a worker adding `amount`.
    pub(super) fn update(self, amount: i64) -> Vec<Operation> {
        use Operation::{Acquire, Add, Read, Release, Write};
        match self {
            RaceProgram::UnlockedBalance => vec![Read, Add(amount), Write],
            RaceProgram::LockedBalance => vec![Acquire, Read, Add(amount), Write, Release],
            RaceProgram::LockTakenTwice | RaceProgram::ReentrantLockTakenTwice => {
                vec![Acquire, Acquire, Read, Add(amount), Write, Release, Release]
            }
        }
    }

    /// Whether its lock counts its holder's acquires.
    pub(super) fn reentrant(self) -> bool {
        self == RaceProgram::ReentrantLockTakenTwice
    }
}
