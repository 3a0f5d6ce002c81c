//! Parquet files: typed columns, read by what each column's type holds. A column that
//! stoa reads is checked against its Parquet type before a byte of it is read (polars
//! panics or fails in its own words on a type it has no feature for), and is then made
//! what its kind takes: a time stamp with a time zone becomes the wall time in its zone,
//! and a text column stored as numbers or as a pandas `category` becomes text, as a CSV's
//! cells would be ([`types`]).

mod types;

use std::path::Path;

use polars::prelude::*;

use super::{finish, no_header, place, unreadable, RawTable, ROW};
use crate::ingest::header::Synonyms;
use crate::ingest::IngestError;
use crate::schema::Kind;

pub use types::UtcTimes;
pub(crate) use types::{decimal_text, NOT_TEXT, TYPE_CURES, UNREADABLE_TYPE};

/// Read a Parquet file as a table.
pub(super) fn read(path: &Path, synonyms: &Synonyms) -> Result<RawTable, IngestError> {
    let err = |message: String| IngestError::Read {
        path: path.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| IngestError::open(path, &e))?;
    let mut reader = ParquetReader::new(file);
    let schema = reader
        .schema()
        .map_err(|e| err(unreadable("Parquet file", e)))?;
    let fields: Vec<(String, ArrowDataType)> = schema
        .iter_values()
        .map(|f| (f.name.to_string(), f.dtype.clone()))
        .collect();
    let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
    let header = synonyms
        .find_header(std::slice::from_ref(&names))
        .ok_or_else(|| no_header(synonyms, &place(path, None)))?;
    let table = synonyms.table();
    let kind_of = |canonical: &str| {
        table
            .input_columns()
            .iter()
            .find(|c| c.name == canonical)
            .map_or(Kind::Text, |c| c.kind)
    };
    // A column read whose type stoa cannot take stops the run naming it; a column not
    // read is left out of the reading (an empty column in its place), whatever its type.
    let mut kept = Vec::with_capacity(fields.len());
    for (i, (name, dtype)) in fields.iter().enumerate() {
        let read = header.mapping.values().any(|&j| j == i);
        match types::check(dtype, read) {
            Ok(()) => kept.push(name.clone()),
            Err(cure) if read => return Err(err(types::unreadable_type(name, dtype, cure))),
            Err(_) => {}
        }
    }
    // One chunk per column: the row groups' chunks were otherwise concatenated again by
    // every operation that needs contiguous text.
    let read = reader
        .with_columns(Some(kept))
        .set_rechunk(true)
        .finish()
        .map_err(|e| err(unreadable("Parquet file", e)))?;
    let n = read.height();
    let polars = |source| IngestError::Polars { table, source };
    let mut columns = Vec::with_capacity(fields.len() + 1);
    let mut utc = Vec::new();
    for (i, (name, _)) in fields.iter().enumerate() {
        let Ok(c) = read.column(name) else {
            columns.push(Column::full_null(name.into(), n, &DataType::Null));
            continue;
        };
        let canonical = header
            .mapping
            .iter()
            .find(|(_, &j)| j == i)
            .map(|(c, _)| *c);
        let Some(canonical) = canonical else {
            columns.push(c.clone());
            continue;
        };
        let (column, zone) = types::as_kind(c, kind_of(canonical))
            .map_err(|problem| err(problem.message(name)))?
            .into_parts();
        if let Some(values) = zone {
            utc.push(UtcTimes {
                column: name.clone(),
                file: place(path, None),
                values,
            });
        }
        columns.push(column);
    }
    // Row numbers as if the file were a sheet: header on row 1, data from row 2.
    columns.push(Column::new(
        ROW.into(),
        (2..n as u32 + 2).collect::<Vec<u32>>(),
    ));
    let df = DataFrame::new(n, columns).map_err(polars)?;
    let mut raw = finish(df, header, synonyms, &place(path, None), false)?;
    raw.utc = utc;
    Ok(raw)
}

#[cfg(test)]
mod tests;
