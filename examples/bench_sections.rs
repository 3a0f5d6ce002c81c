//! Times every report section on a real data folder, ingesting it only once:
//! `cargo run --release --example bench_sections -- DATA [CACHE] [SECTION...]`.
//!
//! The first run ingests DATA and keeps the typed model as Parquet in CACHE (default
//! `DATA-model`); later runs read the cache, so a section can be timed again in seconds
//! instead of after a minute of ingest. The figures of docs/performance.md for the client
//! sections on the chain set come from it.
//!
//! A model read back from the cache is not quite the one ingest makes (ingest stores a
//! column's repeated texts once; Parquet gives each cell its own), and the demand section
//! runs slower on it: time a section against ingest's model by naming a new CACHE.
//! `STOA_BENCH_DERIVED=1` first computes and times the frames several sections share,
//! so that each section's figure is its own work; `STOA_BENCH_REPEAT=N` runs each section
//! N times, so that a profiler (`perf record`) sees the sections above the model's reading.

use std::path::PathBuf;
use std::time::Instant;

use polars::prelude::*;
use stoa::analytics::period::{self, DataSpan};
use stoa::config::Config;
use stoa::model::Model;
use stoa::report::{self, Context};
use stoa::schema::Table;

/// The binary's allocator, so that sections are timed as a report runs them (with the
/// system allocator their page faults alone add seconds of system time on a chain).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// User and system CPU seconds of the process so far (0 where unknown).
fn cpu_seconds() -> f64 {
    // /proc/self/stat fields 14 and 15 (utime, stime) in clock ticks of 1/100 s on Linux.
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let f: Vec<&str> = after.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_else(|| "data".into()));
    let cache = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(format!("{}-model", data.display())));
    let only: Vec<String> = args.collect();
    let config = Config::load(None, &data)?;

    let t = Instant::now();
    let model = if cache.join("visits.parquet").exists() {
        let mut m = Model::empty();
        for table in Table::ALL {
            let path = cache.join(format!("{}.parquet", table.name()));
            if path.exists() {
                let df = ParquetReader::new(std::fs::File::open(&path)?).finish()?;
                m = m.with(table, df.lazy());
            }
        }
        let rows = cache.join("line_visits.parquet");
        if rows.exists() {
            let df = ParquetReader::new(std::fs::File::open(&rows)?).finish()?;
            m = m.with_line_visits(df.column("visit_row")?.clone());
        }
        eprintln!("model read from {} in {:?}", cache.display(), t.elapsed());
        m
    } else {
        let ingested = stoa::ingest::load(&data, &config)?;
        eprintln!("ingest of {} in {:?}", data.display(), t.elapsed());
        std::fs::create_dir_all(&cache)?;
        for table in Table::ALL {
            if ingested.model.has(table) {
                let mut df = ingested.model.table(table).clone().collect()?;
                let path = cache.join(format!("{}.parquet", table.name()));
                ParquetWriter::new(std::fs::File::create(&path)?).finish(&mut df)?;
            }
        }
        if let Some(rows) = ingested.model.line_visits() {
            let mut df = DataFrame::new(rows.len(), vec![rows.clone()])?;
            let path = cache.join("line_visits.parquet");
            ParquetWriter::new(std::fs::File::create(&path)?).finish(&mut df)?;
        }
        ingested.model
    };
    // Materialise once and in one chunk per column, as ingest does, so the sections are
    // timed on the frames a report works on (a Parquet file is read in many chunks).
    let mut m = Model::empty();
    for table in Table::ALL {
        if model.has(table) {
            let mut df = model.table(table).clone().collect()?;
            df.rechunk_mut_par();
            m = m.with(table, df.lazy());
        }
    }
    if let Some(rows) = model.line_visits() {
        m = m.with_line_visits(rows.clone());
    }
    // As `stoa report` does once ingest is done.
    if let Err(why) = stoa::memory::keep_large_buffers() {
        eprintln!("{why}");
    }
    let span = DataSpan::of(&m)?;
    let period = period::choose(span, None)?;
    let ctx = Context::new(&m, &config, period);
    // `STOA_BENCH_DERIVED=1`: the frames several sections share, computed first and timed
    // one by one, so that each section's figure is its own work alone.
    if std::env::var_os("STOA_BENCH_DERIVED").is_some() {
        use stoa::analytics::{clients, management::facts};
        let as_of = period.as_of;
        let steps: [(&str, &dyn Fn() -> PolarsResult<()>); 6] = [
            ("visits_in_order", &|| {
                clients::visits_in_order(&m).collect().map(drop)
            }),
            ("dated_lines", &|| {
                facts::dated_lines(&m).collect().map(drop)
            }),
            ("visit_revenue", &|| clients::visit_revenue(&m).map(drop)),
            ("client_days", &|| {
                clients::client_days(&m, as_of)?.collect().map(drop)
            }),
            ("latest_clients", &|| {
                clients::latest_of_clients(&m, as_of)?.collect().map(drop)
            }),
            ("latest_vehicles", &|| {
                clients::latest_of_vehicles(&m, as_of)?.collect().map(drop)
            }),
        ];
        for (name, step) in steps {
            let (t, cpu) = (Instant::now(), cpu_seconds());
            step()?;
            eprintln!(
                "{name:>16} {:>8.2} s {:>6.2} CPU-s",
                t.elapsed().as_secs_f64(),
                cpu_seconds() - cpu
            );
        }
    }
    // `STOA_BENCH_REPEAT=N`: each section N times (its shared frames computed by the first
    // run), so that a profiler sees the sections' own work above the model's reading.
    let repeat: usize = std::env::var("STOA_BENCH_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let sections = report::select(&only)?;
    for section in sections.iter().flat_map(|s| std::iter::repeat_n(s, repeat)) {
        let (t, cpu) = (Instant::now(), cpu_seconds());
        let out = (section.build)(&ctx)?;
        let rows: usize = out.tables.iter().map(|(_, d)| d.height()).sum();
        eprintln!(
            "{:>12} {:>8.2} s {:>6.2} CPU-s  {} tables, {} rows",
            section.name,
            t.elapsed().as_secs_f64(),
            cpu_seconds() - cpu,
            out.tables.len(),
            rows
        );
    }
    Ok(())
}
