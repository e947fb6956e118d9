//! A claim about a lesson's output: every line that carries `label:` has a number after it
//! that compares as the claim says (`lost with +=: 0` for `lost with += == 0`).

use python::Mode;

use crate::header::HeaderError;

/// How a labelled number must compare with the claim's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `<`
    Less,
    /// `<=`
    AtMost,
    /// `==`
    Equal,
    /// `>=`
    AtLeast,
    /// `>`
    Greater,
}

impl Comparison {
    const ALL: [(Comparison, &'static str); 5] = [
        (Comparison::Less, "<"),
        (Comparison::AtMost, "<="),
        (Comparison::Equal, "=="),
        (Comparison::AtLeast, ">="),
        (Comparison::Greater, ">"),
    ];

    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Comparison::Less => left < right,
            Comparison::AtMost => left <= right,
            Comparison::Equal => left == right,
            Comparison::AtLeast => left >= right,
            Comparison::Greater => left > right,
        }
    }

    fn symbol(self) -> &'static str {
        Comparison::ALL.iter().find(|(comparison, _)| *comparison == self).map_or("?", |(_, symbol)| symbol)
    }
}

/// One claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The mode it is about; `None` for the lesson's own mode.
    pub mode: Option<Mode>,
    /// The label of the lines it reads (the text before `: `).
    pub label: &'static str,
    /// How they compare.
    pub comparison: Comparison,
    /// With what.
    pub value: f64,
    /// Whether it is about time: such claims depend on the machine and its load, so tests
    /// check them only when asked (`LESSON_TIMINGS=1`); otherwise only that the line is there.
    pub timing: bool,
}

impl Check {
    /// Reads `label op value` (`lost with += == 0`).
    ///
    /// # Errors
    /// No comparison, or a value that is not a number.
    pub fn parse(text: &'static str, mode: Option<Mode>, timing: bool) -> Result<Check, HeaderError> {
        let bad = || HeaderError(format!("a check reads `label < number`, not `{text}`"));
        let (label, rest) = text.rsplit_once(' ').ok_or_else(bad)?;
        let (label, symbol) = label.rsplit_once(' ').ok_or_else(bad)?;
        let comparison = Comparison::ALL.iter().find(|(_, known)| *known == symbol).map(|(comparison, _)| *comparison).ok_or_else(bad)?;
        let value = rest.parse().map_err(|_| bad())?;
        Ok(Check { mode, label, comparison, value, timing })
    }

    /// Whether the output bears the claim out; what went wrong if not. Timing claims are
    /// weighed only if `timings` is set.
    ///
    /// # Errors
    /// No line with the label, a value that is not a number, or one that compares wrongly.
    pub fn against(&self, output: &str, timings: bool) -> Result<(), String> {
        let values = labelled_values(output, self.label);
        if values.is_empty() {
            return Err(format!("no line says `{}: …`", self.label));
        }
        for value in values {
            let number: f64 = value.parse().map_err(|_| format!("`{}: {value}` is not a number", self.label))?;
            if (!self.timing || timings) && !self.comparison.holds(number, self.value) {
                return Err(format!("`{}: {value}`, but the lesson claims {} {}", self.label, self.comparison.symbol(), self.value));
            }
        }
        Ok(())
    }
}

/// The first word after `label: ` on every line that has it.
pub(crate) fn labelled_values<'a>(output: &'a str, label: &str) -> Vec<&'a str> {
    output.lines().filter_map(|line| after_label(line, label)).filter_map(|after| after.split_whitespace().next()).collect()
}

/// What follows `label: ` in `line`, where the label starts the line or follows another
/// label's `: ` (`round 1: balance: 100`), so `locked count` is not read from `unlocked count`.
pub(crate) fn after_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let marker = format!("{label}: ");
    line.match_indices(&marker)
        .find(|(at, _)| *at == 0 || line[..*at].ends_with(": "))
        .map(|(at, _)| &line[at + marker.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_reads_every_line_with_its_label() {
        let check = Check::parse("balance == 100", None, false).unwrap();
        assert_eq!(check.against("round 1: balance: 100\nround 2: balance: 100\n", false), Ok(()));
        assert!(check.against("round 1: balance: 100\nround 2: balance: 97\n", false).is_err());
        assert!(check.against("nothing here\n", false).is_err());
        assert!(check.against("unbalance: 7\n", false).is_err());
    }

    #[test]
    fn a_label_may_hold_spaces_and_symbols() {
        let check = Check::parse("lost with += > 0", None, false).unwrap();
        assert_eq!((check.label, check.comparison), ("lost with +=", Comparison::Greater));
        assert_eq!(check.against("lost with +=: 12 of 400\nlost with += (verdict): some\n", false), Ok(()));
    }

    #[test]
    fn a_timing_claim_is_weighed_only_when_asked() {
        let check = Check::parse("ratio > 0.75", None, true).unwrap();
        assert_eq!(check.against("ratio: 0.5\n", false), Ok(()));
        assert!(check.against("ratio: 0.5\n", true).is_err());
        assert!(check.against("ratio: fast\n", false).is_err());
    }
}
