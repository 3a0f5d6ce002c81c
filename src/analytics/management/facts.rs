//! One row per done visit of the report windows, carrying every per-visit figure the
//! management tables add up (revenue split, sold hours, gross-profit parts, on-time,
//! turnaround, comeback, first-visit date, feedback). Computing it once keeps every table
//! on the same definitions of SPEC §4.1 and lets the whole section join the big tables a
//! single time.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::analytics::clients::{sort_by_ids, to_date};
use crate::analytics::period::{date_within, Month};
use crate::model::Model;

/// The comeback look-ahead in days: a warranty event dated in (date, date + 30] makes the
/// visit a comeback (SPEC §4.1).
pub const COMEBACK_DAYS: i32 = 30;

/// Done visits: `status` is `done` (a missing status is `done`, SPEC §2).
pub fn done_visits(model: &Model) -> LazyFrame {
    model.visits.clone().filter(is_done())
}

/// True for a done visit (`status` is `done`; a missing status is `done`, SPEC §2).
pub(crate) fn is_done() -> Expr {
    col("status").fill_null(lit("done")).eq(lit("done"))
}

/// The filter for a `Date` column lying in any of the months: one range per run of
/// consecutive months, so that the 24 months of the charts cost two compares a row, not 48.
pub fn in_months(date: Expr, months: &[Month]) -> Expr {
    let mut sorted = months.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut runs: Vec<(Month, Month)> = Vec::new();
    for m in sorted {
        match runs.last_mut() {
            Some((_, last)) if last.shift(1) == m => *last = m,
            _ => runs.push((m, m)),
        }
    }
    runs.into_iter()
        .map(|(first, last)| date_within(date.clone(), first.first_day(), last.last_day()))
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false))
}

/// Add the flags every line figure is built from: `sold` (not declined; an empty
/// `declined` is false) and `part` (kind `part`; an empty kind is labour).
pub fn flag_lines(lines: LazyFrame) -> LazyFrame {
    lines.with_columns([
        col("declined").fill_null(lit(false)).not().alias("sold"),
        col("kind")
            .fill_null(lit("labor"))
            .eq(lit("part"))
            .alias("part"),
    ])
}

/// Every order line, in the table's order, with the `date` of its visit when that visit is
/// done (empty for the lines of cancelled and no-show visits) and `visit_row`, the row of
/// its visit in the visits table (UInt32). Computed once per model and shared: the demand,
/// prices, management, declined-work and chart steps used to join all the lines to the
/// visits each, and now filter the lines by date first and join only what is left; the
/// revenue per visit groups the lines by the integer row instead of the text visit_id.
pub fn dated_lines(model: &Model) -> LazyFrame {
    crate::model::derived_frame(
        &model.derived.dated_lines,
        || date_lines(model),
        || {
            model.order_lines.clone().join(
                visit_rows(model).select([col("visit_id"), col("date"), col("visit_row")]),
                [col("visit_id")],
                [col("visit_id")],
                left_in_order(),
            )
        },
    )
}

/// Every visit's row in the visits table (`visit_row`, UInt32), `visit_id`, and its `date`
/// when it is done (empty otherwise).
pub fn visit_rows(model: &Model) -> LazyFrame {
    model
        .visits
        .clone()
        .with_row_index("visit_row", None)
        .select([
            col("visit_row"),
            col("visit_id"),
            when(is_done())
                .then(col("date"))
                .otherwise(lit(NULL).cast(DataType::Date))
                .alias("date"),
        ])
}

/// A left join that keeps the left frame's row order.
fn left_in_order() -> JoinArgs {
    let mut args = JoinArgs::new(JoinType::Left);
    args.maintain_order = MaintainOrderJoin::Left;
    args
}

/// [`dated_lines`] computed: only the visit ids are joined, and the dates and visit rows
/// put beside the lines' own columns, which are shared rather than copied.
fn date_lines(model: &Model) -> PolarsResult<DataFrame> {
    let lines = model.order_lines.clone().collect()?;
    if let Some(rows) = model.line_visits().filter(|r| r.len() == lines.height()) {
        // Ingest found each line's visit: its date is gathered from there.
        let dates = visit_rows(model).select([col("date")]).collect()?;
        let date = dates.column("date")?.take(rows.cast(&IDX_DTYPE)?.idx()?)?;
        return lines.hstack(&[date, rows.clone()]);
    }
    let found = lines
        .select(["visit_id"])?
        .lazy()
        .join(
            visit_rows(model),
            [col("visit_id")],
            [col("visit_id")],
            left_in_order(),
        )
        .select([col("date"), col("visit_row")])
        .collect()?;
    lines.hstack(found.columns())
}

/// The lines of done visits with the visit's `date`, flagged (see [`flag_lines`]).
pub fn done_lines(model: &Model) -> LazyFrame {
    flag_lines(dated_lines(model).filter(col("date").is_not_null()))
}

/// Warranty events (SPEC §4.1) dated in `[from, to]`: a done visit with channel
/// `warranty`, or a done visit with a sold warranty line. Columns `vehicle`,
/// `comeback_visit_id`, `comeback_date`, one row per event visit. Only the events that can
/// pair with the visits asked about are looked for: the whole history's lines joined to
/// its visits was the dearest step of the management section.
pub fn warranty_events(model: &Model, from: NaiveDate, to: NaiveDate) -> PolarsResult<LazyFrame> {
    let dated = |lf: LazyFrame| lf.filter(date_within(col("date"), from, to));
    let by_channel = dated(done_visits(model))
        .filter(col("channel").eq(lit("warranty")))
        .select([col("vehicle"), col("visit_id"), col("date")]);
    let by_line = dated(done_lines(model))
        .filter(col("sold").and(col("warranty").fill_null(lit(false))))
        .select([col("visit_id"), col("date")])
        .join(
            dated(done_visits(model)).select([col("visit_id"), col("vehicle")]),
            [col("visit_id")],
            [col("visit_id")],
            JoinArgs::new(JoinType::Inner),
        )
        .select([col("vehicle"), col("visit_id"), col("date")]);
    Ok(concat([by_channel, by_line], UnionArgs::default())?
        .unique(None, UniqueKeepStrategy::Any)
        .select([
            col("vehicle"),
            col("visit_id").alias("comeback_visit_id"),
            col("date").alias("comeback_date"),
        ]))
}

/// The comeback pairs of some visits (a frame with `visit_id`, `vehicle`, `date`) dated in
/// `months`: every warranty event on the same vehicle dated 1 to 30 days after the visit.
/// Columns `visit_id, vehicle, date, comeback_visit_id, comeback_date, days`, sorted by
/// visit, then comeback date and visit, the visits in natural order (`V9` < `V10`). Events
/// after the as-of date count: this is the one look-ahead the spec allows.
pub fn comeback_pairs(
    model: &Model,
    visits: LazyFrame,
    months: &[Month],
) -> PolarsResult<LazyFrame> {
    let days = col("comeback_date").cast(DataType::Int32) - col("date").cast(DataType::Int32);
    // Without months the range is empty and finds no events.
    let (from, to) = match (months.iter().min(), months.iter().max()) {
        (Some(first), Some(last)) => (
            first.first_day() + chrono::Days::new(1),
            last.last_day() + chrono::Days::new(COMEBACK_DAYS as u64),
        ),
        _ => (NaiveDate::MAX, NaiveDate::MIN),
    };
    let events = warranty_events(model, from, to)?;
    let pairs = visits
        .select([col("visit_id"), col("vehicle"), col("date")])
        .inner_join(events, col("vehicle"), col("vehicle"))
        .with_column(days.alias("days"))
        .filter(
            col("days")
                .gt(lit(0))
                .and(col("days").lt_eq(lit(COMEBACK_DAYS))),
        )
        .select([
            col("visit_id"),
            col("vehicle"),
            col("date"),
            col("comeback_visit_id"),
            col("comeback_date"),
            col("days"),
        ]);
    Ok(sort_by_ids(
        pairs,
        &["visit_id", "comeback_date", "comeback_visit_id"],
        &["visit_id", "comeback_visit_id"],
        SortMultipleOptions::default(),
    ))
}

/// The promise as a deadline, in milliseconds (`promised_at` is a millisecond datetime): a
/// promise given as a date alone (its time 0:00, as a date-only cell reads) is for the end
/// of that day, as a manager who writes "ready on the 4th" means it; before, a car
/// promised for the 4th and handed over at 18:00 that day was late.
fn deadline_ms() -> Expr {
    let promised = col("promised_at").cast(DataType::Int64);
    when(crate::model::date_only(col("promised_at")))
        .then(promised.clone() + lit(crate::model::DAY_MS - 1))
        .otherwise(promised)
}

/// The visit facts of the done visits dated in `months`, one row per visit, with a `month`
/// column (`YYYY-MM`). Money columns stay in kopecks (Int64):
///
/// - `revenue`, `revenue_labour`, `revenue_parts`: Σ amount of sold lines (all, labour, parts);
/// - `declined_amount`: Σ amount of declined lines; `sold_lines`: number of sold lines;
/// - `norm_hours`: Σ norm_hours of sold lines (empty hours count 0);
/// - `gp`, `gp_base`, `cost_lines`: Σ (amount − cost), Σ amount and the number of the sold
///   lines that have a cost;
/// - `on_time`: closed_at ≤ promised_at (a promise of a date alone: by the end of that day),
///   empty unless both are known;
/// - `turnaround_hours`: closed_at − opened_at in hours, empty when not closed, opened or
///   closed on a date without a time of day, or closed before it was opened (a data error
///   that would distort the distribution);
/// - `comeback`: a warranty event on the vehicle in (date, date + 30 days];
/// - `first_date`: the client's first done visit ever; `new_client`: that date is in the
///   visit's month; `repeat`: the client had a done visit on an earlier day;
/// - `score_sum`, `score_n`: the visit's feedback scores; `scale_sum`, `scale_n`: those
///   within 1–5 (see [`super::feedback::on_five`]).
pub fn visit_facts(model: &Model, months: &[Month]) -> PolarsResult<LazyFrame> {
    visit_facts_with(model, months, window_lines(model, months))
}

/// The lines of the done visits dated in `months`, flagged (see [`flag_lines`]), with the
/// visit's `month`: `visit_row, visit_id, month, kind, amount, cost, norm_hours, mechanic,
/// warranty, sold, part` (`visit_row`: the visit's row in the visits table, by which the
/// lines are grouped into visits). Collected once, they serve both the visit facts and the mechanics table.
pub fn window_lines(model: &Model, months: &[Month]) -> LazyFrame {
    let visits = window_visits(model, months).select([col("visit_row"), col("month")]);
    // The window's lines are found by their date first: the join then matches a few
    // months of lines, not every line of the history, and by the visit's row, an integer.
    flag_lines(
        dated_lines(model)
            .filter(in_months(col("date"), months))
            .inner_join(visits, col("visit_row"), col("visit_row")),
    )
    .select([
        col("visit_row"),
        col("visit_id"),
        col("month"),
        col("kind"),
        col("amount"),
        col("cost"),
        col("norm_hours"),
        col("mechanic"),
        col("warranty"),
        col("sold"),
        col("part"),
    ])
}

/// The done visits dated in `months` with the columns the facts need, their `month` and
/// their `visit_row` (the visit's row in the visits table, as [`dated_lines`] has it).
fn window_visits(model: &Model, months: &[Month]) -> LazyFrame {
    model
        .visits
        .clone()
        .with_row_index("visit_row", None)
        .filter(is_done().and(in_months(col("date"), months)))
        .select([
            col("visit_row"),
            col("visit_id"),
            col("date"),
            col("date").dt().to_string("%Y-%m").alias("month"),
            col("client_id"),
            col("vehicle"),
            col("manager"),
            col("channel"),
            col("agent_id"),
            col("opened_at"),
            col("closed_at"),
            col("promised_at"),
        ])
}

/// [`visit_facts`] from already selected [`window_lines`] (the same `months`).
pub fn visit_facts_with(
    model: &Model,
    months: &[Month],
    lines: LazyFrame,
) -> PolarsResult<LazyFrame> {
    let visits = window_visits(model, months);
    let amount = || col("amount");
    let sold = || col("sold");
    let part = || col("part");
    let costed = || sold().and(col("cost").is_not_null());
    let sum_if = |cond: Expr, value: Expr, name: &str| {
        when(cond)
            .then(value)
            .otherwise(lit(0i64))
            .sum()
            .alias(name)
    };
    let per_visit = lines.group_by([col("visit_row")]).agg([
        sum_if(sold(), amount(), "revenue"),
        sum_if(sold().and(part().not()), amount(), "revenue_labour"),
        sum_if(sold().and(part()), amount(), "revenue_parts"),
        sum_if(sold().not(), amount(), "declined_amount"),
        sold().cast(DataType::Int64).sum().alias("sold_lines"),
        crate::model::hours_sum(
            when(sold())
                .then(col("norm_hours").fill_null(lit(0.0)))
                .otherwise(lit(0.0)),
        )
        .alias("norm_hours"),
        sum_if(costed(), amount() - col("cost"), "gp"),
        sum_if(costed(), amount(), "gp_base"),
        costed().cast(DataType::Int64).sum().alias("cost_lines"),
    ]);
    // A window visit is on or before the as-of date, and so is its client's first visit:
    // the first row of each client's visit days up to as-of, which the client sections
    // share, instead of grouping every done visit of the history by client.
    let as_of = months.iter().max().map_or(NaiveDate::MIN, |m| m.last_day());
    let firsts = crate::analytics::clients::client_days(model, as_of)?
        .filter(crate::analytics::clients::first_of_client())
        .select([col("client_id"), to_date(col("day")).alias("first_date")]);
    let known = registered_before_data(model)?;
    let comebacks = comeback_pairs(model, visits.clone(), months)?
        .select([col("visit_id")])
        .unique(None, UniqueKeepStrategy::Any)
        .with_column(lit(true).alias("comeback"));
    // Only the window's feedback is grouped, not every score of the history.
    let feedback = model
        .feedback
        .clone()
        .semi_join(
            visits.clone().select([col("visit_id")]),
            col("visit_id"),
            col("visit_id"),
        )
        .group_by([col("visit_id")])
        .agg([
            col("score").sum().alias("score_sum"),
            col("score").count().cast(DataType::Int64).alias("score_n"),
            // The scores within 1–5, whose mean a station read on 1–5 takes.
            col("score")
                .filter(super::feedback::on_five(col("score")))
                .sum()
                .alias("scale_sum"),
            super::feedback::on_five(col("score"))
                .cast(DataType::Int64)
                .sum()
                .alias("scale_n"),
        ]);
    let both_known = col("closed_at")
        .is_not_null()
        .and(col("promised_at").is_not_null());
    let turnaround = super::exact_div(
        col("closed_at").cast(DataType::Int64) - col("opened_at").cast(DataType::Int64),
        lit(3_600_000.0),
    );
    let zero_i = [
        "revenue",
        "revenue_labour",
        "revenue_parts",
        "declined_amount",
        "sold_lines",
        "gp",
        "gp_base",
        "cost_lines",
        "score_n",
        "scale_n",
    ];
    let mut fills: Vec<Expr> = zero_i
        .iter()
        .map(|c| col(*c).fill_null(lit(0i64)))
        .collect();
    fills.push(col("norm_hours").fill_null(lit(0.0)));
    fills.push(col("score_sum").fill_null(lit(0.0)));
    fills.push(col("scale_sum").fill_null(lit(0.0)));
    fills.push(col("comeback").fill_null(lit(false)));
    Ok(visits
        .left_join(per_visit, col("visit_row"), col("visit_row"))
        .left_join(firsts, col("client_id"), col("client_id"))
        .left_join(known, col("client_id"), col("client_id"))
        .left_join(comebacks, col("visit_id"), col("visit_id"))
        .left_join(feedback, col("visit_id"), col("visit_id"))
        .with_columns(fills)
        .with_columns([
            when(both_known)
                .then(col("closed_at").cast(DataType::Int64).lt_eq(deadline_ms()))
                .otherwise(lit(NULL).cast(DataType::Boolean))
                .alias("on_time"),
            // A closing of a date alone has no hour to count from: 0:00 of that day
            // made a same-day job "closed before opened" and a next-day one 14 hours.
            // An opening of a date alone is the same: a job opened at 10:00 and closed
            // at 17:00 read as 17 hours.
            when(
                col("closed_at")
                    .is_not_null()
                    .and(crate::model::date_only(col("closed_at")).not())
                    .and(crate::model::date_only(col("opened_at")).not())
                    .and(col("closed_at").gt_eq(col("opened_at"))),
            )
            .then(turnaround)
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("turnaround_hours"),
            col("first_date")
                .dt()
                .to_string("%Y-%m")
                .eq(col("month"))
                .and(col("registered_before").fill_null(lit(false)).not())
                .alias("new_client"),
            col("first_date").lt(col("date")).alias("repeat"),
        ])
        .sort(["visit_id"], SortMultipleOptions::default()))
}

/// The clients registered (`registered_at` of `clients`) before the month of the data's
/// first visit (`client_id` and `registered_before`, true): they were clients already when
/// the data begin, so their first visit in the data is not their first visit ever and
/// they are never new (SPEC §4 *New client*; otherwise every client of the data's first
/// months looks new, and the next year's new clients fall by 80 % against them). A client
/// without a registration date keeps the rule of the first visit. (A client_id is in
/// `clients` once: later rows of one are rejected, so the join adds no visit.)
pub fn registered_before_data(model: &Model) -> PolarsResult<LazyFrame> {
    let start = crate::analytics::period::data_start(model)?
        .map_or(NaiveDate::MIN, |d| Month::of(d).first_day());
    Ok(model
        .clients
        .clone()
        .filter(col("registered_at").lt(crate::analytics::period::date_lit(start)))
        .select([col("client_id"), lit(true).alias("registered_before")]))
}

/// Visits with status `no_show` dated in `months`, with their `month`, sorted by date and
/// visit in natural order (`V9` < `V10`): `month, visit_id, date, client_id, vehicle,
/// manager, channel`.
pub fn no_show_visits(model: &Model, months: &[Month]) -> LazyFrame {
    let visits = model
        .visits
        .clone()
        .filter(
            col("status")
                .eq(lit("no_show"))
                .and(in_months(col("date"), months)),
        )
        .select([
            col("date").dt().to_string("%Y-%m").alias("month"),
            col("visit_id"),
            col("date"),
            col("client_id"),
            col("vehicle"),
            col("manager"),
            col("channel"),
        ]);
    sort_by_ids(
        visits,
        &["date", "visit_id"],
        &["visit_id"],
        SortMultipleOptions::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::{station, strs};

    #[test]
    fn in_months_takes_runs_of_months_as_ranges() {
        // Dec 2025 to Feb 2026 (given out of order, one twice) and Apr 2026: each month's
        // first and last day are in, the days around them out.
        let m = |y, n| Month::new(y, n).unwrap();
        let months = [m(2026, 2), m(2025, 12), m(2026, 4), m(2026, 1), m(2026, 2)];
        let day = |y, mo, d| chrono::NaiveDate::from_ymd_opt(y, mo, d).unwrap();
        let days = [
            (day(2025, 11, 30), false),
            (day(2025, 12, 1), true),
            (day(2026, 1, 15), true),
            (day(2026, 2, 28), true),
            (day(2026, 3, 1), false),
            (day(2026, 3, 31), false),
            (day(2026, 4, 1), true),
            (day(2026, 4, 30), true),
            (day(2026, 5, 1), false),
        ];
        let frame = df!("date" => days.iter().map(|d| d.0).collect::<Vec<_>>()).unwrap();
        let got = frame
            .lazy()
            .select([in_months(col("date"), &months).alias("in")])
            .collect()
            .unwrap();
        let got: Vec<Option<bool>> = got.column("in").unwrap().bool().unwrap().iter().collect();
        assert_eq!(got, days.map(|d| Some(d.1)));
        assert!(in_months(col("date"), &[]) == lit(false));
    }

    #[test]
    fn dated_lines_keep_the_line_order_and_date_only_done_visits() {
        // The worked station's lines, in table order: V0, V1 ×3, V2, V3, V4, V5, V8, V9.
        // V5 is cancelled, so its line has no date; every other visit is done.
        let m = station();
        let lines = dated_lines(&m).collect().unwrap();
        assert_eq!(lines.height(), 10);
        assert_eq!(
            strs(&lines, "visit_id"),
            ["V0", "V1", "V1", "V1", "V2", "V3", "V4", "V5", "V8", "V9"].map(|s| Some(s.into()))
        );
        let dates: Vec<Option<String>> = strs(&lines, "date");
        let expected = [
            Some("2026-01-15"),
            Some("2026-03-01"),
            Some("2026-03-01"),
            Some("2026-03-01"),
            Some("2026-03-10"),
            Some("2026-03-31"),
            Some("2026-03-20"),
            None,
            Some("2025-01-10"),
            Some("2024-12-01"),
        ]
        .map(|d| d.map(String::from));
        assert_eq!(dates, expected);
        // Each line knows its visit's row in the visits table (V9 is row 0, …, V7 row 9).
        let rows: Vec<Option<u32>> = lines
            .column("visit_row")
            .unwrap()
            .cast(&DataType::UInt32)
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(rows, [2, 3, 3, 3, 4, 5, 6, 7, 1, 0].map(Some).to_vec());
        // The lines keep their own columns beside the date.
        assert_eq!(
            lines.column("amount").unwrap().i64().unwrap().get(7),
            Some(99_900)
        );
        // Computed once: a second call hands out the same frame.
        assert!(dated_lines(&m).collect().unwrap().equals_missing(&lines));
        // done_lines leaves the cancelled visit's line out.
        assert_eq!(done_lines(&m).collect().unwrap().height(), 9);
        // With the rows ingest found, the dates are gathered from them: the same frame.
        let rows = Series::new("visit_row".into(), [2u32, 3, 3, 3, 4, 5, 6, 7, 1, 0]);
        let seeded = station().with_line_visits(rows.into_column());
        let gathered = dated_lines(&seeded).collect().unwrap();
        assert!(gathered.equals_missing(&lines), "{gathered}\n{lines}");
        // Rows that do not fit the lines (a table replaced since) are not used.
        let stale =
            station().with_line_visits(Series::new("visit_row".into(), [0u32]).into_column());
        assert!(dated_lines(&stale)
            .collect()
            .unwrap()
            .equals_missing(&lines));
    }
}
