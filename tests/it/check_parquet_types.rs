//! Parquet columns of the types databases, pandas and Spark write (session 30): a time
//! stamp with a time zone is the station's wall time in that zone, decimal money is read
//! to the kopeck exactly, text columns stored as integers, floats or a pandas `category`
//! are their text as a CSV would hold it, and a column of a type stoa does not read stops
//! the run naming the file, the column, its type and the cure (a column stoa does not read
//! is left unread, whatever its type). Files are written by polars here, or are the tiny
//! files of tests/data/parquet made by pyarrow (`make.py` there) for the types polars does
//! not write.

use std::path::{Path, PathBuf};

use crate::common;
use common::{put, stoa, texts, warnings_of};

use polars::prelude::*;
use stoa::config::Config;
use stoa::ingest::{load, reasons};

fn write(path: &Path, mut df: DataFrame) {
    let f = std::fs::File::create(path).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
}

/// A tiny file of tests/data/parquet.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/parquet")
        .join(name)
}

fn clients_csv(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
}

/// The lines of V1 (15 September, 1000,50), V2 (1 October in Moscow, 2000) and V3 (31
/// October, 300,25).
fn lines_csv(dir: &Path) {
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nV1;Мойка;1000,50\nV2;Масло;2000\nV3;Фильтр;300,25\n",
    );
}

/// 2026-`month`-`day` `h`:`m` with no zone.
fn at(month: u32, day: u32, h: u32, m: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// The visits of the tester's file: V1 15 September 10:00, V2 1 October 00:30, V3 31
/// October 18:00, their `opened_at` a time stamp of `zone` showing those clocks.
fn visits_in_zone(dir: &Path, zone: &str) {
    let tz = TimeZone::opt_try_new(Some(zone)).unwrap();
    let df = df!(
        "visit_id" => ["V1", "V2", "V3"],
        "opened_at" => [at(9, 15, 10, 0), at(10, 1, 0, 30), at(10, 31, 18, 0)],
        "client_id" => ["C1", "C2", "C1"],
        "brand" => ["Kia", "Lada", "Kia"],
    )
    .unwrap()
    .lazy()
    .with_column(
        col("opened_at")
            .dt()
            .replace_time_zone(tz, lit("raise"), NonExistent::Raise),
    )
    .collect()
    .unwrap();
    assert!(matches!(
        df.column("opened_at").unwrap().dtype(),
        DataType::Datetime(_, Some(_))
    ));
    write(&dir.join("visits.parquet"), df);
}

fn opened_at(ing: &stoa::ingest::Ingested) -> Vec<Option<String>> {
    let visits = ing.model.visits.clone().collect().unwrap();
    texts(&visits, "opened_at")
        .into_iter()
        .map(|t| t.map(|t| t.replace(".000", "")))
        .collect()
}

/// `stoa report --month 2026-09` of `data` into `out`: its exit code, its terminal, its
/// kpi.csv (empty when it failed).
fn report(data: &Path, out: &Path, lang: &str) -> (Option<i32>, String, String) {
    let run = stoa()
        .args(["report", "--month", "2026-09", "--lang", lang, "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    let kpi = std::fs::read_to_string(out.join("2026-09/tables/kpi.csv")).unwrap_or_default();
    let said = String::from_utf8_lossy(&run.stderr).to_string();
    (run.status.code(), said, kpi)
}

fn has_row(kpi: &str, row: &str) {
    assert!(kpi.lines().any(|l| l == row), "{row} missing from\n{kpi}");
}

#[test]
fn regression_a_parquet_time_stamp_with_a_zone_is_read_as_the_wall_time_of_its_zone() {
    // pandas, Spark and Postgres' timestamptz write the zone; the instant of V2 is 30
    // September 21:30 UTC, and read as UTC it fell into September (2 visits, 3000,50).
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    clients_csv(&data);
    lines_csv(&data);
    visits_in_zone(&data, "Europe/Moscow");
    let ing = load(&data, &Config::default()).unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        opened_at(&ing),
        [
            s("2026-09-15 10:00:00"),
            s("2026-10-01 00:30:00"),
            s("2026-10-31 18:00:00")
        ]
    );
    assert!(warnings_of(&ing, "visits")
        .iter()
        .all(|w| reasons::parse(reasons::UTC_TIMES, w).is_none()));
    let (code, said, kpi) = report(&data, &dir.path().join("out"), "en");
    assert_eq!(code, Some(0), "{said}");
    // September: V1 alone, 1000,50.
    has_row(&kpi, "visits,2026-09,1");
    has_row(&kpi, "revenue,2026-09,1000.5");
}

#[test]
fn regression_a_parquet_time_stamp_in_utc_is_read_as_utc_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    clients_csv(dir.path());
    lines_csv(dir.path());
    visits_in_zone(dir.path(), "UTC");
    let ing = load(dir.path(), &Config::default()).unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        opened_at(&ing),
        [
            s("2026-09-15 10:00:00"),
            s("2026-10-01 00:30:00"),
            s("2026-10-31 18:00:00")
        ]
    );
    let said: Vec<Vec<&str>> = warnings_of(&ing, "visits")
        .into_iter()
        .filter_map(|w| reasons::parse(reasons::UTC_TIMES, w))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", ing.warnings);
    assert_eq!(said[0][0], "«opened_at»");
    assert!(said[0][1].ends_with("visits.parquet"), "{}", said[0][1]);
    assert_eq!(said[0][2], "3");
}

/// Order lines of V1, V2, V3 with `amount` the decimals written (as text) of `dtype`.
fn decimal_lines(dir: &Path, amounts: [&str; 3], dtype: DataType) {
    let df = df!(
        "visit_id" => ["V1", "V2", "V3"],
        "description" => ["Мойка", "Масло", "Фильтр"],
        "amount" => amounts,
    )
    .unwrap()
    .lazy()
    .with_column(col("amount").cast(dtype.clone()))
    .collect()
    .unwrap();
    assert_eq!(df.column("amount").unwrap().dtype(), &dtype);
    write(&dir.join("order_lines.parquet"), df);
}

fn visits_csv(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;15.09.2026 10:00;C1;Kia\nV2;20.09.2026;C2;Lada\nV3;10.10.2026;C1;Kia\n",
    );
}

fn amounts(ing: &stoa::ingest::Ingested) -> Vec<Option<i64>> {
    let lines = ing.model.order_lines.clone().collect().unwrap();
    lines
        .column("amount")
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .collect()
}

#[test]
fn regression_decimal_money_in_parquet_is_read_to_the_kopeck() {
    // Money from a database is decimal128(12,2): polars panicked (exit 101) without its
    // dtype-decimal feature.
    let dir = tempfile::tempdir().unwrap();
    clients_csv(dir.path());
    visits_csv(dir.path());
    decimal_lines(
        dir.path(),
        ["1000.50", "2000.00", "300.25"],
        DataType::Decimal(12, 2),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    assert_eq!(amounts(&ing), [Some(100050), Some(200000), Some(30025)]);
    let (code, said, kpi) = report(dir.path(), &dir.path().join("out"), "en");
    assert_eq!(code, Some(0), "{said}");
    // September: V1 and V2.
    has_row(&kpi, "revenue,2026-09,3000.5");
}

#[test]
fn decimal_money_past_a_floats_digits_is_exact_and_rounded_half_away_from_zero() {
    // 12 345 678 901 234 567,89 ₽ has 19 digits, past a float's 15 to 17: through a float
    // it lost its last kopecks. Three decimals round half away from zero: 0,005 → 1 kopeck,
    // 0,004 → 0.
    let dir = tempfile::tempdir().unwrap();
    clients_csv(dir.path());
    visits_csv(dir.path());
    decimal_lines(
        dir.path(),
        ["12345678901234567.89", "0.005", "0.004"],
        DataType::Decimal(38, 3),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    assert_eq!(
        amounts(&ing),
        [Some(1_234_567_890_123_456_789), Some(1), Some(0)]
    );
}

#[test]
fn regression_text_columns_stored_as_numbers_in_parquet_are_read_as_their_digits() {
    // pandas writes numeric ids as int64, and a phone column with an empty cell as
    // float64: each stopped the run with exit 3, "expected String, got i64".
    let dir = tempfile::tempdir().unwrap();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 9, d).unwrap();
    write(
        &dir.path().join("clients.parquet"),
        df!(
            "client_id" => [1i64, 2],
            "name" => ["Иванов", "Петров"],
            "phone" => [Some(79161234567.0f64), None],
        )
        .unwrap(),
    );
    write(
        &dir.path().join("visits.parquet"),
        df!(
            "visit_id" => [101i64, 102, 103],
            "opened_at" => [day(15), day(20), day(30)],
            "client_id" => [1i64, 2, 1],
            "brand" => ["Kia", "Lada", "Kia"],
            "manager" => [Some(7i64), Some(8), None],
        )
        .unwrap(),
    );
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\n101;Мойка;1000,50\n102;Масло;2000\n103;Фильтр;300,25\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(texts(&visits, "visit_id"), [s("101"), s("102"), s("103")]);
    assert_eq!(texts(&visits, "client_id"), [s("1"), s("2"), s("1")]);
    assert_eq!(texts(&visits, "manager"), [s("7"), s("8"), None]);
    let clients = ing.model.clients.clone().collect().unwrap();
    let phone = texts(&clients, "phone");
    assert!(
        phone[0]
            .as_deref()
            .is_some_and(|p| p.contains("9161234567")),
        "{phone:?}"
    );
    assert_eq!(phone[1], None);
    // The whole run, in Russian, as the tester ran it: no internal error.
    let (code, said, kpi) = report(dir.path(), &dir.path().join("out"), "ru");
    assert_eq!(code, Some(0), "{said}");
    has_row(&kpi, "visits,2026-09,3");
    has_row(&kpi, "revenue,2026-09,3300.75");
}

#[test]
fn regression_a_pandas_category_in_parquet_is_read_as_its_text() {
    // pandas' `category` is a Parquet dictionary, which polars reads as its categorical:
    // exit 3, "expected String, got cat".
    let dir = tempfile::tempdir().unwrap();
    clients_csv(dir.path());
    lines_csv(dir.path());
    let cat = DataType::from_categories(Categories::global());
    let df = df!(
        "visit_id" => ["V1", "V2", "V3"],
        "opened_at" => [at(9, 15, 10, 0), at(9, 20, 0, 30), at(10, 31, 18, 0)],
        "client_id" => ["C1", "C2", "C1"],
        "brand" => ["Kia", "Lada", "Kia"],
    )
    .unwrap()
    .lazy()
    .with_columns([
        col("visit_id").cast(cat.clone()),
        col("client_id").cast(cat.clone()),
        col("brand").cast(cat),
    ])
    .collect()
    .unwrap();
    write(&dir.path().join("visits.parquet"), df);
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(texts(&visits, "client_id"), [s("C1"), s("C2"), s("C1")]);
    let (code, said, kpi) = report(dir.path(), &dir.path().join("out"), "ru");
    assert_eq!(code, Some(0), "{said}");
    has_row(&kpi, "visits,2026-09,2");
    has_row(&kpi, "revenue,2026-09,3000.5");
}

/// `stoa check` of a folder with the fixture `file` as `table`.parquet and the other two
/// tables as CSV: its exit code and terminal.
fn check_with(file: &str, table: &str, lang: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    clients_csv(dir.path());
    match table {
        "visits" => lines_csv(dir.path()),
        _ => visits_csv(dir.path()),
    }
    std::fs::copy(fixture(file), dir.path().join(format!("{table}.parquet"))).unwrap();
    let run = stoa()
        .args(["check", "--lang", lang, "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&run.stderr).to_string() + &String::from_utf8_lossy(&run.stdout);
    (run.status.code(), said)
}

#[test]
fn a_column_read_of_a_type_stoa_does_not_read_stops_the_run_naming_it() {
    // Each panicked (decimal256, a zone polars does not know) or ended in polars' words.
    for (file, table, column, dtype, cure) in [
        (
            "lines_qty_uint8.parquet",
            "order_lines",
            "qty",
            "uint8",
            "int32, int64",
        ),
        (
            "lines_amount_float16.parquet",
            "order_lines",
            "amount",
            "float16",
            "float64",
        ),
        (
            "lines_amount_decimal256.parquet",
            "order_lines",
            "amount",
            "decimal256(40, 2)",
            "decimal128",
        ),
        (
            "visits_opened_at_0530.parquet",
            "visits",
            "opened_at",
            "timestamp[ms, tz=+05:30]",
            "Europe/Moscow",
        ),
        (
            "visits_brand_list.parquet",
            "visits",
            "brand",
            "list<string>",
            "one value",
        ),
        (
            "visits_brand_struct.parquet",
            "visits",
            "brand",
            "struct",
            "one value",
        ),
        // polars read it as empty: every visit at midnight, without a word.
        (
            "visits_opened_time_time32s.parquet",
            "visits",
            "opened_time",
            "time32[s]",
            "time64",
        ),
    ] {
        let (code, said) = check_with(file, table, "en");
        assert_eq!(code, Some(1), "{file}: {said}");
        for words in [
            &format!("{table}.parquet"),
            &format!("«{column}» is stored as {dtype}"),
            cure,
        ] {
            assert!(said.contains(words), "{file}: {words} missing from\n{said}");
        }
        // In Russian whole, as the other errors are.
        let (code, said) = check_with(file, table, "ru");
        assert_eq!(code, Some(1), "{file}: {said}");
        assert!(
            said.contains(&format!("«{column}» хранится как {dtype}")),
            "{said}"
        );
        for english in ["stored", "store ", "cannot", "internal"] {
            assert!(!said.contains(english), "{file}: {english} in\n{said}");
        }
    }
    // Bytes that are not text: the row of the first named.
    let (code, said) = check_with("visits_brand_bytes.parquet", "visits", "en");
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("«brand» is stored as binary"), "{said}");
    assert!(said.contains("at row 3"), "{said}");
}

#[test]
fn columns_stoa_does_not_read_are_left_unread_whatever_their_type() {
    // A list, uint8, float16, bytes, a zone of +05:30, decimal256, a structure: beside
    // the columns read, none is looked at.
    let (code, said) = check_with("visits_unread_odd.parquet", "visits", "en");
    assert_eq!(code, Some(0), "{said}");
    assert!(
        !said.contains("rejected: 1") && !said.contains("error"),
        "{said}"
    );
}

#[test]
fn other_parquet_types_are_read_as_a_csv_would_hold_them() {
    // Large strings, ids as int32 and as a dictionary of integers, bytes of UTF-8 text, a
    // time of day as a duration, an odometer as uint64, money as decimal128(12, 3) and a
    // quantity as decimal128(5, 1): pyarrow's file (tests/data/parquet/make.py).
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "client_id;name\n1;Иванов\n2;Петров\n",
    );
    std::fs::copy(
        fixture("visits_kinds.parquet"),
        dir.path().join("visits.parquet"),
    )
    .unwrap();
    std::fs::copy(
        fixture("lines_kinds.parquet"),
        dir.path().join("order_lines.parquet"),
    )
    .unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    let s = |t: &str| Some(t.to_string());
    // 10:30 and 18:00 read into their dates; V2 has no time of day.
    assert_eq!(
        opened_at(&ing),
        [
            s("2026-09-15 10:30:00"),
            s("2026-09-20 00:00:00"),
            s("2026-09-30 18:00:00")
        ]
    );
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(texts(&visits, "client_id"), [s("1"), s("2"), s("1")]);
    assert_eq!(texts(&visits, "brand"), [s("Kia"), s("Лада"), s("Kia")]);
    assert_eq!(
        texts(&visits, "odometer_km"),
        [s("15000"), None, s("120000")]
    );
    // 1000,505 → 1000,51 (half away from zero), 2000, 0,004 → 0.
    assert_eq!(amounts(&ing), [Some(100051), Some(200000), Some(0)]);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(texts(&lines, "qty"), [s("1.5"), s("2.0"), s("1.0")]);
    assert_eq!(texts(&lines, "visit_id"), [s("101"), s("102"), s("103")]);
}
