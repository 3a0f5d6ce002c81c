//! Money columns whose header gives a unit other than the rouble (`Сумма, коп.`, `Цена,
//! коп.`, `Сумма, тыс. руб.`, `млн`; [`Scale`]): their figures are read as numbers and
//! scaled to kopecks, as the model keeps money. Until session 30 they were read as roubles,
//! a hundred times too much or a thousand times too little. And distance columns in
//! thousands of km (`Пробег, тыс. км`), read as km until session 31.

use polars::prelude::*;

use super::parse::Parsed;
use crate::ingest::cells::{self, to_kopecks};
use crate::ingest::header::{km_column, Header, Scale};
use crate::ingest::read::{cleaned, Part, FILE, SHEET};
use crate::schema::{Kind, Table};

/// What a scaled column holds, and in what unit its header gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scaled {
    /// Money, read into kopecks.
    Money(Scale),
    /// Distances, read into km (a whole number column: Float64 values of whole km, as the
    /// plan of a whole number column reads them).
    Km(Scale),
}

/// The scale of the column `name` of `table` that `header` gives: money in kopecks or
/// thousands, km in thousands; None for another column, or a unit of its own.
pub(super) fn scaled_of(table: Table, header: &Header, name: &str) -> Option<Scaled> {
    let column = table.input_columns().iter().find(|c| c.name == name)?;
    match column.kind {
        Kind::Money => header.scale(name).map(Scaled::Money),
        Kind::Int if km_column(name) => header.km_scale(name).map(Scaled::Km),
        _ => None,
    }
}

/// How the rows of one column are scaled.
enum Layout {
    /// Every row alike: one source, or parts whose headers agree.
    All(Scaled),
    /// Files (or sheets) of one table whose headers give the column in different units
    /// (`Сумма, руб.` in one, `Сумма, тыс. руб.` in another): each unit (None for the
    /// currency's, or km) and the rows of the parts that give it. Until session 31 the
    /// first file's header scaled every file's figures.
    Parts(Vec<(Option<Scaled>, BooleanChunked)>),
}

/// The scaled columns of a table, as the headers of its parts give them.
pub(super) struct Units {
    columns: Vec<(&'static str, Layout)>,
}

impl Units {
    /// The units of `table`'s columns in `frame`, read from one source under `header`, or
    /// from `parts` (each with its header), whose rows `frame`'s [`FILE`] and [`SHEET`] tell.
    pub(super) fn new(
        table: Table,
        header: &Header,
        parts: &[Part],
        frame: &DataFrame,
    ) -> PolarsResult<Units> {
        let mut columns = Vec::new();
        for c in table.input_columns() {
            if parts.is_empty() {
                if let Some(s) = scaled_of(table, header, c.name) {
                    columns.push((c.name, Layout::All(s)));
                }
                continue;
            }
            let holding: Vec<(&Part, Option<Scaled>)> = parts
                .iter()
                .filter(|p| p.header.mapping.contains_key(c.name))
                .map(|p| (p, scaled_of(table, &p.header, c.name)))
                .collect();
            let Some(&(_, first)) = holding.first() else {
                continue;
            };
            if holding.iter().all(|(_, s)| *s == first) {
                if let Some(s) = first {
                    columns.push((c.name, Layout::All(s)));
                }
                continue;
            }
            let mut groups: Vec<(Option<Scaled>, BooleanChunked)> = Vec::new();
            for (part, scaled) in holding {
                let rows = rows_of(part, frame)?;
                match groups.iter_mut().find(|(s, _)| *s == scaled) {
                    Some((_, mask)) => *mask = &*mask | &rows,
                    None => groups.push((scaled, rows)),
                }
            }
            columns.push((c.name, Layout::Parts(groups)));
        }
        Ok(Units { columns })
    }

    /// The text column `name` (`raw`; `numbers`, a workbook's number cells) parsed as its
    /// rows' units say: scaled ([`parse_scaled`]), or by `plain` where its header gives
    /// the currency's own unit (or none).
    pub(super) fn parse(
        &self,
        name: &str,
        raw: &Column,
        numbers: Option<&Column>,
        plain: impl Fn(&Column, Option<&Column>) -> PolarsResult<Parsed>,
    ) -> PolarsResult<Parsed> {
        let layout = self.columns.iter().find(|(n, _)| *n == name);
        match layout.map(|(_, l)| l) {
            None => plain(raw, numbers),
            Some(Layout::All(s)) => parse_scaled(raw, numbers, name, *s),
            Some(Layout::Parts(groups)) => {
                let mut merged: Option<Parsed> = None;
                for (scaled, rows) in groups {
                    // The column with the other parts' rows empty: positions stay the
                    // column's, so the warnings' rows are the column's rows.
                    let only = |c: &Column| {
                        c.zip_with(
                            rows,
                            &Column::full_null(c.name().clone(), c.len(), c.dtype()),
                        )
                    };
                    let (raw_part, numbers_part) = (only(raw)?, numbers.map(only).transpose()?);
                    let mut p = match scaled {
                        Some(s) => parse_scaled(&raw_part, numbers_part.as_ref(), name, *s)?,
                        None => plain(&raw_part, numbers_part.as_ref())?,
                    };
                    if p.value.is_none() {
                        // Left to the plan, which would read every row alike.
                        let text = p.clean.clone().unwrap_or(raw_part.clone());
                        let kind = match scaled {
                            Some(Scaled::Km(_)) => Kind::Int,
                            _ => Kind::Money,
                        };
                        let currency = cells::Currency::Rub;
                        p.value = Some(cells::parse_numbers(kind, &text, name, &currency)?);
                    }
                    merged = Some(match merged {
                        None => Parsed {
                            clean: Some(
                                p.clean
                                    .clone()
                                    .unwrap_or(raw_part.clone())
                                    .zip_with(rows, raw)?,
                            ),
                            ..p
                        },
                        Some(m) => merge(m, p, rows, &raw_part)?,
                    });
                }
                Ok(merged.unwrap_or_default())
            }
        }
    }

    /// A typed source's scaled column `name` of `frame` (Parquet's numbers), scaled as its
    /// rows' units say: money into the currency's units, km into whole km.
    pub(super) fn scale_typed(&self, frame: &mut DataFrame, name: &str) -> PolarsResult<()> {
        let Some((_, layout)) = self.columns.iter().find(|(n, _)| *n == name) else {
            return Ok(());
        };
        let figures = frame.column(name)?.cast(&DataType::Float64)?;
        let scaled = |s: Scaled| -> PolarsResult<Column> {
            let f = figures.f64()?;
            Ok(match s {
                Scaled::Money(s) => f.apply_values(|v| s.roubles(v)),
                Scaled::Km(s) => f.apply_values(|v| s.roubles(v).round()),
            }
            .with_name(name.into())
            .into_column())
        };
        let out = match layout {
            Layout::All(s) => scaled(*s)?,
            Layout::Parts(groups) => {
                let mut out = figures.clone();
                for (s, rows) in groups {
                    if let Some(s) = s {
                        out = scaled(*s)?.zip_with(rows, &out)?;
                    }
                }
                out
            }
        };
        frame.with_column(out)?;
        Ok(())
    }
}

/// The rows of `frame` read from `part`: its file's and its sheet's.
fn rows_of(part: &Part, frame: &DataFrame) -> PolarsResult<BooleanChunked> {
    let mut rows = BooleanChunked::full("".into(), true, frame.height());
    for (column, value) in [(FILE, &part.file), (SHEET, &part.sheet)] {
        if let Ok(c) = frame.column(column) {
            let c = c.cast(&DataType::String)?;
            rows = &rows & &c.str()?.equal(value.as_deref().unwrap_or(""));
        }
    }
    Ok(rows)
}

/// `m`, the parsed rows of some parts, with `p`, those of others (`rows`, whose text is
/// `text`): the values and cleaned text of each from its own rows, the warnings' cells of
/// both.
fn merge(m: Parsed, p: Parsed, rows: &BooleanChunked, text: &Column) -> PolarsResult<Parsed> {
    let pick = |a: Option<Column>, b: Option<Column>| -> PolarsResult<Option<Column>> {
        Ok(match (a, b) {
            (Some(a), Some(b)) => Some(b.cast(a.dtype())?.zip_with(rows, &a)?),
            (a, b) => a.or(b),
        })
    };
    let clean = pick(m.clean, Some(p.clean.unwrap_or(text.clone())))?;
    let value = pick(m.value, p.value)?;
    fn both<T>(
        a: Option<(T, Column)>,
        b: Option<(T, Column)>,
        rows: &BooleanChunked,
        join: impl Fn(&mut T, T),
    ) -> PolarsResult<Option<(T, Column)>> {
        Ok(match (a, b) {
            (Some((mut a, ta)), Some((b, tb))) => {
                join(&mut a, b);
                Some((a, tb.zip_with(rows, &ta)?))
            }
            (a, b) => a.or(b),
        })
    }
    let rows_joined = |a: &mut Vec<IdxSize>, b: Vec<IdxSize>| {
        a.extend(b);
        a.sort_unstable();
    };
    Ok(Parsed {
        clean,
        value,
        thousands: both(m.thousands, p.thousands, rows, |a, b| {
            a.cells += b.cells;
            rows_joined(&mut a.rows, b.rows);
        })?,
        rounded: both(m.rounded, p.rounded, rows, |a, b| {
            a.cells += b.cells;
            rows_joined(&mut a.rows, b.rows);
        })?,
        lost_sign: both(m.lost_sign, p.lost_sign, rows, |a, b| {
            a.cells += b.cells;
            rows_joined(&mut a.rows, b.rows);
        })?,
        ..m
    })
}

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
    scaled: Scaled,
) -> PolarsResult<Parsed> {
    let scale = match scaled {
        Scaled::Money(s) | Scaled::Km(s) => s,
    };
    let written = raw;
    // `1 500 ?`: a `₽` Windows-1251 could not hold.
    let lost = match scaled {
        Scaled::Money(_) => cells::lost_rouble_signs(raw)?,
        Scaled::Km(_) => None,
    };
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
    let value = match scaled {
        Scaled::Money(_) => {
            let kopecks: Int64Chunked = figures
                .f64()?
                .iter()
                .map(|v| v.map(|v| to_kopecks(scale.roubles(v))))
                .map(|k| {
                    k.filter(|k| k.is_finite() && k.abs() < 9.0e18)
                        .map(|k| k as i64)
                })
                .collect();
            kopecks.with_name(name.into()).into_column()
        }
        // Whole km: `125,4567` thousand km are 125 457 km.
        Scaled::Km(_) => {
            let km: Float64Chunked = figures.f64()?.apply_values(|v| scale.roubles(v).round());
            km.with_name(name.into()).into_column()
        }
    };
    Ok(Parsed {
        clean: clean.or_else(|| lost.as_ref().map(|(stripped, _)| stripped.clone())),
        value: Some(value),
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
        let p = parse_scaled(&raw, None, "amount", Scaled::Money(scale)).unwrap();
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
        let p = parse_scaled(&raw, None, "amount", Scaled::Money(Scale::Kopecks)).unwrap();
        let got: Vec<Option<i64>> = p.value.unwrap().i64().unwrap().iter().collect();
        assert_eq!(got, [Some(12_345), Some(500)]);
        assert_eq!(p.thousands.map(|(t, _)| t.cells), Some(1));
        // A workbook's number cells are those numbers.
        let numbers = Column::new("amount".into(), [1.5f64, 0.001]);
        let p = parse_scaled(
            &raw,
            Some(&numbers),
            "amount",
            Scaled::Money(Scale::Thousands),
        )
        .unwrap();
        let got: Vec<Option<i64>> = p.value.unwrap().i64().unwrap().iter().collect();
        assert_eq!(got, [Some(150_000), Some(100)]);
    }

    #[test]
    fn regression_thousands_of_km_are_whole_km() {
        // 125 thousand km are 125 000 km, 125,4567 thousand 125 457; a word no figure.
        let raw = Column::new(
            "__raw_odometer_km".into(),
            [Some("125"), Some("125,4567"), Some("abc"), None],
        );
        let p = parse_scaled(&raw, None, "odometer_km", Scaled::Km(Scale::Thousands)).unwrap();
        let got: Vec<Option<f64>> = p.value.unwrap().f64().unwrap().iter().collect();
        assert_eq!(got, [Some(125_000.0), Some(125_457.0), None, None]);
    }

    #[test]
    fn regression_each_part_is_scaled_by_its_own_header() {
        // Session 31: the first file's header scaled every file. File a gives roubles, b
        // thousands of roubles, c kopecks: 180 ₽ and 2,50 ₽; 1,2 thousand are 1 200 ₽;
        // 9000 kopecks 90 ₽. A `?` lost sign in b is said at its own row.
        let header = |cell: &str| Header {
            cells: vec!["Номер заказ-наряда".into(), cell.into()],
            mapping: [("visit_id", 0), ("amount", 1)].into_iter().collect(),
            ..Header::default()
        };
        let part = |file: &str, cell: &str, rows: u64| Part {
            place: file.into(),
            file: Some(file.into()),
            sheet: None,
            header: header(cell),
            rows,
        };
        let parts = [
            part("a.csv", "Сумма, руб.", 2),
            part("b.csv", "Сумма, тыс. руб.", 2),
            part("c.csv", "Сумма, коп.", 1),
        ];
        let frame = df!(
            FILE => ["a.csv", "a.csv", "b.csv", "b.csv", "c.csv"],
            SHEET => ["", "", "", "", ""],
        )
        .unwrap();
        let units = Units::new(Table::OrderLines, &parts[0].header, &parts, &frame).unwrap();
        let raw = Column::new(
            "__raw_amount".into(),
            [Some("180"), Some("2,5"), Some("1,2 ?"), None, Some("9000")],
        );
        let plain = |raw: &Column, _: Option<&Column>| {
            let value = cells::parse_numbers(Kind::Money, raw, "amount", &cells::Currency::Rub)?;
            Ok(Parsed {
                value: Some(value),
                ..Parsed::default()
            })
        };
        let p = units.parse("amount", &raw, None, plain).unwrap();
        let got: Vec<Option<i64>> = p.value.unwrap().i64().unwrap().iter().collect();
        assert_eq!(
            got,
            [Some(18_000), Some(250), Some(120_000), None, Some(9_000)]
        );
        let (lost, _) = p.lost_sign.unwrap();
        assert_eq!((lost.cells, lost.rows), (1, vec![2]));
        // Parts that agree are one scale, and a header of roubles none.
        let agree = [parts[1].clone(), parts[1].clone()];
        let units = Units::new(Table::OrderLines, &agree[0].header, &agree, &frame).unwrap();
        assert!(matches!(
            units.columns.as_slice(),
            [("amount", Layout::All(Scaled::Money(Scale::Thousands)))]
        ));
        let none = Units::new(Table::OrderLines, &parts[0].header, &[], &frame).unwrap();
        assert!(none.columns.is_empty());
    }
}
