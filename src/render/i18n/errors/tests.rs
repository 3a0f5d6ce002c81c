//! Every error a manager meets, worded in Russian whole: built here and read back by its
//! template.

use std::path::PathBuf;

use super::*;
use crate::analytics::period::PeriodError;
use crate::config::ConfigError;
use crate::ingest::IngestError;
use crate::schema::Table;

#[test]
fn regression_the_most_specific_template_words_an_error() {
    // `cannot read {}: {}` reads this too, and left "the configuration file" in English.
    let said = error(
        Lang::Ru,
        "cannot read the configuration file x.toml: denied",
    )
    .unwrap();
    assert!(!said.contains("configuration"), "{said}");
    assert!(said.contains("x.toml"), "{said}");
}

#[test]
fn regression_why_the_customer_base_model_was_not_used_is_said_in_russian() {
    // The win-back ranking's note (the model's error) was English in a Russian
    // workbook and page.
    use crate::analytics::clv::ClvError;
    let errors = [
        ClvError::TooFewCustomers { n: 3, needed: 4 },
        ClvError::NoRepeatCustomers { n: 8 },
        ClvError::TooFewSpenders {
            n: 1,
            needed: 3,
            excluded: 0,
        },
        ClvError::NoConvergence {
            model: "Gamma-Gamma",
        },
        ClvError::Unbounded {
            model: "BG/NBD",
            parameter: "b",
            value: 8.178e5,
        },
        ClvError::Degenerate {
            model: "Gamma-Gamma",
            reason: "q = 0.8000 is not above 1, so the population mean spend p·γ/(q−1) does not exist (a few customers with extreme spends dominate)".into(),
        },
        ClvError::NotFinite {
            what: "the BG/NBD log-likelihood".into(),
        },
    ];
    for e in errors {
        let text = e.to_string();
        let said = super::super::word(Lang::Ru, "note", &text)
            .unwrap_or_else(|| panic!("not worded: {text}"));
        for english in ["the ", " fit", "Use ", "customers", "end date", "not above"] {
            assert!(!said.contains(english), "{said}");
        }
    }
}

/// `english` with its N-th value `<N>`.
fn filled(english: &str) -> String {
    let n = english.matches("{}").count();
    let args: Vec<String> = (0..n).map(|i| format!("<{i}>")).collect();
    r::fill(
        english,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
}

#[test]
fn every_template_is_worded_whole() {
    for (english, russian) in templates() {
        let n = english.matches("{}").count();
        let text = filled(english);
        let said = error(Lang::Ru, &text).unwrap_or_else(|| panic!("{english}"));
        // No `{}` or `{N}` left unfilled (a holiday's example shows TOML's own braces).
        assert!(
            !said.contains("{}") && !(0..10).any(|i| said.contains(&format!("{{{i}}}"))),
            "{said}"
        );
        // The first value (what is wrong: a folder, a file, a month) is always said.
        assert!(n == 0 || said.contains("<0>"), "{russian}");
    }
}

/// The templates are kept in files by what they are about, not in one list: that is only
/// safe while no text is read alike by two of them with as many words of their own, where
/// the later of the two in `templates` would win.
#[test]
fn no_error_is_read_alike_by_two_templates() {
    for (english, _) in templates() {
        let text = filled(english);
        let own = |e: &str| e.replace("{}", "").len();
        let reading: Vec<&str> = templates()
            .map(|(e, _)| *e)
            .filter(|e| r::parse(e, &text).is_some())
            .collect();
        let most = reading.iter().map(|e| own(e)).max().unwrap_or(0);
        let best: Vec<&&str> = reading.iter().filter(|e| own(e) == most).collect();
        assert_eq!(best.len(), 1, "{text} is read alike by {best:?}");
    }
}

/// Every kind of mistake in stoa.toml that a reading or a check of the file finds, as a
/// Russian reader gets it: without a word of serde's or the checks' English left.
#[test]
fn mistakes_in_stoa_toml_are_worded_in_russian_whole() {
    let mistakes = [
        "languge = \"ru\"",
        "language = \"de\"",
        "station = 5",
        "domestic_brands = \"LADA\"",
        "capacity = 5",
        "[capacity]\nbays = \"два\"",
        "[capacity]\nbays = 2.5",
        "[capacity]\nbays = true",
        "[capacity]\nbays = 0",
        "[capacity]\nbays = 1\nbays = 2",
        "[[holidays.fixed]]\nday = 31\nmonth = 2\nname = \"x\"",
        "[loyalty]\nwindow_days = 0",
        "[loyalty]\nbands = [0, 5000]",
        "[loyalty]\ndomestic = [0, 5, 500]",
        "[loyalty]\nbands = [5, 0, 1]",
        "[loyalty]\nbought_here_bonus = 120",
        "[reminders]\ndefault_km_per_day = 0",
        "[reminders]\nhorizon_days = -1",
        "[stations.\"Север\"]\n[stations.\" север\"]",
        "[columns.visit]\nvisit_id = \"Номер\"",
        "[files]\nvisit = \"v.xlsx\"",
        "[columns.visits]\nvisitid = \"Номер\"",
        "[columns.visits]\nvisit_id = 5",
        "[columns.visits]\nclient_id = false",
        "[values.stat]\n\"Оплачено\" = \"done\"",
        "[values.status]\n\"Оплачено\" = \"paid\"",
        "[loyalty]\nmin_visits = 0",
        "[capacity]\nbays = -1",
        "[capacity]\nhours_per_day = 30",
        "[capacity]\nclosed = [2026-01-01]",
        "[[holidays.fixed]]\nday = 1\nmonth = \"май\"\nname = \"x\"",
        // Syntax: the reader's own words were English inside the Russian.
        "станция = \"Центр\"",
        "[станция]",
        "station = \"Центр",
        "station = 'Центр",
        "language = ru",
        "[capacity]\nhours_per_day = 10,5",
        "[capacity\nbays = 2",
        "[capacity]\nclosed = [\"2026-01-01\" \"2026-01-02\"]",
        "[capacity]\nclosed = [\"2026-01-01\"",
        "station",
        "= 5",
        "station = \"C:\\Users\"",
        "station = \"C:\\data\"",
        "[capacity]\nbays = 04",
        // A Windows path in double quotes, and a line break in a path.
        "[files]\nvisits = \"C:\\exports\\report.xlsx\"",
        "[files]\nvisits = \"\"\"a\nb.xlsx\"\"\"",
        // Session 35: a day count past a hundred years, a currency stoa does not know, a
        // list or a table where a value is expected, a key with no default left out, `nan`.
        "[competitors]\nmax_age_days = 99999999",
        "currency = \"рубли\"",
        "currency = \"\"",
        "station = \"\"",
        "station = \"  \"",
        "domestic_brands = [\"LADA\", \"\"]",
        "[[holidays.fixed]]\nday = 23\nmonth = 2\nname = \"\"",
        "capacity = [1]",
        "[capacity]\nbays = [2]",
        "[capacity]\nbays = { a = 1 }",
        "[loyalty]\nbands = { a = 1 }",
        "[[holidays.fixed]]\nday = 1\nname = \"x\"",
        "[chain]\nfirst_visit = \"2026-01-01\"",
        "language = 5",
        "station = 2026-01-01",
        "motorists_day = \"да\"",
        "[holidays]\nmotorists_day = \"да\"",
        "[reminders]\ndefault_km_per_day = nan",
        "[files]\nvisits = \"\"",
    ];
    for toml in mistakes {
        let e = crate::config::Config::from_toml(toml, "stoa.toml")
            .expect_err(toml)
            .to_string();
        let said = error(Lang::Ru, &e).unwrap_or_else(|| panic!("not worded: {e}"));
        for english in [
            " but ",
            "must",
            "expected",
            "invalid",
            "unknown",
            " the ",
            " or ",
            "string",
            "integer",
            "point",
            "duplicate",
            "struct",
            "sequence",
            "map",
            "missing",
            "field",
            "variant",
            " key",
            "u32",
        ] {
            assert!(!said.contains(english), "{toml}: {e}\n→ {said}");
        }
    }
    // A mistyped name is answered with the closest one.
    for (toml, closest) in [
        ("languge = \"ru\"", "(может быть, `language`?)"),
        (
            "[columns.visits]\nvisitid = \"Номер\"",
            "(может быть, `visit_id`?)",
        ),
        ("[files]\nvisit = \"v.xlsx\"", "(может быть, `visits`?)"),
        ("[values.stat]\n\"x\" = \"done\"", "(может быть, `status`?)"),
    ] {
        let e = crate::config::Config::from_toml(toml, "stoa.toml").unwrap_err();
        let said = error(Lang::Ru, &e.to_string()).unwrap();
        assert!(said.contains(closest), "{toml}: {said}");
    }
}

#[test]
fn every_syntax_mistake_has_its_russian() {
    for english in crate::config::syntax_words() {
        let said = error(Lang::Ru, english).unwrap_or_else(|| panic!("not worded: {english}"));
        assert!(!said.contains(" the "), "{said}");
    }
}

/// The errors as the code writes them: a wording changed there without its template
/// here would reach a Russian reader in English.
#[test]
fn the_errors_a_manager_meets_are_worded_in_russian() {
    let path = PathBuf::from("data/visits.csv");
    let ingest = [
        IngestError::NoDataDir {
            path: "data".into(),
        },
        IngestError::MissingTable {
            table: Table::Clients,
            russian: "Клиенты",
            dir: "data".into(),
        },
        IngestError::DuplicateTable {
            table: Table::Clients,
            first: "a.csv".into(),
            second: "b.xlsx".into(),
            example: r#"clients = "a.csv""#.into(),
        },
        IngestError::Read {
            path: path.clone(),
            message: crate::ingest::read::unreadable("workbook", "Zip error"),
        },
        IngestError::Read {
            path: path.clone(),
            message: crate::ingest::read::unreadable(
                "XML Spreadsheet 2003 file",
                "the XML ends inside <Table>, so the file is probably truncated",
            ),
        },
        IngestError::Read {
            path: path.clone(),
            message: crate::ingest::read::PASSWORD.to_string(),
        },
        IngestError::open(
            &path,
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        ),
        IngestError::open(&path, &std::io::Error::from(std::io::ErrorKind::NotFound)),
        IngestError::UnreadKind {
            table: Table::Visits,
            path: "data/visits.numbers".into(),
            hint: " (an Apple Numbers file)",
        },
        IngestError::SharedNumbers {
            count: 4478,
            example: "«ЗН-000001»".into(),
            stations: "Север, Центр, Юг".into(),
            path: "data/order_lines.csv".into(),
        },
        IngestError::NoSheet {
            table: Table::Visits,
            path: path.clone(),
            sheet: "Заказ-наряды".into(),
            sheets: "«Визиты»".into(),
        },
        IngestError::NamedMissing {
            table: Table::Visits,
            spec: "zn.cvs".into(),
            path: "data/zn.cvs".into(),
            name: "\"zn.cvs\"".into(),
            folder: "data".into(),
            closest: " (did you mean `zn.csv`?)".into(),
        },
        IngestError::NoHeader {
            table: Table::Visits,
            place: "data/visits.csv".into(),
            examples: "«Visit No» / «Номер заказ-наряда»".into(),
        },
        IngestError::MissingColumns {
            table: Table::Visits,
            place: "data/visits.csv".into(),
            found: "\"Номер\"".into(),
            lacking: crate::ingest::Lacking::of(Table::Visits, &["client_id"]),
        },
        IngestError::SheetLacksColumns {
            table: Table::Visits,
            place: "data/visits.xlsx, sheet \"Сентябрь\"".into(),
            named: "«Номер», «Дата», «Марка»".into(),
            found: "\"Номер\", \"Дата\", \"Плательщик\", \"Марка\"".into(),
            lacking: crate::ingest::Lacking::of(Table::Visits, &["client_id"]),
            example: "visits = \"visits.xlsx#Октябрь\"".into(),
        },
        // Several columns: the plural (session 32; «нет столбца» of two columns before).
        IngestError::MissingColumns {
            table: Table::Visits,
            place: "data/visits.csv".into(),
            found: "\"Номер\"".into(),
            lacking: crate::ingest::Lacking::of(Table::Visits, &["client_id", "brand"]),
        },
        IngestError::SheetLacksColumns {
            table: Table::Visits,
            place: "data/visits.xlsx, sheet \"Сентябрь\"".into(),
            named: "«Номер», «Дата»".into(),
            found: "\"Номер\", \"Дата\", \"Плательщик\"".into(),
            lacking: crate::ingest::Lacking::of(Table::Visits, &["client_id", "brand"]),
            example: "visits = \"visits.xlsx#Октябрь\"".into(),
        },
        IngestError::WideCompetitorPrices {
            place: "data/competitor_prices.csv".into(),
            competitors: "«АвтоМир», «Север»".into(),
        },
        IngestError::NamedBrokenLink {
            table: Table::Visits,
            spec: "zn.xlsx".into(),
            path: "data/zn.xlsx".into(),
            target: "/nowhere/zn.xlsx".into(),
        },
        IngestError::NamedFlatSheet {
            table: Table::Visits,
            spec: "zn.csv#Лист1".into(),
            path: "data/zn.csv".into(),
            sheet: "Лист1".into(),
            kind: "a CSV file",
        },
        IngestError::NamedFolderSheet {
            table: Table::Visits,
            spec: "zn#Лист1".into(),
            path: "data/zn".into(),
        },
        IngestError::DataDirBrokenLink {
            path: "data".into(),
            target: "/nowhere/data".into(),
        },
        IngestError::LinkedAway {
            table: Table::Visits,
            dir: "data".into(),
            link: "data/visits.xlsx".into(),
            target: "/nowhere/visits.xlsx".into(),
        },
    ];
    let config = [
        ConfigError::NotFound {
            path: "x.toml".into(),
        },
        ConfigError::StationTwice {
            first: "Север".into(),
            second: " СЕВЕР".into(),
        },
        ConfigError::BrokenLink {
            path: "stoa.toml".into(),
            target: "/nowhere/stoa.toml".into(),
        },
        ConfigError::At {
            path: "my cfg/settings.toml".into(),
            line: 2,
            column: 14,
            message: ConfigError::BadValue {
                key: vec!["capacity".into(), "bays".into()],
                value: "0".into(),
                expected: "it must be a whole number of bays, 1 or more".into(),
            }
            .to_string(),
        },
        ConfigError::Invalid {
            path: "stoa.toml".into(),
            message: "line 2, column 1: unknown key `min_visit` (did you mean `min_visits`?); the keys here are `window_days`, `min_visits`".into(),
        },
    ];
    let period = [
        PeriodError::BadMonth {
            value: "13.2026".into(),
        },
        PeriodError::NoVisits,
    ];
    let texts: Vec<String> = ingest
        .iter()
        .map(ToString::to_string)
        .chain(config.iter().map(ToString::to_string))
        .chain(period.iter().map(ToString::to_string))
        .collect();
    for text in &texts {
        let said = error(Lang::Ru, text).unwrap_or_else(|| panic!("not worded: {text}"));
        // No `{}` or `{N}` left unfilled (a holiday's example shows TOML's own braces).
        assert!(
            !said.contains("{}") && !(0..10).any(|i| said.contains(&format!("{{{i}}}"))),
            "{said}"
        );
    }
    // A reason inside a message is worded too.
    let said = error(Lang::Ru, &texts[3]).unwrap();
    assert!(
        said.starts_with(
            "не удалось прочитать data/visits.csv: это не читаемая книга Excel (Zip error)"
        ),
        "{said}"
    );
    let said = error(Lang::Ru, &texts[6]).unwrap();
    assert!(
        said.starts_with("не удалось открыть data/visits.csv: доступ запрещён; проверьте"),
        "{said}"
    );
    let by = |part: &str| {
        let text = texts.iter().find(|t| t.contains(part)).unwrap();
        error(Lang::Ru, text).unwrap()
    };
    // One column in the singular, several in the plural, in both languages.
    let said = by("has no column «Client»");
    assert!(
        said.starts_with("в data/visits.csv нет столбца «Код клиента» (обязателен в таблице `visits`); подойдёт заголовок «Код клиента»,"),
        "{said}"
    );
    let said = by("has no columns «Client», «Make»");
    assert!(
        said.starts_with("в data/visits.csv нет столбцов «Код клиента», «Марка» (обязательны в таблице `visits`); подойдут заголовки «Код клиента»,"),
        "{said}"
    );
    assert!(
        said.contains(". Переименуйте заголовки или добавьте синонимы в [columns.visits]"),
        "{said}"
    );
    let text = texts
        .iter()
        .find(|t| t.contains("has no columns «Client», «Make»"))
        .unwrap();
    assert!(text.contains("; headers such as «Код клиента»"), "{text}");
    assert!(
        text.contains("are read as them, and the columns found are"),
        "{text}"
    );
    let said = by("but has no columns «Client», «Make»");
    assert!(
        said.contains("но в нём нет столбцов «Код клиента», «Марка» (обязательны), поэтому его строки не прочитать; подойдут заголовки"),
        "{said}"
    );
    let said = by("min_visit");
    assert!(
        said.contains("(строка 2, столбец 1: неизвестный ключ `min_visit` (может быть, `min_visits`?); здесь допустимы ключи `window_days`, `min_visits`)"),
        "{said}"
    );
}

#[test]
fn regression_the_customer_base_errors_agree_with_their_counts() {
    // `только у 1 клиентов есть визиты`; in English `only 1 customers have` (session 36).
    use crate::analytics::clv::ClvError;
    let english = |n: usize| ClvError::TooFewCustomers { n, needed: 20 }.to_string();
    assert!(english(1).starts_with("only 1 customer has a purchase on or before"));
    assert!(english(3).starts_with("only 3 customers have a purchase on or before"));
    let said = |n: &str| error(Lang::Ru, &english(n.parse().unwrap())).unwrap();
    assert!(
        said("1").starts_with("только у 1 клиента есть визиты"),
        "{}",
        said("1")
    );
    assert!(said("21").starts_with("только у 21 клиента есть"));
    assert!(said("3").starts_with("только у 3 клиентов есть"));
    assert!(said("11").starts_with("только у 11 клиентов есть"));
    let repeat = |n: usize, excluded: usize| {
        ClvError::TooFewSpenders {
            n,
            needed: 10,
            excluded,
        }
        .to_string()
    };
    assert!(repeat(1, 2).starts_with(
        "only 1 repeat customer has a positive mean repeat spend (2 more were left out"
    ));
    assert!(repeat(2, 1).starts_with(
        "only 2 repeat customers have a positive mean repeat spend (1 more was left out"
    ));
    let said = error(Lang::Ru, &repeat(1, 2)).unwrap();
    assert!(
        said.starts_with("только у 1 повторного клиента средний чек")
            && said.contains("(ещё 2 не учтены из-за"),
        "{said}"
    );
    let said = error(Lang::Ru, &repeat(2, 1)).unwrap();
    assert!(
        said.starts_with("только у 2 повторных клиентов средний чек")
            && said.contains("(ещё 1 не учтён из-за"),
        "{said}"
    );
}

#[test]
fn regression_errors_written_by_format_agree_with_their_counts() {
    // `1 number(s) are each on visits`, `has 1 cell(s) named`: the `#[error]` texts choose
    // their form (session 36), and their Russian templates read either back.
    let shared = |count| IngestError::SharedNumbers {
        count,
        example: "«1»".into(),
        stations: "Север, Центр".into(),
        path: "data/order_lines.csv".into(),
    };
    let one = shared(1).to_string();
    assert!(
        one.contains(": 1 number is on visits of more than one station (e.g. «1»"),
        "{one}"
    );
    let many = shared(3).to_string();
    assert!(
        many.contains(": 3 numbers are each on visits of more than one station"),
        "{many}"
    );
    for text in [one, many] {
        let said = error(Lang::Ru, &text).unwrap_or_else(|| panic!("{text}"));
        assert!(said.starts_with("номера визитов повторяются"), "{said}");
    }
    let misplaced = |count| {
        IngestError::MisplacedName {
            table: Table::OrderLines,
            place: "data/l.csv".into(),
            column: "amount",
            name: "Сумма#3".into(),
            base: "Сумма".into(),
            count,
        }
        .to_string()
    };
    assert!(misplaced(1).contains("has 1 cell named «Сумма»: give a place from 1 to 1"));
    assert!(misplaced(2).contains("has 2 cells named «Сумма»"));
    let said = error(Lang::Ru, &misplaced(1)).unwrap();
    assert!(
        said.contains("ячеек с названием «Сумма» только 1"),
        "{said}"
    );
}
