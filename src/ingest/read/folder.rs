//! A table kept as a folder of files (`visits/2026-01.csv`, `visits/2026-02.csv`, … — an
//! export a month, or a station's exports side by side): every file is read on its own,
//! with its own header, and the rows are taken in the files' name order as one table.

use std::path::{Path, PathBuf};

use super::combine::{combine, Piece};
use super::{place, FileKind, RawTable};
use crate::ingest::header::Synonyms;
use crate::ingest::IngestError;

/// The files of a folder that stoa reads, sorted by name: spreadsheets, CSV and Parquet,
/// not hidden files nor Excel's lock files (`~$name.xlsx`).
pub fn data_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with("~$") && !name.starts_with('.')
        })
        .filter(|p| FileKind::of(p).is_some())
        .collect();
    files.sort();
    Ok(files)
}

/// Read every file of `dir` as a piece of one table.
pub(super) fn read(dir: &Path, synonyms: &Synonyms) -> Result<RawTable, IngestError> {
    let err = |message: String| IngestError::Read {
        path: dir.to_path_buf(),
        message,
    };
    // A folder the system will not list is I/O (3), as a file it will not open is.
    let files = data_files(dir).map_err(|e| IngestError::open(dir, &e))?;
    if files.is_empty() {
        return Err(err(
            "the folder holds no file stoa reads (.xlsx, .xls, .ods, .csv or .parquet): put the table's exports in it, or remove the folder".into(),
        ));
    }
    let mut pieces = Vec::with_capacity(files.len());
    for path in files {
        let source = super::Source {
            path: path.clone(),
            sheet: None,
        };
        let (table, sheet) = super::read(&source, synonyms)?;
        pieces.push(Piece {
            file: Some(path.display().to_string()),
            place: place(&path, sheet.as_deref()),
            sheet,
            table,
        });
    }
    combine(pieces, synonyms.table()).map_err(|source| IngestError::Polars {
        table: synonyms.table(),
        source,
    })
}
