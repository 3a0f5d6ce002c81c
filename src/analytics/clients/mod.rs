//! Client lists and retention (SPEC §4 *Loyalty*, *Service due*, *Greetings*, *Declined
//! work*, *Win-back*, *Cohort retention*, *12-month retention*, *Activity buckets*; §4.1;
//! §5.1): who gets the regular-client discount, a reminder, a greeting or a win-back call,
//! and the retention picture behind those lists. Pure functions from the typed model to
//! tables; `crate::report` writes them. The helpers here keep every list on one reading
//! of "visit", "as of" and "consenting client".

use chrono::NaiveDate;
use polars::prelude::*;

use crate::analytics::management::facts::is_done;
use crate::analytics::period::{date_lit, to_days, Month, Period};
use crate::config::Config;
use crate::model::Model;

pub mod activity;
pub mod clv;
pub mod cohorts;
mod days;
pub mod declined;
pub mod greetings;
mod latest;
pub mod loyalty;
mod mail;
mod order;
mod phone;
pub mod rfm;
pub mod service_due;
pub mod winback;

#[cfg(test)]
pub(crate) mod testdata;

pub use days::{client_days, client_months, visit_revenue, with_visit_revenue};
pub use latest::{latest_of_clients, latest_of_vehicles};
pub use mail::{
    client_mail_list, date_text, days_text, email_address, lists_summary, mail_list,
    money_sign_text, money_text, one_row_per_client, MailList, URGENCY,
};
pub use order::{
    rows_by_seq, sort_by_ids, text_places, visits_in_order, CLIENT_PLACE, VEHICLE_PLACE, VISIT_SEQ,
};
pub use phone::{parse_phone, phone_e164, phone_text, phones_text, Phone};

/// Done visits dated on or before `as_of` (SPEC §4.1: data after the as-of date is not
/// used), with the columns the client analytics need, `visit_row` (the visit's row in the
/// visits table, the key of [`visit_revenue`]) and `visit_seq`, their place in visit order
/// ([`visits_in_order`]), with the vehicle and client as numbers ([`VEHICLE_PLACE`],
/// [`CLIENT_PLACE`]).
pub fn visits_upto(model: &Model, as_of: NaiveDate) -> LazyFrame {
    visits_in_order(model)
        .with_row_index("visit_row", None)
        .filter(is_done().and(col("date").lt_eq(date_lit(as_of))))
        .select([
            col("visit_row"),
            col("visit_id"),
            col("date"),
            col("client_id"),
            col("vehicle"),
            col("domestic"),
            col("brand"),
            col("model"),
            col("plate"),
            col("odometer_km"),
            col(VISIT_SEQ),
            col(VEHICLE_PLACE),
            col(CLIENT_PLACE),
        ])
}

/// True on the first row of each client in a frame sorted by `client_id`.
pub fn first_of_client() -> Expr {
    col("client_id")
        .neq(col("client_id").shift(lit(1)))
        .fill_null(lit(true))
}

/// A date expression as days since 1970-01-01 (Int32), for day arithmetic.
pub fn days(date: Expr) -> Expr {
    date.cast(DataType::Int32)
}

/// Days (Int32) back to a `Date`.
pub fn to_date(days: Expr) -> Expr {
    days.cast(DataType::Int32).cast(DataType::Date)
}

/// The month of a date as a running index `year × 12 + month − 1` (Int32), so that month
/// differences are plain subtraction.
pub fn month_index(date: Expr) -> Expr {
    date.clone().dt().year().cast(DataType::Int32) * lit(12i32)
        + date.dt().month().cast(DataType::Int32)
        - lit(1i32)
}

/// The `YYYY-MM` text of a [`month_index`]. Formatting a date as text costs far more per row
/// than taking its month index, so a frame of millions of rows is grouped by the index
/// and only the groups are labelled.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::{month_index, month_label};
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
/// let df = df!("d" => [d]).unwrap().lazy()
///     .select([month_label(month_index(col("d"))).alias("m")]).collect().unwrap();
/// assert_eq!(df.column("m").unwrap().str().unwrap().get(0), Some("2026-03"));
/// ```
pub fn month_label(index: Expr) -> Expr {
    let year = index.clone().floor_div(lit(12i32));
    // 100 + month, cut to its last two digits: the month zero-padded.
    let month = (index - year.clone() * lit(12i32) + lit(101i32))
        .cast(DataType::String)
        .str()
        .slice(lit(1), lit(2));
    concat_str([year.cast(DataType::String), lit("-"), month], "", false)
}

/// The running index of a [`Month`] (see [`month_index`]).
pub fn month_number(m: Month) -> i32 {
    m.year() * 12 + m.number() as i32 - 1
}

/// `as_of` shifted by whole days, as a `Date` literal; an offset past the calendar's ends
/// stops at them ([`crate::analytics::period::days_before`]) rather than overflowing.
pub fn day_lit(as_of: NaiveDate, offset: i64) -> Expr {
    let day = crate::analytics::period::days_before(as_of, offset.saturating_neg());
    lit(to_days(day)).cast(DataType::Date)
}

/// A number as text without a needless `.0` (`30`, `12.5`).
pub fn num_text(x: Expr) -> Expr {
    let x = x.cast(DataType::Float64);
    when(x.clone().eq(x.clone().floor()))
        .then(x.clone().cast(DataType::Int64).cast(DataType::String))
        .otherwise(x.cast(DataType::String))
}

/// What one client section produces: tables (`tables/<stem>.csv`), mail-merge lists and
/// the warnings of what it left out (the report's warnings).
#[derive(Default)]
pub struct Output {
    /// Named tables, sorted.
    pub tables: Vec<(String, DataFrame)>,
    /// Mail-merge lists (`lists/<name>.csv`).
    pub lists: Vec<MailList>,
    /// Survivable problems of the data the section met.
    pub warnings: Vec<crate::ingest::Warning>,
}

impl Output {
    /// Add the summary of the lists as the table `lists_<section>` (`list, clients,
    /// consenting, left_out, no_contact`), so the report shows how many were left out.
    fn with_summary(mut self, section: &str) -> PolarsResult<Output> {
        if !self.lists.is_empty() {
            self.tables
                .push((format!("lists_{section}"), lists_summary(&self.lists)?));
        }
        Ok(self)
    }
}

fn named(name: &str, df: DataFrame) -> (String, DataFrame) {
    (name.to_string(), df)
}

/// The loyalty section: `loyalty`, `loyalty_clv`, `loyalty_tiers`, `lists_loyalty` and the
/// loyalty list.
/// `scores` hands out the customer-base model's fit ([`clv::scores`]), shared with win-back.
/// Loyalty asks for it first: the report starts loyalty first so that the fit is under way
/// early, and win-back, which asks for it last, seldom has to wait.
pub fn loyalty_section<'s>(
    model: &Model,
    config: &Config,
    period: Period,
    scores: impl FnOnce() -> PolarsResult<&'s clv::Scores>,
) -> PolarsResult<Output> {
    let scores = scores()?;
    let table = loyalty::loyalty(model, config, period.as_of)?;
    let list = loyalty::list(model, config, period.as_of, &table)?;
    let p_alive = clv::loyalty_clv(&table, scores)?;
    Output {
        tables: vec![
            named("loyalty", table),
            named("loyalty_clv", p_alive),
            named("loyalty_tiers", loyalty::tiers(&config.loyalty)?),
        ],
        lists: vec![list],
        ..Default::default()
    }
    .with_summary("loyalty")
}

/// The service-due section: `service_due`, `lists_service_due` and the reminder list.
pub fn service_due_section(model: &Model, config: &Config, period: Period) -> PolarsResult<Output> {
    let due = service_due::due(model, &config.reminders, period.as_of)?;
    let list = service_due::list(model, config, period.as_of, &due)?;
    Output {
        tables: vec![named("service_due", service_due::table(&due)?)],
        lists: vec![list],
        ..Default::default()
    }
    .with_summary("service_due")
}

/// The greetings section: `holidays`, `greetings`, `lists_greetings` and the list, and
/// the warning of the companies' birthdays it leaves out.
pub fn greetings_section(model: &Model, config: &Config, period: Period) -> PolarsResult<Output> {
    let holidays = greetings::holidays(&config.holidays, period)?;
    let (table, list) = greetings::greetings(model, config, period, &holidays)?;
    Output {
        tables: vec![named("holidays", holidays), named("greetings", table)],
        lists: vec![list],
        warnings: greetings::company_birthdays(model)?.into_iter().collect(),
    }
    .with_summary("greetings")
}

/// The win-back section: `winback` (ranked, see [`clv::rank_winback`]), `winback_ranking`,
/// `declined_work`, `lists_winback` and both call lists. `scores` hands out the
/// customer-base model's fit ([`clv::scores`]), shared with loyalty; it is asked for last,
/// so that win-back does its own work while loyalty may still be fitting the model.
pub fn winback_section<'s>(
    model: &Model,
    config: &Config,
    period: Period,
    scores: impl FnOnce() -> PolarsResult<&'s clv::Scores>,
) -> PolarsResult<Output> {
    let lapsed = winback::winback(model, config, period.as_of)?;
    let asked = declined::declined(model, period)?;
    let declined_list = declined::list(model, config, period.as_of, &asked)?;
    let (ranked, ranking) = clv::rank_winback(&lapsed, scores()?)?;
    // The call list is in the ranking's order, so it is made once the model has ranked.
    let lists = vec![
        winback::list(model, config, period.as_of, &ranked)?,
        declined_list,
    ];
    Output {
        tables: vec![
            named("winback", ranked),
            named("winback_ranking", ranking),
            named("declined_work", declined::table(&asked)?),
        ],
        lists,
        ..Default::default()
    }
    .with_summary("winback")
}

/// The retention section: `cohorts`, `retention_12m`, `activity`, `rfm`, `rfm_segments`.
pub fn retention_section(model: &Model, period: Period) -> PolarsResult<Output> {
    let scores = rfm::rfm(model, period.as_of)?;
    let segments = rfm::segments(&scores)?;
    Ok(Output {
        tables: vec![
            named("cohorts", cohorts::cohorts(model, period)?),
            named("retention_12m", cohorts::retention_12m(model, period)?),
            named("activity", activity::activity(model, period)?),
            named("rfm", scores),
            named("rfm_segments", segments),
        ],
        ..Default::default()
    })
}
