//! Times the management section on a synthetic chain-sized model built in memory (no
//! generator or ingest needed): `cargo run --release --example bench_management -- 2000000`.
//! The figures of `docs/performance.md` come from it.

use std::time::Instant;

use polars::prelude::*;
use stoa::analytics::period::{Month, Period};
use stoa::config::Config;
use stoa::model::{schema, Model};
use stoa::schema::Table;

/// A cheap deterministic scramble, so that the data has no artificial order.
fn mix(i: u64, salt: u64) -> u64 {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// Conform a frame to the model schema (missing columns empty, dtypes cast).
fn typed(table: Table, df: DataFrame) -> LazyFrame {
    let have: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let exprs: Vec<Expr> = schema(table)
        .iter()
        .map(|(name, dtype)| {
            if have.iter().any(|h| h == name.as_str()) {
                col(name.as_str()).cast(dtype.clone())
            } else {
                lit(NULL).cast(dtype.clone()).alias(name.as_str())
            }
        })
        .collect();
    df.lazy().select(exprs)
}

fn main() -> PolarsResult<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let clients = (n / 6).max(1);
    let start_ms: i64 = 1_698_796_800_000; // 2023-11-01
    let span_ms: i64 = 36 * 30 * 86_400_000;
    let t = Instant::now();
    let ids: Vec<String> = (0..n).map(|i| format!("V{i:08}")).collect();
    let client: Vec<String> = (0..n)
        .map(|i| format!("C{:07}", mix(i, 1) % clients))
        .collect();
    let opened: Vec<i64> = (0..n)
        .map(|i| start_ms + (mix(i, 2) % span_ms as u64) as i64)
        .collect();
    let closed: Vec<Option<i64>> = opened
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (!mix(i as u64, 3).is_multiple_of(10))
                .then(|| o + (mix(i as u64, 4) % 100_000_000) as i64)
        })
        .collect();
    let promised: Vec<Option<i64>> = opened.iter().map(|o| Some(o + 50_000_000)).collect();
    let channels = [
        "walk_in",
        "booking",
        "home",
        "subscription",
        "fleet",
        "warranty",
        "self_service",
        "agent",
        "other",
    ];
    let channel: Vec<&str> = (0..n).map(|i| channels[(mix(i, 5) % 9) as usize]).collect();
    let status: Vec<&str> = (0..n)
        .map(|i| match mix(i, 6) % 50 {
            0 => "no_show",
            1 => "cancelled",
            _ => "done",
        })
        .collect();
    let manager: Vec<String> = (0..n).map(|i| format!("M{}", mix(i, 7) % 40)).collect();
    let agent: Vec<Option<String>> = (0..n)
        .map(|i| {
            mix(i, 8)
                .is_multiple_of(20)
                .then(|| format!("A{}", mix(i, 9) % 30))
        })
        .collect();
    let visits = df!(
        "visit_id" => &ids, "opened_at" => opened, "client_id" => &client, "brand" => vec!["Kia"; n as usize],
        "closed_at" => closed, "promised_at" => promised, "channel" => channel, "status" => status,
        "manager" => manager, "agent_id" => agent, "vehicle" => &client,
    )?;
    let visits = typed(Table::Visits, visits)
        .with_column(col("opened_at").dt().date().alias("date"))
        .collect()?;
    let lines_n = n * 3;
    let line_visit: Vec<&str> = (0..lines_n)
        .map(|j| ids[(j / 3) as usize].as_str())
        .collect();
    let lines = df!(
        "visit_id" => line_visit,
        "description" => vec!["work"; lines_n as usize],
        "kind" => (0..lines_n).map(|j| if j % 3 == 2 { "part" } else { "labor" }).collect::<Vec<_>>(),
        "amount" => (0..lines_n).map(|j| (mix(j, 10) % 1_000_000) as i64).collect::<Vec<_>>(),
        "cost" => (0..lines_n).map(|j| (j % 2 == 0).then(|| (mix(j, 11) % 500_000) as i64)).collect::<Vec<_>>(),
        "norm_hours" => (0..lines_n).map(|j| (mix(j, 12) % 40) as f64 / 10.0).collect::<Vec<_>>(),
        "mechanic" => (0..lines_n).map(|j| format!("T{}", mix(j, 13) % 80)).collect::<Vec<_>>(),
        "warranty" => (0..lines_n).map(|j| mix(j, 14).is_multiple_of(100)).collect::<Vec<_>>(),
        "declined" => (0..lines_n).map(|j| mix(j, 15).is_multiple_of(10)).collect::<Vec<_>>(),
    )?;
    let lines = typed(Table::OrderLines, lines).collect()?;
    let feedback = df!(
        "visit_id" => (0..n).step_by(4).map(|i| ids[i as usize].as_str()).collect::<Vec<_>>(),
        "score" => (0..n).step_by(4).map(|i| (mix(i, 16) % 11) as f64).collect::<Vec<_>>(),
    )?;
    let model = Model::empty()
        .with(Table::Visits, visits.lazy())
        .with(Table::OrderLines, lines.lazy())
        .with(
            Table::Feedback,
            typed(Table::Feedback, feedback).collect()?.lazy(),
        );
    eprintln!(
        "built {n} visits, {lines_n} lines in {} ms",
        t.elapsed().as_millis()
    );
    let period = Period::new(Month::new(2026, 9).expect("valid"));
    let t = Instant::now();
    let f = stoa::analytics::management::Facts::compute(&model, period)?;
    eprintln!(
        "facts alone: {} ms ({} visits in M, M-1, M-12)",
        t.elapsed().as_millis(),
        f.visits.height()
    );
    let t = Instant::now();
    let tables = stoa::analytics::management::tables(&model, &Config::default(), period)?;
    eprintln!("management section: {} ms", t.elapsed().as_millis());
    for (name, df) in &tables {
        eprintln!("  {name}: {} rows", df.height());
    }
    Ok(())
}
