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
/// (or a part's header, for a table read from several sheets or files) says over it.
/// One comparison over the first column read finds the candidates, which nearly always
/// are none; the other columns are asked of those rows alone.
pub(super) fn skip_repeated_headers(
    table: Table,
    raw: &mut RawTable,
) -> PolarsResult<Option<Repeated>> {
    let mut headers: Vec<&Header> = vec![&raw.header];
    headers.extend(raw.parts.iter().map(|p| &p.header));
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
    // That column's cell as each header writes it: a page's header repeats the first one
    // verbatim.
    let firsts: Vec<&str> = headers
        .iter()
        .filter_map(|h| h.mapping.get(first).map(|&i| h.cells[i].trim()))
        .filter(|c| !c.is_empty())
        .collect();
    if firsts.is_empty() {
        return Ok(None);
    }
    let ca = column.str()?;
    let candidates: Vec<usize> = ca
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_some_and(|v| firsts.contains(&v)))
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return Ok(None);
    }
    let cell = |name: &str, row: usize| -> PolarsResult<Option<String>> {
        Ok(match raw.frame.column(name)?.get(row)? {
            AnyValue::String(t) => Some(header_key(t)),
            AnyValue::StringOwned(t) => Some(header_key(&t)),
            _ => None,
        })
    };
    let mut repeated = Vec::new();
    for row in candidates {
        let mut any = false;
        for key in &keys {
            let mut all = true;
            for (name, head) in key {
                if cell(name, row)?.as_deref() != Some(head.as_str()) {
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
            numbers: Vec::new(),
            parts: Vec::new(),
            merged: Vec::new(),
            disguised: Vec::new(),
            hidden: Vec::new(),
            subtotals: Vec::new(),
            below: Vec::new(),
            unsaved: Vec::new(),
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
}
