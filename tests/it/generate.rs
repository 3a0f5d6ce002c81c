//! `stoa generate` through the real binary: files, formats, determinism, referential
//! integrity and the errors a user can make.

use std::path::Path;

use assert_cmd::Command;
use calamine::{open_workbook, Data, DataType as _, Reader, Xlsx};
use polars::prelude::*;
use predicates::prelude::*;

const TABLES: [&str; 7] = [
    "visits",
    "order_lines",
    "clients",
    "price_list",
    "competitor_prices",
    "feedback",
    "agents",
];

fn stoa() -> Command {
    Command::cargo_bin("stoa").unwrap()
}

/// A small data set: a few dozen clients over half a year keeps the debug binary quick.
fn generate(out: &Path, extra: &[&str]) {
    stoa()
        .args([
            "generate",
            "--clients",
            "40",
            "--months",
            "6",
            "--end",
            "2026-10",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .assert()
        .success()
        .stdout(predicate::str::contains("order_lines"));
}

/// `stoa check --json` on a folder: the `inputs` accounting, one object per table.
fn check_inputs(data: &Path) -> Vec<serde_json::Value> {
    let json = stoa()
        .args(["check", "--json", "--data"])
        .arg(data)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let inputs: serde_json::Value = serde_json::from_slice(&json).unwrap();
    inputs.as_array().unwrap().clone()
}

fn read_csv(path: &Path) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .unwrap()
        .finish()
        .unwrap()
}

#[test]
fn same_arguments_give_identical_files_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["xlsx", "csv", "parquet"] {
        let (a, b, c) = (
            dir.path().join(format!("{format}-a")),
            dir.path().join(format!("{format}-b")),
            dir.path().join(format!("{format}-c")),
        );
        generate(&a, &["--format", format, "--seed", "5"]);
        generate(&b, &["--format", format, "--seed", "5"]);
        generate(&c, &["--format", format, "--seed", "6"]);
        for t in TABLES {
            let name = format!("{t}.{format}");
            let bytes =
                |d: &Path| std::fs::read(d.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                bytes(&a),
                bytes(&b),
                "{name} differs between two runs with the same seed"
            );
            if t == "visits" {
                assert_ne!(bytes(&a), bytes(&c), "{name} is the same for another seed");
            }
        }
        assert!(a.join("stoa.toml").exists());
        // Nothing but the tables and the config is left behind (no temporary folder).
        assert_eq!(std::fs::read_dir(&a).unwrap().count(), TABLES.len() + 1);
    }
}

#[test]
fn english_csv_tables_refer_to_each_other() {
    let dir = tempfile::tempdir().unwrap();
    generate(
        dir.path(),
        &["--format", "csv", "--lang", "en", "--stations", "2"],
    );
    let visits = read_csv(&dir.path().join("visits.csv"));
    let lines = read_csv(&dir.path().join("order_lines.csv"));
    let clients = read_csv(&dir.path().join("clients.csv"));
    let feedback = read_csv(&dir.path().join("feedback.csv"));
    assert_eq!(clients.height(), 40);
    let anti = |left: &DataFrame, right: &DataFrame, key: &str| {
        left.clone()
            .lazy()
            .join(
                right.clone().lazy(),
                [col(key)],
                [col(key)],
                JoinArgs::new(JoinType::Anti),
            )
            .collect()
            .unwrap()
            .height()
    };
    assert_eq!(
        anti(&lines, &visits, "visit_id"),
        0,
        "every order line belongs to a visit"
    );
    assert_eq!(
        anti(&feedback, &visits, "visit_id"),
        0,
        "every score belongs to a visit"
    );
    assert_eq!(
        anti(&visits, &clients, "client_id"),
        0,
        "every visitor is a client"
    );
    let ids = visits
        .column("visit_id")
        .unwrap()
        .as_materialized_series()
        .clone();
    assert_eq!(
        ids.n_unique().unwrap(),
        visits.height(),
        "visit ids are unique"
    );
    // Two stations: ids carry the station number, both stations have visits.
    let stations = visits
        .column("station")
        .unwrap()
        .as_materialized_series()
        .n_unique()
        .unwrap();
    assert_eq!(stations, 2);
    assert!(ids.str().unwrap().get(0).unwrap().starts_with("RO-01-"));
    // All visits fall in the six months May..October 2026.
    let opened = visits.column("opened_at").unwrap().str().unwrap();
    assert!(opened
        .iter()
        .all(|d| d.is_some_and(|d| ("2026-05-01".."2026-11-01").contains(&d))));
}

#[test]
fn russian_workbooks_look_like_an_accounting_export() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &[]);
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("order_lines.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Работы".to_string()]);
    let range = wb.worksheet_range("Работы").unwrap();
    let rows: Vec<_> = range.rows().collect();
    // A title, a blank row, the header; the table ends with its total.
    assert!(matches!(&rows[0][0], Data::String(s) if s.starts_with("Работы и запчасти")));
    assert_eq!(rows[2][0], Data::String("Номер заказ-наряда".into()));
    assert_eq!(rows[2][8], Data::String("Сумма".into()));
    let last = rows.last().unwrap();
    assert_eq!(last[0], Data::String("Итого".into()));
    let sum: f64 = rows[3..rows.len() - 1]
        .iter()
        .map(|r| r[8].as_f64().unwrap())
        .sum();
    assert!(
        (last[8].as_f64().unwrap() - sum).abs() < 0.005,
        "total {:?} vs sum {sum}",
        last[8]
    );
    // Dates are real Excel dates, not text.
    let mut visits: Xlsx<_> = open_workbook(dir.path().join("visits.xlsx")).unwrap();
    let v = visits.worksheet_range("Визиты").unwrap();
    assert!(
        matches!(v.get((3, 1)), Some(Data::DateTime(_))),
        "{:?}",
        v.get((3, 1))
    );
}

#[test]
fn parquet_keeps_types_and_money_in_roubles() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &["--format", "parquet", "--lang", "en"]);
    let f = std::fs::File::open(dir.path().join("order_lines.parquet")).unwrap();
    let lines = ParquetReader::new(f).finish().unwrap();
    assert_eq!(lines.column("amount").unwrap().dtype(), &DataType::Float64);
    assert_eq!(
        lines.column("declined").unwrap().dtype(),
        &DataType::Boolean
    );
    let amounts = lines.column("amount").unwrap().f64().unwrap();
    // Money is whole kopecks: 100 x amount is an integer.
    assert!(amounts
        .iter()
        .all(|a| a.is_some_and(|a| ((a * 100.0).round() - a * 100.0).abs() < 1e-6 && a >= 0.0)));
    let f = std::fs::File::open(dir.path().join("visits.parquet")).unwrap();
    let visits = ParquetReader::new(f).finish().unwrap();
    assert!(matches!(
        visits.column("opened_at").unwrap().dtype(),
        DataType::Datetime(_, _)
    ));
}

#[test]
fn bad_arguments_are_usage_errors_that_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    stoa()
        .args(["generate", "--end", "2026-13", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM"));
    stoa()
        .args(["generate", "--clients", "2", "--stations", "3", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stations 3"));
    // A table in another format would be found twice by ingest.
    std::fs::write(dir.path().join("visits.csv"), "visit_id\n").unwrap();
    stoa()
        .args(["generate", "--clients", "5", "--months", "1", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("visits.csv"));
}

#[test]
fn planted_defects_are_announced_and_present() {
    let dir = tempfile::tempdir().unwrap();
    stoa()
        .args([
            "generate",
            "--clients",
            "40",
            "--months",
            "6",
            "--format",
            "csv",
            "--lang",
            "en",
            "--defects",
            "1",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "should reject 1 in visits, 2 in order_lines",
        ));
    let visits = read_csv(&dir.path().join("visits.csv"));
    let ids = visits
        .column("visit_id")
        .unwrap()
        .as_materialized_series()
        .clone();
    assert_eq!(
        ids.n_unique().unwrap(),
        visits.height() - 1,
        "one visit id is written twice"
    );
    let lines = read_csv(&dir.path().join("order_lines.csv"));
    let negative = lines
        .column("qty")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .filter(|q| q.is_some_and(|q| q < 0.0))
        .count();
    assert_eq!(negative, 1);
}

#[test]
fn the_language_changes_the_dress_not_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let (ru, en) = (dir.path().join("ru"), dir.path().join("en"));
    generate(&ru, &["--format", "csv", "--lang", "ru"]);
    generate(&en, &["--format", "csv", "--lang", "en"]);
    for t in TABLES {
        let lines = |d: &Path| {
            std::fs::read_to_string(d.join(format!("{t}.csv")))
                .unwrap()
                .lines()
                .count()
        };
        assert_eq!(lines(&ru), lines(&en), "{t}");
    }
}

/// The contract with ingest: `stoa check` accepts every generated row, and rejects exactly
/// the planted ones.
#[test]
fn stoa_check_accepts_every_generated_row_and_rejects_the_planted_ones() {
    let dir = tempfile::tempdir().unwrap();
    for (format, lang, defects) in [
        ("xlsx", "ru", "0"),
        ("csv", "ru", "1"),
        ("parquet", "en", "0"),
    ] {
        let out = dir.path().join(format!("{format}-{lang}"));
        generate(
            &out,
            &["--format", format, "--lang", lang, "--defects", defects],
        );
        let inputs = check_inputs(&out);
        let rejected = |table: &str| {
            inputs
                .iter()
                .find(|i| i["table"] == table)
                .unwrap_or_else(|| panic!("{table} missing"))["rows_rejected"]
                .as_u64()
                .unwrap()
        };
        let planted = if defects == "1" {
            [1, 2, 1, 0, 0, 1, 0]
        } else {
            [0; 7]
        };
        for (t, want) in TABLES.iter().zip(planted) {
            assert_eq!(rejected(t), want, "{format} {lang}: {t}");
        }
    }
}

/// The committed sample is the default input of `stoa report`: ingest must take all of it.
#[test]
fn the_committed_sample_has_no_rejects() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let inputs = check_inputs(&data);
    assert_eq!(inputs.len(), TABLES.len(), "every table is in data/");
    for i in inputs {
        assert_eq!(i["rows_rejected"].as_u64(), Some(0), "{}", i["table"]);
        assert!(i["rows_accepted"].as_u64().unwrap() > 0, "{}", i["table"]);
    }
}
