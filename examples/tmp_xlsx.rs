use polars::prelude::*;
use std::time::Instant;
use stoa::analytics::period::{Month, Period};
use stoa::render::{xlsx, RenderInput};
fn main() -> anyhow::Result<()> {
    let dir = std::path::Path::new("/tmp/chain-rep/2026-10/tables");
    let mut tables = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)?.map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in names {
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        if stem == "rejects" {
            continue;
        }
        let df = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(10000))
            .try_into_reader_with_file_path(Some(p.clone()))?
            .finish()?;
        tables.push((stem, df));
    }
    let rejects = stoa::ingest::rejects_frame();
    let input = RenderInput {
        tables: &tables,
        rejects: &rejects,
        warnings: &[],
        period: Period::new(Month::new(2026, 10).unwrap()),
        station: "x",
        currency: "RUB",
        lang: stoa::cli::Lang::Ru,
    };
    let t = Instant::now();
    xlsx::write(std::path::Path::new("/tmp/x.xlsx"), &input)?;
    eprintln!("xlsx {:?}", t.elapsed());
    Ok(())
}
