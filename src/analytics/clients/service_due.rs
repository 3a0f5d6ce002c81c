//! Service reminders (SPEC §4 *Service due*, §4.1, §5.1 `service_due.csv`): for every
//! vehicle and every reminder service it has had, when the next one is due — by calendar
//! months or by the kilometres the vehicle's own odometer history projects, whichever
//! comes first — and whether it is overdue or coming up within the horizon.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{day_lit, days, days_text, latest, mail_list, to_date, visits_upto, MailList};
use crate::analytics::period::to_days;
use crate::cli::Lang;
use crate::config::{Config, Reminders};
use crate::model::Model;

/// The least span in days between a vehicle's first and last odometer readings for its
/// own slope to be trusted (SPEC §4.1).
pub const MIN_READING_SPAN_DAYS: i32 = 30;

/// Km per day of every vehicle with odometer readings on or before as-of (`vehicle`,
/// `km_per_day`): the least-squares slope of odometer on days, from the sums n, Σx, Σy,
/// Σxy, Σx² of one group-by; the configured default when the readings span fewer than 30
/// days or the slope is not positive. Days are counted from as-of, which keeps Σx² small
/// and the slope's cancellation harmless.
pub fn km_per_day(visits: LazyFrame, as_of: NaiveDate, default: f64) -> LazyFrame {
    let x = (days(col("date")) - lit(to_days(as_of))).cast(DataType::Float64);
    let y = col("odometer_km").cast(DataType::Float64);
    let n = col("n");
    let slope = (n.clone() * col("sxy") - col("sx") * col("sy"))
        / (n * col("sxx") - col("sx") * col("sx"));
    visits
        .filter(col("odometer_km").is_not_null())
        .select([col("vehicle"), x.alias("x"), y.alias("y")])
        .group_by([col("vehicle")])
        .agg([
            len().cast(DataType::Float64).alias("n"),
            col("x").sum().alias("sx"),
            col("y").sum().alias("sy"),
            (col("x") * col("y")).sum().alias("sxy"),
            (col("x") * col("x")).sum().alias("sxx"),
            (col("x").max() - col("x").min()).alias("span"),
        ])
        .with_column(slope.alias("slope"))
        .select([
            col("vehicle"),
            when(
                col("span")
                    .gt_eq(lit(MIN_READING_SPAN_DAYS as f64))
                    .and(col("slope").gt(lit(0.0))),
            )
            .then(col("slope"))
            .otherwise(lit(default))
            .alias("km_per_day"),
        ])
}

/// Every due reminder with the columns of `service_due.csv` plus `description` and `days`
/// (due_date − as_of), sorted by client, vehicle and service code.
pub fn due(model: &Model, r: &Reminders, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let reminder = model
        .price_list
        .clone()
        .filter(
            col("interval_months")
                .is_not_null()
                .or(col("interval_km").is_not_null()),
        )
        .select([
            col("service_code"),
            col("description"),
            col("interval_months"),
            col("interval_km"),
        ]);
    let visits = visits_upto(model, as_of);
    let had = model
        .order_lines
        .clone()
        .filter(
            col("declined")
                .fill_null(lit(false))
                .not()
                .and(col("service_code").is_not_null()),
        )
        .select([col("visit_id"), col("service_code")])
        .inner_join(
            visits.clone().select([
                col("visit_id"),
                col("date"),
                col("vehicle"),
                col("odometer_km"),
            ]),
            col("visit_id"),
            col("visit_id"),
        )
        .inner_join(reminder, col("service_code"), col("service_code"))
        .group_by([col("vehicle"), col("service_code")])
        .agg([
            col("date").max().alias("last_date"),
            latest(col("odometer_km")).alias("last_odometer"),
            col("description").first(),
            col("interval_months").first(),
            col("interval_km").first(),
        ]);
    let owner = visits
        .clone()
        .group_by([col("vehicle")])
        .agg([latest(col("client_id")).alias("client_id")]);
    let km_due = when(
        col("last_odometer")
            .is_not_null()
            .and(col("interval_km").is_not_null()),
    )
    .then(to_date(
        days(col("last_date"))
            + (col("interval_km").cast(DataType::Float64) / col("km_per_day"))
                .ceil()
                .cast(DataType::Int32),
    ))
    .otherwise(lit(NULL).cast(DataType::Date));
    let months_due = col("last_date").dt().offset_by(concat_str(
        [col("interval_months").cast(DataType::String), lit("mo")],
        "",
        false,
    ));
    had.left_join(
        km_per_day(visits, as_of, r.default_km_per_day),
        col("vehicle"),
        col("vehicle"),
    )
    .with_column(col("km_per_day").fill_null(lit(r.default_km_per_day)))
    .with_column(polars::lazy::dsl::min_horizontal([km_due, months_due])?.alias("due_date"))
    .filter(
        col("due_date")
            .gt(day_lit(as_of, -r.max_overdue_days))
            .and(col("due_date").lt_eq(day_lit(as_of, r.horizon_days))),
    )
    .left_join(owner, col("vehicle"), col("vehicle"))
    .select([
        col("client_id"),
        col("vehicle"),
        col("service_code"),
        col("last_date"),
        col("last_odometer"),
        col("km_per_day"),
        col("due_date"),
        when(col("due_date").lt_eq(day_lit(as_of, 0)))
            .then(lit("overdue"))
            .otherwise(lit("upcoming"))
            .alias("status"),
        col("description"),
        (days(col("due_date")) - lit(to_days(as_of))).alias("days"),
    ])
    .sort(
        ["client_id", "vehicle", "service_code"],
        SortMultipleOptions::default(),
    )
    .collect()
}

/// The `service_due.csv` contract columns of [`due`].
pub fn table(due: &DataFrame) -> PolarsResult<DataFrame> {
    due.select([
        "client_id",
        "vehicle",
        "service_code",
        "last_date",
        "last_odometer",
        "km_per_day",
        "due_date",
        "status",
    ])
}

/// The reminder mail-merge list: «Замена масла — просрочено на 23 дня» /
/// "Oil change — due in 5 days".
pub fn list(model: &Model, config: &Config, as_of: NaiveDate, due: &DataFrame) -> PolarsResult<MailList> {
    let lang = config.language;
    let d = col("days");
    let late = days_text(lang, -d.clone());
    let soon = days_text(lang, d.clone());
    let (overdue, today, ahead) = match lang {
        Lang::Ru => (
            concat_str([lit("просрочено на "), late], "", false),
            lit("срок сегодня"),
            concat_str([lit("срок через "), soon], "", false),
        ),
        Lang::En => (
            concat_str([late, lit(" overdue")], "", false),
            lit("due today"),
            concat_str([lit("due in "), soon], "", false),
        ),
    };
    let when_text = when(d.clone().lt(lit(0)))
        .then(overdue)
        .when(d.eq(lit(0)))
        .then(today)
        .otherwise(ahead);
    let candidates = due.clone().lazy().select([
        col("client_id"),
        col("vehicle"),
        concat_str([col("description"), when_text], " — ", false).alias("reason"),
    ]);
    mail_list(model, as_of, "service_due", candidates)
}
