//! Processes that share nothing but messages: every cross-process operation of
//! `multiprocessing` is a [`Request`] to the keeper of the tree ([`ProcessKeeper`], one state
//! machine holding what the processes share), answered by a [`Reply`], now or later. A process
//! on one thread asks through [`AskingProcesses`] (an outbox and an inbox its driver empties
//! and fills between slices), and a thread waiting for a reply is parked on it as an effect
//! ([`ProcessWait`]). Requests and replies travel as bytes (`wire.rs`), since both ends may be
//! different WebAssembly instances.

mod asking;
mod call;
mod keeper;
mod protocol;
mod wire;

pub use asking::AskingProcesses;
pub use call::{Finish, ProcessCall, ProcessWait};
pub use keeper::{Member, Outgoing, ProcessKeeper};
pub use protocol::{Delivery, Letter, Reply, Request};
