//! Quality of service (SPEC §1 "keep the contract exactly", §4 on-time, turnaround,
//! comebacks): whether promises were kept, how long cars stayed, which visits came back
//! under warranty, and who did not come at all.

use polars::prelude::*;

use super::facts::comeback_pairs;
use super::{figure, ratio, Facts};
use crate::analytics::clients::sort_by_ids;
use crate::model::Model;

/// The turnaround buckets in hours: `[from, to)`, the last one open-ended.
pub const TURNAROUND_BUCKETS: [(f64, Option<f64>, &str); 9] = [
    (0.0, Some(1.0), "0-1h"),
    (1.0, Some(2.0), "1-2h"),
    (2.0, Some(4.0), "2-4h"),
    (4.0, Some(8.0), "4-8h"),
    (8.0, Some(24.0), "8-24h"),
    (24.0, Some(48.0), "1-2d"),
    (48.0, Some(72.0), "2-3d"),
    (72.0, Some(168.0), "3-7d"),
    (168.0, None, "7d+"),
];

/// Milliseconds in an hour: `turnaround_hours` is a difference of millisecond times.
const MS_PER_HOUR: f64 = 3_600_000.0;

/// `quality.csv`: one row per month of M−12, M−1, M (sorted by month): `month, visits,
/// with_promise, on_time, on_time_rate, comebacks, comeback_rate, no_shows, no_show_rate,
/// closed, turnaround_mean_hours, turnaround_median_hours`.
///
/// `with_promise` = visits with both closed_at and promised_at; `on_time` = of those, closed
/// by the promise; `no_show_rate` = no-shows / (visits + no-shows); `closed` = visits with
/// a turnaround (closed at a time of day, and not before they were opened).
pub fn quality(f: &Facts) -> PolarsResult<DataFrame> {
    let mut rows = Vec::new();
    for m in f.period.compared() {
        let no_shows = f.no_shows_of(m).collect()?.height() as i64;
        let row = f.visits_of(m).select([
            lit(m.to_string()).alias("month"),
            figure::visits(),
            col("on_time")
                .count()
                .cast(DataType::Int64)
                .alias("with_promise"),
            col("on_time").cast(DataType::Int64).sum().alias("on_time"),
            figure::on_time_rate(),
            col("comeback")
                .cast(DataType::Int64)
                .sum()
                .alias("comebacks"),
            figure::comeback_rate(),
            lit(no_shows).alias("no_shows"),
            ratio(lit(no_shows), len().cast(DataType::Int64) + lit(no_shows)).alias("no_show_rate"),
            col("turnaround_hours")
                .count()
                .cast(DataType::Int64)
                .alias("closed"),
            // The mean of whole milliseconds, added as integers: a mean of the hours as
            // floats added them in an order that follows polars' chunks, which follow the
            // machine's cores, so a 2-core and a 4-core machine wrote different last digits.
            ratio(
                (col("turnaround_hours") * lit(MS_PER_HOUR))
                    .round(0, RoundMode::HalfAwayFromZero)
                    .cast(DataType::Int64)
                    .sum(),
                col("turnaround_hours").count().cast(DataType::Int64) * lit(MS_PER_HOUR as i64),
            )
            .alias("turnaround_mean_hours"),
            median_hours(col("turnaround_hours")).alias("turnaround_median_hours"),
        ]);
        // A month before the data's first is unknown, not zero, as in kpi.csv.
        let row = match f.before_data(m) {
            false => row,
            true => super::unknown_but(row, "month"),
        };
        rows.push(row);
    }
    concat(rows, UnionArgs::default())?
        .sort(["month"], SortMultipleOptions::default())
        .collect()
}

/// The median of hours to the thousandth of an hour, as hours are kept: the median of an
/// even count is the mean of two quotients of milliseconds, off in its last binary digit
/// (1 and 11 minutes gave 0.09999999999999999 h, written so in quality.csv).
fn median_hours(hours: Expr) -> Expr {
    crate::model::thousandths(hours.median())
}

/// `turnaround.csv`: the distribution of turnaround (closed_at − opened_at) over M's done
/// visits that have one: `bucket, from_hours, to_hours, visits, share, cumulative_share`,
/// every bucket of [`TURNAROUND_BUCKETS`] in order (empty buckets included), shares of the
/// visits with a turnaround.
pub fn turnaround(f: &Facts) -> PolarsResult<DataFrame> {
    let t = || col("turnaround_hours");
    let counts: Vec<Expr> = TURNAROUND_BUCKETS
        .iter()
        .map(|&(from, to, name)| {
            let inside = match to {
                Some(to) => t().gt_eq(lit(from)).and(t().lt(lit(to))),
                None => t().gt_eq(lit(from)),
            };
            inside.cast(DataType::Int64).sum().alias(name)
        })
        .collect();
    let row = f.visits_of(f.period.month).select(counts).collect()?;
    let visits: Vec<i64> = TURNAROUND_BUCKETS
        .iter()
        .map(|(_, _, name)| Ok(row.column(name)?.i64()?.get(0).unwrap_or(0)))
        .collect::<PolarsResult<_>>()?;
    df!(
        "bucket" => TURNAROUND_BUCKETS.iter().map(|b| b.2).collect::<Vec<_>>(),
        "from_hours" => TURNAROUND_BUCKETS.iter().map(|b| b.0).collect::<Vec<_>>(),
        "to_hours" => TURNAROUND_BUCKETS.iter().map(|b| b.1).collect::<Vec<_>>(),
        "visits" => visits,
    )?
    .lazy()
    .with_column(ratio(col("visits"), col("visits").sum()).alias("share"))
    .with_column(ratio(col("visits").cum_sum(false), col("visits").sum()).alias("cumulative_share"))
    .collect()
}

/// `comebacks.csv`: the pairs behind the comeback rate of M: `visit_id, vehicle, date,
/// comeback_visit_id, comeback_date, days`, one row per done visit of M and warranty event
/// on its vehicle 1 to 30 days later, sorted by visit_id, comeback_date, comeback_visit_id,
/// the visit ids in natural order (`V9` < `V10`; as text, `V10` came first).
pub fn comebacks(model: &Model, f: &Facts) -> PolarsResult<DataFrame> {
    comeback_pairs(model, f.visits_of(f.period.month), &[f.period.month])?.collect()
}

/// `no_shows.csv`: the visits of M with status `no_show`: `visit_id, date, client_id,
/// vehicle, manager, channel`, sorted by date, then visit_id in natural order (`V9` <
/// `V10`; as text, `V10` came first).
pub fn no_shows(f: &Facts) -> PolarsResult<DataFrame> {
    let visits = f.no_shows_of(f.period.month).select([
        col("visit_id"),
        col("date"),
        col("client_id"),
        col("vehicle"),
        col("manager"),
        col("channel"),
    ]);
    let by = ["date", "visit_id"];
    sort_by_ids(visits, &by, &["visit_id"], SortMultipleOptions::default()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::{Month, Period};
    use crate::schema::Table;

    fn march() -> (Model, Facts) {
        let model = station();
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        (model, f)
    }

    #[test]
    fn quality_of_three_months() {
        let (_, f) = march();
        let t = quality(&f).unwrap();
        assert_eq!(
            strs(&t, "month"),
            [
                Some("2025-03".into()),
                Some("2026-02".into()),
                Some("2026-03".into())
            ]
        );
        assert_eq!(f64s(&t, "visits"), [Some(0.0), Some(0.0), Some(4.0)]);
        assert_eq!(f64s(&t, "with_promise")[2], Some(2.0));
        assert_eq!(f64s(&t, "on_time")[2], Some(1.0));
        assert_eq!(f64s(&t, "on_time_rate"), [None, None, Some(0.5)]);
        assert_eq!(f64s(&t, "comebacks")[2], Some(1.0));
        // One no-show against 4 done visits: 1 / 5.
        assert_eq!(f64s(&t, "no_show_rate"), [None, None, Some(0.2)]);
        // Turnarounds: V1 6 h, V2 26 h, V3 1 h (V4 not closed): mean 11, median 6.
        assert_eq!(f64s(&t, "closed")[2], Some(3.0));
        assert_eq!(f64s(&t, "turnaround_mean_hours")[2], Some(11.0));
        assert_eq!(f64s(&t, "turnaround_median_hours")[2], Some(6.0));
    }

    #[test]
    fn regression_a_median_of_two_turnarounds_has_no_float_noise() {
        // 1 and 11 minutes as hours: their mean is 0.09999999999999999 in floats.
        let ms = MS_PER_HOUR;
        let df = df!("h" => [60_000.0 / ms, 660_000.0 / ms]).unwrap();
        let out = df
            .lazy()
            .select([median_hours(col("h"))])
            .collect()
            .unwrap();
        assert_eq!(f64s(&out, "h"), [Some(0.1)]);
    }

    #[test]
    fn regression_a_month_before_the_data_is_unknown_not_zero() {
        // January 2025: M−12 = 2024-01, before the first visit (V9, 2024-12). Its visits
        // were 0 here while kpi.csv left them empty.
        let model = station();
        let f = Facts::compute(&model, Period::new(Month::new(2025, 1).unwrap())).unwrap();
        let t = quality(&f).unwrap();
        assert_eq!(strs(&t, "month")[0], Some("2024-01".into()));
        assert_eq!(f64s(&t, "visits")[0], None);
        assert_eq!(f64s(&t, "no_shows")[0], None);
        assert_eq!(t.column("visits").unwrap().dtype(), &DataType::Int64);
        // M−1 (2024-12) is in the data: V9.
        assert_eq!(f64s(&t, "visits")[1], Some(1.0));
        let fb = super::super::feedback::feedback(&model, &f).unwrap();
        assert_eq!(f64s(&fb, "responses"), [None, Some(0.0), Some(0.0)]);
    }

    #[test]
    fn regression_a_closing_of_a_date_alone_has_no_turnaround() {
        // V2 (opened 10 Mar 10:00) closed "11.03.2026" and V3 (opened 31 Mar 11:00) closed
        // "31.03.2026", dates alone: V2 took 14 h (from 0:00) and V3 was "closed before
        // opened". Neither has a known turnaround: V1's 6 h alone.
        let model = station();
        let ms = col("closed_at").cast(DataType::Int64);
        let day = ms.clone() - ms.clone() % lit(crate::model::DAY_MS);
        let visits = model.visits.clone().with_column(
            when(col("visit_id").is_in(
                lit(Series::new("v".into(), ["V2", "V3"])).implode(true),
                false,
            ))
            .then(day)
            .otherwise(ms)
            .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
            .alias("closed_at"),
        );
        let model = model.with_same_rows(Table::Visits, visits);
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = quality(&f).unwrap();
        assert_eq!(f64s(&t, "closed")[2], Some(1.0));
        assert_eq!(f64s(&t, "turnaround_mean_hours")[2], Some(6.0));
    }

    #[test]
    fn turnaround_distribution_has_every_bucket() {
        let (_, f) = march();
        let t = turnaround(&f).unwrap();
        assert_eq!(t.height(), 9);
        // 1 h → 1-2h; 6 h → 4-8h; 26 h → 1-2d.
        let v: Vec<_> = f64s(&t, "visits").into_iter().map(|x| x.unwrap()).collect();
        assert_eq!(v, [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
        assert_eq!(f64s(&t, "share")[1], Some(1.0 / 3.0));
        assert_eq!(f64s(&t, "cumulative_share")[8], Some(1.0));
        assert_eq!(f64s(&t, "to_hours")[8], None);
    }

    #[test]
    fn comeback_pairs_stop_at_thirty_days() {
        let (model, f) = march();
        let t = comebacks(&model, &f).unwrap();
        // V1 → V3 after exactly 30 days; V2 → V7 after 31 days is not a pair.
        assert_eq!(strs(&t, "visit_id"), [Some("V1".into())]);
        assert_eq!(strs(&t, "comeback_visit_id"), [Some("V3".into())]);
        assert_eq!(strs(&t, "comeback_date"), [Some("2026-03-31".into())]);
        assert_eq!(f64s(&t, "days"), [Some(30.0)]);
    }

    #[test]
    fn a_warranty_line_alone_makes_a_comeback_and_a_declined_one_does_not() {
        // W1 on 2026-03-02; W2 (no warranty channel) has a sold warranty line 30 days
        // later; W3 a declined warranty line 5 days later on another car after W4.
        let visits = df!(
            "visit_id" => ["W1", "W2", "W4", "W3"],
            "opened_at" => ["2026-03-02 10:00", "2026-04-01 10:00", "2026-03-03 10:00", "2026-03-08 10:00"].map(ms),
            "client_id" => ["C1", "C1", "C2", "C2"],
            "brand" => ["Lada"; 4],
            "vehicle" => ["A", "A", "B", "B"],
            "status" => ["done"; 4],
            "channel" => ["walk_in", "booking", "walk_in", "walk_in"],
        )
        .unwrap();
        let lines = df!(
            "visit_id" => ["W1", "W2", "W4", "W3"],
            "description" => ["x"; 4],
            "amount" => [1000i64, 0, 1000, 0],
            "warranty" => [false, true, false, true],
            "declined" => [false, false, false, true],
        )
        .unwrap();
        let model = Model::empty()
            .with(Table::Visits, typed(Table::Visits, visits))
            .with(Table::OrderLines, typed(Table::OrderLines, lines));
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = comebacks(&model, &f).unwrap();
        assert_eq!(strs(&t, "visit_id"), [Some("W1".into())]);
        assert_eq!(strs(&t, "comeback_visit_id"), [Some("W2".into())]);
        // March: W1, W4, W3 → one comeback of three.
        let k: Vec<_> = crate::analytics::management::kpi::month_kpis(&f, f.period.month).unwrap();
        let rate = k.iter().find(|(m, _)| *m == "comeback_rate").unwrap().1;
        assert_eq!(rate, Some(1.0 / 3.0));
    }

    /// A March of the visits given as (id, `YYYY-MM-DD HH:MM`, vehicle, status, channel),
    /// each with a line of 1000 (none for a no-show).
    fn visits_of_march(visits: &[(&str, &str, &str, &str, &str)]) -> (Model, Facts) {
        let n = visits.len();
        let visits_df = df!(
            "visit_id" => visits.iter().map(|v| v.0).collect::<Vec<_>>(),
            "opened_at" => visits.iter().map(|v| ms(v.1)).collect::<Vec<_>>(),
            "client_id" => vec!["C1"; n],
            "brand" => vec!["Lada"; n],
            "vehicle" => visits.iter().map(|v| v.2).collect::<Vec<_>>(),
            "status" => visits.iter().map(|v| v.3).collect::<Vec<_>>(),
            "channel" => visits.iter().map(|v| v.4).collect::<Vec<_>>(),
        )
        .unwrap();
        let done: Vec<String> = visits
            .iter()
            .filter(|v| v.3 == "done")
            .map(|v| v.0.to_string())
            .collect();
        let lines = df!(
            "visit_id" => done.clone(),
            "description" => vec!["x"; done.len()],
            "amount" => vec![1000i64; done.len()],
        )
        .unwrap();
        let model = Model::empty()
            .with(Table::Visits, typed(Table::Visits, visits_df))
            .with(Table::OrderLines, typed(Table::OrderLines, lines));
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        (model, f)
    }

    #[test]
    fn regression_comebacks_list_visit_9_before_visit_10() {
        // Car A: V9 on the 2nd, back under warranty as V20 and V100 on the 10th; car B: V10
        // on the 2nd, back as V30 on the 12th. Sorted as text, V10 came before V9 and V100
        // before V20.
        let (model, f) = visits_of_march(&[
            ("V10", "2026-03-02 10:00", "B", "done", "walk_in"),
            ("V9", "2026-03-02 09:00", "A", "done", "walk_in"),
            ("V100", "2026-03-10 10:00", "A", "done", "warranty"),
            ("V20", "2026-03-10 11:00", "A", "done", "warranty"),
            ("V30", "2026-03-12 10:00", "B", "done", "warranty"),
        ]);
        let t = comebacks(&model, &f).unwrap();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(strs(&t, "visit_id"), [s("V9"), s("V9"), s("V10")]);
        assert_eq!(
            strs(&t, "comeback_visit_id"),
            [s("V20"), s("V100"), s("V30")]
        );
        assert_eq!(f64s(&t, "days"), [Some(8.0), Some(8.0), Some(10.0)]);
    }

    #[test]
    fn regression_no_shows_list_visit_9_before_visit_10() {
        // Three no-shows: N2 on the 1st, N10 and N9 on the 16th. Sorted as text, N10 came
        // before N9.
        let (_, f) = visits_of_march(&[
            ("N10", "2026-03-16 10:00", "A", "no_show", "booking"),
            ("N2", "2026-03-01 10:00", "B", "no_show", "booking"),
            ("N9", "2026-03-16 12:00", "C", "no_show", "booking"),
            ("D1", "2026-03-03 10:00", "A", "done", "walk_in"),
        ]);
        let t = no_shows(&f).unwrap();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(strs(&t, "visit_id"), [s("N2"), s("N9"), s("N10")]);
    }

    #[test]
    fn no_shows_of_march() {
        let (_, f) = march();
        let t = no_shows(&f).unwrap();
        assert_eq!(strs(&t, "visit_id"), [Some("V6".into())]);
        assert_eq!(strs(&t, "date"), [Some("2026-03-16".into())]);
    }
}
