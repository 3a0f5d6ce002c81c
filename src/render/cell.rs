//! A table's values as the renderers see them: each column turned once into plain cells
//! (dates, numbers cut to Excel's 15 digits, words for flags and codes), and the columns
//! that name rather than count (ids, phones) kept as text. The workbook, the charts and
//! the page all walk these cells, so they show one table the same way.

use polars::prelude::*;

use super::{i18n, RenderError};
use crate::cli::Lang;

/// A cell of a table as the renderers see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// A number.
    Number(f64),
    /// A date as (year, month, day).
    Date(i32, u32, u32),
    /// Anything else, as text.
    Text(String),
}

/// A number cut to 15 significant digits, the precision Excel shows. A float sum
/// computed in parallel can differ in its last bit from run to run (29.6 against
/// 29.599999999999998); cut here, the workbook, the page and the charts stay
/// byte-identical across runs.
pub fn significant(v: f64) -> f64 {
    // Whole numbers below 10^15 already have at most 15 significant digits; they are most
    // cells (counts, days), and formatting each one is a measurable part of the workbook.
    if !v.is_finite() || v == 0.0 || (v.fract() == 0.0 && v.abs() < 1e15) {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// `v` as a reader sees it at `decimals` decimals (of one: a percent with one decimal is
/// three): 0 when it rounds to zero there, never a negative zero, so that a change of
/// −0.0004 pp reads `0.0 pp` without colour, not `-0.0 pp` in red, on the page and in the
/// workbook alike (Excel's `-0.0` section shows any negative number, however small); any
/// other value as it is, so that the workbook keeps its digits.
///
/// ```
/// use stoa::render::settled;
/// assert_eq!(settled(-0.0004, 1).to_bits(), 0.0f64.to_bits());
/// assert_eq!(settled(-0.05, 1), -0.05);
/// ```
pub fn settled(v: f64, decimals: i32) -> f64 {
    if (v * 10f64.powi(decimals)).round() == 0.0 {
        0.0
    } else {
        v
    }
}

/// The cells of one column, in row order, as a reader of `lang` sees them: yes/no for a
/// flag, and the words of [`i18n::word`] for a coded value or a rejected row's reason (the
/// CSV tables keep the codes and ingest's English).
/// Rendering walks cells one by one (a workbook is written cell by cell), so the column is
/// turned into plain values once here.
pub fn cells(df: &DataFrame, name: &str, lang: Lang) -> PolarsResult<Vec<Cell>> {
    let column = df.column(name)?.as_materialized_series().clone();
    let out = match column.dtype() {
        DataType::Date => column
            .date()?
            .as_date_iter()
            .map(|d| match d {
                Some(d) => {
                    use chrono::Datelike;
                    Cell::Date(d.year(), d.month(), d.day())
                }
                None => Cell::Empty,
            })
            .collect(),
        DataType::Boolean => {
            let (yes, no) = (i18n::t(lang, "ui.yes"), i18n::t(lang, "ui.no"));
            column
                .bool()?
                .iter()
                .map(|v| v.map_or(Cell::Empty, |v| Cell::Text(if v { yes } else { no }.into())))
                .collect()
        }
        dt if dt.is_primitive_numeric() => {
            let numbers = column.cast(&DataType::Float64)?;
            numbers
                .f64()?
                .iter()
                .map(|v| v.map_or(Cell::Empty, |v| Cell::Number(significant(v))))
                .collect()
        }
        _ => {
            let texts = column.cast(&DataType::String)?;
            let texts = texts.str()?;
            if i18n::is_coded(name) {
                // A coded column repeats a few texts: each is worded once.
                let mut words: std::collections::HashMap<&str, Option<String>> =
                    std::collections::HashMap::new();
                texts
                    .iter()
                    .map(|v| {
                        v.map_or(Cell::Empty, |code| {
                            let word = words
                                .entry(code)
                                .or_insert_with(|| i18n::word(lang, name, code));
                            Cell::Text(word.as_deref().unwrap_or(code).to_string())
                        })
                    })
                    .collect()
            } else {
                texts
                    .iter()
                    .map(|v| v.map_or(Cell::Empty, |s| Cell::Text(s.to_string())))
                    .collect()
            }
        }
    };
    Ok(out)
}

/// Whether a column names rather than counts: an id (`client_id`, `visit_id`, …), a phone
/// (`phone`, `phone_e164`), a VIN or a plate. Its digits are a name: `+79161234567` or
/// `000123` written as a number Excel shows as `7,92E+10` or `123`, and a reader cannot
/// dial or look it up.
pub fn names_not_counts(name: &str) -> bool {
    name.ends_with("_id") || name.starts_with("phone") || matches!(name, "vin" | "plate")
}

/// The sheet's rows with every column that [`names_not_counts`] and holds numbers made
/// text (whole numbers without a `.0`), so that the workbook writes it as text cells
/// and the page as text, as the CSVs have it; None when there is none (ids and phones are text in the model,
/// and so on every sheet as written: this keeps a table that computes one as a number
/// from writing it so).
pub fn ids_as_text(rows: &DataFrame) -> PolarsResult<Option<DataFrame>> {
    let numeric = |c: &polars::prelude::Column| {
        names_not_counts(c.name()) && c.dtype().is_primitive_numeric()
    };
    if !rows.columns().iter().any(numeric) {
        return Ok(None);
    }
    let columns = rows
        .columns()
        .iter()
        .map(|c| {
            if !numeric(c) {
                return Ok(c.clone());
            }
            let whole = c.dtype().is_integer()
                || c.cast(&DataType::Float64)?
                    .f64()?
                    .iter()
                    .flatten()
                    .all(|v| v.fract() == 0.0 && v.abs() < 1e18);
            let c = if whole {
                c.cast(&DataType::Int64)?
            } else {
                c.clone()
            };
            c.cast(&DataType::String)
        })
        .collect::<PolarsResult<Vec<_>>>()?;
    DataFrame::new(rows.height(), columns).map(Some)
}

/// A table's cells column by column (see [`cells`]), with the table named in the error.
pub fn table_cells(stem: &str, df: &DataFrame, lang: Lang) -> Result<Vec<Vec<Cell>>, RenderError> {
    df.get_column_names()
        .iter()
        .map(|n| cells(df, n.as_str(), lang))
        .collect::<PolarsResult<_>>()
        .map_err(|source| RenderError::Table {
            table: stem.to_string(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_15_significant_digits() {
        assert_eq!(significant(29.599999999999998), 29.6);
        assert_eq!(significant(56.400000000000006), 56.4);
        assert_eq!(
            significant(0.21583333333333332),
            significant(0.21583333333333335)
        );
        assert_eq!(significant(1166.6666666666667), 1166.66666666667);
        assert_eq!(significant(0.0), 0.0);
        // Whole numbers pass through as they are, up to 15 digits; beyond, they are cut.
        assert_eq!(significant(123_456_789_012_345.0), 123_456_789_012_345.0);
        assert_eq!(significant(-42.0), -42.0);
        assert_eq!(
            significant(1_234_567_890_123_456.0),
            1_234_567_890_123_460.0
        );
        assert_eq!(significant(-3.0), -3.0);
    }

    #[test]
    fn regression_what_rounds_to_zero_is_an_unsigned_zero() {
        // −0.0004 pp at one decimal read `-0,0 п.п.` in red.
        let zero = 0.0f64.to_bits();
        assert_eq!(settled(-0.0004, 1).to_bits(), zero);
        assert_eq!(settled(-0.049, 1).to_bits(), zero);
        assert_eq!(settled(0.049, 1).to_bits(), zero);
        assert_eq!(settled(-0.0, 2).to_bits(), zero);
        // A fraction shown as a percent with one decimal: three decimals of one.
        assert_eq!(settled(-0.0004, 3).to_bits(), zero);
        assert_eq!(settled(-0.0006, 3), -0.0006);
        // Money: −0.004 is `0.00`, −0.005 is a cent.
        assert_eq!(settled(-0.004, 2).to_bits(), zero);
        assert_eq!(settled(-0.006, 2), -0.006);
        assert_eq!(settled(-0.05, 1), -0.05);
        assert_eq!(settled(12.3456, 1), 12.3456);
    }

    #[test]
    fn cells_read_dates_numbers_and_text() {
        let df = df!("d" => [Some(20_000i32), None], "x" => [Some(1i64), None], "s" => [Some("a"), None])
            .unwrap()
            .lazy()
            .with_column(col("d").cast(DataType::Date))
            .collect()
            .unwrap();
        // Day 20000 is 2024-10-04.
        assert_eq!(
            cells(&df, "d", Lang::Ru).unwrap(),
            [Cell::Date(2024, 10, 4), Cell::Empty]
        );
        assert_eq!(
            cells(&df, "x", Lang::Ru).unwrap(),
            [Cell::Number(1.0), Cell::Empty]
        );
        assert_eq!(
            cells(&df, "s", Lang::Ru).unwrap(),
            [Cell::Text("a".into()), Cell::Empty]
        );
    }

    #[test]
    fn flags_and_codes_are_shown_in_the_readers_language() {
        let df = df!(
            "bought_here" => [Some(true), Some(false), None],
            "status" => [Some("one_away"), Some("regular"), Some("someday")],
            "name" => [Some("regular"), None, Some("x")],
        )
        .unwrap();
        let text = |lang, name| -> Vec<Cell> { cells(&df, name, lang).unwrap() };
        let t = |s: &str| Cell::Text(s.into());
        assert_eq!(
            text(Lang::Ru, "bought_here"),
            [t("да"), t("нет"), Cell::Empty]
        );
        assert_eq!(
            text(Lang::En, "bought_here"),
            [t("yes"), t("no"), Cell::Empty]
        );
        // A code without a word (new in the data) is shown as it is.
        assert_eq!(
            text(Lang::Ru, "status"),
            [t("Ещё один визит"), t("Постоянный"), t("someday")]
        );
        // Only coded columns are translated: a client named "regular" stays so.
        assert_eq!(text(Lang::Ru, "name"), [t("regular"), Cell::Empty, t("x")]);
    }
}
