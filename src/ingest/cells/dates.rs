//! A strict first pass for date and date-time text cells: the six forms exports nearly
//! always write (`dd.mm.yyyy`, `yyyy-mm-dd`, each optionally followed by ` hh:mm` or
//! ` hh:mm:ss`; the last is how a workbook's date cells with a time of day reach
//! validation) are read byte by byte; every other cell goes through the general plan
//! ([`super::plan`]: regex rewrites, then strptime) as before. On the 10 M-row CSV chain the
//! visits' 1.77 M distinct date-times cost about 7 s in the regexes.
//!
//! The pass only takes a cell whose value it knows the plan gives: a valid calendar date
//! from 1970 on and a time of 00:00:00 to 23:59:59. Anything else (one-digit fields, a
//! `T`, an impossible date, years before 1970) is left to the plan, which gives the value
//! or the rejection it gave before.

use polars::prelude::*;

use super::date_order::{DateOrder, Lead};
use super::{parse_distinct, plan_value, Currency};
use crate::schema::Kind;

const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 and milliseconds into the day of a cell in one of the six forms;
/// None for any other cell.
fn strict(b: &[u8]) -> Option<(i64, i64)> {
    if b.len() != 10 && b.len() != 16 && b.len() != 19 {
        return None;
    }
    let two = |i: usize| -> Option<u32> {
        let (h, l) = (b[i], b[i + 1]);
        (h.is_ascii_digit() && l.is_ascii_digit())
            .then(|| u32::from(h - b'0') * 10 + u32::from(l - b'0'))
    };
    let (y, m, d) = if b[2] == b'.' && b[5] == b'.' {
        (two(6)? * 100 + two(8)?, two(3)?, two(0)?)
    } else if b[4] == b'-' && b[7] == b'-' {
        (two(0)? * 100 + two(2)?, two(5)?, two(8)?)
    } else {
        return None;
    };
    if y < 1970 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let days = (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days();
    let ms = if b.len() >= 16 {
        if b[10] != b' ' || b[13] != b':' {
            return None;
        }
        let (h, min) = (two(11)?, two(14)?);
        let sec = if b.len() == 19 {
            if b[16] != b':' {
                return None;
            }
            two(17)?
        } else {
            0
        };
        if h > 23 || min > 59 || sec > 59 {
            return None;
        }
        i64::from((h * 60 + min) * 60 + sec) * 1_000
    } else {
        0
    };
    Some((days, ms))
}

/// A date column whose slash dates were read month first (`05/16/2026`), as an Excel in an
/// English locale writes them to CSV: how many cells, and one that can only be read so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFirst {
    /// Cells read month first.
    pub cells: u64,
    /// A cell whose second number is above 12; or, where every such cell is on a row
    /// rejected for another reason, one read month first of an accepted row.
    pub example: String,
    /// Whether the example can only be read month first (`05/16/2026`): false where every
    /// cell that can is on a rejected row, which still decides the column.
    pub example_decides: bool,
    /// The rows of the cells read month first (positions in the column, ascending), for
    /// counting them again on the rows accepted.
    pub rows: Vec<IdxSize>,
    /// The column whose dates decided it, where none of this column's own can only be
    /// read one way ([`super::date_order`]); None where its own cells decided.
    pub led_by: Option<Lead>,
}

/// A date column's cells read day first (`dd.mm.yyyy`, and its slash dates where they
/// were not read month first), held for the warning of a file whose dates are written both
/// ways ([`super::date_order::MixedOrders`]): how many, and one that can only be read so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayFirst {
    /// Cells read day first.
    pub cells: u64,
    /// A cell that can only be read day first (`25.09.2026`, `16/05/2026`), where one is;
    /// else the first read so.
    pub example: String,
    /// Whether the example can only be read day first.
    pub example_decides: bool,
    /// The rows of the cells (positions in the column, ascending).
    pub rows: Vec<IdxSize>,
}

/// The day and month of a date written day first with dots (`25.09.2026`, `5.9.26
/// 14:30`); None for any other cell.
fn dotted_fields(cell: &str) -> Option<(u32, u32)> {
    let mut parts = cell.trim_start().splitn(3, '.');
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (d, m) = (number(parts.next()?)?, number(parts.next()?)?);
    let year = parts.next()?.split(' ').next()?;
    (matches!(year.len(), 2 | 4) && year.bytes().all(|c| c.is_ascii_digit())).then_some((d, m))
}

/// Whether a date can only be read day first: dotted or slashed, its first number 13 to
/// 31 and its second 12 or less (`25.09.2026`, `16/05/2026`).
pub(crate) fn only_day_first(cell: &str) -> bool {
    let fields = dotted_fields(cell).or_else(|| slash_fields(cell).map(|(a, b, _)| (a, b)));
    fields.is_some_and(|(a, b)| (13..=31).contains(&a) && b <= 12)
}

/// The cells of a date column's text read day first ([`DayFirst`]): its dotted dates, and
/// its slash dates too where `slashes` (the column's were not read month first); None
/// without such a cell. Asked only of a file some of whose dates were read month first.
pub fn day_first_cells(text: &Column, slashes: bool) -> PolarsResult<Option<DayFirst>> {
    let (mut rows, mut first, mut telling) = (Vec::new(), None, None);
    for (i, cell) in text.str()?.iter().enumerate() {
        let Some(cell) = cell else { continue };
        if dotted_fields(cell).is_none() && !(slashes && slash_fields(cell).is_some()) {
            continue;
        }
        rows.push(i as IdxSize);
        first.get_or_insert(cell);
        if telling.is_none() && only_day_first(cell) {
            telling = Some(cell);
        }
    }
    let Some(first) = first else { return Ok(None) };
    Ok(Some(DayFirst {
        cells: rows.len() as u64,
        example: telling.unwrap_or(first).to_string(),
        example_decides: telling.is_some(),
        rows,
    }))
}

/// What a date column's slash dates show of the order of their day and month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// The order its cells show and a cell that shows it: day first where some cell's
    /// first number is 13 to 31 (`16/05/2026`), else month first where some cell's second
    /// is (`05/16/2026`); None where every slash date has both numbers 12 or less.
    pub order: Option<(DateOrder, String)>,
    /// Whether the column has a slash date at all.
    pub slashes: bool,
}

/// A date column read: its values, its slash dates read month first, and what its slash
/// dates show of their order ([`read_dates`]).
pub struct Dates {
    /// The value column.
    pub values: Column,
    /// Where its slash dates were read month first.
    pub month_first: Option<MonthFirst>,
    /// What its own slash dates show.
    pub shown: Shown,
}

/// Whether a slash date can only be read month first: its second number is 13 to 31 and
/// its first 12 or less (`05/16/2026`).
pub(crate) fn only_month_first(cell: &str) -> bool {
    slash_fields(cell).is_some_and(|(a, b, _)| a <= 12 && (13..=31).contains(&b))
}

/// The day, month and year fields of a slash date (`5/16/2026`, `16/05/26 14:30`), and the
/// rest of the cell.
fn slash_fields(cell: &str) -> Option<(u32, u32, &str)> {
    let mut parts = cell.splitn(3, '/');
    let a = parts.next()?;
    let b = parts.next()?;
    let rest = parts.next()?;
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let year = rest.split(' ').next()?;
    (matches!(year.len(), 2 | 4) && year.bytes().all(|c| c.is_ascii_digit())).then_some((
        number(a)?,
        number(b)?,
        rest,
    ))
}

/// A date-time with a twelve-hour time, as an English locale writes it (`10/5/2026
/// 1:05:00 PM`), with the time on the 24-hour clock (`10/5/2026 13:05:00`); None for any
/// other cell (most: the last byte decides). `12:30 AM` is half past midnight.
fn twenty_four_hour(cell: &str) -> Option<String> {
    if !matches!(cell.as_bytes().last(), Some(b'M' | b'm')) {
        return None;
    }
    let n = cell.len();
    let pm = match cell.get(n - 2..)?.to_ascii_uppercase().as_str() {
        "AM" => false,
        "PM" => true,
        _ => return None,
    };
    let head = cell[..n - 2].trim_end();
    let (date, time) = head.rsplit_once(' ')?;
    let (h, rest) = time.split_once(':')?;
    let h: u32 = h.parse().ok().filter(|h| (1..=12).contains(h))?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let h = match (pm, h) {
        (false, 12) => 0,
        (false, h) => h,
        (true, 12) => 12,
        (true, h) => h + 12,
    };
    Some(format!("{} {h:02}:{rest}", date.trim_end()))
}

/// What the slash dates of a column show of their order ([`Shown`]): month first where
/// some can only be read so (a second number of 13 to 31) and none only day first (a first
/// number of 13 to 31). A column that has both is day first, as Russian dates are, and its
/// impossible cells are rejected.
fn shown<'a>(cells: impl Iterator<Item = &'a str>) -> Shown {
    let (mut slashes, mut month_first) = (false, None);
    for c in cells {
        let Some((a, b, _)) = slash_fields(c) else {
            continue;
        };
        slashes = true;
        if (13..=31).contains(&a) && b <= 12 {
            let order = Some((DateOrder::DayFirst, c.to_string()));
            return Shown { order, slashes };
        }
        if month_first.is_none() && only_month_first(c) {
            month_first = Some(c);
        }
    }
    let order = month_first.map(|c| (DateOrder::MonthFirst, c.to_string()));
    Shown { order, slashes }
}

/// The value column `name` of a `Date` or `DateTime` text column (cleaned with
/// [`super::clean_text`]): what the plan gives for every cell, with the cells of the four
/// usual forms read by [`strict`] and the rest by their distinct cells or the plan. Slash
/// dates are day first unless the column's own cells show them month first
/// ([`MonthFirst`]); then they are read so. [`read_dates`] also lets a column whose cells
/// show no order follow another column's.
pub fn parse_dates(
    kind: Kind,
    raw: &Column,
    name: &str,
) -> PolarsResult<(Column, Option<MonthFirst>)> {
    let d = read_dates(kind, raw, name, None)?;
    Ok((d.values, d.month_first))
}

/// [`parse_dates`], and what the column's slash dates show of their order; where they show
/// none (every one has both numbers 12 or less) and `lead` is given, they are read month
/// first as the lead's column shows (the [`MonthFirst`] names it).
pub fn read_dates(
    kind: Kind,
    raw: &Column,
    name: &str,
    lead: Option<&Lead>,
) -> PolarsResult<Dates> {
    let ca = raw.str()?;
    // Date: days; DateTime: milliseconds (the physical values of the two types).
    let mut out: Vec<Option<i64>> = Vec::with_capacity(ca.len());
    let mut rest: Vec<(usize, &str)> = Vec::new();
    for (i, v) in ca.iter().enumerate() {
        out.push(match v.map(|s| (s, strict(s.as_bytes()))) {
            None => None,
            Some((_, Some((days, ms)))) => Some(match kind {
                Kind::Date => days,
                _ => days * MS_PER_DAY + ms,
            }),
            Some((s, None)) => {
                rest.push((i, s));
                None
            }
        });
    }
    let mut swapped = None;
    let mut own = Shown::default();
    if !rest.is_empty() {
        let raw_name = raw.name().clone();
        let mut texts: Vec<std::borrow::Cow<str>> = rest
            .iter()
            .map(|r| twenty_four_hour(r.1).map_or(r.1.into(), Into::into))
            .collect();
        own = shown(rest.iter().map(|r| r.1));
        // The column's own order, else the lead's where its cells show none.
        let month_first = match (&own.order, lead) {
            (Some((DateOrder::MonthFirst, example)), _) => Some((Some(example.clone()), None)),
            (None, Some(lead)) if own.slashes => Some((None, Some(lead.clone()))),
            _ => None,
        };
        if let Some((example, led_by)) = month_first {
            let mut rows = Vec::new();
            let mut first = None;
            for (text, (i, cell)) in texts.iter_mut().zip(&rest) {
                if let Some((a, b, tail)) = slash_fields(text) {
                    *text = format!("{b}/{a}/{tail}").into();
                    rows.push(*i as IdxSize);
                    first.get_or_insert(*cell);
                }
            }
            swapped = Some(MonthFirst {
                cells: rows.len() as u64,
                example_decides: example.is_some(),
                example: example.unwrap_or_else(|| first.unwrap_or_default().to_string()),
                rows,
                led_by,
            });
        }
        let cells = Column::new(
            raw_name.clone(),
            texts.iter().map(|t| t.as_ref()).collect::<Vec<_>>(),
        );
        // A date names no currency: the station's is of no matter here.
        let values = match parse_distinct(kind, &cells, name, &Currency::Rub)? {
            Some(v) => v,
            None => plan_value(kind, cells, name, &Currency::Rub)?,
        };
        let physical = values.to_physical_repr().cast(&DataType::Int64)?;
        for ((i, _), v) in rest.iter().zip(physical.i64()?.iter()) {
            out[*i] = v;
        }
    }
    let values = Column::new(name.into(), out);
    let values = match kind {
        Kind::Date => values.cast(&DataType::Int32)?.cast(&DataType::Date),
        _ => values.cast(&kind.dtype()),
    }?;
    Ok(Dates {
        values,
        month_first: swapped,
        shown: own,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::cells::{apply, clean_text, plan};

    #[test]
    fn strict_reads_the_four_forms_by_hand() {
        // 2024-03-05 is day 19 787 (2024-01-01 is 19 723, then 31 + 29 + 4 days).
        assert_eq!(strict(b"05.03.2024"), Some((19_787, 0)));
        assert_eq!(strict(b"2024-03-05"), Some((19_787, 0)));
        assert_eq!(strict(b"05.03.2024 14:30"), Some((19_787, 52_200_000)));
        assert_eq!(strict(b"2024-03-05 14:30"), Some((19_787, 52_200_000)));
        assert_eq!(strict(b"29.02.2024 23:59"), Some((19_782, 86_340_000)));
        assert_eq!(strict(b"2024-03-05 14:30:15"), Some((19_787, 52_215_000)));
        assert_eq!(strict(b"05.03.2024 23:59:59"), Some((19_787, 86_399_000)));
        assert_eq!(strict(b"01.01.1970"), Some((0, 0)));
        // Left to the plan: other forms, impossible dates and times, years before 1970.
        for cell in [
            "5.3.2024",
            "05/03/2024",
            "2024.03.05",
            "2024-03-05T14:30",
            "05.03.2024 14:30:60",
            "05.03.2024 14:30.15",
            "05.03.2024 9:30",
            "30.02.2024",
            "05.13.2024",
            "05.03.2024 24:00",
            "05.03.2024 12:60",
            "31.12.1969",
            "45356",
            "05.03.2024x12:30",
            "0a.03.2024",
        ] {
            assert_eq!(strict(cell.as_bytes()), None, "{cell}");
        }
    }

    /// Values of `cells` by the plan alone and by [`parse_dates`].
    fn both(kind: Kind, cells: &[Option<&str>]) -> (Series, Series) {
        let df = df!("raw" => cells)
            .unwrap()
            .lazy()
            .with_column(clean_text(col("raw")))
            .collect()
            .unwrap();
        let planned = apply(
            df.clone().lazy(),
            plan(kind, "raw", "v", &DataType::String, &Currency::Rub),
        )
        .select([col("v")])
        .collect()
        .unwrap();
        let (fast, swapped) = parse_dates(kind, df.column("raw").unwrap(), "v").unwrap();
        assert_eq!(swapped, None);
        (
            planned
                .column("v")
                .unwrap()
                .as_materialized_series()
                .clone(),
            fast.as_materialized_series().clone(),
        )
    }

    #[test]
    fn parse_dates_gives_what_the_plan_gives() {
        let cells = [
            Some("05.03.2024"),
            Some("05.03.2024 14:30"),
            Some("2024-03-05 14:30"),
            None,
            Some("5.3.2024"),
            Some("2024-03-05T14:30:15.250"),
            Some("30.02.2024"),
            Some("31.12.1969 23:00"),
            Some("45356.5"),
            Some("05.03.2024 24:00"),
            Some("вчера"),
            Some("05.03.2024"),
            Some("2024-03-05 14:30:15"),
            Some("05.03.2024 00:00:59"),
            Some("05.03.2024 14:30:60"),
        ];
        for kind in [Kind::Date, Kind::DateTime] {
            let (planned, fast) = both(kind, &cells);
            assert_eq!(fast.dtype(), planned.dtype(), "{kind:?}");
            assert!(
                fast.equals_missing(&planned),
                "{kind:?}: {fast:?} {planned:?}"
            );
        }
        // Hand-worked: 2024-03-05 14:30 is 19 787 days and 52 200 000 ms.
        let (_, fast) = both(Kind::DateTime, &cells[1..2]);
        let ms = fast.to_physical_repr().i64().unwrap().get(0);
        assert_eq!(ms, Some(19_787 * MS_PER_DAY + 52_200_000));
        // A cell the pass leaves and the plan cannot read stays null (a rejected cell).
        let (planned, fast) = both(Kind::Date, &[Some("30.02.2024"), Some("05.03.2024")]);
        assert_eq!(fast.null_count(), 1);
        assert!(fast.equals_missing(&planned));
    }

    #[test]
    fn twelve_hour_times_read_on_the_24_hour_clock() {
        let read = |cells: &[&str]| {
            let raw = Column::new("raw".into(), cells);
            let (v, swapped) = parse_dates(Kind::DateTime, &raw, "v").unwrap();
            let ms: Vec<Option<i64>> = v.to_physical_repr().i64().unwrap().iter().collect();
            (ms, swapped.map(|m| m.cells))
        };
        let h = 3_600_000;
        // 2026-10-05 is day 20 731, 2026-05-10 day 20 583, 2026-10-16 day 20 742.
        let (ms, swapped) = read(&[
            "10/5/2026 10:00:00 AM",
            "10/16/2026 1:30 PM",
            "10/5/2026 12:15:00 am",
            "10/5/2026 12:00 PM",
        ]);
        let day = 20_731 * MS_PER_DAY;
        assert_eq!(
            ms,
            [
                Some(day + 10 * h),
                Some(20_742 * MS_PER_DAY + 13 * h + h / 2),
                Some(day + h / 4),
                Some(day + 12 * h)
            ]
        );
        assert_eq!(swapped, Some(4));
        // The order of day and month is the column's, as without AM/PM: day first here.
        let (ms, swapped) = read(&["10/5/2026 10:00:00 AM", "16/05/2026 10:00"]);
        assert_eq!(ms[0], Some(20_583 * MS_PER_DAY + 10 * h));
        assert_eq!(swapped, None);
        assert_eq!(twenty_four_hour("10/5/2026 13:00 PM"), None);
        assert_eq!(twenty_four_hour("Сам"), None);
    }

    #[test]
    fn slash_dates_are_month_first_only_where_the_column_shows_it() {
        let read = |cells: &[&str]| {
            let raw = Column::new("raw".into(), cells);
            let (v, swapped) = parse_dates(Kind::Date, &raw, "v").unwrap();
            let days: Vec<Option<i32>> = v.to_physical_repr().i32().unwrap().iter().collect();
            (days, swapped)
        };
        // 2026-05-04 is day 20 577, 2026-05-16 day 20 589, 2026-04-05 day 20 548.
        let (days, swapped) = read(&["05/04/2026", "05/16/2026 17:06", "04.05.2026"]);
        assert_eq!(days, [Some(20_577), Some(20_589), Some(20_577)]);
        assert_eq!(
            swapped,
            Some(MonthFirst {
                cells: 2,
                example: "05/16/2026 17:06".into(),
                example_decides: true,
                rows: vec![0, 1],
                led_by: None,
            })
        );
        // Day first: nothing shows otherwise, or a cell shows day first (the impossible
        // cell is then rejected, as before).
        let (days, swapped) = read(&["05/04/2026", "04.05.2026"]);
        assert_eq!((days, swapped), (vec![Some(20_548), Some(20_577)], None));
        let (days, swapped) = read(&["16/05/2026", "05/16/2026"]);
        assert_eq!((days, swapped), (vec![Some(20_589), None], None));
    }

    #[test]
    fn regression_slash_dates_that_show_no_order_follow_their_lead() {
        // `Promised`, filled for 1–10 September only, beside `Date` read month first:
        // `9/1/2026 3:00 PM` was 9 January. 2026-09-01 is day 20 697, 2026-01-09 day 20 462.
        let lead = Lead {
            column: "Date".into(),
            file: "visits.csv".into(),
            example: "9/13/2026 9:00 AM".into(),
            decides: true,
        };
        let h = 3_600_000;
        let raw = Column::new("raw".into(), ["9/1/2026 3:00 PM", "9/2/2026 3:00 PM"]);
        let read = |lead: Option<&Lead>| read_dates(Kind::DateTime, &raw, "v", lead).unwrap();
        let ms = |d: &Dates| -> Vec<Option<i64>> {
            d.values.to_physical_repr().i64().unwrap().iter().collect()
        };
        let alone = read(None);
        assert_eq!(ms(&alone)[0], Some(20_462 * MS_PER_DAY + 15 * h));
        assert_eq!(alone.month_first, None);
        assert_eq!(
            alone.shown,
            Shown {
                order: None,
                slashes: true
            }
        );
        let led = read(Some(&lead));
        assert_eq!(ms(&led)[0], Some(20_697 * MS_PER_DAY + 15 * h));
        let m = led.month_first.unwrap();
        assert_eq!((m.cells, m.example_decides), (2, false));
        assert_eq!(m.example, "9/1/2026 3:00 PM");
        assert_eq!(m.led_by, Some(lead.clone()));
        // A column that shows an order keeps it, lead or not; one without slash dates
        // has nothing to follow.
        let own = Column::new("raw".into(), ["16/09/2026", "9/1/2026"]);
        let d = read_dates(Kind::Date, &own, "v", Some(&lead)).unwrap();
        assert_eq!(d.month_first, None);
        assert_eq!(
            d.shown.order,
            Some((DateOrder::DayFirst, "16/09/2026".into()))
        );
        let dots = Column::new("raw".into(), ["01.09.2026"]);
        let d = read_dates(Kind::Date, &dots, "v", Some(&lead)).unwrap();
        assert_eq!((d.month_first, d.shown), (None, Shown::default()));
    }
}
