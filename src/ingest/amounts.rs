//! Order lines whose amount looks like the amount before the discount. SPEC §2 reads
//! `amount` as net of the discount, and the revenue is its sum; an export whose `Сумма` is
//! quantity × price (1C's `Сумма` beside `Сумма со скидкой`, when only the first was
//! exported) overstates the revenue by every discount given, though no row looks wrong.
//! And the warning of order lines whose amount no cell gives, computed from the amount
//! before the discount or from the price.

use polars::prelude::*;

use super::header::{self, Header};
use super::{reasons, Warning};
use crate::schema::Table;

/// The warning of `rows` order lines of `file` whose amount was computed
/// ([`header::derived_amount`]): from the amount before the discount (`Сумма без скидки`)
/// less the discount where the header has it, else from the price; None where a cell
/// gives the amount, or no line was accepted.
pub(super) fn derived_warning(
    table: Table,
    header: &Header,
    rows: u64,
    file: &str,
) -> Option<Warning> {
    if !header::derived_amount(table, header) || rows == 0 {
        return None;
    }
    let quoted = |c: &str| format!("«{}»", header.source_name(c));
    let has = |c: &str| header.mapping.contains_key(c);
    let pct = has("discount_pct").then(|| header.source_name("discount_pct").to_string());
    if !has("gross_amount") {
        let price = header.source_name("unit_price");
        return Some(super::warnings::amounts_from_prices(
            rows,
            file,
            price,
            pct.as_deref(),
        ));
    }
    let discounts: Vec<String> = ["discount", "discount_pct"]
        .into_iter()
        .filter(|c| has(c))
        .map(quoted)
        .collect();
    let (rows_text, gross) = (rows.to_string(), quoted("gross_amount"));
    let message = match discounts.is_empty() {
        true => reasons::fill(reasons::AMOUNTS_GROSS_ONLY, &[&rows_text, file, &gross]),
        false => reasons::fill(
            reasons::AMOUNTS_FROM_GROSS,
            &[&rows_text, file, &gross, &discounts.join(", ")],
        ),
    };
    Some(Warning {
        table: table.name().to_string(),
        rows,
        message,
    })
}

/// One warning for each money column of `table` read scaled from the unit its header gives
/// (`Сумма, коп.`, `Цена, тыс. руб.`, `Сумма, тыс.`; [`Header::scale`]), and each km column
/// read from thousands of km (`Пробег, тыс. км`; [`Header::km_scale`]), over its `rows`
/// accepted rows: the column, the unit, and a figure of it with what it is read as. A
/// table read from several files (`parts`) whose headers give a column in different units
/// is warned of file by file, each by its own header and rows read, as each is scaled.
pub(super) fn scaled_warnings(
    table: Table,
    header: &Header,
    parts: &[crate::ingest::read::Part],
    rows: u64,
    file: &str,
    currency: &crate::ingest::cells::Currency,
) -> Vec<Warning> {
    let units = |h: &Header, c: &str| (h.scale(c), h.km_scale(c));
    let differ = table.input_columns().iter().any(|c| {
        let mut held = parts
            .iter()
            .filter(|p| p.header.mapping.contains_key(c.name));
        let first = held.next().map(|p| units(&p.header, c.name));
        held.any(|p| Some(units(&p.header, c.name)) != first)
    });
    if differ {
        return parts
            .iter()
            .flat_map(|p| scaled_warnings(table, &p.header, &[], p.rows, &p.place, currency))
            .collect();
    }
    let warning = |message| Warning {
        table: table.name().to_string(),
        rows,
        message,
    };
    table
        .input_columns()
        .iter()
        .filter_map(|c| {
            let column = format!("«{}»", header.source_name(c.name));
            match c.kind {
                crate::schema::Kind::Money => {
                    let scale = header.scale(c.name)?;
                    Some(warning(scaled_money(&column, file, scale, currency)))
                }
                crate::schema::Kind::Int if header::km_column(c.name) => {
                    header.km_scale(c.name)?;
                    Some(warning(reasons::fill(
                        reasons::SCALED_KM,
                        &[&column, file, "125,4", "125 400"],
                    )))
                }
                _ => None,
            }
        })
        .collect()
}

/// One warning for each money column of `table` whose header names roubles (`Сумма, руб.`,
/// `Цена (₽)`, `Стоимость руб`; [`Header::rouble`]) at a station whose `currency` is not
/// the rouble, over its `rows` accepted rows: its figures are read as they are, in the
/// station's currency, which may be right (the header kept from a template) or may be
/// roubles counted as dollars. A Belarusian station's `руб.` is its own rouble: there only
/// the sign `₽` is warned of. A table read from several files (`parts`) whose headers
/// differ in which such columns they have is warned of file by file.
pub(super) fn rouble_warnings(
    table: Table,
    header: &Header,
    parts: &[crate::ingest::read::Part],
    rows: u64,
    file: &str,
    currency: &crate::ingest::cells::Currency,
) -> Vec<Warning> {
    use crate::ingest::cells::Currency;
    if currency.is_rouble() {
        return Vec::new();
    }
    let foreign = |r: header::Rouble| *currency != Currency::Byn || r == header::Rouble::Sign;
    let named = |h: &Header| -> Vec<String> {
        table
            .input_columns()
            .iter()
            .filter(|c| matches!(c.kind, crate::schema::Kind::Money))
            .filter(|c| h.rouble(c.name).is_some_and(foreign))
            .map(|c| format!("«{}»", h.source_name(c.name)))
            .collect()
    };
    let mut each = parts.iter().map(|p| named(&p.header));
    let first = each.next();
    if each.any(|n| Some(n) != first) {
        return parts
            .iter()
            .flat_map(|p| rouble_warnings(table, &p.header, &[], p.rows, &p.place, currency))
            .collect();
    }
    let code = currency.code();
    named(header)
        .into_iter()
        .map(|column| Warning {
            table: table.name().to_string(),
            rows,
            message: reasons::fill(reasons::HEADER_ROUBLES, &[&column, file, code, code, code]),
        })
        .collect()
}

/// The warning of the money column `column` of `file` read in `scale` of the station's
/// `currency`: a thousand of a header's `тыс.` is a thousand of the money the station keeps
/// its books in, which until session 32 the warning called roubles whatever the setting
/// (at a station in dollars: `in thousands of USD … turned into USD (1,5 as 1 500,00 $)`).
pub(crate) fn scaled_money(
    column: &str,
    file: &str,
    scale: header::Scale,
    currency: &crate::ingest::cells::Currency,
) -> String {
    use header::Scale;
    let (figure, amount) = scale.example();
    let (unit, money, sign) = match currency.is_rouble() {
        true => (
            scale.unit().to_string(),
            "roubles".to_string(),
            "₽".to_string(),
        ),
        false => {
            let code = currency.code();
            let part = match scale {
                Scale::Kopecks => "hundredths",
                Scale::Thousands => "thousands",
                Scale::Millions => "millions",
            };
            let sign = crate::config::currency_sign(code);
            (format!("{part} of {code}"), code.to_string(), sign)
        }
    };
    reasons::fill(
        reasons::SCALED_MONEY,
        &[
            column,
            file,
            &unit,
            &money,
            figure,
            &format!("{amount} {sign}"),
            &money,
        ],
    )
}

/// What [`gross_amounts`] found among the lines with a discount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrossAmounts {
    /// Lines with a discount above 0 and a unit price.
    pub discounted: u64,
    /// Those of them whose amount is quantity × price (within a kopeck) and not
    /// quantity × price − discount.
    pub rows: u64,
    /// The discounts of those rows, in kopecks: by how much they overstate the revenue.
    pub discounts: i64,
}

/// The order lines with a discount whose amount equals quantity × unit price instead of
/// that less the discount; None when the lines have no unit price or discount column.
/// Money is in kopecks, as in the model.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::amounts::gross_amounts;
/// let lines = df!(
///     "qty" => [2.0, 1.0, 1.0, 1.0],
///     "unit_price" => [Some(50_000i64), Some(100_000), Some(100_000), None],
///     "discount" => [Some(10_000i64), Some(5_000), None, Some(5_000)],
///     "amount" => [100_000i64, 95_000, 100_000, 100_000],
/// ).unwrap();
/// let g = gross_amounts(&lines).unwrap().unwrap();
/// // The first line is 2 × 500 with 100 off, yet its amount is the full 1000.
/// assert_eq!((g.discounted, g.rows, g.discounts), (2, 1, 10_000));
/// ```
pub fn gross_amounts(lines: &DataFrame) -> PolarsResult<Option<GrossAmounts>> {
    let has = |c: &str| lines.column(c).is_ok();
    if !(has("unit_price") && has("discount") && has("amount")) {
        return Ok(None);
    }
    let qty = if has("qty") {
        col("qty").cast(DataType::Float64).fill_null(lit(1.0))
    } else {
        lit(1.0)
    };
    let gross = (qty * col("unit_price").cast(DataType::Float64))
        .round(0, RoundMode::HalfAwayFromZero)
        .cast(DataType::Int64);
    let near = |a: Expr, b: Expr| (a - b).abs().lt_eq(lit(1i64));
    let is_gross = near(col("amount"), col("gross"))
        .and(near(col("amount"), col("gross") - col("discount")).not());
    let found = lines
        .clone()
        .lazy()
        .select([
            col("amount"),
            col("discount"),
            gross.alias("gross"),
            col("unit_price"),
        ])
        .filter(
            col("discount")
                .gt(lit(0i64))
                .and(col("unit_price").is_not_null()),
        )
        .with_column(is_gross.alias("is_gross"))
        .select([
            len().cast(DataType::UInt64).alias("discounted"),
            col("is_gross").sum().cast(DataType::UInt64).alias("rows"),
            col("discount")
                .filter(col("is_gross"))
                .sum()
                .cast(DataType::Int64)
                .alias("discounts"),
        ])
        .collect()?;
    let get = |c: &str| -> PolarsResult<u64> { Ok(found.column(c)?.u64()?.get(0).unwrap_or(0)) };
    Ok(Some(GrossAmounts {
        discounted: get("discounted")?,
        rows: get("rows")?,
        discounts: found.column("discounts")?.i64()?.get(0).unwrap_or(0),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_after_the_discount_returns_and_rounding_are_not_gross() {
        // 3 × 333,33 = 999,99 less 100 is 899,99: net. A return (negative quantity) with
        // its discount taken off: net. A line with no discount: not looked at. 3 × 33,33 =
        // 99,99 with a discount of 0,01: within a kopeck of both, so not counted.
        let lines = df!(
            "qty" => [Some(3.0), Some(-1.0), None, Some(3.0)],
            "unit_price" => [33_333i64, 100_000, 100_000, 3_333],
            "discount" => [10_000i64, 5_000, 0, 1],
            "amount" => [89_999i64, -105_000, 100_000, 9_999],
        )
        .unwrap();
        let g = gross_amounts(&lines).unwrap().unwrap();
        assert_eq!((g.discounted, g.rows, g.discounts), (3, 0, 0));
        // Without a price there is nothing to compare.
        let lines = df!("discount" => [1i64], "amount" => [1i64]).unwrap();
        assert_eq!(gross_amounts(&lines).unwrap(), None);
    }

    /// The header of order lines whose cells are `cells`.
    fn lines_header(cells: &[&str]) -> Header {
        let synonyms = header::Synonyms::new(Table::OrderLines, &crate::config::Config::default());
        let row: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        synonyms.find_header(&[row]).unwrap()
    }

    /// The warnings of roubles of `header` at a station of `currency`, as their arguments.
    fn roubles_said(header: &Header, currency: &str) -> Vec<Vec<String>> {
        let currency = crate::ingest::cells::Currency::new(currency);
        rouble_warnings(Table::OrderLines, header, &[], 3, "l.csv", &currency)
            .iter()
            .map(|w| {
                assert_eq!((w.table.as_str(), w.rows), ("order_lines", 3));
                let args = reasons::parse(reasons::HEADER_ROUBLES, &w.message).unwrap();
                args.into_iter().map(str::to_string).collect()
            })
            .collect()
    }

    #[test]
    fn money_headed_in_roubles_is_warned_of_at_a_station_of_another_currency() {
        let h = lines_header(&[
            "Номер заказ-наряда",
            "Наименование",
            "Цена (₽)",
            "Стоимость руб",
            "Себестоимость, коп.",
            "Кол-во",
        ]);
        let said = |column: &str, code: &str| {
            [column, "l.csv", code, code, code]
                .map(String::from)
                .to_vec()
        };
        // The price and the amount, in the order of the columns; the cost in kopecks names
        // no rouble.
        assert_eq!(
            roubles_said(&h, "USD"),
            [said("«Цена (₽)»", "USD"), said("«Стоимость руб»", "USD")]
        );
        // The rouble's own station: nothing to say.
        assert!(roubles_said(&h, "RUB").is_empty());
        assert!(roubles_said(&h, "₽").is_empty());
        // A Belarusian station writes `руб.` of its own rouble: only `₽` is another's.
        assert_eq!(roubles_said(&h, "BYN"), [said("«Цена (₽)»", "BYN")]);
        // Headers without a unit say nothing, at any station.
        let plain = lines_header(&["Номер заказ-наряда", "Наименование", "Сумма"]);
        assert!(roubles_said(&plain, "EUR").is_empty());
    }

    #[test]
    fn the_files_of_a_folder_are_warned_of_by_their_own_headers() {
        let part = |name: &str, amount: &str, rows: u64| crate::ingest::read::Part {
            place: name.to_string(),
            file: Some(name.to_string()),
            sheet: None,
            header: lines_header(&["Номер заказ-наряда", "Наименование", amount]),
            rows,
        };
        let usd = crate::ingest::cells::Currency::Usd;
        let warn = |parts: &[crate::ingest::read::Part]| -> Vec<(String, u64)> {
            rouble_warnings(
                Table::OrderLines,
                &parts[0].header,
                parts,
                5,
                "lines/",
                &usd,
            )
            .into_iter()
            .map(|w| {
                (
                    reasons::parse(reasons::HEADER_ROUBLES, &w.message).unwrap()[1].to_string(),
                    w.rows,
                )
            })
            .collect()
        };
        // One file headed in roubles, one without a unit: the first alone, with its own
        // rows.
        let mixed = [part("a.csv", "Сумма, руб.", 2), part("b.csv", "Сумма", 3)];
        assert_eq!(warn(&mixed), [("a.csv".to_string(), 2)]);
        // Both in roubles: said once, of the table.
        let both = [
            part("a.csv", "Сумма, руб.", 2),
            part("b.csv", "Сумма, руб.", 3),
        ];
        assert_eq!(warn(&both), [("lines/".to_string(), 5)]);
    }
}
