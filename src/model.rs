//! The typed model: every input table as a polars `LazyFrame` with canonical column names
//! and dtypes. This is the API that the analytics consume; `docs/data-model.md` describes it.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use polars::prelude::*;

use crate::schema::Table;

/// All input tables, typed and validated. Optional tables that were not supplied are empty
/// frames with the full schema, so analytics never branch on presence unless they want to
/// (see [`Model::has`]).
#[derive(Clone)]
pub struct Model {
    /// Visits (one row per repair order); see `docs/data-model.md` for the derived columns
    /// `date`, `vehicle` and `domestic`.
    pub visits: LazyFrame,
    /// Order lines; `category` is always filled (from the price list when missing).
    pub order_lines: LazyFrame,
    /// Clients.
    pub clients: LazyFrame,
    /// Our price list.
    pub price_list: LazyFrame,
    /// Competitor price observations.
    pub competitor_prices: LazyFrame,
    /// Feedback scores.
    pub feedback: LazyFrame,
    /// Agents who bring clients for a commission.
    pub agents: LazyFrame,
    /// The tables that were actually supplied.
    pub present: BTreeSet<Table>,
    /// Figures derived from the tables, computed on first use and shared by every clone
    /// of this model; replacing a table with [`Model::with`] (or building a station's
    /// model) starts afresh. Assigning a table field directly does not: use `with`.
    pub(crate) derived: Derived,
}

/// What several report sections derive from the same tables, computed once per model.
#[derive(Clone, Default)]
pub(crate) struct Derived {
    /// Revenue per visit, one value per row of the visits table (see
    /// `analytics::clients::visit_revenue`): adding up millions of order lines by visit
    /// is among the dearest steps of the client sections, and four of them need it.
    pub(crate) visit_revenue: Arc<OnceLock<Result<DataFrame, String>>>,
    /// The order lines with the date of their done visit (see
    /// `analytics::management::facts::dated_lines`): joining millions of lines to the
    /// visits for their date was a step of five sections and a chart.
    pub(crate) dated_lines: Arc<OnceLock<Result<DataFrame, String>>>,
    /// Every visit with its place in visit order (see
    /// `analytics::clients::visits_in_order`): the client lists took their latest visits
    /// by sorting hundreds of thousands of visits by date and text visit_id, each list
    /// again.
    pub(crate) visits_in_order: Arc<OnceLock<Result<DataFrame, String>>>,
    /// The visit days of every client up to an as-of date, with their revenue (see
    /// `analytics::clients::client_days`), for the as-of date it was computed for.
    pub(crate) client_days: AsOfCell,
    /// The months of every client's visit days up to an as-of date (see
    /// `analytics::clients::client_months`): cohorts, 12-month retention and activity
    /// each took the month of 1.7 M client days on a chain.
    pub(crate) client_months: AsOfCell,
    /// Every client's latest visit up to an as-of date (see
    /// `analytics::clients::latest_of_clients`): the loyalty table and three mail-merge
    /// lists each grouped the visits by client for it.
    pub(crate) latest_of_clients: AsOfCell,
    /// Every vehicle's latest visit up to an as-of date, with its label and owner (see
    /// `analytics::clients::latest_of_vehicles`): five mail-merge lists and the reminders
    /// each grouped the visits by vehicle for it.
    pub(crate) latest_of_vehicles: AsOfCell,
    /// Each distinct spelling of the visits' `station` with its matching key (see
    /// `stations::key_lookup`): the chain's feedback scales keyed millions of visits by
    /// station with a regex and lower-casing, three times a report.
    pub(crate) station_keys: Arc<OnceLock<Result<DataFrame, String>>>,
    /// The feedback scores of each scale group month by month up to an as-of date (see
    /// `analytics::management::feedback`): the management section and two of the month's
    /// warnings each joined every done visit to the scores for them.
    pub(crate) feedback_months: AsOfCell,
    /// The row in the visits table of every order line's visit (`visit_row`, UInt32, in
    /// the lines' order), as ingest found it when it checked that each line has a visit;
    /// [`analytics::management::facts::dated_lines`](crate::analytics::management::facts::dated_lines)
    /// takes the lines' dates from it instead of joining them to the visits again.
    pub(crate) line_visits: Option<Column>,
    /// The row in the visits table of every feedback score's visit, as ingest found it
    /// (see [`Model::with_feedback_visits`]): the feedback scales read their scores'
    /// visits by it instead of joining every score to the visits by the text visit_id.
    pub(crate) feedback_visits: Option<Column>,
}

/// A derived frame that holds for one as-of date: the date it was computed for, and the
/// frame or why it failed.
pub(crate) type AsOfCell = Arc<OnceLock<(chrono::NaiveDate, Result<DataFrame, String>)>>;

/// The frame derived for `as_of`: the one held in `cell`, computed with `compute` on first
/// use; computed afresh (uncached) when the cell holds another as-of date, or when the
/// first computation failed (failing again, with polars' error).
pub(crate) fn derived_as_of(
    cell: &OnceLock<(chrono::NaiveDate, Result<DataFrame, String>)>,
    as_of: chrono::NaiveDate,
    compute: impl Fn() -> PolarsResult<DataFrame>,
) -> PolarsResult<DataFrame> {
    let (cached_as_of, cached) = cell.get_or_init(|| (as_of, compute().map_err(|e| e.to_string())));
    match cached {
        Ok(df) if *cached_as_of == as_of => Ok(df.clone()),
        _ => compute(),
    }
}

/// A derived frame held in `cell`: computed with `compute` on first use and shared by every
/// clone of the model. When that failed, the lazy `plan` stands in, which fails again where
/// it is collected, with polars' error.
pub(crate) fn derived_frame(
    cell: &OnceLock<Result<DataFrame, String>>,
    compute: impl FnOnce() -> PolarsResult<DataFrame>,
    plan: impl FnOnce() -> LazyFrame,
) -> LazyFrame {
    match cell.get_or_init(|| compute().map_err(|e| e.to_string())) {
        Ok(df) => df.clone().lazy(),
        Err(_) => plan(),
    }
}

impl Model {
    /// Whether a table was supplied (an absent optional table is an empty frame).
    pub fn has(&self, table: Table) -> bool {
        self.present.contains(&table)
    }

    /// The frame of a table.
    pub fn table(&self, table: Table) -> &LazyFrame {
        match table {
            Table::Visits => &self.visits,
            Table::OrderLines => &self.order_lines,
            Table::Clients => &self.clients,
            Table::PriceList => &self.price_list,
            Table::CompetitorPrices => &self.competitor_prices,
            Table::Feedback => &self.feedback,
            Table::Agents => &self.agents,
        }
    }

    /// A model with every table empty; tests and callers fill in what they need with
    /// [`Model::with`].
    ///
    /// ```
    /// use stoa::model::Model;
    /// use stoa::schema::Table;
    /// let m = Model::empty();
    /// let n = m.visits.clone().collect().unwrap().height();
    /// assert_eq!(n, 0);
    /// assert!(!m.has(Table::Visits));
    /// ```
    pub fn empty() -> Model {
        Model {
            visits: empty_frame(Table::Visits).lazy(),
            order_lines: empty_frame(Table::OrderLines).lazy(),
            clients: empty_frame(Table::Clients).lazy(),
            price_list: empty_frame(Table::PriceList).lazy(),
            competitor_prices: empty_frame(Table::CompetitorPrices).lazy(),
            feedback: empty_frame(Table::Feedback).lazy(),
            agents: empty_frame(Table::Agents).lazy(),
            present: BTreeSet::new(),
            derived: Derived::default(),
        }
    }

    /// Replace one table and mark it present.
    pub fn with(mut self, table: Table, frame: LazyFrame) -> Model {
        match table {
            Table::Visits => self.visits = frame,
            Table::OrderLines => self.order_lines = frame,
            Table::Clients => self.clients = frame,
            Table::PriceList => self.price_list = frame,
            Table::CompetitorPrices => self.competitor_prices = frame,
            Table::Feedback => self.feedback = frame,
            Table::Agents => self.agents = frame,
        }
        self.present.insert(table);
        self.derived = Derived::default();
        self
    }

    /// Replace one table with a frame of the same rows in the same order (the same values
    /// stored differently, as `ingest::compact` does): what was derived is forgotten as by
    /// [`Model::with`], except which visit each order line belongs to, which only depends
    /// on the rows.
    ///
    /// ```
    /// use polars::prelude::*;
    /// use stoa::model::Model;
    /// use stoa::schema::Table;
    /// let rows = Series::new("visit_row".into(), [0u32]).into_column();
    /// let m = Model::empty().with_line_visits(rows);
    /// let lines = m.order_lines.clone();
    /// // The same rows, stored anew: the lines still know their visits.
    /// assert!(m.clone().with_same_rows(Table::OrderLines, lines.clone()).line_visits().is_some());
    /// // Another table: they do not.
    /// assert!(m.with(Table::OrderLines, lines).line_visits().is_none());
    /// ```
    pub fn with_same_rows(self, table: Table, frame: LazyFrame) -> Model {
        let line_visits = self.derived.line_visits.clone();
        let feedback_visits = self.derived.feedback_visits.clone();
        let mut model = self.with(table, frame);
        model.derived.line_visits = line_visits;
        model.derived.feedback_visits = feedback_visits;
        model
    }

    /// The model with the row of each order line's visit in the visits table (`visit_row`,
    /// UInt32, one per line in the lines' order), as ingest found it. The lines' dates
    /// are then gathered from these rows rather than found by joining the lines to the
    /// visits; rows whose number differs from the lines' are not used.
    ///
    /// ```
    /// use polars::prelude::*;
    /// use stoa::model::Model;
    /// let rows = Series::new("visit_row".into(), [0u32, 0, 1]).into_column();
    /// let m = Model::empty().with_line_visits(rows);
    /// assert_eq!(m.line_visits().map(|r| r.len()), Some(3));
    /// ```
    pub fn with_line_visits(mut self, rows: Column) -> Model {
        self.derived.line_visits = Some(rows);
        self
    }

    /// The model with the row of each feedback score's visit in the visits table
    /// (`visit_row`, UInt32, one per score in the feedback's order), as ingest found it;
    /// rows whose number differs from the scores' are not used.
    ///
    /// ```
    /// use polars::prelude::*;
    /// use stoa::model::Model;
    /// let rows = Series::new("visit_row".into(), [1u32, 0]).into_column();
    /// let m = Model::empty().with_feedback_visits(rows);
    /// assert_eq!(m.feedback_visits().map(|r| r.len()), Some(2));
    /// ```
    pub fn with_feedback_visits(mut self, rows: Column) -> Model {
        self.derived.feedback_visits = Some(rows);
        self
    }

    /// The row of each feedback score's visit (see [`Model::with_feedback_visits`]), when
    /// ingest gave it for these tables.
    pub fn feedback_visits(&self) -> Option<&Column> {
        self.derived.feedback_visits.as_ref()
    }

    /// The row of each order line's visit (see [`Model::with_line_visits`]), when ingest
    /// gave it for these tables.
    pub fn line_visits(&self) -> Option<&Column> {
        self.derived.line_visits.as_ref()
    }
}

/// The schema of a table in the typed model: its canonical columns plus the derived ones.
///
/// ```
/// use polars::prelude::DataType;
/// use stoa::schema::Table;
/// let s = stoa::model::schema(Table::OrderLines);
/// assert_eq!(s.get("amount"), Some(&DataType::Int64)); // kopecks
/// ```
pub fn schema(table: Table) -> Schema {
    let mut s: Schema = table
        .columns()
        .iter()
        .map(|c| Field::new(c.name.into(), c.kind.dtype()))
        .collect();
    if table == Table::Visits {
        s.with_column("date".into(), DataType::Date);
        s.with_column("vehicle".into(), DataType::String);
        s.with_column("domestic".into(), DataType::Boolean);
    }
    s
}

/// An empty frame with the model's schema for a table.
pub fn empty_frame(table: Table) -> DataFrame {
    DataFrame::empty_with_schema(&schema(table))
}

/// Money in the model is integer kopecks; this is the expression that turns a money
/// column (or any kopeck expression) into currency units for output, exactly: the
/// nearest Float64 to the decimal amount, so `123456` prints as `1234.56`. (polars turns
/// a division by a constant into a multiplication by its reciprocal, which is off in the
/// last digit for about one value in seven; dividing by a column is a true division.)
///
/// ```
/// use polars::prelude::*;
/// let df = df!("amount" => [123_450i64, 123_456]).unwrap();
/// let out = df.lazy().select([stoa::model::rub(col("amount"))]).collect().unwrap();
/// let v: Vec<_> = out.column("amount").unwrap().f64().unwrap().iter().collect();
/// assert_eq!(v, [Some(1234.5), Some(1234.56)]);
/// ```
pub fn rub(kopecks: Expr) -> Expr {
    let k = kopecks.cast(DataType::Float64);
    k.clone() / (k * lit(0.0) + lit(100.0))
}

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Whether a millisecond datetime has no time of day (exactly 0:00): what a cell of a date
/// alone reads as. Exports write a promise or a closing as a date alone, and 0:00 of that
/// day is not the moment meant.
///
/// ```
/// use polars::prelude::*;
/// let df = df!("t" => [86_400_000i64, 86_400_000 + 3_600_000]).unwrap();
/// let out = df.lazy().select([stoa::model::date_only(col("t"))]).collect().unwrap();
/// let v: Vec<_> = out.column("t").unwrap().bool().unwrap().iter().collect();
/// assert_eq!(v, [Some(true), Some(false)]);
/// ```
pub fn date_only(datetime: Expr) -> Expr {
    (datetime.cast(DataType::Int64) % lit(DAY_MS)).eq(lit(0i64))
}

/// The sum of an hours (or other decimal) column, the same on every run: the values are
/// summed as integer thousandths, because a parallel float sum adds in a different order
/// each time and differs in the last digit (`29.6` vs `29.599999999999998`).
///
/// ```
/// use polars::prelude::*;
/// let df = df!("h" => [0.1f64, 0.2, 0.3]).unwrap();
/// let out = df.lazy().select([stoa::model::hours_sum(col("h"))]).collect().unwrap();
/// assert_eq!(out.column("h").unwrap().f64().unwrap().get(0), Some(0.6));
/// ```
pub fn hours_sum(hours: Expr) -> Expr {
    from_milli(milli(hours).sum())
}

/// Whether any order line has its norm hours. An export without the column, or with it
/// empty in every row, has none: the bay load, hours per visit and the norm hours of
/// demand and mechanics are then unknown, not zero (a manager read 0 % load as "the
/// workshop stood empty").
///
/// ```
/// use polars::prelude::*;
/// use stoa::model::{norm_hours_known, Model};
/// use stoa::schema::Table;
/// let lines = |h: Vec<Option<f64>>| df!("norm_hours" => h).unwrap().lazy();
/// let m = Model::empty().with(Table::OrderLines, lines(vec![None, Some(1.5)]));
/// assert!(norm_hours_known(&m).unwrap());
/// let m = Model::empty().with(Table::OrderLines, lines(vec![None, None]));
/// assert!(!norm_hours_known(&m).unwrap());
/// ```
pub fn norm_hours_known(model: &Model) -> PolarsResult<bool> {
    let out = model
        .order_lines
        .clone()
        .select([col("norm_hours").is_not_null().any(true).alias("known")])
        .collect()?;
    Ok(out.column("known")?.bool()?.get(0) == Some(true))
}

/// `df` with `columns` emptied (Float64 nulls) where the norm hours are not `known`
/// ([`norm_hours_known`]); unchanged otherwise.
///
/// ```
/// use polars::prelude::*;
/// let df = df!("week" => ["2026-W01"], "load" => [0.0]).unwrap();
/// let out = stoa::model::hours_unknown(df.clone(), false, &["load"]).unwrap();
/// assert_eq!(out.column("load").unwrap().null_count(), 1);
/// assert!(stoa::model::hours_unknown(df.clone(), true, &["load"]).unwrap().equals(&df));
/// ```
pub fn hours_unknown(df: DataFrame, known: bool, columns: &[&str]) -> PolarsResult<DataFrame> {
    if known {
        return Ok(df);
    }
    let empty: Vec<Expr> = columns
        .iter()
        .map(|c| lit(NULL).cast(DataType::Float64).alias(*c))
        .collect();
    df.lazy().with_columns(empty).collect()
}

/// An hours (or other decimal) value as integer thousandths (Int64), rounded half away
/// from zero: what [`hours_sum`] adds. Sums of these can be added up again exactly (by
/// day, then by month) before [`from_milli`] turns the total back into hours.
///
/// ```
/// use polars::prelude::*;
/// use stoa::model::{from_milli, milli};
/// let df = df!("h" => [0.1f64, 0.2, 1.0005]).unwrap();
/// let out = df.lazy().select([
///     milli(col("h")).alias("m"),
///     from_milli(milli(col("h")).sum()).alias("total"),
/// ]).collect().unwrap();
/// let m: Vec<_> = out.column("m").unwrap().i64().unwrap().iter().collect();
/// assert_eq!(m, [Some(100), Some(200), Some(1001)]);
/// assert_eq!(out.column("total").unwrap().f64().unwrap().get(0), Some(1.301));
/// ```
pub fn milli(hours: Expr) -> Expr {
    (hours.cast(DataType::Float64) * lit(1000.0))
        .round(0, RoundMode::HalfAwayFromZero)
        .cast(DataType::Int64)
}

/// Integer thousandths ([`milli`]) back to a decimal value.
pub fn from_milli(milli: Expr) -> Expr {
    let m = milli.cast(DataType::Float64);
    m.clone() / (m * lit(0.0) + lit(1000.0))
}

/// An hours (or other decimal) figure to the thousandth, the precision norm hours are kept
/// to ([`milli`]), as the nearest float to that decimal: a quotient or a product of hours
/// (`2.1 / 3`, `3 × 10.7`) is off in its last binary digit and was written so
/// (`0.7000000000000001`, `32.099999999999994`) in the tables, the workbook and the page.
///
/// ```
/// use polars::prelude::*;
/// let df = df!("h" => [2.1f64 / 3.0, 3.0 * 10.7, 2.0 / 3.0]).unwrap();
/// let out = df.lazy().select([stoa::model::thousandths(col("h"))]).collect().unwrap();
/// let v: Vec<_> = out.column("h").unwrap().f64().unwrap().iter().collect();
/// assert_eq!(v, [Some(0.7), Some(32.1), Some(0.667)]);
/// ```
pub fn thousandths(value: Expr) -> Expr {
    from_milli(milli(value))
}
