//! What validation of one table gives (the accepted rows, the rejects, the money, what is
//! worth a warning) and what it needs from the tables validated before it.

use polars::prelude::*;

use super::Respelled;
use crate::schema::EnumKind;

/// The outcome of validating one table.
pub struct Validated {
    /// Accepted rows with canonical typed columns: every column the table is read with
    /// (`Table::input_columns`), of which ingest then puts the visits' times of day and
    /// the parts of clients' names into the model's columns.
    pub accepted: DataFrame,
    /// For order lines and feedback checked against the visits: the row of each accepted
    /// row's visit in the accepted visits (`visit_row`, UInt32, in the accepted rows'
    /// order).
    pub visit_rows: Option<Column>,
    /// Rejected rows: `table,file,sheet,row,column,value,reason`.
    pub rejects: DataFrame,
    /// Money (kopecks) of the table's money column over all rows read, where it parsed.
    pub money_read: Option<i64>,
    /// The same over accepted rows.
    pub money_accepted: Option<i64>,
    /// The same over rejected rows.
    pub money_rejected: Option<i64>,
    /// Order lines' and competitor prices' service codes that were written another way
    /// than in the price list and now have its spelling.
    pub respelled: Option<Respelled>,
    /// Order lines' and feedback's visit numbers that were written another way than in the
    /// visits and now have their spelling.
    pub respelled_visits: Option<Respelled>,
    /// Order lines' and feedback's bare visit numbers that took the title of the one visit
    /// they number, where the visits are named by their 1C document titles.
    pub visits_by_title: Option<Respelled>,
    /// Order lines' and feedback's visit numbers that took the visits' spelling with other
    /// leading zeros (Excel drops them from a number it opens and saves).
    pub visits_unzeroed: Option<Respelled>,
    /// Categories and channels spelled outside the vocabulary, per column.
    pub unread: Vec<Unread>,
    /// Date columns (as the user named them) whose slash dates were read month first.
    pub month_first: Vec<(String, crate::ingest::cells::MonthFirst)>,
    /// Where its dates are written both day first and month first: a column and a date of
    /// each, and how many cells of accepted rows were read each way.
    pub mixed_orders: Option<crate::ingest::cells::date_order::MixedOrders>,
    /// What its date columns show of the order of their slash dates, and what it asked of
    /// the files read before it.
    pub dates: crate::ingest::cells::TableOrder,
    /// Money columns (as the user named them) whose `12,345` cells were read as thousands.
    pub thousands: Vec<(String, crate::ingest::cells::Thousands)>,
    /// Money columns (as the user named them) with cells of more than two decimals,
    /// rounded to the kopeck.
    pub rounded: Vec<(String, crate::ingest::cells::Rounded)>,
    /// Id columns (as the user named them) whose `101.0` cells were read as `101`.
    pub dot_zero: Vec<(String, super::DotZero)>,
    /// Money columns (as the user named them) whose `1 500,00 ?` cells (a `₽` lost to
    /// Windows-1251) were read without the `?`.
    pub lost_sign: Vec<(String, crate::ingest::cells::LostSign)>,
    /// For visits: the visit ids whose rows are different visits (sorted).
    pub collided: Option<Series>,
    /// For visits: the numbers visits of several stations have, keyed by station and
    /// number (`super::chain`).
    pub shared_numbers: Option<super::SharedNumbers>,
    /// The warnings said before validation about some rows ([`super::Early`]), each
    /// counted over the accepted rows.
    pub early: Vec<super::Tally>,
}

/// What validation needs to know from tables read before this one.
#[derive(Default)]
pub struct Context {
    /// Accepted visit ids (for order lines and feedback).
    pub visit_ids: Option<DataFrame>,
    /// `service_code, category` of the accepted price list (for order lines without a category).
    pub price_categories: Option<DataFrame>,
    /// The station's own words for coded values (`[values]` of stoa.toml).
    pub values: crate::config::Values,
    /// The rows of a flat table of visits and lines that leave the visit's columns empty
    /// under the visit they continue (`__row`, and `__sheet` / `__file` where the table
    /// has them), for the order lines read from the same table (`crate::ingest::flat`).
    pub continued: Option<DataFrame>,
    /// The visit numbers that visits of several stations have (for order lines and
    /// feedback, keyed by their station as the visits are).
    pub shared_numbers: Option<super::SharedNumbers>,
    /// The station's currency (`currency` of stoa.toml): money is read in it alone.
    pub currency: crate::ingest::cells::Currency,
    /// What the files read before show of the order of their slash dates.
    pub dates: crate::ingest::cells::FolderOrder,
}

/// Spellings of a category or channel column that no vocabulary holds, for their warning.
pub struct Unread {
    /// The column as the user named it.
    pub column: String,
    /// The vocabulary.
    pub kind: EnumKind,
    /// Each spelling as written, the value it was read as, and its number of rows.
    pub spellings: Vec<(String, String, u64)>,
}
