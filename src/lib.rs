//! stoa: client analytics for car service stations. The binary is a thin shell over this
//! library: `cli` parses, `commands` run, `ingest` reads, `analytics` computes, `render` writes.

pub mod analytics;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod generate;
pub mod ingest;
pub mod interrupt;
pub mod memory;
pub mod model;
pub mod parallel;
pub mod render;
pub mod replace;
pub mod report;
pub mod schema;
pub mod stations;
