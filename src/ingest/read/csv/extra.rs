//! Rows with more fields than the header: a delimiter inside a value that is not in quotes
//! (`Комплексная мойка; кузов`) splits the value in two and moves every value after it one
//! column to the right. Read as they lie, such rows were rejected for a cell that was not
//! theirs, or accepted with money in the wrong column; the readers find them, and
//! validation rejects them whole, naming the fields past the header.
//!
//! Finding them costs nothing on the usual file: polars is given [`SPARE`] text columns
//! past the header's width, and only a batch where one holds a cell is looked at row by
//! row. Empty fields past the header are harmless (many exporters end every line, the
//! header's too, with a delimiter).

use polars::prelude::*;

use super::super::{EXTRA, EXTRA_REASON};
use crate::ingest::reasons;

/// Text columns given to polars past the header's width, to see a row's further fields:
/// a stray delimiter adds one, two stray ones two.
pub(super) const SPARE: usize = 2;

/// The name of the reader's `i`-th column.
pub(super) fn column_name(i: usize) -> String {
    format!("c{i}")
}

/// The rows (ascending) with a cell in columns `from..to` of `frame`, read as the reader
/// names them ([`column_name`]); a column the frame does not have is passed over.
pub(super) fn filled_rows(frame: &DataFrame, from: usize, to: usize) -> PolarsResult<Vec<usize>> {
    let mut any: Option<BooleanChunked> = None;
    for i in from..to {
        let Ok(c) = frame.column(&column_name(i)) else {
            continue;
        };
        if c.null_count() == c.len() {
            continue;
        }
        let filled = c.is_not_null();
        any = Some(match any {
            Some(a) => &a | &filled,
            None => filled,
        });
    }
    Ok(any.map_or_else(Vec::new, |a| {
        a.iter()
            .enumerate()
            .filter(|(_, v)| *v == Some(true))
            .map(|(i, _)| i)
            .collect()
    }))
}

/// The width of the table the rows are held against: the header's cells up to its last
/// named one, and each further column of an empty header cell that at least half the rows
/// fill (a column the export left unnamed, read and ignored as before). A column of an
/// empty header cell that few rows fill holds the last values of rows shifted by a stray
/// delimiter, where every line (the header's too) ends with a delimiter.
pub(super) fn named_width(frame: &DataFrame, cells: &[String]) -> usize {
    let named = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    let h = frame.height();
    (named..cells.len())
        .filter(|&i| {
            frame
                .column(&column_name(i))
                .is_ok_and(|c| (c.len() - c.null_count()) * 2 >= h && h > 0)
        })
        .map(|i| i + 1)
        .max()
        .unwrap_or(named)
}

/// Where each of the lines `rows` (ascending, 0-based) of `body` starts.
pub(super) fn line_starts(body: &[u8], rows: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(rows.len());
    let mut wanted = rows.iter().peekable();
    if wanted.next_if(|&&r| r == 0).is_some() {
        out.push(0);
    }
    for (line, end) in memchr::memchr_iter(b'\n', body).enumerate() {
        while wanted.next_if(|&&r| r == line + 1).is_some() {
            out.push(end + 1);
        }
        if wanted.peek().is_none() {
            break;
        }
    }
    out
}

/// The record at `start` of `body` when it has fields past the first `width`: the
/// record's number of fields, to its last that is not blank, and the record as the file
/// writes it (its line ending aside); None when none of the fields past `width` is more
/// than white space, or when the record has no more fields than the header's
/// `header_fields` (its cells, the empty ones it ends with counted). The record is read as
/// the fallback reads a body (a quote opens a quoted field only at a field's start).
///
/// The whole record, not the fields past the header: a stray delimiter early in the row
/// pushes only its last value past the header (`-`, an empty mark), which said nothing of
/// where the delimiter is; the row as written shows it (`A-3;Комплексная мойка; кузов;…`).
///
/// A record as long as a header that ends with empty cells fills a column the sheet left
/// unnamed (a note typed right of a hand-kept table, which Excel's CSV pads every line
/// for): read and ignored, as the same sheet saved as a workbook is. A delimiter inside a
/// value makes the record longer than the header, the delimiter every line ends with
/// included, and is still found.
pub(super) fn past(
    body: &[u8],
    start: usize,
    width: usize,
    header_fields: usize,
    delimiter: u8,
) -> Option<(usize, String)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(body.get(start..)?);
    let mut record = csv::ByteRecord::new();
    reader.read_byte_record(&mut record).ok()?;
    // `\r` ends a line only before `\n`: the last field's is no part of it.
    let last = record.len().saturating_sub(1);
    let field = |i: usize| match record[i].strip_suffix(b"\r") {
        Some(f) if i == last => f,
        _ => &record[i],
    };
    let blank = |i: usize| field(i).iter().all(u8::is_ascii_whitespace);
    let n = (0..record.len()).rposition(|i| !blank(i))? + 1;
    if n <= width || record.len() <= header_fields {
        return None;
    }
    let end = (reader.position().byte() as usize).min(body.len() - start);
    let line = &body[start..start + end];
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some((n, String::from_utf8_lossy(line).into_owned()))
}

/// The delimiter as the reason names it.
fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("`{}`", d as char),
    }
}

/// Add [`EXTRA`] and [`EXTRA_REASON`] to `frame` for the `rows` (ascending) among whose
/// records (starting at `starts`, in `body`) some have a field past `width` that is not
/// blank: the record as written ([`past`]), and the reason; null on every other row. Nothing is
/// added when no row has one.
pub(super) fn mark(
    frame: &mut DataFrame,
    body: &[u8],
    rows: &[usize],
    starts: &[usize],
    width: usize,
    header_fields: usize,
    delimiter: u8,
) -> PolarsResult<()> {
    let found: Vec<(usize, usize, String)> = rows
        .iter()
        .zip(starts)
        .filter_map(|(&row, &start)| {
            past(body, start, width, header_fields, delimiter).map(|(n, t)| (row, n, t))
        })
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    let h = frame.height();
    let (mut text, mut reason) = (vec![None; h], vec![None; h]);
    let name = delimiter_name(delimiter);
    for (row, n, t) in found {
        text[row] = Some(t);
        reason[row] = Some(reasons::fill(
            reasons::EXTRA_FIELDS,
            &[&n.to_string(), &width.to_string(), &name, &name],
        ));
    }
    frame.with_column(Column::new(EXTRA.into(), text))?;
    frame.with_column(Column::new(EXTRA_REASON.into(), reason))?;
    Ok(())
}
