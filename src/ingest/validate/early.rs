//! The warnings that reading gives before validation about some rows — the car of one
//! cell read as make, model and plate, a 1C document title read as its visit's number, a
//! workbook's percentage discounts read as fractions — counted and quoted again on the
//! accepted rows only, as the warnings of cells are (`super::recount`). They are made
//! before validation because what they read is what validation checks; until session 30
//! they counted the rows then rejected for another reason too (a title of a visit not in
//! the visits, a car on a visit of an unreadable date), and quoted one of them. Each row's
//! cell that such a warning concerns is kept as an index column of the table
//! ([`EARLY`]`<name>`), which goes through validation with the rows and is counted there
//! ([`tallies`]).

use polars::prelude::*;

use super::recount::{accepted, cell_index};
use crate::ingest::Warning;

/// The prefix of the columns that hold, row by row, a held warning's cells ([`Early`]).
pub const EARLY: &str = "__early_";

/// How a held warning is said over the accepted rows it concerns: their number and the
/// first one's cell as written.
type Say = Box<dyn FnOnce(u64, &str) -> PolarsResult<Warning>>;

/// A warning about some rows said before validation, held until the rejected rows are
/// known.
pub struct Early {
    /// Its index column in the table: each concerned row's cell, by its place in `cells`.
    index: String,
    /// The concerned rows' distinct cells as written, in order of first appearance.
    cells: Vec<String>,
    /// The rows it concerned before validation, said where no count of them comes back.
    rows: u64,
    say: Say,
}

impl Early {
    /// Hold a warning about the rows of `frame` that `concerned` marks, whose cells as
    /// written are `text`'s: their index column `__early_<name>` is added to `frame`, and
    /// `say` gives the warning over the accepted ones.
    pub fn hold(
        frame: &mut DataFrame,
        name: &str,
        text: &Column,
        concerned: &BooleanChunked,
        say: impl FnOnce(u64, &str) -> PolarsResult<Warning> + 'static,
    ) -> PolarsResult<Early> {
        let rows: Vec<IdxSize> = concerned
            .iter()
            .enumerate()
            .filter(|(_, c)| *c == Some(true))
            .map(|(row, _)| row as IdxSize)
            .collect();
        let index = format!("{EARLY}{name}");
        let (column, cells) = cell_index(&text.cast(&DataType::String)?, &rows, &index)?;
        frame.with_column(column)?;
        Ok(Early {
            index,
            cells,
            rows: rows.len() as u64,
            say: Box::new(say),
        })
    }
}

/// A held warning's index column counted over the accepted rows of its table.
pub struct Tally {
    /// The index column (`__early_<name>`).
    pub index: String,
    /// The accepted rows it concerns.
    pub rows: u64,
    /// The first one's entry in the warning's cells.
    pub first: Option<u32>,
}

/// Every held warning's index column of `df` ([`EARLY`]) counted over the rows that
/// `rejected` does not mark (all of them where it is None).
pub(super) fn tallies(
    df: &DataFrame,
    rejected: Option<&BooleanChunked>,
) -> PolarsResult<Vec<Tally>> {
    let none;
    let rejected = match rejected {
        Some(r) => r,
        None => {
            none = BooleanChunked::full("rejected".into(), false, df.height());
            &none
        }
    };
    df.columns()
        .iter()
        .filter(|c| c.name().starts_with(EARLY))
        .map(|c| {
            let (mut rows, mut first) = (0u64, None);
            for (_, i) in accepted(c, rejected)? {
                rows += 1;
                first.get_or_insert(i);
            }
            Ok(Tally {
                index: c.name().to_string(),
                rows,
                first,
            })
        })
        .collect()
}

/// A warning as it is, or held until the accepted rows are known.
enum Item {
    Now(Warning),
    Held(Early),
}

/// What the reading of a table says before its validation, in order: warnings as they
/// are, and warnings held ([`Early`]) in their places among them.
#[derive(Default)]
pub struct Said {
    items: Vec<Item>,
}

impl Said {
    /// Say `warning` as it is.
    pub fn push(&mut self, warning: Warning) {
        self.items.push(Item::Now(warning));
    }

    /// Say each of `warnings` as it is.
    pub fn extend(&mut self, warnings: impl IntoIterator<Item = Warning>) {
        self.items.extend(warnings.into_iter().map(Item::Now));
    }

    /// Hold `early` until the table's accepted rows are known.
    pub fn hold(&mut self, early: Early) {
        self.items.push(Item::Held(early));
    }

    /// The warnings, each held one said over the accepted rows its validation counted
    /// (`tallies`), and left out where none of them is left.
    pub fn told(self, tallies: &[Tally]) -> PolarsResult<Vec<Warning>> {
        let mut out = Vec::with_capacity(self.items.len());
        for item in self.items {
            let early = match item {
                Item::Now(w) => {
                    out.push(w);
                    continue;
                }
                Item::Held(early) => early,
            };
            // A table validation never saw keeps what was said before it.
            let (rows, first) = match tallies.iter().find(|t| t.index == early.index) {
                Some(t) => (t.rows, t.first.map(|i| i as usize)),
                None => (early.rows, Some(0)),
            };
            let Some(cell) = first.and_then(|i| early.cells.get(i)).filter(|_| rows > 0) else {
                continue;
            };
            out.push((early.say)(rows, cell)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(rows: u64, cell: &str) -> PolarsResult<Warning> {
        Ok(Warning {
            table: "t".into(),
            rows,
            message: cell.to_string(),
        })
    }

    fn now(message: &str) -> Warning {
        Warning {
            table: "t".into(),
            rows: 0,
            message: message.into(),
        }
    }

    #[test]
    fn a_held_warning_counts_and_quotes_the_accepted_rows_in_its_place() {
        // Rows 0, 2 and 3 are concerned; row 0 is rejected, so 2 rows are left and row 2's
        // cell is quoted, between the warnings said before and after it.
        let mut frame = df!("c" => ["a", "b", "c", "a"]).unwrap();
        let text = frame.column("c").unwrap().clone();
        let concerned = BooleanChunked::new("m".into(), [true, false, true, true]);
        let mut s = Said::default();
        s.push(now("before"));
        s.hold(Early::hold(&mut frame, "x", &text, &concerned, said).unwrap());
        s.extend([now("after")]);
        let rejected = BooleanChunked::new("r".into(), [true, false, false, false]);
        let t = tallies(&frame, Some(&rejected)).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].index.as_str(), t[0].rows, t[0].first),
            ("__early_x", 2, Some(1))
        );
        let told = s.told(&t).unwrap();
        let got: Vec<(u64, &str)> = told.iter().map(|w| (w.rows, w.message.as_str())).collect();
        assert_eq!(got, [(0, "before"), (2, "c"), (0, "after")]);
    }

    #[test]
    fn a_held_warning_whose_rows_are_all_rejected_is_not_said() {
        let mut frame = df!("c" => ["a", "b", "c"]).unwrap();
        let text = frame.column("c").unwrap().clone();
        let concerned = BooleanChunked::new("m".into(), [true, false, true]);
        let mut s = Said::default();
        s.hold(Early::hold(&mut frame, "x", &text, &concerned, said).unwrap());
        let rejected = BooleanChunked::new("r".into(), [true, false, true]);
        let t = tallies(&frame, Some(&rejected)).unwrap();
        assert_eq!((t[0].rows, t[0].first), (0, None));
        assert!(s.told(&t).unwrap().is_empty());
    }

    #[test]
    fn without_rejected_rows_every_concerned_row_counts() {
        let mut frame = df!("c" => [Some("a"), None, Some("c")]).unwrap();
        let text = frame.column("c").unwrap().clone();
        let concerned = BooleanChunked::new("m".into(), [false, true, true]);
        let mut s = Said::default();
        s.hold(Early::hold(&mut frame, "x", &text, &concerned, said).unwrap());
        let t = tallies(&frame, None).unwrap();
        // Row 1's empty cell is an empty text, the first concerned row's.
        let told = s.told(&t).unwrap();
        assert_eq!((told[0].rows, told[0].message.as_str()), (2, ""));
    }
}
