//! The regular-client discount (SPEC §1 *the loyalty rule*, §4 *Loyalty*, §4.1, §5.1
//! `loyalty.csv`): who is regular, who is about to lose the status, who is one visit away,
//! and the discount each client's average order earns under the configured tier tables.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{client_vehicle, day_lit, latest, num_text, mail_list, visit_revenue, visits_upto, MailList};
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
    let raw = tier(avg, bands, percents)
        + when(bought_here)
            .then(lit(bonus))
            .otherwise(lit(0.0));
    let cap = top(percents);
    when(raw.clone().gt(lit(cap))).then(lit(cap)).otherwise(raw)
}

/// `tables/loyalty.csv` (SPEC §5.1): `client_id, name, brand_group, visits_12m, status,
/// bought_here, avg_order_12m, discount_pct, last_visit`, sorted by client.
///
/// `visits_12m` counts done visits dated in (as_of − window, as_of]; `losing` = regular now
/// but short of `min_visits` in the window ending as_of + 30 days; `one_away` = exactly
/// `min_visits − 1`. The brand group is that of the client's latest visit (ties: the larger
/// visit_id). `avg_order_12m` = window revenue / `visits_12m` (visits without lines count).
pub fn loyalty(model: &Model, config: &Config, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let l: &Loyalty = &config.loyalty;
    let min = l.min_visits as i64;
    let visits = visits_upto(model, as_of);
    let window = visits
        .clone()
        .filter(col("date").gt(day_lit(as_of, -l.window_days)))
        .left_join(visit_revenue(model), col("visit_id"), col("visit_id"));
    let later_start = day_lit(as_of, LOSING_LOOKAHEAD_DAYS - l.window_days);
    let counts = window.group_by([col("client_id")]).agg([
        len().cast(DataType::Int64).alias("visits_12m"),
        col("date")
            .gt(later_start)
            .cast(DataType::Int64)
            .sum()
            .alias("visits_later"),
        col("revenue").fill_null(lit(0i64)).sum().alias("revenue"),
    ]);
    let last = visits.group_by([col("client_id")]).agg([
        latest(col("domestic")).alias("domestic"),
        col("date").max().alias("last_visit"),
    ]);
    let clients = model.clients.clone().select([
        col("client_id"),
        col("name"),
        col("bought_here"),
    ]);
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
        .join(last, [col("client_id")], [col("client_id")], JoinArgs::new(JoinType::Inner))
        .left_join(clients, col("client_id"), col("client_id"))
        .with_columns([
            col("domestic").fill_null(lit(false)),
            col("bought_here").fill_null(lit(false)),
            col("name").fill_null(lit("")),
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

/// The loyalty mail-merge list: every listed client with the reason in the report language
/// (the discount of a regular client, the visits a losing client needs, the one visit a
/// one-away client lacks).
pub fn list(model: &Model, config: &Config, as_of: NaiveDate, table: &DataFrame) -> PolarsResult<MailList> {
    let lang = config.language;
    let pct = num_text(col("discount_pct"));
    let reason = match lang {
        Lang::Ru => when(col("status").eq(lit("regular")))
            .then(concat_str([lit("Постоянный клиент: скидка "), pct.clone(), lit(" %")], "", false))
            .when(col("status").eq(lit("losing")))
            .then(concat_str(
                [lit("Теряет статус постоянного клиента через 30 дней без визита (скидка "), pct, lit(" %)")],
                "",
                false,
            ))
            .otherwise(lit("До статуса постоянного клиента не хватает одного визита")),
        Lang::En => when(col("status").eq(lit("regular")))
            .then(concat_str([lit("Regular client: "), pct.clone(), lit(" % discount")], "", false))
            .when(col("status").eq(lit("losing")))
            .then(concat_str(
                [lit("Loses regular status without a visit in the next 30 days ("), pct, lit(" % discount)")],
                "",
                false,
            ))
            .otherwise(lit("One visit away from regular status")),
    };
    let vehicles = client_vehicle(visits_upto(model, as_of)).select([col("client_id"), col("vehicle")]);
    let candidates = table
        .clone()
        .lazy()
        .left_join(vehicles, col("client_id"), col("client_id"))
        .select([col("client_id"), col("vehicle"), reason.alias("reason")]);
    mail_list(model, as_of, "loyalty", candidates)
}
