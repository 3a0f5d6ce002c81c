//! End to end: a mistake in the settings file is said with the file the run read (`--config`
//! or the data folder's `stoa.toml`), the line and column of the key, and the values the
//! key takes, in the run's language; a file that is a link to nothing is said to be one.

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

/// `stoa check` of `data` with `--config config` in `lang`: the exit code and standard
/// error.
fn check(data: &Path, config: Option<&Path>, lang: &str) -> (Option<i32>, String) {
    let mut cmd = stoa();
    cmd.args(["check", "--json", "--lang", lang, "--data"])
        .arg(data);
    if let Some(config) = config {
        cmd.arg("--config").arg(config);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn regression_a_bad_value_names_the_file_given_with_config_and_its_place() {
    // `--config "my cfg/settings.toml"` with `min_visits = 0`: the Russian named stoa.toml,
    // the English no file, and neither a line or column, which the README promises.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let folder = tmp.path().join("my cfg");
    std::fs::create_dir(&folder).unwrap();
    let settings = folder.join("settings.toml");
    put(&folder, "settings.toml", "[loyalty]\nmin_visits = 0\n");
    let (code, said) = check(&data, Some(&settings), "en");
    assert_eq!(code, Some(2));
    assert_eq!(
        said,
        format!(
            "error: in the configuration file {}, line 2, column 14: the key `loyalty.min_visits` has the value 0, but it must be a whole number of visits, 1 or more\n",
            settings.display()
        )
    );
    let (code, said) = check(&data, Some(&settings), "ru");
    assert_eq!(code, Some(2));
    assert_eq!(
        said,
        format!(
            "ошибка: в файле настроек {}, строка 2, столбец 14: у ключа `loyalty.min_visits` значение 0, а нужно целое число визитов, 1 или больше\n",
            settings.display()
        )
    );
    // A [files] entry that names nothing: found by the reading of the data, said as the
    // settings' mistake, with its file and place.
    put(
        &folder,
        "settings.toml",
        "station = \"x\"\n[files]\nvisits = \"nope.xlsx\"\n",
    );
    let (code, said) = check(&data, Some(&settings), "en");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with(&format!(
            "error: in the configuration file {}, line 3, column 10: `visits = \"nope.xlsx\"` under [files] names {}, which does not exist",
            settings.display(),
            data.join("nope.xlsx").display()
        )),
        "{said}"
    );
    let (_, said) = check(&data, Some(&settings), "ru");
    assert!(
        said.starts_with(&format!(
            "ошибка: в файле настроек {}, строка 3, столбец 10: `visits = \"nope.xlsx\"` в разделе [files] указывает на",
            settings.display()
        )),
        "{said}"
    );
    // The data folder's own stoa.toml is named as itself.
    put(&data, "stoa.toml", "[capacity]\nbays = 0\n");
    let (code, said) = check(&data, None, "en");
    assert_eq!(code, Some(2));
    assert!(
        said.starts_with(&format!(
            "error: in the configuration file {}, line 2, column 8: the key `capacity.bays` has the value 0, but it must be a whole number of bays, 1 or more",
            data.join("stoa.toml").display()
        )),
        "{said}"
    );
}

#[test]
fn regression_the_type_error_of_a_key_says_the_values_its_check_takes() {
    // `bays = "два"` was told "a whole number, 0 or more", and `bays = 0` then "at least 1".
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let config = tmp.path().join("t.toml");
    for (text, russian) in [
        ("[capacity]\nbays = \"два\"\n", "строка 2, столбец 8: ключ `capacity.bays`: неверное значение (текст \"два\"): нужно целое число постов, 1 или больше"),
        ("[capacity]\nbays = 0\n", "строка 2, столбец 8: у ключа `capacity.bays` значение 0, а нужно целое число постов, 1 или больше"),
    ] {
        std::fs::write(&config, text).unwrap();
        let (code, said) = check(&data, Some(&config), "ru");
        assert_eq!(code, Some(2));
        assert!(said.contains(russian), "{said}");
    }
}

#[test]
fn regression_a_syntax_mistake_is_said_in_the_runs_language() {
    // A Cyrillic key and an unclosed text were the TOML reader's English ("invalid unquoted
    // key", "invalid basic string") inside a Russian message.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let config = tmp.path().join("t.toml");
    for (text, russian, english) in [
        (
            "станция = \"Центр\"\n",
            "строка 1, столбец 1: ключ пишется латинскими буквами, цифрами, `-` и `_`",
            "line 1, column 1: a key is written in Latin letters, digits, `-` and `_`",
        ),
        (
            "station = \"Центр\n",
            "строка 1, столбец 17: текст в кавычках не закрыт: закончите его знаком \" в той же строке",
            "line 1, column 17: a text in quotes is not closed: end it with \" on the same line",
        ),
        (
            "[capacity]\nhours_per_day = 10,5\n",
            "дробную часть числа отделяйте точкой (10.5), а не запятой",
            "a number's decimals follow a point (10.5), not a comma",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        let (code, said) = check(&data, Some(&config), "ru");
        assert_eq!(code, Some(2));
        assert!(said.contains(russian), "{said}");
        for parser in ["invalid", "expected", "unquoted", "string"] {
            assert!(!said.contains(parser), "{said}");
        }
        let (_, said) = check(&data, Some(&config), "en");
        assert!(said.contains(english), "{said}");
    }
}

#[cfg(unix)]
#[test]
fn regression_a_file_that_is_a_link_to_nothing_is_said_to_be_one() {
    // A broken link named visits.xlsx: "add a file named visits.xlsx", of a file the user
    // sees in the folder.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    std::fs::remove_file(data.join("visits.csv")).unwrap();
    let gone = tmp.path().join("gone").join("visits.xlsx");
    std::os::unix::fs::symlink(&gone, data.join("visits.xlsx")).unwrap();
    let (code, said) = check(&data, None, "en");
    assert_eq!(code, Some(1));
    assert_eq!(
        said,
        format!(
            "error: the required table `visits` was not found in {}: {} is a link to {}, which does not exist; restore the file it points to, or put the table's file itself in place of the link\n",
            data.display(),
            data.join("visits.xlsx").display(),
            gone.display()
        )
    );
    let (_, said) = check(&data, None, "ru");
    assert!(
        said.contains(&format!(
            "{} — символическая ссылка на {}, а такого файла нет",
            data.join("visits.xlsx").display(),
            gone.display()
        )),
        "{said}"
    );
    // Named under [files], and as the settings file itself.
    put(&data, "stoa.toml", "[files]\nvisits = \"visits.xlsx\"\n");
    let (code, said) = check(&data, None, "en");
    assert_eq!(code, Some(2));
    assert!(
        said.contains("a link to") && said.contains("restore the file it points to"),
        "{said}"
    );
    // The data folder itself.
    let data_link = tmp.path().join("data-link");
    std::os::unix::fs::symlink(tmp.path().join("moved"), &data_link).unwrap();
    let (code, said) = check(&data_link, None, "ru");
    assert_eq!(code, Some(2));
    assert!(
        said.contains("— символическая ссылка на") && said.contains("moved"),
        "{said}"
    );
    let link = tmp.path().join("settings.toml");
    std::os::unix::fs::symlink(tmp.path().join("nowhere.toml"), &link).unwrap();
    let (code, said) = check(&data, Some(&link), "en");
    assert_eq!(code, Some(2));
    assert!(
        said.contains(&format!(
            "the configuration file {} is a link to {}, which does not exist",
            link.display(),
            tmp.path().join("nowhere.toml").display()
        )),
        "{said}"
    );
}

#[test]
fn regression_a_files_mistake_names_the_settings_file_to_a_library_caller_too() {
    // `ingest::load` said `stoa.toml` of whatever file the settings came from, and no
    // place in it: only the commands reworded its errors, after it returned. A folder
    // named with a sheet was even bad data (exit 1).
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Визиты").unwrap();
    for (c, text) in ["visit_id", "opened_at", "client_id", "brand"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *text).unwrap();
    }
    for (c, text) in ["1", "15.01.2026", "C1", "Lada"].iter().enumerate() {
        sheet.write_string(1, c as u16, *text).unwrap();
    }
    book.save(data.join("zn.xlsx")).unwrap();
    std::fs::create_dir(data.join("exports")).unwrap();
    let folder = tmp.path().join("my cfg");
    std::fs::create_dir(&folder).unwrap();
    let settings = folder.join("settings.toml");
    for (entry, says) in [
        (
            "visits = \"zn.xlsx#Заказы\"",
            format!(
                "[files] names the sheet «Заказы» of {} for `visits`, but the workbook has no such sheet; its sheets are «Визиты»",
                data.join("zn.xlsx").display()
            ),
        ),
        (
            "visits = \"nope.xlsx\"",
            format!(
                "`visits = \"nope.xlsx\"` under [files] names {}, which does not exist",
                data.join("nope.xlsx").display()
            ),
        ),
        (
            "visits = \"exports#Лист1\"",
            format!(
                "`visits = \"exports#Лист1\"` under [files] names the folder {} with a sheet, but a folder has no sheets",
                data.join("exports").display()
            ),
        ),
    ] {
        put(
            &folder,
            "settings.toml",
            &format!("station = \"x\"\n[files]\n{entry}\n"),
        );
        let config = stoa::config::Config::load(Some(&settings), &data).unwrap();
        let e = stoa::ingest::load(&data, &config).err().unwrap();
        let said = e.to_string();
        let place = format!(
            "in the configuration file {}, line 3, column 10: ",
            settings.display()
        );
        assert!(said.starts_with(&format!("{place}{says}")), "{said}");
        assert!(!said.contains("stoa.toml"), "{said}");
        assert_eq!(e.exit_code(), stoa::error::ExitCode::Usage);
        // The binary says the same, in Russian too.
        let (code, said) = check(&data, Some(&settings), "en");
        assert_eq!(code, Some(2));
        assert!(said.starts_with(&format!("error: {place}{says}")), "{said}");
        let (code, said) = check(&data, Some(&settings), "ru");
        assert_eq!(code, Some(2));
        assert!(
            said.starts_with(&format!(
                "ошибка: в файле настроек {}, строка 3, столбец 10: ",
                settings.display()
            )),
            "{said}"
        );
        for english in [" the ", "under", "names"] {
            assert!(!said.contains(english), "{said}");
        }
    }
}

#[test]
fn regression_a_windows_path_in_double_quotes_stops_the_run_saying_how_to_write_it() {
    // `visits = "C:\exports\report.xlsx"`: TOML reads `\e` as the escape character and `\r`
    // as a carriage return, without an error; the run then said there was no such file,
    // quoting a path that looked right.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let settings = tmp.path().join("settings.toml");
    put(
        tmp.path(),
        "settings.toml",
        "station = \"x\"\n[files]\nvisits = \"C:\\exports\\report.xlsx\"\n",
    );
    let (code, said) = check(&data, Some(&settings), "en");
    assert_eq!(code, Some(2));
    assert_eq!(
        said,
        format!(
            "error: in the configuration file {}, line 3, column 10: the path \"C:\\exports\\report.xlsx\" of `files.visits` is in double quotes, where a backslash begins an escape: `\\e` in it is read as one special character, not as a backslash before a name, so the path names no file; write it in single quotes ('C:\\exports\\report.xlsx') or with forward slashes (\"C:/exports/report.xlsx\")\n",
            settings.display()
        )
    );
    let (code, said) = check(&data, Some(&settings), "ru");
    assert_eq!(code, Some(2));
    assert_eq!(
        said,
        format!(
            "ошибка: в файле настроек {}, строка 3, столбец 10: путь \"C:\\exports\\report.xlsx\" в `files.visits` записан в двойных кавычках, а в них обратная косая черта начинает особую последовательность: `\\e` читается как один особый символ, а не как черта перед именем, и путь не указывает ни на какой файл; запишите его в одинарных кавычках ('C:\\exports\\report.xlsx') или с прямыми косыми чертами (\"C:/exports/report.xlsx\")\n",
            settings.display()
        )
    );
    // Written as advised, the path is read as meant: a file that is not there is said so.
    put(
        tmp.path(),
        "settings.toml",
        "station = \"x\"\n[files]\nvisits = 'C:\\exports\\report.xlsx'\n",
    );
    let (code, said) = check(&data, Some(&settings), "en");
    assert_eq!(code, Some(2));
    assert!(said.contains("which does not exist"), "{said}");
    assert!(said.contains("report.xlsx"), "{said}");
}
