//! Visit order: the place of every visit among all visits, by date, time of day and
//! visit_id in natural order (SPEC §4.1 "ties: the larger visit_id"), worked out once per
//! model; the client lists take a client's or a vehicle's latest visit by it.

use polars::prelude::*;

use crate::model::Model;

/// The column of a visit's place in visit order.
pub const VISIT_SEQ: &str = "visit_seq";

/// The column of a visit's vehicle as a number: the vehicle's place among the model's
/// distinct vehicles in text order (UInt32, see [`text_places`]).
pub const VEHICLE_PLACE: &str = "vehicle_place";

/// The column of a visit's client as a number: the client's place among the model's
/// distinct client ids in text order (UInt32, see [`text_places`]).
pub const CLIENT_PLACE: &str = "client_place";

/// Every visit of the model, in the model's row order, with `visit_seq` (UInt32): its
/// place among all visits in visit order, and the vehicle and client as numbers
/// ([`VEHICLE_PLACE`], [`CLIENT_PLACE`]), by which the client lists group and join
/// visits instead of by their texts. Visit order is the order a manager reads the repair orders
/// of a day in: by date; then by the time of day of `opened_at` (a visit without one
/// counts as opened at 0:00, before the day's visits with one); then by visit_id in
/// natural order ([`visit_id_parts`]: `ЗН-000009` < `ЗН-000010`, `9` < `10`). SPEC §4.1
/// says only "ties: the larger visit_id"; compared as text, `9` was larger than `10`, so
/// the Kia of visit 9 at 09:00 was a client's latest car rather than the Lada of visit 10
/// at 12:00. Sorting by `visit_seq` is sorting by that order without comparing texts; it
/// is worked out once per model.
pub fn visits_in_order(model: &Model) -> LazyFrame {
    // The rank is worked out on the keys alone and set beside the visits' own columns,
    // which the cached frame shares with the model instead of holding a sorted copy.
    let seq = || -> PolarsResult<LazyFrame> {
        // Exports come in date order, or in date order one station after another, with
        // the ids rising: a stable sort by the opening time alone (one Int64 key) then
        // leaves the visits of one moment in id order too. Only the visits that share
        // their moment with another (every visit of a day, where the export has no times)
        // have their ids split and compared, and only where that finds one out of order
        // are they, and they alone, sorted by the ids (a sort of the chain's 1.8 M visits
        // by date and text took 0.35 s). Where every visit sharing its moment comes after
        // the one before it by the first byte their ids differ at ([`ids_rise_within_moments`]),
        // the ids are in order without being split: on the chain, whose 20 stations open
        // visits in the same minutes, 1.4 M of 1.8 M visits share their moment.
        let by_time = model
            .visits
            .clone()
            .select([col("opened_at"), col("visit_id")])
            .with_row_index(MODEL_ROW, None)
            .sort(
                ["opened_at"],
                SortMultipleOptions::default().with_maintain_order(true),
            )
            .with_row_index(PLACE, None)
            .collect()?;
        if ids_rise_within_moments(&by_time)? {
            return at_model_rows(&by_time);
        }
        let same_moment = |offset: i64| {
            col("opened_at")
                .eq_missing(col("opened_at").shift(lit(offset)))
                .fill_null(lit(false))
        };
        let tied = same_moment(1).or(same_moment(-1));
        let shared = by_time
            .clone()
            .lazy()
            .filter(tied.clone())
            .with_columns(visit_id_parts())
            .collect()?;
        let prev = |c: &str| col(c).shift(lit(1));
        let before_prev = col(ID_HEAD)
            .lt(prev(ID_HEAD))
            .or(col(ID_HEAD).eq(prev(ID_HEAD)).and(
                col(ID_NUMBER).lt(prev(ID_NUMBER)).or(col(ID_NUMBER)
                    .eq(prev(ID_NUMBER))
                    .and(col("visit_id").lt(prev("visit_id")))),
            ));
        let back = shared
            .clone()
            .lazy()
            .select([same_moment(1)
                .and(before_prev)
                .fill_null(lit(false))
                .any(true)
                .alias("back")])
            .collect()?;
        let places = if back.column("back")?.bool()?.get(0) == Some(true) {
            // The shared moments are runs of rows, in order of the moment: sorted by the
            // moment and the ids, their visits take the same places among themselves.
            let sorted = shared
                .clone()
                .lazy()
                .sort(
                    ["opened_at", ID_HEAD, ID_NUMBER, "visit_id"],
                    SortMultipleOptions::default(),
                )
                .select([col(MODEL_ROW)])
                .collect()?;
            let moved = sorted.hstack(&[shared.column(PLACE)?.clone()])?.lazy();
            let kept = by_time
                .lazy()
                .filter(tied.not())
                .select([col(MODEL_ROW), col(PLACE)]);
            concat([kept, moved], UnionArgs::default())?
        } else {
            by_time.lazy().select([col(MODEL_ROW), col(PLACE)])
        };
        at_model_rows(&places.collect()?)
    };
    let compute = || {
        let mut visits = model.visits.clone().collect()?;
        let seq = seq()?.collect()?;
        visits.with_column(seq.column(VISIT_SEQ)?.clone())?;
        // The two columns' places are found side by side: each is one thread's hashing.
        let keys = [("vehicle", VEHICLE_PLACE), ("client_id", CLIENT_PLACE)];
        let present: Vec<_> = keys
            .iter()
            .filter_map(|&(texts, places)| Some((visits.column(texts).ok()?.clone(), places)))
            .collect();
        let places = crate::parallel::map(&present, 2, |(texts, places)| {
            Ok::<_, PolarsError>(text_places(texts.str()?).with_name((*places).into()))
        });
        for column in places {
            visits.with_column(column?.into_column())?;
        }
        Ok(visits)
    };
    // Only where that failed: the same frame as one plan, which fails again with polars'
    // error where it is collected.
    let plan = || {
        model
            .visits
            .clone()
            .with_row_index(MODEL_ROW, None)
            .with_columns(visit_id_parts())
            .sort(
                ["opened_at", ID_HEAD, ID_NUMBER, "visit_id"],
                SortMultipleOptions::default(),
            )
            .with_row_index(VISIT_SEQ, None)
            .sort([MODEL_ROW], SortMultipleOptions::default())
            .drop(cols([MODEL_ROW, ID_HEAD, ID_NUMBER]))
            .with_columns([
                dense_rank("vehicle", VEHICLE_PLACE),
                dense_rank("client_id", CLIENT_PLACE),
            ])
    };
    crate::model::derived_frame(&model.derived.visits_in_order, compute, plan)
}

/// Each text's place among the distinct texts of `texts` in text order (byte order, as
/// polars sorts texts), from 0; a null stays null. Two rows share a place exactly when
/// they share a text, so grouping, joining or sorting by the places does what it does by
/// the texts, on a UInt32: a chain's 1.8 M visits name their vehicles by 17-character
/// VINs, longer than the 12 bytes a polars text view holds inline, and every group-by or
/// join on them read each text's buffer again. One hash of each text here, then a sort of
/// the distinct ones.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::text_places;
/// let texts = StringChunked::new("v".into(), [Some("XTA9"), None, Some("WVW1"), Some("XTA9")]);
/// let places: Vec<_> = text_places(&texts).iter().collect();
/// assert_eq!(places, [Some(1), None, Some(0), Some(1)]);
/// ```
pub fn text_places(texts: &StringChunked) -> UInt32Chunked {
    let mut ids: PlHashMap<&str, u32> = PlHashMap::default();
    let first_seen: Vec<Option<u32>> = texts
        .iter()
        .map(|text| {
            text.map(|t| {
                let next = ids.len() as u32;
                *ids.entry(t).or_insert(next)
            })
        })
        .collect();
    let mut distinct: Vec<(&str, u32)> = ids.into_iter().collect();
    distinct.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut place = vec![0u32; distinct.len()];
    for (p, (_, id)) in distinct.iter().enumerate() {
        place[*id as usize] = p as u32;
    }
    first_seen
        .into_iter()
        .map(|id| id.map(|id| place[id as usize]))
        .collect_ca(texts.name().clone())
}

/// Whether the visits of `by_time` (`opened_at`, `visit_id`, sorted by the moment) that
/// share their moment with the visit before them all come after it in the ids' natural
/// order ([`visit_id_parts`]), decided from the first byte where the two ids differ: in
/// both heads (the texts before their trailing digits: `ЗН-03-000001` < `ЗН-10-000001`),
/// the heads' text order is the ids'; in both trailing runs of digits of ids of one length
/// (`ЗН-000009` < `ЗН-000010`), the heads are equal and the numbers have as many digits,
/// so their text order is the numbers'. False at the first pair of another kind, or out
/// of order: the ids are then split and compared.
fn ids_rise_within_moments(by_time: &DataFrame) -> PolarsResult<bool> {
    let moments = by_time.column("opened_at")?.cast(&DataType::Int64)?;
    let moments = moments.i64()?;
    let ids = by_time.column("visit_id")?.str()?;
    let head = |x: &[u8]| x.len() - x.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let rises = |prev: &str, cur: &str| {
        let (a, b) = (prev.as_bytes(), cur.as_bytes());
        let Some(p) = a.iter().zip(b).position(|(x, y)| x != y) else {
            return false;
        };
        let (ha, hb) = (head(a), head(b));
        let in_heads = p < ha && p < hb;
        let in_numbers = a.len() == b.len() && p >= ha && p >= hb;
        a[p] < b[p] && (in_heads || in_numbers)
    };
    // Each visit against the one before it, walked in step without collecting the pairs
    // (a chain's 1.8 M made a 58 MB vector).
    let mut visits = moments.iter().zip(ids.iter());
    let Some(mut before) = visits.next() else {
        return Ok(true);
    };
    Ok(visits.all(|visit| {
        let ((m0, id0), (m1, id1)) = (before, visit);
        before = visit;
        m0 != m1 || matches!((id0, id1), (Some(p), Some(c)) if rises(p, c))
    }))
}

/// `VISIT_SEQ` in the model's row order from `places` (`MODEL_ROW`, `PLACE`: each visit's
/// row and place, the rows a permutation of the model's): each place set at its row in one
/// scatter, where sorting the 1.8 M places of a chain back by their rows took 80 ms.
fn at_model_rows(places: &DataFrame) -> PolarsResult<LazyFrame> {
    let rows = places.column(MODEL_ROW)?.cast(&IDX_DTYPE)?;
    let rows = rows.idx()?.rechunk();
    let place = places.column(PLACE)?.cast(&IDX_DTYPE)?;
    let seq = IdxCa::full(VISIT_SEQ.into(), 0, rows.len())
        .scatter(rows.cont_slice()?, place.idx()?.iter())?;
    Ok(DataFrame::new(seq.len(), vec![seq.into_column()])?.lazy())
}

/// [`text_places`] as an expression (polars' dense rank, from 0): the fallback plan's.
fn dense_rank(texts: &str, name: &str) -> Expr {
    let options = RankOptions {
        method: RankMethod::Dense,
        descending: false,
    };
    (col(texts).rank(options, None).cast(DataType::UInt32) - lit(1u32)).alias(name)
}

/// The row in the visits table of every place in visit order: `rows[seq]` is the row of
/// the visit whose `visit_seq` is `seq` (the order is a permutation of the rows, so this
/// is its inverse, set in one scatter). A group's latest visit is then the largest
/// `visit_seq` of the group and one gather, where `e.get(visit_seq.arg_max())` built a
/// list of every group's values to pick from.
pub fn rows_by_seq(model: &Model) -> PolarsResult<IdxCa> {
    let seq = visits_in_order(model).select([col(VISIT_SEQ)]).collect()?;
    let seq = seq.column(VISIT_SEQ)?.cast(&IDX_DTYPE)?;
    let seq = seq.idx()?.rechunk();
    let n = seq.len();
    let rows = (0..n as IdxSize).map(Some);
    let inverse = IdxCa::full("visit_row".into(), 0, n).scatter(seq.cont_slice()?, rows)?;
    Ok(inverse.idx()?.clone())
}

/// Working columns of [`visits_in_order`]: a visit's row in the model, its place in the
/// order, and the two parts of its id.
const MODEL_ROW: &str = "__model_row";
const PLACE: &str = "__place";
const ID_HEAD: &str = "__id_head";
const ID_NUMBER: &str = "__id_number";

/// `visit_id` split for its natural order, as `__id_head` (String: the text before the
/// trailing run of ASCII digits) and `__id_number` (UInt64: that run as a number; 0 when
/// the id ends in no digit, the largest UInt64 when the run is past it). Ids compare by
/// the head as text, then by the number, then as whole texts (`ЗН-09` < `ЗН-9`):
/// `ЗН-000009` < `ЗН-000010`, `9` < `10`, `A-9` < `A-10` < `B-1`, `ЗН` < `ЗН0`. Stripping
/// the digits off the end costs a fraction of a regular expression's match on millions
/// of ids.
fn visit_id_parts() -> [Expr; 2] {
    let [head, number] = id_parts("visit_id");
    [head.alias(ID_HEAD), number.alias(ID_NUMBER)]
}

/// The head and the trailing number of the ids of `column`, unnamed ([`visit_id_parts`]).
fn id_parts(column: &str) -> [Expr; 2] {
    let head = col(column).str().strip_chars_end(lit("0123456789"));
    let digits = col(column).str().strip_prefix(head.clone());
    let number = when(digits.clone().str().len_bytes().eq(lit(0u32)))
        .then(u64_lit(0))
        .otherwise(digits.cast(DataType::UInt64).fill_null(u64_lit(u64::MAX)));
    [head, number]
}

/// `lf` sorted by the columns `by` in turn, those of them in `ids` (visit ids) in natural
/// order ([`visit_id_parts`]: `V9` < `V10`, `ЗН-000009` < `ЗН-000010`), the others as
/// polars orders them; `options` as for [`LazyFrame::sort`]. Tables of visits sorted by
/// their ids as text listed `V10` before `V9`, as no one numbers them.
pub fn sort_by_ids(
    lf: LazyFrame,
    by: &[&str],
    ids: &[&str],
    options: SortMultipleOptions,
) -> LazyFrame {
    let keys: Vec<Expr> = by
        .iter()
        .flat_map(|&c| match ids.contains(&c) {
            true => {
                let [head, number] = id_parts(c);
                vec![
                    head.alias(format!("__{c}_head")),
                    number.alias(format!("__{c}_number")),
                    col(c),
                ]
            }
            false => vec![col(c)],
        })
        .collect();
    lf.sort_by_exprs(keys, options)
}

/// A UInt64 literal (`lit` takes an integer past i64 for an Int128).
fn u64_lit(value: u64) -> Expr {
    lit(Scalar::new(DataType::UInt64, AnyValue::UInt64(value)))
}

#[cfg(test)]
mod tests;
