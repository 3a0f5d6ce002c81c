//! The regular-client discount (SPEC §1 *the loyalty rule*, §4 *Loyalty*, §4.1, §5.1
//! `loyalty.csv`): who is regular, who is about to lose the status, who is one visit away,
//! and the discount each client's average order earns under the configured tier tables.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{day_lit, num_text, visits_upto, with_visit_revenue, MailList};
use crate::analytics::management::exact_div;
use crate::cli::Lang;
use crate::config::{Config, Loyalty};
use crate::model::Model;

/// Days after as-of at which the `losing` status is judged: the status a regular client
/// would have if they did not come for this long (SPEC §4).
pub const LOSING_LOOKAHEAD_DAYS: i64 = 30;

/// The tier percent of an average order (currency units) for one brand group: the percent
/// of the highest band whose lower bound the order reaches (bands [0, 5000), [5000,
/// 20000), [20000, ∞) by default).
fn tier(avg: Expr, bands: &[f64], percents: &[f64]) -> Expr {
    let mut out = lit(percents.first().copied().unwrap_or(0.0));
    for (bound, pct) in bands.iter().zip(percents).skip(1) {
        out = when(avg.clone().gt_eq(lit(*bound)))
            .then(lit(*pct))
            .otherwise(out);
    }
    out
}

/// The group's top tier, the cap of tier plus bonus.
fn top(percents: &[f64]) -> f64 {
    percents.iter().copied().fold(0.0, f64::max)
}

/// The discount of an order for a group, with the bought-here bonus, capped at the group's
/// top tier.
fn discount(avg: Expr, bought_here: Expr, bands: &[f64], percents: &[f64], bonus: f64) -> Expr {
    let raw = tier(avg, bands, percents) + when(bought_here).then(lit(bonus)).otherwise(lit(0.0));
    let cap = top(percents);
    when(raw.clone().gt(lit(cap))).then(lit(cap)).otherwise(raw)
}

/// `tables/loyalty.csv` (SPEC §5.1): `client_id, name, brand_group, visits_12m, status,
/// bought_here, avg_order_12m, discount_pct, last_visit`, sorted by client.
///
/// `visits_12m` counts done visits dated in (as_of − window, as_of]; `losing` = regular now
/// but short of `min_visits` in the window ending as_of + 30 days; `one_away` = exactly
/// `min_visits − 1`. The brand group is that of the client's latest visit (in
/// [`super::visits_in_order`]: of two on one day the later opened, then the larger
/// visit_id by its trailing number). `avg_order_12m` = window revenue / `visits_12m` (visits without lines count).
pub fn loyalty(model: &Model, config: &Config, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let l: &Loyalty = &config.loyalty;
    let min = l.min_visits as i64;
    let visits = visits_upto(model, as_of);
    let in_window = visits
        .filter(col("date").gt(day_lit(as_of, -l.window_days)))
        .select([col("visit_row"), col("client_id"), col("date")])
        .collect()?;
    let window = with_visit_revenue(model, in_window)?.lazy();
    let later_start = day_lit(as_of, LOSING_LOOKAHEAD_DAYS - l.window_days);
    let counts = window.group_by([col("client_id")]).agg([
        len().cast(DataType::Int64).alias("visits_12m"),
        col("date")
            .gt(later_start)
            .cast(DataType::Int64)
            .sum()
            .alias("visits_later"),
        col("revenue").sum().alias("revenue"),
    ]);
    let last = super::latest_of_clients(model, as_of)?.select([
        col("client_id"),
        col("domestic"),
        col("last_visit"),
    ]);
    let clients = model
        .clients
        .clone()
        .select([col("client_id"), col("name"), col("bought_here")]);
    let status = when(col("visits_12m").gt_eq(lit(min)))
        .then(
            when(col("visits_later").lt(lit(min)))
                .then(lit("losing"))
                .otherwise(lit("regular")),
        )
        .otherwise(lit("one_away"));
    let avg = exact_div(col("revenue"), col("visits_12m") * lit(100i64));
    let bonus = l.bought_here_bonus;
    let pct = when(col("domestic"))
        .then(discount(
            col("avg_order_12m"),
            col("bought_here"),
            &l.bands,
            &l.domestic,
            bonus,
        ))
        .otherwise(discount(
            col("avg_order_12m"),
            col("bought_here"),
            &l.bands,
            &l.foreign,
            bonus,
        ));
    counts
        .filter(col("visits_12m").gt_eq(lit(min - 1)))
        .join(
            last,
            [col("client_id")],
            [col("client_id")],
            JoinArgs::new(JoinType::Inner),
        )
        .left_join(clients, col("client_id"), col("client_id"))
        .with_columns([
            col("domestic").fill_null(lit(false)),
            col("bought_here").fill_null(lit(false)),
            status.alias("status"),
            avg.alias("avg_order_12m"),
        ])
        .with_column(
            when(col("status").eq(lit("one_away")))
                .then(lit(NULL).cast(DataType::Float64))
                .otherwise(pct)
                .alias("discount_pct"),
        )
        .select([
            col("client_id"),
            col("name"),
            when(col("domestic"))
                .then(lit("domestic"))
                .otherwise(lit("foreign"))
                .alias("brand_group"),
            col("visits_12m"),
            col("status"),
            col("bought_here"),
            col("avg_order_12m"),
            col("discount_pct"),
            col("last_visit"),
        ])
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()
}

/// The tier tables themselves (`loyalty_tiers.csv`): `brand_group, band, min_order,
/// max_order, discount_pct, with_bonus_pct` — one row per group and band, the upper bound
/// empty for the top band, `with_bonus_pct` the discount of a client whose car was bought
/// here (capped at the group's top tier).
pub fn tiers(l: &Loyalty) -> PolarsResult<DataFrame> {
    let mut group = Vec::new();
    let mut band = Vec::new();
    let mut lo = Vec::new();
    let mut hi = Vec::new();
    let mut pct = Vec::new();
    let mut with_bonus = Vec::new();
    for (name, percents) in [("domestic", &l.domestic), ("foreign", &l.foreign)] {
        let cap = top(percents);
        for (i, p) in percents.iter().enumerate() {
            group.push(name);
            band.push(i as i64 + 1);
            lo.push(l.bands.get(i).copied().unwrap_or(0.0));
            hi.push(l.bands.get(i + 1).copied());
            pct.push(*p);
            with_bonus.push((p + l.bought_here_bonus).min(cap));
        }
    }
    df!(
        "brand_group" => group,
        "band" => band,
        "min_order" => lo,
        "max_order" => hi,
        "discount_pct" => pct,
        "with_bonus_pct" => with_bonus,
    )
}

/// The day each client's regular status ends if they do not come again: the day their
/// `min_visits`-th latest visit of the window turns `window_days` old (from then on fewer
/// than `min_visits` lie in the window). Column `client_id, status_ends`; null for a client
/// with fewer visits in the window. Only the `clients` named (the losing ones) are
/// grouped: a chain has hundreds of thousands of clients in the window and a few
/// thousand losing.
fn status_ends(model: &Model, l: &Loyalty, as_of: NaiveDate, clients: LazyFrame) -> LazyFrame {
    let nth = (l.min_visits as i64 - 1).max(0);
    visits_upto(model, as_of)
        .filter(col("date").gt(day_lit(as_of, -l.window_days)))
        .semi_join(clients, col("client_id"), col("client_id"))
        .group_by([col("client_id")])
        .agg([col("date")
            .sort(SortOptions::default().with_order_descending(true))
            .slice(lit(nth), lit(1u32))
            .first()
            .dt()
            .offset_by(lit(format!("{}d", l.window_days)))
            .alias("status_ends")])
}

/// A percent as the report's language writes it: `7.5%` in English, `7,5 %` in Russian
/// (a decimal comma, the sign after a non-breaking space), to two decimals without
/// trailing zeros, so that a tier plus a bonus summed in floating point (`7.499999…`) is
/// said as set. The list said `7.5 %` in Russian and `7.5 % discount` in English.
fn percent_text(lang: Lang, pct: Expr) -> Expr {
    let number = num_text(pct.round(2, Default::default()));
    match lang {
        Lang::En => concat_str([number, lit("%")], "", false),
        Lang::Ru => concat_str(
            [
                number.str().replace_all(lit("."), lit(","), true),
                lit("\u{a0}%"),
            ],
            "",
            false,
        ),
    }
}

/// The loyalty mail-merge list: every listed client with the reason in the report language
/// (the discount of a regular client; the day a losing client's status ends without a
/// visit — said as "in 30 days" before session 25, though the status ends when their
/// oldest visit that keeps it turns a year old, often sooner; the one visit a one-away
/// client lacks).
pub fn list(
    model: &Model,
    config: &Config,
    as_of: NaiveDate,
    table: &DataFrame,
) -> PolarsResult<MailList> {
    let lang = config.language;
    let pct = percent_text(lang, col("discount_pct"));
    let ends = super::mail::date_text(lang, col("status_ends"));
    let reason = match lang {
        Lang::Ru => when(col("status").eq(lit("regular")))
            .then(concat_str(
                [lit("Постоянный клиент: скидка "), pct.clone()],
                "",
                false,
            ))
            .when(col("status").eq(lit("losing")))
            .then(concat_str(
                [
                    lit("Теряет статус постоянного клиента "),
                    ends,
                    lit(" без визита до этого дня включительно (скидка "),
                    pct,
                    lit(")"),
                ],
                "",
                false,
            ))
            .otherwise(lit(
                "До статуса постоянного клиента не хватает одного визита",
            )),
        Lang::En => when(col("status").eq(lit("regular")))
            .then(concat_str(
                [lit("Regular client: "), pct.clone(), lit(" discount")],
                "",
                false,
            ))
            .when(col("status").eq(lit("losing")))
            .then(concat_str(
                [
                    lit("Loses regular status on "),
                    ends,
                    lit(" without a visit by that day ("),
                    pct,
                    lit(" discount)"),
                ],
                "",
                false,
            ))
            .otherwise(lit("One visit away from regular status")),
    };
    let losing = table
        .clone()
        .lazy()
        .filter(col("status").eq(lit("losing")))
        .select([col("client_id")]);
    let table = table.clone().lazy().left_join(
        status_ends(model, &config.loyalty, as_of, losing),
        col("client_id"),
        col("client_id"),
    );
    super::client_mail_list(model, as_of, "loyalty", table, reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    /// As of 2026-03-31 the window is (2025-03-31, 2026-03-31]; as of 2026-04-30 it is
    /// (2025-04-30, 2026-04-30].
    fn station() -> Model {
        model(
            &[
                // C1: V11 is exactly 365 days before as-of (outside), V12 364 (inside).
                ("V11", "2025-03-31", "C1", "VL1", "LADA", None),
                ("V12", "2025-04-01", "C1", "VL1", "LADA", None),
                ("V13", "2025-10-01", "C1", "VT1", "Toyota", None),
                ("V14", "2026-01-10", "C1", "VL1", "LADA", None),
                ("V15", "2026-03-20", "C1", "VL1", "LADA", None),
                ("V21", "2025-06-01", "C2", "VT2", "Toyota", None),
                ("V22", "2025-09-01", "C2", "VT2", "Toyota", None),
                ("V23", "2025-12-01", "C2", "VT2", "Toyota", None),
                ("V24", "2026-03-01", "C2", "VT2", "Toyota", None),
                // C3 is not in `clients`; V32 and V33 share the latest date, V33 wins.
                ("V31", "2025-12-01", "C3", "VT3", "Toyota", None),
                ("V32", "2026-03-30", "C3", "VL3", "LADA", None),
                ("V33", "2026-03-30", "C3", "VK3", "Kia", None),
                ("V34", "2026-04-05", "C3", "VK3", "Kia", None),
                ("V41", "2026-03-01", "C4", "VK4", "Kia", None),
            ],
            &[
                ("V11", None, "oil", 100_000, false),
                ("V12", None, "oil", 600_000, false),
                ("V13", None, "oil", 600_000, false),
                ("V15", None, "brakes", 800_000, false),
                ("V15", None, "brakes", 50_000, true),
                ("V21", None, "engine", 2_500_000, false),
                ("V22", None, "engine", 2_500_000, false),
                ("V23", None, "engine", 2_500_000, false),
                ("V24", None, "engine", 2_500_000, false),
            ],
            &[
                ("C1", "Ivan", true, true, None),
                ("C2", "Olga", false, true, None),
                ("C4", "Petr", true, false, None),
            ],
            &[],
        )
    }

    #[test]
    fn loyalty_follows_the_window_the_tiers_and_the_pinned_ties() {
        let m = station();
        let table = loyalty(&m, &Config::default(), period(2026, 3).as_of).unwrap();
        // C1: V12..V15 = 4 visits (V11 outside), revenue 6000 + 6000 + 0 + 8000 = 20000
        // (V14 has no lines but counts; the declined 500 is not revenue), avg 5000 →
        // domestic band [5000, 20000) = 30 + 5 bought here = 35. As of 04-30 V12 drops
        // out: 3 < 4 → losing. Latest visit V15 is a LADA → domestic.
        // C2: 4 × 25000 → foreign top band 20 + 5 = 25, capped at the top tier 20;
        // all four within (2025-04-30, 2026-04-30] → regular.
        // C3: V31..V33 = 3 (V34 is after as-of) → one_away, no discount; tie on 03-30
        // → V33 (Kia) → foreign; missing from clients → empty name, not bought here.
        // C4: 1 visit → not listed.
        assert_eq!(
            csv(&table),
            "client_id,name,brand_group,visits_12m,status,bought_here,avg_order_12m,discount_pct,last_visit\n\
             C1,Ivan,domestic,4,losing,true,5000,35,2026-03-20\n\
             C2,Olga,foreign,4,regular,true,25000,20,2026-03-01\n\
             C3,,foreign,3,one_away,false,0,,2026-03-30\n"
        );
    }

    #[test]
    fn a_regular_client_who_keeps_four_visits_a_month_later_is_not_losing() {
        // Visits on 05-01, 08-01, 11-01, 02-01: all inside (2025-04-30, 2026-04-30].
        let m = model(
            &[
                ("A", "2025-05-01", "C", "V", "Kia", None),
                ("B", "2025-08-01", "C", "V", "Kia", None),
                ("D", "2025-11-01", "C", "V", "Kia", None),
                ("E", "2026-02-01", "C", "V", "Kia", None),
            ],
            &[],
            &[],
            &[],
        );
        let t = loyalty(&m, &Config::default(), period(2026, 3).as_of).unwrap();
        assert_eq!(
            csv(&t).lines().nth(1),
            Some("C,,foreign,4,regular,false,0,10,2026-02-01")
        );
    }

    #[test]
    fn the_bonus_is_capped_at_the_groups_top_tier() {
        let t = tiers(&Loyalty::default()).unwrap();
        // Domestic 20/30/40 + 5 → 25/35/40 (45 capped); foreign 10/15/20 + 5 → 15/20/20.
        assert_eq!(
            csv(&t),
            "brand_group,band,min_order,max_order,discount_pct,with_bonus_pct\n\
             domestic,1,0,5000,20,25\n\
             domestic,2,5000,20000,30,35\n\
             domestic,3,20000,,40,40\n\
             foreign,1,0,5000,10,15\n\
             foreign,2,5000,20000,15,20\n\
             foreign,3,20000,,20,20\n"
        );
    }

    #[test]
    fn the_list_holds_consenting_clients_with_a_readable_reason() {
        let m = station();
        let p = period(2026, 3);
        let config = Config::default();
        let table = loyalty(&m, &config, p.as_of).unwrap();
        let l = list(&m, &config, p.as_of, &table).unwrap();
        // C2 refused consent, C3 is unknown (no consent): 3 clients, 1 consenting.
        assert_eq!((l.clients, l.consenting), (3, 1));
        assert_eq!(
            csv(&l.list),
            "client_id,name,phone,phone_e164,email,vehicle,reason\n\
             C1,Ivan,+7 C1,,,LADA P-VL1,Теряет статус постоянного клиента 01.04.2026 без визита до этого дня включительно (скидка 35\u{a0}%)\n"
        );
    }

    #[test]
    fn regression_a_discount_is_said_with_the_languages_decimal_mark_and_no_float_noise() {
        // 2.5 + 5 is «7.5 %» in a Russian list before, 0.1 + 0.2 «0.30000000000000004 %».
        let df = df!("p" => [2.5 + 5.0, 0.1 + 0.2, 35.0, 12.3456]).unwrap();
        let said = |lang| -> Vec<String> {
            let out = df
                .clone()
                .lazy()
                .select([percent_text(lang, col("p")).alias("p")])
                .collect()
                .unwrap();
            let texts = out.column("p").unwrap().str().unwrap().clone();
            texts.iter().map(|t| t.unwrap().to_string()).collect()
        };
        assert_eq!(
            said(Lang::Ru),
            ["7,5\u{a0}%", "0,3\u{a0}%", "35\u{a0}%", "12,35\u{a0}%"]
        );
        assert_eq!(said(Lang::En), ["7.5%", "0.3%", "35%", "12.35%"]);
    }

    #[test]
    fn regression_a_losing_client_is_told_the_day_the_status_ends() {
        // As of 2026-03-31, C1's four window visits are V12 (2025-04-01) .. V15: V12 turns
        // 365 days old on 2026-04-01, the next day, and the window (2026-04-01 − 365,
        // 2026-04-01] then holds 3. Said "in 30 days" before.
        let m = station();
        let p = period(2026, 3);
        let config = Config {
            language: Lang::En,
            ..Default::default()
        };
        let table = loyalty(&m, &config, p.as_of).unwrap();
        let l = list(&m, &config, p.as_of, &table).unwrap();
        assert_eq!(
            csv(&l.list).lines().nth(1),
            Some("C1,Ivan,+7 C1,,,LADA P-VL1,Loses regular status on 2026-04-01 without a visit by that day (35% discount)")
        );
        // The status end of a client with four window visits on 2025-04-15 .. 2026-03-01:
        // 2026-04-15, the oldest's 365th day; with five (one on 2025-04-10 before them), the
        // fourth latest, 2025-04-15, still decides.
        let visits = |extra: bool| {
            let mut v = vec![
                ("A", "2025-04-15", "C", "V", "Kia", None),
                ("B", "2025-08-01", "C", "V", "Kia", None),
                ("D", "2025-11-01", "C", "V", "Kia", None),
                ("E", "2026-03-01", "C", "V", "Kia", None),
            ];
            if extra {
                v.insert(0, ("Z", "2025-04-10", "C", "V", "Kia", None));
            }
            model(&v, &[], &[], &[])
        };
        for extra in [false, true] {
            let who = df!("client_id" => ["C"]).unwrap().lazy();
            let ends = status_ends(&visits(extra), &config.loyalty, p.as_of, who)
                .collect()
                .unwrap();
            assert_eq!(
                csv(&ends),
                "client_id,status_ends\nC,2026-04-15\n",
                "extra: {extra}"
            );
        }
    }
}
