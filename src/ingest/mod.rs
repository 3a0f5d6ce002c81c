//! Ingest: find the input files, read them (xlsx/xls/ods/csv/parquet), match headers,
//! parse cells, validate, and account for every row. Produces the typed [`Model`].

use polars::prelude::*;
use serde::Serialize;

use crate::model::Model;

/// The accounting of one input table (SPEC §5.1 `inputs`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InputReport {
    /// Table name.
    pub table: String,
    /// File path as found.
    pub path: String,
    /// Sheet of a workbook, absent for CSV / Parquet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Data rows read (blank rows, title rows and the total row excluded).
    pub rows_read: u64,
    /// Rows accepted into the model.
    pub rows_accepted: u64,
    /// Rows rejected (each is in the rejects table).
    pub rows_rejected: u64,
    /// For a table read from a folder of files, each file's accounting, in name order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileInput>,
    /// For a table read from several sheets of a workbook, each sheet's accounting, in the
    /// workbook's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetInput>,
    /// Total of the table's money column over all rows read, where it parsed (currency units).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_read: Option<f64>,
    /// The same over accepted rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_accepted: Option<f64>,
    /// The same over rejected rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_rejected: Option<f64>,
}

/// A survivable problem: the rows stay in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    /// Table the warning is about.
    pub table: String,
    /// Number of rows concerned.
    pub rows: u64,
    /// A sentence saying what is wrong and what it means.
    pub message: String,
}

impl Warning {
    /// Whether the person who runs the report should see this warning on the terminal, not
    /// only among the report's warnings: a column read by the first words of its header,
    /// order lines whose amounts may overstate the revenue, dates or money read in
    /// another locale's way, visits' times of day read from a column of their own or
    /// missing from every visit, a header of two rows read as one, and the first of
    /// several same-named columns read (two «Сумма» of which the first was the discount's
    /// made the revenue the sum of the discounts), and money read scaled from kopecks or
    /// thousands of roubles, a hidden column passed over for one in view of its name, and
    /// a money column headed in roubles at a station whose books are in another currency.
    pub fn is_for_the_terminal(&self) -> bool {
        [
            reasons::LOOSE_HEADER,
            reasons::SAME_NAMED_CELLS,
            reasons::GROSS_AMOUNTS,
            reasons::REPEATED_LINES,
            reasons::MONTH_FIRST,
            reasons::MONTH_FIRST_BY_REJECTED,
            reasons::DOCUMENT_TITLES,
            reasons::MERGED_CELLS,
            reasons::UNSAVED_FORMULAS,
            reasons::SHEETS_READ,
            reasons::HIDDEN_SHEETS,
            reasons::SCIENTIFIC,
            reasons::VEHICLE_SPLIT,
            reasons::TIMES_JOINED,
            reasons::NO_TIME_OF_DAY,
            reasons::GROUPED_LINES,
            reasons::GROUP_SUBTOTALS,
            reasons::GROUPS_REFUSED,
            reasons::THOUSANDS_MARK,
            reasons::SUB_KOPECK,
            reasons::THOUSANDS_MARK_NUMBER,
            reasons::JOINED_HEADER,
            reasons::SUBTOTALS,
            reasons::BELOW_TOTAL,
            reasons::AMOUNTS_FROM_PRICES,
            reasons::AMOUNTS_FROM_PERCENT,
            reasons::AMOUNTS_FROM_GROSS,
            reasons::AMOUNTS_GROSS_ONLY,
            reasons::STRAY_HEAD,
            reasons::UNREAD_KIND,
            reasons::SCALED_MONEY,
            reasons::SCALED_KM,
            reasons::MONTH_FIRST_FOLLOWED,
            reasons::MONTH_FIRST_FOLLOWED_BY_REJECTED,
            reasons::DATES_MIXED,
            reasons::MONTH_FIRST_CONFLICT,
            reasons::FOOTER,
            reasons::REPEATED_EXPORT,
            reasons::HIDDEN_COLUMN,
            reasons::HEADER_ROUBLES,
        ]
        .iter()
        .any(|t| reasons::parse(t, &self.message).is_some())
    }
}

/// Everything ingest learned: the model, the accounting, the rejects and the warnings.
pub struct Ingested {
    /// The typed model.
    pub model: Model,
    /// One report per table found, in `Table::ALL` order.
    pub inputs: Vec<InputReport>,
    /// Every rejected row: `table,file,sheet,row,column,value,reason` (SPEC §5.1), sorted
    /// by table order, file, sheet, row.
    pub rejects: DataFrame,
    /// Survivable problems.
    pub warnings: Vec<Warning>,
    /// Visits whose mistyped years end the data (among the warnings too), which the
    /// report's default month leaves out.
    pub stray: Option<crate::analytics::period::StrayTail>,
}

pub mod accounting;
pub mod amounts;
mod before;
pub mod cells;
pub mod compact;
mod derive;
mod error;
pub mod flat;
pub mod groups;
pub mod header;
mod load;
pub mod locate;
pub mod losses;
pub mod names;
pub mod normalize;
pub mod overlap;
mod parallel;
pub mod read;
pub mod reasons;
mod rejected_visits;
mod rejects;
mod repeated_header;
pub mod times;
pub mod titles;
pub mod validate;
pub mod vehicle;
mod warnings;

pub use accounting::{FileInput, SheetInput};
pub use derive::{derive_visits, percent_commissions, percent_discounts, zero_intervals};
pub use error::{
    IngestError, Lacking, MISSING_COLUMN, MISSING_COLUMNS, SHEET_LACKS_COLUMN, SHEET_LACKS_COLUMNS,
};
pub use load::load;
pub use rejects::rejects_frame;

/// A text column of a frame as its values, for the tests beside the code.
#[cfg(test)]
pub(crate) fn texts_of<'a>(df: &'a DataFrame, column: &str) -> Vec<Option<&'a str>> {
    df.column(column)
        .expect("the column is there")
        .str()
        .expect("a text column")
        .iter()
        .collect()
}
