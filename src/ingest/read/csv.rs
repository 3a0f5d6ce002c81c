//! CSV as accounting systems export it: UTF-8 (with or without BOM), UTF-16 with BOM or
//! Windows-1251; `,` `;` or tab, detected; title rows above the header; blank lines.
//! One byte pass finds the records and their line numbers; polars parses the body.

use std::borrow::Cow;
use std::io::Cursor;
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
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            (text, encoding_rs::WINDOWS_1251.name())
        }
    }
}

/// A record of the file: its byte range (without the line end) and its first line number.
struct Record {
    start: usize,
    end: usize,
    line: u32,
}

/// Split text into records: a line end inside double quotes belongs to the field.
/// Lines holding only white space are blank and left out.
fn records(text: &str) -> Vec<Record> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut line, mut in_quotes) = (0usize, 1u32, false);
    let mut record_line = 1u32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' => {
                line += 1;
                if !in_quotes {
                    push(&mut out, bytes, start, i, record_line);
                    start = i + 1;
                    record_line = line;
                }
            }
            _ => {}
        }
    }
    push(&mut out, bytes, start, bytes.len(), record_line);
    out
}

fn push(out: &mut Vec<Record>, bytes: &[u8], start: usize, mut end: usize, line: u32) {
    if end > start && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    if bytes[start..end].iter().any(|b| !b.is_ascii_whitespace()) {
        out.push(Record { start, end, line });
    }
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

/// Read a CSV table.
pub fn read(path: &Path, synonyms: &Synonyms) -> Result<RawTable, IngestError> {
    let err = |message: String| IngestError::Read {
        path: path.to_path_buf(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    let (text, _encoding) = decode(&bytes);
    let recs = records(&text);
    let place = place(path, None);

    // The delimiter is the one under which some row reads as the best header.
    let head: Vec<&str> = recs
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| &text[r.start..r.end])
        .collect();
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
    let (delimiter, header) = best.ok_or_else(|| no_header(synonyms, &place))?;

    let body = &recs[header.index + 1..];
    let width = header.cells.len();
    let names: Vec<PlSmallStr> = (0..width).map(|i| format!("c{i}").into()).collect();
    let schema: Schema = names
        .iter()
        .map(|n| Field::new(n.clone(), DataType::String))
        .collect();
    let mut frame = if body.is_empty() {
        DataFrame::empty_with_schema(&schema)
    } else {
        // Blank lines were left out of `body`; give polars exactly those records. Where
        // the records follow one another with a bare `\n` between them (the usual case),
        // that is one slice of the text and needs no copy.
        let bytes = text.as_bytes();
        let contiguous = body.windows(2).all(|w| w[1].start == w[0].end + 1)
            && body.iter().all(|r| bytes.get(r.end) != Some(&b'\r'));
        let buf: Cow<'_, [u8]> = if contiguous {
            Cow::Borrowed(&bytes[body[0].start..body[body.len() - 1].end])
        } else {
            let mut buf = Vec::with_capacity(text.len());
            for r in body {
                buf.extend_from_slice(&bytes[r.start..r.end]);
                buf.push(b'\n');
            }
            Cow::Owned(buf)
        };
        CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::new(schema)))
            .with_parse_options(
                CsvParseOptions::default()
                    .with_separator(delimiter)
                    .with_quote_char(Some(b'"'))
                    .with_truncate_ragged_lines(true)
                    .with_missing_is_null(true),
            )
            .into_reader_with_file_handle(Cursor::new(buf))
            .finish()
            .map_err(|e| err(format!("the CSV body cannot be parsed ({e})")))?
    };
    if frame.height() != body.len() {
        return Err(err(format!(
            "the CSV has {} records but {} rows were parsed; check for unbalanced quotes",
            body.len(),
            frame.height()
        )));
    }
    let rows: Vec<u32> = body.iter().map(|r| r.line).collect();
    frame
        .with_column(Column::new(ROW.into(), rows))
        .map_err(|source| IngestError::Polars {
            table: synonyms.table(),
            source,
        })?;
    finish(frame, header, synonyms, &place, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_skip_blank_lines_and_keep_quoted_line_ends() {
        let text = "title\r\n\r\na;b\r\n1;\"x\ny\"\r\n   \r\n2;z";
        let r = records(text);
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
