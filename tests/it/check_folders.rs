//! A table kept as a folder of files (`visits/2026-03.csv`, `visits/2026-04.xlsx`, … — an
//! export a month): every file is read with its own header and encoding, the rows are one
//! table, and every rejected row and the accounting still name the file.

use std::path::Path;

use crate::common;
use common::{put, stoa, texts};

use polars::prelude::*;
use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// `stoa check` on `dir`, its accounting in English.
fn check_in_english(dir: &Path) -> std::process::Output {
    stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(dir)
        .output()
        .unwrap()
}

/// Clients C1–C3 and the lines of visits V1–V4.
fn put_clients_and_lines(dir: &Path) {
    put(
        dir,
        "clients.csv",
        "client_id;name\nC1;Иванов\nC2;Петров\nC3;Сидоров\n",
    );
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\nV2;ТО;2000\nV3;ТО;3000\nV4;ТО;4000\n",
    );
}

/// `Визиты/`: March as UTF-8 CSV, April as Windows-1251 CSV with its columns in another
/// order, May as a workbook whose visit V2 repeats March's.
fn put_visits_folder(dir: &Path) {
    let folder = dir.join("Визиты");
    std::fs::create_dir(&folder).unwrap();
    put(
        &folder,
        "2026-03.csv",
        "Номер;Дата приёма;Код клиента;Марка\nV1;05.03.2026;C1;Lada\nV2;06.03.2026;C2;Kia\n",
    );
    let (april, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Марка;Код клиента;Дата приёма;Номер\nToyota;C3;07.04.2026;V3\nLada;C1;31.04.2026;V5\n",
    );
    std::fs::write(folder.join("2026-04.csv"), april).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Заказ-наряды").unwrap();
    ws.write_row(0, 0, ["Номер", "Дата приёма", "Код клиента", "Марка"])
        .unwrap();
    ws.write_row(1, 0, ["V4", "08.05.2026", "C2", "Kia"])
        .unwrap();
    ws.write_row(2, 0, ["V2", "06.03.2026", "C2", "Kia"])
        .unwrap();
    wb.save(folder.join("2026-05.xlsx")).unwrap();
}

#[test]
fn a_folder_named_after_a_table_is_read_whole_and_each_file_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put_visits_folder(dir.path());
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&visits, "visit_id"),
        [s("V1"), s("V2"), s("V3"), s("V4")]
    );
    assert_eq!(
        texts(&visits, "brand"),
        [s("Lada"), s("Kia"), s("Toyota"), s("Kia")]
    );
    let folder = dir.path().join("Визиты");
    let file = |name: &str| folder.join(name).display().to_string();
    // A rejected row's file is relative to the data folder, whatever --data was.
    let rejected = |name: &str| format!("Визиты/{name}");
    // 31 April is no date, and V2 in May repeats March's row: each is rejected in its file.
    let r = ing
        .rejects
        .clone()
        .lazy()
        .filter(col("table").eq(lit("visits")))
        .collect()
        .unwrap();
    assert_eq!(
        texts(&r, "file"),
        [s(&rejected("2026-04.csv")), s(&rejected("2026-05.xlsx"))]
    );
    assert_eq!(texts(&r, "sheet"), [s(""), s("Заказ-наряды")]);
    assert_eq!(texts(&r, "row"), [s("3"), s("3")]);
    assert_eq!(
        texts(&r, "reason")[1],
        s(&reasons::fill(
            reasons::DUPLICATE_IN_FILE,
            &["«Номер»", "2026-03.csv", "3"]
        ))
    );
    let input = ing.inputs.iter().find(|i| i.table == "visits").unwrap();
    assert_eq!(input.path, folder.display().to_string());
    assert_eq!(input.sheet, None);
    assert_eq!(
        (input.rows_read, input.rows_accepted, input.rows_rejected),
        (6, 4, 2)
    );
    let files: Vec<_> = input
        .files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                f.rows_read,
                f.rows_accepted,
                f.rows_rejected,
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            (file("2026-03.csv"), 2, 2, 0),
            (file("2026-04.csv"), 2, 1, 1),
            (file("2026-05.xlsx"), 2, 1, 1),
        ]
    );
    // The folder's fingerprint changes with any of its files.
    let before = input.sha256.clone();
    put(
        &folder,
        "2026-03.csv",
        "Номер;Дата приёма;Код клиента;Марка\nV1;05.03.2026;C1;Lada\nV2;06.03.2026;C2;KIA\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let input = ing.inputs.iter().find(|i| i.table == "visits").unwrap();
    assert_ne!(input.sha256, before);
    assert_eq!(input.sha256.len(), 64);
}

#[test]
fn stoa_check_lists_each_file_of_a_folder_and_finds_a_reject_by_its_file() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put_visits_folder(dir.path());
    let out = check_in_english(dir.path());
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8(out.stdout).unwrap();
    let folder = dir.path().join("Визиты");
    for name in ["2026-03.csv", "2026-04.csv", "2026-05.xlsx"] {
        let line = said
            .lines()
            .find(|l| l.contains(&folder.join(name).display().to_string()))
            .unwrap_or_else(|| panic!("{name} not listed:\n{said}"));
        assert!(line.starts_with(' '), "{line}");
    }
    assert!(said.contains("file#sheet"), "{said}");
    assert!(said.contains("2026-05.xlsx#Заказ-наряды"), "{said}");
    let out = stoa()
        .args(["check", "--json", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let visits = json
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == "visits")
        .unwrap();
    assert_eq!(visits["files"].as_array().unwrap().len(), 3);
    assert_eq!(visits["files"][1]["rows_rejected"], 1);
}

#[test]
fn a_folder_of_parquet_and_csv_reads_both_and_their_money_adds_up() {
    // Order lines: one month written by a script as Parquet (typed money), the next
    // exported by hand as CSV with roubles as text.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\nV2;05.04.2026;C2;Kia\n",
    );
    put(
        dir.path(),
        "clients.csv",
        "client_id;name\nC1;Иванов\nC2;Петров\n",
    );
    let folder = dir.path().join("order_lines");
    std::fs::create_dir(&folder).unwrap();
    let mut march = df!(
        "visit_id" => ["V1", "V1"],
        "description" => ["ТО", "Масло"],
        "amount" => [1000.5, 2000.0],
    )
    .unwrap();
    ParquetWriter::new(std::fs::File::create(folder.join("2026-03.parquet")).unwrap())
        .finish(&mut march)
        .unwrap();
    put(
        &folder,
        "2026-04.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV2;Мойка;1 234,50 ₽\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    assert_eq!((input.rows_read, input.rows_accepted), (3, 3));
    assert_eq!(input.money_read, Some(4235.0));
}

#[test]
fn a_table_both_as_a_file_and_as_a_folder_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put_visits_folder(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    let out = check_in_english(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("found twice") && said.contains("visits.csv") && said.contains("Визиты"),
        "{said}"
    );
}

#[test]
fn an_empty_folder_is_an_error_and_a_folder_can_be_named_in_stoa_toml() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    std::fs::create_dir(dir.path().join("visits")).unwrap();
    // Not a table's export: stoa reads no such file.
    put(&dir.path().join("visits"), "readme.md", "exports go here\n");
    let out = check_in_english(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("the folder holds no file stoa reads"),
        "{said}"
    );
    // The exports kept elsewhere, named under [files].
    std::fs::remove_dir_all(dir.path().join("visits")).unwrap();
    let exports = dir.path().join("exports").join("zn");
    std::fs::create_dir_all(&exports).unwrap();
    put(
        &exports,
        "a.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    put(
        &exports,
        "b.csv",
        "visit_id;opened_at;client_id;brand\nV2;06.03.2026;C2;Kia\n",
    );
    put(
        dir.path(),
        "stoa.toml",
        "[files]\nvisits = \"exports/zn\"\n",
    );
    let config = Config::load(Some(&dir.path().join("stoa.toml")), dir.path()).unwrap();
    let ing = load(dir.path(), &config).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(visits.height(), 2);
    // A folder has no sheets to name.
    put(
        dir.path(),
        "stoa.toml",
        "[files]\nvisits = \"exports/zn#Лист1\"\n",
    );
    let config = Config::load(Some(&dir.path().join("stoa.toml")), dir.path()).unwrap();
    let said = load(dir.path(), &config).err().unwrap().to_string();
    assert!(said.contains("has no sheets"), "{said}");
}

#[test]
fn regression_a_file_named_in_files_that_is_not_there_is_a_mistake_of_stoa_toml() {
    // It exited 1 (bad data) with "cannot read …: the file named for `visits` in stoa.toml
    // [files] does not exist", naming neither the value written nor where it was looked for.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    put(
        &exports,
        "zn.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    put(
        dir.path(),
        "stoa.toml",
        "[files]\nvisits = \"exports/zn.cvs\"\n",
    );
    let out = check_in_english(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "error: in the configuration file {}, line 2, column 10: `visits = \"exports/zn.cvs\"` under [files] names {}, which does not exist: there is no \"zn.cvs\" in the folder {}; correct the name, relative to the data folder (did you mean `zn.csv`?), or remove the line",
        dir.path().join("stoa.toml").display(),
        exports.join("zn.cvs").display(),
        exports.display()
    );
    assert!(said.starts_with(&expected), "{said}");
    let out = stoa()
        .args(["check", "--lang", "ru", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("stoa.toml, строка 2, столбец 10: `visits = \"exports/zn.cvs\"` в разделе [files] указывает на")
            && said.contains("(может быть, `zn.csv`?)"),
        "{said}"
    );
}

#[test]
fn regression_a_folder_of_grouped_reports_counts_each_files_lines_without_the_group_rows() {
    // Each file groups its lines under a row of their visit with its subtotal. The group
    // rows were set aside from the table's rows read but still counted among each file's,
    // so the files' rows read (3 + 2) did not add up to the table's (3).
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         ЗН-1;05.03.2026 10:00;C1;Kia\n\
         ЗН-2;06.03.2026 10:00;C1;Kia\n",
    );
    let lines = dir.path().join("order_lines");
    std::fs::create_dir(&lines).unwrap();
    let head = "Заказ-наряд;Наименование;Сумма\n";
    put(
        &lines,
        "a.csv",
        &format!("{head}ЗН-1;;3000\n;ТО;1000\n;Масло;2000\n"),
    );
    put(&lines, "b.csv", &format!("{head}ЗН-2;;500\n;Мойка;500\n"));
    let ing = load(dir.path(), &Config::default()).unwrap();
    let table = ing
        .inputs
        .iter()
        .find(|r| r.table == "order_lines")
        .unwrap();
    assert_eq!((table.rows_read, table.rows_accepted), (3, 3));
    let per_file: Vec<(u64, u64)> = table
        .files
        .iter()
        .map(|f| (f.rows_read, f.rows_accepted))
        .collect();
    assert_eq!(per_file, [(2, 2), (1, 1)]);
}

#[test]
fn regression_a_visit_in_progress_in_one_months_export_is_read_from_the_next_where_it_is_done() {
    // September's export (made on the 30th) gives ЗН-2 in progress; October's gives it
    // again, done. The first row won, as SPEC §4.1 keeps the first of a duplicate key: the
    // order stayed in progress for ever, its 5 000 ₽ never counted, and October's row was
    // "duplicate visit_id". October's row is now read, and September's is named as
    // superseded. A row done in both files is still a plain duplicate.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("visits")).unwrap();
    let head = "visit_id;opened_at;closed_at;client_id;brand;status\n";
    put(
        d,
        "visits/2026-09.csv",
        &format!(
            "{head}ЗН-1;10.09.2026 10:00;10.09.2026 15:00;C1;Kia;выполнен\n\
             ЗН-2;29.09.2026 10:00;;C1;Kia;в работе\n"
        ),
    );
    put(
        d,
        "visits/2026-10.csv",
        &format!(
            "{head}ЗН-2;29.09.2026 10:00;01.10.2026 12:00;C1;Kia;выполнен\n\
             ЗН-1;10.09.2026 10:00;10.09.2026 15:00;C1;Kia;выполнен\n"
        ),
    );
    put(d, "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        d,
        "order_lines.csv",
        "visit_id;description;amount\nЗН-1;Мойка;1000\nЗН-2;Ремонт;5000\n",
    );
    let ing = load(d, &Config::default()).unwrap();
    let visits = ing
        .model
        .visits
        .clone()
        .sort(["visit_id"], Default::default())
        .collect()
        .unwrap();
    assert_eq!(
        texts(&visits, "status"),
        [Some("done".to_string()), Some("done".to_string())]
    );
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        texts(&ing.rejects, "file"),
        [s("visits/2026-09.csv"), s("visits/2026-10.csv")]
    );
    assert_eq!(texts(&ing.rejects, "row"), [s("3"), s("3")]);
    assert_eq!(
        texts(&ing.rejects, "reason"),
        [
            s(&reasons::fill(reasons::SUPERSEDED, &["2026-10.csv", "2"])),
            s(&reasons::fill(
                reasons::DUPLICATE_IN_FILE,
                &["«visit_id»", "2026-09.csv", "2"]
            )),
        ]
    );
}
