//! Identifiers that a data frame library wrote as floats: pandas gives a numeric id
//! column with an empty cell the float type, and its CSV then says `101.0` where the
//! other tables say `101`. Every line was then "of an unknown visit".

use polars::prelude::*;

use crate::ingest::header::Header;
use crate::schema::{Kind, Table};

/// An id column whose every cell was a whole number written with `.0`: how many cells, and
/// the first one as written.
#[derive(Debug, Clone, PartialEq)]
pub struct DotZero {
    pub cells: u64,
    pub example: String,
}

/// Whether a table's column holds identifiers (compared with other tables' or typed by
/// hand as numbers): the `_id` columns and the service code.
fn is_id(name: &str) -> bool {
    name.ends_with("_id") || name == "service_code"
}

/// Read as the integer each id column of `df` whose every non-empty cell is an integer
/// followed by `.0` (`101.0` → `101`), and say which columns were (canonical names). A
/// column of any other cell (`ЗН-1`, `101.5`, `101`) is left as written. The common case
/// costs one cell per column: a column whose first cell does not end in `.0` cannot qualify.
/// Columns are named by stoa's name and as the header names them.
pub fn whole_ids(
    df: &mut DataFrame,
    table: Table,
    header: &Header,
) -> PolarsResult<Vec<(&'static str, String, DotZero)>> {
    let mut out = Vec::new();
    for c in table.input_columns() {
        if c.kind != Kind::Text || !is_id(c.name) {
            continue;
        }
        let Ok(column) = df.column(c.name) else {
            continue;
        };
        if column.dtype() != &DataType::String {
            continue;
        }
        let ca = column.str()?;
        let Some(first) = ca.iter().flatten().next() else {
            continue;
        };
        if !first.ends_with(".0") {
            continue;
        }
        // Column-wide: every non-empty cell digits and `.0` (a minus sign allowed).
        let whole = ca.contains(r"^-?[0-9]+\.0$", true)?;
        if whole.sum().unwrap_or(0) as usize != ca.len() - ca.null_count() {
            continue;
        }
        let trimmed = ca.strip_suffix(&StringChunked::new("".into(), [".0"]));
        let cells = (ca.len() - ca.null_count()) as u64;
        let example = first.to_string();
        df.with_column(trimmed.into_column().with_name(c.name.into()))?;
        out.push((
            c.name,
            header.source_name(c.name).to_string(),
            DotZero { cells, example },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(visit: &[Option<&str>], client: &[Option<&str>]) -> DataFrame {
        df!("visit_id" => visit, "client_id" => client, "brand" => ["1.0"; 3]).unwrap()
    }

    fn texts(df: &DataFrame, name: &str) -> Vec<Option<String>> {
        let c = df.column(name).unwrap().str().unwrap().clone();
        c.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn ids_written_as_floats_read_as_integers() {
        let mut df = frame(
            &[Some("101.0"), None, Some("-3.0")],
            &[Some("7.0"), Some("ЗН-1"), Some("8.0")],
        );
        let got = whole_ids(&mut df, Table::Visits, &Header::default()).unwrap();
        assert_eq!(
            got,
            [(
                "visit_id",
                "visit_id".to_string(),
                DotZero {
                    cells: 2,
                    example: "101.0".into()
                }
            )]
        );
        assert_eq!(
            texts(&df, "visit_id"),
            [Some("101".into()), None, Some("-3".into())]
        );
        // One cell that is no whole number keeps the column as written.
        assert_eq!(texts(&df, "client_id")[0], Some("7.0".into()));
        // Not an id: left alone.
        assert_eq!(texts(&df, "brand")[0], Some("1.0".into()));
    }

    #[test]
    fn a_fraction_or_a_plain_integer_keeps_the_column() {
        for cells in [
            [Some("101.0"), Some("101.5")],
            [Some("101.0"), Some("102")],
            [Some("101.00"), Some("102.0")],
            [Some("101"), Some("102.0")],
        ] {
            let mut df = df!("visit_id" => cells).unwrap();
            assert!(
                whole_ids(&mut df, Table::Visits, &Header::default())
                    .unwrap()
                    .is_empty(),
                "{cells:?}"
            );
        }
    }
}
