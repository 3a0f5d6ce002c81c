//! Names of the configuration that choose a cell by its place among the cells of one name
//! (`amount = "Сумма#2"`, session 22): how a cell is read by such a name, and a place the
//! header does not have.

use super::{header_key, Header, Specificity, Synonyms};
use crate::schema::fold;

/// A configuration's name of the form `name#k` (k from 1): the name, folded, and k.
pub(super) fn placed_name(name: &str) -> Option<(String, usize)> {
    let (base, k) = name.rsplit_once('#')?;
    let k: usize = k.trim().parse().ok().filter(|&k| k > 0)?;
    let base = fold(base);
    (!base.is_empty()).then_some((base, k))
}

impl Synonyms {
    /// The column the cell `cell` at `i` of a row (whose cells' [`header_key`]s are `keys`)
    /// names and how specifically: by its place among the cells of its name, as a name of
    /// the configuration says (`amount = "Сумма#2"`), else by its name ([`Self::matched`]).
    pub(super) fn cell_column(
        &self,
        keys: &[String],
        i: usize,
        cell: &str,
    ) -> Option<(&'static str, Specificity)> {
        let place = keys[..=i].iter().filter(|k| **k == keys[i]).count();
        let placed = self
            .placed
            .iter()
            .find(|(_, base, k)| *base == keys[i] && *k == place)
            .map(|(c, base, _)| (*c, (true, true, base.chars().count() + 2)));
        placed.or_else(|| self.matched(cell))
    }

    /// A name of the configuration's that picks a cell by its place (`amount = "Сумма#3"`)
    /// where the header has some cells of that name but fewer than the place: the column,
    /// the name as written, the cells' name and how many there are. Left unread, the
    /// column fell back to another name and read the wrong cells without a word. A name
    /// no cell has is a synonym for other exports, as any other is; so is a place that
    /// the two rows of a header as written hold: their group cells read some cells of the
    /// name as other columns (`Сумма` under `Скидка` is the discount), and `amount =
    /// "Сумма#2"`, which stoa offered while it read both as amounts, would stop the run.
    pub fn misplaced(&self, header: &Header) -> Option<(&'static str, String, String, usize)> {
        let keys: Vec<String> = header.cells.iter().map(|c| header_key(c)).collect();
        self.placed.iter().find_map(|(column, base, k)| {
            let count = keys.iter().filter(|key| *key == base).count();
            let written = header.rows.iter().flatten();
            let as_written = written.filter(|c| header_key(c) == *base).count();
            (count > 0 && count < *k && as_written < *k).then(|| {
                let cell =
                    header.cells[keys.iter().position(|key| key == base).unwrap_or(0)].clone();
                (*column, format!("{cell}#{k}"), cell, count)
            })
        })
    }
}
