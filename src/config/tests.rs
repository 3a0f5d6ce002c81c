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
    assert!(bad.contains("stations.\"Север\".capacity"), "{bad}");
    assert!(bad.contains("bays = 0"), "{bad}");
    let unknown = Config::from_toml("[stations.\"Север\"]\nlifts = 2\n", "stoa.toml");
    assert!(unknown.is_err());
    let twice = Config::from_toml("[stations.\"Север\"]\n[stations.\" СЕВЕР\"]\n", "stoa.toml");
    assert_eq!(
        twice.unwrap_err().to_string(),
        "stoa.toml has settings for the station \" СЕВЕР\" and for \"Север\" under [stations], which are one station (names match trimmed, with white space inside as one space, in any case): keep one of [stations.\" СЕВЕР\"] and [stations.\"Север\"], with the settings of both"
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
    assert!(bad.contains("1 or more visits"), "{bad}");
    assert_eq!(
        Config::from_toml("[loyalty]\nmin_visits = 1\n", "stoa.toml")
            .unwrap()
            .loyalty
            .min_visits,
        1
    );
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
