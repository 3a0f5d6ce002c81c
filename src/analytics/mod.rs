//! Analytics: pure functions from the typed model (and the report period and
//! configuration) to tables. No I/O here; `crate::report` writes what they return.

pub mod clients;
pub mod clv;
pub mod demand;
pub mod management;
pub mod period;
pub mod prices;
