//! A strict first pass for number and money text cells: a cell of digits with at most one
//! decimal mark (`,` or `.`), an optional minus, and spaces or apostrophes between digits
//! (`1 234,50`, `12345.5`, `-3`) is read directly; every other cell (currency words,
//! thousands marks, exponents, anything odd) goes through the general plan
//! ([`super::plan`]: regex rewrites, then a cast) as before. A chain's order lines hold
//! tens of thousands of distinct amounts, and the plan's regexes cost tens of milliseconds
//! per column where this costs a few.
//!
//! The pass only takes a cell whose value it knows the plan gives: the plan removes the
//! same spaces and apostrophes, reads a lone mark as the decimal mark, and casts the text
//! with a correctly rounded parser, as `str::parse::<f64>` is.

use polars::prelude::*;

use super::{plan_value, Currency};
use crate::schema::Kind;

/// Cells at or above this size are left to the plan (kopecks of larger amounts would not
/// fit the plan's integer cast the same way).
const LIMIT: f64 = 1e15;

/// Money cells of more than two decimals, rounded to the kopeck (`1234,567` as 1234,57):
/// how many, and the first one as written with what it was read as (kopecks). Found
/// among the cells of the strict form (and a workbook's number cells), which parsing
/// reads anyway; a cell of another form (with `₽`, say) is rounded without being counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rounded {
    /// Cells rounded.
    pub cells: u64,
    /// The first one, as written.
    pub example: String,
    /// What it was read as, in kopecks.
    pub kopecks: i64,
    /// The rows of those cells (positions in the column, ascending), for counting them
    /// again on the rows accepted.
    pub rows: Vec<IdxSize>,
}

/// Whether an amount in roubles has a part below the kopeck: more than two decimals
/// (the noise of binary fractions aside: 0.29 × 100 is 28.999999999999996).
pub(super) fn below_kopeck(units: f64) -> bool {
    let k = units * 100.0;
    (k - k.round()).abs() > 1e-6
}

/// The value of a cell of the strict form; None for any other cell.
fn strict(s: &str) -> Option<f64> {
    // The digits, sign and mark gathered on the stack: this runs on every cell of a column
    // of mostly distinct numbers. Longer cells are left to the plan.
    let mut buf = [0u8; 48];
    let mut len = 0usize;
    let mut push = |c: char| -> Option<()> {
        *buf.get_mut(len)? = c as u8;
        len += 1;
        Some(())
    };
    let mut chars = s.chars().peekable();
    if chars.peek() == Some(&'-') {
        push('-')?;
        chars.next();
    }
    let (mut digits_before, mut digits_after, mut mark) = (0usize, 0usize, false);
    for c in chars {
        match c {
            '0'..='9' => {
                push(c)?;
                match mark {
                    true => digits_after += 1,
                    false => digits_before += 1,
                }
            }
            ',' | '.' if !mark => {
                mark = true;
                push('.')?;
            }
            // The white space exports put between thousands, and apostrophes.
            ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            _ => return None,
        }
    }
    // `\d+` or `\d*[.,]\d+`: a mark needs a digit after it.
    let ok = match mark {
        true => digits_after > 0,
        false => digits_before > 0,
    };
    let text = std::str::from_utf8(&buf[..len]).ok()?;
    let v: f64 = text.parse().ok().filter(|_| ok)?;
    (v.abs() < LIMIT).then_some(v)
}

/// The values of a whole money, number or integer column of cleaned text `ca` (mostly
/// distinct cells), as the plan of `kind` gives them: kopecks (Int64) for money, Float64
/// otherwise. Cells of the strict form are read here, the rest by the plan. Built from one
/// buffer of values and one of flags (9 bytes a row) without a list of the cells. Money's
/// cells of more than two decimals are counted on the way ([`Rounded`]).
pub(super) fn column_values(
    kind: Kind,
    ca: &StringChunked,
    name: &str,
    currency: &Currency,
) -> PolarsResult<(Column, Rounded)> {
    let mut values: Vec<f64> = Vec::with_capacity(ca.len());
    let mut valid: Vec<bool> = Vec::with_capacity(ca.len());
    let mut rest: Vec<(usize, &str)> = Vec::new();
    let money = kind == Kind::Money;
    let mut rounded = Rounded::default();
    for (i, cell) in ca.iter().enumerate() {
        let v = match cell {
            None => None,
            Some(s) => {
                let v = strict(s);
                match v {
                    None => rest.push((i, s)),
                    Some(v) if money && below_kopeck(v) => {
                        if rounded.cells == 0 {
                            rounded.example = s.to_string();
                            rounded.kopecks = super::to_kopecks(v) as i64;
                        }
                        rounded.cells += 1;
                        rounded.rows.push(i as IdxSize);
                    }
                    Some(_) => {}
                }
                v
            }
        };
        values.push(v.unwrap_or(0.0));
        valid.push(v.is_some());
    }
    if !rest.is_empty() {
        let cells = Column::new(
            ca.name().clone(),
            rest.iter().map(|(_, s)| *s).collect::<Vec<&str>>(),
        );
        let parsed = plan_value(kind, cells, name, currency)?.cast(&DataType::Float64)?;
        for ((i, _), v) in rest.iter().zip(parsed.f64()?.iter()) {
            if let Some(v) = v {
                // The plan gives kopecks for money; strict cells are in units until below.
                values[*i] = if kind == Kind::Money { v / 100.0 } else { v };
                valid[*i] = true;
            }
        }
    }
    let cells = values.iter().zip(&valid).map(|(v, ok)| ok.then_some(*v));
    let column = if kind == Kind::Money {
        Int64Chunked::from_iter_options(
            name.into(),
            cells.map(|v| v.map(|v| super::to_kopecks(v) as i64)),
        )
        .into_column()
    } else {
        Float64Chunked::from_iter_options(name.into(), cells).into_column()
    };
    Ok((column, rounded))
}

/// The values of a money, number or integer column's distinct cells (`distinct`, cleaned
/// text), as the plan of `kind` gives them: kopecks (Int64) for money, Float64 otherwise.
/// Cells of the strict form are read here, the rest by the plan. Money's cells of more than
/// two decimals are flagged (by their index among `distinct`) in the second value.
pub(super) fn distinct_values(
    kind: Kind,
    distinct: &[Option<&str>],
    raw_name: &str,
    name: &str,
    currency: &Currency,
) -> PolarsResult<(Column, Vec<usize>)> {
    let mut values: Vec<Option<f64>> = Vec::with_capacity(distinct.len());
    let mut rest: Vec<(usize, &str)> = Vec::new();
    for (i, cell) in distinct.iter().enumerate() {
        values.push(match cell.map(|s| (s, strict(s))) {
            None => None,
            Some((_, Some(v))) => Some(v),
            Some((s, None)) => {
                rest.push((i, s));
                None
            }
        });
    }
    let money = kind == Kind::Money;
    let rounded: Vec<usize> = match money {
        true => values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_some_and(below_kopeck))
            .map(|(i, _)| i)
            .collect(),
        false => Vec::new(),
    };
    let mut column: Vec<Option<f64>> = values
        .into_iter()
        .map(|v| v.map(|v| if money { super::to_kopecks(v) } else { v }))
        .collect();
    if !rest.is_empty() {
        let cells = Column::new(
            raw_name.into(),
            rest.iter().map(|(_, s)| *s).collect::<Vec<&str>>(),
        );
        let parsed = plan_value(kind, cells, name, currency)?.cast(&DataType::Float64)?;
        for ((i, _), v) in rest.iter().zip(parsed.f64()?.iter()) {
            column[*i] = v;
        }
    }
    let column = Column::new(name.into(), column);
    let column = match money {
        true => column.cast(&DataType::Int64)?,
        false => column,
    };
    Ok((column, rounded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strict_form_is_read_and_everything_else_left_to_the_plan() {
        assert_eq!(strict("1 234,50"), Some(1234.5));
        assert_eq!(strict("1\u{a0}234.5"), Some(1234.5));
        assert_eq!(strict("12'345"), Some(12345.0));
        assert_eq!(strict("-3"), Some(-3.0));
        assert_eq!(strict(",5"), Some(0.5));
        assert_eq!(strict("1,234"), Some(1.234));
        for other in [
            "1.234,5",
            "1,234,567",
            "5,",
            "-",
            "",
            "+5",
            "1e5",
            "−3",
            "12 ₽",
            "inf",
            "1..2",
            "1-2",
            "1e15",
            "1000000000000000",
        ] {
            assert_eq!(strict(other), None, "{other:?}");
        }
    }

    /// Every cell gets the value the plan alone gives it.
    #[test]
    fn distinct_values_agree_with_the_plan() {
        let cells = [
            Some("1 234,50"),
            None,
            Some("1.234,5"),
            Some("0,005"),
            Some("-0,005"),
            Some("12,345,678.9"),
            Some("1e5"),
            Some("99.995"),
            Some("руб. 10"),
            Some("-0"),
            Some("1000000000000000"),
            Some("5,"),
        ];
        for kind in [Kind::Money, Kind::Number, Kind::Int] {
            let (ours, rounded) =
                distinct_values(kind, &cells, "raw", "v", &Currency::Rub).unwrap();
            // `0,005` and `-0,005` have more than two decimals; `99.995` is rounded too.
            let want: &[usize] = match kind {
                Kind::Money => &[3, 4, 7],
                _ => &[],
            };
            assert_eq!(rounded, want, "{kind:?}");
            let theirs =
                &plan_value(kind, Column::new("raw".into(), cells), "v", &Currency::Rub).unwrap();
            assert_eq!(ours.dtype(), theirs.dtype(), "{kind:?}");
            assert!(
                ours.as_materialized_series()
                    .equals_missing(theirs.as_materialized_series()),
                "{kind:?}: {ours:?} vs {theirs:?}"
            );
        }
    }

    #[test]
    fn money_of_more_than_two_decimals_is_counted_as_it_is_read() {
        let ca = StringChunked::new(
            "raw".into(),
            [
                Some("1 234,50"),
                Some("1234,567"),
                None,
                Some("0,29"),
                Some("1,500"),
                Some("10.001"),
                Some("12,3456 ₽"),
            ],
        );
        let (v, rounded) = column_values(Kind::Money, &ca, "v", &Currency::Rub).unwrap();
        assert_eq!(v.i64().unwrap().get(1), Some(123_457));
        // `1,500` is 1,5 exactly; `12,3456 ₽` is the plan's, not counted.
        assert_eq!(
            rounded,
            Rounded {
                cells: 2,
                example: "1234,567".into(),
                kopecks: 123_457,
                rows: vec![1, 5],
            }
        );
        let (_, rounded) = column_values(Kind::Number, &ca, "v", &Currency::Rub).unwrap();
        assert_eq!(rounded.cells, 0);
    }
}
