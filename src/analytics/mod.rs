//! Analytics computed from the typed model: one module per study.

pub mod clv;
