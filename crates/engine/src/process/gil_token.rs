//! The GIL without shared memory: a token that the parent passes to one worker at a time.
//!
//! Workers without shared memory cannot see a lock, and cannot be interrupted while they run
//! (a Web Worker reads its messages only between tasks). So, like a time-sliced scheduler, the
//! parent hands the token to the first worker waiting for it; the holder runs for one switch
//! interval (its *turn*), or until it blocks or finishes, then hands the token back and, if it
//! still has work, queues for it again behind the others. First come, first served: a worker
//! that hands the token back while another waits always lets the other run next, as CPython's
//! forced switching does.

use std::collections::VecDeque;

/// Who holds the GIL token and who waits for it, each with the message that starts its turn.
#[derive(Debug)]
pub struct GilToken {
    turn_ms: f64,
    holder: Option<usize>,
    last_holder: Option<usize>,
    waiting: VecDeque<(usize, String)>,
    handoffs: u64,
}

impl GilToken {
    /// A free token; each turn lasts `turn_ms` (the switch interval).
    pub fn new(turn_ms: f64) -> Self {
        GilToken { turn_ms, holder: None, last_holder: None, waiting: VecDeque::new(), handoffs: 0 }
    }

    /// How long a turn lasts.
    pub fn turn_ms(&self) -> f64 {
        self.turn_ms
    }

    /// `lane` waits for the token; `start_turn` is the message to send it when its turn comes.
    pub fn request(&mut self, lane: usize, start_turn: String) {
        self.waiting.push_back((lane, start_turn));
    }

    /// `lane` hands the token back; nothing happens when it does not hold it.
    pub fn release(&mut self, lane: usize) {
        if self.holder == Some(lane) {
            self.holder = None;
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
        token.release(1);
        assert_eq!(token.grant(), None, "a lane that does not hold the token cannot free it");
        token.release(0);
        assert_eq!(token.grant(), Some((1, "b".into())));
    }

    #[test]
    fn a_lane_that_hands_the_token_back_queues_behind_the_others() {
        let mut token = GilToken::new(5.0);
        token.request(0, "first turn".into());
        token.grant();
        token.request(1, "b".into());
        token.release(0);
        token.request(0, "second turn".into());
        assert_eq!(token.grant().map(|(lane, _)| lane), Some(1));
        token.release(1);
        assert_eq!(token.grant().map(|(lane, _)| lane), Some(0));
        assert_eq!(token.handoffs(), 2);
    }

    #[test]
    fn the_same_lane_taking_the_token_again_is_no_handoff() {
        let mut token = GilToken::new(5.0);
        for _ in 0..3 {
            token.request(0, String::new());
            token.grant();
            token.release(0);
        }
        assert_eq!(token.handoffs(), 0);
    }
}
