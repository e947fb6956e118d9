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

/// A text field of the race lab's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RaceField {
    /// See [`RaceFields::updates`].
    Updates,
    /// See [`RaceFields::switch_every`].
    SwitchEvery,
    /// See [`RaceFields::seed`].
    Seed,
}

impl RaceField {
    /// Every text field, in the form's order.
    pub const ALL: [RaceField; 3] = [RaceField::Updates, RaceField::SwitchEvery, RaceField::Seed];

    /// Its name in messages, and the whole numbers it accepts.
    fn limits(self) -> (&'static str, u64, u64) {
        match self {
            RaceField::Updates => ("Updates per worker", 1, MAX_UPDATES.into()),
            RaceField::SwitchEvery => ("Operations between GIL switches", 1, MAX_SWITCH_EVERY.into()),
            RaceField::Seed => ("The seed", 0, u64::MAX),
        }
    }
}

impl RaceFields {
    /// The field's text.
    pub fn text(&self, field: RaceField) -> &str {
        match field {
            RaceField::Updates => &self.updates,
            RaceField::SwitchEvery => &self.switch_every,
            RaceField::Seed => &self.seed,
        }
    }

    /// The same with `field` set to `text`.
    pub fn with_text(mut self, field: RaceField, text: String) -> Self {
        let slot = match field {
            RaceField::Updates => &mut self.updates,
            RaceField::SwitchEvery => &mut self.switch_every,
            RaceField::Seed => &mut self.seed,
        };
        *slot = text;
        self
    }

    /// The simulator's settings, or what to fix.
    ///
    /// # Errors
    /// One message per field that is not a whole number within its limits.
    pub fn to_settings(&self) -> Result<RaceSettings, Vec<String>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|(field, message)| format!("{message} (got \"{}\").", self.text(field).trim())).collect());
        }
        let number = |field| whole_number(self.text(field)).unwrap_or_default();
        // Both are within u32 by their limits.
        let (updates, switch_every) = (number(RaceField::Updates) as u32, number(RaceField::SwitchEvery) as u32);
        let scheduling = if self.gil { Scheduling::Gil { switch_every } } else { Scheduling::FreeThreaded };
        Ok(RaceSettings { program: self.program, scheduling, updates, seed: number(RaceField::Seed) })
    }

    /// Every field that is not a whole number within its limits, with the limit (the text typed
    /// is not repeated).
    pub fn problems(&self) -> Vec<(RaceField, String)> {
        RaceField::ALL
            .into_iter()
            .filter_map(|field| {
                let (name, min, max) = field.limits();
                let fits = whole_number(self.text(field)).is_some_and(|n| (min..=max).contains(&n));
                (!fits).then(|| (field, format!("{name} must be a whole number from {min} to {max}")))
            })
            .collect()
    }
}

/// `text` as a whole number (`_` may group digits), if it is one.
pub fn whole_number(text: &str) -> Option<u64> {
    text.trim().replace('_', "").parse::<u64>().ok()
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
