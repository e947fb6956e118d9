//! The page's parts, each a small yew component.

pub mod comparison;
pub mod drawing_rehearsal;
pub mod embed_widget;
pub mod engine_badge;
pub mod environment_status;
pub mod events_table;
pub mod experiment_form;
pub mod export;
pub mod interleaving_chart;
pub mod lesson_card;
pub mod lesson_picker;
pub mod io_response_histogram;
pub mod panel_choice;
pub mod program_output;
pub mod program_panel;
pub mod program_timeline;
pub mod race_lab;
pub mod results_table;
pub mod run_progress;
pub mod share_link;
pub mod speed_up_study;
pub mod throughput_table;
pub mod timeline;
pub mod wall_time_chart;
