//! The columns ingest derives for the visits once they are accepted (SPEC §4.1): the day,
//! the vehicle key and whether the brand is domestic, which every section reads; and the
//! agents' commissions taken as percentages where a workbook held them as fractions; the
//! price list's intervals of 0 read as empty.

use polars::prelude::*;

use crate::config::Config;

/// The agents' `commission_pct` as percentages when every one is a fraction below 1 and
/// some is above 0; ingest asks it only of a workbook that stores every commission as a
/// number. A cell formatted as a percentage in Excel (`10%`) holds 0.1, which read as a
/// percentage made every commission owed a hundred times too small; no station pays its
/// agents under 1 % across the board, so such a column is multiplied by 100 (a commission
/// written as text, `0,5 %`, is never asked). Returns the agents as they were, or
/// converted with the number of rows converted.
///
/// ```
/// use polars::prelude::*;
/// let agents = df!("agent_id" => ["A", "B"], "commission_pct" => [Some(0.1), None]).unwrap();
/// let (agents, rows) = stoa::ingest::percent_commissions(agents).unwrap();
/// assert_eq!(rows, 1);
/// assert_eq!(agents.column("commission_pct").unwrap().f64().unwrap().get(0), Some(10.0));
/// ```
pub fn percent_commissions(agents: DataFrame) -> PolarsResult<(DataFrame, u64)> {
    let pct = agents.column("commission_pct")?.cast(&DataType::Float64)?;
    let pct = pct.f64()?;
    let fractions = pct.iter().flatten().all(|p| (0.0..1.0).contains(&p))
        && pct.iter().flatten().any(|p| p > 0.0);
    if !fractions {
        return Ok((agents, 0));
    }
    let rows = (pct.len() - pct.null_count()) as u64;
    let converted = agents
        .lazy()
        // Rounded to the hundredth of a percent, so 0.07 is 7 and not 7.000000000000001.
        .with_column((col("commission_pct") * lit(100.0)).round(4, RoundMode::HalfToEven))
        .collect()?;
    Ok((converted, rows))
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

/// The vehicle key of SPEC §4.1 for every row of a frame with `vin`, `plate`, `client_id`
/// and `brand`: VIN trimmed and upper-cased; else the plate upper-cased, white space
/// removed, Latin look-alikes `ABEKMHOPCTYX` mapped to Cyrillic; else `client_id|BRAND`.
/// Computed cell by cell in one pass: the same rule as polars expressions (kept in the
/// tests as the oracle) made thirteen passes over the plates and cost seconds on a chain.
fn vehicle_keys(visits: &DataFrame) -> PolarsResult<Series> {
    let text = |name: &str| -> PolarsResult<StringChunked> {
        Ok(visits.column(name)?.cast(&DataType::String)?.str()?.clone())
    };
    let (vin, plate, client, brand) = (
        text("vin")?,
        text("plate")?,
        text("client_id")?,
        text("brand")?,
    );
    // Each key is built in one reused buffer and appended to the column's own buffers
    // rather than allocated as a String per visit (1.8 M on a chain).
    let mut out = StringChunkedBuilder::new("vehicle".into(), visits.height());
    let mut buf = String::new();
    let upper = |text: &str, buf: &mut String| {
        if text.is_ascii() {
            buf.extend(text.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            buf.extend(text.chars().flat_map(char::to_uppercase));
        }
    };
    for (((v, p), c), b) in vin
        .iter()
        .zip(plate.iter())
        .zip(client.iter())
        .zip(brand.iter())
    {
        buf.clear();
        if let Some(v) = v {
            upper(v.trim(), &mut buf);
            if !buf.is_empty() {
                out.append_value(&buf);
                continue;
            }
        }
        if let Some(p) = p {
            for ch in p.chars().flat_map(char::to_uppercase) {
                if ch.is_whitespace() {
                    continue;
                }
                buf.push(match "ABEKMHOPCTYX".find(ch) {
                    Some(i) => "АВЕКМНОРСТУХ".chars().nth(i).unwrap_or(ch),
                    None => ch,
                });
            }
            if !buf.is_empty() {
                out.append_value(&buf);
                continue;
            }
        }
        match (c, b) {
            (Some(c), Some(b)) => {
                buf.push_str(c);
                buf.push('|');
                upper(b.trim(), &mut buf);
                out.append_value(&buf);
            }
            _ => out.append_null(),
        }
    }
    Ok(out.finish().into_series())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule of SPEC §4.1 written as polars expressions, independently of the cell-by-cell
    /// [`vehicle_keys`]: the oracle it is pinned against.
    fn vehicle_key(vin: Expr, plate: Expr, client_id: Expr, brand: Expr) -> Expr {
        let none = || lit(NULL).cast(DataType::String);
        let empty_null = |e: Expr| {
            when(e.clone().str().len_bytes().eq(lit(0u32)))
                .then(none())
                .otherwise(e)
        };
        let vin = empty_null(vin.str().strip_chars(none()).str().to_uppercase());
        let mut plate = plate
            .str()
            .to_uppercase()
            .str()
            .replace_all(lit(r"\s"), lit(""), false);
        for (latin, cyrillic) in "ABEKMHOPCTYX".chars().zip("АВЕКМНОРСТУХ".chars()) {
            plate =
                plate
                    .str()
                    .replace_all(lit(latin.to_string()), lit(cyrillic.to_string()), true);
        }
        let fallback = concat_str(
            [
                client_id,
                brand.str().strip_chars(none()).str().to_uppercase(),
            ],
            "|",
            false,
        );
        coalesce(&[vin, empty_null(plate), fallback])
    }

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

    #[test]
    fn vehicle_keys_match_the_expression() {
        let df = df!(
            "vin" => [Some(" wvw123 "), Some("  "), None, None, None, Some(""), None],
            "plate" => [None, Some("a 123 bc 77"), Some("\u{a0}x\tт 9"), Some(" "), None, Some("ё1o"), Some("mk")],
            "client_id" => [Some("C1"), Some("C2"), Some("C3"), Some("C4"), None, Some("C6"), Some("C7")],
            "brand" => [Some("VW"), Some("Lada"), None, Some(" Kia "), Some("BMW"), None, None],
        )
        .unwrap();
        let expected = df
            .clone()
            .lazy()
            .select([
                vehicle_key(col("vin"), col("plate"), col("client_id"), col("brand"))
                    .alias("vehicle"),
            ])
            .collect()
            .unwrap();
        let got = vehicle_keys(&df).unwrap();
        let e: Vec<Option<&str>> = expected
            .column("vehicle")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        assert_eq!(g, e);
        assert_eq!(g[0], Some("WVW123"));
        assert_eq!(g[1], Some("А123ВС77"));
        assert_eq!(g[3], Some("C4|KIA"));
        assert_eq!(g[4], None);
    }
}
