//! The GIL without shared memory: a token that the parent passes to one worker at a time.
//!
//! Workers without shared memory cannot see a lock, and cannot be interrupted while they run
//! (a Web Worker reads its messages only between tasks). So, like a time-sliced scheduler, the
//! parent hands the token to the first worker waiting for it; the holder runs for one switch
//! interval (its *turn*), or until it blocks or finishes, then hands the token back and, if it
//! still has work, queues for it again behind the others. First come, first served: a worker
//! that hands the token back while another waits always lets the other run next, as CPython's
//! forced switching does.
//!
//! Each worker stamps its states by its own clock, and two workers' clocks may disagree by a few
//! coarsening steps of the browser's timer (up to 0.4 ms in a page that is not cross-origin
//! isolated). A turn cannot start before the token was handed back, so a holder's start is
//! recorded no earlier than the last holder's end, as that one stamped it.

use std::collections::VecDeque;

/// Who holds the GIL token and who waits for it, each with the message that starts its turn.
#[derive(Debug)]
pub struct GilToken {
    turn_ms: f64,
    holder: Option<usize>,
    last_holder: Option<usize>,
    waiting: VecDeque<(usize, String)>,
    /// When the token was last handed back, by the clock of the worker that did.
    handed_back_at_ms: f64,
    handoffs: u64,
}

impl GilToken {
    /// A free token; each turn lasts `turn_ms` (the switch interval).
    pub fn new(turn_ms: f64) -> Self {
        GilToken {
            turn_ms,
            holder: None,
            last_holder: None,
            waiting: VecDeque::new(),
            handed_back_at_ms: f64::NEG_INFINITY,
            handoffs: 0,
        }
    }

    /// How long a turn lasts.
    pub fn turn_ms(&self) -> f64 {
        self.turn_ms
    }

    /// `lane` waits for the token; `start_turn` is the message to send it when its turn comes.
    pub fn request(&mut self, lane: usize, start_turn: String) {
        self.waiting.push_back((lane, start_turn));
    }

    /// `lane` hands the token back at `at_ms` by its clock; nothing happens when it does not hold it.
    pub fn release(&mut self, lane: usize, at_ms: f64) {
        if self.holder == Some(lane) {
            self.holder = None;
            self.handed_back_at_ms = at_ms;
        }
    }

    /// When `lane`, stamping `at_ms` by its own clock, started to run: for the holder, no earlier
    /// than the token was handed back to be given to it.
    pub fn start_of_running_ms(&self, lane: usize, at_ms: f64) -> f64 {
        if self.holder == Some(lane) {
            at_ms.max(self.handed_back_at_ms)
        } else {
            at_ms
        }
    }

    /// Gives a free token to the first lane waiting; returns that lane and its message.
    pub fn grant(&mut self) -> Option<(usize, String)> {
        if self.holder.is_some() {
            return None;
        }
        let (lane, start_turn) = self.waiting.pop_front()?;
        if self.last_holder.is_some_and(|last| last != lane) {
            self.handoffs += 1;
        }
        self.holder = Some(lane);
        self.last_holder = Some(lane);
        Some((lane, start_turn))
    }

    /// Times the token went to a lane other than its last holder.
    pub fn handoffs(&self) -> u64 {
        self.handoffs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_lane_holds_the_token_at_a_time() {
        let mut token = GilToken::new(5.0);
        token.request(0, "a".into());
        token.request(1, "b".into());
        assert_eq!(token.grant(), Some((0, "a".into())));
        assert_eq!(token.grant(), None);
        token.release(1, 0.0);
        assert_eq!(token.grant(), None, "a lane that does not hold the token cannot free it");
        token.release(0, 0.0);
        assert_eq!(token.grant(), Some((1, "b".into())));
    }

    #[test]
    fn a_lane_that_hands_the_token_back_queues_behind_the_others() {
        let mut token = GilToken::new(5.0);
        token.request(0, "first turn".into());
        token.grant();
        token.request(1, "b".into());
        token.release(0, 0.0);
        token.request(0, "second turn".into());
        assert_eq!(token.grant().map(|(lane, _)| lane), Some(1));
        token.release(1, 0.0);
        assert_eq!(token.grant().map(|(lane, _)| lane), Some(0));
        assert_eq!(token.handoffs(), 2);
    }

    #[test]
    fn a_turn_starts_no_earlier_than_the_token_was_handed_back() {
        let mut token = GilToken::new(5.0);
        token.request(0, "a".into());
        token.request(1, "b".into());
        token.grant();
        token.release(0, 10.3);
        token.grant();
        assert_eq!(token.start_of_running_ms(1, 10.1), 10.3, "lane 1's clock runs behind lane 0's");
        assert_eq!(token.start_of_running_ms(1, 10.5), 10.5);
        assert_eq!(token.start_of_running_ms(0, 10.1), 10.1, "a lane without the token keeps its stamp");
    }

    #[test]
    fn the_same_lane_taking_the_token_again_is_no_handoff() {
        let mut token = GilToken::new(5.0);
        for _ in 0..3 {
            token.request(0, String::new());
            token.grant();
            token.release(0, 0.0);
        }
        assert_eq!(token.handoffs(), 0);
    }
}
