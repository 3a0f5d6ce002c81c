//! The fingerprint and row counts of each input, for the manifest's `inputs` and `stoa
//! check`: a file's SHA-256, and for a table read from a folder of files the folder's
//! digest and each file's own accounting, so that every row is still traced to its file.

use std::path::Path;

use polars::prelude::*;
use serde::Serialize;

use crate::ingest::read::Part;
use crate::ingest::IngestError;
use crate::schema::Table;

/// The accounting of one file of a table read from a folder.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FileInput {
    /// File path as found.
    pub path: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Data rows read from it.
    pub rows_read: u64,
    /// Its rows accepted into the model.
    pub rows_accepted: u64,
    /// Its rows rejected (each is in the rejects table with this file).
    pub rows_rejected: u64,
}

/// The accounting of one sheet of a table read from several sheets of a workbook.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SheetInput {
    /// The sheet's name.
    pub sheet: String,
    /// Data rows read from it.
    pub rows_read: u64,
    /// Its rows accepted into the model.
    pub rows_accepted: u64,
    /// Its rows rejected (each is in the rejects table with this sheet).
    pub rows_rejected: u64,
}

/// Each sheet's rows read, accepted and rejected, from the parts of a table read from
/// several sheets of one workbook and the table's rejects (their `sheet` column); empty for
/// a table of one sheet, and for one read from a folder, which [`files`] accounts for.
/// Until session 29 such a table gave one line, `sheet` naming every sheet, with their
/// rows together.
pub fn sheets(
    table: Table,
    parts: &[Part],
    rejects: &DataFrame,
) -> Result<Vec<SheetInput>, IngestError> {
    if parts.len() < 2 || parts.iter().any(|p| p.file.is_some() || p.sheet.is_none()) {
        return Ok(Vec::new());
    }
    let mut rejected: std::collections::HashMap<&str, u64> = Default::default();
    let named = match rejects.height() {
        0 => None,
        _ => Some(
            rejects
                .column("sheet")
                .and_then(|c| c.str().cloned())
                .map_err(|source| IngestError::Polars { table, source })?,
        ),
    };
    for sheet in named.iter().flat_map(|c| c.iter()).flatten() {
        *rejected.entry(sheet).or_default() += 1;
    }
    Ok(parts
        .iter()
        .map(|p| {
            let sheet = p.sheet.clone().unwrap_or_default();
            let rows_rejected = rejected.get(sheet.as_str()).copied().unwrap_or(0);
            SheetInput {
                rows_read: p.rows,
                rows_accepted: p.rows.saturating_sub(rows_rejected),
                rows_rejected,
                sheet,
            }
        })
        .collect())
}

/// The digest of a folder read as one table: the SHA-256 of its files' names and digests,
/// one `name<TAB>sha256` line each in name order, so that it changes when any file is
/// changed, added, removed or renamed.
pub fn folder_digest(files: &[FileInput]) -> String {
    let mut listing = String::new();
    for f in files {
        let name = Path::new(&f.path)
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        listing.push_str(&format!("{name}\t{}\n", f.sha256));
    }
    hex(&<sha2::Sha256 as sha2::Digest>::digest(listing.as_bytes()))
}

/// Each file's rows read, accepted and rejected, from the parts of a table read from a
/// folder and the table's rejects (their `file` column).
pub fn files(
    table: Table,
    parts: &[Part],
    rejects: &DataFrame,
) -> Result<Vec<FileInput>, IngestError> {
    let mut out: Vec<FileInput> = Vec::new();
    for part in parts {
        let Some(file) = &part.file else { continue };
        match out.iter_mut().find(|f| f.path == *file) {
            Some(f) => f.rows_read += part.rows,
            None => out.push(FileInput {
                path: file.clone(),
                sha256: sha256(Path::new(file))?,
                rows_read: part.rows,
                rows_accepted: 0,
                rows_rejected: 0,
            }),
        }
    }
    if !out.is_empty() && rejects.height() > 0 {
        let files = rejects
            .column("file")
            .and_then(|c| c.str().cloned())
            .map_err(|source| IngestError::Polars { table, source })?;
        let mut rejected: std::collections::HashMap<&str, u64> = Default::default();
        for file in files.iter().flatten() {
            *rejected.entry(file).or_default() += 1;
        }
        for f in &mut out {
            f.rows_rejected = rejected.get(f.path.as_str()).copied().unwrap_or(0);
        }
    }
    for f in &mut out {
        f.rows_accepted = f.rows_read - f.rows_rejected;
    }
    Ok(out)
}

/// SHA-256 of a file as lower-case hex.
pub fn sha256(path: &Path) -> Result<String, IngestError> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let err = |e: std::io::Error| IngestError::open(path, &e);
    let mut file = std::fs::File::open(path).map_err(err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(file: Option<&str>, sheet: &str, rows: u64) -> Part {
        Part {
            place: String::new(),
            file: file.map(str::to_string),
            sheet: Some(sheet.to_string()),
            header: Default::default(),
            rows,
        }
    }

    #[test]
    fn regression_each_sheet_is_counted_under_its_own_name() {
        // September 3 rows, October 4 of which 2 rejected; the rejects name their sheets.
        let parts = [part(None, "Сентябрь", 3), part(None, "Октябрь", 4)];
        let rejects = df!("sheet" => ["Октябрь", "Октябрь"]).unwrap();
        let got = sheets(Table::Visits, &parts, &rejects).unwrap();
        let counts: Vec<(&str, u64, u64, u64)> = got
            .iter()
            .map(|s| {
                let n = (s.rows_read, s.rows_accepted, s.rows_rejected);
                (s.sheet.as_str(), n.0, n.1, n.2)
            })
            .collect();
        assert_eq!(counts, [("Сентябрь", 3, 3, 0), ("Октябрь", 4, 2, 2)]);
        // One sheet, or the sheets of a folder's workbooks (counted by file): no list.
        let none = DataFrame::empty();
        assert!(sheets(Table::Visits, &parts[..1], &none)
            .unwrap()
            .is_empty());
        let folder = [part(Some("a.xlsx"), "A", 1), part(Some("b.xlsx"), "B", 1)];
        assert!(sheets(Table::Visits, &folder, &none).unwrap().is_empty());
    }
}
