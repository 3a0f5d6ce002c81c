//! A visit's time of day in a column of its own (`Дата` | `Время`), as journals kept in
//! Excel and some CRMs export it: read into the date-time, its bad cells rejected like any
//! other; and visits with no time of day at all named in a warning, since the weekday ×
//! hour load would put them all at midnight.

use std::path::Path;

use crate::common;
use common::{put, texts, warnings_of};

use polars::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// Clients C1, C2 and a line for each of the visits.
fn put_clients_and_lines(dir: &Path, visits: &[&str]) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
    let lines: String = visits.iter().map(|v| format!("{v};ТО;100\n")).collect();
    put(
        dir,
        "order_lines.csv",
        &format!("visit_id;description;amount\n{lines}"),
    );
}

/// The visits' `column` as `yyyy-mm-dd hh:mm:ss` text.
fn date_times(ing: &stoa::ingest::Ingested, column: &str) -> Vec<Option<String>> {
    let visits = ing.model.visits.clone().collect().unwrap();
    texts(&visits, column)
        .into_iter()
        .map(|t| t.map(|t| t.replace(".000", "")))
        .collect()
}

#[test]
fn regression_a_time_column_of_a_workbook_is_read_into_the_date() {
    // Before, `Время` named no column: every visit opened at midnight, and the weekday ×
    // hour load put the station's whole week at 0:00 without a word.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2", "V3"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Визиты").unwrap();
    ws.write_row(
        0,
        0,
        [
            "Номер",
            "Дата",
            "Время",
            "Клиент",
            "Марка",
            "Дата выдачи",
            "Время выдачи",
        ],
    )
    .unwrap();
    let (date, time) = (
        Format::new().set_num_format("dd.mm.yyyy"),
        Format::new().set_num_format("hh:mm"),
    );
    let rows = [
        ("V1", 5, (10, 42), Some((18, 5))),
        ("V2", 6, (9, 0), None),
        ("V3", 7, (17, 30), Some((17, 55))),
    ];
    for (i, (id, day, (h, m), closed)) in rows.into_iter().enumerate() {
        let r = i as u32 + 1;
        let d = ExcelDateTime::from_ymd(2026, 3, day).unwrap();
        ws.write_string(r, 0, id).unwrap();
        ws.write_datetime_with_format(r, 1, &d, &date).unwrap();
        let t = ExcelDateTime::from_hms(h, m, 0).unwrap();
        ws.write_datetime_with_format(r, 2, &t, &time).unwrap();
        ws.write_row(r, 3, ["C1", "Lada"]).unwrap();
        if let Some((h, m)) = closed {
            ws.write_datetime_with_format(r, 5, &d, &date).unwrap();
            let t = ExcelDateTime::from_hms(h, m, 0).unwrap();
            ws.write_datetime_with_format(r, 6, &t, &time).unwrap();
        }
    }
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0);
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        date_times(&ing, "opened_at"),
        [
            s("2026-03-05 10:42:00"),
            s("2026-03-06 09:00:00"),
            s("2026-03-07 17:30:00")
        ]
    );
    assert_eq!(
        date_times(&ing, "closed_at"),
        [s("2026-03-05 18:05:00"), None, s("2026-03-07 17:55:00")]
    );
    // The model has the date-times, not the time columns.
    let visits = ing.model.visits.clone().collect().unwrap();
    assert!(visits.column("opened_time").is_err());
    assert!(visits.column("closed_time").is_err());
    let file = dir.path().join("visits.xlsx").display().to_string();
    let warned = warnings_of(&ing, "visits");
    assert_eq!(
        warned,
        [
            reasons::fill(
                reasons::TIMES_JOINED,
                &["3", "«Время»", &file, "«Дата»", "2026-03-05 10:42"]
            ),
            reasons::fill(
                reasons::TIMES_JOINED,
                &[
                    "2",
                    "«Время выдачи»",
                    &file,
                    "«Дата выдачи»",
                    "2026-03-05 18:05"
                ]
            ),
        ]
    );
    assert!(ing
        .warnings
        .iter()
        .filter(|w| w.table == "visits")
        .all(|w| w.is_for_the_terminal()));
}

#[test]
fn a_bad_time_rejects_its_row_and_a_date_with_its_own_time_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V3", "V4"]);
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Время;Клиент;Марка\n\
         V1;05.03.2026;10:42;C1;Kia\n\
         V2;06.03.2026;25:10;C1;Kia\n\
         V3;07.03.2026;;C2;Kia\n\
         V4;08.03.2026 09:00;11:00;C2;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        date_times(&ing, "opened_at"),
        [
            s("2026-03-05 10:42:00"),
            s("2026-03-07 00:00:00"),
            s("2026-03-08 09:00:00")
        ]
    );
    // V2's hour does not exist: the row is rejected, naming the time's column and cell.
    assert_eq!(texts(&ing.rejects, "table"), [s("visits")]);
    assert_eq!(texts(&ing.rejects, "row")[0], s("3"));
    assert_eq!(texts(&ing.rejects, "column")[0], s("Время"));
    assert_eq!(texts(&ing.rejects, "value")[0], s("25:10"));
    assert_eq!(texts(&ing.rejects, "reason")[0], s(reasons::TIME));
    // One visit took its time; V4 kept its own 09:00; V3's empty time is named.
    let file = dir.path().join("visits.csv").display().to_string();
    assert_eq!(
        warnings_of(&ing, "visits"),
        [
            reasons::fill(
                reasons::TIMES_JOINED,
                &["1", "«Время»", &file, "«Дата»", "2026-03-05 10:42"]
            ),
            reasons::fill(reasons::OPENED_WITHOUT_TIME, &["1", "«V3»"])
        ]
    );
}

#[test]
fn visits_without_any_time_of_day_are_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2"]);
    // `Время ремонта` is how long, not when: never read as the time of day.
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата приёма;Время ремонта;Клиент;Марка\n\
         V1;05.03.2026;2:30;C1;Kia\n\
         V2;06.03.2026;1:00;C1;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0);
    let warned = warnings_of(&ing, "visits");
    assert_eq!(
        warned,
        [reasons::fill(
            reasons::NO_TIME_OF_DAY,
            &["2", "«Дата приёма»"]
        )]
    );
    assert!(ing
        .warnings
        .iter()
        .filter(|w| w.table == "visits")
        .all(|w| w.is_for_the_terminal()));
    // One visit with a time is enough not to say it of the table; the visit without one
    // is named instead.
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата приёма;Клиент;Марка\nV1;05.03.2026;C1;Kia\nV2;06.03.2026 10:00;C1;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(
        warnings_of(&ing, "visits"),
        [reasons::fill(reasons::OPENED_WITHOUT_TIME, &["1", "«V1»"])]
    );
}

#[test]
fn regression_an_opening_of_a_date_alone_is_left_out_of_the_turnaround_and_named() {
    // V1 was typed in by hand as "05.03.2026" (no time) and closed 17:00 the same day:
    // its turnaround read 17 hours, counted from midnight, with no word. It is now left
    // out of the turnaround, as a closing of a date alone is, and named in a warning.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2"]);
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;closed_at;client_id;brand\n\
         V1;05.03.2026;05.03.2026 17:00;C1;Lada\n\
         V2;06.03.2026 10:00;06.03.2026 12:30;C2;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let warned = warnings_of(&ing, "visits");
    assert_eq!(
        warned,
        [reasons::fill(reasons::OPENED_WITHOUT_TIME, &["1", "«V1»"])]
    );
    let facts = stoa::analytics::management::facts::visit_facts(
        &ing.model,
        &[stoa::analytics::period::Month::new(2026, 3).unwrap()],
    )
    .unwrap()
    .select([col("visit_id"), col("turnaround_hours")])
    .sort(["visit_id"], Default::default())
    .collect()
    .unwrap();
    let hours: Vec<Option<f64>> = facts
        .column("turnaround_hours")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(hours, [None, Some(2.5)]);
}

#[test]
fn a_time_column_named_in_the_configuration_is_read() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1"]);
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Час прибытия;Клиент;Марка\nV1;05.03.2026;8:15:30;C1;Kia\n",
    );
    let toml = "[columns.visits]\nopened_time = [\"Час прибытия\"]\n";
    put(dir.path(), "stoa.toml", toml);
    let config = Config::load(None, dir.path()).unwrap();
    let ing = load(dir.path(), &config).unwrap();
    assert_eq!(
        date_times(&ing, "opened_at"),
        [Some("2026-03-05 08:15:30".to_string())]
    );
}

#[test]
fn regression_a_closing_of_a_date_alone_is_named_not_called_before_the_opening() {
    // V1 opened 10:00 and closed "05.03.2026", the same day, a date alone: it was "closed
    // before it was opened; correct their dates", though the dates were right. It is now
    // named as a closing without a time of day; V2's real mistake is still named.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2"]);
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;closed_at;client_id;brand\n\
         V1;05.03.2026 10:00;05.03.2026;C1;Lada\n\
         V2;06.03.2026 10:00;06.03.2026 09:00;C2;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let warned = warnings_of(&ing, "visits");
    let before: Vec<_> = warned
        .iter()
        .filter_map(|w| reasons::parse(reasons::CLOSED_BEFORE_OPENED, w))
        .collect();
    assert_eq!(before.len(), 1, "{warned:?}");
    assert_eq!(before[0], ["1", "«V2»"]);
    let dated: Vec<_> = warned
        .iter()
        .filter_map(|w| reasons::parse(reasons::CLOSED_WITHOUT_TIME, w))
        .collect();
    assert_eq!(dated, [["1", "«V1»"]], "{warned:?}");
}

#[test]
fn regression_a_day_the_month_does_not_have_is_said_to_be_no_such_date() {
    // 31.02.2026 was rejected as "unparseable date: expected dd.mm.yyyy…", which the user
    // had written; 29.02.2025 likewise. A word in the cell is still "unparseable".
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2", "V3", "V4"]);
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         V1;05.03.2026;C1;Lada\n\
         V2;31.02.2026;C2;Kia\n\
         V3;29.02.2025 10:00;C2;Kia\n\
         V4;вчера;C2;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let reasons_of: Vec<Option<String>> = texts(&ing.rejects, "reason")
        .into_iter()
        .zip(texts(&ing.rejects, "table"))
        .filter(|(_, t)| t.as_deref() == Some("visits"))
        .map(|(r, _)| r)
        .collect();
    assert_eq!(reasons_of.len(), 3, "{reasons_of:?}");
    assert_eq!(reasons_of[0].as_deref(), Some(reasons::NO_SUCH_DAY));
    assert_eq!(reasons_of[1].as_deref(), Some(reasons::NO_SUCH_DAY));
    assert!(reasons_of[2]
        .as_deref()
        .unwrap()
        .starts_with("unparseable date"));
}

#[test]
fn regression_a_birth_date_after_the_data_is_named_in_a_warning() {
    // C2 was typed "11.04.2094" for 1994: the greetings left him out without a word. He is
    // still left out, and now named, so that the date is corrected.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2"]);
    put(
        dir.path(),
        "clients.csv",
        "client_id;name;birthday;consent\nC1;Иванов;10.04.1980;да\nC2;Петров;11.04.2094;да\nC3;Сидоров;;нет\n",
    );
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026 10:00;C1;Lada\nV2;06.03.2026 10:00;C2;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(
        warnings_of(&ing, "clients"),
        [reasons::fill(
            reasons::UNBORN,
            &["1", "«C2»", "2094-04-11", "2026-03-06"]
        )]
    );
}

#[test]
fn regression_a_parquet_time_column_is_read_into_the_date() {
    // A script's Parquet: `opened_at` a Date and `opened_time` a Time64 (time of day).
    // Before, the time column was not read: every visit opened at midnight.
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2", "V3"]);
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let ns = |h: i64, m: i64| Some((h * 60 + m) * 60 * 1_000_000_000);
    let mut df = df!(
        "visit_id" => ["V1", "V2", "V3"],
        "opened_at" => [day(5), day(6), day(7)],
        "opened_time" => [ns(10, 42), None, ns(17, 30)],
        "client_id" => ["C1", "C1", "C2"],
        "brand" => ["Lada", "Kia", "Lada"],
    )
    .unwrap()
    .lazy()
    .with_column(col("opened_time").cast(DataType::Time))
    .collect()
    .unwrap();
    assert_eq!(df.column("opened_time").unwrap().dtype(), &DataType::Time);
    let f = std::fs::File::create(dir.path().join("visits.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        date_times(&ing, "opened_at"),
        [
            s("2026-03-05 10:42:00"),
            s("2026-03-06 00:00:00"),
            s("2026-03-07 17:30:00")
        ]
    );
    let joined: Vec<Vec<&str>> = warnings_of(&ing, "visits")
        .into_iter()
        .filter_map(|w| reasons::parse(reasons::TIMES_JOINED, w))
        .collect();
    assert_eq!(joined.len(), 1, "{:?}", ing.warnings);
    assert_eq!(joined[0][0], "2");
}

#[test]
fn regression_the_time_column_warning_names_the_file_and_date_column_of_a_folder_that_has_them() {
    // Visits in a folder: a.csv writes its times inside `Date`, b.csv has `Дата приёма` |
    // `Время`. The warning named the folder and the first file's `Date`.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path(), &["V1", "V2", "V3"]);
    let visits = dir.path().join("visits");
    std::fs::create_dir(&visits).unwrap();
    put(
        &visits,
        "a.csv",
        "Visit ID,Date,Client,Make\nV1,2026-10-01 09:00,C1,Kia\n",
    );
    put(
        &visits,
        "b.csv",
        "Номер;Дата приёма;Время;Код клиента;Марка\nV2;03.10.2026;9:05;C1;Kia\nV3;04.10.2026;10:15;C2;Kia\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let said = warnings_of(&ing, "visits")
        .into_iter()
        .find(|w| w.contains("time of day from"))
        .unwrap_or_else(|| panic!("{:?}", ing.warnings))
        .to_string();
    let b = visits.join("b.csv").display().to_string();
    assert!(
        said.starts_with("2 visits took their time of day"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "the column «Время» of {b} into the date of «Дата приёма»"
        )),
        "{said}"
    );
    assert!(!said.contains("«Date»"), "{said}");
}
