//! Cells that stand for "no value": a lone dash, and 1C's empty date. Taken as values they
//! rejected whole rows (a birthday of `-` lost the client) or worse, were read (the year 1).

use polars::prelude::*;

use crate::schema::Kind;

/// Whether a cell of `kind` is a mark for "no value": a lone dash (`-`, `–`, `—`),
/// as exports and Excel's accounting format write an empty number or date; and for dates
/// 1C's empty date, its least date `01.01.0001` (`01.01.0001 0:00:00`, `0001-01-01`), which
/// read as a date greeted clients of unknown birthday every January and closed orders two
/// thousand years before they opened. Money is not asked: its dash is a zero
/// ([`super::plan`]).
fn means_no_value(kind: Kind, cell: &str) -> bool {
    // Most cells are values: a number is not a lone dash, and only a cell of 8 bytes or
    // more can be a date of year 1; both are told without trimming.
    let dates = matches!(kind, Kind::Date | Kind::DateTime);
    if !(cell.len() <= 5 || dates && cell.len() >= 8 && cell.contains("0001")) {
        return false;
    }
    let cell = cell.trim();
    if matches!(cell, "-" | "–" | "—") {
        return matches!(kind, Kind::Date | Kind::DateTime | Kind::Number | Kind::Int);
    }
    if !matches!(kind, Kind::Date | Kind::DateTime) {
        return false;
    }
    let (day, time) = cell.split_once([' ', 'T']).unwrap_or((cell, ""));
    matches!(day, "01.01.0001" | "1.1.0001" | "0001-01-01")
        && time.trim().chars().all(|c| matches!(c, '0' | ':' | '.'))
}

/// A text column of `kind` with its no-value marks (a lone dash; in dates also 1C's
/// empty date) made empty, as the user meant them; None when it has none. An empty cell is
/// then what it is (a required value missing, an optional one absent), not an unreadable
/// one.
///
/// ```
/// use polars::prelude::*;
/// use stoa::{ingest::cells::blank_no_value_marks, schema::Kind};
/// let c = Column::new("d".into(), [Some("01.01.0001 0:00:00"), Some("05.03.2026"), Some(" - ")]);
/// let got = blank_no_value_marks(Kind::Date, &c).unwrap().unwrap();
/// let got: Vec<Option<&str>> = got.str().unwrap().iter().collect();
/// assert_eq!(got, [None, Some("05.03.2026"), None]);
/// let n = Column::new("n".into(), ["01.01.0001", "5"]);
/// assert!(blank_no_value_marks(Kind::Number, &n).unwrap().is_none());
/// ```
pub fn blank_no_value_marks(kind: Kind, cells: &Column) -> PolarsResult<Option<Column>> {
    if !matches!(kind, Kind::Date | Kind::DateTime | Kind::Number | Kind::Int) {
        return Ok(None);
    }
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
