//! A visit's time of day written in a column of its own (`Дата` | `Время`), as journals
//! kept in Excel and some CRMs export it. Read as the date alone, every visit opened at
//! midnight: the weekday × hour load put the whole station's work at 0:00 and turnaround
//! ran from the start of the day, with nothing said. The time columns
//! (`opened_time`, `closed_time`, `promised_time`, [`crate::schema::Table::input_columns`])
//! are validated like any other and then read into their dates here; a date that gives a
//! time of its own keeps it. And where no visit has any time of day, the user is told what
//! that does to the figures.

use polars::prelude::*;

const MS_PER_DAY: i64 = 86_400_000;

/// Each date-time of the visits and the column of its time of day.
pub const PAIRS: [(&str, &str); 3] = [
    ("opened_at", "opened_time"),
    ("closed_at", "closed_time"),
    ("promised_at", "promised_time"),
];

/// The times of day read into one date-time column.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    /// The date-time column (`opened_at`, …).
    pub date: &'static str,
    /// The time-of-day column (`opened_time`, …).
    pub time: &'static str,
    /// Visits whose date took its time from the time column.
    pub rows: u64,
    /// The first such visit's date-time as read (`2026-03-05 10:42`).
    pub example: String,
}

/// Read the time-of-day columns of accepted `visits` into their dates and drop them (the
/// model has no such columns): where a visit's date has no time (00:00) and the time
/// column has one, the date-time is the date at that time. Returns the visits and, for
/// each date that took times, how many and an example.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::times::join_times;
/// let day = 1_772_668_800_000i64; // 2026-03-05 00:00 in ms since 1970
/// let visits = df!(
///     "opened_at" => [Some(day), Some(day + 3_600_000), None],
///     "opened_time" => [Some(38_520_000i64), Some(38_520_000), Some(1)],
/// )
/// .unwrap()
/// .lazy()
/// .with_column(col("opened_at").cast(DataType::Datetime(TimeUnit::Milliseconds, None)))
/// .collect()
/// .unwrap();
/// let (visits, joined) = join_times(visits).unwrap();
/// // The first visit opened at 10:42; the second kept its own 01:00; the third has no date.
/// let got: Vec<Option<i64>> =
///     visits.column("opened_at").unwrap().datetime().unwrap().physical().iter().collect();
/// assert_eq!(got, [Some(day + 38_520_000), Some(day + 3_600_000), None]);
/// assert!(visits.column("opened_time").is_err());
/// assert_eq!(joined[0].rows, 1);
/// assert_eq!(joined[0].example, "2026-03-05 10:42");
/// ```
pub fn join_times(visits: DataFrame) -> PolarsResult<(DataFrame, Vec<Joined>)> {
    let has = |name: &str| visits.column(name).is_ok();
    // Validation gives a time column the file lacks as empty: nothing to read.
    let holds = |name: &str| visits.column(name).is_ok_and(|c| c.null_count() < c.len());
    let pairs: Vec<(&'static str, &'static str)> = PAIRS
        .into_iter()
        .filter(|(d, t)| has(d) && holds(t))
        .collect();
    let drop: Vec<&str> = PAIRS.iter().map(|(_, t)| *t).filter(|t| has(t)).collect();
    if pairs.is_empty() {
        return Ok((visits.drop_many(drop), Vec::new()));
    }
    let takes = |date: &str, time: &str| {
        let ms = col(date).cast(DataType::Int64);
        col(time)
            .is_not_null()
            .and((ms % lit(MS_PER_DAY)).eq(lit(0i64)))
    };
    // Each pair's count and first date-time as read, in one pass.
    let found = visits
        .clone()
        .lazy()
        .select(
            pairs
                .iter()
                .flat_map(|(d, t)| {
                    let joined = (col(*d).cast(DataType::Int64) + col(*t))
                        .cast(DataType::Datetime(TimeUnit::Milliseconds, None));
                    [
                        takes(d, t)
                            .cast(DataType::UInt64)
                            .sum()
                            .alias(format!("{d}__rows")),
                        joined
                            .filter(takes(d, t))
                            .first()
                            .dt()
                            .to_string("%Y-%m-%d %H:%M")
                            .alias(format!("{d}__example")),
                    ]
                })
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let mut joined = Vec::new();
    for (d, t) in &pairs {
        let rows = found
            .column(&format!("{d}__rows"))?
            .u64()?
            .get(0)
            .unwrap_or(0);
        if rows == 0 {
            continue;
        }
        let example = found
            .column(&format!("{d}__example"))?
            .str()?
            .get(0)
            .unwrap_or_default()
            .to_string();
        joined.push(Joined {
            date: d,
            time: t,
            rows,
            example,
        });
    }
    let dtype = DataType::Datetime(TimeUnit::Milliseconds, None);
    let updates: Vec<Expr> = joined
        .iter()
        .map(|j| {
            when(takes(j.date, j.time))
                .then((col(j.date).cast(DataType::Int64) + col(j.time)).cast(dtype.clone()))
                .otherwise(col(j.date))
                .alias(j.date)
        })
        .collect();
    let visits = visits
        .lazy()
        .with_columns(updates)
        .drop(by_name(drop, true, false))
        .collect()?;
    Ok((visits, joined))
}

/// How many visits there are when none has a time of day (every `opened_at` at 00:00);
/// None when some visit has one, or there are no visits.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::times::without_time_of_day;
/// let dt = DataType::Datetime(TimeUnit::Milliseconds, None);
/// let at = |ms: Vec<i64>| {
///     df!("opened_at" => ms).unwrap().lazy()
///         .with_column(col("opened_at").cast(dt.clone())).collect().unwrap()
/// };
/// assert_eq!(without_time_of_day(&at(vec![0, 86_400_000])).unwrap(), Some(2));
/// assert_eq!(without_time_of_day(&at(vec![0, 86_400_000 + 60_000])).unwrap(), None);
/// ```
pub fn without_time_of_day(visits: &DataFrame) -> PolarsResult<Option<u64>> {
    let counts = visits
        .clone()
        .lazy()
        .select([
            col("opened_at").count().cast(DataType::UInt64).alias("n"),
            (col("opened_at").cast(DataType::Int64) % lit(MS_PER_DAY))
                .neq(lit(0i64))
                .any(true)
                .alias("timed"),
        ])
        .collect()?;
    let n = counts.column("n")?.u64()?.get(0).unwrap_or(0);
    let timed = counts.column("timed")?.bool()?.get(0).unwrap_or(false);
    Ok((n > 0 && !timed).then_some(n))
}
