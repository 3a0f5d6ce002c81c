//! The price comparison's tests: small price lists and competitor rows with hand-worked
//! statistics.

use super::*;
use crate::analytics::demand::testdata::{f64s, ms, strs, typed};
use crate::analytics::period::Month;
use crate::schema::Table;

fn period() -> Period {
    Period::new(Month::new(2026, 3).unwrap())
}

fn days_before_as_of(n: i64) -> String {
    (period().as_of - chrono::Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

/// Our prices: A 1000, B 950, C 1050, D 500, E 800. Competitor rows are given as
/// (competitor, code, description, price, days before the as-of date 2026-03-31).
fn model(rows: &[(&str, Option<&str>, &str, i64, i64)]) -> Model {
    let list = df!(
        "service_code" => ["A", "B", "C", "D", "E"],
        "description" => ["Oil change", "Brake pads", "Alignment", "Wash", "Diagnostics"],
        "price" => [100_000i64, 95_000, 105_000, 50_000, 80_000],
    )
    .unwrap();
    let obs = df!(
        "competitor" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "service_code" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "description" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "price" => rows.iter().map(|r| r.3 * 100).collect::<Vec<_>>(),
        "observed_at" => rows.iter().map(|r| days_before_as_of(r.4)).collect::<Vec<_>>(),
    )
    .unwrap()
    .lazy()
    .with_column(col("observed_at").str().to_date(StrptimeOptions::default()))
    .collect()
    .unwrap();
    let visits = df!(
        "visit_id" => ["V1", "V2", "V3", "V4"],
        // V1 is exactly 365 days before the as-of date: outside (as_of − 365, as_of].
        "opened_at" => ["2025-03-31 10:00", "2025-04-01 10:00", "2026-03-31 18:00", "2026-03-10 10:00"].map(ms),
        "client_id" => ["C1", "C1", "C2", "C3"],
        "status" => ["done", "done", "done", "cancelled"],
    )
    .unwrap();
    let lines = df!(
        "visit_id" => ["V1", "V2", "V3", "V3", "V3", "V4"],
        "service_code" => ["A", "A", "A", "A", "B", "A"],
        "description" => ["x"; 6],
        "amount" => [1i64; 6],
        "qty" => [1.0, 1.0, 3.0, 1.0, 1.0, 1.0],
        "declined" => [false, false, false, true, false, false],
    )
    .unwrap();
    Model::empty()
        .with(Table::PriceList, typed(Table::PriceList, list))
        .with(Table::CompetitorPrices, typed(Table::CompetitorPrices, obs))
        .with(Table::Visits, typed(Table::Visits, visits))
        .with(Table::OrderLines, typed(Table::OrderLines, lines))
}

fn run(m: &Model) -> Vec<(String, DataFrame)> {
    tables(m, &Config::default(), period()).unwrap()
}

fn table<'a>(t: &'a [(String, DataFrame)], name: &str) -> &'a DataFrame {
    &t.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn the_boundaries_of_the_spec() {
    let m = model(&[
        // A: X at 180 days is fresh (1100); X at 181 days is older (ignored even though
        // listed later). Y twice on the same day: the later row (900) wins over 800.
        // Z by description (no code), padded and in another case: 1200. W 1000 equal
        // to ours (not below). Fresh: 1100, 900, 1200, 1000 → sorted 900 1000 1100
        // 1200, even count: median (1000 + 1100) / 2 = 1050; index 100 × 1000 / 1050;
        // rank 1 + one price strictly below (900) = 2.
        (" X ", Some("A"), "", 1100, 180),
        ("X", Some("A"), "", 500, 181),
        ("Y", Some("A"), "", 800, 10),
        ("Y", Some("A"), "", 900, 10),
        ("Z", None, "  oil CHANGE ", 1200, 30),
        ("W", Some("A"), "", 1000, 0),
        // B: one price 1000 → index 100 × 950 / 1000 = 95 exactly: `at`.
        ("X", Some("B"), "", 1000, 5),
        // C: one price 1000 → index 105 exactly: `at`.
        ("X", Some("C"), "", 1000, 5),
        // D: 500 vs 1000 → 50, below; E: only 181 days old → no statistics.
        ("X", Some("D"), "", 1000, 5),
        ("X", Some("E"), "", 1000, 181),
        // Unmatched: unknown code with unknown description; one after the as-of date.
        ("Q", Some("ZZ"), "Painting", 3000, 3),
        ("Q", Some("A"), "", 1, -1),
    ]);
    let t = run(&m);
    let p = table(&t, "prices");
    assert_eq!(
        p.get_column_names()
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
        [
            "service_code",
            "description",
            "our_price",
            "competitors",
            "min",
            "median",
            "max",
            "price_index",
            "rank",
            "position",
            "volume_12m",
            "revenue_gap"
        ]
    );
    assert_eq!(f64s(p, "competitors"), [4.0, 1.0, 1.0, 1.0, 0.0].map(Some));
    assert_eq!(f64s(p, "min")[0], Some(900.0));
    assert_eq!(f64s(p, "max")[0], Some(1200.0));
    assert_eq!(f64s(p, "median")[0], Some(1050.0));
    // Ranks: A 2 (900 below 1000); B 1 (1000 is above 950); C 2 (1000 below 1050); D 1;
    // E 1 without fresh prices.
    assert_eq!(f64s(p, "rank"), [2.0, 1.0, 2.0, 1.0, 1.0].map(Some));
    let idx = f64s(p, "price_index");
    assert_eq!(idx[0], Some(100.0 * 1000.0 / 1050.0));
    assert_eq!(&idx[1..], &[Some(95.0), Some(105.0), Some(50.0), None]);
    assert_eq!(
        strs(p, "position"),
        // A: 95.24 is within ±5 %: at.
        [Some("at"), Some("at"), Some("at"), Some("below"), None].map(|s| s.map(str::to_string))
    );
    // A: V2 and V3's sold line (qty 3 counts once); V1 is 365 days old, V3's declined
    // line and cancelled V4 do not count → 2. Gap 2 × (1050 − 1000) = 100. B: V3 → 1,
    // gap 1 × (1000 − 950) = 50.
    assert_eq!(f64s(p, "volume_12m"), [2.0, 1.0, 0.0, 0.0, 0.0].map(Some));
    assert_eq!(
        f64s(p, "revenue_gap"),
        [Some(100.0), Some(50.0), Some(0.0), Some(0.0), None]
    );
    // C sold nothing against a median below its price: 0 × −50 is 0, not −0 (written
    // `-0` before).
    assert!(f64s(p, "revenue_gap")[2].unwrap().is_sign_positive());
    // Overall: (2 × 1000/10.5 + 1 × 95) / 3 over the priced services that sold.
    let s = table(&t, "prices_summary");
    assert_eq!(f64s(s, "services"), [Some(5.0)]);
    assert_eq!(f64s(s, "services_priced"), [Some(4.0)]);
    assert_eq!(f64s(s, "volume_12m"), [Some(3.0)]);
    let overall = f64s(s, "overall_index")[0].unwrap();
    assert!((overall - (2.0 * 100.0 * 1000.0 / 1050.0 + 95.0) / 3.0).abs() < 1e-12);
    let u = table(&t, "prices_unmatched");
    assert_eq!(strs(u, "service_code"), [Some("ZZ".to_string())]);
    assert_eq!(f64s(u, "price"), [Some(3000.0)]);
}

#[test]
fn competitors_over_time_average_their_index() {
    // X in 2026-03: A 1100 vs 1000 → 110, B 1000 vs 950 → 100 × 1000 / 950; mean of
    // the two. X in 2025-10 (171 days before): D 400 vs 500 → 80.
    let m = model(&[
        ("X", Some("A"), "", 1100, 1),
        ("X", Some("B"), "", 1000, 2),
        ("X", Some("D"), "", 400, 171),
    ]);
    let t = run(&m);
    let c = table(&t, "prices_competitors");
    assert_eq!(
        strs(c, "month"),
        [Some("2025-10".to_string()), Some("2026-03".to_string())]
    );
    assert_eq!(f64s(c, "observations"), [Some(1.0), Some(2.0)]);
    let mean = f64s(c, "mean_index");
    assert_eq!(mean[0], Some(80.0));
    assert!((mean[1].unwrap() - (110.0 + 100_000.0 / 950.0) / 2.0).abs() < 1e-12);
}

#[test]
fn regression_no_fresh_competitor_price_is_said() {
    // As-of 2026-03-31, max age 180 days: 181 and 200 days old are too old (the later
    // of them, 181 days before, is 2025-10-01), −3 days is after the as-of date.
    let warn = |m: &Model| freshness_warning(m, 180, period()).unwrap();
    let m = model(&[
        ("X", Some("A"), "", 1000, 181),
        ("Y", Some("A"), "", 1000, 200),
        ("Z", Some("B"), "", 1000, -3),
    ]);
    let w = warn(&m).unwrap();
    assert_eq!(w.rows, 3);
    assert_eq!(
        w.message,
        crate::ingest::reasons::fill(
            crate::ingest::reasons::STALE_COMPETITORS,
            &["3", "2026-03-31", "2", "180", "2025-10-01", "1"]
        )
    );
    // Every one after the as-of date: the earliest is 2026-04-02.
    let m = model(&[
        ("X", Some("A"), "", 1000, -5),
        ("Y", Some("A"), "", 1000, -2),
    ]);
    assert_eq!(
        warn(&m).unwrap().message,
        crate::ingest::reasons::fill(
            crate::ingest::reasons::LATE_COMPETITORS,
            &["2", "2026-03-31", "2026-04-02"]
        )
    );
    // One fresh price (180 days old is fresh) is enough for no warning.
    let m = model(&[
        ("X", Some("A"), "", 1000, 181),
        ("Y", Some("A"), "", 1000, 180),
    ]);
    assert!(warn(&m).is_none());
    // No competitor prices at all: NO_COMPETITORS says so, not this.
    assert!(freshness_warning(&Model::empty(), 180, period())
        .unwrap()
        .is_none());
}

#[test]
fn regression_descriptions_and_competitors_match_as_folded() {
    // Our A is «Oil change»: a non-breaking space (pasted from a web page), a double
    // space, other case and padding all find it. Before, only the last did.
    let m = model(&[
        ("P", None, "Oil\u{a0}change", 1100, 5),
        ("Q", None, "oil  change", 1200, 5),
        ("R", None, " OIL CHANGE ", 1300, 5),
        // One shop typed three ways (case, a space after №, spaces around it): one
        // competitor, its latest price 700 (2 days before) counts. «Гараж №1» is
        // written twice, so it is the name shown.
        ("Гараж №1", Some("B"), "", 500, 40),
        ("гараж №1", Some("B"), "", 550, 20),
        ("Гараж  № 1", Some("B"), "", 700, 2),
        ("Гараж №1", Some("C"), "", 900, 3),
        ("Мотор", Some("B"), "", 600, 2),
    ]);
    let t = run(&m);
    let p = table(&t, "prices");
    // A: 1100, 1200, 1300 → median 1200. B: 700 and 600 → median 650, index 100 ×
    // 950 / 650 = 146.15…; C: 900.
    assert_eq!(f64s(p, "competitors"), [3.0, 2.0, 1.0, 0.0, 0.0].map(Some));
    assert_eq!(
        f64s(p, "median")[..3],
        [Some(1200.0), Some(650.0), Some(900.0)]
    );
    assert_eq!(table(&t, "prices_unmatched").height(), 0);
    let c = table(&t, "prices_competitors");
    // The shop's rows of 2026-02 (40 days before) and 2026-03 under one name.
    let rows: Vec<String> = strs(c, "competitor")
        .into_iter()
        .zip(strs(c, "month"))
        .map(|(n, m)| format!("{} {}", n.unwrap(), m.unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            "P 2026-03",
            "Q 2026-03",
            "R 2026-03",
            "Гараж №1 2026-02",
            "Гараж №1 2026-03",
            "Мотор 2026-03"
        ]
    );
    // Ё as Е: «Балансировка колес» finds the price list's «Балансировка Колёс».
    let mut m = model(&[("X", None, "Балансировка колес", 1000, 5)]);
    m = m.with(
        crate::schema::Table::PriceList,
        typed(
            crate::schema::Table::PriceList,
            df!(
                "service_code" => ["T"],
                "description" => ["Балансировка Колёс"],
                "price" => [100_000i64],
            )
            .unwrap(),
        ),
    );
    let t = run(&m);
    assert_eq!(f64s(table(&t, "prices"), "competitors"), [Some(1.0)]);
}

#[test]
fn regression_lines_without_a_code_count_in_the_volume_by_their_description() {
    // V3 (2026-03-31) gets three more sold lines: «  oil CHANGE » without a code (A by its
    // folded description), «Brake pads» with a code not in the list (ZZ; B by its
    // description, as a competitor's row would be), «Tyre storage» without a code (no
    // service: not counted). A: 2 + 1 = 3, B: 1 + 1 = 2; the summary 5.
    let mut m = model(&[("X", Some("A"), "Oil change", 1050, 10)]);
    let more = df!(
        "visit_id" => ["V3", "V3", "V3"],
        "service_code" => [None, Some("ZZ"), None],
        "description" => ["  oil CHANGE ", "Brake pads", "Tyre storage"],
        "amount" => [1i64; 3],
        "declined" => [false; 3],
    )
    .unwrap();
    let lines = concat(
        [m.order_lines.clone(), typed(Table::OrderLines, more)],
        UnionArgs::default(),
    )
    .unwrap();
    m = m.with(Table::OrderLines, lines);
    let t = run(&m);
    let p = table(&t, "prices");
    assert_eq!(f64s(p, "volume_12m"), [3.0, 2.0, 0.0, 0.0, 0.0].map(Some));
    // A's gap: 3 × (1050 − 1000).
    assert_eq!(f64s(p, "revenue_gap")[0], Some(150.0));
}

#[test]
fn regression_a_huge_max_age_does_not_panic_and_keeps_every_price_fresh() {
    // `max_age_days = 99999999` panicked subtracting it from the as-of date (exit 101);
    // the settings refuse it now, and the arithmetic stops at the calendar's first date.
    let m = model(&[
        ("X", Some("A"), "", 1000, 181),
        ("Y", Some("A"), "", 1200, 20_000),
    ]);
    assert!(freshness_warning(&m, 99_999_999, period())
        .unwrap()
        .is_none());
    assert!(freshness_warning(&m, i64::MAX, period()).unwrap().is_none());
    let obs = matched_observations(&m, period()).collect().unwrap();
    let fresh = latest_fresh(&obs, i64::MAX, period()).collect().unwrap();
    assert_eq!(fresh.height(), 2);
}
