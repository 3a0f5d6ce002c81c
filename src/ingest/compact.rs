//! Repeated texts stored once. A CSV or workbook reader writes every cell's bytes anew, so
//! a chain's 7.6 M order lines hold "Замена масла" millions of times over; Parquet's
//! dictionary stores it once and its reader points every cell at that one copy. Giving
//! the other sources the same layout takes about 0.75 GB off the chain's typed model from
//! CSV (2.64 GB against Parquet's 1.74 GB), memory the whole report would otherwise carry.
//! `stoa report` does it once ingest is done; `stoa check`, which keeps no model, does not.

use polars::prelude::*;

use crate::model::Model;
use crate::schema::Table;

use super::cells::distinct_index;
use super::parallel::in_parallel;

/// Texts of up to this many bytes lie whole in a cell's 16-byte view and take no other
/// memory: only longer ones are worth sharing.
const INLINE: u32 = 12;

/// At most one distinct cell in this many for a column to be shared: fewer repeats save
/// too little to pay for the pass (a visit's order lines repeat its visit_id about four
/// times; a column's descriptions, mechanics and managers thousands of times).
const SHARE: usize = 8;

/// The model with [`share_repeated_text`] applied to every table supplied.
///
/// ```
/// use polars::prelude::*;
/// use stoa::model::Model;
/// use stoa::schema::Table;
/// let lines = df!("description" => vec!["Замена масла двигателя"; 10]).unwrap();
/// let model = Model::empty().with(Table::OrderLines, lines.clone().lazy());
/// let model = stoa::ingest::compact::share_model_text(model).unwrap();
/// assert!(model.order_lines.collect().unwrap().equals(&lines));
/// ```
pub fn share_model_text(mut model: Model) -> PolarsResult<Model> {
    for table in Table::ALL {
        if model.has(table) {
            // Replacing the table lets its old text go before the next one is rebuilt.
            let frame = model.table(table).clone().collect()?;
            model = model.with_same_rows(table, share_repeated_text(frame)?.lazy());
        }
    }
    Ok(model)
}

/// `frame` with every text column whose long cells repeat stored as one copy of each
/// distinct text: the same values, in views that point into one buffer of distinct texts.
/// Columns already stored so (from Parquet), of short texts only, or of mostly distinct
/// texts are left as they are. Columns are looked at side by side on the cores.
///
/// ```
/// use polars::prelude::*;
/// let long = "Диагностика ходовой части";
/// let df = df!("description" => vec![long; 100_000], "n" => vec![1i64; 100_000]).unwrap();
/// let shared = stoa::ingest::compact::share_repeated_text(df.clone()).unwrap();
/// assert!(shared.equals_missing(&df));
/// ```
pub fn share_repeated_text(mut frame: DataFrame) -> PolarsResult<DataFrame> {
    let candidates: Vec<Column> = frame
        .columns()
        .iter()
        .filter(|c| c.dtype() == &DataType::String && worth_sharing(c))
        .cloned()
        .collect();
    let shared = in_parallel(&candidates, shared_copy)?;
    drop(candidates);
    for column in shared.into_iter().flatten() {
        frame.with_column(column)?;
    }
    Ok(frame)
}

/// Whether a text column stores its long cells once per cell: their bytes are under twice
/// what its buffers hold. Parquet's columns point many cells at one copy, so their cells'
/// bytes are many times their buffers'.
fn worth_sharing(column: &Column) -> bool {
    let Ok(ca) = column.str() else {
        return false;
    };
    let (mut long_bytes, mut buffers) = (0usize, 0usize);
    for arr in ca.downcast_iter() {
        buffers += arr.total_buffer_len();
        long_bytes += arr
            .views()
            .iter()
            .filter(|v| v.length > INLINE)
            .map(|v| v.length as usize)
            .sum::<usize>();
    }
    long_bytes > 0 && long_bytes < 2 * buffers
}

/// The column rebuilt from its distinct cells, or None when too many are distinct.
fn shared_copy(column: &Column) -> PolarsResult<Option<Column>> {
    let ca = column.str()?;
    let Some((distinct, idx)) = distinct_index(ca, SHARE) else {
        return Ok(None);
    };
    let distinct: StringChunked = distinct.into_iter().collect();
    let idx = IdxCa::from_vec("idx".into(), idx);
    let values = distinct.take(&idx)?.with_name(column.name().clone());
    Ok(Some(values.into_column()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer_bytes(df: &DataFrame, name: &str) -> usize {
        let ca = df.column(name).unwrap().str().unwrap().clone();
        ca.downcast_iter().map(|a| a.total_buffer_len()).sum()
    }

    #[test]
    fn repeated_long_texts_are_stored_once_and_keep_their_values_and_nulls() {
        // 70 000 rows (past the 64 Ki check) of three long texts, a null every 7th row, a
        // short code, and an id that is distinct in every row.
        let texts = [
            "Замена масла двигателя",
            "Шиномонтаж R16 комплект",
            "Мойка кузова с сушкой",
        ];
        let n = 70_000;
        let description: Vec<Option<&str>> = (0..n)
            .map(|i| (i % 7 != 0).then_some(texts[i % 3]))
            .collect();
        let ids: Vec<String> = (0..n).map(|i| format!("заказ-наряд №{i:08}")).collect();
        let df = df!(
            "description" => description,
            "code" => (0..n).map(|i| ["S1", "S2"][i % 2]).collect::<Vec<_>>(),
            "visit_id" => ids,
        )
        .unwrap();
        // 60 000 cells of 34–40 bytes each before.
        assert!(buffer_bytes(&df, "description") > 2_000_000);
        let shared = share_repeated_text(df.clone()).unwrap();
        assert!(shared.equals_missing(&df));
        // Each of the three texts once.
        let each: usize = texts.iter().map(|t| t.len()).sum();
        assert_eq!(buffer_bytes(&shared, "description"), each);
        // Mostly distinct: left as it was (the same buffers).
        assert_eq!(
            buffer_bytes(&shared, "visit_id"),
            buffer_bytes(&df, "visit_id")
        );
        // Already shared: a second pass finds nothing to do.
        assert!(!worth_sharing(shared.column("description").unwrap()));
        // Short texts take no buffer at all.
        assert!(!worth_sharing(df.column("code").unwrap()));
    }
}
