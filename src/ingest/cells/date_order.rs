//! Whether slash dates are day or month first, decided with the evidence of every date
//! column of the data. A column shows its order when some slash date can be read only one
//! way (`16/05/2026` day first, `05/16/2026` month first: [`super::dates`]); one whose
//! every slash date has both numbers 12 or less shows none. Until session 30 such a column
//! was read day first whatever its neighbours showed: an English export's `Promised`,
//! filled for 1–10 September only, put `9/1/2026 3:00 PM` on 9 January beside `Date` and
//! `Closed` read month first (the on-time rate 0.2 instead of 1, without a word), and
//! competitor prices of `9/1/2026` beside such visits were filed under January, stale.
//!
//! Now a column that shows no order takes the order of the other date columns of its
//! file, where they show one and agree; failing that (they show none), that of the files
//! of the data read before it, where every column that shows one shows month first (one
//! export system writes all of a station's files). A column that shows an order keeps
//! it, and files that show different orders keep each its own, with a warning
//! ([`FolderOrder::conflict`]). A file read before the one whose columns decide is read
//! again (`crate::ingest::load`); only day-first readings are ever replaced.
//!
//! A column's rows rejected for another reason still decide its order, but are never
//! quoted: until session 31 a follower's warning could quote its lead's only date that
//! can be read no other way while that date's row was rejected, and the user looked for a
//! row that had not been read. A lead of the file is now one of its columns whose accepted
//! rows show the order, where there is one ([`ColumnOrder::decides`]).

use crate::schema::Table;

/// Which number of a slash date is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `16/05/2026`, as Russian exports write.
    DayFirst,
    /// `05/16/2026`, as an Excel in an English locale writes to CSV.
    MonthFirst,
}

/// The date column that decides the order of a column whose cells show none: as its file
/// names it, the file, and a date of it that can be read only month first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// The column as the file names it.
    pub column: String,
    /// Its file (and sheet), as messages name it.
    pub file: String,
    /// One of its dates that can be read only month first, of an accepted row where
    /// `decides`; else an accepted row's date read month first, or empty.
    pub example: String,
    /// Whether `example` can be read only month first: false where only rows rejected for
    /// another reason have such a date, which the warnings then do not quote.
    pub decides: bool,
}

/// A date column whose cells show an order: as its file names it, the order, a date that
/// shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnOrder {
    /// The column as the file names it.
    pub column: String,
    /// The order its cells show.
    pub order: DateOrder,
    /// A date of it that can be read only that way, of an accepted row once validation
    /// knows them, where `decides`; else an accepted row's date read so, or empty.
    pub example: String,
    /// Whether an accepted row has a date that can be read only that way (`example`):
    /// false where only rows rejected for another reason have one. True until validation
    /// knows the rows it rejects.
    pub decides: bool,
}

/// What the columns of one file (`columns`, those that show an order) show together: None
/// when none shows one; a lead where they all show month first (the first of them); no
/// lead (day first) where any shows day first.
pub fn file_lead(columns: &[ColumnOrder], file: &str) -> Option<Option<Lead>> {
    let first = columns.first()?;
    let month_first = columns.iter().all(|c| c.order == DateOrder::MonthFirst);
    Some(month_first.then(|| first.lead(file)))
}

impl ColumnOrder {
    /// The lead this column of `file` gives the columns that follow it.
    pub fn lead(&self, file: &str) -> Lead {
        Lead {
            column: self.column.clone(),
            file: file.to_string(),
            example: self.example.clone(),
            decides: self.decides,
        }
    }
}

/// What a table's date columns show and asked of the data's other files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableOrder {
    /// Its columns that show an order, in the table's order of columns.
    pub shown: Vec<ColumnOrder>,
    /// Where none of its columns shows an order and some has slash dates: the lead the
    /// files read before it gave (None: none, so day first).
    pub asked: Option<Option<Lead>>,
}

/// A file whose slash dates show month first and one whose show day first: the first
/// file, column and date of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The table read month first.
    pub table: Table,
    /// Its file, column and a date that shows it.
    pub month_first: (String, ColumnOrder),
    /// A file read day first, its column and a date that shows it.
    pub day_first: (String, ColumnOrder),
}

/// A file whose dates are written both ways (`25.09.2026` beside `09/25/2026`), as if
/// two exports were joined: each cell is read as its own form, or its column, shows, and
/// a warning says so. Counted on the accepted rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedOrders {
    /// A column, as the file names it, and a date of it that can be read only day first.
    pub day_first: (String, String),
    /// A column and a date of it that can be read only month first.
    pub month_first: (String, String),
    /// Date cells read day first: written `dd.mm.yyyy`, or slash dates of a column read
    /// day first.
    pub day_cells: u64,
    /// Slash dates read month first.
    pub month_cells: u64,
}

/// What the files of the data read so far show of their slash dates, for the date columns
/// of later files that show nothing of their own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FolderOrder {
    /// Each file read with its table and the columns of it that show an order.
    pub files: Vec<(Table, String, Vec<ColumnOrder>)>,
    /// Whether each table that asked got a lead.
    pub asked: Vec<bool>,
    /// The lead every file is given in a second reading, once every file's columns are
    /// known (None inside: none), whatever the files before it show.
    pub preset: Option<Option<Lead>>,
}

impl FolderOrder {
    /// The lead of a file that shows no order of its own: the preset one, else the one
    /// the files read so far show together.
    pub fn lead(&self) -> Option<Lead> {
        match &self.preset {
            Some(lead) => lead.clone(),
            None => self.shown_lead(),
        }
    }

    /// The lead the files read so far show together: the first column that shows month
    /// first on an accepted row, else the first that shows it, where no column of any file
    /// shows day first.
    pub fn shown_lead(&self) -> Option<Lead> {
        let columns = self
            .files
            .iter()
            .flat_map(|(_, file, columns)| columns.iter().map(move |c| (file, c)));
        if columns.clone().any(|(_, c)| c.order == DateOrder::DayFirst) {
            return None;
        }
        let (file, c) = columns
            .clone()
            .find(|(_, c)| c.decides)
            .or_else(|| columns.clone().next())?;
        Some(c.lead(file))
    }

    /// Add a file read, with what it asked ([`TableOrder`]).
    pub fn add(&mut self, table: Table, file: &str, read: &TableOrder) {
        if !read.shown.is_empty() {
            self.files
                .push((table, file.to_string(), read.shown.clone()));
        }
        if let Some(lead) = &read.asked {
            self.asked.push(lead.is_some());
        }
    }

    /// The lead to read every file again with, where a file that asked for one got other
    /// than the files show together now that all are read (a file read before the one that
    /// decides); None when each got that, or this is the second reading.
    pub fn read_again(&self) -> Option<Option<Lead>> {
        if self.preset.is_some() {
            return None;
        }
        let lead = self.shown_lead();
        self.asked
            .iter()
            .any(|&got| got != lead.is_some())
            .then_some(lead)
    }

    /// The first file that shows month first and another that shows day first, if any;
    /// of each, a column that shows it on an accepted row where one does.
    pub fn conflict(&self) -> Option<Conflict> {
        let first_of = |order: DateOrder, other_than: Option<&str>| {
            self.files.iter().find_map(|(table, file, columns)| {
                let mut shows = columns.iter().filter(|c| c.order == order);
                let c = shows.clone().find(|c| c.decides).or_else(|| shows.next())?;
                (Some(file.as_str()) != other_than).then(|| (*table, file.clone(), c.clone()))
            })
        };
        let (table, file, column) = first_of(DateOrder::MonthFirst, None)?;
        let (_, other, day) = first_of(DateOrder::DayFirst, Some(&file))?;
        Some(Conflict {
            table,
            month_first: (file, column),
            day_first: (other, day),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shows(column: &str, order: DateOrder, example: &str) -> ColumnOrder {
        ColumnOrder {
            column: column.into(),
            order,
            example: example.into(),
            decides: true,
        }
    }

    fn lead(column: &str, file: &str, example: &str) -> Lead {
        Lead {
            column: column.into(),
            file: file.into(),
            example: example.into(),
            decides: true,
        }
    }

    #[test]
    fn a_file_leads_where_its_columns_agree_on_month_first() {
        let date = shows("Date", DateOrder::MonthFirst, "9/13/2026");
        let closed = shows("Closed", DateOrder::MonthFirst, "9/14/2026");
        let born = shows("Born", DateOrder::DayFirst, "16/05/1985");
        assert_eq!(file_lead(&[], "v.csv"), None);
        assert_eq!(
            file_lead(&[date.clone(), closed], "v.csv"),
            Some(Some(lead("Date", "v.csv", "9/13/2026")))
        );
        // A column that shows day first leaves the others' columns day first.
        assert_eq!(file_lead(&[date, born], "v.csv"), Some(None));
    }

    #[test]
    fn files_read_later_follow_the_files_read_before_them() {
        let mut folder = FolderOrder::default();
        assert_eq!(folder.lead(), None);
        let visits = TableOrder {
            shown: vec![shows("Date", DateOrder::MonthFirst, "9/13/2026")],
            asked: None,
        };
        folder.add(Table::Visits, "visits.csv", &visits);
        assert_eq!(folder.lead(), Some(lead("Date", "visits.csv", "9/13/2026")));
        // Competitor prices of 1–10 September only asked, and were given the visits' lead.
        let prices = TableOrder {
            shown: Vec::new(),
            asked: Some(folder.lead()),
        };
        folder.add(Table::CompetitorPrices, "prices.csv", &prices);
        assert_eq!(folder.read_again(), None);
        assert_eq!(folder.conflict(), None);
        // Feedback that shows day first: each file keeps its own, a file that shows
        // nothing is read day first, so the prices are read again without a lead.
        let feedback = TableOrder {
            shown: vec![shows("Дата", DateOrder::DayFirst, "16/09/2026")],
            asked: None,
        };
        folder.add(Table::Feedback, "feedback.csv", &feedback);
        assert_eq!(folder.lead(), None);
        assert_eq!(folder.read_again(), Some(None));
        let conflict = folder.conflict().unwrap();
        assert_eq!(conflict.table, Table::Visits);
        assert_eq!(conflict.month_first.0, "visits.csv");
        assert_eq!(conflict.day_first.1.example, "16/09/2026");
        // The second reading is given its lead and never read again.
        let again = FolderOrder {
            preset: Some(None),
            ..folder
        };
        assert_eq!(again.lead(), None);
        assert_eq!(again.read_again(), None);
    }

    #[test]
    fn a_file_read_before_the_one_that_decides_is_read_again() {
        // Visits of 1–12 September only asked first and got nothing; the competitor
        // prices then show month first.
        let mut folder = FolderOrder::default();
        let visits = TableOrder {
            shown: Vec::new(),
            asked: Some(folder.lead()),
        };
        folder.add(Table::Visits, "visits.csv", &visits);
        let prices = TableOrder {
            shown: vec![shows("observed_at", DateOrder::MonthFirst, "9/16/2026")],
            asked: None,
        };
        folder.add(Table::CompetitorPrices, "prices.csv", &prices);
        let lead = Some(lead("observed_at", "prices.csv", "9/16/2026"));
        assert_eq!(folder.read_again(), Some(lead));
    }
}
