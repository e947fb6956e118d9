//! A program's processes as the Program panel shows them: each one's heading ("Process-1 ·
//! pid 1001 · parent 1000"), its lanes grouped under it in the order the processes started, and
//! the bytes the processes moved between them (the pickled arguments, results and messages,
//! and each new process's bootstrap), in the processes' table and the run's status line.

use runtime::ProgramProcess;

/// A group of lanes: the process they belong to (none for a program without processes) and
/// their indices among the program's lanes.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneGroup<'a> {
    /// The process, when the program has a tree of them.
    pub process: Option<&'a ProgramProcess>,
    /// Its lanes.
    pub lanes: Vec<usize>,
}

/// The program's `lane_count` lanes grouped by process, in the order the processes started; a
/// lane no process claims (none should) goes in a last group of its own. Without processes,
/// one group of every lane.
pub fn lane_groups(lane_count: usize, processes: &[ProgramProcess]) -> Vec<LaneGroup<'_>> {
    let in_range = |lanes: &[usize]| lanes.iter().copied().filter(|&lane| lane < lane_count).collect::<Vec<_>>();
    let mut groups: Vec<LaneGroup> = processes.iter().map(|process| LaneGroup { process: Some(process), lanes: in_range(&process.lanes) }).collect();
    let claimed = |lane: &usize| processes.iter().any(|process| process.lanes.contains(lane));
    let unclaimed: Vec<usize> = (0..lane_count).filter(|lane| !claimed(lane)).collect();
    if !unclaimed.is_empty() {
        groups.push(LaneGroup { process: None, lanes: unclaimed });
    }
    groups
}

/// A process's heading: its name, pid and parent's pid ("Process-1 · pid 1001 · parent 1000").
pub fn process_heading(process: &ProgramProcess) -> String {
    match process.parent {
        Some(parent) => format!("{} · pid {} · parent {parent}", process.name, process.pid),
        None => format!("{} · pid {}", process.name, process.pid),
    }
}

/// The name of the process that owns `lane` (for the threads' table).
pub fn process_of(lane: usize, processes: &[ProgramProcess]) -> Option<&ProgramProcess> {
    processes.iter().find(|process| process.lanes.contains(&lane))
}

/// A count of bytes as people read it, in powers of 1000: "512 B", "12.3 kB", "4.1 MB".
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["kB", "MB", "GB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Bytes that crossed between processes: every byte sent once (a message not yet received
/// counts too).
pub fn bytes_moved(processes: &[ProgramProcess]) -> u64 {
    processes.iter().map(|process| process.bytes_sent).sum()
}

/// What the status line adds for a program that started processes (" 3 processes moved
/// 12.3 kB between them."), or nothing for one that started none.
pub fn moved_summary(processes: &[ProgramProcess]) -> String {
    match processes.len() {
        0 | 1 => String::new(),
        count => format!(" {count} processes moved {} between them.", format_bytes(bytes_moved(processes))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process(pid: u32, name: &str, parent: Option<u32>, lanes: &[usize], bytes_sent: u64) -> ProgramProcess {
        ProgramProcess { pid, name: name.into(), parent, lanes: lanes.to_vec(), bytes_sent, ..ProgramProcess::default() }
    }

    #[test]
    fn lanes_are_grouped_under_their_process_in_the_order_processes_started() {
        let processes = [process(1000, "MainProcess", None, &[0, 3], 0), process(1001, "SpawnPoolWorker-1", Some(1000), &[1], 0), process(1002, "SpawnPoolWorker-2", Some(1000), &[2], 0)];
        let groups = lane_groups(4, &processes);
        let seen: Vec<(&str, Vec<usize>)> = groups.iter().map(|group| (group.process.map_or("", |process| process.name.as_str()), group.lanes.clone())).collect();
        assert_eq!(seen, [("MainProcess", vec![0, 3]), ("SpawnPoolWorker-1", vec![1]), ("SpawnPoolWorker-2", vec![2])]);
        assert_eq!(process_of(3, &processes).map(|process| process.pid), Some(1000));
    }

    #[test]
    fn a_program_without_processes_is_one_group_of_every_lane() {
        assert_eq!(lane_groups(3, &[]), [LaneGroup { process: None, lanes: vec![0, 1, 2] }]);
    }

    #[test]
    fn lanes_not_yet_read_are_left_out_of_their_group() {
        let processes = [process(1000, "MainProcess", None, &[0], 0), process(1001, "Process-1", Some(1000), &[1], 0)];
        assert_eq!(lane_groups(1, &processes)[1].lanes, Vec::<usize>::new());
    }

    #[test]
    fn a_heading_names_the_process_its_pid_and_its_parent() {
        assert_eq!(process_heading(&process(1001, "Process-1", Some(1000), &[], 0)), "Process-1 · pid 1001 · parent 1000");
        assert_eq!(process_heading(&process(1000, "MainProcess", None, &[], 0)), "MainProcess · pid 1000");
    }

    #[test]
    fn bytes_read_in_powers_of_a_thousand() {
        assert_eq!(format_bytes(0), "0 B");
        assert_eq!(format_bytes(999), "999 B");
        assert_eq!(format_bytes(1000), "1.0 kB");
        assert_eq!(format_bytes(12_345), "12.3 kB");
        assert_eq!(format_bytes(999_960), "1.0 MB");
        assert_eq!(format_bytes(4_100_000), "4.1 MB");
    }

    #[test]
    fn the_summary_counts_each_byte_once_as_it_was_sent() {
        let processes = [process(1000, "MainProcess", None, &[0], 12_000), process(1001, "Process-1", Some(1000), &[1], 345)];
        assert_eq!(moved_summary(&processes), " 2 processes moved 12.3 kB between them.");
        assert_eq!(moved_summary(&processes[..1]), "", "a program that started no process");
    }
}
