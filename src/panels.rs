//! Which of the page's panels are shown: a teacher can hide what a lesson does not need (the
//! throughput table, the speed-up study, the race lab…), and the share link keeps the choice.

/// A panel of the playground page that can be hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Panel {
    /// The live timeline, its legend and its tables.
    Timeline,
    /// The live throughput table under the timeline.
    Throughput,
    /// "Compare all modes": its button and its panel.
    Comparison,
    /// The speed-up study: its field, its button and its panel.
    SpeedUpStudy,
    /// The results table.
    Results,
    /// The race lab: races and locks on the interleaving simulator.
    Races,
}

impl Panel {
    /// Every panel, in page order.
    pub const ALL: [Panel; 6] =
        [Panel::Timeline, Panel::Throughput, Panel::Comparison, Panel::SpeedUpStudy, Panel::Results, Panel::Races];

    /// Its name in share links.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Timeline => "timeline",
            Panel::Throughput => "throughput",
            Panel::Comparison => "compare",
            Panel::SpeedUpStudy => "study",
            Panel::Results => "results",
            Panel::Races => "races",
        }
    }

    /// Its name on the page.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Timeline => "Timeline",
            Panel::Throughput => "Throughput table",
            Panel::Comparison => "Compare all modes",
            Panel::SpeedUpStudy => "Speed-up study",
            Panel::Results => "Results table",
            Panel::Races => "Races and locks",
        }
    }

    fn from_key(key: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|panel| panel.key() == key)
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The panels shown; all of them unless a link or the reader said otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownPanels(u8);

impl Default for ShownPanels {
    fn default() -> Self {
        ShownPanels(Panel::ALL.iter().fold(0, |bits, panel| bits | panel.bit()))
    }
}

impl ShownPanels {
    /// Whether `panel` is shown.
    pub fn shows(self, panel: Panel) -> bool {
        self.0 & panel.bit() != 0
    }

    /// The same with `panel` shown or hidden.
    pub fn with(self, panel: Panel, shown: bool) -> Self {
        if shown { ShownPanels(self.0 | panel.bit()) } else { ShownPanels(self.0 & !panel.bit()) }
    }

    /// The shown panels' keys, comma-separated, in page order (`""` when none is).
    pub fn to_keys(self) -> String {
        Panel::ALL.into_iter().filter(|panel| self.shows(*panel)).map(Panel::key).collect::<Vec<_>>().join(",")
    }

    /// The panels a comma-separated list of keys names; `None` if any key is unknown.
    pub fn from_keys(keys: &str) -> Option<Self> {
        let none = ShownPanels(0);
        keys.split(',').filter(|key| !key.is_empty()).try_fold(none, |shown, key| Some(shown.with(Panel::from_key(key)?, true)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_panel_is_shown_by_default() {
        assert!(Panel::ALL.into_iter().all(|panel| ShownPanels::default().shows(panel)));
    }

    #[test]
    fn keys_round_trip_for_every_subset_of_panels() {
        for bits in 0..(1u8 << Panel::ALL.len()) {
            let shown = Panel::ALL.into_iter().fold(ShownPanels::default(), |shown, panel| shown.with(panel, bits & panel.bit() != 0));
            assert_eq!(ShownPanels::from_keys(&shown.to_keys()), Some(shown), "{bits:b}");
        }
    }

    #[test]
    fn an_unknown_key_makes_the_list_unreadable() {
        assert_eq!(ShownPanels::from_keys("timeline,<b>"), None);
        assert_eq!(ShownPanels::from_keys(""), Some(ShownPanels(0)));
    }
}
