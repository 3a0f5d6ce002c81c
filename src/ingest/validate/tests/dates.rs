//! Validation's tests of slash dates read month first: which rows decide and are quoted,
//! and files that write dates both ways.

use super::*;

#[test]
fn regression_dates_read_month_first_are_counted_and_quoted_on_accepted_rows_only() {
    // An English Excel's slash dates. V3 and V4 are rejected for their empty brand: their
    // dates, 05/20 and 05/21, were counted among the cells read month first and could be
    // the example, though no date of theirs was read.
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;client_id;brand\n\
         V3;05/20/2026;C1;\n\
         V1;05/16/2026;C1;Lada\n\
         V2;05/04/2026;C1;Lada\n\
         V4;05/21/2026;C1;\n",
    );
    assert_eq!(v.rejects.height(), 2);
    let [(column, m)] = v.month_first.as_slice() else {
        panic!("one column read month first: {:?}", v.month_first);
    };
    assert_eq!(column, "opened_at");
    assert_eq!((m.cells, m.example.as_str()), (2, "05/16/2026"));
    assert!(m.example_decides);
    // Every date read month first on a rejected row: no warning; the column is still read
    // month first (its accepted dates have no slash).
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;client_id;brand\n\
         V1;05/16/2026;C1;\n\
         V2;05/17/2026;C1;\n\
         V3;04.05.2026;C1;Lada\n",
    );
    assert_eq!((v.accepted.height(), v.rejects.height()), (1, 2));
    assert!(v.month_first.is_empty(), "{:?}", v.month_first);
    // Only a rejected row's date can be read no other way: the accepted one read month
    // first is quoted, and the warning says what decided it without quoting a rejected row.
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;client_id;brand\n\
         V1;05/16/2026;C1;\n\
         V2;05/04/2026;C1;Lada\n",
    );
    let [(_, m)] = v.month_first.as_slice() else {
        panic!("one column read month first: {:?}", v.month_first);
    };
    assert_eq!((m.cells, m.example.as_str()), (1, "05/04/2026"));
    assert!(!m.example_decides);
}

#[test]
fn regression_a_follower_quotes_an_accepted_rows_date_of_its_lead_never_a_rejected_ones() {
    // V1 is rejected for its empty brand; its opened_at, 05/16, is the only date of that
    // column that can be read no other way. promised_at shows no order of its own and
    // followed opened_at, the file's first column that shows month first, quoting 05/16:
    // a row never read. closed_at's 05/20 is an accepted row's: it leads instead.
    let followed = |text: &str| {
        let v = validated(Table::Visits, text);
        assert_eq!(v.rejects.height(), 1);
        let found = v.month_first.iter().find(|(c, _)| c == "promised_at");
        let (_, m) = found.expect("promised_at read month first").clone();
        m.led_by.expect("led by another column")
    };
    let lead = followed(
        "visit_id;opened_at;closed_at;promised_at;client_id;brand\n\
         V1;05/16/2026;;;C1;\n\
         V2;05/04/2026;05/20/2026;05/05/2026;C1;Lada\n\
         V3;05/05/2026;05/06/2026;05/06/2026;C1;Lada\n",
    );
    assert_eq!(
        (lead.column.as_str(), lead.example.as_str(), lead.decides),
        ("closed_at", "05/20/2026", true)
    );
    // Where no accepted row of any column has such a date, the lead is still the column
    // whose rejected rows decided, but it quotes none of them.
    let lead = followed(
        "visit_id;opened_at;closed_at;promised_at;client_id;brand\n\
         V1;05/16/2026;;;C1;\n\
         V2;05/04/2026;05/05/2026;05/05/2026;C1;Lada\n",
    );
    assert_eq!((lead.column.as_str(), lead.decides), ("opened_at", false));
    assert_ne!(lead.example, "05/16/2026");
    let m = crate::ingest::cells::MonthFirst {
        cells: 1,
        example: "05/05/2026".into(),
        example_decides: false,
        rows: Vec::new(),
        led_by: Some(lead),
    };
    let w = crate::ingest::warnings::month_first(Table::Visits, "promised_at", "f.csv", &m);
    assert!(!w.message.contains("05/16/2026"), "{}", w.message);
    assert!(w.message.contains("rejected"), "{}", w.message);
}

#[test]
fn regression_a_file_of_dates_written_both_day_and_month_first_says_so() {
    use crate::ingest::cells::date_order::MixedOrders;
    // `opened_at` day first with dots (25.09 can be read no other way), `closed_at` month
    // first with slashes (09/25): two exports joined, and nothing said. V3 is rejected for
    // its empty brand: its dates are not counted.
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;closed_at;client_id;brand\n\
         V3;23.09.2026;09/23/2026;C1;\n\
         V1;25.09.2026;09/25/2026;C1;Lada\n\
         V2;04.09.2026;09/05/2026;C1;Lada\n",
    );
    let mixed = MixedOrders {
        day_first: ("opened_at".into(), "25.09.2026".into()),
        month_first: ("closed_at".into(), "09/25/2026".into()),
        day_cells: 2,
        month_cells: 2,
    };
    assert_eq!(v.mixed_orders, Some(mixed));
    let w = crate::ingest::warnings::dates_mixed(
        Table::Visits,
        "f.csv",
        v.mixed_orders.as_ref().unwrap(),
    );
    assert!(
        w.message.contains("«25.09.2026»") && w.message.contains("«09/25/2026»"),
        "{}",
        w.message
    );
    // In one column: its slash dates are read month first, its dotted ones day first.
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;client_id;brand\n\
         V1;25.09.2026;C1;Lada\n\
         V2;09/26/2026;C1;Lada\n\
         V3;09/04/2026;C1;Lada\n",
    );
    let mixed = v.mixed_orders.expect("one column written both ways");
    assert_eq!(mixed.day_first, ("opened_at".into(), "25.09.2026".into()));
    assert_eq!(mixed.month_first, ("opened_at".into(), "09/26/2026".into()));
    assert_eq!((mixed.day_cells, mixed.month_cells), (1, 2));
    // A file read one way, or whose day-first dates could be read either way, is not mixed.
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;closed_at;client_id;brand\n\
         V1;04.09.2026;09/25/2026;C1;Lada\n",
    );
    assert_eq!(v.mixed_orders, None);
}

#[test]
fn regression_a_slash_date_against_its_columns_order_is_rejected_saying_so() {
    // 16/09 can only be read day first, 09/17 only month first: the column is read day
    // first and the second row rejected. Its reason said "expected dd.mm.yyyy", which
    // told the user nothing of the other order.
    let v = validated(
        Table::Visits,
        "visit_id;opened_at;client_id;brand\n\
         V1;16/09/2026;C1;Lada\n\
         V2;09/17/2026;C1;Lada\n",
    );
    assert_eq!(v.rejects.height(), 1);
    let reason = v.rejects.column("reason").unwrap().str().unwrap().get(0);
    assert_eq!(reason, Some(reasons::AGAINST_ORDER));
}
