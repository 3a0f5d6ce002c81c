//! The report command on a small worked station: the month chosen, the folder written, the
//! usage errors.

use super::*;
use crate::error::{exit_code_of, ExitCode};
use chrono::NaiveDate;
use polars::prelude::DataFrame;
use std::path::Path;

fn args(out: &Path, month: Option<&str>) -> ReportArgs {
    ReportArgs {
        data: PathBuf::from("data"),
        config: None,
        month: month.map(str::to_string),
        out: out.to_path_buf(),
        lang: None,
        only: vec![],
        station: None,
        by_station: false,
        quiet: true,
        verbose: false,
    }
}

const WHOLE: Scope = Scope {
    station: None,
    stations: None,
};

fn ingested() -> Ingested {
    Ingested {
        model: crate::analytics::management::testdata::station(),
        inputs: vec![],
        rejects: DataFrame::empty(),
        warnings: vec![],
        stray: None,
    }
}

#[test]
fn the_default_month_and_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let sections = report::select(&[]).unwrap();
    let mut timings = vec![];
    let args = args(dir.path(), None);
    let ingested = ingested();
    let chosen = month::choose_period(&args, &Config::default(), &ingested.model, None).unwrap();
    let period = chosen.period;
    assert_eq!(chosen.stray, None);
    // The default month is complete: nothing to warn of.
    assert_eq!(chosen.ends_early, None);
    let out = report_from(
        &args,
        &Config::default(),
        &ingested,
        &[],
        &ingested.model,
        &WHOLE,
        period,
        &sections,
        &mut timings,
    )
    .unwrap();
    // The latest visit (V7) opened on 2026-04-10, not April's last day: March it is.
    assert_eq!(period.month.to_string(), "2026-03");
    assert_eq!(out, dir.path().join("2026-03"));
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["as_of"], "2026-03-31");
    assert_eq!(m["month"], "2026-03");
    assert_eq!(
        m["parameters"]["compared_months"],
        serde_json::json!(["2026-03", "2026-02", "2025-03"])
    );
    assert!(m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o == "tables/kpi.csv"));
    // One timing per registered section, in report order, then the monthly series of
    // the charts and the write.
    let stages: Vec<_> = timings.iter().map(|t| t.stage.clone()).collect();
    let expected: Vec<String> = sections
        .iter()
        .map(|s| format!("section:{}", s.name))
        .chain(["monthly".to_string(), "write".to_string()])
        .collect();
    assert_eq!(stages, expected);
    assert_eq!(stages[0], "section:management");
    // The manifest holds the same stages, the write (tables, lists, workbook, charts,
    // page) last.
    let in_manifest: Vec<_> = m["timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["stage"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(in_manifest, expected);
    assert_eq!(m["parameters"]["scope"], "all");
}

#[test]
fn regression_a_month_asked_for_before_its_export_is_complete_is_said_to_end_early() {
    // --month 2026-04 when the data end on 2026-04-10 (V7): a report of a third of
    // April was written as the whole month, its drop against March without a word.
    let dir = tempfile::tempdir().unwrap();
    let chosen = month::choose_period(
        &args(dir.path(), Some("2026-04")),
        &Config::default(),
        &ingested().model,
        None,
    )
    .unwrap();
    assert_eq!(chosen.ends_early, NaiveDate::from_ymd_opt(2026, 4, 10));
    // An earlier month, wholly in the data, does not end early.
    let chosen = month::choose_period(
        &args(dir.path(), Some("2026-03")),
        &Config::default(),
        &ingested().model,
        None,
    )
    .unwrap();
    assert_eq!(chosen.ends_early, None);
}

#[test]
fn a_month_outside_the_data_exits_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let err = month::choose_period(
        &args(dir.path(), Some("2027-01")),
        &Config::default(),
        &ingested().model,
        None,
    )
    .unwrap_err();
    assert_eq!(exit_code_of(&err), ExitCode::Usage);
    // The data runs from V9 (2024-12) to V7 (2026-04).
    assert!(err.to_string().contains("from 2024-12 to 2026-04"), "{err}");
    assert!(!dir.path().join("2027-01").exists());
}

#[test]
fn an_unknown_station_is_a_usage_error_listing_the_stations() {
    let dir = tempfile::tempdir().unwrap();
    let found = vec![Station::new("Центр"), Station::new("Север")];
    let mut a = args(dir.path(), None);
    a.station = Some(" СЕВЕР ".into());
    let targets = plan(&a, &Config::default(), &found).unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].station.as_ref().unwrap().name, "Север");
    assert!(targets[0].filter);

    a.station = Some("Юг".into());
    let err = plan(&a, &Config::default(), &found).unwrap_err();
    assert_eq!(exit_code_of(&err), ExitCode::Usage);
    let text = err.to_string();
    assert!(
        text.contains("\"Юг\"") && text.contains("\"Центр\", \"Север\""),
        "{text}"
    );

    // Without a station column the data is the configured station.
    let config = Config::default();
    a.station = Some(config.station.to_uppercase());
    let targets = plan(&a, &config, &[]).unwrap();
    assert!(!targets[0].filter);
    a.station = Some("Юг".into());
    let err = plan(&a, &config, &[]).unwrap_err();
    assert_eq!(exit_code_of(&err), ExitCode::Usage);
    assert!(err.to_string().contains("no station column"), "{err}");
}

#[test]
fn by_station_plans_the_whole_data_then_every_station() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = args(dir.path(), None);
    a.by_station = true;
    let found = vec![Station::new("Север"), Station::new("Центр")];
    let targets = plan(&a, &Config::default(), &found).unwrap();
    let names: Vec<_> = targets
        .iter()
        .map(|t| t.station.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(names, [None, Some("Север"), Some("Центр")]);
    // Two names, one folder: refused before anything is written.
    let clash = vec![Station::new("Север 1"), Station::new("Север-1")];
    let err = plan(&a, &Config::default(), &clash).unwrap_err();
    assert_eq!(exit_code_of(&err), ExitCode::BadData);
}

#[test]
fn regression_a_split_folder_is_its_part_alone_with_or_without_by_station() {
    // `--by-station` on a station's folder of `stoa split` planned the whole data (into
    // `OUT/YYYY-MM/`, where the chain's report is) and then the station; the folder of the
    // visits without a station was planned as a station named after the chain.
    let dir = tempfile::tempdir().unwrap();
    let mut a = args(dir.path(), None);
    let mut config = Config::default();
    config.station = "Север".into();
    config.chain = Some(crate::config::ChainSpan {
        first_visit: "2025-01-01".into(),
        last_visit: "2026-03-31".into(),
    });
    let found = vec![Station::new("Север")];
    for by_station in [false, true] {
        a.by_station = by_station;
        assert!(!super::by_station(&a, &config));
        let targets = plan(&a, &config, &found).unwrap();
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].station, Some(Station::new("Север")));
        assert!(targets[0].filter);
        // No visit with a station: the part without one, in its own folder.
        let targets = plan(&a, &config, &[]).unwrap();
        assert_eq!(targets.len(), 1);
        let none = targets[0].station.as_ref().unwrap();
        assert!(none.is_none() && none.slug == "_no-station");
        assert!(!targets[0].filter);
    }
}

#[test]
fn regression_station_refuses_a_folder_another_station_shares() {
    // `--station "Север 2"` wrote stations/sever-2/, and `--station "Север-2"` then
    // replaced it, while --by-station refused the same data.
    let dir = tempfile::tempdir().unwrap();
    let mut a = args(dir.path(), None);
    let found = vec![
        Station::new("Север 2"),
        Station::new("Север-2"),
        Station::new("Юг"),
    ];
    a.by_station = true;
    let by_station = plan(&a, &Config::default(), &found).unwrap_err();
    a.by_station = false;
    for name in ["Север 2", "север-2"] {
        a.station = Some(name.into());
        let err = plan(&a, &Config::default(), &found).unwrap_err();
        assert_eq!(exit_code_of(&err), ExitCode::BadData);
        assert_eq!(err.to_string(), by_station.to_string());
    }
    // A station whose folder is its own is still planned.
    a.station = Some("Юг".into());
    let targets = plan(&a, &Config::default(), &found).unwrap();
    assert_eq!(targets[0].station.as_ref().unwrap().slug, "yug");
}

#[test]
fn regression_verbose_stages_are_said_in_the_reports_language() {
    use crate::cli::Lang;
    // Russian `-v` said `ingest` and `section:management`; English keeps the manifest's
    // names; a stage without words is said by its name.
    assert_eq!(super::stage_word(Lang::Ru, "ingest"), "чтение данных");
    assert_eq!(
        super::stage_word(Lang::Ru, "section:management"),
        "раздел «управление»"
    );
    assert_eq!(
        super::stage_word(Lang::En, "section:management"),
        "section:management"
    );
    assert_eq!(super::stage_word(Lang::Ru, "unknown"), "unknown");
    // Every section has its Russian words.
    for section in crate::report::registry() {
        let stage = format!("section:{}", section.name);
        assert_ne!(super::stage_word(Lang::Ru, &stage), stage);
    }
}
