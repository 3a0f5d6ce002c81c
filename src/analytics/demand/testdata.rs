//! A small station worked out by hand, shared by the unit tests of the demand section.
//! Every expected figure in the tests is derived from the rows below.

use polars::prelude::*;

pub use crate::analytics::management::testdata::{f64s, ms, strs, typed};
use crate::analytics::period::{Month, Period};
use crate::model::Model;
use crate::schema::Table;

/// The report period of [`station`]: March 2026 (as of 2026-03-31).
pub fn period() -> Period {
    Period::new(Month::new(2026, 3).expect("valid month"))
}

/// The worked station (report month March 2026).
///
/// | visit | opened | client | brand | domestic | status |
/// |---|---|---|---|---|---|
/// | V0 | 2024-03-05 10:00 (Tue) | C1 | Kia | no | done |
/// | V8 | 2025-03-12 10:00 (Wed) | C1 | Kia | no | done |
/// | V1 | 2026-03-02 09:00 (Mon) | C1 | kia | no | done |
/// | V2 | 2026-03-10 14:00 (Tue) | C2 | LADA | yes | done |
/// | V3 | 2026-03-31 11:00 (Tue) | C1 | Kia | no | done |
/// | V4 | 2026-03-20 09:00 (Fri) | C3 | BMW | no | done |
/// | V5 | 2026-03-15 09:00 (Sun) | C4 | BMW | no | cancelled |
/// | V7 | 2026-04-10 10:00 (Fri) | C2 | LADA | yes | done |
///
/// Lines (amounts in currency units): V0 wash 100; V8 wash 100; V1 repair 1000 (2.0 h,
/// code R1), parts 500, declined repair 300 (1.0 h, R1); V2 repair 2000 (1.5 h, R1); V3
/// warranty repair 0 (0.5 h, R2); V4 declined wash 700; V5 wash 999; V7 repair 5000 (R1).
pub fn station() -> Model {
    let visits = df!(
        "visit_id" => ["V0", "V8", "V1", "V2", "V3", "V4", "V5", "V7"],
        "opened_at" => ["2024-03-05 10:00", "2025-03-12 10:00", "2026-03-02 09:00", "2026-03-10 14:00", "2026-03-31 11:00", "2026-03-20 09:00", "2026-03-15 09:00", "2026-04-10 10:00"].map(ms),
        "client_id" => ["C1", "C1", "C1", "C2", "C1", "C3", "C4", "C2"],
        "brand" => ["Kia", "Kia", "kia ", "LADA", "Kia", "BMW", "BMW", "LADA"],
        "vehicle" => ["VIN1", "VIN1", "VIN1", "VIN2", "VIN1", "VIN3", "VIN4", "VIN2"],
        "domestic" => [false, false, false, true, false, false, false, true],
        "status" => ["done", "done", "done", "done", "done", "done", "cancelled", "done"],
    )
    .expect("valid frame");
    let lines = df!(
        "visit_id" => ["V0", "V8", "V1", "V1", "V1", "V2", "V3", "V4", "V5", "V7"],
        "service_code" => [None, None, Some("R1"), None, Some("R1"), Some("R1"), Some("R2"), None, None, Some("R1")],
        "description" => ["wash", "wash", "engine", "oil", "engine", "engine", "rework", "wash", "wash", "engine"],
        "category" => ["wash", "wash", "repair", "parts", "repair", "repair", "repair", "wash", "wash", "repair"],
        "kind" => ["labor", "labor", "labor", "part", "labor", "labor", "labor", "labor", "labor", "labor"],
        "amount" => [10_000i64, 10_000, 100_000, 50_000, 30_000, 200_000, 0, 70_000, 99_900, 500_000],
        "norm_hours" => [None, None, Some(2.0), None, Some(1.0), Some(1.5), Some(0.5), None, None, None],
        "warranty" => [false, false, false, false, false, false, true, false, false, false],
        "declined" => [None, Some(false), Some(false), None, Some(true), Some(false), Some(false), Some(true), Some(false), Some(false)],
    )
    .expect("valid frame");
    Model::empty()
        .with(Table::Visits, typed(Table::Visits, visits))
        .with(Table::OrderLines, typed(Table::OrderLines, lines))
}
