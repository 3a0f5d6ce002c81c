//! Readers: every supported file format turned into one shape — a frame of the table's
//! matched columns (canonical names, raw values) plus `__row`, the row number the user
//! sees (Excel row or CSV line, 1-based, header included) — with title rows, blank rows
//! and the total row already left out.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::ingest::cells::clean_text;
use crate::ingest::header::{Header, Synonyms};
use crate::ingest::IngestError;

pub mod csv;
pub mod sheet;

/// The column holding the user-visible row number.
pub const ROW: &str = "__row";

/// One table as read from its source, before cell parsing.
pub struct RawTable {
    /// Matched columns under canonical names (raw values: text, or typed for Parquet) and `__row`.
    pub frame: DataFrame,
    /// The header that was found.
    pub header: Header,
}

/// Where a table comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file.
    pub path: PathBuf,
    /// The sheet of a workbook (None: the sheet named after the table, else the first one).
    pub sheet: Option<String>,
}

/// How a file is read, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// xlsx, xlsm, xlsb, xls, ods (calamine).
    Workbook,
    /// csv, tsv, txt.
    Csv,
    /// parquet.
    Parquet,
}

impl FileKind {
    /// The kind of a file by its extension; None for files stoa does not read.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(FileKind::Workbook),
            "csv" | "tsv" | "txt" => Some(FileKind::Csv),
            "parquet" => Some(FileKind::Parquet),
            _ => None,
        }
    }
}

/// Read a table from its source.
pub fn read(
    source: &Source,
    synonyms: &Synonyms,
) -> Result<(RawTable, Option<String>), IngestError> {
    match FileKind::of(&source.path) {
        Some(FileKind::Workbook) => sheet::read(source, synonyms),
        Some(FileKind::Csv) => csv::read(&source.path, synonyms).map(|t| (t, None)),
        Some(FileKind::Parquet) => read_parquet(&source.path, synonyms).map(|t| (t, None)),
        None => Err(IngestError::Read {
            path: source.path.clone(),
            message: "the file type is not supported: use .xlsx, .xls, .ods, .csv or .parquet"
                .into(),
        }),
    }
}

/// The place of a table in messages: `file` or `file, sheet "name"`.
pub fn place(path: &Path, sheet: Option<&str>) -> String {
    match sheet {
        Some(s) => format!("{}, sheet \"{s}\"", path.display()),
        None => path.display().to_string(),
    }
}

/// Check the header's required columns, then keep only the matched columns under their
/// canonical names, drop blank rows, and end the table at the first total row (unless the
/// reader already did: `trimmed`). `frame` holds every source column (any names, in
/// order) plus `__row`.
pub(crate) fn finish(
    frame: DataFrame,
    header: Header,
    synonyms: &Synonyms,
    place: &str,
    trimmed: bool,
) -> Result<RawTable, IngestError> {
    let table = synonyms.table();
    let missing = synonyms.missing_required(&header);
    if !missing.is_empty() {
        return Err(IngestError::MissingColumns {
            table,
            place: place.to_string(),
            missing: missing.join(", "),
            found: header
                .cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let names: Vec<PlSmallStr> = frame
        .get_column_names()
        .into_iter()
        .filter(|n| n.as_str() != ROW)
        .cloned()
        .collect();
    // Readers give empty cells as null, so the first non-null cell is the first non-empty
    // one but for cells of white space only, which are rare enough to trim only there.
    let texts: Vec<Expr> = names
        .iter()
        .map(|n| col(n.clone()).cast(DataType::String))
        .collect();
    let first_cell = if texts.is_empty() {
        lit(NULL).cast(DataType::String)
    } else {
        clean_text(coalesce(&texts))
    };
    let total_words = lit(Series::new("w".into(), ["итого", "всего", "total"])).implode(true);
    let is_total = first_cell
        .clone()
        .str()
        .head(lit(5))
        .str()
        .to_lowercase()
        .is_in(total_words, false)
        .fill_null(lit(false));
    let mut select: Vec<Expr> = header
        .mapping
        .iter()
        .map(|(canonical, &i)| {
            let c = col(names[i].clone());
            let c = if frame
                .column(names[i].as_str())
                .map(|c| c.dtype() == &DataType::String)
                .unwrap_or(false)
            {
                clean_text(c)
            } else {
                c
            };
            c.alias(*canonical)
        })
        .collect();
    select.push(col(ROW));
    let frame = frame
        .lazy()
        .filter(if trimmed {
            lit(true)
        } else {
            is_total
                .cast(DataType::UInt32)
                .cum_sum(false)
                .eq(lit(0u32))
                .and(first_cell.is_not_null())
        })
        .select(select)
        .collect()
        .map_err(|source| IngestError::Polars { table, source })?;
    Ok(RawTable { frame, header })
}

fn read_parquet(path: &Path, synonyms: &Synonyms) -> Result<RawTable, IngestError> {
    let err = |message: String| IngestError::Read {
        path: path.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
    let mut df = ParquetReader::new(file)
        .finish()
        .map_err(|e| err(format!("not a readable Parquet file ({e})")))?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let header = synonyms
        .find_header(std::slice::from_ref(&names))
        .ok_or_else(|| no_header(synonyms, &place(path, None)))?;
    // Row numbers as if the file were a sheet: header on row 1, data from row 2.
    let n = df.height() as u32;
    df.with_column(Column::new(ROW.into(), (2..n + 2).collect::<Vec<u32>>()))
        .map_err(|source| IngestError::Polars {
            table: synonyms.table(),
            source,
        })?;
    finish(df, header, synonyms, &place(path, None), false)
}

/// The error for a source where no header row was recognised.
pub(crate) fn no_header(synonyms: &Synonyms, place: &str) -> IngestError {
    let table = synonyms.table();
    let examples = table
        .columns()
        .iter()
        .filter(|c| c.required)
        .map(|c| {
            match c
                .synonyms
                .iter()
                .find(|s| s.chars().any(|ch| ('а'..='я').contains(&ch)))
            {
                Some(ru) => format!("\"{}\" / \"{ru}\"", c.name),
                None => format!("\"{}\"", c.name),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    IngestError::NoHeader {
        table,
        place: place.to_string(),
        examples,
    }
}
