//! The run's task queue, shared by every mode: tasks go out first in, first out, as workers ask
//! (like `multiprocessing.Pool` with a chunk size of 1). Two twists a plan may ask for:
//! a task that waits until every earlier task has finished (`pool.apply` blocks per call; a
//! serial part runs before the parallel ones), and background tasks that run until the
//! foreground ones are done (the CPU-bound company in the convoy experiment).

use crate::workload::Task;

/// A task with how the queue hands it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedTask {
    /// The work.
    pub task: Task,
    /// Handed out only once every earlier task has finished.
    pub waits_for_earlier: bool,
    /// Runs until every foreground task has finished, then stops; the run does not wait for it.
    pub background: bool,
}

impl PlannedTask {
    /// A task handed out as soon as a worker asks.
    pub fn now(task: Task) -> Self {
        PlannedTask { task, waits_for_earlier: false, background: false }
    }

    /// A task handed out once every earlier task has finished.
    pub fn after_earlier(task: Task) -> Self {
        PlannedTask { waits_for_earlier: true, ..PlannedTask::now(task) }
    }

    /// A background task (see [`PlannedTask::background`]).
    pub fn in_background(task: Task) -> Self {
        PlannedTask { background: true, ..PlannedTask::now(task) }
    }
}

/// What a worker asking for work gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextTask {
    /// Run the task with this index.
    Run(usize),
    /// The next task waits for earlier ones to finish: ask again when one has.
    WaitForEarlier,
    /// Nothing left to hand out.
    NoneLeft,
}

/// The queue's state: which task goes out next, and which have finished in what order.
#[derive(Clone, Debug)]
pub struct TaskQueue {
    planned: Vec<PlannedTask>,
    next: usize,
    completion_order: Vec<usize>,
    foreground_left: usize,
}

impl TaskQueue {
    /// A queue of `planned`, nothing handed out yet.
    pub fn new(planned: Vec<PlannedTask>) -> Self {
        let foreground_left = planned.iter().filter(|planned| !planned.background).count();
        TaskQueue { planned, next: 0, completion_order: Vec::new(), foreground_left }
    }

    /// Hands out the next task, if it may go out now.
    pub fn hand_out(&mut self) -> NextTask {
        if self.foreground_done() && self.planned[self.next..].iter().all(|planned| planned.background) {
            return NextTask::NoneLeft;
        }
        let Some(planned) = self.planned.get(self.next) else {
            return NextTask::NoneLeft;
        };
        if planned.waits_for_earlier && self.completion_order.len() < self.next {
            return NextTask::WaitForEarlier;
        }
        self.next += 1;
        NextTask::Run(self.next - 1)
    }

    /// Notes that task `index` finished.
    pub fn finish(&mut self, index: usize) {
        self.completion_order.push(index);
        if !self.planned[index].background {
            self.foreground_left -= 1;
        }
    }

    /// The task with this index.
    pub fn task(&self, index: usize) -> &Task {
        &self.planned[index].task
    }

    /// Whether the task with this index runs in the background.
    pub fn is_background(&self, index: usize) -> bool {
        self.planned[index].background
    }

    /// Whether every foreground task has finished.
    pub fn foreground_done(&self) -> bool {
        self.foreground_left == 0
    }

    /// Task indices in the order they finished.
    pub fn completion_order(&self) -> &[usize] {
        &self.completion_order
    }

    /// How many tasks the plan has.
    pub fn len(&self) -> usize {
        self.planned.len()
    }

    /// Whether the plan has no tasks.
    pub fn is_empty(&self) -> bool {
        self.planned.is_empty()
    }

    /// Foreground ticks in all (progress bars divide by this).
    pub fn foreground_ticks(&self) -> u64 {
        self.planned.iter().filter(|planned| !planned.background).map(|planned| planned.task.ticks()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countdown() -> Task {
        Task::Countdown { from: 1 }
    }

    #[test]
    fn tasks_go_out_in_order_then_none_are_left() {
        let mut queue = TaskQueue::new(vec![PlannedTask::now(countdown()), PlannedTask::now(countdown())]);
        assert_eq!(queue.hand_out(), NextTask::Run(0));
        assert_eq!(queue.hand_out(), NextTask::Run(1));
        assert_eq!(queue.hand_out(), NextTask::NoneLeft);
    }

    #[test]
    fn a_task_that_waits_goes_out_only_after_every_earlier_one_finished() {
        let mut queue = TaskQueue::new(vec![
            PlannedTask::now(countdown()),
            PlannedTask::now(countdown()),
            PlannedTask::after_earlier(countdown()),
        ]);
        assert_eq!((queue.hand_out(), queue.hand_out()), (NextTask::Run(0), NextTask::Run(1)));
        assert_eq!(queue.hand_out(), NextTask::WaitForEarlier);
        queue.finish(1);
        assert_eq!(queue.hand_out(), NextTask::WaitForEarlier);
        queue.finish(0);
        assert_eq!(queue.hand_out(), NextTask::Run(2));
        assert_eq!(queue.completion_order(), &[1, 0]);
    }

    #[test]
    fn background_tasks_are_not_handed_out_once_the_foreground_is_done() {
        let mut queue = TaskQueue::new(vec![
            PlannedTask::now(countdown()),
            PlannedTask::in_background(Task::BusyLoop),
        ]);
        assert_eq!(queue.hand_out(), NextTask::Run(0));
        queue.finish(0);
        assert!(queue.foreground_done());
        assert_eq!(queue.hand_out(), NextTask::NoneLeft);
    }
}
