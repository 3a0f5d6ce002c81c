//! `tables/kpi.csv` (SPEC §5.1): the 17 management KPIs of §4 for M, M−1 and M−12, as
//! `metric,month,value`, values only (the workbook adds the changes).

use polars::prelude::*;

use super::{figure, ratio, units, Facts};
use crate::analytics::period::Month;

/// The KPI names of `kpi.csv`, in the order of SPEC §5.1.
pub const METRICS: [&str; 17] = [
    "visits",
    "car_count",
    "unique_clients",
    "new_clients",
    "revenue",
    "revenue_labour",
    "revenue_parts",
    "aro",
    "gross_profit",
    "gp_margin",
    "elr",
    "hours_per_visit",
    "close_ratio",
    "no_shows",
    "on_time_rate",
    "comeback_rate",
    "feedback_mean",
];

/// The KPI aggregations over one month's visit facts (all but `no_shows`, which are not
/// done visits), each cast to Float64 and named as in [`METRICS`].
pub fn kpi_exprs() -> Vec<Expr> {
    let hours = || crate::model::hours_sum(col("norm_hours"));
    let has_cost = col("cost_lines").sum().gt(lit(0));
    let f64 = |e: Expr| e.cast(DataType::Float64);
    vec![
        f64(figure::visits()),
        f64(col("vehicle").n_unique()).alias("car_count"),
        f64(figure::clients("unique_clients")),
        f64(col("client_id").filter(col("new_client")).n_unique()).alias("new_clients"),
        figure::revenue(),
        units(col("revenue_labour").sum()).alias("revenue_labour"),
        units(col("revenue_parts").sum()).alias("revenue_parts"),
        figure::aro(),
        // No sold line with a cost: gross profit cannot be computed (not zero).
        when(has_cost)
            .then(units(col("gp").sum()))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("gross_profit"),
        ratio(col("gp").sum(), col("gp_base").sum()).alias("gp_margin"),
        ratio(units(col("revenue_labour").sum()), hours()).alias("elr"),
        // To the thousandth of an hour, as hours are kept: 2.1 h / 3 visits was written
        // 0.7000000000000001.
        crate::model::thousandths(ratio(hours(), len())).alias("hours_per_visit"),
        ratio(
            col("revenue").sum(),
            col("revenue").sum() + col("declined_amount").sum(),
        )
        .alias("close_ratio"),
        figure::on_time_rate(),
        figure::comeback_rate(),
        figure::feedback_mean(),
    ]
}

/// The KPIs of one month as (metric, value) in [`METRICS`] order.
pub fn month_kpis(f: &Facts, month: Month) -> PolarsResult<Vec<(&'static str, Option<f64>)>> {
    let row = f.visits_of(month).select(kpi_exprs()).collect()?;
    let no_shows = f.no_shows_of(month).collect()?.height() as f64;
    METRICS
        .iter()
        .map(|&metric| {
            let value = if metric == "no_shows" {
                Some(no_shows)
            } else {
                row.column(metric)?.f64()?.get(0)
            };
            Ok((metric, value))
        })
        .collect()
}

/// `kpi.csv`: `metric,month,value` for every metric × (M, M−1, M−12), sorted by metric,
/// then month; a value that cannot be computed is empty, as is every value of a month
/// before the data's first visit (M−12 of a younger data set: its visits are unknown, not
/// none, and a manager read the zeros as "no business a year ago").
pub fn kpi_table(f: &Facts) -> PolarsResult<DataFrame> {
    let (mut metric, mut month, mut value) = (Vec::new(), Vec::new(), Vec::new());
    for m in f.period.compared() {
        for (name, v) in month_kpis(f, m)? {
            metric.push(name);
            month.push(m.to_string());
            value.push(v.filter(|_| !f.before_data(m)));
        }
    }
    df!("metric" => metric, "month" => month, "value" => value)?
        .lazy()
        .sort(["metric", "month"], SortMultipleOptions::default())
        .collect()
}

/// The new clients of `month` that the data cannot tell from returning ones, when `month`
/// is within the first 12 months of the data: those (counted by the rule of the first
/// visit) without a registration date, whose visits before the data may be missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unregistered {
    /// The month of the data's first visit.
    pub data_start: Month,
    /// New clients of the month without a registration date.
    pub unregistered: u64,
    /// Every new client of the month.
    pub new_clients: u64,
}

/// [`Unregistered`] for `month`, or `None` when the month is not in the data's first 12
/// months or every new client of it has a registration date.
pub fn unregistered_new_clients(
    model: &crate::model::Model,
    month: Month,
) -> PolarsResult<Option<Unregistered>> {
    let Some(start) = crate::analytics::period::data_start(model)?.map(Month::of) else {
        return Ok(None);
    };
    if month < start || month >= start.shift(12) {
        return Ok(None);
    }
    let facts = super::facts::visit_facts(model, &[month])?
        .filter(col("new_client"))
        .select([col("client_id")])
        .unique(None, UniqueKeepStrategy::Any);
    let dated = model
        .clients
        .clone()
        .filter(col("registered_at").is_not_null())
        .select([col("client_id"), lit(true).alias("dated")]);
    let counts = facts
        .left_join(dated, col("client_id"), col("client_id"))
        .select([
            len().cast(DataType::UInt64).alias("new"),
            col("dated")
                .is_null()
                .cast(DataType::UInt64)
                .sum()
                .alias("unregistered"),
        ])
        .collect()?;
    let get = |name: &str| -> PolarsResult<u64> {
        Ok(counts
            .column(name)?
            .cast(&DataType::UInt64)?
            .u64()?
            .get(0)
            .unwrap_or(0))
    };
    let (new_clients, unregistered) = (get("new")?, get("unregistered")?);
    Ok((unregistered > 0).then_some(Unregistered {
        data_start: start,
        unregistered,
        new_clients,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::Period;

    fn kpis(
        model: &crate::model::Model,
        month: (i32, u32),
    ) -> std::collections::BTreeMap<&'static str, Option<f64>> {
        let period = Period::new(Month::new(month.0, month.1).unwrap());
        let f = Facts::compute(model, period).unwrap();
        month_kpis(&f, period.month).unwrap().into_iter().collect()
    }

    #[test]
    fn regression_a_month_before_the_data_has_no_figures_not_zeros() {
        // The data from 2026-01 only: M−12 of March (2025-03) is unknown, every value
        // empty; February lies inside the data and has no visit, so its visits are 0.
        let m = station();
        let from = crate::analytics::period::date_lit(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        let visits = m.visits.clone().filter(col("date").gt_eq(from));
        let m = m.with(crate::schema::Table::Visits, visits);
        let f = Facts::compute(&m, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = kpi_table(&f).unwrap();
        let value = |metric: &str, month: &str| {
            let row = t
                .clone()
                .lazy()
                .filter(
                    col("metric")
                        .eq(lit(metric))
                        .and(col("month").eq(lit(month))),
                )
                .collect()
                .unwrap();
            row.column("value").unwrap().f64().unwrap().get(0)
        };
        for metric in METRICS {
            assert_eq!(value(metric, "2025-03"), None, "{metric}");
        }
        assert_eq!(value("visits", "2026-02"), Some(0.0));
        assert_eq!(value("visits", "2026-03"), Some(4.0));
    }

    #[test]
    fn regression_a_promise_of_a_date_alone_is_kept_until_the_end_of_that_day() {
        // V2 was promised for 03-11 10:00 and closed at 12:00: late. Promised for 03-11
        // alone (a date cell, read as 0:00), 12:00 that day is on time; so V1 and V2 are
        // both on time. A promise of 03-10 alone is missed by 03-11 12:00.
        let promised = |v2: &str| {
            let m = station();
            let visits = m.visits.clone().with_column(
                when(col("visit_id").eq(lit("V2")))
                    .then(lit(ms(v2)).cast(DataType::Datetime(TimeUnit::Milliseconds, None)))
                    .otherwise(col("promised_at"))
                    .alias("promised_at"),
            );
            m.with(crate::schema::Table::Visits, visits)
        };
        assert_eq!(
            kpis(&promised("2026-03-11 00:00"), (2026, 3))["on_time_rate"],
            Some(1.0)
        );
        assert_eq!(
            kpis(&promised("2026-03-10 00:00"), (2026, 3))["on_time_rate"],
            Some(0.5)
        );
        assert_eq!(
            kpis(&promised("2026-03-11 11:59"), (2026, 3))["on_time_rate"],
            Some(0.5)
        );
    }

    /// [`station`] with a clients table: C2 registered 2024-06-01, before the data's first
    /// month (2024-12, V9); C3 registered 2026-03-20, at their first visit; C1 without a
    /// registration date.
    fn registered() -> crate::model::Model {
        let clients = df!(
            "client_id" => ["C1", "C2", "C3"],
            "name" => ["Anna", "Boris", "Vera"],
            "registered_at" => [None, Some(20_020i32), Some(20_532)],
        )
        .unwrap();
        // 20_020 days after 1970-01-01 = 2024-10-24; 20_532 = 2026-03-20.
        station().with(
            crate::schema::Table::Clients,
            typed(crate::schema::Table::Clients, clients),
        )
    }

    #[test]
    fn regression_a_client_registered_before_the_data_is_not_new() {
        // Without registration dates C2 and C3 are new in March (their first visits in
        // the data). C2 was registered in 2024-10, before the data's first month
        // (2024-12): a client already, not new; C3 registered in March stays new.
        assert_eq!(kpis(&station(), (2026, 3))["new_clients"], Some(2.0));
        assert_eq!(kpis(&registered(), (2026, 3))["new_clients"], Some(1.0));
    }

    #[test]
    fn new_clients_without_a_registration_date_are_said_in_the_datas_first_year() {
        // The data begin in 2024-12 (V9 of C5, who has no registration date). 2024-12
        // has one new client (C5), without a date: said. 2025-01: C1, no date: said.
        // March 2026 is 15 months in: nothing to say whatever the dates.
        let m = registered();
        let said = |y, mo| unregistered_new_clients(&m, Month::new(y, mo).unwrap()).unwrap();
        let start = Month::new(2024, 12).unwrap();
        assert_eq!(
            said(2024, 12),
            Some(Unregistered {
                data_start: start,
                unregistered: 1,
                new_clients: 1
            })
        );
        assert_eq!(said(2025, 1).map(|u| u.unregistered), Some(1));
        assert_eq!(said(2026, 3), None);
        // A month of the first year whose new clients all have dates (none in 2025-02).
        assert_eq!(said(2025, 2), None);
        assert_eq!(said(2024, 11), None);
    }

    #[test]
    fn the_kpis_of_a_worked_month() {
        // See `testdata::station`: March 2026 has the done visits V1, V2, V3, V4 (V5 is
        // cancelled, V6 a no-show, V7 is in April).
        let k = kpis(&station(), (2026, 3));
        assert_eq!(k["visits"], Some(4.0));
        // Vehicles: V1 and V3 share VIN1; V2 VIN2; V4 VIN3.
        assert_eq!(k["car_count"], Some(3.0));
        // Clients C1 (V1, V3), C2 (V2), C3 (V4).
        assert_eq!(k["unique_clients"], Some(3.0));
        // C1 first came in 2026-01 (V0); C2 and C3 first came in March.
        assert_eq!(k["new_clients"], Some(2.0));
        // Sold lines: V1 1000.00 labour + 500.00 part; V2 2000.00 labour; V3 warranty 0;
        // V4 has only a declined line. Declined lines (V1 300.00, V4 700.00) are not revenue.
        assert_eq!(k["revenue"], Some(3500.0));
        assert_eq!(k["revenue_labour"], Some(3000.0));
        assert_eq!(k["revenue_parts"], Some(500.0));
        // ARO = 3500 / 3 visits with a sold line (V1, V2, V3; not V4).
        assert_eq!(k["aro"], Some(3500.0 / 3.0));
        // Lines with a cost: V1 labour (1000 − 400) and part (500 − 300); V2's line has
        // no cost and is left out: GP = 800, GP % = 800 / 1500.
        assert_eq!(k["gross_profit"], Some(800.0));
        assert_eq!(k["gp_margin"], Some(80000.0 / 150000.0));
        // Sold hours: V1 2.0 + V2 1.5 + V3 0.5 = 4.0 (V1's declined 1.0 h is not sold);
        // ELR = 3000 / 4.0; hours per visit = 4.0 / 4.
        assert_eq!(k["elr"], Some(750.0));
        assert_eq!(k["hours_per_visit"], Some(1.0));
        // Close ratio = 3500 / (3500 + 300 + 700).
        assert_eq!(k["close_ratio"], Some(350000.0 / 450000.0));
        assert_eq!(k["no_shows"], Some(1.0));
        // On time: V1 yes, V2 no; V3 and V4 lack a promise: 1 / 2.
        assert_eq!(k["on_time_rate"], Some(0.5));
        // V1 (VIN1, 03-01) is followed by V3 (warranty line, 03-31): 30 days, a comeback.
        // V2 (VIN2, 03-10) by the warranty visit V7 on 04-10: 31 days, not one.
        assert_eq!(k["comeback_rate"], Some(0.25));
        // Scores 4 (V1) and 5 (V2): mean 4.5.
        assert_eq!(k["feedback_mean"], Some(4.5));
    }

    #[test]
    fn a_month_without_visits_gives_zero_counts_and_empty_rates() {
        let k = kpis(&station(), (2026, 2));
        assert_eq!(k["visits"], Some(0.0));
        assert_eq!(k["revenue"], Some(0.0));
        assert_eq!(k["no_shows"], Some(0.0));
        for rate in [
            "aro",
            "gross_profit",
            "gp_margin",
            "elr",
            "hours_per_visit",
            "close_ratio",
            "on_time_rate",
            "comeback_rate",
            "feedback_mean",
        ] {
            assert_eq!(k[rate], None, "{rate}");
        }
    }

    #[test]
    fn declined_and_costless_lines_stay_out_of_revenue_and_gross_profit() {
        use crate::schema::Table;
        // X1 has only a declined line (500.00); X2 one sold line of 200.00 without a cost.
        let visits = df!(
            "visit_id" => ["X1", "X2"],
            "opened_at" => ["2026-05-05 10:00", "2026-05-06 10:00"].map(ms),
            "client_id" => ["C1", "C2"],
            "brand" => ["Lada", "Kia"],
            "vehicle" => ["A", "B"],
        )
        .unwrap();
        let lines = df!(
            "visit_id" => ["X1", "X2"],
            "description" => ["brakes", "wash"],
            "amount" => [50_000i64, 20_000],
            "declined" => [true, false],
        )
        .unwrap();
        let model = crate::model::Model::empty()
            .with(Table::Visits, typed(Table::Visits, visits))
            .with(Table::OrderLines, typed(Table::OrderLines, lines));
        let k = kpis(&model, (2026, 5));
        assert_eq!(k["visits"], Some(2.0));
        // Revenue is X2's 200 only; ARO divides by the one visit with a sold line.
        assert_eq!(k["revenue"], Some(200.0));
        assert_eq!(k["aro"], Some(200.0));
        // No sold line has a cost: gross profit and its margin are empty, not 0.
        assert_eq!(k["gross_profit"], None);
        assert_eq!(k["gp_margin"], None);
        // No norm hours at all: ELR has a zero denominator; hours per visit is 0 / 2.
        assert_eq!(k["elr"], None);
        assert_eq!(k["hours_per_visit"], Some(0.0));
        // 200 / (200 + 500); missing status means done, so there are no no-shows.
        assert_eq!(k["close_ratio"], Some(2.0 / 7.0));
        assert_eq!(k["no_shows"], Some(0.0));
        assert_eq!(k["on_time_rate"], None);
        assert_eq!(k["feedback_mean"], None);
    }

    #[test]
    fn regression_hours_per_visit_is_written_to_the_thousandth_without_float_noise() {
        use crate::schema::Table;
        // 0.7 + 0.7 + 0.7 = 2.1 sold hours over 3 visits: 2.1 / 3 is 0.7000000000000001
        // in floats, and kpi.csv, the workbook and the page wrote it so. 2.0 / 3 is
        // written to the thousandth (0.667), the precision hours are kept to.
        let visits = df!(
            "visit_id" => ["X1", "X2", "X3"],
            "opened_at" => ["2026-05-05 10:00", "2026-05-06 10:00", "2026-05-07 10:00"].map(ms),
            "client_id" => ["C1", "C2", "C3"],
            "brand" => ["Lada", "Kia", "Kia"],
            "vehicle" => ["A", "B", "C"],
        )
        .unwrap();
        let lines = |hours: [f64; 3]| {
            df!(
                "visit_id" => ["X1", "X2", "X3"],
                "description" => ["brakes", "wash", "oil"],
                "amount" => [50_000i64, 20_000, 10_000],
                "norm_hours" => hours,
            )
            .unwrap()
        };
        let model = |hours| {
            crate::model::Model::empty()
                .with(Table::Visits, typed(Table::Visits, visits.clone()))
                .with(Table::OrderLines, typed(Table::OrderLines, lines(hours)))
        };
        assert_eq!(2.1f64 / 3.0, 0.7000000000000001, "the noise this pins");
        let k = kpis(&model([0.7, 0.7, 0.7]), (2026, 5));
        assert_eq!(k["hours_per_visit"], Some(0.7));
        let k = kpis(&model([1.0, 0.5, 0.5]), (2026, 5));
        assert_eq!(k["hours_per_visit"], Some(0.667));
    }

    #[test]
    fn kpi_table_has_every_metric_for_three_months_sorted() {
        let period = Period::new(Month::new(2026, 3).unwrap());
        let f = Facts::compute(&station(), period).unwrap();
        let t = kpi_table(&f).unwrap();
        assert_eq!(t.height(), 17 * 3);
        assert_eq!(
            t.get_column_names()
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            ["metric", "month", "value"]
        );
        let metric = t.column("metric").unwrap().str().unwrap();
        let month = t.column("month").unwrap().str().unwrap();
        assert_eq!(
            (metric.get(0), month.get(0)),
            (Some("aro"), Some("2025-03"))
        );
        assert_eq!(
            (metric.get(1), month.get(1)),
            (Some("aro"), Some("2026-02"))
        );
        assert_eq!(
            (metric.get(2), month.get(2)),
            (Some("aro"), Some("2026-03"))
        );
        assert_eq!(metric.get(50), Some("visits"));
        // The January visit V0 is outside M, M−1 and M−12 (2025-03): it only matters as C1's first visit.
        let visits_jan = kpis(&station(), (2026, 1))["visits"];
        assert_eq!(visits_jan, Some(1.0));
    }
}
