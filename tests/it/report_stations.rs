//! End to end: `stoa report --station` and `--by-station` on a generated three-station
//! chain, with the visit counts checked against counts made here from the generated CSV
//! (plain Rust, not the library's polars code), and the unknown-station usage error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use predicates::prelude::PredicateBooleanExt;
use predicates::PredicateBoxExt;

use crate::common;
use common::*;

/// A generated chain: 3 stations, 300 clients, 14 months, English CSV.
fn chain(dir: &Path) -> PathBuf {
    generate_chain(dir)
}

/// Done visits per station in the default report month (SPEC §4.1: the month of the
/// latest `opened_at` if that is its last day, else the month before), and that month.
fn done_visits_by_station(data: &Path) -> (String, BTreeMap<String, usize>) {
    let visits = read_text_csv(&data.join("visits.csv"));
    let opened: Vec<(i32, u32, u32)> = visits["opened_at"]
        .iter()
        .map(|d| ymd(d.as_deref().unwrap()))
        .collect();
    let &(ly, lm, ld) = opened.iter().max().unwrap();
    let next = if lm == 12 {
        chrono::NaiveDate::from_ymd_opt(ly + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(ly, lm + 1, 1)
    }
    .unwrap();
    let last_day: u32 = (next - chrono::Duration::days(1))
        .format("%d")
        .to_string()
        .parse()
        .unwrap();
    let (y, m) = if ld == last_day {
        (ly, lm)
    } else if lm == 1 {
        (ly - 1, 12)
    } else {
        (ly, lm - 1)
    };
    let mut counts = BTreeMap::new();
    for (i, &(vy, vm, _)) in opened.iter().enumerate() {
        let status = visits["status"][i]
            .clone()
            .unwrap_or_else(|| "done".into())
            .to_lowercase();
        let station = visits["station"][i].clone().unwrap_or_default();
        let n = counts.entry(station).or_insert(0);
        if status == "done" && (vy, vm) == (y, m) {
            *n += 1;
        }
    }
    (format!("{y:04}-{m:02}"), counts)
}

/// `visits` of the report month from a report's `tables/kpi.csv`.
fn kpi_visits(report: &Path, month: &str) -> usize {
    let kpi = std::fs::read_to_string(report.join("tables/kpi.csv")).unwrap();
    let row = kpi
        .lines()
        .find(|l| l.starts_with(&format!("visits,{month},")))
        .unwrap_or_else(|| panic!("no visits row for {month} in\n{kpi}"));
    row.rsplit(',').next().unwrap().parse().unwrap()
}

fn manifest(report: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(report.join("manifest.json")).unwrap()).unwrap()
}

/// How many of the month's visits a report's warning that its comeback rate is not final
/// counts, and the data's last day it names (None without that warning).
fn comebacks_open(report: &Path) -> Option<(usize, String)> {
    let manifest = manifest(report);
    let said = manifest["warnings"].as_array()?.iter().find_map(|w| {
        let m = w["message"].as_str()?;
        m.starts_with("the comeback rate of").then(|| m.to_string())
    })?;
    let head = &said[..said.find(" of the month's visits")?];
    let end = &said[said.find("the data end on ")? + 16..];
    Some((
        head.rsplit(' ').next()?.parse().ok()?,
        end[..10].to_string(),
    ))
}

/// The slug stoa gives the generator's English station names.
fn slug(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

#[test]
fn one_station_reports_only_its_own_visits() {
    let tmp = tempfile::tempdir().unwrap();
    let data = chain(tmp.path());
    let out = tmp.path().join("reports");
    let (month, counts) = done_visits_by_station(&data);
    assert_eq!(counts.len(), 3, "{counts:?}");
    // The second station, named trimmed and in another case.
    let (name, &expected) = counts.iter().nth(1).unwrap();
    let query = format!("  {}  ", name.to_uppercase());
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .args(["--out"])
        .arg(&out)
        .args([
            "--station",
            &query,
            "--only",
            "management",
            "--only",
            "loyalty",
            "--lang",
            "ru",
        ])
        .assert()
        .success()
        // The terminal speaks the report's language.
        .stdout(predicates::str::contains(format!(
            "Отчёт по станции {name} за {month} (на {month}-"
        )));

    let report = out.join("stations").join(slug(name)).join(&month);
    assert_eq!(kpi_visits(&report, &month), expected);
    assert!(expected > 0 && expected < counts.values().sum::<usize>());
    let m = manifest(&report);
    assert_eq!(m["month"], month.as_str());
    assert_eq!(m["parameters"]["station"], name.as_str());
    assert_eq!(m["parameters"]["scope"], "station");
    let stages: Vec<&str> = m["timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "ingest",
            "filter",
            "warnings",
            "section:management",
            "section:loyalty",
            "monthly",
            "write"
        ]
    );
    // Only the station's folder was written: no chain report beside it.
    assert!(!out.join(&month).exists());
    // Its loyalty list holds only clients who came to the station.
    let visits = read_text_csv(&data.join("visits.csv"));
    let own: std::collections::BTreeSet<String> = (0..visits["visit_id"].len())
        .filter(|&i| visits["station"][i].as_deref() == Some(name.as_str()))
        .map(|i| visits["client_id"][i].clone().unwrap())
        .collect();
    let loyalty = read_text_csv(&report.join("tables/loyalty.csv"));
    assert!(!loyalty["client_id"].is_empty());
    for c in loyalty["client_id"].iter().flatten() {
        assert!(own.contains(c), "{c} never came to {name}");
    }
}

#[test]
fn by_station_writes_every_station_and_the_chain_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let data = chain(tmp.path());
    let out = tmp.path().join("reports");
    let (month, counts) = done_visits_by_station(&data);
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .args(["--out"])
        .arg(&out)
        .args(["--by-station", "--only", "management", "-v"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "The report for {month} (as of {month}-"
        )))
        // The data is read once; each station prints its stages.
        .stderr(predicates::str::contains("station ").and(predicates::str::contains("filter")));

    let chain = out.join(&month);
    let chain_visits = kpi_visits(&chain, &month);
    assert_eq!(chain_visits, counts.values().sum::<usize>());
    let (chain_open, data_end) = comebacks_open(&chain).expect("the chain's month is not final");
    let (mut sum, mut open_sum) = (0, 0);
    for (name, &expected) in &counts {
        let report = out.join("stations").join(slug(name)).join(&month);
        let v = kpi_visits(&report, &month);
        assert_eq!(v, expected, "{name}");
        assert_eq!(manifest(&report)["parameters"]["station"], name.as_str());
        // regression: a station's report warned of the chain's visits, not its own; and
        // then of its own last visit's day (a day before the chain's for Centre), not the
        // data's, which all the reports of the run share.
        let (open, end) = comebacks_open(&report).expect("the station's month is not final");
        assert!(
            open <= expected && open < chain_open,
            "{name}: {open} of {expected}"
        );
        assert_eq!(end, data_end, "{name}");
        open_sum += open;
        sum += v;
    }
    assert_eq!(sum, chain_visits);
    assert_eq!(open_sum, chain_open);
    // One folder per station, nothing half-written left behind.
    let folders: Vec<_> = std::fs::read_dir(out.join("stations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), 3, "{folders:?}");
    let mut top: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, [month.clone(), "stations".to_string()]);
    // The chain's manifest lists the stations and where their reports are.
    let listed = manifest(&chain)["parameters"]["stations"].clone();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    for s in listed.as_array().unwrap() {
        assert!(out
            .join(s["folder"].as_str().unwrap())
            .join("manifest.json")
            .exists());
    }
}

#[test]
fn an_unknown_station_is_a_usage_error_that_lists_the_stations() {
    let tmp = tempfile::tempdir().unwrap();
    let data = chain(tmp.path());
    let out = tmp.path().join("reports");
    let (_, counts) = done_visits_by_station(&data);
    let mut listed = predicates::str::contains("there is no station \"Nowhere\"").boxed();
    for name in counts.keys() {
        listed = listed
            .and(predicates::str::contains(format!("\"{name}\"")))
            .boxed();
    }
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .args(["--out"])
        .arg(&out)
        .args(["--station", "Nowhere"])
        .assert()
        .code(2)
        .stderr(listed);
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
    // --station and --by-station together are refused by the command line.
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .args(["--station", "x", "--by-station"])
        .assert()
        .code(2);
}

/// Copy the rows of `table.csv` whose `key` is in `keep` (all rows when `keep` is None)
/// into `to`, as text, with polars' plain CSV reader and writer.
fn copy_rows(from: &Path, to: &Path, table: &str, key: &str, keep: Option<&[String]>) {
    use polars::prelude::*;
    let mut df = text_frame(&from.join(format!("{table}.csv")));
    if let Some(keep) = keep {
        let keep = lit(Series::new("k".into(), keep)).implode(true);
        df = df
            .lazy()
            .filter(col(key).is_in(keep, false))
            .collect()
            .unwrap();
    }
    let file = std::fs::File::create(to.join(format!("{table}.csv"))).unwrap();
    CsvWriter::new(file).finish(&mut df).unwrap();
}

#[test]
fn a_station_partition_gives_the_same_report_as_the_chain_run() {
    // Station × month partitions are independent units of work (docs/scaling.md): the
    // station's rows in a folder of their own, with the shared tables copied, report the
    // same figures as the station filtered out of the whole chain.
    let tmp = tempfile::tempdir().unwrap();
    let data = chain(tmp.path());
    let (month, counts) = done_visits_by_station(&data);
    let name = counts.keys().next().unwrap().clone();
    let visits = read_text_csv(&data.join("visits.csv"));
    let rows: Vec<usize> = (0..visits["visit_id"].len())
        .filter(|&i| visits["station"][i].as_deref() == Some(name.as_str()))
        .collect();
    let ids: Vec<String> = rows
        .iter()
        .map(|&i| visits["visit_id"][i].clone().unwrap())
        .collect();
    let clients: Vec<String> = rows
        .iter()
        .map(|&i| visits["client_id"][i].clone().unwrap())
        .collect();
    let part = tmp.path().join("part");
    std::fs::create_dir(&part).unwrap();
    copy_rows(&data, &part, "visits", "visit_id", Some(&ids));
    copy_rows(&data, &part, "order_lines", "visit_id", Some(&ids));
    copy_rows(&data, &part, "feedback", "visit_id", Some(&ids));
    copy_rows(&data, &part, "clients", "client_id", Some(&clients));
    for t in ["price_list", "competitor_prices", "agents"] {
        copy_rows(&data, &part, t, "", None);
    }
    std::fs::copy(data.join("stoa.toml"), part.join("stoa.toml")).unwrap();

    let (whole, alone) = (tmp.path().join("whole"), tmp.path().join("alone"));
    for (dir, out) in [(&data, &whole), (&part, &alone)] {
        stoa()
            .args(["report", "--data"])
            .arg(dir)
            .args(["--out"])
            .arg(out)
            .args(["--station", &name, "--month", &month, "--quiet"])
            .args([
                "--only",
                "management",
                "--only",
                "loyalty",
                "--only",
                "retention",
            ])
            .assert()
            .success();
    }
    let folder = |out: &Path| out.join("stations").join(slug(&name)).join(&month);
    for table in ["kpi", "managers", "loyalty", "cohorts", "rfm"] {
        let path = format!("tables/{table}.csv");
        assert_eq!(
            std::fs::read_to_string(folder(&whole).join(&path)).unwrap(),
            std::fs::read_to_string(folder(&alone).join(&path)).unwrap(),
            "{path}"
        );
    }
}

/// The first row's `capacity_hours` of a report's `tables/demand_bay_load.csv`.
fn first_capacity_hours(report: &Path) -> f64 {
    let load = read_text_csv(&report.join("tables/demand_bay_load.csv"));
    load["capacity_hours"][0]
        .as_deref()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_station_with_its_own_capacity_gets_its_own_bay_load() {
    let tmp = tempfile::tempdir().unwrap();
    let data = chain(tmp.path());
    let out = tmp.path().join("reports");
    let (month, counts) = done_visits_by_station(&data);
    let mut names = counts.keys();
    let (small, other) = (names.next().unwrap(), names.next().unwrap());
    // The chain has 12 lifts; the first station one of its own (named in another case),
    // the others none of their own.
    let toml = data.join("stoa.toml");
    let mut text = format!(
        "language = \"en\"\n[capacity]\nbays = 12\nhours_per_day = 10\ndays_per_week = 6\n\
         [stations.{:?}.capacity]\nbays = 1\nhours_per_day = 10\ndays_per_week = 6\n",
        small.to_uppercase()
    );
    std::fs::write(&toml, &text).unwrap();
    // Every station's report, the demand section only (it holds the bay load).
    let by_station = || {
        stoa()
            .args(["report", "--data"])
            .arg(&data)
            .args(["--out"])
            .arg(&out)
            .args(["--by-station", "--only", "demand"])
            .assert()
            .success()
    };
    by_station();

    let chain = out.join(&month);
    let chain_bays = manifest(&chain)["parameters"]["capacity"]["bays"]
        .as_u64()
        .unwrap();
    assert_eq!(chain_bays, 12);
    let own = out.join("stations").join(slug(small)).join(&month);
    let shared = out.join("stations").join(slug(other)).join(&month);
    assert_eq!(manifest(&own)["parameters"]["capacity"]["bays"], 1);
    assert_eq!(
        manifest(&shared)["parameters"]["capacity"]["bays"],
        chain_bays
    );
    // Capacity hours scale with the bays: one bay against the chain's.
    let ratio = first_capacity_hours(&chain) / first_capacity_hours(&own);
    assert!((ratio - chain_bays as f64).abs() < 1e-9, "{ratio}");
    assert_eq!(first_capacity_hours(&shared), first_capacity_hours(&chain));

    // Settings for a station the data does not hold (a misspelt name, most likely) are
    // warned about when every station is reported.
    text.push_str("\n[stations.\"Nowhere\".capacity]\nbays = 2\n");
    std::fs::write(&toml, &text).unwrap();
    by_station().stderr(
        predicates::str::contains("\"Nowhere\"").and(predicates::str::contains("[stations]")),
    );
}

/// `metric` of `month` from a report's `tables/kpi.csv`, as text (empty when not computed).
fn kpi_text(report: &Path, metric: &str, month: &str) -> String {
    let kpi = std::fs::read_to_string(report.join("tables/kpi.csv")).unwrap();
    let prefix = format!("{metric},{month},");
    kpi.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {metric} row for {month} in\n{kpi}"))
        .to_string()
}

#[test]
fn a_client_of_another_station_is_new_at_this_one_and_not_to_the_chain() {
    // C1 first came to Север in January and to Центр in March; C2 first came to Центр in
    // March. The chain's March has one new client (C2); Центр's has both, as a station's
    // figures are its own (a partition of `stoa split` must report alone, SPEC §7).
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand;station\n\
         1;15.01.2026;C1;Lada;Север\n\
         2;10.03.2026;C1;Lada;Центр\n\
         3;12.03.2026;C2;Kia;Центр\n\
         4;31.03.2026;C2;Kia;Центр\n",
        "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n4;Мойка;500\n",
    );
    let out = tmp.path().join("reports");
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(["--by-station", "--only", "management", "--quiet"])
        .assert()
        .success();
    let chain = out.join("2026-03");
    let centre = out.join("stations").join("tsentr").join("2026-03");
    assert_eq!(kpi_text(&chain, "new_clients", "2026-03"), "1");
    assert_eq!(kpi_text(&chain, "unique_clients", "2026-03"), "2");
    assert_eq!(kpi_text(&centre, "new_clients", "2026-03"), "2");
    assert_eq!(kpi_text(&centre, "unique_clients", "2026-03"), "2");
}

#[test]
fn regression_a_station_without_a_visit_in_the_month_is_warned_of() {
    // Север has no visit in March (its export forgotten): its report of zeros was written
    // without a word by --by-station and --station, while the chain had visits.
    let tmp = tempfile::tempdir().unwrap();
    let data = common::north_idle_in_march(tmp.path());
    for how in [&["--by-station"][..], &["--station", "Север"][..]] {
        stoa()
            .args(["report", "--lang", "en", "--only", "management", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(tmp.path().join("reports"))
            .args(how)
            .assert()
            .success()
            .stderr(predicates::str::contains(
                "the station Север has no done visit in 2026-03",
            ))
            .stderr(predicates::str::contains("station Центр has no").not());
    }
}

#[test]
fn regression_a_station_whose_folder_another_station_shares_is_refused() {
    // `Север 2` and `Север-2` are both stations/sever-2/. --by-station refused the data,
    // but --station "Север 2" wrote the folder and --station "Север-2" then replaced it
    // without a word (the manifest's station changed).
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand;station\n\
         1;10.03.2026;C1;Lada;Север 2\n\
         2;12.03.2026;C2;Kia;Север-2\n\
         3;31.03.2026;C2;Kia;Юг\n",
        "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n",
    );
    let out = tmp.path().join("reports");
    let report = |how: &[&str]| {
        let mut cmd = stoa();
        cmd.args([
            "report",
            "--lang",
            "en",
            "-q",
            "--only",
            "management",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(how);
        cmd.assert()
    };
    let said = "the stations \"Север 2\" and \"Север-2\" would share the report folder stations/sever-2/: rename one of them in the visits";
    let by_station = report(&["--by-station"]).code(1);
    let by_station = String::from_utf8_lossy(&by_station.get_output().stderr).into_owned();
    assert!(by_station.contains(said), "{by_station}");
    for name in ["Север 2", "Север-2"] {
        // The same sentence as --by-station's, and nothing written.
        report(&["--station", name])
            .code(1)
            .stderr(predicates::str::diff(by_station.clone()));
        assert!(!out.exists(), "--station {name} wrote {}", out.display());
    }
    // A third station's folder is its own: its report is written, and only it.
    report(&["--station", "Юг"]).success();
    let stations: Vec<_> = std::fs::read_dir(out.join("stations"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(stations, ["yug"]);
    assert_eq!(
        manifest(&out.join("stations/yug/2026-03"))["parameters"]["station"],
        "Юг"
    );
}

#[test]
fn regression_a_shared_folder_that_holds_a_report_is_left_as_it_is() {
    // The month's report of `Север-2` is written; then the visits gain `Север 2` (the
    // same folder). Its --station run used to replace Север-2's report.
    let tmp = tempfile::tempdir().unwrap();
    let visits = "visit_id;opened_at;client_id;brand;station\n\
                  1;10.03.2026;C1;Lada;Юг\n\
                  2;12.03.2026;C2;Kia;Север-2\n\
                  3;31.03.2026;C2;Kia;Юг\n";
    let data = small_data(tmp.path(), visits, "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n");
    let out = tmp.path().join("reports");
    let report = |name: &str| {
        let mut cmd = stoa();
        cmd.args([
            "report",
            "--lang",
            "en",
            "-q",
            "--only",
            "management",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(["--station", name]);
        cmd.assert()
    };
    report("Север-2").success();
    let folder = out.join("stations/sever-2/2026-03");
    let before = std::fs::read_to_string(folder.join("manifest.json")).unwrap();
    put(
        &data,
        "visits.csv",
        &visits.replace("C1;Lada;Юг", "C1;Lada;Север 2"),
    );
    for name in ["Север 2", "Север-2"] {
        report(name).code(1).stderr(predicates::str::contains(
            "would share the report folder stations/sever-2/",
        ));
    }
    assert_eq!(
        std::fs::read_to_string(folder.join("manifest.json")).unwrap(),
        before
    );
    assert_eq!(manifest(&folder)["parameters"]["station"], "Север-2");
}

/// The first station of the generated chain moved to a 0–10 survey (each of its scores
/// doubled) while the others stay on 1–5.
#[test]
fn regression_a_chain_of_two_feedback_scales_has_no_one_mean_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let data = chain(tmp.path());
    let visits = read_text_csv(&data.join("visits.csv"));
    let ten: std::collections::HashSet<String> = visits["visit_id"]
        .iter()
        .zip(&visits["station"])
        .filter(|(_, s)| s.as_deref() == Some("Centre"))
        .filter_map(|(v, _)| v.clone())
        .collect();
    rewrite_csv(&data.join("feedback.csv"), |df| {
        let ids = texts(&df, "visit_id");
        let scores: Vec<Option<String>> = texts(&df, "score")
            .into_iter()
            .zip(&ids)
            .map(|(s, v)| match v.as_ref().is_some_and(|v| ten.contains(v)) {
                true => s.map(|s| (s.parse::<f64>().unwrap() * 2.0).to_string()),
                false => s,
            })
            .collect();
        let mut df = df;
        df.with_column(polars::prelude::Column::new("score".into(), scores))
            .unwrap();
        df
    });
    let out = tmp.path().join("out");
    stoa()
        .args(["report", "--lang", "en", "--by-station", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "are on different scales at different stations (North, South on 1–5; Centre on 0–10)",
        ));
    let month = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .find(|n| n.starts_with("20"))
        .unwrap();
    let feedback = read_text_csv(&out.join(&month).join("tables/feedback.csv"));
    assert!(feedback["scale"]
        .iter()
        .all(|s| s.as_deref() == Some("1-5/0-10")));
    assert!(feedback["mean"].iter().all(Option::is_none));
    // Each station's report reads its own scale: Centre's means are above 5.
    let centre = read_text_csv(
        &out.join("stations/centre")
            .join(&month)
            .join("tables/feedback.csv"),
    );
    assert!(centre["scale"].iter().all(|s| s.as_deref() == Some("0-10")));
    let manifest = std::fs::read_to_string(
        out.join("stations/centre")
            .join(&month)
            .join("manifest.json"),
    )
    .unwrap();
    assert!(!manifest.contains("different scales"));
}
