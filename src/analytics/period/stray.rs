//! Visits whose dates stand apart from all the others: years mistyped into the future
//! (`01.03.2099`), which would make the default report month an empty one decades ahead,
//! and into the past (`01.03.2016` for 2026), which stretch the history that seasonality
//! and the forecast average over. Ingest names both in warnings.

use chrono::NaiveDate;
use polars::prelude::*;

use super::from_days;
use crate::model::Model;

/// The distinct days with a visit, in order (days since 1970), and the visits of each: a
/// chain's 2 M visits fall on about 2 000 days.
fn visits_per_day(model: &Model) -> PolarsResult<(Vec<i32>, Vec<u64>)> {
    let per_day = model
        .visits
        .clone()
        .filter(col("date").is_not_null())
        .group_by([col("date")])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .sort(["date"], SortMultipleOptions::default())
        .select([col("date").cast(DataType::Int32), col("n")])
        .collect()?;
    let days = per_day.column("date")?.i32()?.into_no_null_iter().collect();
    let counts = per_day.column("n")?.u64()?.into_no_null_iter().collect();
    Ok((days, counts))
}

/// Days without any visit after which the visits that end the data are taken for mistyped
/// dates when the default month is chosen (a quarter).
pub const STRAY_GAP_DAYS: i32 = 92;

/// The most distinct days such a tail may fall on: a station reopening after a closure has
/// visits nearly every day, a mistyped year one or two dates.
pub const STRAY_MAX_DAYS: usize = 5;

/// Visits that end the data after more than [`STRAY_GAP_DAYS`] without any visit, on at
/// most [`STRAY_MAX_DAYS`] days and at most 1 % of the visits: most likely mistyped years
/// (`01.03.2099` for `01.03.2025`). One such visit would otherwise make the default report
/// month an empty month decades ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayTail {
    /// The visits after the gap (all statuses, as [`DataSpan`] counts them).
    pub visits: u64,
    /// The earliest of their dates.
    pub first: NaiveDate,
    /// The latest of their dates.
    pub last: NaiveDate,
    /// The latest visit date before the gap.
    pub before: NaiveDate,
}

impl StrayTail {
    /// The stray visits at the end of a model's data, if any. The earliest gap whose tail
    /// is still small is taken, so that 2031 and 2099 typos go together.
    pub fn of(model: &Model) -> PolarsResult<Option<StrayTail>> {
        let (days, counts) = visits_per_day(model)?;
        Ok(stray_cut(&days, &counts).map(|cut| StrayTail {
            visits: counts[cut..].iter().sum(),
            first: from_days(days[cut]),
            last: from_days(days[days.len() - 1]),
            before: from_days(days[cut - 1]),
        }))
    }

    /// The warning that names these visits (ingest gives it, so `stoa check` says it too).
    pub fn warning(&self) -> String {
        use crate::ingest::reasons::{fill, STRAY};
        let dates = if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{} to {}", self.first, self.last)
        };
        let (n, gap) = (self.visits.to_string(), STRAY_GAP_DAYS.to_string());
        fill(STRAY, &[&n, &dates, &gap, &self.before.to_string()])
    }
}

/// The index of the first day of the stray tail in sorted distinct `days` (days since
/// 1970) with their visit `counts`, if there is one.
fn stray_cut(days: &[i32], counts: &[u64]) -> Option<usize> {
    let total: u64 = counts.iter().sum();
    let mut tail = 0u64;
    let mut cut = None;
    for i in (1..days.len()).rev() {
        tail += counts[i];
        if days.len() - i > STRAY_MAX_DAYS || tail * 100 > total {
            break;
        }
        if days[i] - days[i - 1] > STRAY_GAP_DAYS {
            cut = Some(i);
        }
    }
    cut
}

/// Visits that open the data more than [`STRAY_GAP_DAYS`] before any other, on at most
/// [`STRAY_MAX_DAYS`] days and at most 1 % of the visits, as [`StrayTail`] at the other
/// end: most likely years mistyped into the past. One such visit of 2016 in a station's
/// 2023–2026 made seasonality count nine "whole years" of mostly zeros and lifted the
/// wash forecast by 61 %, without a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayHead {
    /// The visits before the gap.
    pub visits: u64,
    /// The earliest of their dates.
    pub first: NaiveDate,
    /// The latest of their dates.
    pub last: NaiveDate,
    /// The earliest visit date after the gap.
    pub after: NaiveDate,
}

impl StrayHead {
    /// The stray visits at the start of a model's data, if any: the stray tail of the days
    /// read backwards.
    pub fn of(model: &Model) -> PolarsResult<Option<StrayHead>> {
        let (days, counts) = visits_per_day(model)?;
        let back: Vec<i32> = days.iter().rev().map(|d| -d).collect();
        let back_counts: Vec<u64> = counts.iter().rev().copied().collect();
        Ok(stray_cut(&back, &back_counts).map(|c| {
            let cut = days.len() - c;
            StrayHead {
                visits: counts[..cut].iter().sum(),
                first: from_days(days[0]),
                last: from_days(days[cut - 1]),
                after: from_days(days[cut]),
            }
        }))
    }

    /// The warning that names these visits.
    pub fn warning(&self) -> String {
        use crate::ingest::reasons::{fill, STRAY_HEAD};
        let dates = if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{} to {}", self.first, self.last)
        };
        let (n, gap) = (self.visits.to_string(), STRAY_GAP_DAYS.to_string());
        fill(STRAY_HEAD, &[&n, &dates, &gap, &self.after.to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::period::to_days;
    use crate::schema::Table;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_few_visits_after_a_long_gap_are_a_stray_tail() {
        // 300 visits a day on 200 days, then one visit 30 000 days later.
        let days: Vec<i32> = (0..200).chain([30_000]).collect();
        let mut counts = vec![300u64; 200];
        counts.push(1);
        assert_eq!(stray_cut(&days, &counts), Some(200));
        // Two typos decades apart go together.
        let days: Vec<i32> = (0..200).chain([22_000, 30_000]).collect();
        let mut counts = vec![300u64; 200];
        counts.extend([2, 1]);
        assert_eq!(stray_cut(&days, &counts), Some(200));
        // A gap of exactly a quarter is not one.
        let days: Vec<i32> = (0..200).chain([199 + STRAY_GAP_DAYS]).collect();
        assert_eq!(stray_cut(&days, &counts[..201]), None);
        // A station reopening after a closure: visits on six days after the gap.
        let days: Vec<i32> = (0..200).chain(400..406).collect();
        let counts = vec![300u64; 206];
        assert_eq!(stray_cut(&days, &counts), None);
        // More than 1 % of the visits after the gap: data, not typos.
        let days: Vec<i32> = (0..10).chain([500]).collect();
        let mut counts = vec![10u64; 10];
        counts.push(2);
        assert_eq!(stray_cut(&days, &counts), None);
        // No gap, one day, no day.
        assert_eq!(stray_cut(&[0, 1, 2], &[1, 1, 1]), None);
        assert_eq!(stray_cut(&[5], &[1]), None);
        assert_eq!(stray_cut(&[], &[]), None);
    }

    #[test]
    fn the_stray_tail_is_found_on_the_model_and_said_in_a_sentence() {
        let mut dates: Vec<i32> = (0..200).map(|i| to_days(d(2025, 1, 1)) + i).collect();
        dates.extend([to_days(d(2099, 3, 1)); 2]);
        let visits = df!("date" => dates)
            .unwrap()
            .lazy()
            .select([col("date").cast(DataType::Date)]);
        let tail = StrayTail::of(&Model::empty().with(Table::Visits, visits))
            .unwrap()
            .unwrap();
        assert_eq!(
            tail,
            StrayTail {
                visits: 2,
                first: d(2099, 3, 1),
                last: d(2099, 3, 1),
                before: d(2025, 7, 19),
            }
        );
        let said = tail.warning();
        assert!(
            said.starts_with("2 visits dated 2099-03-01, more than 92 days"),
            "{said}"
        );
        assert!(said.contains("the latest on 2025-07-19") && said.contains("--month"));
    }

    #[test]
    fn regression_a_visit_years_before_the_others_is_a_stray_head() {
        // 200 days of visits from 2025-01-01 and two visits of 2016-03-01 (2026 mistyped):
        // nothing named them, and seasonality counted nine whole years.
        let mut dates = vec![to_days(d(2016, 3, 1)); 2];
        dates.extend((0..200).map(|i| to_days(d(2025, 1, 1)) + i));
        let visits = df!("date" => dates)
            .unwrap()
            .lazy()
            .select([col("date").cast(DataType::Date)]);
        let model = Model::empty().with(Table::Visits, visits);
        let head = StrayHead::of(&model).unwrap().unwrap();
        assert_eq!(
            head,
            StrayHead {
                visits: 2,
                first: d(2016, 3, 1),
                last: d(2016, 3, 1),
                after: d(2025, 1, 1),
            }
        );
        assert!(head
            .warning()
            .starts_with("2 visits dated 2016-03-01, more than 92 days before"));
        // The data's own start is not one.
        assert_eq!(StrayTail::of(&model).unwrap(), None);
        // The data begin after it: months before 2025-01 are unknown, not a decade of
        // zeros (kpi, monthly, quality, feedback, year over year, seasonality, forecast).
        assert_eq!(
            crate::analytics::period::data_start(&model).unwrap(),
            Some(d(2025, 1, 1))
        );
    }
}
