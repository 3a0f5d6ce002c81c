//! The simulated rows as polars frames with the canonical columns and dtypes of the typed
//! model (money in kopecks, dates as Date, times as Datetime(ms)), plus the two market
//! tables that do not come from visits: our price list and the competitors' prices.
//! `write` turns these frames into what a station's export looks like.

use chrono::{Months, NaiveDate, NaiveDateTime};
use polars::prelude::*;
use rand::RngExt;
use rand_distr::{Distribution, LogNormal};

use super::catalog::{self, SERVICES};
use super::sim::{self, AgentRow, ClientRow, FeedbackRow, LineRow, Rng, VisitRow};
use crate::cli::Lang;
use crate::schema::Table;

fn text<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    Series::new(name.into(), values.collect::<Vec<_>>()).into_column()
}

fn opt_text<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    Series::new(name.into(), values.collect::<Vec<_>>()).into_column()
}

fn int(name: &str, values: impl Iterator<Item = Option<i64>>) -> Column {
    Series::new(name.into(), values.collect::<Vec<_>>()).into_column()
}

fn float(name: &str, values: impl Iterator<Item = Option<f64>>) -> Column {
    Series::new(name.into(), values.collect::<Vec<_>>()).into_column()
}

fn boolean(name: &str, values: impl Iterator<Item = bool>) -> Column {
    Series::new(name.into(), values.collect::<Vec<_>>()).into_column()
}

fn datetime(
    name: &str,
    values: impl Iterator<Item = Option<NaiveDateTime>>,
) -> PolarsResult<Column> {
    let ms: Vec<Option<i64>> = values
        .map(|v| v.map(|t| t.and_utc().timestamp_millis()))
        .collect();
    Series::new(name.into(), ms)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
        .map(|s| s.into_column())
}

fn date(name: &str, values: impl Iterator<Item = Option<NaiveDate>>) -> PolarsResult<Column> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch");
    let days: Vec<Option<i32>> = values
        .map(|v| v.map(|d| (d - epoch).num_days() as i32))
        .collect();
    Series::new(name.into(), days)
        .cast(&DataType::Date)
        .map(|s| s.into_column())
}

/// `visits` in canonical form.
pub fn visits(rows: &[VisitRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            text("visit_id", rows.iter().map(|r| r.visit_id.as_str())),
            datetime("opened_at", rows.iter().map(|r| Some(r.opened_at)))?,
            text("client_id", rows.iter().map(|r| r.client_id.as_str())),
            text("brand", rows.iter().map(|r| r.brand.as_str())),
            text("model", rows.iter().map(|r| r.model)),
            text("plate", rows.iter().map(|r| r.plate.as_str())),
            opt_text("vin", rows.iter().map(|r| r.vin.as_deref())),
            int("odometer_km", rows.iter().map(|r| r.odometer_km)),
            datetime("closed_at", rows.iter().map(|r| r.closed_at))?,
            datetime("promised_at", rows.iter().map(|r| r.promised_at))?,
            opt_text("manager", rows.iter().map(|r| r.manager.as_deref())),
            text("channel", rows.iter().map(|r| r.channel)),
            opt_text("agent_id", rows.iter().map(|r| r.agent_id.as_deref())),
            text("status", rows.iter().map(|r| r.status)),
            text("station", rows.iter().map(|r| r.station.as_str())),
        ],
    )
}

/// `order_lines` in canonical form.
pub fn order_lines(rows: &[LineRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            text("visit_id", rows.iter().map(|r| r.visit_id.as_str())),
            opt_text("service_code", rows.iter().map(|r| r.service_code)),
            text("description", rows.iter().map(|r| r.description)),
            text("category", rows.iter().map(|r| r.category)),
            text("kind", rows.iter().map(|r| r.kind)),
            float("qty", rows.iter().map(|r| Some(r.qty))),
            int("unit_price", rows.iter().map(|r| Some(r.unit_price))),
            int("discount", rows.iter().map(|r| Some(r.discount))),
            int("amount", rows.iter().map(|r| Some(r.amount))),
            float("norm_hours", rows.iter().map(|r| r.norm_hours)),
            opt_text("mechanic", rows.iter().map(|r| r.mechanic.as_deref())),
            boolean("warranty", rows.iter().map(|r| r.warranty)),
            int("cost", rows.iter().map(|r| Some(r.cost))),
            boolean("declined", rows.iter().map(|r| r.declined)),
        ],
    )
}

/// `clients` in canonical form.
pub fn clients(rows: &[ClientRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            text("client_id", rows.iter().map(|r| r.client_id.as_str())),
            text("name", rows.iter().map(|r| r.name.as_str())),
            text("kind", rows.iter().map(|r| r.kind)),
            text("phone", rows.iter().map(|r| r.phone.as_str())),
            opt_text("email", rows.iter().map(|r| r.email.as_deref())),
            date("birthday", rows.iter().map(|r| r.birthday))?,
            boolean("consent", rows.iter().map(|r| r.consent)),
            boolean("bought_here", rows.iter().map(|r| r.bought_here)),
            date("registered_at", rows.iter().map(|r| Some(r.registered_at)))?,
        ],
    )
}

/// `feedback` in canonical form (scores are whole numbers on a 1–5 scale).
pub fn feedback(rows: &[FeedbackRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            text("visit_id", rows.iter().map(|r| r.visit_id.as_str())),
            int("score", rows.iter().map(|r| Some(r.score))),
            opt_text("comment", rows.iter().map(|r| r.comment.as_deref())),
        ],
    )
}

/// `agents` in canonical form.
pub fn agents(rows: &[AgentRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            text("agent_id", rows.iter().map(|r| r.agent_id.as_str())),
            text("name", rows.iter().map(|r| r.name.as_str())),
            text("kind", rows.iter().map(|r| r.kind.as_str())),
            float(
                "commission_pct",
                rows.iter().map(|r| Some(r.commission_pct)),
            ),
        ],
    )
}

/// Our price list as of the last day of the history.
pub fn price_list(end: NaiveDate, lang: Lang) -> PolarsResult<DataFrame> {
    DataFrame::new(
        SERVICES.len(),
        vec![
            text("service_code", SERVICES.iter().map(|s| s.code)),
            text("description", SERVICES.iter().map(|s| s.name(lang))),
            text("category", SERVICES.iter().map(|s| s.category)),
            int(
                "price",
                SERVICES
                    .iter()
                    .map(|s| Some(sim::price_at(s.price, end, end))),
            ),
            int(
                "interval_months",
                SERVICES.iter().map(|s| s.interval_months),
            ),
            int("interval_km", SERVICES.iter().map(|s| s.interval_km)),
        ],
    )
}

/// A competitor price observation.
struct Observation {
    competitor: String,
    service_code: Option<&'static str>,
    description: String,
    price: i64,
    observed_at: NaiveDate,
}

/// Mystery-shopping of the competitors every quarter over the last two years: each time
/// about half of our services, priced at the competitor's level give or take, written with
/// the code or only the name (as a shopper notes it), and now and then a service we do not sell.
pub fn competitor_prices(rng: &mut Rng, end: NaiveDate, lang: Lang) -> PolarsResult<DataFrame> {
    let mut rows = Vec::new();
    let noise = LogNormal::new(0.0, 0.08).expect("valid lognormal");
    for (name, factor) in catalog::COMPETITORS {
        let competitor = catalog::in_lang(name, lang);
        for quarter in (0..8u32).rev() {
            let Some(from) = end.checked_sub_months(Months::new(quarter * 3 + 2)) else {
                continue;
            };
            let observed_at = (from + chrono::Duration::days(rng.random_range(0..60))).min(end);
            for svc in SERVICES {
                if !rng.random_bool(0.55) {
                    continue;
                }
                let ours = sim::price_at(svc.price, observed_at, end) as f64 / 100.0;
                let price = ((ours * factor * noise.sample(rng)) / 50.0)
                    .round()
                    .max(1.0)
                    * 50.0;
                let (service_code, description) = if rng.random_bool(0.75) {
                    (Some(svc.code), svc.name(lang).to_string())
                } else if rng.random_bool(0.5) {
                    (None, format!(" {} ", svc.name(lang).to_lowercase()))
                } else {
                    (None, svc.name(lang).to_string())
                };
                rows.push(Observation {
                    competitor: competitor.clone(),
                    service_code,
                    description,
                    price: (price * 100.0) as i64,
                    observed_at,
                });
            }
            if rng.random_bool(0.3) {
                let description = match lang {
                    Lang::Ru => "Химчистка салона",
                    Lang::En => "Interior dry cleaning",
                };
                let price = rng.random_range(60..120) * 100 * 100;
                rows.push(Observation {
                    competitor: competitor.clone(),
                    service_code: None,
                    description: description.to_string(),
                    price,
                    observed_at,
                });
            }
        }
    }
    DataFrame::new(
        rows.len(),
        vec![
            text("competitor", rows.iter().map(|r| r.competitor.as_str())),
            opt_text("service_code", rows.iter().map(|r| r.service_code)),
            text("description", rows.iter().map(|r| r.description.as_str())),
            int("price", rows.iter().map(|r| Some(r.price))),
            date("observed_at", rows.iter().map(|r| Some(r.observed_at)))?,
        ],
    )
}

fn any_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 12, 31).expect("valid date")
}

/// An empty canonical frame of a table (the generator's dtypes: scores are integers).
pub fn empty(table: Table) -> PolarsResult<DataFrame> {
    match table {
        Table::Visits => visits(&[]),
        Table::OrderLines => order_lines(&[]),
        Table::Clients => clients(&[]),
        Table::Feedback => feedback(&[]),
        Table::Agents => agents(&[]),
        Table::PriceList => price_list(any_day(), Lang::En).map(|df| df.head(Some(0))),
        Table::CompetitorPrices => competitor_prices(&mut sim::rng_for(0, 0), any_day(), Lang::En)
            .map(|df| df.head(Some(0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_frames_have_the_model_dtypes() {
        for table in Table::ALL {
            let df = empty(table).unwrap();
            let model = crate::model::schema(table);
            for c in table.columns() {
                let got = df
                    .column(c.name)
                    .unwrap_or_else(|_| panic!("{table}.{}", c.name))
                    .dtype()
                    .clone();
                let want = model.get(c.name).unwrap().clone();
                // Scores are generated as whole numbers; every other column has the model's dtype.
                if (table, c.name) == (Table::Feedback, "score") {
                    assert_eq!(got, DataType::Int64);
                } else {
                    assert_eq!(got, want, "{table}.{}", c.name);
                }
            }
            assert_eq!(df.width(), table.columns().len(), "{table}");
        }
    }

    #[test]
    fn price_list_prices_are_kopecks_of_the_end_year() {
        let end = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let df = price_list(end, Lang::Ru).unwrap();
        let codes = df.column("service_code").unwrap().str().unwrap();
        let prices = df.column("price").unwrap().i64().unwrap();
        let oil = (0..df.height())
            .find(|&i| codes.get(i) == Some("MNT-01"))
            .unwrap();
        // The catalogue's 1200 roubles, in kopecks.
        assert_eq!(prices.get(oil), Some(120_000));
        let months = df.column("interval_months").unwrap().i64().unwrap();
        assert_eq!(months.get(oil), Some(12));
    }

    #[test]
    fn competitors_are_observed_within_two_years_and_some_rows_match_nothing() {
        let end = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let mut rng = sim::rng_for(1, 99);
        let df = competitor_prices(&mut rng, end, Lang::Ru).unwrap();
        let dates = df.column("observed_at").unwrap().date().unwrap();
        let first = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let (lo, hi) = (
            (first - epoch).num_days() as i32,
            (end - epoch).num_days() as i32,
        );
        assert!(dates
            .physical()
            .iter()
            .all(|d| d.is_some_and(|d| d >= lo && d <= hi)));
        let codes = df.column("service_code").unwrap().str().unwrap();
        assert!(
            codes.null_count() > 0,
            "some observations name the service only"
        );
    }
}
