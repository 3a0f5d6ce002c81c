//! A header repeated down the table, as a report printed by pages writes it over each
//! page and a file pasted together from several exports keeps it. Each such row was
//! rejected (its date "unreadable") and its words listed among a column's unread values.
//! They are set aside before validation, counted and named in a warning.

use std::borrow::Cow;
use std::collections::HashSet;

use polars::prelude::*;

use super::header::{header_key, Header};
use super::read::{HeaderRepeat, RawTable, FILE, ROW, SHEET};
use crate::schema::{Kind, Table};

/// The rows set aside: how many, and the first one's row number in the file.
pub(super) struct Repeated {
    pub rows: u64,
    pub first: u32,
}

/// Set aside the rows of `raw` whose every cell in a column read says what the header
/// (or a part's header, for a table read from several sheets or files) says over it, the
/// pairs of rows that say what a header of two rows says in its two rows, and the rows
/// that the reader found repeating a header of several rows whole ([`whole_repeats`]:
/// its second row over columns not read, or a row of column numbers, says nothing in the
/// columns read, and was read as a row of data). One comparison over the first column
/// read finds the candidates, which nearly always are none; the other columns are asked of
/// those rows alone.
pub(super) fn skip_repeated_headers(
    table: Table,
    raw: &mut RawTable,
) -> PolarsResult<Option<Repeated>> {
    // The repeats of a header of several rows that the reader found whole.
    let mut repeated = marked(&raw.frame, &std::mem::take(&mut raw.header_repeats))?;
    repeated.extend(said_again(table, raw)?);
    repeated.sort_unstable();
    repeated.dedup();
    let Some(&at) = repeated.first() else {
        return Ok(None);
    };
    let first_row = match raw.frame.column(ROW)?.get(at)? {
        AnyValue::UInt32(r) => r,
        v => v.extract::<u32>().unwrap_or(0),
    };
    let mut keep = vec![true; raw.frame.height()];
    for &r in &repeated {
        keep[r] = false;
    }
    raw.keep_rows(&BooleanChunked::from_slice(ROW.into(), &keep))?;
    Ok(Some(Repeated {
        rows: repeated.len() as u64,
        first: first_row,
    }))
}

/// The rows of `raw` that say what its header (or a part's) says in the columns read.
fn said_again(table: Table, raw: &RawTable) -> PolarsResult<Vec<usize>> {
    let mut headers: Vec<&Header> = vec![&raw.header];
    headers.extend(raw.parts.iter().map(|p| &p.header));
    // A text column read (an id, a name): reading cleaned it, so its cells compare as they
    // are, and a cell of another length is passed over at its first comparison.
    let text = |c: &&&str| {
        table
            .input_columns()
            .iter()
            .any(|k| k.name == **c && k.kind == Kind::Text)
    };
    let Some(&first) = raw.header.mapping.keys().find(text) else {
        return Ok(Vec::new());
    };
    let column = raw.frame.column(first)?;
    if column.dtype() != &DataType::String {
        return Ok(Vec::new());
    }
    let ca = column.str()?;
    let mut repeated = one_row_repeats(&raw.frame, &headers, first, ca)?;
    repeated.extend(two_row_repeats(&raw.frame, &headers, first, ca)?);
    Ok(repeated)
}

/// The rows (0-based) of `frame` that `marks` name by file, sheet and row number.
fn marked(frame: &DataFrame, marks: &[HeaderRepeat]) -> PolarsResult<Vec<usize>> {
    if marks.is_empty() {
        return Ok(Vec::new());
    }
    let key = |file: Option<&str>, sheet: Option<&str>, row: u32| {
        (
            file.unwrap_or_default().to_string(),
            sheet.unwrap_or_default().to_string(),
            row,
        )
    };
    let wanted: HashSet<(String, String, u32)> = marks
        .iter()
        .map(|m| key(m.file.as_deref(), m.sheet.as_deref(), m.row))
        .collect();
    // The row numbers first: only a row of one of them is placed by its file and sheet.
    let numbers: HashSet<u32> = marks.iter().map(|m| m.row).collect();
    let text = |name: &str| frame.column(name).ok().and_then(|c| c.str().ok().cloned());
    let (files, sheets) = (text(FILE), text(SHEET));
    fn at(c: &Option<StringChunked>, i: usize) -> Option<&str> {
        c.as_ref().and_then(|c| c.get(i))
    }
    let rows = frame.column(ROW)?.cast(&DataType::UInt32)?;
    Ok(rows
        .u32()?
        .iter()
        .enumerate()
        .filter(|(i, row)| {
            row.is_some_and(|r| {
                numbers.contains(&r) && wanted.contains(&key(at(&files, *i), at(&sheets, *i), r))
            })
        })
        .map(|(i, _)| i)
        .collect())
}

/// The first cell of a header's first row that says something, by position: a repeat of
/// the header says it there too, which finds the candidates of [`whole_repeats`] with one
/// comparison a row.
pub(crate) fn key_cell(written: &[Vec<String>]) -> Option<(usize, &str)> {
    written
        .first()?
        .iter()
        .enumerate()
        .find(|(_, c)| !c.is_empty())
        .map(|(p, c)| (p, c.as_str()))
}

/// The rows (0-based, every row of each repeat) that repeat the rows of a header as
/// written (`written`, trimmed; more than one row), among `height` rows of `width` cells
/// whose cell at a row and position `cell` gives, starting at one of `candidates` (rows
/// whose cell at [`key_cell`] says what the header's does). Each row says its header row
/// cell for cell, trimmed, every cell past the header's empty; a cell empty in the
/// header's row under a cell above it may say that cell again, as a workbook's cell merged
/// down over the header's rows is read on each of them below the first header.
pub(crate) fn whole_repeats<'a>(
    written: &[Vec<String>],
    candidates: impl IntoIterator<Item = usize>,
    height: usize,
    width: usize,
    cell: impl Fn(usize, usize) -> Option<Cow<'a, str>>,
) -> Vec<usize> {
    let n = written.len();
    if n < 2 {
        return Vec::new();
    }
    let width = written.iter().map(Vec::len).fold(width, usize::max);
    let says = |row: usize, r: usize| {
        (0..width).all(|p| {
            let got = cell(row, p);
            let got = got.as_deref().map_or("", str::trim);
            let want = written[r].get(p).map_or("", String::as_str);
            let above = (0..r)
                .rev()
                .map(|j| written[j].get(p).map_or("", String::as_str))
                .find(|c| !c.is_empty());
            got == want || (want.is_empty() && above == Some(got))
        })
    };
    let mut repeats = Vec::new();
    let mut next = 0;
    for start in candidates {
        if start < next || start + n > height {
            continue;
        }
        if (0..n).all(|r| says(start + r, r)) {
            repeats.extend(start..start + n);
            next = start + n;
        }
    }
    repeats
}

/// The rows of a reader's `frame` (its source columns `names`, in order, and [`ROW`]) that repeat the header's
/// rows as written whole ([`whole_repeats`]), by row number; none for a header of one row.
pub(crate) fn frame_repeats(
    frame: &DataFrame,
    names: &[PlSmallStr],
    written: &[Vec<String>],
) -> PolarsResult<Vec<HeaderRepeat>> {
    let Some((key, text)) = key_cell(written).filter(|_| written.len() > 1) else {
        return Ok(Vec::new());
    };
    let columns: Vec<Option<&StringChunked>> = names
        .iter()
        .map(|n| frame.column(n.as_str()).ok().and_then(|c| c.str().ok()))
        .collect();
    let Some(Some(first)) = columns.get(key) else {
        return Ok(Vec::new());
    };
    let candidates: Vec<usize> = first
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_some_and(|c| c.trim() == text))
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let cell = |i: usize, p: usize| {
        let column = columns.get(p).copied().flatten()?;
        column.get(i).map(Cow::Borrowed)
    };
    let rows = whole_repeats(written, candidates, frame.height(), names.len(), cell);
    let numbers = frame.column(ROW)?.cast(&DataType::UInt32)?;
    let numbers = numbers.u32()?;
    Ok(rows
        .into_iter()
        .filter_map(|i| numbers.get(i))
        .map(|row| HeaderRepeat {
            file: None,
            sheet: None,
            row,
        })
        .collect())
}

/// The cell of column `name` in row `row` folded as header cells are matched; None when
/// it is empty or no text.
fn cell(frame: &DataFrame, name: &str, row: usize) -> PolarsResult<Option<String>> {
    let key = match frame.column(name)?.get(row)? {
        AnyValue::String(t) => header_key(t),
        AnyValue::StringOwned(t) => header_key(&t),
        _ => return Ok(None),
    };
    Ok((!key.is_empty()).then_some(key))
}

/// The rows (0-based) that repeat a header of one row.
fn one_row_repeats(
    frame: &DataFrame,
    headers: &[&Header],
    first: &str,
    ca: &StringChunked,
) -> PolarsResult<Vec<usize>> {
    // Each header's cells by canonical column, folded as header cells are matched.
    let keys: Vec<Vec<(&str, String)>> = headers
        .iter()
        .map(|h| {
            h.mapping
                .iter()
                .map(|(c, &i)| (*c, header_key(&h.cells[i])))
                .collect()
        })
        .collect();
    // That column's cell as each header writes it: a page's header repeats the first one
    // verbatim.
    let firsts: Vec<&str> = headers
        .iter()
        .filter_map(|h| h.mapping.get(first).map(|&i| h.cells[i].trim()))
        .filter(|c| !c.is_empty())
        .collect();
    let mut repeated = Vec::new();
    for row in candidates(ca, &firsts) {
        let mut any = false;
        for key in &keys {
            let mut all = true;
            for (name, head) in key {
                if cell(frame, name, row)?.as_deref() != Some(head.as_str()) {
                    all = false;
                    break;
                }
            }
            any |= all;
        }
        if any {
            repeated.push(row);
        }
    }
    Ok(repeated)
}

/// The rows whose cell of the first column read is one of `firsts`.
fn candidates(ca: &StringChunked, firsts: &[&str]) -> Vec<usize> {
    if firsts.is_empty() {
        return Vec::new();
    }
    ca.iter()
        .enumerate()
        .filter(|(_, v)| v.is_some_and(|v| firsts.contains(&v.trim())))
        .map(|(i, _)| i)
        .collect()
}

/// The rows (0-based, both of each pair) that repeat a header of two rows: a report
/// printed by pages writes both rows over each page (`Номер | Дата` over `заказа |
/// визита`). Each column read says its upper cell in the first row (nothing where that is
/// empty, under a group cell merged across) and its lower cell in the second (nothing, or
/// the upper cell again, where that is empty: a cell merged down over both rows is read
/// on each). Each row of the pair says something.
fn two_row_repeats(
    frame: &DataFrame,
    headers: &[&Header],
    first: &str,
    ca: &StringChunked,
) -> PolarsResult<Vec<usize>> {
    let mut repeated = Vec::new();
    for h in headers.iter().filter(|h| h.rows.len() == 2) {
        let at = |r: usize, p: usize| h.rows[r].get(p).map_or("", |c| c.trim());
        let Some(&pf) = h.mapping.get(first) else {
            continue;
        };
        // Pairs starting at a row that says the first column's upper cell, or above a row
        // that says its lower one.
        let mut starts = candidates(
            ca,
            &[at(0, pf)]
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>(),
        );
        starts.extend(
            candidates(
                ca,
                &[at(1, pf)]
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>(),
            )
            .into_iter()
            .filter_map(|r| r.checked_sub(1)),
        );
        starts.sort_unstable();
        starts.dedup();
        for start in starts {
            if start + 1 >= frame.height() {
                continue;
            }
            let (mut upper, mut lower, mut all) = (false, false, true);
            for (name, &p) in &h.mapping {
                let (u, l) = (header_key(at(0, p)), header_key(at(1, p)));
                let (cu, cl) = (cell(frame, name, start)?, cell(frame, name, start + 1)?);
                let upper_ok = match (&cu, u.is_empty()) {
                    (None, true) => true,
                    (Some(c), false) => *c == u,
                    _ => false,
                };
                let lower_ok = match (&cl, l.is_empty()) {
                    (None, true) => true,
                    (Some(c), true) => *c == u && !u.is_empty(),
                    (Some(c), false) => *c == l,
                    (None, false) => false,
                };
                upper |= cu.is_some();
                lower |= cl.is_some();
                if !(upper_ok && lower_ok) {
                    all = false;
                    break;
                }
            }
            if all && upper && lower {
                repeated.extend([start, start + 1]);
            }
        }
    }
    Ok(repeated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_that_say_what_the_header_says_are_set_aside() {
        let cells = ["Номер", "Дата", "Статус"];
        let header = Header {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            mapping: [("visit_id", 0), ("opened_at", 1), ("status", 2)].into(),
            ..Header::default()
        };
        let frame = df!(
            "visit_id" => ["1", "Номер", "2", "Номер"],
            "opened_at" => ["05.03.2026", " дата ", "06.03.2026", "07.03.2026"],
            "status" => ["выполнен", "Статус", "выполнен", "Статус"],
            ROW => [2u32, 3, 4, 5],
        )
        .unwrap();
        let mut raw = RawTable {
            frame,
            header,
            ..RawTable::default()
        };
        let r = skip_repeated_headers(Table::Visits, &mut raw)
            .unwrap()
            .unwrap();
        // Row 3 says the header (its case and spaces aside); row 5 has a date of its own.
        assert_eq!((r.rows, r.first), (1, 3));
        let rows: Vec<Option<u32>> = raw
            .frame
            .column(ROW)
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(rows, [Some(2), Some(4), Some(5)]);
        assert!(skip_repeated_headers(Table::Visits, &mut raw)
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_header_of_two_rows_said_again_in_two_rows_is_set_aside() {
        // `Заказ-наряд` over `Номер | Дата`, `Статус` merged down over both rows.
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let header = Header {
            cells: row(&["Заказ-наряд", "Дата", "Статус"]),
            mapping: [("visit_id", 0), ("opened_at", 1), ("status", 2)].into(),
            rows: vec![
                row(&["Заказ-наряд", "", "Статус"]),
                row(&["Номер", "Дата", ""]),
            ],
            ..Header::default()
        };
        let frame = df!(
            // Rows 3–4 repeat the header (`Статус` read again on 4, as merged down); rows
            // 6–7 begin alike but 7 is a visit.
            "visit_id" => [Some("1"), Some("Заказ-наряд"), Some("Номер"), Some("2"), Some("Заказ-наряд"), Some("Номер")],
            "opened_at" => [Some("05.03.2026"), None, Some("дата"), Some("06.03.2026"), None, Some("07.03.2026")],
            "status" => [Some("выполнен"), Some("Статус"), Some("статус"), Some("выполнен"), Some("Статус"), None],
            ROW => [2u32, 3, 4, 5, 6, 7],
        )
        .unwrap();
        let mut raw = RawTable {
            frame,
            header,
            ..RawTable::default()
        };
        let r = skip_repeated_headers(Table::Visits, &mut raw)
            .unwrap()
            .unwrap();
        assert_eq!((r.rows, r.first), (2, 3));
        let rows: Vec<Option<u32>> = raw
            .frame
            .column(ROW)
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(rows, [Some(2), Some(5), Some(6), Some(7)]);
    }
    #[test]
    fn a_header_of_several_rows_repeated_whole_is_found_cell_for_cell() {
        // `Номер | Дата | Сумма` over ` | | без скидки | со скидкой`: the second row under
        // columns visits do not read. Rows 1–2 repeat it; rows 4–5 with `Дата` read again
        // on the second row (merged down); rows 6–7 differ in a cell not read, and row 8
        // starts a repeat the table ends in.
        let written = vec![
            vec![
                "Номер".to_string(),
                "Дата".into(),
                "Сумма".into(),
                "".into(),
            ],
            vec![
                "".to_string(),
                "".into(),
                "без скидки".into(),
                "со скидкой".into(),
            ],
        ];
        let rows: [[&str; 4]; 9] = [
            ["ЗН-1", "03.03.2026", "100", "90"],
            [" Номер ", "Дата", "Сумма", ""],
            ["", "", "без скидки", "со скидкой"],
            ["ЗН-2", "06.03.2026", "100", "90"],
            ["Номер", "Дата", "Сумма", ""],
            ["", "Дата", "без скидки", "со скидкой"],
            ["Номер", "Дата", "Сумма", ""],
            ["", "", "без скидки", "с НДС"],
            ["Номер", "Дата", "Сумма", ""],
        ];
        let cell = |i: usize, p: usize| {
            let c = rows[i][p];
            (!c.is_empty()).then_some(Cow::Borrowed(c))
        };
        assert_eq!(key_cell(&written), Some((0, "Номер")));
        let found = whole_repeats(&written, [1, 4, 6, 8], rows.len(), 4, cell);
        assert_eq!(found, [1, 2, 4, 5]);
        // A cell past the header's (a fifth column) must be empty too.
        let wider = |i: usize, p: usize| match (i, p) {
            (2, 4) => Some(Cow::Borrowed("x")),
            (_, 4) => None,
            _ => cell(i, p),
        };
        assert_eq!(
            whole_repeats(&written, [1, 4], rows.len(), 5, wider),
            [4, 5]
        );
        // A header of one row is never a repeat of several.
        assert!(whole_repeats(&written[..1], [1], rows.len(), 4, cell).is_empty());
    }

    #[test]
    fn the_readers_repeats_are_found_by_file_sheet_and_row() {
        // Two files of one folder number their rows alike: the mark names a.csv's row 5.
        let frame = df!(
            "visit_id" => ["1", "", "2", ""],
            ROW => [4u32, 5, 4, 5],
            SHEET => ["", "", "", ""],
            FILE => ["a.csv", "a.csv", "b.csv", "b.csv"],
        )
        .unwrap();
        let mark = |file: &str, row| HeaderRepeat {
            file: Some(file.to_string()),
            sheet: None,
            row,
        };
        assert_eq!(marked(&frame, &[mark("a.csv", 5)]).unwrap(), [1]);
        assert_eq!(
            marked(&frame, &[mark("b.csv", 5), mark("a.csv", 4)]).unwrap(),
            [0, 3]
        );
        // One source: its frame names no file nor sheet, nor do the marks.
        let one = df!("visit_id" => ["1", ""], ROW => [2u32, 3]).unwrap();
        let bare = HeaderRepeat {
            file: None,
            sheet: None,
            row: 3,
        };
        assert_eq!(marked(&one, &[bare]).unwrap(), [1]);
    }
    #[test]
    fn a_second_row_over_columns_not_read_is_written_with_the_header() {
        // `Сумма` over `без скидки | со скидкой` above visits, which read no amount: both
        // rows are how a page's header repeats it. A header of one row has none.
        let visits = crate::ingest::header::Synonyms::new(Table::Visits, &Default::default());
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let r = [
            row(&["Номер", "Дата", "Клиент", "Марка", "Сумма", ""]),
            row(&["", "", "", "", " без скидки", "со скидкой"]),
        ];
        let h = visits.find_header(&r).unwrap();
        assert_eq!((h.index, h.rows.len()), (1, 0));
        assert_eq!(
            h.written,
            [
                r[0].clone(),
                row(&["", "", "", "", "без скидки", "со скидкой"])
            ]
        );
        assert!(visits.find_header(&r[..1]).unwrap().written.is_empty());
    }
}
