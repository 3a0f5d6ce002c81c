//! The report month and the dates derived from it (SPEC §4, §4.1): M, its as-of date, the
//! compared months M−1 and M−12, the default-month rule and the check that a requested
//! month lies within the data. Every analytics module takes its windows from here so
//! that "the month" means the same thing in every table.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

mod stray;
pub use stray::{StrayHead, StrayTail, STRAY_GAP_DAYS, STRAY_MAX_DAYS};

use crate::error::ExitCode;
use crate::model::Model;

/// A calendar month.
///
/// ```
/// use stoa::analytics::period::Month;
/// let m = Month::parse("2026-03").unwrap();
/// assert_eq!(m.to_string(), "2026-03");
/// assert_eq!(m.shift(-12).to_string(), "2025-03");
/// assert_eq!(m.last_day().to_string(), "2026-03-31");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// A problem choosing the report month.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PeriodError {
    /// `--month` is not of the form YYYY-MM (or MM.YYYY).
    #[error(
        "the month {value:?} is not of the form YYYY-MM or MM.YYYY (for example 2026-09 or 09.2026): correct --month"
    )]
    BadMonth {
        /// The text given.
        value: String,
    },
    /// `--month` names a month without any visit around it.
    #[error("the month {month} is outside the data, whose visits run from {first} to {last}: choose a month between {first} and {last} with --month YYYY-MM")]
    OutsideData {
        /// The requested month.
        month: Month,
        /// The first month of the data.
        first: Month,
        /// The last month of the data.
        last: Month,
    },
    /// The visits table holds no row at all.
    #[error(
        "the visits table holds no visit, so there is no month to report on: check the data folder"
    )]
    NoVisits,
    /// No month of the data is complete and none was asked for.
    #[error("the data holds no complete month: its visits run from {first} to {last}, and the default report month is the latest month whose last day is covered; pass --month {month} to report on that partial month")]
    NoCompleteMonth {
        /// First visit date.
        first: NaiveDate,
        /// Last visit date.
        last: NaiveDate,
        /// The month of the last visit.
        month: Month,
    },
}

impl PeriodError {
    /// A bad `--month` is a usage error (2); data without visits or without a complete
    /// month is bad data (1).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            PeriodError::BadMonth { .. } | PeriodError::OutsideData { .. } => ExitCode::Usage,
            PeriodError::NoVisits | PeriodError::NoCompleteMonth { .. } => ExitCode::BadData,
        }
    }
}

impl Month {
    /// A month from its year and number (1..=12); `None` when the number is not a month.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parse `YYYY-MM`, or `MM.YYYY` as a Russian user writes a month (surrounding white
    /// space allowed; a one-digit month is taken in either form, `2026-3` and `3.2026`).
    ///
    /// ```
    /// use stoa::analytics::period::Month;
    /// assert_eq!(Month::parse("03.2026").unwrap(), Month::parse("2026-03").unwrap());
    /// assert_eq!(Month::parse("3.2026").unwrap().to_string(), "2026-03");
    /// assert!(Month::parse("2026-13").is_err());
    /// assert_eq!(Month::parse("2026-3").unwrap().to_string(), "2026-03");
    /// assert!(Month::parse("2026-003").is_err());
    /// assert!(Month::parse("03/2026").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Month, PeriodError> {
        let bad = || PeriodError::BadMonth {
            value: text.to_string(),
        };
        let t = text.trim();
        let (y, m) = match (t.split_once('-'), t.split_once('.')) {
            (Some((y, m)), None) if (1..=2).contains(&m.len()) => (y, m),
            (None, Some((m, y))) if (1..=2).contains(&m.len()) => (y, m),
            _ => return Err(bad()),
        };
        if y.len() != 4 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1..=12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a Month is always valid")
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.shift(1)
            .first_day()
            .pred_opt()
            .expect("dates before year −262144 do not occur")
    }

    /// The month `n` months later (earlier when `n` is negative).
    pub fn shift(self, n: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// The polars expression that is true for a `Date` column within this month.
    pub fn contains(self, date: Expr) -> Expr {
        date_within(date, self.first_day(), self.last_day())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The report period: the month M and its as-of date (M's last day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The report month M.
    pub month: Month,
    /// The as-of date: the last day of M. Data after it is not used (except the 30-day
    /// comeback look-ahead).
    pub as_of: NaiveDate,
}

impl Period {
    /// The period of a month.
    ///
    /// ```
    /// use stoa::analytics::period::{Month, Period};
    /// let p = Period::new(Month::new(2024, 2).unwrap());
    /// assert_eq!(p.as_of.to_string(), "2024-02-29");
    /// assert_eq!(p.compared().map(|m| m.to_string()), ["2024-02", "2024-01", "2023-02"]);
    /// ```
    pub fn new(month: Month) -> Period {
        Period {
            month,
            as_of: month.last_day(),
        }
    }

    /// M−1.
    pub fn previous(&self) -> Month {
        self.month.shift(-1)
    }

    /// M−12.
    pub fn year_ago(&self) -> Month {
        self.month.shift(-12)
    }

    /// The three months every KPI is shown for: M, M−1, M−12.
    pub fn compared(&self) -> [Month; 3] {
        [self.month, self.previous(), self.year_ago()]
    }
}

/// The first and last visit dates of the data: the first of every visit (a no-show is
/// data too), the last of the visits that happened (done or no-show).
///
/// An accounting system's export holds the bookings already made for the weeks ahead
/// (`open`: «заявка», «предварительный») and bookings cancelled in advance: dated by the
/// day booked, they ended the data in a month that has not happened, and the default
/// report was an all-zero month. They end it only when nothing else does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataSpan {
    /// Date of the earliest `opened_at`.
    pub first: NaiveDate,
    /// Date of the latest `opened_at` of a done or no-show visit (of any visit when there
    /// is none).
    pub last: NaiveDate,
}

impl DataSpan {
    /// The span of the visits of a model; `None` when there is no visit.
    ///
    /// ```
    /// use polars::prelude::*;
    /// use stoa::analytics::period::DataSpan;
    /// use stoa::model::Model;
    /// use stoa::schema::Table;
    /// let visits = df!(
    ///     "date" => ["2026-09-03", "2026-10-31", "2026-11-12"],
    ///     "status" => ["done", "done", "open"],
    /// )
    /// .unwrap()
    /// .lazy()
    /// .with_column(col("date").cast(DataType::Date));
    /// let span = DataSpan::of(&Model::empty().with(Table::Visits, visits)).unwrap().unwrap();
    /// assert_eq!(span.last.to_string(), "2026-10-31"); // not the booking of 12 November
    /// ```
    pub fn of(model: &Model) -> PolarsResult<Option<DataSpan>> {
        let happened = col("status")
            .cast(DataType::String)
            .is_in(
                lit(Series::new("s".into(), ["done", "no_show"])).implode(true),
                false,
            )
            .fill_null(lit(false));
        let out = model
            .visits
            .clone()
            .select([
                col("date").min().cast(DataType::Int32).alias("first"),
                col("date")
                    .filter(happened)
                    .max()
                    .cast(DataType::Int32)
                    .alias("happened"),
                col("date").max().cast(DataType::Int32).alias("last"),
            ])
            .collect()?;
        let day = |name: &str| -> PolarsResult<Option<NaiveDate>> {
            Ok(out.column(name)?.i32()?.get(0).map(from_days))
        };
        Ok(match (day("first")?, day("happened")?.or(day("last")?)) {
            (Some(first), Some(last)) => Some(DataSpan { first, last }),
            _ => None,
        })
    }
}

/// The day the data begin, for "a month before the data is unknown, not zero": the first
/// visit's, or the first after a [`StrayHead`] of years mistyped into the past, whose one
/// visit of 2016 brought back a decade of zero months and year-over-year changes against
/// nothing.
pub fn data_start(model: &Model) -> PolarsResult<Option<NaiveDate>> {
    Ok(match StrayHead::of(model)? {
        Some(head) => Some(head.after),
        None => DataSpan::of(model)?.map(|s| s.first),
    })
}

/// The default report month (SPEC §4.1): the month of the latest `opened_at` if that date
/// is the month's last day, else the month before.
///
/// ```
/// use chrono::NaiveDate;
/// use stoa::analytics::period::default_month;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(default_month(d(2026, 10, 31)).to_string(), "2026-10");
/// assert_eq!(default_month(d(2026, 10, 30)).to_string(), "2026-09");
/// ```
pub fn default_month(latest: NaiveDate) -> Month {
    let m = Month::of(latest);
    if latest == m.last_day() {
        m
    } else {
        m.shift(-1)
    }
}

/// Choose the report period: the requested `--month` when it lies within the data's
/// months, else the default month.
pub fn choose(span: Option<DataSpan>, requested: Option<&str>) -> Result<Period, PeriodError> {
    let requested = requested.map(Month::parse).transpose()?;
    let span = span.ok_or(PeriodError::NoVisits)?;
    let (first, last) = (Month::of(span.first), Month::of(span.last));
    let month = match requested {
        Some(month) if month < first || month > last => {
            return Err(PeriodError::OutsideData { month, first, last })
        }
        Some(month) => month,
        None => {
            let month = default_month(span.last);
            if month < first {
                return Err(PeriodError::NoCompleteMonth {
                    first: span.first,
                    last: span.last,
                    month: last,
                });
            }
            month
        }
    };
    Ok(Period::new(month))
}

/// Days since 1970-01-01, the physical value of a polars `Date`.
pub fn to_days(date: NaiveDate) -> i32 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid")).num_days() as i32
}

/// `days` days before `date`, or the first date the calendar has where that is before it:
/// no subtraction of a day count from the as-of date panics (`max_age_days = 99999999` put
/// the oldest fresh price before chrono's first date, and the report exited 101). The
/// settings cap every day count ([`crate::config::MAX_DAYS`]); this is the arithmetic's
/// own guard.
///
/// ```
/// use chrono::NaiveDate;
/// use stoa::analytics::period::days_before;
/// let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
/// assert_eq!(days_before(d, 1), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
/// assert_eq!(days_before(d, -1), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
/// assert_eq!(days_before(d, 99_999_999), NaiveDate::MIN);
/// assert_eq!(days_before(d, i64::MIN), NaiveDate::MAX);
/// ```
pub fn days_before(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = chrono::TimeDelta::try_days(days.saturating_abs()).and_then(|d| match days < 0 {
        true => date.checked_add_signed(d),
        false => date.checked_sub_signed(d),
    });
    shifted.unwrap_or(match days < 0 {
        true => NaiveDate::MAX,
        false => NaiveDate::MIN,
    })
}

/// The date of a polars `Date` physical value.
pub fn from_days(days: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid") + chrono::Duration::days(days as i64)
}

/// A `Date` literal. (polars turns a `NaiveDate` literal into a datetime, which would make
/// every comparison with a `Date` column a cast; this keeps it a date.)
pub fn date_lit(date: NaiveDate) -> Expr {
    lit(to_days(date)).cast(DataType::Date)
}

/// The polars expression that is true for a `Date` column from `first` to `last`, both
/// included.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::period::date_within;
/// let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
/// let df = df!("d" => [d(1), d(15), d(31)]).unwrap().lazy()
///     .select([date_within(col("d"), d(1), d(15)).alias("in")]).collect().unwrap();
/// let got: Vec<_> = df.column("in").unwrap().bool().unwrap().iter().collect();
/// assert_eq!(got, [Some(true), Some(true), Some(false)]);
/// ```
pub fn date_within(date: Expr, first: NaiveDate, last: NaiveDate) -> Expr {
    date.clone()
        .gt_eq(date_lit(first))
        .and(date.lt_eq(date_lit(last)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Table;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(a: NaiveDate, b: NaiveDate) -> Option<DataSpan> {
        Some(DataSpan { first: a, last: b })
    }

    #[test]
    fn default_month_is_the_last_complete_month() {
        // The latest visit on the month's last day makes that month complete …
        assert_eq!(default_month(d(2026, 2, 28)), Month::new(2026, 2).unwrap());
        assert_eq!(default_month(d(2024, 2, 29)), Month::new(2024, 2).unwrap());
        // … one day short (2024 is a leap year) and it is the month before.
        assert_eq!(default_month(d(2024, 2, 28)), Month::new(2024, 1).unwrap());
        // The month before January is December of the year before.
        assert_eq!(default_month(d(2026, 1, 15)), Month::new(2025, 12).unwrap());
        let p = choose(span(d(2025, 1, 3), d(2026, 10, 17)), None).unwrap();
        assert_eq!(p.month.to_string(), "2026-09");
        assert_eq!(p.as_of, d(2026, 9, 30));
    }

    #[test]
    fn month_outside_the_data_is_a_usage_error_naming_the_span() {
        let s = span(d(2025, 3, 10), d(2026, 10, 31));
        let err = choose(s, Some("2026-11")).unwrap_err();
        assert_eq!(err.exit_code(), ExitCode::Usage);
        let text = err.to_string();
        assert!(
            text.contains("2026-11") && text.contains("2025-03") && text.contains("2026-10"),
            "{text}"
        );
        assert!(matches!(
            choose(s, Some("2025-02")),
            Err(PeriodError::OutsideData { .. })
        ));
        // The first and last months of the data are inside, even when partial.
        assert_eq!(
            choose(s, Some("2025-03")).unwrap().month.to_string(),
            "2025-03"
        );
        assert_eq!(choose(s, Some(" 2026-10 ")).unwrap().as_of, d(2026, 10, 31));
        // As a Russian user writes a month.
        assert_eq!(choose(s, Some("10.2026")).unwrap().as_of, d(2026, 10, 31));
        assert_eq!(choose(s, Some("2026-1")).unwrap().as_of, d(2026, 1, 31));
        let bad = choose(s, Some("2026-001")).unwrap_err();
        assert_eq!(
            bad,
            PeriodError::BadMonth {
                value: "2026-001".into()
            }
        );
        assert_eq!(bad.exit_code(), ExitCode::Usage);
    }

    #[test]
    fn no_visits_and_no_complete_month_are_data_errors() {
        assert_eq!(choose(None, None), Err(PeriodError::NoVisits));
        let err = choose(span(d(2026, 10, 2), d(2026, 10, 20)), None).unwrap_err();
        assert_eq!(err.exit_code(), ExitCode::BadData);
        assert!(err.to_string().contains("--month 2026-10"), "{err}");
    }

    #[test]
    fn shift_crosses_years_both_ways() {
        let m = Month::new(2026, 1).unwrap();
        assert_eq!(m.shift(-1).to_string(), "2025-12");
        assert_eq!(m.shift(-12).to_string(), "2025-01");
        assert_eq!(m.shift(-13).to_string(), "2024-12");
        assert_eq!(m.shift(11).to_string(), "2026-12");
        assert_eq!(m.shift(12).to_string(), "2027-01");
    }

    #[test]
    fn span_and_contains_work_on_the_model() {
        let visits = crate::model::empty_frame(Table::Visits);
        assert_eq!(
            DataSpan::of(&Model::empty().with(Table::Visits, visits.lazy())).unwrap(),
            None
        );
        let dates = df!("date" => [to_days(d(2026, 2, 28)), to_days(d(2026, 3, 1)), to_days(d(2026, 3, 31)), to_days(d(2026, 4, 1))])
            .unwrap()
            .lazy()
            .select([col("date").cast(DataType::Date)]);
        let m = Month::new(2026, 3).unwrap();
        let n = dates
            .filter(m.contains(col("date")))
            .collect()
            .unwrap()
            .height();
        assert_eq!(n, 2); // 1 and 31 March, both ends included
        assert_eq!(from_days(to_days(d(2026, 3, 31))), d(2026, 3, 31));
    }
}
