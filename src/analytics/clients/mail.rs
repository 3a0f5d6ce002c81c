//! Mail-merge lists (SPEC §5 `lists/`): consenting clients with their contacts, a readable
//! vehicle and the reason for the call, and the texts those reasons are made of (days,
//! money and dates in the report language).

use chrono::NaiveDate;
use polars::prelude::*;

use crate::cli::Lang;
use crate::model::Model;

/// "N days" in the report language, Russian with its three plural forms
/// (1 день, 2 дня, 5 дней, 11 дней, 21 день).
pub fn days_text(lang: Lang, n: Expr) -> Expr {
    let n = n.cast(DataType::Int64);
    let word = match lang {
        Lang::En => when(n.clone().eq(lit(1i64)))
            .then(lit("day"))
            .otherwise(lit("days")),
        Lang::Ru => {
            let m10 = n.clone() % lit(10i64);
            let m100 = n.clone() % lit(100i64);
            when(m10.clone().eq(lit(1i64)).and(m100.clone().neq(lit(11i64))))
                .then(lit("день"))
                .when(
                    m10.clone()
                        .gt_eq(lit(2i64))
                        .and(m10.lt_eq(lit(4i64)))
                        .and(m100.clone().lt(lit(12i64)).or(m100.gt(lit(14i64)))),
                )
                .then(lit("дня"))
                .otherwise(lit("дней"))
        }
    };
    concat_str([n.cast(DataType::String), word], " ", false)
}

/// Kopecks as readable money text: whole units without decimals (`1500`), otherwise two
/// decimals with the language's decimal mark (`1500,50` / `1500.50`).
pub fn money_text(lang: Lang, kopecks: Expr) -> Expr {
    let k = kopecks.cast(DataType::Int64);
    let whole = k.clone().floor_div(lit(100i64)).cast(DataType::String);
    let cents = k.clone() % lit(100i64);
    let cents_text = when(cents.clone().lt(lit(10i64)))
        .then(concat_str(
            [lit("0"), cents.clone().cast(DataType::String)],
            "",
            false,
        ))
        .otherwise(cents.clone().cast(DataType::String));
    let mark = match lang {
        Lang::En => ".",
        Lang::Ru => ",",
    };
    when(cents.eq(lit(0i64)))
        .then(whole.clone())
        .otherwise(concat_str([whole, lit(mark), cents_text], "", false))
}

/// A date as text in the report language (`14.12.2026` / `2026-12-14`).
pub fn date_text(lang: Lang, date: Expr) -> Expr {
    match lang {
        Lang::En => date.dt().to_string("%Y-%m-%d"),
        Lang::Ru => date.dt().to_string("%d.%m.%Y"),
    }
}

/// One mail-merge list and how many of its clients were left out for lack of consent.
pub struct MailList {
    /// The list's file stem (`lists/<name>.csv`).
    pub name: String,
    /// `client_id, name, phone, email, vehicle, reason` of consenting clients, sorted.
    pub list: DataFrame,
    /// Distinct clients the list would hold without the consent rule.
    pub clients: i64,
    /// Distinct consenting clients on the list.
    pub consenting: i64,
}

/// A mail-merge list of clients (rows with `client_id`) about their latest vehicle ≤ as-of,
/// each with `reason`: the vehicle is attached, then [`mail_list`] keeps the consenting.
pub fn client_mail_list(
    model: &Model,
    as_of: NaiveDate,
    name: &str,
    clients: LazyFrame,
    reason: Expr,
) -> PolarsResult<MailList> {
    let vehicles =
        super::latest_of_clients(model, as_of)?.select([col("client_id"), col("vehicle")]);
    let candidates = clients
        .left_join(vehicles, col("client_id"), col("client_id"))
        .select([col("client_id"), col("vehicle"), reason.alias("reason")]);
    mail_list(model, as_of, name, candidates)
}

/// Build a mail-merge list from candidate rows (`client_id`, `vehicle` key, `reason`):
/// keep consenting clients only (an empty consent, or a client missing from `clients`,
/// is no consent, SPEC §2), add their contacts and a readable vehicle.
pub fn mail_list(
    model: &Model,
    as_of: NaiveDate,
    name: &str,
    candidates: LazyFrame,
) -> PolarsResult<MailList> {
    let contacts = model.clients.clone().select([
        col("client_id"),
        col("name"),
        col("phone"),
        col("email"),
        col("consent").fill_null(lit(false)).alias("consent"),
    ]);
    let rows = candidates
        .select([col("client_id"), col("vehicle"), col("reason")])
        .left_join(contacts, col("client_id"), col("client_id"))
        .with_column(col("consent").fill_null(lit(false)))
        .collect()?;
    let distinct =
        |df: &DataFrame| -> PolarsResult<i64> { Ok(df.column("client_id")?.n_unique()? as i64) };
    let clients = distinct(&rows)?;
    let consenting = rows.clone().lazy().filter(col("consent"));
    let labels =
        super::latest_of_vehicles(model, as_of)?.select([col("vehicle"), col("vehicle_label")]);
    let list = consenting
        .left_join(labels, col("vehicle"), col("vehicle"))
        .select([
            col("client_id"),
            col("name"),
            col("phone"),
            col("email"),
            col("vehicle_label")
                .fill_null(col("vehicle"))
                .alias("vehicle"),
            col("reason"),
        ])
        .sort(
            ["client_id", "vehicle", "reason"],
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .collect()?;
    let consenting = distinct(&list)?;
    Ok(MailList {
        name: name.to_string(),
        list,
        clients,
        consenting,
    })
}

/// The consent summary of some lists: `list, clients, consenting, left_out`.
pub fn lists_summary(lists: &[MailList]) -> PolarsResult<DataFrame> {
    df!(
        "list" => lists.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        "clients" => lists.iter().map(|l| l.clients).collect::<Vec<_>>(),
        "consenting" => lists.iter().map(|l| l.consenting).collect::<Vec<_>>(),
        "left_out" => lists.iter().map(|l| l.clients - l.consenting).collect::<Vec<_>>(),
    )
}
