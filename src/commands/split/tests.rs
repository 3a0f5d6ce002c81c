use super::*;
use crate::render::i18n::error;

/// Every error of the split as the code words it, in Russian whole: it spoke English
/// whatever `--lang` or `language` asked for.
#[test]
fn regression_the_splits_errors_are_worded_in_russian() {
    let out = Path::new("parts");
    let (a, b) = (Station::new("Север-2"), Station::new("Север 2"));
    let hint = PathBuf::from("parts-split");
    let mut texts = vec![
        no_stations(Path::new("data")).message,
        shared_folder(&a, &b, out).message,
        not_reconciled("visits", 3).message,
        SplitError::FileInPlace {
            path: out.join("sever"),
            what: "the folder of the visits without a station".into(),
            hint: hint.clone(),
        }
        .to_string(),
    ];
    for why in [
        "it is not listed in parts/stations.tsv",
        "there is no parts/split.json to list it",
    ] {
        texts.push(
            SplitError::NotItsFolder {
                path: out.join("yug"),
                why: why.into(),
                what: "the folder of the station \"Юг\"".into(),
                hint: hint.clone(),
            }
            .to_string(),
        );
    }
    let files = [
        (
            "list of station folders",
            earlier::station_folders("Юг\tул. Ленина, 1\n"),
        ),
        (
            "list of station folders",
            earlier::station_folders("sever\n"),
        ),
        (
            "list of station folders",
            earlier::station_folders("sever\t\n"),
        ),
        ("list of station folders", earlier::station_folders("\n")),
        (
            "list of station folders",
            earlier::text_of(b"\xFF\x00s").map(|_| vec![]),
        ),
        (
            "row accounting",
            earlier::manifest_folders("{").map(|_| vec![]),
        ),
        (
            "row accounting",
            earlier::manifest_folders("{}").map(|_| vec![]),
        ),
        (
            "list of rejected rows",
            earlier::rejects_list("mine").map(|_| vec![]),
        ),
        ("list of rejected rows", Err("it is a folder".to_string())),
        (
            "list of rejected rows",
            Err("it cannot be read: denied".to_string()),
        ),
    ];
    for (what, why) in files {
        texts.push(
            SplitError::NotItsFile {
                path: out.join("stations.tsv"),
                what,
                why: why.unwrap_err(),
                hint: hint.clone(),
            }
            .to_string(),
        );
    }
    for text in &texts {
        let said = error(Lang::Ru, text).unwrap_or_else(|| panic!("not worded: {text}"));
        for english in [
            " the ",
            " is ",
            " it ",
            "split wrote",
            "its line",
            "its first",
            " no ",
        ] {
            assert!(!said.contains(english), "{english:?} in {said}");
        }
    }
    let said = error(Lang::Ru, &texts[5]).unwrap();
    assert_eq!(
        said,
        "parts/yug — не папка, записанная прежним запуском `stoa split` (нет parts/split.json, где она была бы указана), а этот запуск заменил бы её на папку станции \"Юг\": перенесите её в другое место или укажите другую папку в --out, например --out parts-split"
    );
}

#[test]
fn the_summary_speaks_the_reports_language() {
    let found = [Station::new("Север")];
    let folder = |folder: &str, station: &str| Folder {
        station: station.into(),
        folder: folder.into(),
        rows: BTreeMap::from([("visits".to_string(), 2)]),
    };
    let m = SplitManifest {
        version: "0".into(),
        data: "data".into(),
        format: "parquet".into(),
        inputs: vec![],
        rows_rejected: 1,
        folders: vec![folder("sever", "Север"), folder(NO_STATION, "")],
    };
    let ru = summary(&m, &found, Path::new("parts"), Lang::Ru);
    assert!(ru.starts_with("Папка "), "{ru}");
    for said in [
        "Визиты",
        "(без станции)",
        "Папок станций: 1 в parts;",
        "В _no-station — визиты без станции",
        "Отклонённые строки (1)",
        "Отчёт по станции: stoa report --data parts/sever --station \"Север\" --month ГГГГ-ММ",
    ] {
        assert!(ru.contains(said), "{said:?} not in {ru}");
    }
    let en = summary(&m, &found, Path::new("parts"), Lang::En);
    assert!(
        en.starts_with("folder ") && en.contains("(no station)"),
        "{en}"
    );
}

/// A station's `stoa.toml` is the chain's settings with the station's name and its own
/// capacity in full (a key its own leaves out is the default, as `--station` reads it),
/// and reads back as `config_for` the station; without a capacity of its own it keeps
/// the chain's. `_no-station` keeps the chain's settings. Neither keeps `[files]`, whose
/// names are not the folder's files.
#[test]
fn a_station_folder_gets_its_name_and_its_own_capacity() {
    let text = "# the chain\nstation = \"Сеть\"\nlanguage = \"en\"\n[capacity]\nbays = 9\n\
                [stations.\"север\".capacity]\nbays = 3\nclosed = [\"2026-01-07\"]\n\
                [files]\nvisits = \"export.csv\"\n";
    let config = Config::from_toml(text, "stoa.toml").unwrap();
    let settings: toml_edit::DocumentMut = text.parse().unwrap();
    let span = Some((
        NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
    ));
    let file = Path::new("chain/stoa.toml");
    let read = |station: &Station| {
        let bytes = folder_config(Some(file), Some(&settings), Some(station), &config, span)
            .unwrap()
            .unwrap();
        Config::from_toml(&String::from_utf8(bytes).unwrap(), "stoa.toml").unwrap()
    };
    let north = Station::new("Север");
    let own = read(&north);
    assert_eq!(own.station, "Север");
    assert_eq!(own.language, Lang::En);
    assert_eq!(
        (
            own.capacity.bays,
            own.capacity.hours_per_day,
            own.capacity.days_per_week
        ),
        (3, 10.0, 6)
    );
    assert_eq!(own.capacity.closed, ["2026-01-07"]);
    assert_eq!(own.capacity, stations::config_for(&config, &north).capacity);
    assert_eq!(own.stations, config.stations);
    assert_eq!(
        own.chain.and_then(|c| c.dates()),
        span,
        "the chain's span is written"
    );
    // No capacity of its own: the chain's.
    let south = read(&Station::new("Юг"));
    assert_eq!((south.station.as_str(), south.capacity.bays), ("Юг", 9));
    assert!(own.files.is_empty() && south.files.is_empty());
    // `_no-station`: the chain's settings.
    let none = folder_config(Some(file), Some(&settings), None, &config, span);
    let none = String::from_utf8(none.unwrap().unwrap()).unwrap();
    let none = Config::from_toml(&none, "stoa.toml").unwrap();
    assert_eq!((none.station.as_str(), none.capacity.bays), ("Сеть", 9));
    assert!(none.files.is_empty());
    assert_eq!(none.chain.and_then(|c| c.dates()), span);
}

/// The chain's comments and layout reach every folder's `stoa.toml`: the split wrote the
/// settings anew and a chain's notes on its tiers and holidays were lost.
#[test]
fn regression_a_station_folders_settings_keep_the_chains_comments() {
    let text = "station = \"Сеть\"  # the chain\n\n# tiers agreed with the owner, 2026\n\
                [loyalty]\nmin_visits = 3 # not 4: small towns\n\n[capacity]\nbays = 9\n\
                [files]\nvisits = \"export.csv\" # 1C's name\n";
    let config = Config::from_toml(text, "stoa.toml").unwrap();
    let settings: toml_edit::DocumentMut = text.parse().unwrap();
    let file = Path::new("chain/stoa.toml");
    let bytes = folder_config(
        Some(file),
        Some(&settings),
        Some(&Station::new("Юг")),
        &config,
        None,
    )
    .unwrap()
    .unwrap();
    let written = String::from_utf8(bytes).unwrap();
    assert!(
        written.contains(
            "# tiers agreed with the owner, 2026\n[loyalty]\nmin_visits = 3 # not 4: small towns\n"
        ),
        "{written}"
    );
    assert!(written.contains("station = \"Юг\""), "{written}");
    assert!(
        !written.contains("export.csv") && !written.contains("\n[files]"),
        "{written}"
    );
    // The [chain] is not put under the comment that ends the file.
    let text = "[capacity]\nbays = 9\n[reminders]\n# defaults for now\n";
    let config = Config::from_toml(text, "stoa.toml").unwrap();
    let span = Some((
        NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
    ));
    let settings: toml_edit::DocumentMut = text.parse().unwrap();
    let bytes = folder_config(Some(file), Some(&settings), None, &config, span);
    let ended = String::from_utf8(bytes.unwrap().unwrap()).unwrap();
    assert!(
        ended.ends_with("[reminders]\n# defaults for now\n"),
        "{ended}"
    );
    let read = Config::from_toml(&written, "stoa.toml").unwrap();
    assert_eq!(
        (
            read.station.as_str(),
            read.loyalty.min_visits,
            read.capacity.bays
        ),
        ("Юг", 3, 9)
    );
}
