//! Declined-work follow-up (SPEC §4 *Declined work follow-up*): work recommended in the
//! last six months that the client declined and the vehicle has not had done since — a
//! call list with the amount at stake.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{date_text, mail_list, money_sign_text, visits_upto, MailList};
use crate::analytics::management::facts::dated_lines;
use crate::analytics::management::units;
use crate::analytics::period::{date_lit, Period};
use crate::cli::Lang;
use crate::config::Config;
use crate::model::Model;

/// Months of declined lines followed up: M−5..M.
pub const MONTHS: i32 = 6;

/// The work key of a line: `c:` + service code, or `d:` + the trimmed, lower-cased
/// description when it has no code.
fn work_key(code: Expr, description: Expr) -> Expr {
    when(code.clone().is_not_null())
        .then(concat_str([lit("c:"), code], "", false))
        .otherwise(concat_str(
            [
                lit("d:"),
                description
                    .str()
                    .strip_chars(lit(NULL))
                    .str()
                    .to_lowercase(),
            ],
            "",
            false,
        ))
}

/// `declined_work.csv`: `client_id, vehicle, visit_id, date, service_code, description,
/// amount` (currency units, plus `amount_kopecks` for the list), sorted by client,
/// vehicle, date, visit and description. A declined line on a done visit dated in M−5..M
/// is listed unless the same vehicle has a sold line of the same work (same service code,
/// else same description) on another done visit dated that day or later, up to as-of.
pub fn declined(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let as_of: NaiveDate = period.as_of;
    let start = period.month.shift(-(MONTHS - 1)).first_day();
    // Both the declined lines and the work that answers them are dated in the window, so
    // only the window's visits are joined to the order lines (a tenth of a 5-year chain).
    // Lines find their visit by its row in the visits table (an integer join, not one on
    // the text visit_id; see `dated_lines`).
    let visits = visits_upto(model, as_of)
        .filter(col("date").gt_eq(date_lit(start)))
        .select([
            col("visit_row"),
            col("visit_id"),
            col("date"),
            col("client_id"),
            col("vehicle"),
        ]);
    let lines = dated_lines(model)
        .filter(
            col("date")
                .gt_eq(date_lit(start))
                .and(col("date").lt_eq(date_lit(as_of))),
        )
        .select([
            col("visit_row"),
            col("service_code"),
            col("description"),
            col("amount"),
            col("declined"),
        ])
        .inner_join(visits, col("visit_row"), col("visit_row"))
        .cache();
    let asked = lines
        .clone()
        .filter(col("declined").fill_null(lit(false)))
        .with_row_index("line", None)
        .with_column(work_key(col("service_code"), col("description")).alias("key"))
        .cache();
    // Only vehicles with declined work need their sold work keyed.
    let sold = lines
        .filter(col("declined").fill_null(lit(false)).not())
        .semi_join(
            asked.clone().select([col("vehicle")]),
            col("vehicle"),
            col("vehicle"),
        );
    // A sold line answers a declined one by its code and also by its description, so that
    // a declined line without a code still finds work sold under a code.
    let by_code = sold
        .clone()
        .filter(col("service_code").is_not_null())
        .select([
            col("vehicle"),
            col("visit_id").alias("done_visit"),
            col("date").alias("done_date"),
            work_key(col("service_code"), lit(NULL).cast(DataType::String)).alias("key"),
        ]);
    // A description answers only a declined line without a code (whose key is its
    // description), so only the vehicles with one have their sold lines' descriptions
    // trimmed and lower-cased: on a chain, a few of the hundreds of thousands.
    let uncoded = asked
        .clone()
        .filter(col("service_code").is_null())
        .select([col("vehicle")]);
    let by_description = sold
        .semi_join(uncoded, col("vehicle"), col("vehicle"))
        .select([
            col("vehicle"),
            col("visit_id").alias("done_visit"),
            col("date").alias("done_date"),
            work_key(lit(NULL).cast(DataType::String), col("description")).alias("key"),
        ]);
    let done = concat([by_code, by_description], UnionArgs::default())?;
    let answered = asked
        .clone()
        .select([
            col("line"),
            col("vehicle"),
            col("key"),
            col("visit_id"),
            col("date"),
        ])
        .join(
            done,
            [col("vehicle"), col("key")],
            [col("vehicle"), col("key")],
            JoinArgs::new(JoinType::Inner),
        )
        .filter(
            col("done_date")
                .gt_eq(col("date"))
                .and(col("done_visit").neq(col("visit_id"))),
        )
        .select([col("line")])
        .unique(None, UniqueKeepStrategy::Any);
    let rows = asked
        .join(
            answered,
            [col("line")],
            [col("line")],
            JoinArgs::new(JoinType::Anti),
        )
        .select([
            col("client_id"),
            col("vehicle"),
            col("visit_id"),
            col("date"),
            col("service_code"),
            col("description"),
            units(col("amount")).alias("amount"),
            col("amount").alias("amount_kopecks"),
        ]);
    // A day's visits in natural order (`V9` before `V10`), as the visits are.
    super::sort_by_ids(
        rows,
        &["client_id", "vehicle", "date", "visit_id", "description"],
        &["visit_id"],
        SortMultipleOptions::default().with_nulls_last(true),
    )
    .collect()
}

/// The `declined_work.csv` columns of [`declined`].
pub fn table(rows: &DataFrame) -> PolarsResult<DataFrame> {
    rows.drop("amount_kopecks")
}

/// The declined-work call list: «Отказ от работы: замена колодок, 4 500 ₽ (14.09.2026)».
pub fn list(
    model: &Model,
    config: &Config,
    as_of: NaiveDate,
    rows: &DataFrame,
) -> PolarsResult<MailList> {
    let lang = config.language;
    let head = match lang {
        Lang::Ru => "Отказ от работы: ",
        Lang::En => "Declined work: ",
    };
    let reason = concat_str(
        [
            lit(head),
            col("description"),
            lit(", "),
            money_sign_text(
                lang,
                col("amount_kopecks"),
                &crate::config::currency_sign(&config.currency),
            ),
            lit(" ("),
            date_text(lang, col("date")),
            lit(")"),
        ],
        "",
        false,
    );
    let candidates =
        rows.clone()
            .lazy()
            .select([col("client_id"), col("vehicle"), reason.alias("reason")]);
    mail_list(model, as_of, "declined_work", candidates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    #[test]
    fn declined_work_is_listed_until_the_vehicle_has_it_done() {
        let m = model(
            &[
                ("A", "2025-09-01", "D1", "X1", "Kia", None),
                ("B", "2026-01-10", "D1", "X1", "Kia", None),
                ("C", "2026-02-01", "D1", "X1", "Kia", None),
                ("E", "2026-03-05", "D1", "X1", "Kia", None),
                ("F", "2026-03-10", "D1", "X1", "Kia", None),
                ("G", "2026-02-10", "D2", "X2", "Kia", None),
                ("H", "2026-04-03", "D2", "X2", "Kia", None),
            ],
            &[
                // Before M−5 = 2025-10: not followed up.
                ("A", Some("PAD"), "Pads", 300_000, true),
                // BRK declined on 01-10, sold on 02-01 → done.
                ("B", Some("BRK"), "Brakes", 450_000, true),
                ("C", Some("BRK"), "Brakes", 450_000, false),
                // Declined without a code, sold later under a code with the same
                // description (trimmed, any case) → done.
                ("E", None, "Alignment", 200_000, true),
                ("F", Some("ALN"), " alignment ", 200_000, false),
                // Never done (H is after as-of) → listed.
                ("G", None, "Wiper blades", 80_050, true),
                ("H", None, "Wiper blades", 80_050, false),
            ],
            &[("D2", "Gleb", true, false, None)],
            &[],
        );
        let p = period(2026, 3);
        let rows = declined(&m, p).unwrap();
        assert_eq!(
            csv(&table(&rows).unwrap()),
            "client_id,vehicle,visit_id,date,service_code,description,amount\n\
             D2,X2,G,2026-02-10,,Wiper blades,800.5\n"
        );
        let l = list(&m, &Config::default(), p.as_of, &rows).unwrap();
        assert_eq!(
            csv(&l.list),
            "client_id,name,phone,phone_e164,email,vehicle,reason\n\
             D2,Gleb,+7 D2,,,Kia P-X2,\"Отказ от работы: Wiper blades, 800,50 ₽ (10.02.2026)\"\n"
        );
    }

    #[test]
    fn a_description_answers_only_a_declined_line_without_a_code() {
        // X1 declined coded brakes and sold other coded work of the same description: still
        // listed. X2 declined uncoded pads and sold them under a code: answered. Only X2's
        // sold descriptions are keyed.
        let m = model(
            &[
                ("A", "2026-02-01", "D1", "X1", "Kia", None),
                ("B", "2026-03-01", "D1", "X1", "Kia", None),
                ("C", "2026-02-02", "D2", "X2", "Kia", None),
                ("E", "2026-03-02", "D2", "X2", "Kia", None),
            ],
            &[
                ("A", Some("BRK"), "Brakes", 100_000, true),
                ("B", Some("BRK-2"), "Brakes", 100_000, false),
                ("C", None, "Pads", 50_000, true),
                ("E", Some("PAD"), "PADS", 50_000, false),
            ],
            &[],
            &[],
        );
        let rows = declined(&m, period(2026, 3)).unwrap();
        assert_eq!(
            csv(&table(&rows).unwrap()),
            "client_id,vehicle,visit_id,date,service_code,description,amount\n\
             D1,X1,A,2026-02-01,BRK,Brakes,1000\n"
        );
    }

    #[test]
    fn regression_a_days_declined_work_lists_visit_9_before_visit_10() {
        // Two visits of one car on one day, each with work declined: as text, V10 came
        // before V9.
        let m = model(
            &[
                ("V10", "2026-03-05", "D1", "X1", "Kia", None),
                ("V9", "2026-03-05", "D1", "X1", "Kia", None),
            ],
            &[
                ("V10", None, "Brakes", 100_000, true),
                ("V9", None, "Pads", 100_000, true),
            ],
            &[],
            &[],
        );
        let rows = declined(&m, period(2026, 3)).unwrap();
        let ids: Vec<Option<&str>> = rows
            .column("visit_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(ids, [Some("V9"), Some("V10")]);
    }
}
