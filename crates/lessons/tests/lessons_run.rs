//! Every lesson runs in the interpreter in its mode (and in each other mode it makes a claim
//! about) and its output shows what its "notice" says: the header's checks, read by property
//! on the output, since scheduling changes the numbers. A lesson whose output does not depend
//! on scheduling also prints exactly what CPython 3.11 printed (`lessons/expected/`, made by
//! `tests/python/make_lesson_outputs.py`). Timing claims are weighed with `LESSON_TIMINGS=1`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lessons::{all, header_errors, Ends, Lesson, SOURCES};
use python::{run_program, Halt, Mode, Outcome, ProgramRun, RunOptions};

fn lessons_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons")
}

fn run(lesson: &Lesson, mode: Mode) -> ProgramRun {
    run_program(lesson.program, &RunOptions { mode, time_limit: Duration::from_secs(60) })
}

/// What is wrong with a run of `lesson` in `mode`, if anything.
fn problems(lesson: &Lesson, mode: Mode, run: &ProgramRun) -> Vec<String> {
    let timings = std::env::var("LESSON_TIMINGS").is_ok_and(|value| value == "1");
    let (stdout, all_output) = (run.stdout(), format!("{}{}", run.stdout(), run.stderr()));
    let mut problems = Vec::new();
    let ended_well = match lesson.ends {
        Ends::Finished => run.outcome == Outcome::Finished,
        Ends::Deadlock => matches!(&run.outcome, Outcome::Halted(Halt::Deadlock(_))),
    };
    if !ended_well {
        problems.push(format!("ended {:?}, expected {:?}", run.outcome, lesson.ends));
    }
    problems.extend(lesson.prints.iter().filter(|text| !all_output.contains(*text)).map(|text| format!("does not print `{text}`")));
    problems.extend(lesson.absent.iter().filter(|text| all_output.contains(*text)).map(|text| format!("prints `{text}`")));
    problems.extend(lesson.checks_in(mode).iter().filter_map(|check| check.against(&stdout, timings).err()));
    if let Some(question) = &lesson.question {
        if question.answered(&all_output, "").is_none() {
            problems.push(format!("no line answers its question (`{}: …`)", question.answer_label()));
        }
    }
    problems.into_iter().map(|problem| format!("{} in {}: {problem}\n{all_output}", lesson.id, mode.name())).collect()
}

#[test]
fn every_lesson_file_has_a_header_that_reads_and_is_built_in() {
    assert_eq!(header_errors(), vec![]);
    let mut files: Vec<String> = std::fs::read_dir(lessons_folder())
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".py"))
        .collect();
    files.sort();
    let built_in: Vec<&str> = SOURCES.iter().map(|(file, _)| *file).collect();
    assert_eq!(files, built_in);
}

#[test]
fn every_lesson_has_its_own_row_and_a_question_or_a_claim() {
    let mut ids: Vec<&str> = all().iter().map(|lesson| lesson.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), all().len(), "two lessons share a row");
    for lesson in all() {
        assert!(!lesson.checks.is_empty() || !lesson.prints.is_empty(), "{} claims nothing about its output", lesson.id);
    }
}

#[test]
fn every_lesson_shows_what_its_notice_says_in_each_mode_it_claims_something_about() {
    let runs: Vec<String> = all()
        .iter()
        .flat_map(|lesson| lesson.checked_modes().into_iter().map(move |mode| (lesson, mode)))
        .flat_map(|(lesson, mode)| problems(lesson, mode, &run(lesson, mode)))
        .collect();
    assert!(runs.is_empty(), "{}", runs.join("\n\n"));
}

#[test]
fn lessons_whose_output_does_not_depend_on_scheduling_print_what_cpython_printed() {
    let expected = lessons_folder().join("expected");
    let exact: Vec<(&str, &Lesson)> = SOURCES.iter().zip(all()).filter(|(_, lesson)| lesson.exact).map(|((file, _), lesson)| (*file, lesson)).collect();
    for (file, lesson) in &exact {
        let path = expected.join(file.replace(".py", ".stdout"));
        let cpython = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} has no {}", lesson.id, path.display()));
        assert_eq!(run(lesson, lesson.mode).stdout(), cpython, "{} prints otherwise than CPython 3.11", lesson.id);
    }
    assert!(exact.len() >= 8, "only {} lessons compared with CPython", exact.len());
}
