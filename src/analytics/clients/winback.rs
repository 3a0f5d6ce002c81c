//! Win-back (SPEC §4 *Win-back*): clients overdue by their own rhythm — no visit for more
//! than max(the minimum gap, twice their median gap between visits), or 365 days for a
//! client seen once. Unlike the `lapsed` activity bucket this adapts to each client: a
//! monthly washer is missed sooner than a once-a-year service client.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{client_days, days_text, MailList};
use crate::analytics::management::units;
use crate::analytics::period::to_days;
use crate::cli::Lang;
use crate::config::Config;
use crate::model::Model;

/// The gap used for a client with a single visit day (SPEC §4).
pub const ONE_VISIT_GAP_DAYS: i64 = 365;

/// Below this median gap (days) the call list names no rhythm, only the visit days: a
/// client who came back the next day to have a fix seen to was "usually every 1 day".
pub const RHYTHM_MIN_DAYS: f64 = 7.0;

/// `winback.csv`: `client_id, name, visits, last_visit, median_gap_days, threshold_days,
/// days_since, revenue`, sorted by client. Visits of one day count once for the rhythm;
/// `visits` is the number of visit days, `revenue` the lifetime revenue in currency units.
/// A client with an open visit (in progress, up to the as-of date) after their last done
/// one is at the station, not lapsed, and is left out: the call list asked to win back
/// clients whose car was on the lift. No-shows stay: a booking missed is no visit.
pub fn winback(model: &Model, config: &Config, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let min_gap = config.reminders.winback_min_gap_days as f64;
    // The gaps come from the clients' visit days, sorted by client and day: a gap is a
    // day minus the previous day of the same client, with no sort per client.
    let same_client = col("client_id").eq(col("client_id").shift(lit(1)));
    let per_client = client_days(model, as_of)?
        .select([col("client_id"), col("day").alias("d"), col("revenue")])
        .with_column(
            when(same_client)
                .then(col("d") - col("d").shift(lit(1)))
                .otherwise(lit(NULL).cast(DataType::Int32))
                .alias("gap"),
        )
        .group_by([col("client_id")])
        .agg([
            len().cast(DataType::Int64).alias("visits"),
            col("d").max().alias("last"),
            col("gap").median().alias("median_gap_days"),
            col("revenue").sum(),
        ]);
    let threshold = when(col("visits").eq(lit(1i64)))
        .then(lit(ONE_VISIT_GAP_DAYS as f64))
        .otherwise(
            when((col("median_gap_days") * lit(2.0)).gt(lit(min_gap)))
                .then(col("median_gap_days") * lit(2.0))
                .otherwise(lit(min_gap)),
        );
    let clients = model
        .clients
        .clone()
        .select([col("client_id"), col("name")]);
    let open = model
        .visits
        .clone()
        .filter(
            col("status")
                .eq(lit("open"))
                .and(col("date").lt_eq(crate::analytics::period::date_lit(as_of))),
        )
        .group_by([col("client_id")])
        .agg([super::days(col("date")).max().alias("open_day")]);
    per_client
        .left_join(open, col("client_id"), col("client_id"))
        .filter(
            col("open_day")
                .is_null()
                .or(col("open_day").lt_eq(col("last"))),
        )
        .with_columns([
            threshold.alias("threshold_days"),
            (lit(to_days(as_of)) - col("last"))
                .cast(DataType::Int64)
                .alias("days_since"),
        ])
        .filter(
            col("days_since")
                .cast(DataType::Float64)
                .gt(col("threshold_days")),
        )
        .left_join(clients, col("client_id"), col("client_id"))
        .select([
            col("client_id"),
            col("name"),
            col("visits"),
            col("last").cast(DataType::Date).alias("last_visit"),
            col("median_gap_days").cast(DataType::Float64),
            col("threshold_days"),
            col("days_since"),
            units(col("revenue").fill_null(lit(0i64))).alias("revenue"),
        ])
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()
}

/// The win-back call list: «Не был(а) у нас 400 дней (обычно раз в 90 дней)» /
/// "No visit for 400 days (usually every 90 days)"; with a median gap under
/// [`RHYTHM_MIN_DAYS`], «(визитов: 2)» / "(2 visits)" instead of the rhythm. From the ranked table (with
/// `priority`, see [`super::clv::rank_winback`]) the list is in the order to call, most
/// valuable first (SPEC §4: the model ranks the win-back list), with `priority` as its
/// first column; from the table alone it is sorted by client as the other lists are.
pub fn list(
    model: &Model,
    config: &Config,
    as_of: NaiveDate,
    table: &DataFrame,
) -> PolarsResult<MailList> {
    let lang = config.language;
    let since = days_text(lang, col("days_since"));
    let rhythm = days_text(lang, col("median_gap_days").round(0, Default::default()));
    // Visits days apart have no rhythm worth naming (a fix seen to the next day): the
    // number of visit days is said instead.
    let short = col("median_gap_days").lt(lit(RHYTHM_MIN_DAYS));
    let visits = col("visits").cast(DataType::String);
    let reason = match lang {
        Lang::Ru => concat_str(
            [
                lit("Не был(а) у нас "),
                since,
                when(col("visits").eq(lit(1i64)))
                    .then(lit(" (был(а) один раз)"))
                    .when(short.clone())
                    .then(concat_str(
                        [lit(" (визитов: "), visits.clone(), lit(")")],
                        "",
                        false,
                    ))
                    .otherwise(concat_str(
                        [lit(" (обычно раз в "), rhythm, lit(")")],
                        "",
                        false,
                    )),
            ],
            "",
            false,
        ),
        Lang::En => concat_str(
            [
                lit("No visit for "),
                since,
                when(col("visits").eq(lit(1i64)))
                    .then(lit(" (one visit only)"))
                    .when(short)
                    .then(concat_str([lit(" ("), visits, lit(" visits)")], "", false))
                    .otherwise(concat_str(
                        [lit(" (usually every "), rhythm, lit(")")],
                        "",
                        false,
                    )),
            ],
            "",
            false,
        ),
    };
    let mut list = super::client_mail_list(model, as_of, "winback", table.clone().lazy(), reason)?;
    if table.column("priority").is_ok() {
        let mut columns = vec![col("priority")];
        columns.extend(
            list.list
                .get_column_names()
                .into_iter()
                .map(|c| col(c.clone())),
        );
        list.list = list
            .list
            .lazy()
            .join(
                table
                    .clone()
                    .lazy()
                    .select([col("client_id"), col("priority")]),
                [col("client_id")],
                [col("client_id")],
                JoinArgs::new(JoinType::Left),
            )
            .select(columns)
            .sort(["priority"], SortMultipleOptions::default())
            .collect()?;
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    #[test]
    fn each_client_is_judged_by_their_own_rhythm() {
        let m = model(
            &[
                // W1: every 30 days, last 2025-03-02 → 394 days ago > max(180, 60).
                ("A1", "2025-01-01", "W1", "X1", "Kia", None),
                ("A2", "2025-01-31", "W1", "X1", "Kia", None),
                ("A3", "2025-03-02", "W1", "X1", "Kia", None),
                ("A4", "2025-03-02", "W1", "X1", "Kia", None),
                // W2: one visit 364 days ago (≤ 365); W3: one visit 366 days ago.
                ("B1", "2025-04-01", "W2", "X2", "Kia", None),
                ("C1", "2025-03-30", "W3", "X3", "Kia", None),
                // W4: gaps 200, 200 → threshold 400 > 299 days since 2025-06-05.
                ("D1", "2024-05-01", "W4", "X4", "Kia", None),
                ("D2", "2024-11-17", "W4", "X4", "Kia", None),
                ("D3", "2025-06-05", "W4", "X4", "Kia", None),
            ],
            &[("A1", None, "wash", 50_050, false)],
            &[("W1", "Vera", true, false, None)],
            &[],
        );
        let p = period(2026, 3);
        let mut config = Config::default();
        let t = winback(&m, &config, p.as_of).unwrap();
        // W1: 3 visit days (two visits on 03-02 are one), gaps 30, 30.
        assert_eq!(
            csv(&t),
            "client_id,name,visits,last_visit,median_gap_days,threshold_days,days_since,revenue\n\
             W1,Vera,3,2025-03-02,30,180,394,500.5\n\
             W3,,1,2025-03-30,,365,366,0\n"
        );
        config.language = Lang::En;
        let l = list(&m, &config, p.as_of, &t).unwrap();
        assert_eq!((l.clients, l.consenting), (2, 1));
        assert_eq!(
            csv(&l.list),
            "client_id,name,phone,phone_e164,email,vehicle,reason\n\
             W1,Vera,+7 W1,,,Kia P-X1,No visit for 394 days (usually every 30 days)\n"
        );
        // Ranked, the list is in the order to call, with the priority first.
        let mut ranked = t.clone();
        ranked
            .with_column(Column::new("priority".into(), [2i64, 1]))
            .unwrap();
        let mut vip = m.clone();
        vip.clients = df!(
            "client_id" => ["W1", "W3"],
            "name" => ["Vera", "Gleb"],
            "phone" => ["+7 W1", "+7 W3"],
            "email" => [None::<&str>, None],
            "consent" => [true, true],
        )
        .unwrap()
        .lazy();
        let l = list(&vip, &config, p.as_of, &ranked).unwrap();
        assert_eq!(
            csv(&l.list),
            "priority,client_id,name,phone,phone_e164,email,vehicle,reason\n\
             1,W3,Gleb,+7 W3,,,Kia P-X3,No visit for 366 days (one visit only)\n\
             2,W1,Vera,+7 W1,,,Kia P-X1,No visit for 394 days (usually every 30 days)\n"
        );
    }

    #[test]
    fn regression_a_client_at_the_station_now_is_not_won_back() {
        // As of 2026-03-31, each client's one done visit is over 365 days old. O has an
        // open visit on 2026-03-25 (in the shop now): left out. E's open visit is dated
        // before the done one (an order left open by mistake): E is lapsed still. L's open
        // visit is after the as-of date (not known then): listed. N missed a booking on
        // 2026-03-01 (a no-show is no visit): listed.
        let mut m = model(
            &[
                ("O1", "2025-01-10", "O", "X1", "Kia", None),
                ("O2", "2026-03-25", "O", "X1", "Kia", None),
                ("E1", "2024-12-01", "E", "X2", "Kia", None),
                ("E2", "2025-01-10", "E", "X2", "Kia", None),
                ("L1", "2025-01-10", "L", "X3", "Kia", None),
                ("L2", "2026-04-02", "L", "X3", "Kia", None),
                ("N1", "2025-01-10", "N", "X4", "Kia", None),
                ("N2", "2026-03-01", "N", "X4", "Kia", None),
            ],
            &[],
            &[],
            &[],
        );
        m.visits = m.visits.with_column(
            when(col("visit_id").is_in(lit(Series::new("".into(), ["O2", "E1", "L2"])), false))
                .then(lit("open"))
                .when(col("visit_id").eq(lit("N2")))
                .then(lit("no_show"))
                .otherwise(col("status"))
                .alias("status"),
        );
        let t = winback(&m, &Config::default(), period(2026, 3).as_of).unwrap();
        assert_eq!(
            csv(&t),
            "client_id,name,visits,last_visit,median_gap_days,threshold_days,days_since,revenue\n\
             E,,1,2025-01-10,,365,445,0\n\
             L,,1,2025-01-10,,365,445,0\n\
             N,,1,2025-01-10,,365,445,0\n"
        );
    }

    #[test]
    fn regression_visits_days_apart_name_no_rhythm() {
        // S came on 2025-01-31 and back on 2025-02-01 (median gap 1 day): «обычно раз в 1
        // день» before; the visit days are said instead. W's gaps 6 and 8 (median 7) are a
        // weekly rhythm, named.
        let m = model(
            &[
                ("S1", "2025-01-31", "S", "X1", "Kia", None),
                ("S2", "2025-02-01", "S", "X1", "Kia", None),
                ("W1", "2025-01-01", "W", "X2", "Kia", None),
                ("W2", "2025-01-07", "W", "X2", "Kia", None),
                ("W3", "2025-01-15", "W", "X2", "Kia", None),
            ],
            &[],
            &[
                ("S", "Lev", true, false, None),
                ("W", "Yan", true, false, None),
            ],
            &[],
        );
        let p = period(2026, 3);
        let mut config = Config::default();
        let t = winback(&m, &config, p.as_of).unwrap();
        let reasons = |config: &Config| {
            let l = list(&m, config, p.as_of, &t).unwrap();
            csv(&l.list.select(["reason"]).unwrap())
        };
        // 2025-02-01 → 2026-03-31: 423 days; 2025-01-15 → 440.
        config.language = Lang::Ru;
        assert_eq!(
            reasons(&config),
            "reason\nНе был(а) у нас 423 дня (визитов: 2)\nНе был(а) у нас 440 дней (обычно раз в 7 дней)\n"
        );
        config.language = Lang::En;
        assert_eq!(
            reasons(&config),
            "reason\nNo visit for 423 days (2 visits)\nNo visit for 440 days (usually every 7 days)\n"
        );
    }

    #[test]
    fn a_clients_rhythm_does_not_start_from_the_previous_clients_last_visit() {
        // The gaps come from one sort of every client's days: P's first day must not be
        // measured from O's last. O: one gap of 10 days; P: one gap of 200 days. Measured
        // across the boundary P would get gaps (−56, 200), median 72, threshold 180 < 300
        // days since, and be listed; by its own rhythm the threshold is 400.
        let m = model(
            &[
                ("O1", "2025-01-01", "O", "X1", "Kia", None),
                ("O2", "2025-01-11", "O", "X1", "Kia", None),
                ("P1", "2024-11-16", "P", "X2", "Kia", None),
                ("P2", "2025-06-04", "P", "X2", "Kia", None),
            ],
            &[],
            &[],
            &[],
        );
        let t = winback(&m, &Config::default(), period(2026, 3).as_of).unwrap();
        assert_eq!(
            csv(&t),
            "client_id,name,visits,last_visit,median_gap_days,threshold_days,days_since,revenue\n\
             O,,2,2025-01-11,10,180,444,0\n"
        );
    }
}
