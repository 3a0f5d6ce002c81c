//! CSV as accounting systems export it: UTF-8 (with or without BOM), UTF-16 with BOM or
//! Windows-1251; `,` `;` or tab, detected; title rows above the header; blank lines.
//! The header is searched among the first records; polars parses the body, and each row's
//! line number comes from a vectorised pass over the body's line ends and quotes (or, for
//! bodies where a record spans lines, from splitting the whole text into records).
//!
//! The body is parsed in batches of lines ([`BATCH`] bytes), and each batch's part of the
//! mapped file is released once parsed: a 1 GB file's pages and its text columns are not
//! resident together (issue 9: that pair was the peak of `stoa check` on a 10 M-row chain).

use std::borrow::Cow;
use std::io::Cursor;
use std::ops::Range;
use std::path::Path;

use polars::prelude::*;

use super::{finish, no_header, place, RawTable, ROW};
use crate::ingest::header::{Synonyms, HEADER_SEARCH_ROWS};
use crate::ingest::IngestError;

const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];

/// Decode the bytes of a text file: a BOM decides (UTF-8, UTF-16LE/BE); otherwise valid
/// UTF-8 is UTF-8 and anything else is Windows-1251, the encoding of Russian Excel's CSV.
///
/// ```
/// let (text, enc) = stoa::ingest::read::csv::decode(b"\xc4\xe0\xf2\xe0");
/// assert_eq!(text, "Дата");
/// assert_eq!(enc, "windows-1251");
/// let (text, enc) = stoa::ingest::read::csv::decode("\u{feff}Дата".as_bytes());
/// assert_eq!((text.as_ref(), enc), ("Дата", "UTF-8"));
/// ```
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text, enc.name());
    }
    match utf8(bytes) {
        Some(s) => (Cow::Borrowed(s), "UTF-8"),
        None => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            (text, encoding_rs::WINDOWS_1251.name())
        }
    }
}

/// Pieces of at least this many bytes are worth a thread of their own.
const PIECE: usize = 4 << 20;

/// Where to cut `bytes` into about one piece per core: each cut just after a byte
/// `at_cut` accepts, searching forward from an even share (cuts may be fewer than asked).
fn cuts(bytes: &[u8], piece: usize, at_cut: impl Fn(u8) -> bool) -> Vec<Range<usize>> {
    let pieces = crate::parallel::cores().min(bytes.len() / piece).max(1);
    let mut out = Vec::with_capacity(pieces);
    let mut start = 0;
    for k in 1..pieces {
        let goal = (bytes.len() * k / pieces).max(start);
        if let Some(i) = bytes[goal..].iter().position(|&b| at_cut(b)) {
            out.push(start..goal + i + 1);
            start = goal + i + 1;
        }
    }
    out.push(start..bytes.len());
    out
}

/// The bytes as text when they are valid UTF-8, checked in pieces on the cores (a 1 GB
/// export is a second of checking on one). simdutf8 accepts exactly what
/// `std::str::from_utf8` does, several times faster.
fn utf8(bytes: &[u8]) -> Option<&str> {
    utf8_in(bytes, &cuts(bytes, PIECE, |b| b.is_ascii()))
}

/// [`utf8`] over given pieces, each cut after an ASCII byte. In valid UTF-8 an ASCII byte
/// is a whole character, so such a cut falls between characters: the whole is valid
/// exactly when every piece is.
fn utf8_in<'a>(bytes: &'a [u8], pieces: &[Range<usize>]) -> Option<&'a str> {
    let checks = crate::parallel::map(pieces, pieces.len(), |r| {
        simdutf8::basic::from_utf8(&bytes[r.clone()]).is_ok()
    });
    // SAFETY: every piece is valid UTF-8 and the pieces are the whole in order, so the
    // whole is valid UTF-8 (a concatenation of valid UTF-8 is valid).
    checks
        .into_iter()
        .all(|ok| ok)
        .then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// A record of the file: its byte range (without the line end), its first line number,
/// and where the text after it starts (past its `\n`).
struct Record {
    start: usize,
    end: usize,
    line: u32,
    next: usize,
}

/// Split text into records, at most `limit` of them: a line end inside double quotes
/// belongs to the field. Lines holding only white space are blank and left out.
fn records(text: &str, limit: usize) -> Vec<Record> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut line, mut in_quotes) = (0usize, 1u32, false);
    let mut record_line = 1u32;
    // Only quotes and line ends matter; memchr finds them without looking at every byte.
    for i in memchr::memchr2_iter(b'"', b'\n', bytes) {
        if bytes[i] == b'"' {
            in_quotes = !in_quotes;
            continue;
        }
        line += 1;
        if !in_quotes {
            push(&mut out, bytes, start, i, record_line);
            start = i + 1;
            record_line = line;
            if out.len() == limit {
                return out;
            }
        }
    }
    push(&mut out, bytes, start, bytes.len(), record_line);
    out
}

fn push(out: &mut Vec<Record>, bytes: &[u8], start: usize, eol: usize, line: u32) {
    let mut end = eol;
    if end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    if bytes[start..end].iter().any(|b| !b.is_ascii_whitespace()) {
        let next = (eol + 1).min(bytes.len());
        out.push(Record {
            start,
            end,
            line,
            next,
        });
    }
}

/// The number of lines of a body when each of them is one record as [`records`] sees it
/// (every `\n` outside quotes, every `\r` part of a line end); None otherwise. Blank lines
/// count: polars reads an empty line as a row of nulls and a line of spaces as a row of
/// white space, both of which [`finish`] leaves out as blank rows.
///
/// Checked in pieces on the cores, cut after a `\n`. A piece that ends inside quotes has a
/// `\n` in quotes (it ends with one) and fails, so every piece after a good one starts
/// outside quotes, as the single pass would.
fn simple_lines(body: &[u8]) -> Option<usize> {
    simple_lines_in(body, &cuts(body, PIECE, |b| b == b'\n'))
}

/// [`simple_lines`] over given pieces of the body, each cut after a `\n`.
fn simple_lines_in(body: &[u8], pieces: &[Range<usize>]) -> Option<usize> {
    let counts = crate::parallel::map(pieces, pieces.len(), |r| line_ends(&body[r.clone()]));
    let mut lines = counts.into_iter().sum::<Option<usize>>()?;
    if body.last() != Some(&b'\n') {
        lines += 1;
    }
    Some(lines)
}

/// The `\n`s of a piece of body, or None at a `\n` in quotes or a stray `\r`.
fn line_ends(body: &[u8]) -> Option<usize> {
    let (mut lines, mut in_quotes) = (0usize, false);
    for i in memchr::memchr3_iter(b'"', b'\n', b'\r', body) {
        match body[i] {
            b'"' => in_quotes = !in_quotes,
            b'\n' if in_quotes => return None,
            b'\n' => lines += 1,
            // `\r` ends a line only before `\n` or at the end (as both readers agree).
            _ if i + 1 == body.len() || body[i + 1] == b'\n' => {}
            _ => return None,
        }
    }
    Some(lines)
}

/// Split one record into fields (for the header search only; polars parses the body).
fn split(record: &str, delimiter: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            c if c == delimiter && !in_quotes => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

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
    /// that splits the whole text into records, which reads them from the file again. A
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
    let bytes = file_bytes(path).map_err(|e| err(e.to_string()))?;
    let place = place(path, None);
    let table = synonyms.table();
    let with_rows = |mut frame: DataFrame, rows: Vec<u32>, header| {
        frame
            .with_column(Column::new(ROW.into(), rows))
            .map_err(|source| IngestError::Polars { table, source })?;
        finish(frame, header, synonyms, &place, false)
    };

    let plain = match encoding_rs::Encoding::for_bom(&bytes) {
        None => Some(&bytes[..]),
        Some((enc, bom)) if enc == encoding_rs::UTF_8 => Some(&bytes[bom..]),
        Some(_) => None,
    };
    if let Some((head, all)) = plain.and_then(|all| utf8_head(all).map(|h| (h, all))) {
        if let Some((delimiter, header, head_rec)) = find_header(head, synonyms) {
            if let Some((frame, rows)) =
                by_lines(all, &head_rec, header.cells.len(), delimiter, &bytes)
            {
                return with_rows(frame, rows, header);
            }
        }
    }

    let (text, _encoding) = decode(&bytes);
    if let Cow::Owned(_) = text {
        // Decoded into a new text (Windows-1251, UTF-16): the file's pages are done with.
        bytes.release(&bytes);
    }
    let (delimiter, header, head_rec) =
        find_header(&text, synonyms).ok_or_else(|| no_header(synonyms, &place))?;
    let width = header.cells.len();
    let (frame, rows) = match by_lines(text.as_bytes(), &head_rec, width, delimiter, &bytes) {
        Some(parsed) => parsed,
        None => by_records(&text, head_rec.index, width, delimiter).map_err(err)?,
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
    (cut == all.len() || records(head, HEADER_SEARCH_ROWS).len() == HEADER_SEARCH_ROWS)
        .then_some(head)
}

/// The header record: where it is among the text's records and where the body after it
/// starts.
struct HeaderRecord {
    index: usize,
    line: u32,
    start: usize,
    next: usize,
}

/// The delimiter under which some record of the first [`HEADER_SEARCH_ROWS`] reads as the
/// best header, that header, and its record. `text` holds at least those records.
fn find_header(
    text: &str,
    synonyms: &Synonyms,
) -> Option<(u8, crate::ingest::header::Header, HeaderRecord)> {
    let head_recs = records(text, HEADER_SEARCH_ROWS);
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
        index: header.index,
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
/// i-th line after the header.
fn by_lines(
    text: &[u8],
    head: &HeaderRecord,
    width: usize,
    delimiter: u8,
    file: &FileBytes,
) -> Option<(DataFrame, Vec<u32>)> {
    let body = &text[head.next..];
    let first_line =
        head.line + memchr::memchr_iter(b'\n', &text[head.start..head.next]).count() as u32;
    parse_by_lines(body, width, delimiter, BATCH, |part| file.release(part)).map(|(f, lines)| {
        (
            f,
            (first_line..first_line + lines as u32).collect::<Vec<u32>>(),
        )
    })
}

/// Bytes of body per batch of lines given to polars: a quarter of the 10 M-row chain's
/// order lines, so that its mapped pages resident at once are a quarter of the file.
/// Smaller batches cost memory instead of saving it: polars cuts every call into 16 or
/// more chunks, and chunks much under its 16 MB maximum make column arrays under the
/// allocator's 1 MiB mmap threshold, whose freed space stays in the process (64 MB
/// batches raised the chain check's peak from 4.3 to 4.8 GB).
const BATCH: usize = 256 << 20;

/// Parse a body in which every line is one record, in batches of whole lines of about
/// `batch` bytes, calling `done` with each batch once polars has parsed it; the rows and the
/// number of lines (row i is on the body's i-th line). None when a batch has a line end in
/// quotes or a stray `\r` ([`simple_lines`]), or polars fails on it or reads a row count
/// other than its line count: the caller then splits the whole text into records. A batch
/// ends after a `\n`, where no quoted stretch is open (a `\n` in quotes fails the check),
/// so the batches' checks and rows are those of the whole body.
fn parse_by_lines(
    body: &[u8],
    width: usize,
    delimiter: u8,
    batch: usize,
    mut done: impl FnMut(&[u8]),
) -> Option<(DataFrame, usize)> {
    let (mut frame, mut lines, mut start): (Option<DataFrame>, usize, usize) = (None, 0, 0);
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
        let f = parse_body(part, width, delimiter, threads)
            .ok()
            .filter(|f| f.height() == n)?;
        done(part);
        match frame.as_mut() {
            None => frame = Some(f),
            Some(all) => {
                all.vstack_mut_owned(f).ok()?;
            }
        }
        (lines, start) = (lines + n, end);
    }
    frame.map(|f| (f, lines))
}

/// Parse body text with polars: every column as text, ragged lines cut or filled with nulls.
/// `threads`, when given, only sets how many chunks polars cuts the body into (16 per
/// thread); it parses them on all of its threads.
fn parse_body(
    body: &[u8],
    width: usize,
    delimiter: u8,
    threads: Option<usize>,
) -> PolarsResult<DataFrame> {
    let schema: Schema = (0..width)
        .map(|i| Field::new(format!("c{i}").into(), DataType::String))
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

/// The body after the header record `header` (an index among the non-blank records), split
/// into records (blank ones left out) and parsed; with each row's line number.
fn by_records(
    text: &str,
    header: usize,
    width: usize,
    delimiter: u8,
) -> Result<(DataFrame, Vec<u32>), String> {
    let recs = records(text, usize::MAX);
    let body = &recs[header + 1..];
    // Blank lines were left out of `body`; give polars exactly those records. Where
    // the records follow one another with a bare `\n` between them, that is one slice of
    // the text and needs no copy.
    let bytes = text.as_bytes();
    let contiguous = body.windows(2).all(|w| w[1].start == w[0].end + 1)
        && body.iter().all(|r| bytes.get(r.end) != Some(&b'\r'));
    let buf: Cow<'_, [u8]> = if body.is_empty() {
        Cow::Borrowed(&[])
    } else if contiguous {
        Cow::Borrowed(&bytes[body[0].start..body[body.len() - 1].end])
    } else {
        let mut buf = Vec::with_capacity(text.len());
        for r in body {
            buf.extend_from_slice(&bytes[r.start..r.end]);
            buf.push(b'\n');
        }
        Cow::Owned(buf)
    };
    let frame = parse_body(&buf, width, delimiter, None)
        .map_err(|e| format!("the CSV body cannot be parsed ({e})"))?;
    if frame.height() != body.len() {
        return Err(format!(
            "the CSV has {} records but {} rows were parsed; check for unbalanced quotes",
            body.len(),
            frame.height()
        ));
    }
    Ok((frame, body.iter().map(|r| r.line).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::schema::Table;

    /// Feedback read from CSV text: (row number, visit id) of each row.
    fn feedback_rows(text: &str) -> Result<Vec<(u32, String)>, IngestError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feedback.csv");
        std::fs::write(&path, text).unwrap();
        let t = read(&path, &Synonyms::new(Table::Feedback, &Config::default()))?;
        let rows = t.frame.column(ROW).unwrap().u32().unwrap().clone();
        let ids = t.frame.column("visit_id").unwrap().str().unwrap().clone();
        Ok(rows
            .iter()
            .zip(ids.iter())
            .map(|(r, v)| (r.unwrap(), v.unwrap_or("-").to_string()))
            .collect())
    }

    fn rows(pairs: &[(u32, &str)]) -> Vec<(u32, String)> {
        pairs.iter().map(|&(r, v)| (r, v.to_string())).collect()
    }

    #[test]
    fn blank_lines_in_the_body_keep_the_line_numbers() {
        // Empty and white-space lines: read by polars as rows, left out as blank rows.
        let text = "Отзывы\n\nНомер заказ-наряда;Оценка\nA;5\n\nB;4\n  \t \n;\nC;3\n\n";
        assert!(simple_lines(b"A;5\n\nB;4\n  \t \n;\nC;3\n\n").is_some());
        assert_eq!(
            feedback_rows(text).unwrap(),
            rows(&[(4, "A"), (6, "B"), (9, "C")])
        );
    }

    /// Every cut of `bytes` into two pieces after a byte that `at_cut` accepts.
    fn two_piece_cuts(bytes: &[u8], at_cut: impl Fn(u8) -> bool) -> Vec<Vec<Range<usize>>> {
        (0..bytes.len())
            .filter(|&i| at_cut(bytes[i]))
            .map(|i| vec![0..i + 1, i + 1..bytes.len()])
            .collect()
    }

    #[test]
    fn utf8_checked_in_pieces_agrees_with_the_whole() {
        let cyrillic = "Дата;Сумма\n01.02.2026;1 234,50 ₽\n".as_bytes();
        // Windows-1251 "Дата": not UTF-8 in any piece that holds it.
        let mut broken = cyrillic.to_vec();
        broken.extend_from_slice(b"\xc4\xe0\xf2\xe0\n");
        for bytes in [cyrillic, &broken[..]] {
            let whole = std::str::from_utf8(bytes).ok();
            for pieces in two_piece_cuts(bytes, |b| b.is_ascii()) {
                assert_eq!(utf8_in(bytes, &pieces), whole, "{pieces:?}");
            }
        }
        // Small inputs are one piece.
        assert_eq!(cuts(cyrillic, PIECE, |_| true), vec![0..cyrillic.len()]);
        assert_eq!(utf8(cyrillic), std::str::from_utf8(cyrillic).ok());
    }

    #[test]
    fn line_ends_counted_in_pieces_agree_with_one_pass() {
        let one_pass = |body: &[u8]| simple_lines_in(body, std::slice::from_ref(&(0..body.len())));
        let bodies: [&[u8]; 5] = [
            b"A;5\n\nB;\"4\"\r\nC;3",
            b"A;\"x\ny\";5\nB;4\n",
            b"A;\"x;5\nB;\"4\nC;3\n",
            b"A;5\r\rB\n;4\n",
            b"\n\n\n",
        ];
        let expected = [Some(4), None, None, None, Some(3)];
        for (body, want) in bodies.iter().zip(expected) {
            assert_eq!(one_pass(body), want);
            for pieces in two_piece_cuts(body, |b| b == b'\n') {
                assert_eq!(simple_lines_in(body, &pieces), want, "{pieces:?}");
            }
        }
    }

    #[test]
    fn a_windows_1251_row_past_an_ascii_start_decodes_the_whole_file() {
        // The first megabyte is ASCII, so it is taken as UTF-8 until polars meets the
        // Windows-1251 bytes of the last row ("ЗН-1"): the file is then decoded whole.
        let mut bytes = b"visit_id;score\n".to_vec();
        let n = HEAD / 8 + 10;
        for i in 0..n {
            bytes.extend_from_slice(format!("V{i:05};5\n").as_bytes());
        }
        bytes.extend_from_slice(b"\xc7\xcd-1;4\n");
        assert!(bytes.len() > HEAD && utf8_head(&bytes).is_some());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feedback.csv");
        std::fs::write(&path, &bytes).unwrap();
        let t = read(&path, &Synonyms::new(Table::Feedback, &Config::default())).unwrap();
        let rows = t.frame.column(ROW).unwrap().u32().unwrap().clone();
        let ids = t.frame.column("visit_id").unwrap().str().unwrap().clone();
        assert_eq!(ids.len(), n + 1);
        assert_eq!(ids.get(n), Some("ЗН-1"));
        assert_eq!(rows.get(n), Some(n as u32 + 2));
        assert_eq!(ids.get(0), Some("V00000"));
    }

    #[test]
    fn crlf_line_ends_keep_the_line_numbers() {
        let text = "Номер заказ-наряда;Оценка\r\nA;5\r\n\r\n\"B\";4\r\n \r\nC;\"3\"\r\n";
        assert!(simple_lines(text.split_once('\n').unwrap().1.as_bytes()).is_some());
        assert_eq!(
            feedback_rows(text).unwrap(),
            rows(&[(2, "A"), (4, "B"), (6, "C")])
        );
        // A `\r` inside a line is a character of the field (trimmed away later), as before.
        assert_eq!(simple_lines(b"A;5\r\r\nB;4"), None);
        let text = "Номер заказ-наряда;Оценка\nA\r;5\r\r\nB;4\n";
        assert_eq!(feedback_rows(text).unwrap(), rows(&[(2, "A"), (3, "B")]));
    }

    #[test]
    fn a_quoted_line_end_numbers_rows_by_their_first_line() {
        let text =
            "Номер заказ-наряда;Оценка;Комментарий\nA;5;\"две\nстроки\"\n\nB;4;x\nC;3;\"a\r\nb\"";
        assert_eq!(
            simple_lines(text.split_once('\n').unwrap().1.as_bytes()),
            None
        );
        assert_eq!(
            feedback_rows(text).unwrap(),
            rows(&[(2, "A"), (5, "B"), (6, "C")])
        );
    }

    #[test]
    fn a_header_over_two_lines_numbers_the_body_after_it() {
        let text = "\"Номер\nзаказ-наряда\";Оценка\nA;5\nB;4\n";
        assert_eq!(feedback_rows(text).unwrap(), rows(&[(3, "A"), (4, "B")]));
    }

    #[test]
    fn a_stray_quote_is_still_an_error() {
        // An inch mark opens a quoted stretch for the record split, which polars does not
        // see: the body cannot be read reliably, as before the line-count shortcut.
        let text = "Номер заказ-наряда;Оценка;Комментарий\nA;5;шина 16\"\nB;4;x\nC;3;y\n";
        assert!(feedback_rows(text).is_err());
        // Even quotes on a line that polars reads across lines: the row counts disagree.
        let text = "Номер заказ-наряда;Оценка;Комментарий\nA;5\"x;\"y\nB;4;x\n";
        assert!(feedback_rows(text).is_err());
    }

    #[test]
    fn batches_of_lines_give_the_rows_of_one_parse() {
        // Blank, white-space, ragged, quoted and CRLF lines; batches of every size from one
        // byte (one line each) to the whole body give the same rows and line count.
        let body = b"A;5;x\n\nB;4;\"y;z\"\r\n  \nC\n;;\nD;1;2;3\n\"E\";2;w";
        let (whole, lines) = parse_by_lines(body, 3, b';', usize::MAX, |_| {}).unwrap();
        assert_eq!((whole.height(), lines), (8, 8));
        let col = |name: &str| -> Vec<Option<String>> {
            let c = whole.column(name).unwrap().str().unwrap().clone();
            c.iter().map(|v| v.map(str::to_string)).collect()
        };
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            col("c0"),
            [s("A"), None, s("B"), s("  "), s("C"), None, s("D"), s("E")]
        );
        assert_eq!(
            col("c1"),
            [s("5"), None, s("4"), None, None, None, s("1"), s("2")]
        );
        assert_eq!(
            col("c2"),
            [s("x"), None, s("y;z"), None, None, None, s("2"), s("w")]
        );
        for batch in 1..body.len() {
            let mut parts = Vec::new();
            let (f, n) = parse_by_lines(body, 3, b';', batch, |p| parts.push(p.len())).unwrap();
            assert_eq!(n, lines, "batch {batch}");
            assert!(f.equals_missing(&whole), "batch {batch}");
            // The batches cover the body, each ending after a line end (the last at the end).
            assert_eq!(parts.iter().sum::<usize>(), body.len(), "batch {batch}");
        }
        // One byte per batch: a batch ends at the first line end after its first byte, so
        // it is one line, or an empty line with the next one (a batch may start empty).
        let mut parts = Vec::new();
        parse_by_lines(body, 3, b';', 1, |p| parts.push(p.to_vec())).unwrap();
        assert_eq!(parts[0], b"A;5;x\n");
        assert_eq!(parts[1], b"\nB;4;\"y;z\"\r\n");
        assert_eq!(parts[2], b"  \n");
        assert_eq!(parts.len(), 7);
    }

    #[test]
    fn a_batch_with_a_quoted_line_end_or_stray_cr_falls_back() {
        // The second batch has a line end in quotes, or a `\r` inside a line: no fast parse,
        // the caller splits the whole text into records.
        let quoted = b"A;5;x\nB;4;\"two\nlines\"\nC;3;y\n";
        assert!(parse_by_lines(quoted, 3, b';', 4, |_| {}).is_none());
        assert!(parse_by_lines(quoted, 3, b';', usize::MAX, |_| {}).is_none());
        let stray = b"A;5;x\nB\r;4;y\n";
        assert!(parse_by_lines(stray, 3, b';', 4, |_| {}).is_none());
        assert!(parse_by_lines(b"", 3, b';', 4, |_| {}).is_none());
    }

    #[test]
    fn records_skip_blank_lines_and_keep_quoted_line_ends() {
        let text = "title\r\n\r\na;b\r\n1;\"x\ny\"\r\n   \r\n2;z";
        let r = records(text, usize::MAX);
        let lines: Vec<u32> = r.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 4, 7]);
        assert_eq!(&text[r[2].start..r[2].end], "1;\"x\ny\"");
    }

    #[test]
    fn split_handles_quotes_and_doubled_quotes() {
        assert_eq!(
            split("a;\"b;c\";\"say \"\"hi\"\"\"", ';'),
            ["a", "b;c", "say \"hi\""]
        );
    }
}
