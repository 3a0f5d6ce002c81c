//! A header repeated down the table, as a report printed by pages writes it over each
//! page and a file pasted together from several exports keeps it. Each such row was
//! rejected (its date "unreadable") and its words listed among a column's unread values.
//! They are set aside before validation, counted and named in a warning.

use polars::prelude::*;

use super::header::{header_key, Header};
use super::read::{RawTable, ROW};
use crate::schema::{Kind, Table};

/// The rows set aside: how many, and the first one's row number in the file.
pub(super) struct Repeated {
    pub rows: u64,
    pub first: u32,
}

/// Set aside the rows of `raw` whose every cell in a column read says what the header
/// (or a part's header, for a table read from several sheets or files) says over it, and
/// the pairs of rows that say what a header of two rows says in its two rows. One
/// comparison over the first column read finds the candidates, which nearly always are
/// none; the other columns are asked of those rows alone.
pub(super) fn skip_repeated_headers(
    table: Table,
    raw: &mut RawTable,
) -> PolarsResult<Option<Repeated>> {
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
        return Ok(None);
    };
    let column = raw.frame.column(first)?;
    if column.dtype() != &DataType::String {
        return Ok(None);
    }
    let ca = column.str()?;
    let mut repeated = one_row_repeats(&raw.frame, &headers, first, ca)?;
    repeated.extend(two_row_repeats(&raw.frame, &headers, first, ca)?);
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
}
