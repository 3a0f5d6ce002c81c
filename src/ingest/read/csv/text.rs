//! From a CSV file's bytes to text and records: the encoding, and where records and line
//! ends are (quotes, blank lines, stray carriage returns), in passes over the bytes that
//! split large files into pieces for the cores.

use std::borrow::Cow;
use std::ops::Range;

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
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
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

/// UTF-16 without a BOM, as SQL Server's `bcp -w` and PowerShell write it, told by its
/// zero bytes: text in Latin or Cyrillic letters, digits and delimiters has a zero in
/// every ASCII character's high byte, always at odd offsets (little-endian) or always at
/// even ones (big-endian), and UTF-8 and Windows-1251 text has none. Valid UTF-8 as it
/// stands, such a file read as one and its header was never found. Looks at the first
/// 4 KiB.
///
/// ```
/// let le: Vec<u8> = "Дата\tСумма\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// let (text, enc) = stoa::ingest::read::csv::decode(&le);
/// assert_eq!((text.as_ref(), enc), ("Дата\tСумма\r\n", "UTF-16LE"));
/// ```
pub(super) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // A few ASCII characters in sixteen (delimiters, line ends, digits) are enough.
    let enough = |zeros: usize| zeros * 16 >= head.len() / 2;
    match (even, odd) {
        (0, odd) if enough(odd) => Some(encoding_rs::UTF_16LE),
        (even, 0) if enough(even) => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// Whether the file ends its lines with `\r` alone (Excel for Mac's "CSV (Macintosh)"):
/// its first `\r` is not before a `\n`, no `\r\n` is anywhere, and there are more `\r`s
/// than `\n`s (which are then line breaks inside cells). A file of `\r\n` lines is told by
/// its first line end; one of `\n` lines has no `\r` or few.
pub(super) fn cr_line_ends(bytes: &[u8]) -> bool {
    let Some(first) = memchr::memchr(b'\r', bytes) else {
        return false;
    };
    if bytes.get(first + 1) == Some(&b'\n') {
        return false;
    }
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    lf == 0
        || (memchr::memmem::find(bytes, b"\r\n").is_none()
            && memchr::memchr_iter(b'\r', bytes).count() > lf)
}

/// The text of a file of `\r` line ends ([`cr_line_ends`]) with `\n` line ends: each `\r`
/// becomes `\n`; a `\n` inside quotes stays a line break of its cell, and one outside
/// quotes (a line break in a cell that was not quoted) becomes a space, so that it ends
/// no row. A quote opens a field only at its start, as Excel reads quotes.
pub(super) fn cr_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut at_start = true;
    for c in text.chars() {
        match c {
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            _ => {}
        }
        let c = match c {
            '\r' => '\n',
            '\n' if !quoted => ' ',
            c => c,
        };
        at_start = !quoted && matches!(c, '\n' | ';' | ',' | '\t');
        out.push(c);
    }
    out
}

/// Pieces of at least this many bytes are worth a thread of their own.
pub(super) const PIECE: usize = 4 << 20;

/// Where to cut `bytes` into about one piece per core: each cut just after a byte
/// `at_cut` accepts, searching forward from an even share (cuts may be fewer than asked).
pub(super) fn cuts(bytes: &[u8], piece: usize, at_cut: impl Fn(u8) -> bool) -> Vec<Range<usize>> {
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
pub(super) fn utf8(bytes: &[u8]) -> Option<&str> {
    utf8_in(bytes, &cuts(bytes, PIECE, |b| b.is_ascii()))
}

/// [`utf8`] over given pieces, each cut after an ASCII byte. In valid UTF-8 an ASCII byte
/// is a whole character, so such a cut falls between characters: the whole is valid
/// exactly when every piece is.
pub(super) fn utf8_in<'a>(bytes: &'a [u8], pieces: &[Range<usize>]) -> Option<&'a str> {
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
pub(super) struct Record {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) line: u32,
    pub(super) next: usize,
}

/// Split text into records, at most `limit` of them: a line end inside double quotes
/// belongs to the field. Lines holding only white space are blank and left out.
pub(super) fn records(text: &str, limit: usize) -> Vec<Record> {
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

pub(super) fn push(out: &mut Vec<Record>, bytes: &[u8], start: usize, eol: usize, line: u32) {
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

/// The number of lines of a body when every `\r` in it is part of a line end (before `\n`
/// or at the end); None at a stray `\r`. Blank lines count: polars reads an empty line as a
/// row of nulls and a line of spaces as a row of white space, both of which [`finish`]
/// leaves out as blank rows.
///
/// The caller holds this against the rows polars reads: polars ends a row only at a `\n`
/// outside quotes, so as many rows as lines means that no line end was in quotes and row i
/// is on line i. A line end in quotes gives fewer rows, and the caller splits the text
/// into records instead. Looking only for line ends and carriage returns, not quotes, is
/// what makes this pass cheap: money cells are quoted, two quotes a cell.
///
/// Counted in pieces on the cores, cut after a `\n`.
pub(super) fn simple_lines(body: &[u8]) -> Option<usize> {
    simple_lines_in(body, &cuts(body, PIECE, |b| b == b'\n'))
}

/// [`simple_lines`] over given pieces of the body, each cut after a `\n`.
pub(super) fn simple_lines_in(body: &[u8], pieces: &[Range<usize>]) -> Option<usize> {
    let counts = crate::parallel::map(pieces, pieces.len(), |r| line_ends(&body[r.clone()]));
    let mut lines = counts.into_iter().sum::<Option<usize>>()?;
    if body.last() != Some(&b'\n') {
        lines += 1;
    }
    Some(lines)
}

/// The `\n`s of a piece of body, or None at a stray `\r`.
pub(super) fn line_ends(body: &[u8]) -> Option<usize> {
    // `\r` ends a line only before `\n` or at the end (as both readers agree).
    let stray =
        memchr::memchr_iter(b'\r', body).any(|i| i + 1 != body.len() && body[i + 1] != b'\n');
    (!stray).then(|| memchr::memchr_iter(b'\n', body).count())
}

/// Split one record into fields (for the header search only; polars parses the body).
pub(super) fn split(record: &str, delimiter: char) -> Vec<String> {
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
