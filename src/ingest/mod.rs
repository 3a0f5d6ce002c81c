//! Ingest: find the input files, read them (xlsx/xls/ods/csv/parquet), match headers,
//! parse cells, validate, and account for every row. Produces the typed [`Model`].

use std::path::PathBuf;

use polars::prelude::*;
use serde::Serialize;

use crate::error::ExitCode;
use crate::model::Model;
use crate::schema::Table;

/// A failure that stops ingest (rejected rows are not failures; they are accounted).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The data folder does not exist or cannot be listed.
    #[error("cannot read the data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A required table is not in the data folder.
    #[error("the required table `{table}` was not found in {dir}: add a file named {table}.xlsx, {table}.csv or {table}.parquet (or a sheet named `{table}` / `{russian}` in a workbook), or name the file in stoa.toml under [files]")]
    MissingTable {
        table: Table,
        russian: &'static str,
        dir: PathBuf,
    },
    /// A table was found in two places.
    #[error("the table `{table}` was found twice, in {first} and in {second}: keep one of them")]
    DuplicateTable {
        table: Table,
        first: String,
        second: String,
    },
    /// A file could not be opened or read.
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    /// No header row was recognised.
    #[error("no header row was found in {place}: none of the first 30 rows names a column of `{table}` (such as {examples}); check that this is the right file or add synonyms under [columns.{table}] in stoa.toml")]
    NoHeader {
        table: Table,
        place: String,
        examples: String,
    },
    /// Required columns are missing.
    #[error("{place} has no column for {missing} (required in `{table}`); the columns found are: {found}. Rename the header or add a synonym under [columns.{table}] in stoa.toml")]
    MissingColumns {
        table: Table,
        place: String,
        missing: String,
        found: String,
    },
    /// polars failed on a frame.
    #[error("processing the table `{table}` failed: {source}")]
    Polars {
        table: Table,
        #[source]
        source: PolarsError,
    },
}

impl IngestError {
    /// Missing tables and columns and unreadable files are bad data (1); a folder that
    /// cannot be listed or a failure of polars is an I/O or internal error (3).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            IngestError::DataDir { .. } | IngestError::Polars { .. } => ExitCode::Internal,
            _ => ExitCode::BadData,
        }
    }
}

/// The accounting of one input table (SPEC §5.1 `inputs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InputReport {
    /// Table name.
    pub table: String,
    /// File path as found.
    pub path: String,
    /// Sheet of a workbook, absent for CSV / Parquet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Data rows read (blank rows, title rows and the total row excluded).
    pub rows_read: u64,
    /// Rows accepted into the model.
    pub rows_accepted: u64,
    /// Rows rejected (each is in the rejects table).
    pub rows_rejected: u64,
    /// Total of the table's money column over all rows read, where it parsed (currency units).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_read: Option<f64>,
    /// The same over accepted rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_accepted: Option<f64>,
    /// The same over rejected rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_rejected: Option<f64>,
}

/// A survivable problem: the rows stay in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    /// Table the warning is about.
    pub table: String,
    /// Number of rows concerned.
    pub rows: u64,
    /// A sentence saying what is wrong and what it means.
    pub message: String,
}

/// Everything ingest learned: the model, the accounting, the rejects and the warnings.
pub struct Ingested {
    /// The typed model.
    pub model: Model,
    /// One report per table found, in `Table::ALL` order.
    pub inputs: Vec<InputReport>,
    /// Every rejected row: `table,file,sheet,row,column,value,reason` (SPEC §5.1), sorted
    /// by table order, file, sheet, row.
    pub rejects: DataFrame,
    /// Survivable problems.
    pub warnings: Vec<Warning>,
}
