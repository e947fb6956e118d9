//! A deterministic interleaving simulator for races and locks: two workers run a
//! [`RaceProgram`] one [`Operation`] at a time, in an order a seeded scheduler picks, so the same
//! settings always give the same interleaving, step by step.
//!
//! It needs no threads and no shared memory, so it runs in any page (a widget in a course page
//! included) and can be stepped through: each step says which worker did what, what it read or
//! wrote, and which earlier updates a write overwrote (a lost update). A state no worker can
//! leave (every unfinished worker waiting for a lock) is reported as a deadlock, never waited on.
//!
//! Two schedulings: **threads + GIL** (one worker runs at a time; the GIL changes hands after a
//! seeded number of operations averaging the switch interval, or when its holder waits for the
//! lock) and **free-threaded** (two cores: any worker may do the next operation).

mod program;

pub use program::{Operation, RaceProgram};

use crate::workload::splitmix64;

/// The balance both workers update, before they start.
pub const STARTING_BALANCE: i64 = 100;
/// Most updates per worker.
pub const MAX_UPDATES: u32 = 10_000;
/// Most operations between GIL switches, on average.
pub const MAX_SWITCH_EVERY: u32 = 10_000;
/// What each worker adds per update: worker 1 deposits, worker 2 withdraws.
const AMOUNTS: [i64; 2] = [1, -1];

/// Who runs the next operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheduling {
    /// One worker at a time; the GIL changes hands after 1 to 2 × `switch_every` operations
    /// (seeded), or at once when its holder waits for the lock.
    Gil {
        /// The average number of operations between switches.
        switch_every: u32,
    },
    /// Any worker that can move does the next operation, chosen at random (seeded).
    FreeThreaded,
}

/// Everything that decides a simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RaceSettings {
    /// What the workers run.
    pub program: RaceProgram,
    /// Who goes next.
    pub scheduling: Scheduling,
    /// Updates each worker makes (1 to [`MAX_UPDATES`]).
    pub updates: u32,
    /// The scheduler's seed.
    pub seed: u64,
}

/// One operation done (or attempted: a worker that found the lock taken waits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// 0-based worker index.
    pub worker: usize,
    /// What it did.
    pub operation: Operation,
    /// The value a read or a write saw or put, or the worker's own sum after an add.
    pub value: Option<i64>,
    /// Whether the worker found the lock taken and now waits for it.
    pub waits: bool,
    /// The shared balance after the step.
    pub balance: i64,
    /// Earlier writes (step indices) that this write overwrote without having read them.
    pub overwrote: Vec<usize>,
}

/// How a simulation stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RaceStatus {
    /// Some worker can still move.
    Running,
    /// Every worker finished its updates.
    Finished,
    /// No worker can move: each unfinished one waits for a lock held by `holder` (itself, maybe).
    Deadlocked {
        /// `(worker, holder)` for each waiting worker.
        waits: Vec<(usize, usize)>,
    },
}

/// One worker's place in its program.
#[derive(Clone, Debug, Default)]
struct WorkerState {
    /// Index of its next operation in the whole program (updates × one update's operations).
    next: usize,
    /// Its own copy of the balance (the interpreter's local).
    local: i64,
    /// The write count when it last read the balance, to know which writes it will overwrite.
    writes_at_read: usize,
    /// Whether it waits for the lock.
    waiting: bool,
}

/// A simulation, advanced by [`RaceSimulation::step`].
#[derive(Clone, Debug)]
pub struct RaceSimulation {
    settings: RaceSettings,
    update: [Vec<Operation>; 2],
    workers: [WorkerState; 2],
    balance: i64,
    lock_holder: Option<usize>,
    lock_count: u32,
    /// Every write so far: its step index, and the write whose value it had read (`None`: the
    /// starting balance).
    writes: Vec<(usize, Option<usize>)>,
    steps: Vec<Step>,
    random: u64,
    gil_holder: usize,
    gil_turn_left: u32,
}

impl RaceSimulation {
    /// A simulation at its start.
    pub fn new(settings: RaceSettings) -> Self {
        let update = AMOUNTS.map(|amount| settings.program.update(amount));
        let mut simulation = RaceSimulation {
            settings,
            update,
            workers: Default::default(),
            balance: STARTING_BALANCE,
            lock_holder: None,
            lock_count: 0,
            writes: Vec::new(),
            steps: Vec::new(),
            random: settings.seed,
            gil_holder: 0,
            gil_turn_left: 0,
        };
        simulation.gil_turn_left = simulation.gil_turn();
        simulation
    }

    /// The settings it runs.
    pub fn settings(&self) -> RaceSettings {
        self.settings
    }

    /// Every step so far, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The shared balance now.
    pub fn balance(&self) -> i64 {
        self.balance
    }

    /// Updates whose effect the balance has lost: every write not in the chain of writes the
    /// last one was built on (each read the one before it). A write overwritten can still count
    /// if a later write was built on it.
    pub fn lost_updates(&self) -> usize {
        let mut in_chain = 0;
        let mut write = self.writes.len().checked_sub(1);
        while let Some(index) = write {
            in_chain += 1;
            write = self.writes[index].1;
        }
        self.writes.len() - in_chain
    }

    /// How many steps it takes when no worker ever waits.
    pub fn steps_without_waiting(&self) -> usize {
        self.update.iter().map(|update| update.len() * self.settings.updates as usize).sum()
    }

    /// Where it stands.
    pub fn status(&self) -> RaceStatus {
        if (0..2).all(|worker| self.finished(worker)) {
            return RaceStatus::Finished;
        }
        if self.movable().is_empty() {
            let holder = self.lock_holder.unwrap_or_default();
            let waits = (0..2).filter(|&worker| self.workers[worker].waiting).map(|worker| (worker, holder)).collect();
            return RaceStatus::Deadlocked { waits };
        }
        RaceStatus::Running
    }

    /// Does the next operation; `None` once finished or deadlocked.
    pub fn step(&mut self) -> Option<&Step> {
        let worker = self.next_worker()?;
        let step = self.perform(worker);
        self.steps.push(step);
        self.steps.last()
    }

    /// Steps until finished or deadlocked.
    pub fn run_to_end(&mut self) {
        while self.step().is_some() {}
    }

    fn finished(&self, worker: usize) -> bool {
        self.workers[worker].next >= self.update[worker].len() * self.settings.updates as usize
    }

    /// Workers that can do an operation now.
    fn movable(&self) -> Vec<usize> {
        (0..2).filter(|&worker| !self.finished(worker) && !self.workers[worker].waiting).collect()
    }

    /// Picks who goes next, as the scheduling says.
    fn next_worker(&mut self) -> Option<usize> {
        let movable = self.movable();
        let first = *movable.first()?;
        match self.settings.scheduling {
            Scheduling::FreeThreaded => Some(movable[(self.next_random() % movable.len() as u64) as usize]),
            Scheduling::Gil { .. } => {
                let holder_can_go = movable.contains(&self.gil_holder);
                if !holder_can_go || (self.gil_turn_left == 0 && movable.len() > 1) {
                    self.gil_holder = movable.iter().copied().find(|&worker| worker != self.gil_holder).unwrap_or(first);
                    self.gil_turn_left = self.gil_turn();
                }
                self.gil_turn_left = self.gil_turn_left.saturating_sub(1);
                Some(self.gil_holder)
            }
        }
    }

    /// Operations in one GIL turn: 1 to 2 × the switch interval, uniformly (so its mean is about
    /// the interval), as a timed switch lands anywhere in the holder's work.
    fn gil_turn(&mut self) -> u32 {
        match self.settings.scheduling {
            Scheduling::Gil { switch_every } => 1 + (self.next_random() % u64::from(2 * switch_every.max(1))) as u32,
            Scheduling::FreeThreaded => 0,
        }
    }

    fn next_random(&mut self) -> u64 {
        self.random = splitmix64(self.random);
        self.random
    }

    /// `worker` does its next operation (or finds the lock taken and waits).
    fn perform(&mut self, worker: usize) -> Step {
        let operation = self.update[worker][self.workers[worker].next % self.update[worker].len()];
        let index = self.steps.len();
        let mut step = Step { worker, operation, value: None, waits: false, balance: self.balance, overwrote: Vec::new() };
        let state = &mut self.workers[worker];
        match operation {
            Operation::Acquire => match self.lock_holder {
                None => {
                    self.lock_holder = Some(worker);
                    self.lock_count = 1;
                }
                Some(holder) if holder == worker && self.settings.program.reentrant() => self.lock_count += 1,
                Some(_) => {
                    state.waiting = true;
                    step.waits = true;
                    return step;
                }
            },
            Operation::Release => {
                self.lock_count -= 1;
                if self.lock_count == 0 {
                    self.lock_holder = None;
                    self.workers.iter_mut().for_each(|other| other.waiting = false);
                }
            }
            Operation::Read => {
                state.local = self.balance;
                state.writes_at_read = self.writes.len();
                step.value = Some(state.local);
            }
            Operation::Add(amount) => {
                state.local += amount;
                step.value = Some(state.local);
            }
            Operation::Write => {
                step.overwrote = self.writes[state.writes_at_read..].iter().map(|&(step, _)| step).collect();
                self.balance = state.local;
                self.writes.push((index, state.writes_at_read.checked_sub(1)));
                step.value = Some(self.balance);
                step.balance = self.balance;
            }
        }
        self.workers[worker].next += 1;
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simulated(program: RaceProgram, scheduling: Scheduling, updates: u32, seed: u64) -> RaceSimulation {
        let mut simulation = RaceSimulation::new(RaceSettings { program, scheduling, updates, seed });
        simulation.run_to_end();
        simulation
    }

    const GIL: Scheduling = Scheduling::Gil { switch_every: 100 };

    #[test]
    fn without_a_lock_free_threads_lose_updates_and_the_balance_differs_from_seed_to_seed() {
        let balances: Vec<i64> =
            (1..=5).map(|seed| simulated(RaceProgram::UnlockedBalance, Scheduling::FreeThreaded, 10_000, seed).balance()).collect();
        assert!(balances.iter().all(|&balance| balance != STARTING_BALANCE), "{balances:?}");
        assert!(balances.windows(2).any(|pair| pair[0] != pair[1]), "{balances:?}");
    }

    #[test]
    fn the_gil_does_not_make_an_update_atomic() {
        let simulation = simulated(RaceProgram::UnlockedBalance, GIL, 10_000, 7);
        assert_eq!(simulation.status(), RaceStatus::Finished);
        assert!(simulation.lost_updates() > 0);
    }

    #[test]
    fn the_final_balance_is_the_start_plus_the_updates_not_lost() {
        for seed in 0..20 {
            for scheduling in [GIL, Scheduling::Gil { switch_every: 1 }, Scheduling::FreeThreaded] {
                let simulation = simulated(RaceProgram::UnlockedBalance, scheduling, 500, seed);
                let (mut kept, mut write) = (0, simulation.writes.len().checked_sub(1));
                while let Some(index) = write {
                    kept += AMOUNTS[simulation.steps()[simulation.writes[index].0].worker];
                    write = simulation.writes[index].1;
                }
                assert_eq!(simulation.balance(), STARTING_BALANCE + kept, "seed {seed} {scheduling:?}");
                let lost_at_most = simulation.steps().iter().map(|step| step.overwrote.len()).sum::<usize>();
                assert!(simulation.lost_updates() <= lost_at_most, "seed {seed} {scheduling:?}");
            }
        }
    }

    #[test]
    fn with_a_lock_the_balance_is_always_exactly_the_start() {
        for seed in 0..10 {
            for scheduling in [GIL, Scheduling::FreeThreaded] {
                let simulation = simulated(RaceProgram::LockedBalance, scheduling, 2_000, seed);
                assert_eq!((simulation.balance(), simulation.lost_updates()), (STARTING_BALANCE, 0), "seed {seed}");
            }
        }
    }

    #[test]
    fn a_plain_lock_taken_twice_deadlocks_its_own_worker_and_is_reported() {
        let simulation = simulated(RaceProgram::LockTakenTwice, Scheduling::FreeThreaded, 10, 3);
        let RaceStatus::Deadlocked { waits } = simulation.status() else { panic!("{:?}", simulation.status()) };
        let holder = waits[0].1;
        assert!(waits.contains(&(holder, holder)), "{waits:?}");
        assert!(waits.iter().all(|&(_, held_by)| held_by == holder), "{waits:?}");
        assert!(simulation.steps().len() <= 4);
    }

    #[test]
    fn a_reentrant_lock_taken_twice_proceeds_with_one_release_per_acquire() {
        let simulation = simulated(RaceProgram::ReentrantLockTakenTwice, GIL, 1_000, 5);
        assert_eq!(simulation.status(), RaceStatus::Finished);
        assert_eq!(simulation.balance(), STARTING_BALANCE);
    }

    #[test]
    fn the_same_settings_give_the_same_interleaving_step_by_step() {
        let settings = RaceSettings { program: RaceProgram::UnlockedBalance, scheduling: Scheduling::FreeThreaded, updates: 300, seed: 42 };
        let (mut stepped, mut whole) = (RaceSimulation::new(settings), RaceSimulation::new(settings));
        whole.run_to_end();
        let mut count = 0;
        while stepped.step().is_some() {
            count += 1;
        }
        assert_eq!(stepped.steps(), whole.steps());
        assert_eq!(count, whole.steps_without_waiting());
    }

    #[test]
    fn under_the_gil_one_worker_runs_whole_turns() {
        let simulation = simulated(RaceProgram::UnlockedBalance, Scheduling::Gil { switch_every: 50 }, 1_000, 9);
        let switches = simulation.steps().windows(2).filter(|pair| pair[0].worker != pair[1].worker).count();
        // 6,000 operations in turns of 50 on average: about 120 switches, far fewer than free threads make.
        assert!((40..=400).contains(&switches), "{switches}");
    }
}
