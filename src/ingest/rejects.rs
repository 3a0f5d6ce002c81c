//! The rejects of every table gathered into the one frame `rejects.csv` holds, each file
//! named as the data folder names it.

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;

use crate::schema::Table;

/// The rejects of every table in one frame, in table order (SPEC §5.1 columns), then by row,
/// each `file` relative to the data folder `dir` (see [`file_in`]).
pub(super) fn concat_rejects(parts: Vec<DataFrame>, dir: &Path) -> PolarsResult<DataFrame> {
    let mut all = rejects_frame();
    for p in parts {
        all.vstack_mut(&p)?;
    }
    // A few distinct files over any number of rows: each worked out once.
    let mut seen: HashMap<String, String> = HashMap::new();
    let files = all.column("file")?.str()?.clone();
    let relative = StringChunked::from_iter_options(
        "file".into(),
        files.iter().map(|f| {
            f.map(|f| {
                seen.entry(f.to_string())
                    .or_insert_with(|| file_in(dir, f))
                    .clone()
            })
        }),
    );
    all.with_column(relative.into_column())?;
    let order: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
    let rank = col("table").replace_strict(
        lit(Series::new("t".into(), order.clone())).implode(true),
        lit(Series::new(
            "r".into(),
            (0..order.len() as u32).collect::<Vec<_>>(),
        ))
        .implode(true),
        None::<Expr>,
        Some(DataType::UInt32),
    );
    all.lazy()
        .sort_by_exprs(
            [rank, col("file"), col("sheet"), col("row")],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()
}

/// A file of the data as the rejects name it: relative to the data folder, with `/`
/// (`visits.xlsx`, `orders/2026-10.xlsx`), so that the same data gives the same rejects
/// from any working directory and `--data` spelling (it was `--data` as typed,
/// `../x/data/visits.xlsx`). A file named under `[files]` outside the data folder keeps
/// the way there from it (`../exports/zn.csv`), and an absolute one stays as it is.
///
/// ```text
/// file_in("../x/data", "../x/data/orders/2026-10.xlsx") = "orders/2026-10.xlsx"
/// ```
fn file_in(dir: &Path, file: &str) -> String {
    match Path::new(file).strip_prefix(dir) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => file.to_string(),
    }
}

/// An empty rejects frame with the SPEC §5.1 columns.
pub fn rejects_frame() -> DataFrame {
    let s = Schema::from_iter([
        Field::new("table".into(), DataType::String),
        Field::new("file".into(), DataType::String),
        Field::new("sheet".into(), DataType::String),
        Field::new("row".into(), DataType::UInt32),
        Field::new("column".into(), DataType::String),
        Field::new("value".into(), DataType::String),
        Field::new("reason".into(), DataType::String),
    ]);
    DataFrame::empty_with_schema(&s)
}
