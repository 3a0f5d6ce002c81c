//! End to end (session 35): settings that passed without a word or panicked the report are
//! refused as usage errors (exit 2) naming the key, in English and in Russian whole.

use std::path::Path;

use crate::common;
use common::*;

/// A small station.
fn station(dir: &Path) -> std::path::PathBuf {
    small_data(
        dir,
        "visit_id;opened_at;client_id;brand\n1;15.01.2026;C1;Lada\n2;31.03.2026;C2;Kia\n",
        "1;ТО;1000\n2;Мойка;500\n",
    )
}

/// `stoa report --lang LANG` of `data` with `settings` as its stoa.toml: the exit code and
/// standard error.
fn report_with(dir: &Path, data: &Path, settings: &str, lang: &str) -> (Option<i32>, String) {
    put(data, "stoa.toml", settings);
    let out = report_command(data, &dir.join("out"), &["--lang", lang])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn regression_a_huge_max_age_days_is_a_usage_error_not_a_panic() {
    // `max_age_days = 99999999` made the report panic (exit 101) subtracting it from the
    // as-of date.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let (code, said) = report_with(
        tmp.path(),
        &data,
        "[competitors]\nmax_age_days = 99999999\n",
        "en",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("line 2, column 16: the key `competitors.max_age_days` has the value 99999999, but it must be a whole number of days from 0 to 36500"),
        "{said}"
    );
    let (code, said) = report_with(
        tmp.path(),
        &data,
        "[reminders]\nhorizon_days = 99999999\n",
        "ru",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("строка 2, столбец 16: у ключа `reminders.horizon_days` значение 99999999, а нужно целое число дней от 0 до 36500"),
        "{said}"
    );
}

#[test]
fn regression_a_sheet_after_a_csv_file_is_refused() {
    // `visits = "visits.csv#Лист1"` read the CSV whole, the sheet passed over without a
    // word.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let (code, said) = report_with(
        tmp.path(),
        &data,
        "[files]\nvisits = \"visits.csv#Лист1\"\n",
        "en",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("line 2, column 10: `visits = \"visits.csv#Лист1\"` under [files] names")
            && said
                .contains("with the sheet «Лист1», but a CSV file has no sheets: remove `#Лист1`"),
        "{said}"
    );
    let (code, said) = report_with(
        tmp.path(),
        &data,
        "[files]\nvisits = \"visits.csv#Лист1\"\n",
        "ru",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("с листом «Лист1», но файл CSV не делится на листы: уберите `#Лист1`"),
        "{said}"
    );
}

#[test]
fn regression_a_file_whose_name_holds_a_hash_is_read_as_named() {
    // `visits = "zn #2.csv"` was taken for the sheet `2.csv` of a file `zn ` that is not
    // there.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    std::fs::rename(data.join("visits.csv"), data.join("zn #2.csv")).unwrap();
    put(&data, "stoa.toml", "[files]\nvisits = \"zn #2.csv\"\n");
    let said = check_said(&data);
    assert!(said.contains("zn #2.csv"), "{said}");
}

#[test]
fn regression_a_value_of_the_wrong_type_is_said_in_russian_whole_with_its_key() {
    // The reader's error named no key, and left serde's words in the Russian.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    for (settings, key, line) in [
        (
            "[capacity]\nbays = \"два\"\n",
            "`capacity.bays`",
            "строка 2",
        ),
        ("capacity = [1]\n", "`capacity`", "строка 1"),
        ("[capacity]\nbays = [2]\n", "`capacity.bays`", "строка 2"),
        (
            "[loyalty]\nbands = { a = 1 }\n",
            "`loyalty.bands`",
            "строка 2",
        ),
        (
            "[[holidays.fixed]]\nday = 1\nname = \"x\"\n",
            "`month`",
            "строка 1",
        ),
    ] {
        let (code, said) = report_with(tmp.path(), &data, settings, "ru");
        assert_eq!(code, Some(2), "{settings}: {said}");
        assert!(
            said.contains(key) && said.contains(line),
            "{settings}: {said}"
        );
        for english in [
            "invalid", "expected", "type", "sequence", "map", "missing", "field", "the key",
            "string", "u32",
        ] {
            assert!(!said.contains(english), "{settings}: {said}");
        }
    }
}

#[test]
fn regression_an_unknown_currency_is_refused_with_the_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let (code, said) = report_with(tmp.path(), &data, "currency = \"рубли\"\n", "ru");
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("у ключа `currency` значение \"рубли\", а нужен код валюты, в которой ведётся учёт, один из RUB, BYN, KZT"),
        "{said}"
    );
}

#[test]
fn regression_a_sheet_after_a_parquet_file_is_refused() {
    // As after a CSV file: `visits.parquet#Лист1` read the file whole, the sheet passed
    // over without a word. Pinned until now by a unit test of the locating alone.
    use polars::prelude::*;
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    std::fs::remove_file(data.join("visits.csv")).unwrap();
    let mut visits = df!(
        "visit_id" => ["1", "2"],
        "opened_at" => ["15.01.2026", "31.03.2026"],
        "client_id" => ["C1", "C2"],
        "brand" => ["Lada", "Kia"],
    )
    .unwrap();
    let file = std::fs::File::create(data.join("visits.parquet")).unwrap();
    ParquetWriter::new(file).finish(&mut visits).unwrap();
    let sheet = "[files]\nvisits = \"visits.parquet#Лист1\"\n";
    let (code, said) = report_with(tmp.path(), &data, sheet, "en");
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("with the sheet «Лист1», but a Parquet file has no sheets: remove `#Лист1`"),
        "{said}"
    );
    let (code, said) = report_with(tmp.path(), &data, sheet, "ru");
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("с листом «Лист1», но файл Parquet не делится на листы"),
        "{said}"
    );
    // Named whole, the same file is the station's visits.
    let whole = "[files]\nvisits = \"visits.parquet\"\n";
    let (code, said) = report_with(tmp.path(), &data, whole, "en");
    assert_eq!(code, Some(0), "{said}");
}
