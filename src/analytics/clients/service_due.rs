//! Service reminders (SPEC §4 *Service due*, §4.1, §5.1 `service_due.csv`): for every
//! vehicle and every reminder service it has had, when the next one is due — by calendar
//! months or by the kilometres the vehicle's own odometer history projects, whichever
//! comes first — and whether it is overdue or coming up within the horizon.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{
    day_lit, days, days_text, mail_list, to_date, visits_in_order, visits_upto, MailList,
    VEHICLE_PLACE, VISIT_SEQ,
};
use crate::analytics::period::{date_lit, to_days};
use crate::cli::Lang;
use crate::config::{Config, Reminders};
use crate::model::Model;

/// The least span in days between a vehicle's first and last odometer readings for its
/// own slope to be trusted (SPEC §4.1).
pub const MIN_READING_SPAN_DAYS: i32 = 30;

/// Km per day of every vehicle with odometer readings among `visits` (those of
/// [`visits_upto`]), by the vehicle's number (`vehicle_place`, `km_per_day`): the least-squares slope of odometer on days, from the sums n, Σx, Σy,
/// Σxy, Σx² of one group-by; the configured default when the readings span fewer than 30
/// days or the slope is not positive. Days are counted from as-of, which keeps Σx² small
/// and the slope's cancellation harmless.
pub fn km_per_day(visits: LazyFrame, as_of: NaiveDate, default: f64) -> LazyFrame {
    let x = (days(col("date")) - lit(to_days(as_of))).cast(DataType::Float64);
    let y = col("odometer_km").cast(DataType::Float64);
    let n = col("n");
    let slope =
        (n.clone() * col("sxy") - col("sx") * col("sy")) / (n * col("sxx") - col("sx") * col("sx"));
    visits
        .filter(col("odometer_km").is_not_null())
        .select([col(VEHICLE_PLACE), x.alias("x"), y.alias("y")])
        .group_by([col(VEHICLE_PLACE)])
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
            col(VEHICLE_PLACE),
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

/// The working column of [`due`]'s vehicle × service key.
const PAIR: &str = "__pair";

/// Whether a price-list row is a reminder service: one with an interval in months or km
/// (SPEC §2 `price_list`).
pub fn is_reminder_service() -> Expr {
    col("interval_months")
        .is_not_null()
        .or(col("interval_km").is_not_null())
}

/// Every due reminder with the columns of `service_due.csv` plus `description` and `days`
/// (due_date − as_of), sorted by client, vehicle and service code.
pub fn due(model: &Model, r: &Reminders, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let reminder = model
        .price_list
        .clone()
        .filter(is_reminder_service())
        .select([
            col("service_code"),
            col("description"),
            col("interval_months"),
            col("interval_km"),
        ]);
    let visits = visits_upto(model, as_of);
    let reminder = reminder.collect()?;
    let codes = reminder
        .column("service_code")?
        .as_materialized_series()
        .drop_nulls()
        .unique()?;
    // The reminder services' sold lines of done visits up to as-of (a dated line's visit
    // is done), with their visit's vehicle, reading and place in visit order gathered by
    // the visit's row: no join of millions of lines with the visits or the price list.
    let lines = crate::analytics::management::facts::dated_lines(model)
        .filter(
            col("declined")
                .fill_null(lit(false))
                .not()
                .and(col("date").lt_eq(date_lit(as_of)))
                .and(col("service_code").is_in(lit(codes.clone()).implode(true), false)),
        )
        .select([col("visit_row"), col("service_code"), col("date")])
        .collect()?;
    let rows = lines.column("visit_row")?.cast(&IDX_DTYPE)?;
    let in_order = visits_in_order(model)
        .select([col(VEHICLE_PLACE), col("odometer_km"), col(VISIT_SEQ)])
        .collect()?;
    let at_visit = in_order
        .select([VEHICLE_PLACE, VISIT_SEQ])?
        .take(rows.idx()?)?;
    // The group's latest visit (§4.1 ties) is its largest place in visit order, found
    // within each group rather than by sorting every reminder line into visit order
    // first; its reading is gathered by that visit's row afterwards. The vehicle and the
    // service are grouped as one integer, the vehicle's place in the high half and the
    // code's place among the reminder codes in the low: no texts hashed or compared.
    let code_places = Series::new(
        "code_place".into(),
        (0..codes.len() as u32).collect::<Vec<_>>(),
    );
    let code_place = col("service_code").replace_strict(
        lit(codes.clone()).implode(true),
        lit(code_places).implode(true),
        None,
        Some(DataType::UInt32),
    );
    let pair = col(VEHICLE_PLACE).cast(DataType::UInt64) * lit(1u64 << 32)
        + code_place.cast(DataType::UInt64);
    let mut had = lines
        .hstack(at_visit.columns())?
        .lazy()
        .group_by([pair.alias(PAIR)])
        .agg([
            col(VEHICLE_PLACE).first(),
            col("service_code").first(),
            col("date").max().alias("last_date"),
            col(VISIT_SEQ).max(),
        ])
        .drop(cols([PAIR]))
        .collect()?;
    let seqs = had.column(VISIT_SEQ)?.cast(&IDX_DTYPE)?;
    let latest = super::rows_by_seq(model)?.take(seqs.idx()?)?;
    let odometer = in_order.column("odometer_km")?.take(&latest)?;
    had.with_column(odometer.with_name("last_odometer".into()))?;
    let had = had.drop(VISIT_SEQ)?.lazy().inner_join(
        reminder.lazy(),
        col("service_code"),
        col("service_code"),
    );
    let km_due = when(
        col("last_odometer")
            .is_not_null()
            .and(col("interval_km").is_not_null()),
    )
    .then(to_date(
        days(col("last_date"))
            // Rounded to a millionth of a day before the ceiling: a slope of 1875/7 km a
            // day makes 15 000 km 56.00000000000001 days in floating point, which is 56.
            + (col("interval_km").cast(DataType::Float64) / col("km_per_day"))
                .round(6, RoundMode::HalfAwayFromZero)
                .ceil()
                .cast(DataType::Int32),
    ))
    .otherwise(lit(NULL).cast(DataType::Date));
    let listed = with_months_due(had)
        .left_join(
            km_per_day(visits.clone(), as_of, r.default_km_per_day),
            col(VEHICLE_PLACE),
            col(VEHICLE_PLACE),
        )
        .with_column(col("km_per_day").fill_null(lit(r.default_km_per_day)))
        .with_column(
            polars::lazy::dsl::min_horizontal([km_due, col("months_due")])?.alias("due_date"),
        )
        .filter(
            col("due_date")
                .gt(day_lit(as_of, -r.max_overdue_days))
                .and(col("due_date").lt_eq(day_lit(as_of, r.horizon_days))),
        )
        .collect()?;
    // The owner: the client of the vehicle's latest visit.
    let owner = super::latest_of_vehicles(model, as_of)?.select([
        col(VEHICLE_PLACE),
        col("vehicle"),
        col("client_id"),
    ]);
    listed
        .lazy()
        .left_join(owner, col(VEHICLE_PLACE), col(VEHICLE_PLACE))
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

/// `had` with `months_due`: `last_date` plus `interval_months` calendar months (the day
/// kept, or the month's last day where the month is shorter). The shift takes its months
/// as text ("6mo"), read again for every row, so it is worked out once per distinct date
/// and interval (a few thousand on a chain, against a million reminders) and joined back.
fn with_months_due(had: LazyFrame) -> LazyFrame {
    let keys = [col("last_date"), col("interval_months")];
    let due = had
        .clone()
        .select(keys.clone())
        .unique(None, UniqueKeepStrategy::Any)
        .with_column(
            col("last_date")
                .dt()
                .offset_by(concat_str(
                    [col("interval_months").cast(DataType::String), lit("mo")],
                    "",
                    false,
                ))
                .alias("months_due"),
        );
    let mut args = JoinArgs::new(JoinType::Left);
    args.maintain_order = MaintainOrderJoin::Left;
    args.nulls_equal = true;
    had.join(due, keys.clone(), keys, args)
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
pub fn list(
    model: &Model,
    config: &Config,
    as_of: NaiveDate,
    due: &DataFrame,
) -> PolarsResult<MailList> {
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
        // Most overdue first, then the soonest due.
        col("days").alias(super::URGENCY),
    ]);
    mail_list(model, as_of, "service_due", candidates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    /// Reminder services: OIL every 6 months / 10 000 km, ROT every 6 months, CHK every
    /// 1 000 km; WSH has no interval. As of 2026-03-31: horizon end 2026-04-30, overdue
    /// floor (exclusive) 2025-03-31.
    fn station() -> Model {
        model(
            &[
                // VA: OIL at 10 000 km; 120 days later 16 000 km under another client (S6).
                ("A1", "2025-09-30", "S1", "VA", "Kia", Some(10_000)),
                ("A2", "2026-01-28", "S6", "VA", "Kia", Some(16_000)),
                // VB: ROT on 31 May, no odometer.
                ("B1", "2025-05-31", "S2", "VB", "Kia", None),
                // VC due exactly on as-of + 30, VD one day later.
                ("C1", "2025-10-30", "S3", "VC", "Kia", None),
                ("D1", "2025-11-01", "S4", "VD", "Kia", None),
                // VE: readings 19 days apart → default 40 km/day.
                ("E1", "2026-03-01", "S5", "VE", "Kia", Some(50_000)),
                ("E2", "2026-03-20", "S5", "VE", "Kia", Some(52_000)),
                // VF: OIL declined only; VG: ROT due more than 365 days ago.
                ("F1", "2026-01-10", "S7", "VF", "Kia", None),
                ("G1", "2024-09-01", "S8", "VG", "Kia", None),
                // After as-of: ignored.
                ("H1", "2026-04-02", "S3", "VC", "Kia", Some(1)),
            ],
            &[
                ("A1", Some("OIL"), "Oil change", 300_000, false),
                ("B1", Some("ROT"), "Tyre rotation", 100_000, false),
                ("C1", Some("ROT"), "Tyre rotation", 100_000, false),
                ("D1", Some("ROT"), "Tyre rotation", 100_000, false),
                ("E1", Some("OIL"), "Oil change", 300_000, false),
                ("E1", Some("CHK"), "Check", 10_000, false),
                ("E1", Some("WSH"), "Wash", 10_000, false),
                ("F1", Some("OIL"), "Oil change", 300_000, true),
                ("G1", Some("ROT"), "Tyre rotation", 100_000, false),
                ("H1", Some("ROT"), "Tyre rotation", 100_000, false),
            ],
            &[
                ("S2", "Anna", true, false, None),
                ("S6", "Boris", true, false, None),
            ],
            &[
                ("OIL", "Oil change", Some(6), Some(10_000)),
                ("ROT", "Tyre rotation", Some(6), None),
                ("CHK", "Check", None, Some(1_000)),
                ("WSH", "Wash", None, None),
            ],
        )
    }

    #[test]
    fn due_dates_follow_months_kilometres_and_the_listing_window() {
        let due = due(&station(), &Reminders::default(), period(2026, 3).as_of).unwrap();
        // S2 VB ROT: 2025-05-31 + 6 months = 2025-11-30 (day clamped), overdue.
        // S3 VC ROT: 2025-10-30 + 6 months = 2026-04-30 = as-of + 30 → listed, upcoming;
        //   VD (2026-05-01) is not listed. H1 after as-of does not count.
        // S5 VE CHK: readings 19 days apart → 40 km/day; 2026-03-01 + ceil(1000 / 40) = 25
        //   days = 2026-03-26, overdue. (The slope 2000 / 19 would give 2026-03-11.) VE's
        //   OIL: min(03-01 + 250 days, 2026-09-01) is beyond the horizon.
        // S6 VA OIL: x = −182, −62 days from as-of; slope = (2·(−2 812 000) − (−244)·26 000)
        //   / (2·36 968 − 244²) = 720 000 / 14 400 = 50 km/day; by km 2025-09-30 + 200 days
        //   = 2026-04-18, by months 2026-03-30 → 2026-03-30, overdue. The client is S6,
        //   whose visit is the vehicle's latest.
        // VF had OIL declined only; VG's ROT was due 2025-03-01, ≤ as-of − 365.
        assert_eq!(
            csv(&table(&due).unwrap()),
            "client_id,vehicle,service_code,last_date,last_odometer,km_per_day,due_date,status\n\
             S2,VB,ROT,2025-05-31,,40,2025-11-30,overdue\n\
             S3,VC,ROT,2025-10-30,,40,2026-04-30,upcoming\n\
             S5,VE,CHK,2026-03-01,50000,40,2026-03-26,overdue\n\
             S6,VA,OIL,2025-09-30,10000,50,2026-03-30,overdue\n"
        );
    }

    #[test]
    fn regression_a_whole_number_of_days_by_km_is_not_a_day_late() {
        // 9 375 km in 35 days is 1875/7 km a day; 15 000 km take exactly 56 days, which
        // floating point made 56.00000000000001 and the ceiling 57.
        let m = model(
            &[
                ("A", "2025-12-01", "C", "V", "Kia", Some(10_000)),
                ("B", "2026-01-05", "C", "V", "Kia", Some(19_375)),
            ],
            &[("A", Some("OIL"), "Oil change", 300_000, false)],
            &[],
            &[("OIL", "Oil change", None, Some(15_000))],
        );
        let due = due(&m, &Reminders::default(), period(2026, 1).as_of).unwrap();
        // 2025-12-01 + 56 days = 2026-01-26.
        let dates: Vec<_> = due
            .column("due_date")
            .unwrap()
            .date()
            .unwrap()
            .physical()
            .iter()
            .collect();
        assert_eq!(
            dates,
            [Some(crate::analytics::period::to_days(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 26).unwrap()
            ))]
        );
    }

    #[test]
    fn km_per_day_falls_back_to_the_default_for_short_or_falling_readings() {
        let m = model(
            &[
                ("A", "2026-03-01", "C", "SHORT", "Kia", Some(100)),
                ("B", "2026-03-30", "C", "SHORT", "Kia", Some(3_000)),
                ("D", "2026-01-01", "C", "DOWN", "Kia", Some(5_000)),
                ("E", "2026-03-01", "C", "DOWN", "Kia", Some(4_000)),
                ("F", "2026-01-01", "C", "OK", "Kia", Some(1_000)),
                ("G", "2026-01-31", "C", "OK", "Kia", Some(2_000)),
                ("H", "2026-03-02", "C", "OK", "Kia", Some(4_000)),
            ],
            &[],
            &[],
            &[],
        );
        let as_of = period(2026, 3).as_of;
        let out = km_per_day(visits_upto(&m, as_of), as_of, 40.0)
            .sort([VEHICLE_PLACE], SortMultipleOptions::default())
            .collect()
            .unwrap();
        // The vehicles by their places, in text order: DOWN 0, OK 1, SHORT 2.
        // SHORT spans 29 days, DOWN has a negative slope → 40. OK: x = −89, −59, −29;
        // x̄ = −59, ȳ = 7000/3; Σ(x−x̄)(y−ȳ) = −30·(−4000/3) + 0 + 30·(5000/3) = 90 000;
        // Σ(x−x̄)² = 1800 → 50 km/day.
        assert_eq!(csv(&out), "vehicle_place,km_per_day\n0,40\n1,50\n2,40\n");
    }

    #[test]
    fn the_reminder_list_says_how_late_in_the_report_language() {
        let m = station();
        let as_of = period(2026, 3).as_of;
        let mut config = Config::default();
        let due = due(&m, &config.reminders, as_of).unwrap();
        let ru = list(&m, &config, as_of, &due).unwrap();
        // Only S2 and S6 consent; S3, S5 are missing from clients.
        assert_eq!((ru.clients, ru.consenting), (4, 2));
        assert_eq!(
            csv(&ru.list),
            "client_id,name,phone,phone_e164,email,vehicle,reason\n\
             S2,Anna,+7 S2,,,Kia P-VB,Tyre rotation — просрочено на 121 день\n\
             S6,Boris,+7 S6,,,Kia P-VA,Oil change — просрочено на 1 день\n"
        );
        config.language = Lang::En;
        let en = list(&m, &config, as_of, &due).unwrap();
        assert!(
            csv(&en.list).contains("S2,Anna,+7 S2,,,Kia P-VB,Tyre rotation — 121 days overdue\n")
        );
    }
}
