//! Tests of the demand's month table: hand-worked lines through both ways of adding them up.

use super::*;
use crate::analytics::demand::testdata::*;

#[test]
fn regression_a_month_table_without_sold_lines_is_empty_not_an_error() {
    // No categories, but the key's factor is at least 1: the categories read back
    // from the keys are numbered as many as there are categories.
    let m = station();
    let none = m.order_lines.clone().limit(0);
    let m = m.with(crate::schema::Table::OrderLines, none);
    let months = category_months(&m, period()).unwrap();
    assert_eq!(months.height(), 0);
    let names: Vec<&str> = months
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(
        names,
        ["month", "category", "visits", "revenue", "norm_hours"]
    );
}

#[test]
fn categories_are_numbered_in_text_order_as_polars_sorts_them() {
    let lines = StringChunked::new(
        "category".into(),
        ["tires", "body", "tires", "other", "body", "body"],
    );
    let (sorted, numbers) = category_numbers(&lines).unwrap();
    let sorted: Vec<_> = sorted.str().unwrap().iter().flatten().collect();
    assert_eq!(sorted, ["body", "other", "tires"]);
    assert_eq!(
        numbers.to_vec(),
        [Some(2), Some(0), Some(2), Some(1), Some(0), Some(0)]
    );
    // A line without a category, or more categories than a word has bits, is left to
    // polars.
    let with_null = StringChunked::new("category".into(), [Some("body"), None]);
    assert!(category_numbers(&with_null).is_none());
    let many: Vec<String> = (0..65).map(|i| format!("c{i}")).collect();
    let many = StringChunked::new("category".into(), many);
    assert!(category_numbers(&many).is_none());
    let sixty_four = many.slice(0, 64);
    assert_eq!(category_numbers(&sixty_four).unwrap().0.len(), 64);
}

#[test]
fn a_visit_counts_once_per_category_whether_its_lines_are_together_or_not() {
    // Visit 0: repair, parts, repair (the second repair line does not count again);
    // visit 1: parts, parts. In visit order or shuffled, the lines that count are the
    // first of each (visit, category) pair.
    let flags = |rows: &[u32], numbers: &[u32]| -> Vec<Option<bool>> {
        let lines = df!("visit_row" => rows, NUMBER => numbers).unwrap();
        let first = first_of_visit_and_category(&lines, 2).unwrap();
        first.bool().unwrap().iter().collect()
    };
    let t = Some(true);
    let f = Some(false);
    assert_eq!(flags(&[0, 0, 0, 1, 1], &[1, 0, 1, 0, 0]), [t, t, f, t, f]);
    assert_eq!(flags(&[1, 0, 0, 1, 0], &[0, 1, 0, 0, 1]), [t, t, t, f, f]);
}

/// Lines of visits 0, 1, 2 (rows in visit order): visit 0 on day 100 has two repair
/// lines (category 1) and a parts line (0); visit 1 on day 100 a parts line; visit 2
/// on day 102 a repair line without an amount. Worked out by hand: day 100 parts 2
/// visits, 10 + 40 kopecks; day 100 repair 1 visit, 20 + 30; day 102 repair 1 visit, 0.
fn day_lines(rows: &[u32]) -> DataFrame {
    let all = [0u32, 0, 0, 1, 2];
    let pick = |i: usize| rows.contains(&all[i]);
    let keep: Vec<usize> = (0..all.len()).filter(|&i| pick(i)).collect();
    let take = |v: &[i64]| keep.iter().map(|&i| v[i]).collect::<Vec<_>>();
    let amounts = [Some(20i64), Some(10), Some(30), Some(40), None];
    df!(
        "visit_row" => keep.iter().map(|&i| all[i]).collect::<Vec<_>>(),
        "date" => take(&[100, 100, 100, 100, 102]).iter().map(|&d| d as i32).collect::<Vec<_>>(),
        NUMBER => take(&[1, 0, 1, 0, 1]).iter().map(|&c| c as u32).collect::<Vec<_>>(),
        "amount" => keep.iter().map(|&i| amounts[i]).collect::<Vec<_>>(),
        "milli" => take(&[1500, 0, 500, 250, 1000]),
    )
    .unwrap()
    .lazy()
    .with_column(col("date").cast(DataType::Date))
    .collect()
    .unwrap()
}

fn sorted_sums(by_day: LazyFrame) -> DataFrame {
    by_day
        .with_column(col("date").cast(DataType::Int32))
        .sort(["date", NUMBER], SortMultipleOptions::default())
        .collect()
        .unwrap()
}

#[test]
fn one_pass_adds_up_days_and_categories_as_polars_groups_do() {
    let lines = day_lines(&[0, 1, 2]);
    let sums = day_category_sums(&lines, 2)
        .unwrap()
        .expect("lines in visit order");
    let expected = df!(
        "date" => [100i32, 100, 102],
        NUMBER => [0u32, 1, 1],
        "visits" => [2i64, 1, 1],
        "revenue" => [50i64, 50, 0],
        "milli" => [250i64, 2000, 1000],
    )
    .unwrap();
    assert!(sorted_sums(sums.clone().lazy()).equals(&expected));
    let grouped = sorted_sums(day_category_groups(lines, 2).unwrap());
    assert!(grouped.equals(&expected), "{grouped}");
}

#[test]
fn lines_out_of_visit_order_or_too_many_days_are_left_to_polars() {
    let shuffled = day_lines(&[0, 1, 2])
        .sort(["amount"], Default::default())
        .unwrap();
    assert!(day_category_sums(&shuffled, 2).unwrap().is_none());
    // Day 100 and a day 600 000 later: more days × categories than the arrays hold.
    let mut far = day_lines(&[0, 2]);
    let days = far.column("date").unwrap().cast(&DataType::Int32).unwrap();
    let days: Vec<i32> = days
        .i32()
        .unwrap()
        .into_no_null_iter()
        .map(|d| if d == 102 { 600_100 } else { d })
        .collect();
    far.with_column(
        Column::new("date".into(), days)
            .cast(&DataType::Date)
            .unwrap(),
    )
    .unwrap();
    assert!(day_category_sums(&far, 2).unwrap().is_none());
    assert!(day_category_sums(&day_lines(&[0, 1, 2]), 65)
        .unwrap()
        .is_none());
}

#[test]
fn rows_only_where_a_sold_line_exists() {
    let p = period();
    let t = demand_monthly(&category_months(&station(), p).unwrap(), p).unwrap();
    // 2024-03 is older than 24 months before 2026-03 (2024-04 is the first); V4 has only
    // a declined line, V5 is cancelled, V7 is after the as-of date. 2026-03: V1 and V2
    // sell repair (1000 + 2000, hours 2 + 1.5); V1 sells parts 500 (no hours); V3 a
    // warranty repair line of 0 (0.5 h) makes a third repair visit.
    assert_eq!(
        strs(&t, "month"),
        ["2025-03", "2026-03", "2026-03"].map(|s| Some(s.to_string()))
    );
    assert_eq!(
        strs(&t, "category"),
        ["wash", "parts", "repair"].map(|s| Some(s.to_string()))
    );
    assert_eq!(f64s(&t, "visits"), [1.0, 1.0, 3.0].map(Some));
    assert_eq!(f64s(&t, "revenue"), [100.0, 500.0, 3000.0].map(Some));
    assert_eq!(f64s(&t, "norm_hours"), [0.0, 0.0, 4.0].map(Some));
}

#[test]
fn by_category_has_every_month_and_a_column_per_category_sold() {
    let p = period();
    let t = demand_by_category(&category_months(&station(), p).unwrap(), None, p).unwrap();
    // The rows of demand_monthly above: wash 1 in 2025-03; parts 1 and repair 3 in
    // 2026-03; the other 21 months are zeros. Columns in SPEC order: wash, repair, parts.
    let names: Vec<String> = t.get_column_names().iter().map(|s| s.to_string()).collect();
    assert_eq!(names, ["month", "wash", "repair", "parts"]);
    assert_eq!(t.height(), 24);
    let months = strs(&t, "month");
    assert_eq!(months[0].as_deref(), Some("2024-04"));
    assert_eq!(months[11].as_deref(), Some("2025-03"));
    assert_eq!(months[23].as_deref(), Some("2026-03"));
    let wash = f64s(&t, "wash");
    assert_eq!(wash[11], Some(1.0));
    assert_eq!(wash.iter().flatten().sum::<f64>(), 1.0);
    assert_eq!(f64s(&t, "repair")[23], Some(3.0));
    assert_eq!(f64s(&t, "parts")[23], Some(1.0));
    assert_eq!(f64s(&t, "repair")[0], Some(0.0));
}

#[test]
fn regression_a_month_before_the_data_is_empty_not_zero() {
    // With the data beginning in 2025-03, the 11 months 2024-04 … 2025-02 are empty
    // cells (they were zeros: no visits, as if the station stood idle); 2025-03 on
    // are counted, 0 where nothing was sold.
    let p = period();
    let months = category_months(&station(), p).unwrap();
    let t = demand_by_category(&months, Month::new(2025, 3), p).unwrap();
    assert_eq!(t.height(), 24);
    for c in ["wash", "repair", "parts"] {
        let v = f64s(&t, c);
        assert!(v[..11].iter().all(Option::is_none), "{c}: {v:?}");
        assert!(v[11..].iter().all(Option::is_some), "{c}: {v:?}");
    }
    assert_eq!(f64s(&t, "wash")[11], Some(1.0));
    assert_eq!(f64s(&t, "repair")[11], Some(0.0));
    assert_eq!(f64s(&t, "repair")[23], Some(3.0));
}
