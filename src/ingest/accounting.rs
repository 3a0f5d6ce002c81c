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
