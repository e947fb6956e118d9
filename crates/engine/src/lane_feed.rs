//! A recorder read from afar: what a [`Recorder`] on a worker with memory of its own recorded
//! since the last look ([`LaneFeed::news`]), as a message ([`LaneNews`]) that the page replays
//! into a recorder of its own ([`Recorder::replay`]), so that the page's lanes are built as if
//! the worker had recorded into them.
//!
//! Times travel relative to the page's recorder's origin (the feed is given the difference of
//! the two origins: both are readings of the one clock every global shares), and a blocked
//! thread's object travels by its name, which the page's lane names again.

use serde::{Deserialize, Serialize};

use crate::events::WorkerState;
use crate::recorder::Recorder;

/// What a recorder recorded since the last look: the lanes added and each lane's new events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LaneNews {
    /// The index of the first lane in `added` (the lanes seen at the last look).
    #[serde(default)]
    pub first_added: usize,
    /// Lanes added since the last look, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<AddedLane>,
    /// New events, lane by lane (lanes without any are left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<LaneEvents>,
}

/// A lane that was added: its name and when it began [`WorkerState::Starting`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddedLane {
    /// As the timeline shows it ("Thread-1 (worker)").
    pub name: String,
    /// Milliseconds since the page's recorder's origin.
    pub at_ms: f64,
}

/// One lane's new events, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneEvents {
    /// Which lane.
    pub lane: usize,
    /// Its events.
    pub events: Vec<RemoteEvent>,
}

/// An event as it travels: its object by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemoteEvent {
    /// Milliseconds since the page's recorder's origin.
    pub at_ms: f64,
    /// The state entered.
    pub state: WorkerState,
    /// The object waited on ("Lock at 0x7f3a…"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
}

impl LaneNews {
    /// Whether there is nothing new.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.events.is_empty()
    }
}

/// The reader's side: how much of each lane it has already sent.
#[derive(Clone, Debug, Default)]
pub struct LaneFeed {
    /// Events of each lane seen so far (summarised ones included).
    sent: Vec<usize>,
}

impl LaneFeed {
    /// What `recorder` recorded since the last call, with times moved by `shift_ms` (the
    /// recorder's origin less the page recorder's). Waits for writers, as a worker reading its
    /// own recorder between slices may. Events older than those a lane keeps in full (thousands)
    /// are not sent again: a lane that recorded more between two looks loses the oldest.
    pub fn news(&mut self, recorder: &Recorder, shift_ms: f64) -> LaneNews {
        let mut news = LaneNews { first_added: self.sent.len(), ..LaneNews::default() };
        for lane in 0..recorder.lanes() {
            let Some(history) = recorder.locked(lane) else { continue };
            if lane >= self.sent.len() {
                let at_ms = history.events().next().map_or(0.0, |first| first.at_ms) + shift_ms;
                news.added.push(AddedLane { name: history.name().to_owned(), at_ms });
                self.sent.push(0);
            }
            let new = history.recorded_count() - self.sent[lane];
            self.sent[lane] = history.recorded_count();
            if new == 0 {
                continue;
            }
            let kept: Vec<_> = history.events().rev().take(new).collect();
            let events = kept
                .into_iter()
                .rev()
                .map(|event| RemoteEvent {
                    at_ms: event.at_ms + shift_ms,
                    state: event.state,
                    object: event.object.and_then(|object| history.object_name(object)).map(str::to_owned),
                })
                .collect();
            news.events.push(LaneEvents { lane, events });
        }
        news
    }
}

impl Recorder {
    /// Records `news` from a recorder on another worker: its new lanes (a lane this recorder
    /// already has at that index, added ahead by the page, keeps its own start) and its events.
    pub fn replay(&self, news: &LaneNews) {
        for (offset, lane) in news.added.iter().enumerate() {
            if self.asked() <= news.first_added + offset {
                self.add_lane_at(&lane.name, self.origin_ms() + lane.at_ms);
            }
        }
        for lane in &news.events {
            for event in &lane.events {
                self.record_event(lane.lane, event.state, event.object.as_deref(), self.origin_ms() + event.at_ms);
            }
        }
    }

    /// Records `news` from another process's recorder as lanes of this one, each named after
    /// `process` ("Process-1 MainThread"; the main process's are named as they are, `None`);
    /// `lanes` maps that recorder's lanes to this one's (kept between calls; `None` past this
    /// recorder's limit). A lane already mapped (added ahead by the page, when the process was
    /// started) keeps its own start, so its "starting" covers the process's start-up.
    pub fn replay_process(&self, news: &LaneNews, process: Option<&str>, lanes: &mut Vec<Option<usize>>) {
        for (offset, lane) in news.added.iter().enumerate() {
            if lanes.len() <= news.first_added + offset {
                let name = process.map_or_else(|| lane.name.clone(), |process| format!("{process} {}", lane.name));
                lanes.push(self.add_lane_at(&name, self.origin_ms() + lane.at_ms));
            }
        }
        for lane in &news.events {
            let Some(Some(here)) = lanes.get(lane.lane) else { continue };
            for event in &lane.events {
                self.record_event(*here, event.state, event.object.as_deref(), self.origin_ms() + event.at_ms);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Event, Waitable};

    fn names(recorder: &Recorder) -> Vec<String> {
        recorder.histories().iter().map(|lane| lane.name().to_owned()).collect()
    }

    #[test]
    fn a_replayed_recorder_has_the_lanes_and_events_of_the_one_read() {
        let worker = Recorder::growing(8, 100.0);
        let main = worker.add_lane_at("MainThread", 100.0).unwrap();
        worker.record_at(main, WorkerState::Running, 101.0);
        let page = Recorder::growing(8, 90.0);
        let mut feed = LaneFeed::default();
        page.replay(&feed.news(&worker, 10.0));
        let thread = worker.add_lane_at("Thread-1 (worker)", 102.0).unwrap();
        worker.record_on(thread, WorkerState::BlockedOn(Waitable::Lock), "Lock at 0x10", &crate::NativeClock);
        worker.record_at(main, WorkerState::WaitingForGil, 103.0);
        page.replay(&feed.news(&worker, 10.0));
        assert_eq!(names(&page), ["MainThread", "Thread-1 (worker)"]);
        let main_events = &page.snapshot()[main];
        let expected = [(10.0, WorkerState::Starting), (11.0, WorkerState::Running), (13.0, WorkerState::WaitingForGil)];
        assert_eq!(main_events, &expected.map(|(at_ms, state)| Event::new(at_ms, state)));
        let lane = page.try_read(thread).unwrap();
        let blocked = lane.last().unwrap();
        assert_eq!(lane.describe(&lane.intervals(1e15)[1]), "blocked on a lock (Lock at 0x10)", "{blocked:?}");
        assert_eq!(lane.events().next().unwrap().at_ms, 12.0);
    }

    #[test]
    fn another_process_lanes_are_added_after_these_named_after_it() {
        let child = Recorder::growing(4, 0.0);
        let main = child.add_lane_at("MainThread", 5.0).unwrap();
        child.record_at(main, WorkerState::Running, 6.0);
        let page = Recorder::growing(4, 0.0);
        page.add_lane_at("MainThread", 0.0);
        let (mut feed, mut lanes) = (LaneFeed::default(), Vec::new());
        page.replay_process(&feed.news(&child, 0.0), Some("Process-1"), &mut lanes);
        assert_eq!(names(&page), ["MainThread", "Process-1 MainThread"]);
        assert_eq!(lanes, [Some(1)]);
        assert_eq!(page.snapshot()[1], [(5.0, WorkerState::Starting), (6.0, WorkerState::Running)].map(|(at_ms, state)| Event::new(at_ms, state)));
    }

    #[test]
    fn nothing_new_is_no_news_and_a_lane_added_ahead_keeps_its_start() {
        let worker = Recorder::growing(4, 0.0);
        worker.add_lane_at("MainThread", 5.0);
        let page = Recorder::growing(4, 0.0);
        page.add_lane_at("MainThread", 0.0);
        let mut feed = LaneFeed::default();
        page.replay(&feed.news(&worker, 0.0));
        assert!(feed.news(&worker, 0.0).is_empty());
        assert_eq!(page.snapshot(), vec![vec![Event::new(0.0, WorkerState::Starting)]]);
    }

    #[test]
    fn a_child_lane_added_when_it_was_started_is_starting_until_its_program_runs() {
        let page = Recorder::growing(4, 0.0);
        page.add_lane_at("MainThread", 0.0);
        // The parent's start() at 2 ms: the page adds the child's lane then.
        let mut lanes = vec![page.add_lane_at("Process-1 MainThread", 2.0)];
        let child = Recorder::growing(4, 0.0);
        let main = child.add_lane_at("MainThread", 40.0).unwrap();
        child.record_at(main, WorkerState::Running, 41.0);
        let mut feed = LaneFeed::default();
        page.replay_process(&feed.news(&child, 0.0), Some("Process-1"), &mut lanes);
        assert_eq!(names(&page), ["MainThread", "Process-1 MainThread"]);
        let expected = [(2.0, WorkerState::Starting), (41.0, WorkerState::Running)];
        assert_eq!(page.snapshot()[1], expected.map(|(at_ms, state)| Event::new(at_ms, state)));
    }

    #[test]
    fn the_main_process_lanes_keep_their_names_and_indices_among_its_childrens() {
        let main = Recorder::growing(4, 0.0);
        let main_thread = main.add_lane_at("MainThread", 1.0).unwrap();
        let page = Recorder::growing(8, 0.0);
        let mut main_lanes = vec![page.add_lane_at("MainThread", 0.0)];
        let (mut main_feed, mut child_feed, mut child_lanes) = (LaneFeed::default(), LaneFeed::default(), Vec::new());
        page.replay_process(&main_feed.news(&main, 0.0), None, &mut main_lanes);
        let child = Recorder::growing(4, 0.0);
        child.add_lane_at("MainThread", 3.0);
        page.replay_process(&child_feed.news(&child, 0.0), Some("Process-1"), &mut child_lanes);
        // A thread the main process starts after its child: its events go to its own lane.
        let thread = main.add_lane_at("Thread-1 (handler)", 4.0).unwrap();
        main.record_at(thread, WorkerState::Receiving, 5.0);
        main.record_at(main_thread, WorkerState::Running, 6.0);
        page.replay_process(&main_feed.news(&main, 0.0), None, &mut main_lanes);
        assert_eq!(names(&page), ["MainThread", "Process-1 MainThread", "Thread-1 (handler)"]);
        assert_eq!(main_lanes, [Some(0), Some(2)]);
        assert_eq!(page.snapshot()[2], [(4.0, WorkerState::Starting), (5.0, WorkerState::Receiving)].map(|(at_ms, state)| Event::new(at_ms, state)));
        assert_eq!(page.snapshot()[1], [Event::new(3.0, WorkerState::Starting)]);
    }

    #[test]
    fn sending_and_receiving_travel_with_what_they_move_and_have_times_of_their_own() {
        let child = Recorder::growing(2, 0.0);
        let lane = child.add_lane_at("MainThread", 0.0).unwrap();
        child.record_at(lane, WorkerState::Running, 1.0);
        child.record_event(lane, WorkerState::Sending, Some("Queue at 0x30"), 2.0);
        child.record_event(lane, WorkerState::Receiving, Some("the pool's tasks"), 5.0);
        child.record_at(lane, WorkerState::Running, 12.0);
        let page = Recorder::growing(2, 0.0);
        page.replay_process(&LaneFeed::default().news(&child, 0.0), Some("SpawnPoolWorker-1"), &mut Vec::new());
        let replayed = page.try_read(0).unwrap();
        let times = replayed.state_times(20.0);
        assert_eq!((times.of(WorkerState::Sending), times.of(WorkerState::Receiving), times.of(WorkerState::Running)), (3.0, 7.0, 9.0));
        let described: Vec<String> = replayed.intervals(20.0).iter().map(|interval| replayed.describe(interval)).collect();
        assert_eq!(described, ["starting", "running", "sending (Queue at 0x30)", "receiving (the pool's tasks)", "running"]);
    }

    #[test]
    fn news_survive_the_round_trip_through_json() {
        let worker = Recorder::growing(2, 0.0);
        let lane = worker.add_lane_at("MainThread", 0.0).unwrap();
        worker.record_on(lane, WorkerState::BlockedOn(Waitable::Queue), "Queue at 0x20 (get)", &crate::NativeClock);
        let news = LaneFeed::default().news(&worker, 0.0);
        let text = serde_json::to_string(&news).unwrap();
        assert_eq!(serde_json::from_str::<LaneNews>(&text).unwrap(), news);
    }
}
