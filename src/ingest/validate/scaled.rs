//! Money columns whose header gives a unit other than the rouble (`Сумма, коп.`, `Цена,
//! коп.`, `Сумма, тыс. руб.`, `млн`; [`Scale`]): their figures are read as numbers and
//! scaled to kopecks, as the model keeps money. Until session 30 they were read as roubles,
//! a hundred times too much or a thousand times too little.

use polars::prelude::*;

use super::parse::Parsed;
use crate::ingest::cells::{self, to_kopecks};
use crate::ingest::header::Scale;
use crate::ingest::read::cleaned;
use crate::schema::Kind;

/// The money column `name` from its text `raw` whose figures are in `scale`: kopecks
/// (Int64) as every money column holds them. A workbook's number cells (`numbers`) are
/// taken as those numbers. The cells are read as numbers are (`1 234,5`, `1,5 тыс.`'s
/// decimals kept whole: `1,2345` thousand roubles are 1 234,50, where read as money first
/// they were rounded to 1,23), then scaled, then rounded to the kopeck. A lone dash is a
/// zero, as in any money column, and `NULL` an empty cell.
///
/// Thousands and millions of roubles are not searched for a thousands mark: their
/// figures have decimals of their own (`12,345` thousand roubles are 12 345 roubles, not
/// 12 345 thousand). Kopecks are whole numbers, and are read as whole numbers are (an
/// English Excel's `12,345` kopecks are 123,45 roubles, with the warning of that mark).
pub(super) fn parse_scaled(
    raw: &Column,
    numbers: Option<&Column>,
    name: &str,
    scale: Scale,
) -> PolarsResult<Parsed> {
    let written = raw;
    // `1 500 ?`: a `₽` Windows-1251 could not hold.
    let lost = cells::lost_rouble_signs(raw)?;
    let raw = lost.as_ref().map_or(raw, |(stripped, _)| stripped);
    let blanked = cells::blank_no_value_marks(Kind::Money, raw)?;
    let raw = blanked.as_ref().unwrap_or(raw);
    let clean = cleaned(raw)?.or(blanked.clone());
    let text = clean.as_ref().unwrap_or(raw);
    let mut thousands = None;
    let figures = match numbers {
        Some(n) => n.cast(&DataType::Float64)?,
        None => {
            let dashes = text.str()?.replace(r"^[-–—]$", "0")?;
            let mut text = dashes.into_column().with_name(text.name().clone());
            if scale == Scale::Kopecks {
                if let Some(mut t) = cells::column_thousands_mark(Kind::Int, text.str()?) {
                    text = cells::strip_thousands(&text, &mut t)?;
                    thousands = Some((t, raw.clone()));
                }
            }
            // A plain number, no money sign: the currency plays no part.
            cells::parse_numbers(Kind::Number, &text, name, &cells::Currency::Rub)?
                .cast(&DataType::Float64)?
        }
    };
    let kopecks: Int64Chunked = figures
        .f64()?
        .iter()
        .map(|v| v.map(|v| to_kopecks(scale.roubles(v))))
        .map(|k| {
            k.filter(|k| k.is_finite() && k.abs() < 9.0e18)
                .map(|k| k as i64)
        })
        .collect();
    Ok(Parsed {
        clean: clean.or_else(|| lost.as_ref().map(|(stripped, _)| stripped.clone())),
        value: Some(kopecks.with_name(name.into()).into_column()),
        thousands,
        lost_sign: lost.map(|(_, l)| (l, written.clone())),
        ..Parsed::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kopecks(cells: &[Option<&str>], scale: Scale) -> Vec<Option<i64>> {
        let raw = Column::new("__raw_amount".into(), cells);
        let p = parse_scaled(&raw, None, "amount", scale).unwrap();
        p.value.unwrap().i64().unwrap().iter().collect()
    }

    #[test]
    fn regression_scaled_figures_are_kopecks_of_roubles() {
        // 15050 kopecks are 150,50 ₽; 1,5 thousand roubles 1 500,00 ₽; 12,345 thousand
        // 12 345,00 ₽ (no thousands mark in thousands); 1,2345 thousand 1 234,50 ₽, kept
        // whole; a dash is zero, `NULL` empty, a word no figure.
        assert_eq!(
            kopecks(
                &[
                    Some("15050"),
                    Some(" 99 "),
                    Some("-"),
                    Some("NULL"),
                    Some("abc")
                ],
                Scale::Kopecks
            ),
            [Some(15_050), Some(99), Some(0), None, None]
        );
        assert_eq!(
            kopecks(
                &[
                    Some("1,5"),
                    Some("12,345"),
                    Some("1,2345"),
                    Some("2 ₽"),
                    None
                ],
                Scale::Thousands
            ),
            [
                Some(150_000),
                Some(1_234_500),
                Some(123_450),
                Some(200_000),
                None
            ]
        );
        assert_eq!(
            kopecks(&[Some("0,25")], Scale::Millions),
            [Some(25_000_000)]
        );
        // An English Excel's `12,345` kopecks, whole numbers, are 123,45 ₽.
        let raw = Column::new("__raw_amount".into(), ["12,345", "500"]);
        let p = parse_scaled(&raw, None, "amount", Scale::Kopecks).unwrap();
        let got: Vec<Option<i64>> = p.value.unwrap().i64().unwrap().iter().collect();
        assert_eq!(got, [Some(12_345), Some(500)]);
        assert_eq!(p.thousands.map(|(t, _)| t.cells), Some(1));
        // A workbook's number cells are those numbers.
        let numbers = Column::new("amount".into(), [1.5f64, 0.001]);
        let p = parse_scaled(&raw, Some(&numbers), "amount", Scale::Thousands).unwrap();
        let got: Vec<Option<i64>> = p.value.unwrap().i64().unwrap().iter().collect();
        assert_eq!(got, [Some(150_000), Some(100)]);
    }
}
