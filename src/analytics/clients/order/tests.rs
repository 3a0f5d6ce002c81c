//! Tests of visit order: the place of each visit, natural order of ids, and the places of
//! texts.

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
