//! Times of day written in a column of their own (`Дата` | `Время`), as milliseconds since
//! midnight: `10:42`, `9:05:30`, `10:42:00.000`, a workbook's time cell (which reaches
//! validation as `1899-12-30 10:42:00`, Excel's day 0 with the time), a date-time whose
//! time is taken, and Excel's fraction of a day (`0.4458`) from a cell whose time format
//! was not recognised. Anything else, an hour past 23 or a minute or second past 59, and a
//! workbook's duration of a day or more (`[h]:mm` 36:00), is not a time.

use polars::prelude::*;

/// The clock in a cell: optionally a date before it (`yyyy-mm-dd`, `dd.mm.yyyy`, with a
/// space or a `T`), then `h:mm`, optionally `:ss` and a fraction of a second.
const CLOCK: &str = r"^(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4})[ T])?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$";

/// A fraction of a day: `0`, `0.5`, `,75`, `0,4458333`.
const FRACTION: &str = r"^0?(?:[.,]\d+)?$";

const MS_PER_DAY: f64 = 86_400_000.0;

/// The text of a time cell, trimmed (the plan's `prepare` stage).
pub(super) fn time_text(raw: Expr) -> Expr {
    raw.cast(DataType::String).str().strip_chars(lit(NULL))
}

/// Milliseconds since midnight (Int64) of the prepared text `p`, null where it is no time.
///
/// ```
/// use polars::prelude::*;
/// use stoa::schema::Kind;
/// let cells = ["10:42", "9:05:30", "1899-12-30 23:59:59", "0,5", "25:00", "10.42", "кофе"];
/// let df = df!("t" => cells).unwrap();
/// use stoa::ingest::cells::{plan, Currency};
/// let p = plan(Kind::Time, "t", "v", &DataType::String, &Currency::Rub);
/// let got = df.lazy().with_column(p.prepare.unwrap()).select([p.value]).collect().unwrap();
/// let ms: Vec<Option<i64>> = got.column("v").unwrap().i64().unwrap().iter().collect();
/// let h = |h: i64, m: i64, s: i64| Some(((h * 60 + m) * 60 + s) * 1000);
/// assert_eq!(ms, [h(10, 42, 0), h(9, 5, 30), h(23, 59, 59), h(12, 0, 0), None, None, None]);
/// ```
pub(super) fn time_of_day(p: Expr) -> Expr {
    let part = |i: usize| p.clone().str().extract(lit(CLOCK), i).cast(DataType::Int64);
    let (h, m) = (part(1), part(2));
    let s = part(3).fill_null(lit(0i64));
    let clock = when(
        h.clone()
            .lt_eq(lit(23i64))
            .and(m.clone().lt_eq(lit(59i64)))
            .and(s.clone().lt_eq(lit(59i64))),
    )
    .then(((h * lit(60i64) + m) * lit(60i64) + s) * lit(1000i64))
    .otherwise(lit(NULL).cast(DataType::Int64));
    // A fraction of a day, to the nearest second (Excel stores 10:42 as 0.44583…).
    let fraction = when(p.clone().str().contains(lit(FRACTION), false))
        .then(
            (p.clone()
                .str()
                .replace(lit(","), lit("."), true)
                .cast(DataType::Float64)
                * lit(MS_PER_DAY / 1000.0))
            .round(0, RoundMode::HalfToEven)
                * lit(1000.0),
        )
        .otherwise(lit(NULL).cast(DataType::Float64))
        .cast(DataType::Int64);
    // A workbook's time cell of a day or more (`[h]:mm` showing 36:00, 1.5 days stored)
    // reaches validation dated in 1900 (`1900-01-01 12:00:00`; a time under a day is dated
    // 1899-12-30 or, by calamine's count of Excel's days, 1899-12-31): no time of day,
    // where its clock alone read 12:00. No visit is dated in 1900.
    let past_a_day = p.str().contains(lit(r"^1900-\d{2}-\d{2}[ T]"), false);
    when(past_a_day)
        .then(lit(NULL).cast(DataType::Int64))
        .otherwise(clock.fill_null(fraction))
}

#[cfg(test)]
mod tests {
    use crate::ingest::cells::{plan, Currency};
    use crate::schema::Kind;
    use polars::prelude::*;

    /// Each cell's milliseconds since midnight as the plan reads it.
    fn read(cells: &[&str]) -> Vec<Option<i64>> {
        let p = plan(Kind::Time, "t", "v", &DataType::String, &Currency::Rub);
        let df = df!("t" => cells).unwrap();
        let got = df
            .lazy()
            .with_column(p.prepare.unwrap())
            .select([p.value])
            .collect()
            .unwrap();
        got.column("v").unwrap().i64().unwrap().iter().collect()
    }

    #[test]
    fn the_forms_of_a_time_of_day() {
        // h:mm:ss → ((h × 60 + m) × 60 + s) × 1000.
        let at = |h: i64, m: i64, s: i64| Some(((h * 60 + m) * 60 + s) * 1000);
        let cells = [
            ("0:00", Some(0)),
            ("00:00:00", Some(0)),
            ("23:59", at(23, 59, 0)),
            ("07:05:09", at(7, 5, 9)),
            (" 10:42 ", at(10, 42, 0)),
            // A fraction of a second is dropped, as the date-times keep whole seconds.
            ("10:42:15,5", at(10, 42, 15)),
            ("10:42:15.250", at(10, 42, 15)),
            // The time of a date-time, and of a workbook's time cell (Excel's day 0).
            ("01.11.2023 10:42", at(10, 42, 0)),
            ("2026-03-05T08:30:00", at(8, 30, 0)),
            ("1899-12-30 17:30:00", at(17, 30, 0)),
            // Excel's fraction of a day, to the nearest second: 0.75 is 18:00, and
            // 10:42 is 0.445833… (38 520 s of 86 400).
            ("0.75", at(18, 0, 0)),
            (",5", at(12, 0, 0)),
            ("0,4458333", at(10, 42, 0)),
            ("0", Some(0)),
            // Not a time: no such hour, minute or second, a decimal hour, a date, words.
            ("24:00", None),
            ("12:60", None),
            ("12:30:60", None),
            ("10.42", None),
            ("1.5", None),
            ("05.03.2026", None),
            ("утро", None),
            // Regression: a workbook's `[h]:mm` cell of 36:00 (1.5 days) read as 12:00.
            ("1900-01-01 12:00:00", None),
            ("1900-01-02 08:00:00", None),
            ("1899-12-31 12:00:00", at(12, 0, 0)),
            ("10:4", None),
        ];
        let got = read(&cells.map(|c| c.0));
        for ((cell, want), got) in cells.iter().zip(got) {
            assert_eq!(got, *want, "{cell:?}");
        }
    }
}
