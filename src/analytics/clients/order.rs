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
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};
    use crate::analytics::clients::visits_upto;
    use crate::analytics::management::testdata::{ms, typed};
    use crate::schema::Table;

    #[test]
    fn ids_of_one_moment_rise_when_their_first_difference_says_so_in_natural_order() {
        let rise = |ids: &[&str], moments: &[Option<i64>]| {
            let df = df!("opened_at" => moments, "visit_id" => ids).unwrap();
            ids_rise_within_moments(&df).unwrap()
        };
        let one = [Some(1), Some(1)];
        // Different heads, and numbers of one length.
        assert!(rise(&["ЗН-03-000001", "ЗН-10-000001"], &one));
        assert!(rise(&["ЗН-000009", "ЗН-000010"], &one));
        // Out of order, or not decidable from the first difference: split and compared.
        assert!(!rise(&["ЗН-000010", "ЗН-000009"], &one));
        assert!(!rise(&["9", "10"], &one));
        // `a-1` has the head `a-`, `a11` the head `a`: naturally `a11` comes first,
        // though `-` is below `1` as a byte.
        assert!(!rise(&["a-1", "a11"], &one));
        // Other moments are not compared; visits without a time share theirs.
        assert!(rise(&["ЗН-10", "ЗН-9"], &[Some(1), Some(2)]));
        assert!(!rise(&["ЗН-10", "ЗН-09"], &[None, None]));
    }

    /// A model of done visits given as (visit_id, `YYYY-MM-DD HH:MM`), one client.
    fn timed(visits: &[(&str, &str)]) -> Model {
        let v = df!(
            "visit_id" => visits.iter().map(|v| v.0).collect::<Vec<_>>(),
            "opened_at" => visits.iter().map(|v| ms(v.1)).collect::<Vec<_>>(),
            "client_id" => visits.iter().map(|_| "K").collect::<Vec<_>>(),
            "status" => visits.iter().map(|_| "done").collect::<Vec<_>>(),
        )
        .unwrap();
        Model::empty().with(Table::Visits, typed(Table::Visits, v))
    }

    /// The ids in visit order.
    fn in_order(m: &Model) -> Vec<String> {
        let order = visits_in_order(m)
            .sort([VISIT_SEQ], SortMultipleOptions::default())
            .select([col("visit_id")])
            .collect()
            .unwrap();
        let ids = order.column("visit_id").unwrap().str().unwrap();
        ids.iter().map(|s| s.unwrap().to_string()).collect()
    }

    /// V2 a day after V9 and V10, which share a day and a time.
    fn v2_v9_v10() -> Model {
        model(
            &[
                ("V2", "2026-01-02", "K", "X", "Kia", None),
                ("V9", "2026-01-01", "K", "X", "Kia", None),
                ("V10", "2026-01-01", "L", "Y", "Kia", None),
            ],
            &[],
            &[],
            &[],
        )
    }

    #[test]
    fn visit_order_is_by_date_then_the_larger_visit_id_as_a_number_and_keeps_the_model_rows() {
        // V10 and V9 share a day and a time: V10 is the larger id (10 > 9, though as text
        // "V10" < "V9"), so V10 is the later of the two.
        let m = v2_v9_v10();
        let order = visits_in_order(&m)
            .select([col("visit_id"), col(VISIT_SEQ)])
            .collect()
            .unwrap();
        assert_eq!(csv(&order), "visit_id,visit_seq\nV2,2\nV9,0\nV10,1\n");
        let latest = visits_upto(&m, period(2026, 1).as_of)
            .sort([VISIT_SEQ], SortMultipleOptions::default())
            .select([col("visit_id")])
            .collect()
            .unwrap();
        assert_eq!(csv(&latest), "visit_id\nV9\nV10\nV2\n");
    }

    #[test]
    fn rows_by_seq_gives_the_row_of_each_place_in_visit_order() {
        // Rows V2, V9, V10 take places 2, 0, 1 (see the test above): place 0 is row 1
        // (V9), place 1 row 2 (V10), place 2 row 0 (V2).
        let m = v2_v9_v10();
        let rows: Vec<Option<IdxSize>> = rows_by_seq(&m).unwrap().iter().collect();
        assert_eq!(rows, [Some(1), Some(2), Some(0)]);
    }

    #[test]
    fn regression_same_day_visits_9_and_10_are_ordered_by_time_then_by_number() {
        // The tester's day: 9 at 09:00, 10 at 12:00 → 9, 10. Then the time decides against
        // the ids (20 at 08:00 before 3 at 11:00), and a visit without a time of day
        // (0:00) comes first on its day; the ids decide only at one moment.
        let m = timed(&[
            ("10", "2026-03-20 12:00"),
            ("9", "2026-03-20 09:00"),
            ("3", "2026-03-21 11:00"),
            ("20", "2026-03-21 08:00"),
            ("7", "2026-03-21 00:00"),
            ("12", "2026-03-22 00:00"),
            ("11", "2026-03-22 00:00"),
            ("100", "2026-03-22 00:00"),
        ]);
        assert_eq!(in_order(&m), ["9", "10", "7", "20", "3", "11", "12", "100"]);
    }

    #[test]
    fn visit_ids_of_one_moment_go_by_their_text_then_their_trailing_number() {
        // Worked by hand, head (text before the trailing digits) first, then the number,
        // then the whole text: "" < "A-" < "B-" < "ЗН" < "ЗН-"; under "ЗН-": 9 (ЗН-09
        // before ЗН-9 as text), 9 (ЗН-000009), 10; a run past UInt64 after every number.
        let ids = [
            "ЗН-000010",
            "B-1",
            "ЗН-9",
            "A-10",
            "ЗН0",
            "10",
            "ЗН-99999999999999999999999",
            "A-9",
            "ЗН",
            "ЗН-000009",
            "9",
            "ЗН-09",
        ];
        let rows: Vec<_> = ids.iter().map(|id| (*id, "2026-03-20 10:00")).collect();
        assert_eq!(
            in_order(&timed(&rows)),
            [
                "9",
                "10",
                "A-9",
                "A-10",
                "B-1",
                "ЗН",
                "ЗН0",
                "ЗН-000009",
                "ЗН-09",
                "ЗН-9",
                "ЗН-000010",
                "ЗН-99999999999999999999999",
            ]
        );
    }

    #[test]
    fn visits_in_date_order_station_by_station_take_their_order_without_sorting_ids() {
        // Two stations one after the other, each in date order with rising ids: sorted by
        // the opening time alone, each moment's visits are already in id order (A-1 < B-1
        // < B-2; 9 < 10 as numbers, though not as text).
        let m = model(
            &[
                ("A-1", "2026-01-01", "K", "X", "Kia", None),
                ("A-2", "2026-01-03", "K", "X", "Kia", None),
                ("B-1", "2026-01-01", "L", "Y", "Kia", None),
                ("B-2", "2026-01-01", "L", "Y", "Kia", None),
                ("B-3", "2026-01-02", "L", "Y", "Kia", None),
                ("9", "2026-01-04", "L", "Y", "Kia", None),
                ("10", "2026-01-04", "L", "Y", "Kia", None),
            ],
            &[],
            &[],
            &[],
        );
        let order = visits_in_order(&m)
            .select([col("visit_id"), col(VISIT_SEQ)])
            .collect()
            .unwrap();
        assert_eq!(
            csv(&order),
            "visit_id,visit_seq\nA-1,0\nA-2,4\nB-1,1\nB-2,2\nB-3,3\n9,5\n10,6\n"
        );
    }

    #[test]
    fn a_table_sorted_by_ids_takes_them_in_natural_order_after_the_keys_before_them() {
        // By day, then id: on the 1st 9 < 10 < V9 < V10 (heads "" < "V"); on the 2nd ЗН-000009
        // < ЗН-000010; an empty id last, as the options say. The code column is text.
        let df = df!(
            "day" => [2, 1, 1, 2, 1, 1, 1],
            "visit_id" => [Some("ЗН-000010"), Some("V10"), Some("10"), Some("ЗН-000009"), None, Some("V9"), Some("9")],
            "code" => ["b", "a", "c", "a", "z", "b", "a"],
        )
        .unwrap();
        let options = SortMultipleOptions::default().with_nulls_last(true);
        let sorted = sort_by_ids(df.lazy(), &["day", "visit_id"], &["visit_id"], options)
            .collect()
            .unwrap();
        assert_eq!(
            csv(&sorted),
            "day,visit_id,code\n1,9,a\n1,10,c\n1,V9,b\n1,V10,a\n1,,z\n2,ЗН-000009,a\n2,ЗН-000010,b\n"
        );
    }

    #[test]
    fn only_the_visits_of_a_shared_moment_move_when_their_ids_are_out_of_order() {
        // Times all differ but at 10:00 on the 2nd: the two there swap, the rest keep
        // their places by time, whatever their ids.
        let m = timed(&[
            ("5", "2026-01-01 09:00"),
            ("4", "2026-01-01 11:00"),
            ("31", "2026-01-02 10:00"),
            ("30", "2026-01-02 10:00"),
            ("1", "2026-01-03 08:00"),
        ]);
        let order = visits_in_order(&m)
            .select([col("visit_id"), col(VISIT_SEQ)])
            .collect()
            .unwrap();
        assert_eq!(
            csv(&order),
            "visit_id,visit_seq\n5,0\n4,1\n31,3\n30,2\n1,4\n"
        );
    }

    #[test]
    fn text_places_are_polars_dense_ranks_of_the_texts() {
        // Long VINs (past the 12 bytes polars keeps inline) that differ only at the end,
        // Cyrillic (sorted by bytes, as polars sorts: after Latin), a repeat and nulls:
        // K10 0, K9 1, …431 2, …432 3, Х123АВ 4.
        let texts = [
            Some("XTA210990Y2765432"),
            None,
            Some("XTA210990Y2765431"),
            Some("Х123АВ|LADA"),
            Some("K10"),
            Some("XTA210990Y2765432"),
            Some("K9"),
            None,
        ];
        let df = df!("v" => texts).unwrap();
        let want = df
            .clone()
            .lazy()
            .select([dense_rank("v", "place")])
            .collect()
            .unwrap();
        let got = text_places(df.column("v").unwrap().str().unwrap());
        let want: Vec<_> = want
            .column("place")
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(got.iter().collect::<Vec<_>>(), want);
        assert_eq!(
            want,
            [
                Some(3),
                None,
                Some(2),
                Some(4),
                Some(0),
                Some(3),
                Some(1),
                None
            ]
        );
    }

    #[test]
    fn visits_carry_their_vehicle_and_client_as_places() {
        let m = v2_v9_v10();
        let order = visits_in_order(&m)
            .select([col("visit_id"), col(VEHICLE_PLACE), col(CLIENT_PLACE)])
            .collect()
            .unwrap();
        // Vehicles X, X, Y → 0, 0, 1; clients K, K, L → 0, 0, 1.
        assert_eq!(
            csv(&order),
            "visit_id,vehicle_place,client_place\nV2,0,0\nV9,0,0\nV10,1,1\n"
        );
    }
}
