//! Tables saved as a web page under a spreadsheet's name: many web systems' "export to
//! Excel" and 1C's "save as HTML" write an HTML table as `visits.xls`, which Excel opens
//! (after a warning), so users take it for a workbook. Its rows are laid out as Excel lays
//! them out when it opens the page, then read by the sheet reader like any sheet.

use std::borrow::Cow;

use calamine::{Cell, Data, Dimensions, Range};
use scraper::{ElementRef, Html, Node};

/// A page's tables as one sheet.
pub struct Page {
    /// The cells of every table of the page, one table after another, as text.
    pub range: Range<Data>,
    /// Cells spanning several rows or columns (`rowspan`, `colspan`), as a workbook's
    /// merged cells, in the range's coordinates.
    pub merged: Vec<Dimensions>,
}

/// Whether the first bytes of a file are an HTML page holding a table: text starting with
/// `<` (after a byte-order mark and white space) that names `<html`, `<!doctype html` or
/// `<table` within them. SpreadsheetML 2003 (XML) is told apart by its caller first.
///
/// ```
/// use stoa::ingest::read::html::looks_like;
/// assert!(looks_like(b"\xef\xbb\xbf<html><body><table><tr><td>1</td></tr></table>"));
/// assert!(looks_like(b"  <TABLE border=1><TR><TD>a</TD></TR></TABLE>"));
/// assert!(!looks_like(b"client_id;name\n1;<b>"));
/// ```
pub fn looks_like(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_none_or(|i| head[i] != b'<') {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [&b"<html"[..], b"<!doctype html", b"<table"]
        .iter()
        .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// The page's text: a byte-order mark decides, then the `charset` its `<meta>` names (web
/// exports of Russian systems are often Windows-1251), then as for CSV: valid UTF-8 is
/// UTF-8 and anything else Windows-1251.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let declared = match encoding_rs::Encoding::for_bom(bytes) {
        Some(_) => None,
        None => declared_charset(&bytes[..bytes.len().min(4096)]),
    };
    match declared {
        Some(enc) => enc.decode_without_bom_handling(bytes).0,
        None => super::csv::decode(bytes).0,
    }
}

/// The encoding a `<meta charset=…>` or `content="text/html; charset=…"` names.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .copied()
        .skip_while(|b| *b == b'"' || *b == b'\'')
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .collect();
    encoding_rs::Encoding::for_label(&label)
}

/// The tables of a page as one sheet: each table's rows in turn, a cell spanning rows or
/// columns placed as Excel places it (the cells after it move right, the rows below skip
/// its columns) and kept as a merged region. Rows of a table inside a cell of another are
/// that cell's text, not rows of their own.
///
/// ```
/// use stoa::ingest::read::html::{read, decode};
/// let page = read(&decode(b"<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"));
/// assert_eq!(page.range.get_value((1, 1)), Some(&calamine::Data::String("2".into())));
/// ```
pub fn read(text: &str) -> Page {
    let doc = Html::parse_document(text);
    let mut cells: Vec<Cell<Data>> = Vec::new();
    let mut merged = Vec::new();
    let mut row: u32 = 0;
    for table in doc.root_element().descendent_elements() {
        if table.value().name() != "table" || inside_a_table(table) {
            continue;
        }
        // Per column, the first row not covered by a cell spanning rows from above.
        let mut covered_until: Vec<u32> = Vec::new();
        for tr in rows_of(table) {
            let mut col: u32 = 0;
            for td in tr
                .child_elements()
                .filter(|e| matches!(e.value().name(), "td" | "th"))
            {
                while covered_until.get(col as usize).is_some_and(|&r| r > row) {
                    col += 1;
                }
                let span = |name: &str| {
                    td.attr(name)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .map_or(1, |n| n.clamp(1, 1000))
                };
                let (down, across) = (span("rowspan"), span("colspan"));
                let text = cell_text(td);
                if !text.is_empty() {
                    cells.push(Cell::new((row, col), Data::String(text)));
                }
                let end = (col + across) as usize;
                if covered_until.len() < end {
                    covered_until.resize(end, 0);
                }
                for c in &mut covered_until[col as usize..end] {
                    *c = row + down;
                }
                if down > 1 || across > 1 {
                    merged.push(Dimensions::new(
                        (row, col),
                        (row + down - 1, col + across - 1),
                    ));
                }
                col += across;
            }
            row += 1;
        }
        // A cell spanning past the table's last row still takes those rows.
        row = row.max(covered_until.iter().copied().max().unwrap_or(0));
    }
    Page {
        range: Range::from_sparse(cells),
        merged,
    }
}

/// Whether `e` lies inside another table.
fn inside_a_table(e: ElementRef) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "table")
}

/// The rows of a table, its own only (in `thead`, `tbody`, `tfoot` or directly under it).
fn rows_of(table: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    table.child_elements().flat_map(|child| {
        let rows: Vec<ElementRef> = match child.value().name() {
            "tr" => vec![child],
            "thead" | "tbody" | "tfoot" => child
                .child_elements()
                .filter(|e| e.value().name() == "tr")
                .collect(),
            _ => Vec::new(),
        };
        rows
    })
}

/// A cell's text as a browser shows it on one line: white space collapsed, a line break
/// a space, the text of scripts and styles left out. Non-breaking spaces (`&nbsp;`, the
/// thousands mark of Russian money) are kept.
fn cell_text(td: ElementRef) -> String {
    let mut raw = String::new();
    for node in td.descendants() {
        match node.value() {
            Node::Text(t) => {
                let hidden = node
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| matches!(a.value().name(), "script" | "style"));
                if !hidden {
                    raw.push_str(t);
                }
            }
            Node::Element(e) if e.name() == "br" => raw.push(' '),
            _ => {}
        }
    }
    let words: Vec<&str> = raw.split_ascii_whitespace().collect();
    let text = words.join(" ");
    if text.trim().is_empty() {
        String::new()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(page: &Page, at: (u32, u32)) -> Option<String> {
        match page.range.get_value(at) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        }
    }

    #[test]
    fn rows_of_a_plain_table_are_its_cells_as_text() {
        let page = read(
            "<html><body><h1>Заказ-наряды</h1><table>\
             <tr><th>Номер</th><th>Сумма</th></tr>\
             <tr><td> ЗН-1 </td><td>1&nbsp;234,50 ₽</td></tr>\
             </table></body></html>",
        );
        assert_eq!(page.range.start(), Some((0, 0)));
        assert_eq!(page.range.end(), Some((1, 1)));
        assert_eq!(text_at(&page, (0, 0)).as_deref(), Some("Номер"));
        assert_eq!(text_at(&page, (1, 0)).as_deref(), Some("ЗН-1"));
        assert_eq!(text_at(&page, (1, 1)).as_deref(), Some("1\u{a0}234,50 ₽"));
        assert!(page.merged.is_empty());
    }

    #[test]
    fn spans_move_cells_as_excel_does_and_are_kept_as_merged() {
        // Row 0: a(2 rows) b(2 cols); row 1: c goes to column 1, d to column 2.
        let page = read(
            "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr>\
             <tr><td>c</td><td>d</td></tr><tr><td>e</td></tr></table>",
        );
        assert_eq!(text_at(&page, (0, 0)).as_deref(), Some("a"));
        assert_eq!(text_at(&page, (0, 1)).as_deref(), Some("b"));
        assert_eq!(text_at(&page, (0, 2)), None);
        assert_eq!(text_at(&page, (1, 0)), None);
        assert_eq!(text_at(&page, (1, 1)).as_deref(), Some("c"));
        assert_eq!(text_at(&page, (1, 2)).as_deref(), Some("d"));
        assert_eq!(text_at(&page, (2, 0)).as_deref(), Some("e"));
        assert_eq!(
            page.merged,
            vec![
                Dimensions::new((0, 0), (1, 0)),
                Dimensions::new((0, 1), (0, 2))
            ]
        );
    }

    #[test]
    fn tables_follow_one_another_and_nested_tables_stay_in_their_cell() {
        let page = read(
            "<table><tr><td>Отчёт</td></tr></table>\
             <table><thead><tr><th>id</th></tr></thead><tbody>\
             <tr><td><table><tr><td>x</td></tr></table></td></tr></tbody></table>",
        );
        assert_eq!(text_at(&page, (0, 0)).as_deref(), Some("Отчёт"));
        assert_eq!(text_at(&page, (1, 0)).as_deref(), Some("id"));
        assert_eq!(text_at(&page, (2, 0)).as_deref(), Some("x"));
        assert_eq!(page.range.end(), Some((2, 0)));
    }

    #[test]
    fn unclosed_cells_line_breaks_and_scripts_read_as_a_browser_shows_them() {
        let page = read("<table><tr><td>Иванов<br>Иван<td>a\n   b<script>x=1</script></table>");
        assert_eq!(text_at(&page, (0, 0)).as_deref(), Some("Иванов Иван"));
        assert_eq!(text_at(&page, (0, 1)).as_deref(), Some("a b"));
    }

    #[test]
    fn the_declared_charset_decides_before_utf8() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("<td>Дата</td>");
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><table><tr>".to_vec();
        page.extend_from_slice(&body);
        assert!(decode(&page).contains("<td>Дата</td>"));
        // Undeclared and not UTF-8: Windows-1251, as Russian exports are.
        assert!(decode(&body).contains("Дата"));
        assert_eq!(decode("<td>Дата</td>".as_bytes()), "<td>Дата</td>");
    }

    #[test]
    fn only_markup_with_a_table_or_a_page_looks_like_html() {
        assert!(looks_like(b"<!DOCTYPE html><html>"));
        assert!(!looks_like(b"<?xml version=\"1.0\"?><root/>"));
        assert!(!looks_like(b"PK\x03\x04"));
        assert!(!looks_like(b""));
    }
}
