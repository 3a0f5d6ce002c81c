//! A small station worked out by hand, shared by the unit tests of the management section.
//! Every expected figure in the tests is derived from the rows below.

use chrono::NaiveDateTime;
use polars::prelude::*;

use crate::model::{schema, Model};
use crate::schema::Table;

/// Milliseconds of a `YYYY-MM-DD HH:MM` local time (the physical value of Datetime(ms)).
pub fn ms(text: &str) -> i64 {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .expect("test datetimes are well formed")
        .and_utc()
        .timestamp_millis()
}

/// Optional [`ms`].
pub fn oms(text: Option<&str>) -> Option<i64> {
    text.map(ms)
}

/// Conform a hand-written frame to the model schema of a table: columns in schema order,
/// cast to the model's dtypes; missing columns are empty; visits get `date` from
/// `opened_at` when not given. Datetimes are given as [`ms`] integers.
pub fn typed(table: Table, df: DataFrame) -> LazyFrame {
    let have: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let exprs: Vec<Expr> = schema(table)
        .iter()
        .map(|(name, dtype)| {
            let n = name.as_str();
            if have.iter().any(|h| h == n) {
                col(n).cast(dtype.clone())
            } else if table == Table::Visits && n == "date" {
                col("opened_at")
                    .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
                    .dt()
                    .date()
                    .alias("date")
            } else {
                lit(NULL).cast(dtype.clone()).alias(n)
            }
        })
        .collect();
    df.lazy().select(exprs)
}

/// The worked station (report month March 2026).
///
/// | visit | opened | client | vehicle | status | channel | manager | agent | closed | promised |
/// |---|---|---|---|---|---|---|---|---|---|
/// | V9 | 2024-12-01 10:00 | C5 | VIN5 | done | walk_in | Anna | | | |
/// | V8 | 2025-01-10 10:00 | C1 | VIN1 | done | walk_in | Anna | | | |
/// | V0 | 2026-01-15 10:00 | C1 | VIN1 | done | walk_in | Anna | | | |
/// | V1 | 2026-03-01 09:00 | C1 | VIN1 | done | booking | Anna | A1 | 03-01 15:00 | 03-01 16:00 |
/// | V2 | 2026-03-10 10:00 | C2 | VIN2 | done | agent | Boris | A1 | 03-11 12:00 | 03-11 10:00 |
/// | V3 | 2026-03-31 11:00 | C1 | VIN1 | done | warranty | | | 03-31 12:00 | |
/// | V4 | 2026-03-20 09:00 | C3 | VIN3 | done | walk_in | Anna | A9 | | |
/// | V5 | 2026-03-15 09:00 | C4 | VIN4 | cancelled | walk_in | Boris | | | |
/// | V6 | 2026-03-16 09:00 | C4 | VIN4 | no_show | booking | Boris | | | |
/// | V7 | 2026-04-10 10:00 | C2 | VIN2 | done | warranty | Boris | | | |
///
/// Lines (amounts in currency units): V0 labour 100; V1 labour 1000 (cost 400, 2.0 h,
/// Ivan), part 500 (cost 300), declined labour 300 (1.0 h, Ivan); V2 labour 2000 (no cost,
/// 1.5 h, Petr); V3 warranty labour 0 (0.5 h, Ivan); V4 declined 700; V5 labour 999; V8,
/// V9 labour 100. Feedback: V1 4, V2 5, V5 1. Agents: A1 10 %, A2 5 %.
pub fn station() -> Model {
    let visits = df!(
        "visit_id" => ["V9", "V8", "V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7"],
        "opened_at" => ["2024-12-01 10:00", "2025-01-10 10:00", "2026-01-15 10:00", "2026-03-01 09:00", "2026-03-10 10:00", "2026-03-31 11:00", "2026-03-20 09:00", "2026-03-15 09:00", "2026-03-16 09:00", "2026-04-10 10:00"].map(ms),
        "client_id" => ["C5", "C1", "C1", "C1", "C2", "C1", "C3", "C4", "C4", "C2"],
        "brand" => ["Kia"; 10],
        "vehicle" => ["VIN5", "VIN1", "VIN1", "VIN1", "VIN2", "VIN1", "VIN3", "VIN4", "VIN4", "VIN2"],
        "status" => ["done", "done", "done", "done", "done", "done", "done", "cancelled", "no_show", "done"],
        "channel" => ["walk_in", "walk_in", "walk_in", "booking", "agent", "warranty", "walk_in", "walk_in", "booking", "warranty"],
        "manager" => [Some("Anna"), Some("Anna"), Some("Anna"), Some("Anna"), Some("Boris"), None, Some("Anna"), Some("Boris"), Some("Boris"), Some("Boris")],
        "agent_id" => [None, None, None, Some("A1"), Some("A1"), None, Some("A9"), None, None, None],
        "closed_at" => [None, None, None, Some("2026-03-01 15:00"), Some("2026-03-11 12:00"), Some("2026-03-31 12:00"), None, None, None, None].map(oms),
        "promised_at" => [None, None, None, Some("2026-03-01 16:00"), Some("2026-03-11 10:00"), None, None, None, None, None].map(oms),
    )
    .expect("valid frame");
    let lines = df!(
        "visit_id" => ["V0", "V1", "V1", "V1", "V2", "V3", "V4", "V5", "V8", "V9"],
        "description" => ["wash", "oil change", "oil", "brakes", "engine", "rework", "brakes", "wash", "wash", "wash"],
        "kind" => ["labor", "labor", "part", "labor", "labor", "labor", "labor", "labor", "labor", "labor"],
        "amount" => [10_000i64, 100_000, 50_000, 30_000, 200_000, 0, 70_000, 99_900, 10_000, 10_000],
        "cost" => [None, Some(40_000i64), Some(30_000), None, None, None, None, None, None, None],
        "norm_hours" => [None, Some(2.0), None, Some(1.0), Some(1.5), Some(0.5), None, None, None, None],
        "mechanic" => [None, Some("Ivan"), None, Some("Ivan"), Some("Petr"), Some("Ivan"), None, None, None, None],
        "warranty" => [false, false, false, false, false, true, false, false, false, false],
        "declined" => [Some(false), Some(false), None, Some(true), Some(false), Some(false), Some(true), Some(false), Some(false), Some(false)],
    )
    .expect("valid frame");
    let feedback =
        df!("visit_id" => ["V1", "V2", "V5"], "score" => [4.0, 5.0, 1.0]).expect("valid frame");
    let agents = df!(
        "agent_id" => ["A1", "A2"],
        "name" => ["Parking Pete", "Taxi Tom"],
        "commission_pct" => [10.0, 5.0],
    )
    .expect("valid frame");
    Model::empty()
        .with(Table::Visits, typed(Table::Visits, visits))
        .with(Table::OrderLines, typed(Table::OrderLines, lines))
        .with(Table::Feedback, typed(Table::Feedback, feedback))
        .with(Table::Agents, typed(Table::Agents, agents))
}

/// A column of a frame as optional f64 (any numeric dtype).
pub fn f64s(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .expect("column exists")
        .cast(&DataType::Float64)
        .expect("numeric")
        .f64()
        .expect("f64")
        .iter()
        .collect()
}

/// A column of a frame as optional strings.
pub fn strs(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .expect("column exists")
        .cast(&DataType::String)
        .expect("castable")
        .str()
        .expect("str")
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}
