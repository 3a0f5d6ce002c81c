//! A chain's tables numbered by station once, so that `--by-station` and `stoa split` take
//! each station's rows with an integer filter instead of finding them by their text again.

use polars::prelude::*;

use super::{in_order, key, stations, Station};
use crate::model::Model;

/// A chain's tables keyed by station once, to hand out each station's model, as
/// [`filter`](super::filter) gives it, and the model of what belongs to no station, as
/// [`without_station`](super::without_station) gives it. Each visit gets its station's number (0 for none); the
/// order lines take their visit's number by the visit's row (ingest's `line_visits`, else
/// one join), the feedback by one join, and the clients a number per station they visited.
/// A station's model is then one integer compare and one filter per table: only that
/// station's rows are copied, never the whole chain's.
pub struct Partition {
    base: Model,
    stations: Vec<Station>,
    visits: DataFrame,
    order_lines: DataFrame,
    clients: DataFrame,
    feedback: DataFrame,
    /// The station number of each row of `visits`, `order_lines`, `clients` (a client once
    /// per station visited) and `feedback`.
    visit_codes: UInt32Chunked,
    line_codes: UInt32Chunked,
    client_codes: UInt32Chunked,
    feedback_codes: UInt32Chunked,
}

/// The station number column of [`Partition`]'s lookups.
const CODE: &str = "__code";
/// The station number of an order line or feedback row whose visit is not in the visits.
const NO_VISIT: u32 = u32::MAX;

impl Partition {
    /// Key the tables of `model` by station.
    pub fn new(model: &Model) -> PolarsResult<Partition> {
        let stations = stations(model)?;
        let visits = model.visits.clone().collect()?;
        // Station number i + 1 for the i-th station, 0 for a blank one: worked out for each
        // distinct spelling of a station in the visits (a few dozen), then looked up by
        // every visit, instead of trimming and lower-casing millions of cells.
        let spellings = visits
            .column("station")?
            .as_materialized_series()
            .unique()?
            .drop_nulls();
        let spellings = spellings.str()?;
        let number_of = |raw: &str| {
            let k = key(raw);
            stations
                .iter()
                .position(|s| key(&s.name) == k)
                .map_or(0, |i| i as u32 + 1)
        };
        let numbers: Vec<u32> = spellings.iter().flatten().map(number_of).collect();
        let code = col("station")
            .replace_strict(
                lit(spellings.clone().into_series()).implode(true),
                lit(Series::new("numbers".into(), numbers)).implode(true),
                Some(lit(0u32)),
                Some(DataType::UInt32),
            )
            .fill_null(lit(0u32))
            .alias(CODE);
        let visit_codes = visits
            .clone()
            .lazy()
            .select([code])
            .collect()?
            .column(CODE)?
            .u32()?
            .rechunk()
            .into_owned();
        let order_lines = model.order_lines.clone().collect()?;
        let of_visits = |table: &DataFrame| -> PolarsResult<UInt32Chunked> {
            let numbered = numbered(&visits, "visit_id", &visit_codes)?;
            let found = table
                .select(["visit_id"])?
                .lazy()
                .join(
                    numbered.lazy(),
                    [col("visit_id")],
                    [col("visit_id")],
                    in_order(JoinType::Left),
                )
                // A row of no known visit is in no station's model, nor in what no station
                // holds (validation leaves none such).
                .select([col(CODE).fill_null(lit(NO_VISIT))])
                .collect()?;
            Ok(found.column(CODE)?.u32()?.rechunk().into_owned())
        };
        let line_codes = match model.line_visits() {
            Some(rows) if rows.len() == order_lines.height() && rows.null_count() == 0 => {
                visit_codes.take(rows.cast(&IDX_DTYPE)?.idx()?)?
            }
            _ => of_visits(&order_lines)?,
        };
        let feedback = model.feedback.clone().collect()?;
        let feedback_codes = of_visits(&feedback)?;
        // A client is in the model of every station they visited (one row for each); a
        // client with no visit at all is in no station's.
        let visited = numbered(&visits, "client_id", &visit_codes)?.unique_stable(
            None,
            UniqueKeepStrategy::First,
            None,
        )?;
        let clients = model
            .clients
            .clone()
            .join(
                visited.lazy(),
                [col("client_id")],
                [col("client_id")],
                in_order(JoinType::Left),
            )
            .with_column(col(CODE).fill_null(lit(0u32)))
            .collect()?;
        let client_codes = clients.column(CODE)?.u32()?.rechunk().into_owned();
        let clients = clients.drop(CODE)?;
        Ok(Partition {
            base: model.clone(),
            stations,
            visits,
            order_lines,
            clients,
            feedback,
            visit_codes,
            line_codes,
            client_codes,
            feedback_codes,
        })
    }

    /// The stations, as [`stations`] finds them.
    pub fn stations(&self) -> &[Station] {
        &self.stations
    }

    /// The model of a station, or of what belongs to no station (`None`).
    pub fn model(&self, station: Option<&Station>) -> PolarsResult<Model> {
        let number = match station {
            Some(s) => self
                .stations
                .iter()
                .position(|t| key(&t.name) == key(&s.name))
                .map(|i| i as u32 + 1),
            None => Some(0),
        };
        let take = |df: &DataFrame, codes: &UInt32Chunked| -> PolarsResult<LazyFrame> {
            Ok(match number {
                Some(n) => df.filter(&codes.equal(n))?,
                // Not a station of the chain: nothing of it.
                None => df.clear(),
            }
            .lazy())
        };
        Ok(Model {
            visits: take(&self.visits, &self.visit_codes)?,
            order_lines: take(&self.order_lines, &self.line_codes)?,
            clients: take(&self.clients, &self.client_codes)?,
            feedback: take(&self.feedback, &self.feedback_codes)?,
            derived: Default::default(),
            ..self.base.clone()
        })
    }
}

/// The `column` of the visits beside each visit's station number (`CODE`).
fn numbered(visits: &DataFrame, column: &str, codes: &UInt32Chunked) -> PolarsResult<DataFrame> {
    let mut out = visits.select([column])?;
    out.with_column(
        codes
            .clone()
            .into_series()
            .with_name(CODE.into())
            .into_column(),
    )?;
    Ok(out)
}
