//! CSV as accounting systems export it: UTF-8 (with or without BOM), UTF-16 with BOM or
//! Windows-1251; `,` `;` or tab, detected; title rows above the header; blank lines.
//! The header is searched among the first records; polars parses the body, and each row's
//! line number comes from a vectorised count of the body's line ends, held against the rows
//! polars reads. A body polars cannot read by lines (a line end in quotes, a stray quote
//! such as an inch mark, a stray `\r`) is read as Excel reads it, by the `csv` crate.
//! Either way a row with a field past the header's (a delimiter inside a value that is not
//! in quotes) is marked for validation to reject, not read shifted ([`extra`]).
//!
//! The body is parsed in batches of lines ([`BATCH`] bytes), and each batch's part of the
//! mapped file is released once parsed: a 1 GB file's pages and its text columns are not
//! resident together (issue 9: that pair was the peak of `stoa check` on a 10 M-row chain).

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use polars::prelude::*;

use super::{finish, no_header, place, RawTable, ROW};
use crate::ingest::header::{Synonyms, HEAD_ROWS};
use crate::ingest::IngestError;

mod extra;
#[cfg(test)]
mod tests;
mod text;

pub use text::decode;
use text::{records, simple_lines, split};

const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];

/// A file's bytes: mapped into memory where the system allows it, else read into a buffer.
/// Mapping is what polars' own CSV reader does with a file; reading 135 MB into a buffer
/// first cost about 0.1 s and as much memory again as the file.
enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(m) => m,
            FileBytes::Read(v) => v,
        }
    }
}

impl FileBytes {
    /// Let the system drop the pages of `part` (a slice of these bytes) from this process's
    /// memory: the bytes were parsed and are not needed again, except by the rare fallback
    /// that reads the whole body as Excel does, which reads them from the file again. A
    /// part that is not in the map (decoded text, a read buffer) is left alone.
    fn release(&self, part: &[u8]) {
        let FileBytes::Mapped(map) = self else {
            return;
        };
        let (base, at) = (map.as_ptr() as usize, part.as_ptr() as usize);
        if part.is_empty() || at < base || at + part.len() > base + map.len() {
            return;
        }
        // SAFETY: the map is a read-only shared mapping of a file: MADV_DONTNEED drops
        // its pages from the process, and reading them again maps the file's pages again,
        // so every slice of it keeps its contents (the same assumption as mapping it:
        // nobody truncates the file while it is read). A failure only keeps the pages.
        #[cfg(unix)]
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, at - base, part.len())
        };
    }
}

fn file_bytes(path: &Path) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is read-only and dropped when this file has been read. As with
    // polars' reader of a file, a file truncated by another process while it is being
    // read is not supported. Empty files, pipes and folders cannot be mapped: they are
    // read, which gives the same bytes or the same error as before.
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(m) => Ok(FileBytes::Mapped(m)),
        Err(_) => std::fs::read(path).map(FileBytes::Read),
    }
}

/// Read a CSV table.
///
/// A file without a BOM that starts as UTF-8 is taken as UTF-8 and its body given to
/// polars unchecked: polars checks every byte of a body read into text columns, and a
/// failure falls back to decoding the whole file (Windows-1251) as before. That leaves one
/// UTF-8 check of a large export instead of two.
pub fn read(path: &Path, synonyms: &Synonyms) -> Result<RawTable, IngestError> {
    let err = |message: String| IngestError::Read {
        path: path.to_path_buf(),
        message,
    };
    let bytes = file_bytes(path).map_err(|e| IngestError::open(path, &e))?;
    let place = place(path, None);
    let table = synonyms.table();
    let with_rows = |mut frame: DataFrame, rows: Vec<u32>, header| {
        frame
            .with_column(Column::new(ROW.into(), rows))
            .map_err(|source| IngestError::Polars { table, source })?;
        finish(frame, header, synonyms, &place, false)
    };

    let plain = match encoding_rs::Encoding::for_bom(&bytes) {
        None if text::utf16_without_bom(&bytes).is_some() => None,
        None => Some(&bytes[..]),
        Some((enc, bom)) if enc == encoding_rs::UTF_8 => Some(&bytes[bom..]),
        Some(_) => None,
    };
    let lone_cr = text::cr_line_ends(&bytes);
    let plain = plain.filter(|_| !lone_cr);
    if let Some((head, all)) = plain.and_then(|all| utf8_head(all).map(|h| (h, all))) {
        if let Some((delimiter, header, head_rec)) = find_header(head, synonyms) {
            if let Some((frame, rows)) = by_lines(all, &head_rec, &header.cells, delimiter, &bytes)
            {
                return with_rows(frame, rows, header);
            }
        }
    }

    let (mut text, _encoding) = decode(&bytes);
    if lone_cr {
        // Excel for Mac's "CSV (Macintosh)" ends lines with `\r` alone: each `\r` is a
        // line end, and a `\n` is a line break inside a cell (Alt+Enter). Read as one
        // line, every table was empty.
        text = Cow::Owned(text::cr_to_lf(&text));
    }
    if let Cow::Owned(_) = text {
        // Decoded into a new text (Windows-1251, UTF-16): the file's pages are done with.
        bytes.release(&bytes);
    }
    let (delimiter, header, head_rec) =
        find_header(&text, synonyms).ok_or_else(|| no_header(synonyms, &place))?;
    let cells = &header.cells;
    let (frame, rows) = match by_lines(text.as_bytes(), &head_rec, cells, delimiter, &bytes) {
        Some(parsed) => parsed,
        None => by_excel(&text, &head_rec, cells, delimiter).map_err(err)?,
    };
    with_rows(frame, rows, header)
}

/// How much of a file is enough to hold the header search's records, usually.
const HEAD: usize = 1 << 20;

/// The start of a file as text, when it is UTF-8 and holds the whole header search: up to
/// [`HEAD`] bytes, cut after a line end. None when that part is not UTF-8, or has fewer
/// records than the search looks at while the file goes on (the caller then decodes the
/// whole file and searches that).
fn utf8_head(all: &[u8]) -> Option<&str> {
    let cut = if all.len() <= HEAD {
        all.len()
    } else {
        memchr::memrchr(b'\n', &all[..HEAD])? + 1
    };
    let head = simdutf8::basic::from_utf8(&all[..cut]).ok()?;
    (cut == all.len() || records(head, HEAD_ROWS).len() == HEAD_ROWS).then_some(head)
}

/// The header record: where it is among the text's records and where the body after it
/// starts.
struct HeaderRecord {
    line: u32,
    start: usize,
    next: usize,
}

/// The delimiter under which some record of the first [`HEAD_ROWS`] reads as the
/// best header, that header, and its record. `text` holds at least those records.
fn find_header(
    text: &str,
    synonyms: &Synonyms,
) -> Option<(u8, crate::ingest::header::Header, HeaderRecord)> {
    let head_recs = records(text, HEAD_ROWS);
    let head: Vec<&str> = head_recs.iter().map(|r| &text[r.start..r.end]).collect();
    let mut best = None;
    for d in DELIMITERS {
        let rows: Vec<Vec<String>> = head.iter().map(|r| split(r, d as char)).collect();
        if let Some(h) = synonyms.find_header(&rows) {
            if best
                .as_ref()
                .is_none_or(|(_, b): &(u8, crate::ingest::header::Header)| {
                    h.mapping.len() > b.mapping.len()
                })
            {
                best = Some((d, h));
            }
        }
    }
    let (delimiter, header) = best?;
    let r = &head_recs[header.index];
    let rec = HeaderRecord {
        line: r.line,
        start: r.start,
        next: r.next,
    };
    Some((delimiter, header, rec))
}

/// The body after the header record parsed by lines ([`parse_by_lines`]), with each row's
/// line number; None when the body's records cannot be shown to be its lines or polars
/// fails on it (a line end in quotes, a stray `\r`, bytes that are not UTF-8).
///
/// The usual body has one record per line: polars reads it as it lies and row i is on the
/// i-th line after the header. Rows with a field past the header are marked ([`extra`]).
fn by_lines(
    text: &[u8],
    head: &HeaderRecord,
    cells: &[String],
    delimiter: u8,
    file: &FileBytes,
) -> Option<(DataFrame, Vec<u32>)> {
    let body = &text[head.next..];
    let first_line =
        head.line + memchr::memchr_iter(b'\n', &text[head.start..head.next]).count() as u32;
    let width = cells.len();
    let (mut frame, lines, mut past) =
        parse_by_lines(body, width, delimiter, BATCH, |part| file.release(part))?;
    let named = extra::named_width(&frame, cells);
    past.extend(extra::filled_rows(&frame, named, width).ok()?);
    past.sort_unstable();
    past.dedup();
    if !past.is_empty() {
        // Rare: the lines are found again (their pages were released) and read one by one.
        let starts = extra::line_starts(body, &past);
        extra::mark(&mut frame, body, &past, &starts, named, width, delimiter).ok()?;
    }
    Some((frame, (first_line..first_line + lines as u32).collect()))
}

/// Bytes of body per batch of lines given to polars: a quarter of the 10 M-row chain's
/// order lines, so that its mapped pages resident at once are a quarter of the file.
/// Smaller batches cost memory instead of saving it: polars cuts every call into 16 or
/// more chunks, and chunks much under its 16 MB maximum make column arrays under the
/// allocator's 1 MiB mmap threshold, whose freed space stays in the process (64 MB
/// batches raised the chain check's peak from 4.3 to 4.8 GB).
const BATCH: usize = 256 << 20;

/// Parse a body in which every line is one record, in batches of whole lines of about
/// `batch` bytes, calling `done` with each batch once polars has parsed it; the rows, the
/// number of lines (row i is on the body's i-th line), and the rows (ascending) with a
/// field past `width` (seen in polars' [`extra::SPARE`] columns, then dropped). None when a
/// batch has a stray `\r` ([`simple_lines`]), or polars fails on it or reads a row count
/// other than its line count (a line end in quotes): the caller then splits the whole text
/// into records. A batch ends
/// after a `\n`; when its rows are its lines, every `\n` in it ended a row, so the next
/// batch starts outside quotes and the batches' rows are those of the whole body.
fn parse_by_lines(
    body: &[u8],
    width: usize,
    delimiter: u8,
    batch: usize,
    mut done: impl FnMut(&[u8]),
) -> Option<(DataFrame, usize, Vec<usize>)> {
    let (mut frame, mut lines, mut start): (Option<DataFrame>, usize, usize) = (None, 0, 0);
    let mut past = Vec::new();
    while start < body.len() {
        let end = match body.len() - start > batch {
            true => memchr::memchr(b'\n', &body[start + batch..])
                .map_or(body.len(), |i| start + batch + i + 1),
            false => body.len(),
        };
        let part = &body[start..end];
        let n = simple_lines(part)?;
        // One batch: polars' own chunking, as before. Several: 16 chunks per batch (polars
        // makes 16 per thread it is told of), as many as one call over the whole body
        // makes with its 16 MB chunks.
        let threads = (part.len() < body.len()).then_some(1);
        let mut f = parse_body(part, width, delimiter, threads)
            .ok()
            .filter(|f| f.height() == n)?;
        done(part);
        // The spare columns are nearly always empty: a look at their null counts, and they
        // go before the batches are stacked (held, they would be 16 bytes a row each).
        let spare = width..width + extra::SPARE;
        past.extend(
            extra::filled_rows(&f, spare.start, spare.end)
                .ok()?
                .into_iter()
                .map(|r| lines + r),
        );
        for i in spare {
            f.drop_in_place(&extra::column_name(i)).ok()?;
        }
        match frame.as_mut() {
            None => frame = Some(f),
            Some(all) => {
                all.vstack_mut_owned(f).ok()?;
            }
        }
        (lines, start) = (lines + n, end);
    }
    frame.map(|f| (f, lines, past))
}

/// Parse body text with polars: every column as text, ragged lines cut or filled with nulls,
/// and [`extra::SPARE`] columns past `width` to see fields past the header. `threads`, when
/// given, only sets how many chunks polars cuts the body into (16 per thread); it parses
/// them on all of its threads.
fn parse_body(
    body: &[u8],
    width: usize,
    delimiter: u8,
    threads: Option<usize>,
) -> PolarsResult<DataFrame> {
    let schema: Schema = (0..width + extra::SPARE)
        .map(|i| Field::new(extra::column_name(i).into(), DataType::String))
        .collect();
    if body.is_empty() {
        return Ok(DataFrame::empty_with_schema(&schema));
    }
    CsvReadOptions::default()
        .with_has_header(false)
        .with_n_threads(threads)
        .with_schema(Some(Arc::new(schema)))
        .with_parse_options(
            CsvParseOptions::default()
                .with_separator(delimiter)
                .with_quote_char(Some(b'"'))
                .with_truncate_ragged_lines(true)
                .with_missing_is_null(true),
        )
        .into_reader_with_file_handle(Cursor::new(body))
        .finish()
}

/// The body after the header record read as Excel reads a CSV file, by the `csv` crate:
/// a quote opens a quoted field only at the start of a field (where a line end or a
/// separator is part of the field), and a quote anywhere else is a character of the field
/// (`Диск 16" 5x114,3`, `масло 4л"`); after a quoted field's closing quote the rest up to
/// the separator is part of the field (`"Лукойл" масло 4л` reads `Лукойл масло 4л`).
/// Polars refuses such a body whole, or reads it across lines; this reads the bodies it
/// cannot, one record at a time. Records of white space alone are left out as blank
/// lines; each row has the line its record starts on. A record's fields past the header's
/// are cut and missing ones are empty, as polars reads a ragged line, and the rows where
/// one is not empty are marked ([`extra`]).
fn by_excel(
    text: &str,
    head: &HeaderRecord,
    cells: &[String],
    delimiter: u8,
) -> Result<(DataFrame, Vec<u32>), String> {
    let width = cells.len();
    let body = &text[head.next..];
    let first_line = head.line
        + memchr::memchr_iter(b'\n', &text.as_bytes()[head.start..head.next]).count() as u32;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        // `\r` ends a line only before `\n` (dropped below), as in the other readings; a
        // file of lone `\r` line ends was given `\n`s by [`read`].
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(body.as_bytes());
    let mut columns: Vec<StringChunkedBuilder> = (0..width)
        .map(|i| StringChunkedBuilder::new(extra::column_name(i).into(), 0))
        .collect();
    let mut lines = Vec::new();
    // Where each row's record starts, and the rows with a field past the header's width.
    let (mut starts, mut past) = (Vec::new(), Vec::new());
    let mut record = csv::ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| format!("the CSV body cannot be read ({e})"))?
    {
        let n = record.len();
        let field = |i: usize| {
            let f = &record[i];
            match f.strip_suffix(b"\r") {
                Some(f) if i + 1 == n => f,
                _ => f,
            }
        };
        let blank = |i: usize| field(i).iter().all(u8::is_ascii_whitespace);
        if (0..n).all(blank) {
            continue;
        }
        if (width..n).any(|i| !blank(i)) {
            past.push(lines.len());
        }
        for (i, column) in columns.iter_mut().enumerate() {
            match (i < n).then(|| field(i)).filter(|f| !f.is_empty()) {
                // Fields are cut from UTF-8 text at ASCII bytes only: always UTF-8.
                Some(f) => column.append_value(String::from_utf8_lossy(f)),
                None => column.append_null(),
            }
        }
        // The position is where the reader started, before the empty lines it skips.
        let (line, at) = record
            .position()
            .map_or((1, 0), |p| (p.line(), p.byte() as usize));
        let empty = body.as_bytes()[at..]
            .iter()
            .take_while(|&&b| b == b'\n')
            .count();
        lines.push(first_line + (line as usize + empty) as u32 - 1);
        starts.push(at);
    }
    let columns: Vec<Column> = columns
        .into_iter()
        .map(|c| c.finish().into_column())
        .collect();
    let mut frame = DataFrame::new(lines.len(), columns).map_err(|e| e.to_string())?;
    let named = extra::named_width(&frame, cells);
    past.extend(extra::filled_rows(&frame, named, width).map_err(|e| e.to_string())?);
    past.sort_unstable();
    past.dedup();
    let starts: Vec<usize> = past.iter().map(|&r| starts[r]).collect();
    extra::mark(
        &mut frame,
        body.as_bytes(),
        &past,
        &starts,
        named,
        width,
        delimiter,
    )
    .map_err(|e| e.to_string())?;
    Ok((frame, lines))
}
