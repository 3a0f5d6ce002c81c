//! A printed form saved to Excel (1C's report made for paper, saved as a workbook) repeats
//! the table's header at the top of every page. Read as rows, each repeated header was
//! rejected (`Дата` is no date, `Сумма` no amount), one reject a page, for rows that were
//! never data. A row that repeats the header in every column read, word for word, is set
//! aside as the header is, and said in a warning.

use polars::prelude::*;

use crate::ingest::read::RawTable;
use crate::schema::{Kind, Table};

/// Repeated header rows set aside, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeated {
    /// How many.
    pub rows: u64,
    /// The row (as the user sees it) of the first.
    pub first_row: u32,
}

/// Set aside the rows of `raw` that repeat its header in every column read that the header
/// names and the file gives as text (at least two, so that one cell equal to its header by
/// chance is no repeat); None, and `raw` unchanged, when there are none.
pub fn drop_repeated_headers(raw: &mut RawTable, table: Table) -> PolarsResult<Option<Repeated>> {
    let header = &raw.header;
    let frame = &raw.frame;
    let named: Vec<(&str, String)> = header
        .mapping
        .iter()
        .filter_map(|(canonical, &i)| {
            let cell = header.cells.get(i)?.split_whitespace().collect::<Vec<_>>();
            let column = frame.column(canonical).ok()?;
            (!cell.is_empty() && column.dtype() == &DataType::String)
                .then(|| (*canonical, cell.join(" ")))
        })
        .collect();
    if named.len() < 2 {
        return Ok(None);
    }
    let equal = |(c, text): &(&str, String)| {
        col(*c)
            .str()
            .strip_chars(lit(NULL))
            .eq(lit(text.clone()))
            .fill_null(lit(false))
    };
    // Cheap first: no cell of a text column (cleaned, so trimmed) equals its header, as
    // in every export that is not a printed form. A plain comparison of polars' string
    // views costs a tenth of a strip and compare on a chain's millions of lines.
    let text_kind = |c: &str| {
        table
            .columns()
            .iter()
            .any(|k| k.name == c && k.kind == Kind::Text)
    };
    if let Some((c, text)) = named.iter().find(|(c, _)| text_kind(c)) {
        if !frame.column(c)?.str()?.equal(text.as_str()).any() {
            return Ok(None);
        }
    }
    let repeat = named
        .iter()
        .map(equal)
        .reduce(|a, b| a.and(b))
        .expect("two columns at least");
    let marked = frame
        .clone()
        .lazy()
        .select([repeat.alias("repeat"), col(crate::ingest::read::ROW)])
        .collect()?;
    let repeat = marked.column("repeat")?.bool()?.clone();
    let rows = repeat.sum().unwrap_or(0) as u64;
    if rows == 0 {
        return Ok(None);
    }
    let first_row = marked
        .column(crate::ingest::read::ROW)?
        .u32()?
        .filter(&repeat)?
        .get(0)
        .unwrap_or(0);
    let keep = !&repeat;
    raw.frame = raw.frame.filter(&keep)?;
    raw.numbers = raw
        .numbers
        .iter()
        .map(|c| c.filter(&keep))
        .collect::<PolarsResult<_>>()?;
    Ok(Some(Repeated { rows, first_row }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::ingest::header::Synonyms;
    use crate::ingest::read::ROW;

    fn lines(rows: &[[&str; 3]]) -> RawTable {
        let syn = Synonyms::new(Table::OrderLines, &Config::default());
        let header = syn
            .find_header(&[vec![
                "Заказ-наряд".to_string(),
                "Наименование".to_string(),
                "Сумма".to_string(),
            ]])
            .unwrap();
        let col_of = |k: usize| rows.iter().map(|r| r[k]).collect::<Vec<_>>();
        let n = rows.len() as u32;
        RawTable {
            frame: df!(
                "visit_id" => col_of(0),
                "description" => col_of(1),
                "amount" => col_of(2),
                ROW => (2..n + 2).collect::<Vec<u32>>(),
            )
            .unwrap(),
            header,
            numbers: Vec::new(),
            parts: Vec::new(),
            merged: Vec::new(),
            disguised: Vec::new(),
            hidden: Vec::new(),
        }
    }

    #[test]
    fn a_header_repeated_at_the_top_of_each_page_is_set_aside() {
        let mut t = lines(&[
            ["ЗН-1", "ТО", "1000"],
            ["Заказ-наряд", "Наименование", "Сумма"],
            ["ЗН-2", "Масло", "2000"],
            ["Заказ-наряд", "Наименование", " Сумма "],
        ]);
        let got = drop_repeated_headers(&mut t, Table::OrderLines)
            .unwrap()
            .unwrap();
        assert_eq!(
            got,
            Repeated {
                rows: 2,
                first_row: 3
            }
        );
        assert_eq!(
            crate::ingest::texts_of(&t.frame, "visit_id"),
            [Some("ЗН-1"), Some("ЗН-2")]
        );
        let rows: Vec<_> = t.frame.column(ROW).unwrap().u32().unwrap().iter().collect();
        assert_eq!(rows, [Some(2), Some(4)]);
    }

    #[test]
    fn a_row_equal_to_the_header_in_one_column_only_is_data() {
        // A work named as the column is: data, kept (and judged by validation).
        let mut t = lines(&[["ЗН-1", "Наименование", "1000"], ["Заказ-наряд", "ТО", "5"]]);
        let before = t.frame.clone();
        assert_eq!(
            drop_repeated_headers(&mut t, Table::OrderLines).unwrap(),
            None
        );
        assert!(t.frame.equals_missing(&before));
    }
}
