//! How pool calls are submitted and their results collected (experiment A5's choice).

use serde::{Deserialize, Serialize};

/// How pool calls are submitted and their results collected (A5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoolCall {
    /// `pool.map`: all submitted at once, results in input order.
    Map,
    /// `pool.apply`: one call at a time, each waited for.
    Apply,
    /// `pool.apply_async`: all submitted at once, results collected as they finish.
    ApplyAsync,
    /// `pool.map_async`: all submitted at once, one result list in input order at the end.
    MapAsync,
}

impl PoolCall {
    /// Every call, in the picker's order.
    pub const ALL: [PoolCall; 4] = [PoolCall::Map, PoolCall::Apply, PoolCall::ApplyAsync, PoolCall::MapAsync];

    /// The Python name, also the key in links and forms.
    pub fn key(self) -> &'static str {
        match self {
            PoolCall::Map => "map",
            PoolCall::Apply => "apply",
            PoolCall::ApplyAsync => "apply_async",
            PoolCall::MapAsync => "map_async",
        }
    }

    /// The call named by [`PoolCall::key`].
    pub fn from_key(key: &str) -> Option<PoolCall> {
        PoolCall::ALL.into_iter().find(|call| call.key() == key)
    }
}
