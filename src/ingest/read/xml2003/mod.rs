//! XML Spreadsheet 2003 (SpreadsheetML): the XML that Excel 2003 wrote and report
//! generators (FastReport, DevExpress, …) still write "for Excel" as `.xls` or `.xml`.
//! calamine does not read it, so its worksheets are laid out here as calamine ranges
//! for the sheet reader, with their merged cells and hidden columns (`<Column
//! ss:Hidden="1"/>`), gathered in the one pass over the file that reads the cells.

use calamine::{Cell, CellErrorType, Data, Dimensions, Range};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251};
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

const NS: &str = "urn:schemas-microsoft-com:office:spreadsheet";
// Excel's own sheet limits: anything beyond them is a broken file, not data.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;
// calamine ranges are dense, so one far-away ss:Index could otherwise allocate gigabytes.
const MAX_CELLS: u64 = 1 << 25;

/// One worksheet of the file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// ss:Name of the worksheet.
    pub name: String,
    /// Its cells; row 0 / column 0 are the sheet's first row and column (A1), so row r of
    /// the range is the sheet's row r+1 as Excel shows it.
    pub range: Range<Data>,
    /// Cells merged over several rows or columns (ss:MergeDown / ss:MergeAcross), as
    /// calamine's inclusive `Dimensions`, in the coordinates of `range`.
    pub merged: Vec<Dimensions>,
    /// Whether Excel hides it (`<x:Visible>SheetHidden</x:Visible>` or `SheetVeryHidden`).
    pub hidden: bool,
    /// The columns Excel hides (`<Column ss:Hidden="1"/>`, with its `ss:Index` and
    /// `ss:Span`), from 0 (`A` is 0) and ascending, for the header's choice of a column in
    /// view among those of one name (`crate::ingest::read::hidden_columns`).
    pub hidden_columns: Vec<u32>,
}

/// Whether the first bytes of a file look like SpreadsheetML 2003: after an optional BOM
/// and white space, an XML document whose root element is `Workbook`, or which holds the
/// namespace `urn:schemas-microsoft-com:office:spreadsheet` and a `<Workbook` /
/// `<ss:Workbook` tag within the given bytes.
///
/// ```
/// use stoa::ingest::read::xml2003::looks_like;
/// assert!(looks_like(b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"));
/// assert!(!looks_like(b"<html><table>"));
/// ```
pub fn looks_like(head: &[u8]) -> bool {
    let (enc, bom) = sniff(head);
    // Lossy on purpose: the head may end in the middle of a character.
    let (text, _) = enc.decode_without_bom_handling(&head[bom..]);
    let text = text.trim_start();
    // A head cut inside the root tag cannot be parsed, hence the textual fallback.
    text.starts_with('<')
        && (root_is_workbook(text)
            || (text.contains(NS) && (has_tag(text, "<Workbook") || has_tag(text, "<ss:Workbook"))))
}

/// Every worksheet of the file, in order. An error is one English sentence saying what is
/// wrong ("the XML is malformed at byte 1234: …").
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let (mut enc, bom) = sniff(bytes);
    let (mut text, mut bad) = enc.decode_without_bom_handling(&bytes[bom..]);
    // Undeclared and not UTF-8: Windows-1251, as for every other Russian export stoa reads.
    if bad && bom == 0 && enc == UTF_8 && declared_encoding(bytes).is_none() {
        enc = WINDOWS_1251;
        (text, bad) = enc.decode_without_bom_handling(bytes);
    }
    if bad {
        return Err(format!("the file is not valid {} text", enc.name()));
    }
    // Offsets from quick-xml count bytes of the decoded UTF-8 text, which match the file
    // only for UTF-8.
    let at = |p: u64| {
        if enc == UTF_8 {
            format!("byte {}", p + bom as u64)
        } else {
            format!("byte {p} of the text decoded from {}", enc.name())
        }
    };
    let mut reader = Reader::from_str(&text);
    let mut p = Parser::default();
    loop {
        let step = match reader.read_event() {
            Err(e) => {
                return Err(format!(
                    "the XML is malformed at {}: {e}.",
                    at(reader.error_position())
                ));
            }
            Ok(Event::Eof) => break,
            Ok(ev) => p.event(ev),
        };
        step.map_err(|msg| format!("{msg} (at {}).", at(reader.buffer_position())))?;
    }
    if !p.seen_root {
        return Err(
            "the file holds no XML element, so it is not an XML Spreadsheet 2003 file.".into(),
        );
    }
    match p.stack.last() {
        Some(open) => Err(format!(
            "the XML ends inside <{open}>, so the file is probably truncated."
        )),
        None => Ok(p.sheets),
    }
}

fn sniff(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some(found) = Encoding::for_bom(bytes) {
        return found;
    }
    match bytes {
        [b'<', 0, b'?', 0, ..] => (UTF_16LE, 0),
        [0, b'<', 0, b'?', ..] => (UTF_16BE, 0),
        _ => (declared_encoding(bytes).unwrap_or(UTF_8), 0),
    }
}

/// The `encoding="…"` of an ASCII-compatible XML declaration.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let decl = bytes.trim_ascii_start().strip_prefix(b"<?xml")?;
    let decl = &decl[..decl.windows(2).position(|w| w == b"?>")?];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = decl[at + 8..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, rest) = rest
        .split_first()
        .filter(|(q, _)| matches!(q, b'"' | b'\''))?;
    let label = &rest[..rest.iter().position(|&b| b == quote)?];
    // Bytes we could read the declaration from as ASCII are not UTF-16, whatever it claims.
    Encoding::for_label(label).filter(|&e| e != UTF_16LE && e != UTF_16BE)
}

fn root_is_workbook(text: &str) -> bool {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.name();
                let xmlns = match name.prefix() {
                    Some(p) => format!("xmlns:{}", p.into_inner()),
                    None => "xmlns".into(),
                };
                return name.local_name().into_inner() == "Workbook"
                    && e.attributes()
                        .flatten()
                        .any(|a| a.key.into_inner() == xmlns && a.value == NS);
            }
            Ok(Event::Text(t)) if t.trim().is_empty() => {}
            Ok(Event::Text(_) | Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

fn has_tag(text: &str, tag: &str) -> bool {
    text.match_indices(tag).any(|(i, _)| {
        let next = text[i + tag.len()..].chars().next();
        next.is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
    })
}

#[derive(Default)]
struct Parser {
    /// Local names of the open elements.
    stack: Vec<String>,
    seen_root: bool,
    sheets: Vec<Sheet>,
    sheet: Option<Builder>,
    /// ss:Type and text of the cell's `<Data>` while inside it.
    data: Option<(String, String)>,
    /// The text of the worksheet's `<x:Visible>` while inside it.
    visible: Option<String>,
}

impl Parser {
    fn event(&mut self, ev: Event) -> Result<(), String> {
        match ev {
            Event::Start(e) => self.open(&e)?,
            Event::Empty(e) => {
                self.open(&e)?;
                self.close()?;
            }
            // quick-xml already checks that end tags match their start tags.
            Event::End(_) => self.close()?,
            Event::Text(t) => self.push(&t.xml10_content()),
            Event::CData(t) => self.push(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let s = match (r.resolve_char_ref(), resolve_xml_entity(&r)) {
                    (Ok(Some(c)), _) => c.to_string(),
                    (_, Some(s)) => s.to_owned(),
                    // Undefined without a DTD; keeping it visible beats failing the whole file.
                    _ => format!("&{};", &*r),
                };
                self.push(&s);
            }
            _ => {}
        }
        Ok(())
    }

    fn push(&mut self, s: &str) {
        if let Some((_, text)) = &mut self.data {
            text.push_str(s);
        }
        if let Some(text) = &mut self.visible {
            text.push_str(s);
        }
    }

    fn open(&mut self, e: &BytesStart) -> Result<(), String> {
        let name = e.local_name().into_inner();
        // Parents are checked because Comment holds its own <Data>, and x:PivotTable and
        // the like sit beside Table.
        match (self.stack.last().map(String::as_str), name) {
            (None, "Workbook") => self.seen_root = true,
            (None, _) => {
                return Err(format!(
                    "the root element is <{}>, not <Workbook>, so this is not an XML Spreadsheet 2003 file",
                    e.name().into_inner()
                ));
            }
            (Some("Workbook"), "Worksheet") => {
                let name =
                    attr(e, "Name")?.unwrap_or_else(|| format!("Sheet{}", self.sheets.len() + 1));
                self.sheet = Some(Builder {
                    name,
                    ..Builder::default()
                });
            }
            (Some("Table"), "Row") => {
                if let Some(s) = &mut self.sheet {
                    s.row(e)?;
                }
            }
            (Some("Table"), "Column") => {
                if let Some(s) = &mut self.sheet {
                    s.column(e)?;
                }
            }
            (Some("Row"), "Cell") => {
                if let Some(s) = &mut self.sheet {
                    s.cell(e)?;
                }
            }
            (Some("Cell"), "Data") => {
                self.data = Some((attr(e, "Type")?.unwrap_or_default(), "".into()))
            }
            (Some("WorksheetOptions"), "Visible") => self.visible = Some(String::new()),
            // Rich text is HTML-ish, so a line break may come as <br/> rather than &#10;.
            (_, "br") => self.push("\n"),
            _ => {}
        }
        self.stack.push(name.to_owned());
        Ok(())
    }

    fn close(&mut self) -> Result<(), String> {
        let name = self.stack.pop().unwrap_or_default();
        match (self.stack.last().map(String::as_str), name.as_str()) {
            (Some("Cell"), "Data") => {
                if let (Some((kind, text)), Some(s)) = (self.data.take(), &mut self.sheet) {
                    s.cells
                        .extend(value(&kind, text).map(|v| Cell::new(s.at, v)));
                }
            }
            (Some("Workbook"), "Worksheet") => {
                if let Some(s) = self.sheet.take() {
                    self.sheets.push(s.finish()?);
                }
            }
            (Some("WorksheetOptions"), "Visible") => {
                if let (Some(text), Some(s)) = (self.visible.take(), &mut self.sheet) {
                    s.hidden = matches!(text.trim(), "SheetHidden" | "SheetVeryHidden");
                }
            }
            _ => {}
        }
        Ok(())
    }
}

#[derive(Default)]
struct Builder {
    name: String,
    cells: Vec<Cell<Data>>,
    merged: Vec<Dimensions>,
    /// Merges reaching below their own row that may still cover later rows.
    down: Vec<Dimensions>,
    row: u32,
    next_row: u32,
    next_col: u32,
    /// Position of the current cell.
    at: (u32, u32),
    hidden: bool,
    /// The column the next `<Column>` without ss:Index describes.
    next_column: u32,
    hidden_columns: Vec<u32>,
}

impl Builder {
    fn row(&mut self, e: &BytesStart) -> Result<(), String> {
        self.row = index(e)?.unwrap_or(self.next_row);
        // ss:Span stands for that many more identical (empty) rows that are not written out.
        let span = num(e, "Span")?.unwrap_or(0);
        self.next_row = self.row.saturating_add(span).saturating_add(1);
        self.next_col = 0;
        let row = self.row;
        self.down.retain(|m| m.end.0 >= row);
        Ok(())
    }

    /// A `<Column>`: it describes its column (ss:Index, else the one after the last
    /// described) and ss:Span more, hidden where ss:Hidden says so. A span past Excel's
    /// last column is cut there, as for xlsx's `<col max=…>`.
    fn column(&mut self, e: &BytesStart) -> Result<(), String> {
        let first = index(e)?.unwrap_or(self.next_column);
        let span = num(e, "Span")?.unwrap_or(0);
        let last = first.saturating_add(span);
        if matches!(
            attr(e, "Hidden")?.as_deref().map(str::trim),
            Some("1" | "true")
        ) {
            self.hidden_columns
                .extend(first.min(MAX_COLS)..=last.min(MAX_COLS - 1));
        }
        self.next_column = last.saturating_add(1);
        Ok(())
    }

    fn cell(&mut self, e: &BytesStart) -> Result<(), String> {
        let row = self.row;
        let col = match index(e)? {
            Some(col) => col,
            None => {
                let mut col = self.next_col;
                while let Some(m) = self
                    .down
                    .iter()
                    .find(|m| m.start.0 < row && m.contains(row, col))
                {
                    col = m.end.1 + 1;
                }
                col
            }
        };
        let across = num(e, "MergeAcross")?.unwrap_or(0);
        let down = num(e, "MergeDown")?.unwrap_or(0);
        let end = (row.saturating_add(down), col.saturating_add(across));
        if end.0 >= MAX_ROWS || end.1 >= MAX_COLS {
            return Err(format!(
                "sheet \"{}\" has a cell beyond Excel's limit of {MAX_ROWS} rows and {MAX_COLS} columns",
                self.name
            ));
        }
        if across > 0 || down > 0 {
            let m = Dimensions::new((row, col), end);
            self.merged.push(m);
            if down > 0 {
                self.down.push(m);
            }
        }
        self.at = (row, col);
        self.next_col = end.1 + 1;
        Ok(())
    }

    fn finish(self) -> Result<Sheet, String> {
        let (rows, cols) = self.cells.iter().fold((0, 0), |(r, c), cell| {
            let (cr, cc) = cell.get_position();
            (r.max(cr as u64 + 1), c.max(cc as u64 + 1))
        });
        if rows * cols > MAX_CELLS {
            return Err(format!(
                "sheet \"{}\" spans {rows} rows by {cols} columns, more than {MAX_CELLS} cells to hold in memory",
                self.name
            ));
        }
        let mut cells = self.cells;
        let mut hidden_columns = self.hidden_columns;
        hidden_columns.sort_unstable();
        hidden_columns.dedup();
        let range = if cells.is_empty() {
            Range::empty()
        } else {
            // from_sparse starts the range at the smallest used position; an empty A1 pins
            // it to (0, 0).
            cells.insert(0, Cell::new((0, 0), Data::Empty));
            Range::from_sparse(cells)
        };
        Ok(Sheet {
            name: self.name,
            range,
            merged: self.merged,
            hidden: self.hidden,
            hidden_columns,
        })
    }
}

fn attr(e: &BytesStart, key: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("an attribute is malformed: {err}"))?;
        if a.key.local_name().into_inner() == key {
            let v = a.normalized_value(XmlVersion::Implicit1_0);
            return v
                .map(|v| Some(v.into_owned()))
                .map_err(|err| format!("an attribute is malformed: {err}"));
        }
    }
    Ok(None)
}

fn num(e: &BytesStart, key: &str) -> Result<Option<u32>, String> {
    match attr(e, key)? {
        None => Ok(None),
        Some(v) => match v.trim().parse() {
            Ok(n) => Ok(Some(n)),
            Err(_) => Err(format!(
                "the attribute ss:{key}=\"{v}\" is not a whole number"
            )),
        },
    }
}

/// ss:Index made 0-based.
fn index(e: &BytesStart) -> Result<Option<u32>, String> {
    match num(e, "Index")? {
        Some(0) => Err("the attribute ss:Index=\"0\" is invalid, as indexes start at 1".into()),
        n => Ok(n.map(|n| n - 1)),
    }
}

fn value(kind: &str, text: String) -> Option<Data> {
    let t = text.trim();
    // Whitespace is content only in strings.
    if text.is_empty() || (t.is_empty() && kind != "String") {
        return None;
    }
    Some(match kind {
        "Number" => match t.parse() {
            Ok(f) => Data::Float(f),
            Err(_) => Data::String(text),
        },
        "Boolean" if t == "1" || t.eq_ignore_ascii_case("true") => Data::Bool(true),
        "Boolean" if t == "0" || t.eq_ignore_ascii_case("false") => Data::Bool(false),
        "DateTime" => Data::DateTimeIso(t.to_owned()),
        "Error" => Data::Error(match t {
            "#DIV/0!" => CellErrorType::Div0,
            "#NAME?" => CellErrorType::Name,
            "#NULL!" => CellErrorType::Null,
            "#NUM!" => CellErrorType::Num,
            "#REF!" => CellErrorType::Ref,
            "#VALUE!" => CellErrorType::Value,
            _ => CellErrorType::NA,
        }),
        _ => Data::String(text),
    })
}

#[cfg(test)]
mod tests;
