//! The columns ingest derives for the visits once they are accepted (SPEC §4.1): the day,
//! the vehicle key and whether the brand is domestic, which every section reads; and the
//! agents' commissions taken as percentages where a workbook held them as fractions; the
//! price list's intervals of 0 read as empty.

use polars::prelude::*;

use crate::config::Config;

mod vehicles;
use vehicles::vehicle_keys;

/// Whether a column of percentages a workbook stores as numbers holds fractions, as a
/// column formatted as a percentage in Excel does (10 % stored as 0,1): every value from
/// 0 to 1 and some strictly between. A 1 is then 100 % (a warranty line given free, an
/// agent paid the whole), which until session 28 left such a column as it was, every 0,1
/// read as 0,1 %; a column of 0 and 1 alone says nothing and is left as it is.
fn fractions(values: &Float64Chunked) -> bool {
    values.iter().flatten().all(|p| (0.0..=1.0).contains(&p))
        && values.iter().flatten().any(|p| p > 0.0 && p < 1.0)
}

/// A percentage read as a fraction, rounded to the hundredth of a percent, so 0.07 is 7
/// and not 7.000000000000001.
fn hundredfold(p: f64) -> f64 {
    (p * 10_000.0).round() / 100.0
}

/// The non-zero values of a column, which a warning of percentages read otherwise counts:
/// a 0 reads the same either way.
fn nonzero(values: &Float64Chunked) -> u64 {
    values.iter().flatten().filter(|p| *p != 0.0).count() as u64
}

/// The agents' `commission_pct` as percentages when they are fractions ([`fractions`]);
/// ingest asks it only of a workbook that stores every commission as a number and does
/// not tell its cells' formats ([`crate::ingest::read::PercentFormat`]). A cell formatted
/// as a percentage in Excel (`10%`) holds 0.1, which read as a percentage made every
/// commission owed a hundred times too small; no station pays its agents under 1 % across
/// the board, so such a column is multiplied by 100 (a commission written as text,
/// `0,5 %`, is never asked). Returns the agents as they were, or converted with the number
/// of agents whose commission is not 0.
///
/// ```
/// use polars::prelude::*;
/// let agents = df!("agent_id" => ["A", "B", "C"], "commission_pct" => [Some(0.1), None, Some(1.0)]).unwrap();
/// let (agents, rows) = stoa::ingest::percent_commissions(agents).unwrap();
/// assert_eq!(rows, 2);
/// let pct: Vec<Option<f64>> = agents.column("commission_pct").unwrap().f64().unwrap().iter().collect();
/// assert_eq!(pct, [Some(10.0), None, Some(100.0)]);
/// ```
pub fn percent_commissions(agents: DataFrame) -> PolarsResult<(DataFrame, u64)> {
    let pct = agents.column("commission_pct")?.cast(&DataType::Float64)?;
    let pct = pct.f64()?;
    if !fractions(pct) {
        return Ok((agents, 0));
    }
    let rows = nonzero(pct);
    let converted = agents
        .lazy()
        // Rounded to the ten-thousandth of a percent, so 0.07 is 7 and not 7.000000000000001.
        .with_column((col("commission_pct") * lit(100.0)).round(4, RoundMode::HalfToEven))
        .collect()?;
    Ok((converted, rows))
}

/// A workbook's percentage discounts of order lines (`Скидка, %`, every cell stored as a
/// number: `discount_pct` of [`crate::ingest::read::RawTable::numbers`]) as percentages
/// when they are fractions ([`fractions`]), as [`percent_commissions`] reads the agents'
/// commissions; asked only of a workbook that does not tell its cells' formats. A column
/// formatted as a percentage in Excel stores 10 % as 0,1, which read as 0,1 % took next to
/// nothing off an amount computed from the price. No station discounts every line by under
/// 1 %. Returns the number of lines whose percentage is not 0 (0 when the column is left
/// as it is). Text cells (`10 %`, `0,1`) are never asked: a written value from 0 to 100 is
/// a percentage.
///
/// ```
/// use polars::prelude::*;
/// let mut numbers = vec![Column::new("discount_pct".into(), [Some(0.1), None, Some(0.0), Some(1.0)])];
/// assert_eq!(stoa::ingest::percent_discounts(&mut numbers).unwrap(), 2);
/// let pct: Vec<Option<f64>> = numbers[0].f64().unwrap().iter().collect();
/// assert_eq!(pct, [Some(10.0), None, Some(0.0), Some(100.0)]);
/// ```
pub fn percent_discounts(numbers: &mut [Column]) -> PolarsResult<u64> {
    let Some(c) = numbers.iter_mut().find(|c| c.name() == "discount_pct") else {
        return Ok(0);
    };
    let pct = c.cast(&DataType::Float64)?;
    let values = pct.f64()?;
    if !fractions(values) {
        return Ok(0);
    }
    let rows = nonzero(values);
    let scaled: Float64Chunked = values.apply_values(hundredfold).with_name(c.name().clone());
    *c = scaled.into_column();
    Ok(rows)
}

/// The price list with every interval of 0 read as empty, and the codes of the services
/// that had one (in the table's order). A 0 is how 1C and many spreadsheets write an empty
/// number; taken as an interval, it made a wash or a diagnosis "overdue" the day it was
/// done, on every reminder list. A service with 0 months and 15 000 km keeps its km.
///
/// ```
/// use polars::prelude::*;
/// let prices = df!(
///     "service_code" => ["OIL", "WSH"],
///     "interval_months" => [Some(0i64), None],
///     "interval_km" => [Some(15_000i64), Some(0)],
/// )
/// .unwrap();
/// let (prices, codes) = stoa::ingest::zero_intervals(prices).unwrap();
/// assert_eq!(codes, ["OIL", "WSH"]);
/// assert_eq!(prices.column("interval_months").unwrap().null_count(), 2);
/// assert_eq!(prices.column("interval_km").unwrap().i64().unwrap().get(0), Some(15_000));
/// assert_eq!(prices.column("interval_km").unwrap().i64().unwrap().get(1), None);
/// ```
pub fn zero_intervals(prices: DataFrame) -> PolarsResult<(DataFrame, Vec<String>)> {
    let columns: Vec<&str> = ["interval_months", "interval_km"]
        .into_iter()
        .filter(|c| prices.column(c).is_ok())
        .collect();
    let zero = |c: &str| col(c).eq(lit(0)).fill_null(lit(false));
    let Some(any_zero) = columns.iter().map(|c| zero(c)).reduce(|a, b| a.or(b)) else {
        return Ok((prices, Vec::new()));
    };
    let found = prices
        .clone()
        .lazy()
        .filter(any_zero)
        .select([col("service_code").cast(DataType::String)])
        .collect()?;
    if found.height() == 0 {
        return Ok((prices, Vec::new()));
    }
    let codes = found
        .column("service_code")?
        .str()?
        .iter()
        .map(|c| c.unwrap_or_default().to_string())
        .collect();
    let emptied: Vec<Expr> = columns
        .iter()
        .map(|&c| {
            let dtype = prices.column(c).map(|s| s.dtype().clone());
            let null = lit(NULL).cast(dtype.unwrap_or(DataType::Int64));
            when(zero(c)).then(null).otherwise(col(c)).alias(c)
        })
        .collect();
    Ok((prices.lazy().with_columns(emptied).collect()?, codes))
}

/// Add the derived visit columns: `date`, `vehicle` (SPEC §4.1) and `domestic`.
pub fn derive_visits(visits: DataFrame, config: &Config) -> PolarsResult<DataFrame> {
    let vehicle = vehicle_keys(&visits)?;
    // Whether a brand is domestic is decided once per spelling of it in the data (a few
    // dozen), not by trimming and lower-casing 1.8 M cells.
    let spellings = visits
        .column("brand")?
        .cast(&DataType::String)?
        .as_materialized_series()
        .unique()?;
    let domestic_spellings: Vec<&str> = spellings
        .str()?
        .iter()
        .flatten()
        .filter(|b| config.is_domestic(b))
        .collect();
    visits
        .lazy()
        .with_columns([
            col("opened_at").dt().date().alias("date"),
            lit(vehicle).alias("vehicle"),
            col("brand")
                .cast(DataType::String)
                .is_in(
                    lit(Series::new("d".into(), domestic_spellings)).implode(true),
                    false,
                )
                .fill_null(lit(false))
                .alias("domestic"),
        ])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domestic_is_read_from_any_spelling_of_a_brand() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let visits = df!(
            "opened_at" => [at; 6],
            "vin" => [None::<&str>; 6],
            "plate" => [None::<&str>; 6],
            "client_id" => ["C1", "C2", "C3", "C4", "C5", "C6"],
            "brand" => [Some(" лада "), Some("ЛАДА"), Some("Kia"), None, Some("ВАЗ"), Some("Лада")],
        )
        .unwrap();
        let config = Config {
            domestic_brands: vec!["Лада".into(), "ваз".into()],
            ..Config::default()
        };
        let out = derive_visits(visits, &config).unwrap();
        let domestic: Vec<Option<bool>> = out
            .column("domestic")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(
            domestic,
            [
                Some(true),
                Some(true),
                Some(false),
                Some(false),
                Some(true),
                Some(true)
            ]
        );
    }
}
