//! `manifest.json` (SPEC §5.1): what the report was made from and how, so that a figure
//! can be traced back to the input files and the parameters of the run.

use std::time::Instant;

use serde::Serialize;

use crate::ingest::{InputReport, Warning};

/// The time one stage of the run took.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timing {
    /// Stage name, e.g. `ingest`, `section:management`, `write`.
    pub stage: String,
    /// Milliseconds.
    pub ms: u64,
}

impl Timing {
    /// The time elapsed since `start`, as a stage.
    pub fn since(stage: &str, start: Instant) -> Timing {
        Timing {
            stage: stage.to_string(),
            ms: start.elapsed().as_millis() as u64,
        }
    }
}

/// The contents of `manifest.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// As-of date, YYYY-MM-DD.
    pub as_of: String,
    /// Report month, YYYY-MM.
    pub month: String,
    /// Version of stoa.
    pub version: String,
    /// The parameters of the run (data folder, configuration, sections, capacity, …).
    pub parameters: serde_json::Value,
    /// The accounting of every input table.
    pub inputs: Vec<InputReport>,
    /// Rows rejected in all (each is in `tables/rejects.csv`).
    pub rows_rejected: u64,
    /// Survivable problems of the inputs.
    pub warnings: Vec<Warning>,
    /// Files of the report, relative to the report folder, sorted.
    pub outputs: Vec<String>,
    /// Time per stage.
    pub timings: Vec<Timing>,
}
