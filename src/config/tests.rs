//! The configuration's tests: reading stoa.toml, its checks and its messages.

use super::*;

#[test]
fn regression_a_stoa_toml_saved_as_windows_1251_is_read() {
    // Notepad's "ANSI" on a Russian Windows: it stopped the run with exit code 3 and
    // a half-English "stream did not contain valid UTF-8".
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("station = \"СТО Центр\"\r\n");
    std::fs::write(dir.path().join("stoa.toml"), &bytes).unwrap();
    let config = Config::load(None, dir.path()).unwrap();
    assert_eq!(config.station, "СТО Центр");
    // A folder named as the file is a usage error that says so.
    let err = Config::load(Some(dir.path()), dir.path()).unwrap_err();
    assert!(matches!(err, ConfigError::Folder { .. }));
    assert_eq!(err.exit_code(), crate::error::ExitCode::Usage);
}

#[test]
fn regression_an_invalid_configuration_still_says_its_language() {
    // Its error was said in Russian though the file asks for English.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2.toml");
    std::fs::write(&path, "language = \"en\"\n[capacity]\nbays = 0\n").unwrap();
    assert!(Config::load(Some(&path), dir.path()).is_err());
    assert_eq!(Config::language_of(Some(&path), dir.path()), Some(Lang::En));
    std::fs::write(&path, "language = \"en\"\nstation = \"x").unwrap();
    assert_eq!(Config::language_of(Some(&path), dir.path()), None);
}

#[test]
fn a_station_capacity_is_checked_like_the_chain_capacity() {
    let ok = Config::from_toml(
        "[stations.\"Север\".capacity]\nbays = 2\nhours_per_day = 8\ndays_per_week = 5\n",
        "stoa.toml",
    )
    .unwrap();
    let c = ok.stations["Север"].capacity.as_ref().unwrap();
    assert_eq!((c.bays, c.hours_per_day, c.days_per_week), (2, 8.0, 5));
    // Keys left out take the defaults; a station without a capacity is allowed.
    let partial = Config::from_toml("[stations.\"Юг\"]\n", "stoa.toml").unwrap();
    assert_eq!(partial.stations["Юг"].capacity, None);
    let bad = Config::from_toml("[stations.\"Север\".capacity]\nbays = 0\n", "stoa.toml")
        .unwrap_err()
        .to_string();
    assert!(
        bad.contains("the key `stations.\"Север\".capacity.bays` has the value 0"),
        "{bad}"
    );
    let unknown = Config::from_toml("[stations.\"Север\"]\nlifts = 2\n", "stoa.toml");
    assert!(unknown.is_err());
    let twice = Config::from_toml("[stations.\"Север\"]\n[stations.\" СЕВЕР\"]\n", "stoa.toml");
    assert_eq!(
        twice.unwrap_err().to_string(),
        "in the configuration file stoa.toml, line 1, column 11: there are settings for the station \" СЕВЕР\" and for \"Север\" under [stations], which are one station (names match trimmed, with white space inside as one space, in any case): keep one of [stations.\" СЕВЕР\"] and [stations.\"Север\"], with the settings of both"
    );
    // After normalising the white space inside, too.
    let twice = Config::from_toml("[stations.\"Север 2\"]\n[stations.\"север\\n2\"]\n", "t");
    assert!(twice
        .unwrap_err()
        .to_string()
        .contains("\"Север 2\" and for \"север\\n2\""));
}

#[test]
fn closed_dates_are_read_and_a_malformed_one_is_named() {
    let c = Config::from_toml(
        "[capacity]\nclosed = [\"2026-01-01\", \" 2026-01-02 \"]\n[stations.\"Север\".capacity]\nclosed = [\"2026-03-09\"]\n",
        "stoa.toml",
    )
    .unwrap();
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert!(c.capacity.is_closed(d(1, 1)) && c.capacity.is_closed(d(1, 2)));
    assert!(!c.capacity.is_closed(d(1, 3)));
    let north = c.stations["Север"].capacity.as_ref().unwrap();
    assert!(north.is_closed(d(3, 9)) && !north.is_closed(d(1, 1)));
    // None by default: no calendar is guessed.
    assert!(Config::default().capacity.closed.is_empty());
    for (text, key, value) in [
        (
            "[capacity]\nclosed = [\"2026-02-30\"]\n",
            "`capacity.closed`",
            "\"2026-02-30\"",
        ),
        (
            "[capacity]\nclosed = [\"01.01.2026\"]\n",
            "`capacity.closed`",
            "\"01.01.2026\"",
        ),
        (
            "[stations.\"Север\".capacity]\nclosed = [\"2026-1-1x\"]\n",
            "`stations.\"Север\".capacity.closed`",
            "\"2026-1-1x\"",
        ),
    ] {
        let err = Config::from_toml(text, "stoa.toml").unwrap_err();
        assert_eq!(err.exit_code(), crate::error::ExitCode::Usage);
        let said = err.to_string();
        assert!(said.contains(key) && said.contains(value), "{said}");
        assert!(said.contains("YYYY-MM-DD"), "{said}");
    }
}

#[test]
fn regression_a_regular_client_needs_at_least_one_visit() {
    // `min_visits = 0` was accepted: every client, even one with no visit in the window,
    // would be a regular client with a discount.
    let bad = Config::from_toml("[loyalty]\nmin_visits = 0\n", "stoa.toml")
        .unwrap_err()
        .to_string();
    assert!(bad.contains("loyalty.min_visits"), "{bad}");
    assert!(bad.contains("a whole number of visits, 1 or more"), "{bad}");
    assert_eq!(
        Config::from_toml("[loyalty]\nmin_visits = 1\n", "stoa.toml")
            .unwrap()
            .loyalty
            .min_visits,
        1
    );
}

#[test]
fn regression_an_empty_station_name_or_brand_is_refused() {
    // `station = ""` titled the report with nothing; an empty domestic brand made every
    // vehicle of no brand domestic.
    for (text, key) in [
        ("station = \"\"\n", "`station`"),
        ("station = \"  \"\n", "`station`"),
        ("domestic_brands = [\"LADA\", \" \"]\n", "`domestic_brands`"),
    ] {
        let bad = Config::from_toml(text, "stoa.toml")
            .unwrap_err()
            .to_string();
        assert!(bad.contains(key), "{text}: {bad}");
    }
    // An empty holiday name greeted the clients with nothing («, 23.02.2027»).
    let holiday = "[[holidays.fixed]]\nday = 23\nmonth = 2\nname = \" \"\n";
    let bad = Config::from_toml(holiday, "stoa.toml")
        .unwrap_err()
        .to_string();
    assert!(
        bad.contains("`holidays.fixed`") && bad.contains("every holiday must be named"),
        "{bad}"
    );
    let ok = Config::from_toml(
        "station = \"Север\"\ndomestic_brands = [\"LADA\"]\n",
        "stoa.toml",
    );
    assert_eq!(ok.unwrap().station, "Север");
}

#[test]
fn regression_domestic_model_names_in_the_brand_column_are_domestic() {
    // 1C bases write ГАЗель, Нива or Запорожец as the brand: they counted as foreign and
    // got the foreign discount tiers. Each is matched as the makes are: alone, or before
    // a space, hyphen or bracket, in any case.
    let c = Config::default();
    for brand in [
        "ГАЗель",
        "газель next",
        "Gazelle",
        "Соболь",
        "Волга",
        "ГАЗ-3110",
        "Нива",
        "НИВА",
        "Niva",
        "Нива (2121)",
        "Жигули",
        "Гранта",
        "Запорожец",
        "Таврия",
        "Патриот",
        "ИЖ-2126",
        "Москвич",
    ] {
        assert!(c.is_domestic(brand), "{brand}");
    }
    // A longer word, or a foreign make with the model after it, is not.
    for brand in [
        "Нивана",
        "Волгабас",
        "Chevrolet Niva",
        "Volkswagen",
        "Jeep Patriot",
    ] {
        assert!(!c.is_domestic(brand), "{brand}");
    }
}

#[test]
fn regression_a_bad_value_names_the_file_given_and_its_line_and_column() {
    // `--config "my cfg/settings.toml"` with `min_visits = 0` was "the configuration key
    // `loyalty.min_visits` has the value 0", of no file and no place; in Russian, of
    // stoa.toml.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my cfg")).unwrap();
    let path = dir.path().join("my cfg").join("settings.toml");
    for (text, key, line, column) in [
        ("[loyalty]\nmin_visits = 0\n", "loyalty.min_visits", 2, 14),
        (
            "station = \"x\"\n\n[capacity]\nbays = 0\n",
            "capacity.bays",
            4,
            8,
        ),
        (
            "[capacity]\nhours_per_day = 25\n",
            "capacity.hours_per_day",
            2,
            17,
        ),
        (
            "[reminders]\nhorizon_days = -1\n",
            "reminders.horizon_days",
            2,
            16,
        ),
        (
            "[values.status]\n\"Готов\" = \"ready\"\n",
            "values.status.\"Готов\"",
            2,
            11,
        ),
        // A key left out that the keys beside it make wrong: the section it is in.
        ("[loyalty]\nbands = [0, 100]\n", "loyalty.domestic", 1, 1),
    ] {
        std::fs::write(&path, text).unwrap();
        let err = Config::load(Some(&path), dir.path()).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::ExitCode::Usage);
        let said = err.to_string();
        let place = format!(
            "in the configuration file {}, line {line}, column {column}: the key `{key}` has the value",
            path.display()
        );
        assert!(said.starts_with(&place), "{text}: {said}");
        let russian = crate::render::i18n::error(Lang::Ru, &said).unwrap();
        let place = format!(
            "в файле настроек {}, строка {line}, столбец {column}: у ключа `{key}` значение",
            path.display()
        );
        assert!(russian.starts_with(&place), "{text}: {russian}");
    }
    // A name stoa does not know is placed at the name.
    std::fs::write(&path, "[columns.visits]\nvisitid = \"Номер\"\n").unwrap();
    let said = Config::load(Some(&path), dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        said.starts_with(&format!(
            "in the configuration file {}, line 2, column 1: [columns.visits] names the column `visitid`",
            path.display()
        )),
        "{said}"
    );
}

#[test]
fn regression_a_value_of_the_wrong_type_is_told_the_range_its_check_takes() {
    // `bays = "два"` was told "a whole number, 0 or more", and `bays = 0` then "at least
    // 1". For every numeric key, the reader's error of a text and the check's of a value
    // out of range now say the same values.
    for (section, key, out_of_range) in [
        ("loyalty", "min_visits", "0"),
        ("loyalty", "window_days", "0"),
        ("loyalty", "bought_here_bonus", "101"),
        ("reminders", "horizon_days", "-1"),
        ("reminders", "max_overdue_days", "-1"),
        ("reminders", "winback_min_gap_days", "-1"),
        ("reminders", "default_km_per_day", "0"),
        ("competitors", "max_age_days", "-1"),
        ("capacity", "bays", "0"),
        ("capacity", "hours_per_day", "0"),
        ("capacity", "days_per_week", "8"),
        ("stations.\"Север\".capacity", "bays", "0"),
    ] {
        let typed = format!("[{section}]\n{key} = \"два\"\n");
        let typed = Config::from_toml(&typed, "stoa.toml")
            .unwrap_err()
            .to_string();
        let valued = format!("[{section}]\n{key} = {out_of_range}\n");
        let valued = Config::from_toml(&valued, "stoa.toml")
            .unwrap_err()
            .to_string();
        let range = valued
            .split_once(", but it must be ")
            .unwrap_or_else(|| panic!("{valued}"))
            .1;
        assert!(
            typed.contains(&format!("invalid type: string \"два\", expected {range};")),
            "{key}: {typed} / {valued}"
        );
    }
    let c = |t: &str| Config::from_toml(t, "stoa.toml").unwrap_err().to_string();
    // A negative number into a key of whole numbers 1 or more, and a month out of its range.
    assert!(c("[capacity]\nbays = -2\n")
        .contains("invalid value: integer `-2`, expected a whole number of bays, 1 or more"));
    assert!(
        c("[[holidays.fixed]]\nday = 1\nmonth = \"май\"\nname = \"x\"\n")
            .contains("expected a month from 1 to 12")
    );
    // Keys without a range keep the type's words.
    assert!(c("station = 5\n").contains("expected a string"));
}

#[test]
fn regression_a_syntax_mistake_is_said_in_plain_words() {
    // A Cyrillic key, or a text without its closing quote, was the TOML reader's English
    // ("invalid unquoted key", "invalid basic string") inside a Russian message.
    let c = |t: &str| Config::from_toml(t, "stoa.toml").unwrap_err().to_string();
    let said = c("станция = \"Центр\"\n");
    assert!(
        said.contains("line 1, column 1: a key is written in Latin letters"),
        "{said}"
    );
    let said = c("station = \"Центр\n");
    assert!(
        said.contains("a text in quotes is not closed: end it with \" on the same line"),
        "{said}"
    );
    let said = c("[capacity]\nhours_per_day = 10,5\n");
    assert!(
        said.contains("line 2, column 19: more follows the value on its line")
            && said.contains("not a comma"),
        "{said}"
    );
    let said = c("language = ru\n");
    assert!(said.contains("a text must be in quotes"), "{said}");
    for (text, russian) in [
        (
            "станция = \"Центр\"\n",
            "строка 1, столбец 1: ключ пишется латинскими буквами",
        ),
        (
            "station = \"Центр\n",
            "строка 1, столбец 17: текст в кавычках не закрыт",
        ),
    ] {
        let said = crate::render::i18n::error(Lang::Ru, &c(text)).unwrap();
        assert!(said.contains(russian), "{said}");
        for english in ["invalid", "expected", "quoted", "string"] {
            assert!(!said.contains(english), "{said}");
        }
    }
}

#[test]
fn regression_huge_day_settings_are_refused_naming_the_key() {
    // `max_age_days = 99999999` passed the checks and the report panicked (exit 101)
    // subtracting it from the as-of date.
    for (section, name) in [
        ("competitors", "max_age_days"),
        ("loyalty", "window_days"),
        ("reminders", "horizon_days"),
        ("reminders", "max_overdue_days"),
        ("reminders", "winback_min_gap_days"),
    ] {
        let text = format!("[{section}]\n{name} = 99999999\n");
        let e = Config::from_toml(&text, "s.toml").unwrap_err();
        assert_eq!(e.exit_code(), crate::error::ExitCode::Usage);
        let said = e.to_string();
        assert!(
            said.contains(&format!(
                "line 2, column {}: the key `{section}.{name}` has the value 99999999, but it must be a whole number of days from",
                name.len() + 4
            )),
            "{said}"
        );
        assert!(said.contains("to 36500"), "{said}");
        // A hundred years is taken.
        let text = format!("[{section}]\n{name} = {MAX_DAYS}\n");
        assert!(Config::from_toml(&text, "s.toml").is_ok(), "{text}");
    }
}

#[test]
fn regression_nan_and_infinity_are_refused_where_a_number_is_expected() {
    // TOML's `nan` passed every check asked as "is it out of range" (`nan <= 0.0` is
    // false): a capacity of `nan` hours, `nan` km a day, a band of `nan`.
    for (text, key) in [
        (
            "[reminders]\ndefault_km_per_day = nan\n",
            "reminders.default_km_per_day",
        ),
        (
            "[reminders]\ndefault_km_per_day = inf\n",
            "reminders.default_km_per_day",
        ),
        (
            "[capacity]\nhours_per_day = nan\n",
            "capacity.hours_per_day",
        ),
        ("[loyalty]\nbands = [0, nan, 20000]\n", "loyalty.bands"),
        ("[loyalty]\nbands = [0, 5000, inf]\n", "loyalty.bands"),
        (
            "[loyalty]\nbought_here_bonus = nan\n",
            "loyalty.bought_here_bonus",
        ),
    ] {
        let said = Config::from_toml(text, "s.toml").unwrap_err().to_string();
        assert!(
            said.contains(&format!("the key `{key}` has the value")),
            "{said}"
        );
    }
}
