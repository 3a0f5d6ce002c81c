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
///     sheets: Vec::new(),
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
    let counted = rejects
        .clone()
        .lazy()
        .group_by([col("table"), col("reason"), col("column")])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .sort(
            ["table", "reason", "column"],
            SortMultipleOptions::default(),
        )
        .collect()?;
    let tables = counted.column("table")?.str()?;
    let reasons = counted.column("reason")?.str()?;
    let columns = counted.column("column")?.str()?;
    let counts = counted.column("n")?.u64()?;
    // Rows are counted by the kind of their reason, not its text: a duplicate's reason
    // names the row it repeats, so 1000 duplicates were 1000 reasons of one row each and
    // "most of them (2)" was said.
    let mut kinds: Vec<Kind> = Vec::new();
    for k in 0..counted.height() {
        let (Some(table), Some(reason)) = (tables.get(k), reasons.get(k)) else {
            continue;
        };
        let column = columns.get(k).unwrap_or("");
        let n = counts.get(k).unwrap_or(0);
        let template = crate::ingest::reasons::ALL
            .iter()
            .find(|t| crate::ingest::reasons::parse(t, reason).is_some())
            .copied();
        match kinds.iter_mut().find(|g| {
            g.table == table && g.column == column && g.template == template && {
                template.is_some() || g.reason == reason
            }
        }) {
            Some(g) => {
                g.count += n;
                g.merge(reason);
            }
            None => kinds.push(Kind {
                table: table.to_string(),
                column: column.to_string(),
                template,
                reason: reason.to_string(),
                count: n,
            }),
        }
    }
    Ok(notable
        .into_iter()
        .map(|i| {
            // The most rows; of equal counts, the first by reason and column.
            let top = kinds.iter().filter(|g| g.table == i.table).min_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| a.reason.cmp(&b.reason))
                    .then_with(|| a.column.cmp(&b.column))
            });
            Loss {
                table: i.table.clone(),
                read: i.rows_read,
                rejected: i.rows_rejected,
                reason: top.map_or(String::new(), |g| g.reason.clone()),
                column: top.map_or(String::new(), |g| g.column.clone()),
                count: top.map_or(0, |g| g.count),
            }
        })
        .collect())
}

/// The rejections of one kind of reason in one column of one table.
struct Kind {
    table: String,
    column: String,
    /// The reason's template, None for a text of no known template (counted by its text).
    template: Option<&'static str>,
    /// The reason as said: the template filled with the arguments its rows share, `…` for
    /// those that differ (the row a duplicate repeats).
    reason: String,
    count: u64,
}

impl Kind {
    /// Fold in another reason of the kind: an argument that differs from the said one
    /// becomes `…`.
    fn merge(&mut self, other: &str) {
        let Some(template) = self.template else {
            return;
        };
        use crate::ingest::reasons::{fill, parse};
        let (Some(mine), Some(theirs)) = (parse(template, &self.reason), parse(template, other))
        else {
            return;
        };
        if mine == theirs {
            return;
        }
        let args: Vec<&str> = mine
            .iter()
            .zip(&theirs)
            .map(|(a, b)| if a == b { *a } else { "…" })
            .collect();
        self.reason = fill(template, &args);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::reasons::{fill, DUPLICATE, MONEY};

    fn input(table: &str, read: u64, rejected: u64) -> InputReport {
        InputReport {
            table: table.into(),
            path: String::new(),
            sheet: None,
            sha256: String::new(),
            rows_read: read,
            rows_accepted: read - rejected,
            rows_rejected: rejected,
            files: Vec::new(),
            sheets: Vec::new(),
            money_read: None,
            money_accepted: None,
            money_rejected: None,
        }
    }

    #[test]
    fn regression_reasons_naming_a_row_count_as_one_kind() {
        // 3 duplicates, each naming the row it repeats, against 2 unreadable amounts of
        // one text: the duplicates are the most, said with the row left out.
        let dup = |row: &str| fill(DUPLICATE, &["«visit_id»", row]);
        let money = fill(MONEY, &["x"]);
        let rejects = df!(
            "table" => ["visits"; 5],
            "column" => ["Номер", "Номер", "Номер", "Сумма", "Сумма"],
            "reason" => [dup("10"), dup("11"), dup("12"), money.clone(), money],
        )
        .unwrap();
        let got = losses(&[input("visits", 10, 5)], &rejects).unwrap();
        assert_eq!(got[0].count, 3);
        assert_eq!(got[0].reason, dup("…"));
        assert_eq!(got[0].column, "Номер");
    }

    #[test]
    fn a_shared_argument_is_kept_and_an_unknown_text_counts_by_itself() {
        let dup = |col: &str, row: &str| fill(DUPLICATE, &[col, row]);
        let rejects = df!(
            "table" => ["visits"; 4],
            "column" => ["", "", "", ""],
            "reason" => [dup("«a»", "2"), dup("«a»", "2"), "odd".to_string(), "odd".to_string()],
        )
        .unwrap();
        let got = losses(&[input("visits", 4, 4)], &rejects).unwrap();
        // Two of each: of equal counts the first reason by text.
        assert_eq!(got[0].count, 2);
        assert_eq!(got[0].reason, dup("«a»", "2"));
    }
}
