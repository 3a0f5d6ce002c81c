//! Cells that stand for "no value": a lone dash, SQL's `NULL`, and 1C's empty date. Taken
//! as values they rejected whole rows (a birthday of `-` lost the client, a `NULL` date
//! thousands of visits) or worse, were read (the year 1; a VIN of `-` made every car
//! without one a single vehicle; an agent `-` an agent).

use polars::prelude::*;

use crate::schema::Kind;

/// Whether a cell (of any kind) is one of the marks exports write for "no value": a lone
/// dash (`-`, `–`, `—`), as Excel's accounting format and hand-kept tables write an empty
/// number, date or text, or SQL's `NULL` (any case), as database exports write one.
fn is_placeholder(cell: &str) -> bool {
    matches!(cell, "-" | "–" | "—") || cell.eq_ignore_ascii_case("null")
}

/// Whether a cell of `kind` is a mark for "no value": a placeholder ([`is_placeholder`]),
/// and for dates 1C's empty date, its least date `01.01.0001` (`01.01.0001 0:00:00`,
/// `0001-01-01`), which read as a date greeted clients of unknown birthday every January
/// and closed orders two thousand years before they opened. Money's dash is not one: it is
/// a zero ([`super::plan`]); its `NULL` is.
fn means_no_value(kind: Kind, cell: &str) -> bool {
    // Most cells are values: a number is not a placeholder, and only a cell of 8 bytes or
    // more can be a date of year 1; both are told without trimming.
    let dates = matches!(kind, Kind::Date | Kind::DateTime);
    if !(cell.len() <= 8 || dates && cell.len() >= 8 && cell.contains("0001")) {
        return false;
    }
    let cell = cell.trim();
    if is_placeholder(cell) {
        return kind != Kind::Money || cell.eq_ignore_ascii_case("null");
    }
    if !dates {
        return false;
    }
    let (day, time) = cell.split_once([' ', 'T']).unwrap_or((cell, ""));
    matches!(day, "01.01.0001" | "1.1.0001" | "0001-01-01")
        && time.trim().chars().all(|c| matches!(c, '0' | ':' | '.'))
}

/// A text column of `kind` with its no-value marks (a placeholder; in dates also 1C's
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
    if !ca.iter().flatten().any(|s| means_no_value(kind, s)) {
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
    fn placeholders_are_empty_in_every_kind_and_moneys_dash_is_left_to_be_a_zero() {
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
