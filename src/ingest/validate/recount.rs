//! The warnings of a column's cells counted on the accepted rows only: a rejected row is in
//! the rejects with its reason, and its cells were read as nothing. Each row's cell that a
//! warning concerns is kept as a four-byte index into the warning's cells while the
//! column's text is let go, and counted again once the rejected rows are known. Before
//! session 28 a row rejected for a stray `;` named its shifted value (`дисков` under
//! `Категория`) among the unread categories, as if a line of that category had been read;
//! until session 29 the warnings of slash dates read month first, of `12,345` read as
//! whole thousands, of money rounded to the kopeck, of a `₽` lost to Windows-1251 and of
//! ids written `101.0` still counted and quoted the cells of rejected rows, and the user
//! checked rows that were never read.

use std::collections::HashMap;

use polars::prelude::*;

use super::parse::Parsed;
use super::{DotZero, Unread};
use crate::ingest::cells::{
    only_day_first, only_month_first, DayFirst, LostSign, MonthFirst, Rounded, Thousands,
};
use crate::schema::{fold, EnumKind};

/// Each row's spelling among `spellings` (each as written, the value it was read as and
/// its rows; spellings differing in case or spaces are one), by index, null for the other
/// rows, named `name`: what the recount ([`accepted_spellings`]) needs of the column's
/// text, which validation lets go before it knows the rows it rejects (four bytes a row
/// against a chain's millions of cells of text).
pub(super) fn spelling_index(
    text: &Column,
    spellings: &[(String, String, u64)],
    name: &str,
) -> PolarsResult<Column> {
    let keys: Vec<String> = spellings.iter().map(|(s, _, _)| fold(s)).collect();
    // Each distinct cell is folded once: a chain's lines repeat a dozen spellings.
    let mut seen: HashMap<&str, Option<u32>> = HashMap::new();
    let index: UInt32Chunked = text
        .str()?
        .iter()
        .map(|cell| {
            let cell = cell?;
            *seen.entry(cell).or_insert_with(|| {
                let f = fold(cell);
                keys.iter().position(|k| *k == f).map(|i| i as u32)
            })
        })
        .collect();
    Ok(index.with_name(name.into()).into_column())
}

/// The rows that `rejected` does not mark and that have an entry in `index` (each row's
/// cell among a warning's, [`spelling_index`] or [`cell_index`]): each row's position and
/// its entry.
pub(super) fn accepted<'a>(
    index: &'a Column,
    rejected: &'a BooleanChunked,
) -> PolarsResult<impl Iterator<Item = (usize, u32)> + 'a> {
    Ok(index
        .u32()?
        .iter()
        .zip(rejected.iter())
        .enumerate()
        .filter_map(|(row, entry)| match entry {
            (Some(i), Some(false) | None) => Some((row, i)),
            _ => None,
        }))
}

/// The `spellings` counted again over the rows that `rejected` does not mark, by each
/// row's spelling ([`spelling_index`]); a spelling left on no row is dropped.
pub(super) fn accepted_spellings(
    index: &Column,
    rejected: &BooleanChunked,
    spellings: &[(String, String, u64)],
) -> PolarsResult<Vec<(String, String, u64)>> {
    let mut counts = vec![0u64; spellings.len()];
    for (_, i) in accepted(index, rejected)? {
        if let Some(n) = counts.get_mut(i as usize) {
            *n += 1;
        }
    }
    Ok(spellings
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|((spelling, value, _), n)| (spelling.clone(), value.clone(), n))
        .collect())
}

/// Each row's cell among the cells at `rows` of `text` (positions, ascending), by index
/// into the distinct cells as written (the second value, in order of first appearance),
/// null for the other rows, named `name`. An empty cell at such a row (a workbook's number
/// with no text) is the entry of an empty text.
pub(super) fn cell_index(
    text: &Column,
    rows: &[IdxSize],
    name: &str,
) -> PolarsResult<(Column, Vec<String>)> {
    let mut cells: Vec<String> = Vec::new();
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut next = rows.iter().peekable();
    let index: UInt32Chunked = text
        .str()?
        .iter()
        .enumerate()
        .map(|(row, cell)| {
            next.next_if(|&&r| r as usize == row)?;
            let cell = cell.unwrap_or_default();
            Some(*seen.entry(cell).or_insert_with(|| {
                cells.push(cell.to_string());
                (cells.len() - 1) as u32
            }))
        })
        .collect();
    Ok((index.with_name(name.into()).into_column(), cells))
}

/// The accepted rows among those of [`cell_index`]: how many, and the first one's
/// position and cell, among the cells `telling` takes where one is accepted (a cell that
/// shows what the warning says, as `05/16/2026` shows month first), else among all. None
/// when no such row is accepted.
fn accepted_cells(
    index: &Column,
    rejected: &BooleanChunked,
    cells: &[String],
    telling: impl Fn(&str) -> bool,
) -> PolarsResult<Option<(u64, usize, usize)>> {
    let (mut n, mut first, mut first_telling) = (0u64, None, None);
    for (row, i) in accepted(index, rejected)? {
        n += 1;
        first.get_or_insert((row, i as usize));
        if first_telling.is_none() && cells.get(i as usize).is_some_and(|c| telling(c)) {
            first_telling = Some((row, i as usize));
        }
    }
    Ok(first_telling.or(first).map(|(row, cell)| (n, row, cell)))
}

/// A warning about some cells of a column, to be counted again on the accepted rows.
pub(super) trait CellWarning {
    /// The rows it concerns (positions in the column, ascending), taken out of it.
    fn take_rows(&mut self) -> Vec<IdxSize>;
    /// Whether a cell shows best what the warning says: its example is one of these where
    /// an accepted row has one.
    fn telling(_cell: &str) -> bool {
        true
    }
    /// The warning over the accepted rows: how many cells, one of them as written, whether
    /// that one is [`CellWarning::telling`], and the value that row was read as (kopecks,
    /// for money).
    fn recounted(&mut self, cells: u64, example: String, telling: bool, value: Option<i64>);
}

impl CellWarning for MonthFirst {
    fn take_rows(&mut self) -> Vec<IdxSize> {
        std::mem::take(&mut self.rows)
    }
    fn telling(cell: &str) -> bool {
        only_month_first(cell)
    }
    fn recounted(&mut self, cells: u64, example: String, telling: bool, _: Option<i64>) {
        (self.cells, self.example, self.example_decides) = (cells, example, telling);
    }
}

impl CellWarning for DayFirst {
    fn take_rows(&mut self) -> Vec<IdxSize> {
        std::mem::take(&mut self.rows)
    }
    fn telling(cell: &str) -> bool {
        only_day_first(cell)
    }
    fn recounted(&mut self, cells: u64, example: String, telling: bool, _: Option<i64>) {
        (self.cells, self.example, self.example_decides) = (cells, example, telling);
    }
}

impl CellWarning for Thousands {
    fn take_rows(&mut self) -> Vec<IdxSize> {
        std::mem::take(&mut self.rows)
    }
    fn recounted(&mut self, cells: u64, example: String, _: bool, _: Option<i64>) {
        (self.cells, self.example) = (cells, example);
    }
}

impl CellWarning for Rounded {
    fn take_rows(&mut self) -> Vec<IdxSize> {
        std::mem::take(&mut self.rows)
    }
    fn recounted(&mut self, cells: u64, example: String, _: bool, value: Option<i64>) {
        (self.cells, self.example) = (cells, example);
        self.kopecks = value.unwrap_or(self.kopecks);
    }
}

impl CellWarning for LostSign {
    fn take_rows(&mut self) -> Vec<IdxSize> {
        std::mem::take(&mut self.rows)
    }
    fn recounted(&mut self, cells: u64, example: String, _: bool, _: Option<i64>) {
        (self.cells, self.example) = (cells, example);
    }
}

/// One warning of a column's cells until the rejected rows are known: the column (stoa's
/// name and the file's), the warning, and its index column's name and cells.
struct Held<T> {
    name: &'static str,
    column: String,
    what: T,
    index: String,
    cells: Vec<String>,
}

impl<T: CellWarning> Held<T> {
    /// The warning `what` of column `name` (`column` as the file names it), about cells of
    /// `text`, its index column added to `base`.
    fn new(
        base: &mut DataFrame,
        (name, column): (&'static str, &str),
        mut what: T,
        text: &Column,
        kind: &str,
    ) -> PolarsResult<Held<T>> {
        let index = format!("__{kind}_{name}");
        let (column_index, cells) = cell_index(text, &what.take_rows(), &index)?;
        base.with_column(column_index)?;
        Ok(Held {
            name,
            column: column.to_string(),
            what,
            index,
            cells,
        })
    }

    /// The warning counted again over the rows of `df` that `rejected` does not mark; None
    /// when none of them has such a cell.
    fn recount(
        mut self,
        df: &DataFrame,
        rejected: Option<&BooleanChunked>,
    ) -> PolarsResult<Option<(String, T)>> {
        let Some(rejected) = rejected else {
            return Ok(Some((self.column, self.what)));
        };
        let index = df.column(&self.index)?;
        let Some((n, row, cell)) = accepted_cells(index, rejected, &self.cells, T::telling)? else {
            return Ok(None);
        };
        let value = match df.column(self.name)?.dtype() {
            DataType::Int64 => df.column(self.name)?.i64()?.get(row),
            _ => None,
        };
        let example = std::mem::take(&mut self.cells[cell]);
        let telling = T::telling(&example);
        self.what.recounted(n, example, telling, value);
        Ok(Some((self.column, self.what)))
    }
}

/// The warnings of the columns' cells, held until the rejected rows are known: unread
/// coded values, dates read month first, thousands marks, money rounded to the kopeck,
/// lost rouble signs and ids written `101.0`.
#[derive(Default)]
pub(super) struct Pending {
    unread: Vec<(String, Unread)>,
    month_first: Vec<Held<MonthFirst>>,
    day_first: Vec<Held<DayFirst>>,
    thousands: Vec<Held<Thousands>>,
    rounded: Vec<Held<Rounded>>,
    lost_sign: Vec<Held<LostSign>>,
    dot_zero: Vec<(&'static str, String, DotZero)>,
}

/// The warnings of the columns' cells over the accepted rows, each with its column as the
/// file names it.
pub(super) struct Recounted {
    pub unread: Vec<Unread>,
    pub month_first: Vec<(String, MonthFirst)>,
    pub day_first: Vec<(String, DayFirst)>,
    pub thousands: Vec<(String, Thousands)>,
    pub rounded: Vec<(String, Rounded)>,
    pub lost_sign: Vec<(String, LostSign)>,
    pub dot_zero: Vec<(String, DotZero)>,
}

impl Pending {
    /// Hold the id columns read without their `.0` (stoa's name, the file's, the warning):
    /// their text stays in the raw column `__raw_<name>`, which gives their accepted cells.
    pub fn dot_zero(&mut self, dot_zero: Vec<(&'static str, String, DotZero)>) {
        self.dot_zero = dot_zero;
    }

    /// Hold the cells of date column `name` (`column` as the file names it) read day
    /// first, of `text` ([`DayFirst`]), for the warning of a file written both ways.
    pub fn day_first(
        &mut self,
        base: &mut DataFrame,
        at: (&'static str, &str),
        d: DayFirst,
        text: &Column,
    ) -> PolarsResult<()> {
        self.day_first
            .push(Held::new(base, at, d, text, "day_first")?);
        Ok(())
    }

    /// Hold the warnings that parsing column `name` (`column` as the file names it) gave,
    /// taken out of `p`, each row's cell they concern added to `base` as an index; `raw`
    /// is the column's text as the coded values were read from it.
    pub fn hold(
        &mut self,
        base: &mut DataFrame,
        (name, column): (&'static str, &str),
        kind: Option<EnumKind>,
        p: &mut Parsed,
        raw: &Column,
    ) -> PolarsResult<()> {
        let at = (name, column);
        if let (Some(kind), false) = (kind, p.unread.is_empty()) {
            let spellings = std::mem::take(&mut p.unread);
            let index = format!("__unread_{name}");
            base.with_column(spelling_index(raw, &spellings, &index)?)?;
            let unread = Unread {
                column: column.to_string(),
                kind,
                spellings,
            };
            self.unread.push((index, unread));
        }
        if let Some((m, text)) = p.month_first.take() {
            self.month_first
                .push(Held::new(base, at, m, &text, "month_first")?);
        }
        if let Some((t, text)) = p.thousands.take() {
            self.thousands
                .push(Held::new(base, at, t, &text, "thousands")?);
        }
        if let Some((r, text)) = p.rounded.take() {
            self.rounded.push(Held::new(base, at, r, &text, "rounded")?);
        }
        if let Some((l, text)) = p.lost_sign.take() {
            self.lost_sign
                .push(Held::new(base, at, l, &text, "lost_sign")?);
        }
        Ok(())
    }

    /// Every warning counted again over the rows of `df` that `rejected` marks not (all of
    /// them where it is None); a warning left with no cell is dropped.
    pub fn recount(
        self,
        df: &DataFrame,
        rejected: Option<&BooleanChunked>,
    ) -> PolarsResult<Recounted> {
        fn each<T: CellWarning>(
            held: Vec<Held<T>>,
            df: &DataFrame,
            rejected: Option<&BooleanChunked>,
        ) -> PolarsResult<Vec<(String, T)>> {
            let recounted = held.into_iter().map(|h| h.recount(df, rejected));
            Ok(recounted
                .collect::<PolarsResult<Vec<_>>>()?
                .into_iter()
                .flatten()
                .collect())
        }
        let mut unread = Vec::with_capacity(self.unread.len());
        for (index, mut u) in self.unread {
            if let Some(rejected) = rejected {
                u.spellings = accepted_spellings(df.column(&index)?, rejected, &u.spellings)?;
            }
            if !u.spellings.is_empty() {
                unread.push(u);
            }
        }
        let mut dot_zero = Vec::with_capacity(self.dot_zero.len());
        for (name, column, d) in self.dot_zero {
            match rejected {
                Some(rejected) => {
                    let raw = df.column(&format!("__raw_{name}"))?.str()?.clone();
                    let kept = raw.filter(&!rejected)?;
                    let Some(first) = kept.iter().flatten().next() else {
                        continue;
                    };
                    let d = DotZero {
                        cells: (kept.len() - kept.null_count()) as u64,
                        example: format!("{first}.0"),
                    };
                    dot_zero.push((column, d));
                }
                None => dot_zero.push((column, d)),
            }
        }
        Ok(Recounted {
            unread,
            month_first: each(self.month_first, df, rejected)?,
            day_first: each(self.day_first, df, rejected)?,
            thousands: each(self.thousands, df, rejected)?,
            rounded: each(self.rounded, df, rejected)?,
            lost_sign: each(self.lost_sign, df, rejected)?,
            dot_zero,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelling(s: &str, v: &str, n: u64) -> (String, String, u64) {
        (s.to_string(), v.to_string(), n)
    }

    #[test]
    fn rejected_rows_are_not_counted() {
        // Rows 2 and 4 rejected: «дисков» is on no accepted row, «Звонок» on one of two,
        // and «звонок» (the same spelling folded) on the third.
        let text = Column::new(
            "c".into(),
            [
                Some("Звонок"),
                Some("дисков"),
                Some("звонок"),
                Some("Звонок"),
                Some("Шины"),
                None,
            ],
        );
        let rejected = BooleanChunked::new("r".into(), [false, true, false, true, false, false]);
        let spellings = [
            spelling("Звонок", "other", 3),
            spelling("дисков", "tires", 1),
        ];
        let index = spelling_index(&text, &spellings, "i").unwrap();
        let got: Vec<Option<u32>> = index.u32().unwrap().iter().collect();
        assert_eq!(got, [Some(0), Some(1), Some(0), Some(0), None, None]);
        assert_eq!(
            accepted_spellings(&index, &rejected, &spellings).unwrap(),
            [spelling("Звонок", "other", 2)]
        );
    }

    #[test]
    fn a_warnings_cells_are_counted_and_quoted_on_accepted_rows_telling_ones_first() {
        // Rows 0, 2, 3 and 4 were read month first (row 4 repeats row 0's cell); only row
        // 3's cell can be read no other way.
        let text = Column::new(
            "t".into(),
            [
                Some("05/04/2026"),
                Some("16.05.2026"),
                Some("06/04/2026"),
                Some("05/16/2026"),
                Some("05/04/2026"),
            ],
        );
        let (index, cells) = cell_index(&text, &[0, 2, 3, 4], "i").unwrap();
        let got: Vec<Option<u32>> = index.u32().unwrap().iter().collect();
        assert_eq!(got, [Some(0), None, Some(1), Some(2), Some(0)]);
        assert_eq!(cells, ["05/04/2026", "06/04/2026", "05/16/2026"]);
        let recount = |rejected: [bool; 5]| {
            let rejected = BooleanChunked::new("r".into(), rejected);
            accepted_cells(&index, &rejected, &cells, only_month_first).unwrap()
        };
        // Rows 2 and 3 rejected: rows 0 and 4 are left, neither telling, so the first
        // (2 cells, row 0, cell 0).
        assert_eq!(recount([false, false, true, true, false]), Some((2, 0, 0)));
        // Rows 0 and 4 rejected: rows 2 and 3 are left, and row 3 is telling.
        assert_eq!(recount([true, false, false, false, true]), Some((2, 3, 2)));
        // Every such row rejected: nothing to say.
        assert_eq!(recount([true, false, true, true, true]), None);
    }
}
