//! The tables that lost a large share of their rows to rejection, with the reason that
//! took most of them. Every rejected row is already listed (Data issues, `rejects.csv`),
//! but a report whose order lines were all rejected for one unreadable column showed a
//! revenue of 0 and said nothing on the terminal: the share is what tells a slip in the
//! data or the column mapping from the odd bad row.

use polars::prelude::*;

use crate::ingest::InputReport;

/// The share of a table's rows whose rejection is worth saying on the terminal.
pub const NOTABLE_SHARE: f64 = 0.10;

/// A table that lost at least [`NOTABLE_SHARE`] of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Loss {
    /// The table (English name).
    pub table: String,
    /// Rows read.
    pub read: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// The reason of the most rejections (English, as in `rejects.csv`).
    pub reason: String,
    /// The column that reason cites (empty when the whole row is at fault).
    pub column: String,
    /// How many rows that reason and column took.
    pub count: u64,
}

impl Loss {
    /// Whether the table has no row left.
    pub fn is_total(&self) -> bool {
        self.rejected == self.read
    }
}

/// Every table of `inputs` that lost at least [`NOTABLE_SHARE`] of its rows, in the order
/// of `inputs`, with the most frequent reason among its rows of `rejects` (`table, file,
/// sheet, row, column, value, reason`; ties: the first reason and column by text).
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::{losses::losses, InputReport};
/// let input = |table: &str, read, rejected| InputReport {
///     table: table.into(), path: String::new(), sheet: None, sha256: String::new(),
///     rows_read: read, rows_accepted: read - rejected, rows_rejected: rejected,
///     files: Vec::new(),
///     money_read: None, money_accepted: None, money_rejected: None,
/// };
/// let rejects = df!(
///     "table" => ["order_lines", "order_lines", "visits"],
///     "column" => ["Скидка", "Скидка", "Номер"],
///     "reason" => ["unparseable money", "unparseable money", "duplicate"],
/// ).unwrap();
/// let got = losses(&[input("visits", 100, 1), input("order_lines", 2, 2)], &rejects).unwrap();
/// assert_eq!(got.len(), 1);
/// assert_eq!((got[0].table.as_str(), got[0].count), ("order_lines", 2));
/// assert!(got[0].is_total());
/// ```
pub fn losses(inputs: &[InputReport], rejects: &DataFrame) -> PolarsResult<Vec<Loss>> {
    let notable: Vec<&InputReport> = inputs
        .iter()
        .filter(|i| i.rows_read > 0 && i.rows_rejected as f64 >= NOTABLE_SHARE * i.rows_read as f64)
        .collect();
    if notable.is_empty() {
        return Ok(Vec::new());
    }
    let top = rejects
        .clone()
        .lazy()
        .group_by([col("table"), col("reason"), col("column")])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .sort_by_exprs(
            [col("table"), col("n"), col("reason"), col("column")],
            SortMultipleOptions::default().with_order_descending_multi([false, true, false, false]),
        )
        .group_by_stable([col("table")])
        .agg([
            col("reason").first(),
            col("column").first(),
            col("n").first(),
        ])
        .collect()?;
    let tables = top.column("table")?.str()?;
    let reasons = top.column("reason")?.str()?;
    let columns = top.column("column")?.str()?;
    let counts = top.column("n")?.u64()?;
    Ok(notable
        .into_iter()
        .map(|i| {
            let at = tables.iter().position(|t| t == Some(i.table.as_str()));
            let text = |c: &StringChunked| at.and_then(|k| c.get(k)).unwrap_or("").to_string();
            Loss {
                table: i.table.clone(),
                read: i.rows_read,
                rejected: i.rows_rejected,
                reason: text(reasons),
                column: text(columns),
                count: at.and_then(|k| counts.get(k)).unwrap_or(0),
            }
        })
        .collect())
}
