//! How a calamine cell becomes the text (or number) a table's column holds: dates as ISO
//! text, whole numbers without a fraction, errors as Excel shows them; and which rows are
//! blank or a total row.

use calamine::Data;

/// A cell as text: None when empty. Whole numbers print without a fraction so that a
/// client code typed as a number reads as `1234`, not `1234.0`.
///
/// ```
/// use calamine::Data;
/// use stoa::ingest::read::sheet::cell_text;
/// assert_eq!(cell_text(&Data::Float(1234.0)).as_deref(), Some("1234"));
/// assert_eq!(cell_text(&Data::Float(12.5)).as_deref(), Some("12.5"));
/// assert_eq!(cell_text(&Data::String("  ".into())), None);
/// ```
pub fn cell_text(cell: &Data) -> Option<String> {
    let mut buf = String::new();
    cell_str(cell, &mut buf).map(str::to_string)
}

/// A cell as [`cell_text`] gives it, without allocating: text cells are borrowed (trimmed)
/// and other cells are written into `buf`, which the caller reuses from cell to cell.
pub(super) fn cell_str<'a>(cell: &'a Data, buf: &'a mut String) -> Option<&'a str> {
    use std::fmt::Write as _;
    buf.clear();
    match cell {
        Data::Empty => return None,
        Data::String(s) => {
            let t = s.trim();
            return (!t.is_empty()).then_some(t);
        }
        Data::Float(f) => {
            let _ = if f.fract() == 0.0 && f.abs() < 1e15 {
                write!(buf, "{}", *f as i64)
            } else {
                write!(buf, "{f}")
            };
        }
        Data::Int(i) => {
            let _ = write!(buf, "{i}");
        }
        Data::Bool(b) => {
            let _ = write!(buf, "{b}");
        }
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => iso(d, buf),
            None => {
                let _ = write!(buf, "{}", dt.as_f64());
            }
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => return Some(s.as_str()),
        Data::Error(e) => {
            // As Excel shows it (`#N/A`, `#DIV/0!`), which the reason then recognises.
            let _ = write!(buf, "{e}");
        }
    }
    Some(buf.as_str())
}

/// A cell as a number, when [`cell_text`] gives it as the text of that number: Some(None)
/// for an empty cell, Some(Some(x)) for a number cell, None for any other cell. Whole
/// numbers print without a fraction (`-0` as `0`) and others in Rust's shortest exact
/// form, so the text parses back to exactly this value.
pub(super) fn cell_number(cell: &Data) -> Option<Option<f64>> {
    match cell {
        Data::Empty => Some(None),
        Data::String(s) if s.trim().is_empty() => Some(None),
        Data::Float(f) if f.is_finite() => Some(Some(if *f == 0.0 { 0.0 } else { *f })),
        Data::Int(i) => Some(Some(*i as f64)),
        _ => None,
    }
}

/// A date-time as `yyyy-mm-dd`, or `yyyy-mm-dd hh:mm:ss` when it has a time of day,
/// written into `out` (by hand: chrono's `format` parses its pattern again for every cell).
fn iso(d: chrono::NaiveDateTime, out: &mut String) {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write as _;
    // To the nearest second, as Excel shows a date-time: a serial's fraction is rarely a
    // whole second (08:00 typed is often 07:59:59.9997 stored), and dropping the rest put
    // such a visit in hour 7.
    let whole = d.with_nanosecond(0).unwrap_or(d);
    let d = match d.nanosecond() >= 500_000_000 {
        true => whole + chrono::TimeDelta::seconds(1),
        false => whole,
    };
    if !(0..=9999).contains(&d.year()) {
        let _ = if d.time() == chrono::NaiveTime::MIN {
            write!(out, "{}", d.format("%Y-%m-%d"))
        } else {
            write!(out, "{}", d.format("%Y-%m-%d %H:%M:%S"))
        };
        return;
    }
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    if d.time() != chrono::NaiveTime::MIN {
        let _ = write!(out, " {:02}:{:02}:{:02}", d.hour(), d.minute(), d.second());
    }
}

/// Whether a cell is empty as [`cell_text`] sees it (None), without building the text.
pub(in crate::ingest::read) fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The position of the row's first non-empty cell when it starts with a total word (any
/// case). Only text can: numbers, dates, booleans and errors print as digits,
/// `true`/`false` or `#…`.
pub(super) fn total_word_at(row: &[Data]) -> Option<usize> {
    let (at, cell) = row.iter().enumerate().find(|(_, c)| !is_blank(c))?;
    let text = match cell {
        Data::String(s) => s.trim(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.as_str(),
        _ => return None,
    };
    super::super::is_total_word(text).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn dates_print_as_chrono_would_to_the_nearest_second() {
        for serial in [
            1.0,
            45_356.0,
            45_356.75,
            45_356.999_988,
            // 07:59:59.7: Excel shows 08:00.
            45_231.333_33,
            2_958_465.5,
            60.0,
            61.25,
        ] {
            let dt = ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false);
            // To the nearest second, as Excel shows it.
            let d = dt.as_datetime().unwrap() + chrono::TimeDelta::milliseconds(500);
            let d = chrono::Timelike::with_nanosecond(&d, 0).unwrap();
            let chrono_text = if d.time() == chrono::NaiveTime::MIN {
                d.format("%Y-%m-%d").to_string()
            } else {
                d.format("%Y-%m-%d %H:%M:%S").to_string()
            };
            assert_eq!(cell_text(&Data::DateTime(dt)), Some(chrono_text));
        }
    }

    #[test]
    fn blank_and_total_rows_as_cell_text_sees_them() {
        let s = |t: &str| Data::String(t.into());
        assert!(is_blank(&Data::Empty) && is_blank(&s("  ")));
        assert!(!is_blank(&Data::Float(0.0)) && !is_blank(&Data::DateTimeIso(String::new())));
        let at = |row: &[Data]| total_word_at(row);
        assert_eq!(
            at(&[Data::Empty, s(" "), s(" ИТОГО по филиалу"), s("x")]),
            Some(2)
        );
        assert_eq!((at(&[s("Всего:")]), at(&[s("TOTAL")])), (Some(0), Some(0)));
        // Russian Excel's total row of a table, and words that only begin like a total.
        assert_eq!(at(&[s("Итог"), Data::Float(12.0)]), Some(0));
        assert_eq!(at(&[s("Totals")]), Some(0));
        assert_eq!(
            (at(&[s("Итогова Мария")]), at(&[s("Totalgaz")])),
            (None, None)
        );
        assert_eq!(at(&[Data::Float(1.0), s("Итого")]), None);
        assert_eq!(at(&[s("Иванов"), s("Итого")]), None);
        assert_eq!((at(&[Data::Bool(true)]), at(&[])), (None, None));
    }
}
