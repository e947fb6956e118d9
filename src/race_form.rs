//! The race lab's fields as typed (program, scheduling, updates, switch interval in operations,
//! seed), and turning them into the simulator's settings or the messages that say what to fix.

use engine::{RaceProgram, RaceSettings, Scheduling, MAX_SWITCH_EVERY, MAX_UPDATES};

/// The race lab's form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaceFields {
    /// What the two workers run.
    pub program: RaceProgram,
    /// Threads + GIL (`true`) or free-threaded.
    pub gil: bool,
    /// Updates per worker, as typed.
    pub updates: String,
    /// Operations between GIL switches on average, as typed.
    pub switch_every: String,
    /// The scheduler's seed, as typed.
    pub seed: String,
}

impl Default for RaceFields {
    fn default() -> Self {
        RaceFields {
            program: RaceProgram::UnlockedBalance,
            gil: true,
            updates: "10000".into(),
            switch_every: "100".into(),
            seed: "1".into(),
        }
    }
}

impl RaceFields {
    /// The simulator's settings, or what to fix.
    ///
    /// # Errors
    /// One message per field that is not a whole number within its limits.
    pub fn to_settings(&self) -> Result<RaceSettings, Vec<String>> {
        let mut problems = Vec::new();
        let updates = whole_number(&self.updates, "Updates per worker", 1, MAX_UPDATES.into(), &mut problems);
        let switch_every = whole_number(&self.switch_every, "Operations between GIL switches", 1, MAX_SWITCH_EVERY.into(), &mut problems);
        let seed = whole_number(&self.seed, "The seed", 0, u64::MAX, &mut problems);
        let (Some(updates), Some(switch_every), Some(seed)) = (updates, switch_every, seed) else { return Err(problems) };
        // Both are within u32 by their limits.
        let (updates, switch_every) = (updates as u32, switch_every as u32);
        let scheduling = if self.gil { Scheduling::Gil { switch_every } } else { Scheduling::FreeThreaded };
        Ok(RaceSettings { program: self.program, scheduling, updates, seed })
    }
}

/// `text` as a whole number from `min` to `max`, or a message in `problems`.
fn whole_number(text: &str, name: &str, min: u64, max: u64, problems: &mut Vec<String>) -> Option<u64> {
    let number = text.trim().replace('_', "").parse::<u64>().ok().filter(|n| (min..=max).contains(n));
    if number.is_none() {
        problems.push(format!("{name} must be a whole number from {min} to {max} (got \"{}\").", text.trim()));
    }
    number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_unlocked_balance_under_the_gil() {
        let settings = RaceFields::default().to_settings().unwrap();
        assert_eq!(settings.program, RaceProgram::UnlockedBalance);
        assert_eq!(settings.scheduling, Scheduling::Gil { switch_every: 100 });
        assert_eq!(settings.updates, 10_000);
    }

    #[test]
    fn every_field_out_of_its_limits_is_named() {
        let fields = RaceFields { updates: "0".into(), switch_every: "lots".into(), seed: "-1".into(), ..RaceFields::default() };
        let problems = fields.to_settings().unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("Updates per worker must be a whole number from 1 to 10000"));
    }
}
