//! End to end: a mistyped command line (clap's usage errors) is answered in the language
//! the command speaks, with exit code 2: Russian for a station's `check`, `report` and
//! `split` unless `--lang` or `stoa.toml` say English; English for `generate` and `clv`.
//! The help pages (`--help`, `stoa help CMD`) follow the same rule, with exit code 0.

use crate::common;
use common::*;
use predicates::prelude::PredicateBooleanExt;

#[test]
fn regression_a_mistyped_option_of_report_is_said_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    stoa()
        .args(["report", "--data"])
        .arg(tmp.path())
        .args(["--mont", "2026-10"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ошибка: неизвестный параметр «--mont»; возможно, имелось в виду «--month»",
        ))
        .stderr(predicates::str::contains("stoa report --help"));
    stoa()
        .args(["check", "--data"])
        .arg(tmp.path())
        .args(["--lang", "de"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "значение «de» не подходит для --lang <LANG>; возможные значения: en, ru",
        ));
    stoa()
        .args(["reprot", "--data"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "неизвестная команда «reprot»; возможно, имелось в виду «report»",
        ));
}

#[test]
fn a_usage_error_is_english_where_the_command_speaks_english() {
    let tmp = tempfile::tempdir().unwrap();
    // --lang en on the command line.
    stoa()
        .args(["report", "--lang", "en", "--data"])
        .arg(tmp.path())
        .arg("--mont")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unexpected argument '--mont'"));
    // language = "en" in the data's stoa.toml.
    put(tmp.path(), "stoa.toml", "language = \"en\"\n");
    stoa()
        .args(["report", "--data"])
        .arg(tmp.path())
        .args(["--by-station", "--station", "A"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
    // generate speaks English.
    stoa()
        .args(["generate", "--format", "xyz"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value 'xyz'"));
}

#[test]
fn regression_help_speaks_the_language_of_the_command() {
    // A Russian station's `--help` was the one page of `report` still in English.
    let tmp = tempfile::tempdir().unwrap();
    stoa()
        .args(["report", "--help", "--data"])
        .arg(tmp.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "Использование: stoa report [ПАРАМЕТРЫ]",
        ))
        .stdout(predicates::str::contains(
            "--month <MONTH>      Месяц отчёта",
        ));
    stoa()
        .current_dir(tmp.path())
        .args(["help", "check"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "Записать каждую отклонённую строку",
        ));
    // English where the command speaks English: --lang en, stoa.toml, generate.
    stoa()
        .args(["report", "--lang", "en", "--help"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Usage: stoa report [OPTIONS]"));
    put(tmp.path(), "stoa.toml", "language = \"en\"\n");
    stoa()
        .args(["split", "-h", "--data"])
        .arg(tmp.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "File format of the stations' tables",
        ));
    stoa()
        .args(["generate", "--help"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Number of clients"));
}

#[test]
fn a_malformed_closed_date_is_a_usage_error_naming_the_key_and_value() {
    let tmp = tempfile::tempdir().unwrap();
    put(
        tmp.path(),
        "stoa.toml",
        "language = \"en\"\n[capacity]\nclosed = [\"2026-01-01\", \"2026-13-01\"]\n",
    );
    stoa()
        .args(["report", "--data"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "stoa.toml, line 3, column 10: the key `capacity.closed` has the value \"2026-13-01\"",
        ));
}

#[test]
fn regression_an_option_given_twice_is_said_to_be_given_twice_not_to_conflict_with_itself() {
    // clap reports a repeated option as an argument conflict with itself; the Russian read
    // «параметр --data <DATA> нельзя указать вместе с --data <DATA>».
    let tmp = tempfile::tempdir().unwrap();
    stoa()
        .args(["report", "--data"])
        .arg(tmp.path())
        .arg("--data")
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ошибка: параметр --data указан дважды; укажите его один раз",
        ))
        .stderr(predicates::str::contains("нельзя указать вместе").not());
    // A conflict of two options is still said as one.
    stoa()
        .args(["report", "--data"])
        .arg(tmp.path())
        .args(["--by-station", "--station", "A"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("нельзя указать вместе с"));
}
