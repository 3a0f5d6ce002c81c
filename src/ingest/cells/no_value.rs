//! Cells that stand for "no value": a lone dash, SQL's `NULL`, and 1C's empty date. Taken
//! as values they rejected whole rows (a birthday of `-` lost the client, a `NULL` date
//! thousands of visits) or worse, were read (the year 1; a VIN of `-` made every car
//! without one a single vehicle; an agent `-` an agent).

use polars::prelude::*;

use crate::schema::Kind;

/// Whether a cell (of any kind) is one of the marks exports write for "no value": a lone
/// dash (`-`, `–`, `—`), as Excel's accounting format and hand-kept tables write an empty
/// number, date or text, or SQL's `NULL` (any case), as database exports write one.
fn is_blank_mark(cell: &str) -> bool {
    matches!(cell, "-" | "–" | "—") || cell.eq_ignore_ascii_case("null")
}

/// Whether a cell of `kind` is a mark for "no value": a blank mark ([`is_blank_mark`]),
/// and for dates 1C's empty date, its least date `01.01.0001` (`01.01.0001 0:00:00`,
/// `0001-01-01`), which read as a date greeted clients of unknown birthday every January
/// and closed orders two thousand years before they opened. Money's dash is not one: it is
/// a zero ([`super::plan`]); its `NULL` is.
fn means_no_value(kind: Kind, cell: &str) -> bool {
    // Most cells are values: a number is not a blank mark, and only a cell of 8 bytes or
    // more can be a date of year 1; both are told without trimming.
    let dates = matches!(kind, Kind::Date | Kind::DateTime);
    if !(cell.len() <= 8 || dates && cell.len() >= 8 && cell.contains("0001")) {
        return false;
    }
    let cell = cell.trim();
    if is_blank_mark(cell) {
        return kind != Kind::Money || cell.eq_ignore_ascii_case("null");
    }
    if !dates {
        return false;
    }
    let (day, time) = cell.split_once([' ', 'T']).unwrap_or((cell, ""));
    matches!(day, "01.01.0001" | "1.1.0001" | "0001-01-01")
        && time.trim().chars().all(|c| matches!(c, '0' | ':' | '.'))
}

/// Whether some cell of the column is a no-value mark, asked only of the cells whose view
/// (their length and first four bytes) could be one, without reaching the text of the
/// others: every text column of every table is asked, a chain's tens of millions of cells,
/// and reading each cell's text cost the Parquet chain's check a fifth more time. A
/// blank mark is at most 8 bytes and starts, trimmed or not, with a dash, `n`/`N` or
/// white space; 1C's empty date starts `01.0`, `1.1.` or `0001`.
fn holds_marks(kind: Kind, ca: &StringChunked) -> bool {
    let dates = matches!(kind, Kind::Date | Kind::DateTime);
    ca.downcast_iter().zip(ca.chunks()).any(|(arr, chunk)| {
        let validity = chunk.validity();
        arr.views().iter().enumerate().any(|(j, v)| {
            let head = v.prefix.to_le_bytes();
            let short = (1..=8).contains(&v.length)
                && matches!(
                    head[0],
                    b'-' | b'n' | b'N' | b' ' | b'\t' | b'\r' | b'\n' | 0xc2 | 0xe1..=0xe3
                );
            let empty_date = dates
                && v.length >= 8
                && matches!(
                    head,
                    [b'0', b'1', b'.', b'0']
                        | [b'1', b'.', b'1', b'.']
                        | [b'0', b'0', b'0', b'1']
                        | [b' ', ..]
                );
            let valid = validity.is_none_or(|b| b.get_bit(j));
            (short || empty_date) && valid && means_no_value(kind, arr.value(j))
        })
    })
}

/// A text column of `kind` with its no-value marks (a blank mark; in dates also 1C's
/// empty date) made empty, as the user meant them; None when it has none. An empty cell is
/// then what it is (a required value missing, an optional one absent, `false` for a yes/no,
/// a coded column's default), not an unreadable one nor a value.
///
/// ```
/// use polars::prelude::*;
/// use stoa::{ingest::cells::blank_no_value_marks, schema::Kind};
/// let c = Column::new("d".into(), [Some("01.01.0001 0:00:00"), Some("05.03.2026"), Some(" - "), Some("NULL")]);
/// let got = blank_no_value_marks(Kind::Date, &c).unwrap().unwrap();
/// let got: Vec<Option<&str>> = got.str().unwrap().iter().collect();
/// assert_eq!(got, [None, Some("05.03.2026"), None, None]);
/// let n = Column::new("n".into(), ["01.01.0001", "5"]);
/// assert!(blank_no_value_marks(Kind::Number, &n).unwrap().is_none());
/// let vin = Column::new("vin".into(), ["—", "XTA21099", "null"]);
/// let got = blank_no_value_marks(Kind::Text, &vin).unwrap().unwrap();
/// assert_eq!(got.str().unwrap().iter().collect::<Vec<_>>(), [None, Some("XTA21099"), None]);
/// ```
pub fn blank_no_value_marks(kind: Kind, cells: &Column) -> PolarsResult<Option<Column>> {
    let ca = cells.str()?;
    if !holds_marks(kind, ca) {
        return Ok(None);
    }
    let kept: StringChunked = ca
        .iter()
        .map(|v| v.filter(|s| !means_no_value(kind, s)))
        .collect();
    Ok(Some(kept.with_name(cells.name().clone()).into_column()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_views_find_every_mark_and_pass_over_values() {
        let ca = |cells: &[Option<&str>]| {
            StringChunked::from_iter_options("c".into(), cells.iter().copied())
        };
        let values = [
            Some("05.03.2026"),
            None,
            Some("ЗН-000123"),
            Some("-5"),
            Some("nullable"),
        ];
        assert!(!holds_marks(Kind::Text, &ca(&values)));
        assert!(!holds_marks(Kind::Date, &ca(&values)));
        for mark in ["—", " null ", "\u{a0}-", "NULL"] {
            let cells = [values.as_slice(), &[Some(mark)]].concat();
            assert!(holds_marks(Kind::Text, &ca(&cells)), "{mark}");
        }
        for date in ["1.1.0001", "01.01.0001 0:00:00", " 0001-01-01"] {
            let cells = [values.as_slice(), &[Some(date)]].concat();
            assert!(holds_marks(Kind::Date, &ca(&cells)), "{date}");
            assert!(!holds_marks(Kind::Text, &ca(&cells)), "{date}");
        }
    }

    #[test]
    fn blank_marks_are_empty_in_every_kind_and_moneys_dash_is_left_to_be_a_zero() {
        use crate::schema::EnumKind;
        for kind in [
            Kind::Text,
            Kind::Date,
            Kind::DateTime,
            Kind::Time,
            Kind::Int,
            Kind::Number,
            Kind::Bool,
            Kind::Enum(EnumKind::Channel),
        ] {
            for cell in ["-", " – ", "—", "NULL", "null", "Null"] {
                assert!(means_no_value(kind, cell), "{kind:?} {cell}");
            }
            for cell in ["--", "н/д", "nullable", "0", "-5", "x"] {
                assert!(!means_no_value(kind, cell), "{kind:?} {cell}");
            }
        }
        assert!(!means_no_value(Kind::Money, "-"));
        assert!(!means_no_value(Kind::Money, "—"));
        assert!(means_no_value(Kind::Money, "NULL"));
        assert!(!means_no_value(Kind::Text, "01.01.0001"));
    }
}
