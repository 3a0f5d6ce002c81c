//! End to end: what `stoa report` may replace in its output folder. A folder at
//! `OUT/YYYY-MM` that is not a stoa report (exports kept in a folder named by month) is
//! never replaced, nor is a report by a run that leaves out one of its sections.

use std::path::{Path, PathBuf};

use predicates::prelude::PredicateBooleanExt;

use crate::common;
use common::*;

/// A small station whose report month is March 2026.
fn station(dir: &Path) -> PathBuf {
    small_data(
        dir,
        "visit_id;opened_at;client_id;brand\n1;15.01.2026;C1;Lada\n2;31.03.2026;C2;Kia\n",
        "1;ТО;1000\n2;Мойка;500\n",
    )
}

fn report(data: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    stoa()
        .args(["report", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(["--lang", "en"])
        .args(extra)
        .assert()
}

#[test]
fn regression_a_folder_named_by_the_month_that_is_not_a_report_is_left_alone() {
    // The exports kept in `2026-03/`, and the report asked into their parent: the run
    // replaced the exports with the report. It now stops with 2 and touches nothing.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("2026-03")).unwrap();
    put(&out.join("2026-03"), "договор.docx", "x");
    report(&data, &out, &["--quiet"])
        .code(2)
        .stderr(predicates::str::contains("is not a stoa report"));
    assert_eq!(
        std::fs::read_to_string(out.join("2026-03/договор.docx")).unwrap(),
        "x"
    );
    // A plain file of that name is not replaced either.
    let file_out = tmp.path().join("file-out");
    std::fs::create_dir(&file_out).unwrap();
    put(&file_out, "2026-03", "hi");
    report(&data, &file_out, &["--quiet"]).code(2);
    assert_eq!(std::fs::read_dir(&file_out).unwrap().count(), 1);
}

#[test]
fn a_run_of_some_sections_does_not_replace_a_report_of_all_of_them() {
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let out = tmp.path().join("out");
    report(&data, &out, &["--quiet"]).success();
    let lists = out.join("2026-03/lists");
    assert!(lists.is_dir());
    report(&data, &out, &["--only", "management"])
        .code(2)
        .stderr(predicates::str::contains(
            "would replace it with a report without",
        ));
    assert!(lists.is_dir());
    // The full report again, and a partial one into a folder of its own, are fine; so is
    // the partial one replaced by itself.
    report(&data, &out, &["--quiet"]).success();
    let only = tmp.path().join("only");
    report(&data, &only, &["--only", "management", "--quiet"]).success();
    report(&data, &only, &["--only", "management", "--quiet"]).success();
    // A partial report gives way to one with its sections and more, and to the whole.
    report(
        &data,
        &only,
        &["--only", "management", "--only", "demand", "--quiet"],
    )
    .success();
    report(&data, &only, &["--quiet"]).success();
}

#[test]
fn regression_a_partial_report_is_not_replaced_by_one_without_its_sections() {
    // `--only management --only demand`, then `--only demand` into the same --out: exit 0,
    // and the folder lost the management tables (only a report of every section was
    // kept).
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let out = tmp.path().join("out");
    report(
        &data,
        &out,
        &["--only", "management", "--only", "demand", "--quiet"],
    )
    .success();
    let kpi = out.join("2026-03/tables/kpi.csv");
    assert!(kpi.is_file());
    let hint = out.join("demand");
    report(&data, &out, &["--only", "demand", "--quiet"])
        .code(2)
        .stderr(predicates::str::contains(format!(
            "holds a report with the sections management, demand, and this run of --only demand would replace it with a report without management: choose another --out for it (e.g. --out {}), or run every section",
            hint.display()
        )));
    assert!(kpi.is_file());
    // Nor by one of other sections.
    report(&data, &out, &["--only", "prices", "--quiet"]).code(2);
    assert!(kpi.is_file());
    // The suggested --out takes it.
    report(&data, &hint, &["--only", "demand", "--quiet"]).success();
    // Russian says so too.
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(["--only", "demand", "--quiet", "--lang", "ru"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "и этот запуск с --only demand заменил бы его отчётом, в котором не все его разделы (нет management)",
        ));
}

#[test]
fn a_file_given_as_the_output_or_the_data_folder_is_a_usage_error_said_at_once() {
    // Both were found only after the whole ingest, and --out a file was an I/O error
    // (exit 3, "File exists") with advice about free space.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let file = tmp.path().join("afile");
    put(tmp.path(), "afile", "x");
    report(&data, &file, &[])
        .code(2)
        .stderr(predicates::str::contains(
            "is a file: name a folder with --out",
        ));
    stoa()
        .args(["split", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&file)
        .assert()
        .code(2);
    stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(data.join("visits.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a file, not the data folder"));
}

#[test]
fn a_month_without_a_visit_is_reported_with_a_warning() {
    // February has no visit: the report of zeros is made (exit 0), and said to be one.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    report(&data, &tmp.path().join("out"), &["--month", "2026-02"])
        .success()
        .stderr(predicates::str::contains(
            "the data has no done visit in 2026-02",
        ));
    report(&data, &tmp.path().join("out"), &["--month", "2026-03"])
        .success()
        .stderr(predicates::str::contains("no done visit").not());
}

#[test]
fn regression_bug13_a_month_without_a_done_visit_is_among_the_reports_warnings() {
    // The warning was said on the terminal only: the report of zeros told its reader
    // nothing. It is in the manifest, the workbook's Data issues and on the page, as the
    // warning of a partial month is, once; in a Russian report in Russian.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    for (lang, said) in [
        ("en", "the data has no done visit in 2026-02"),
        (
            "ru",
            "в данных нет ни одного выполненного визита за 2026-02",
        ),
    ] {
        let out = tmp.path().join(format!("out-{lang}"));
        stoa()
            .args(["report", "--lang", lang, "--month", "2026-02", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .assert()
            .success()
            .stderr(predicates::str::contains(said).count(1));
        let month = out.join("2026-02");
        let manifest = read_json(&month.join("manifest.json"));
        let empty: Vec<_> = manifest["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| {
                w["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("the data has no done visit in 2026-02")
            })
            .collect();
        assert_eq!(empty.len(), 1, "{manifest}");
        assert_eq!(empty[0]["table"], "visits");
        use calamine::{open_workbook, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(month.join("report.xlsx")).unwrap();
        let sheet = book
            .sheet_names()
            .into_iter()
            .find(|n| n.contains("issues") || n.contains("Проблемы"))
            .unwrap();
        let cells = book.worksheet_range(&sheet).unwrap();
        let on_sheet = cells
            .rows()
            .flatten()
            .filter(|c| c.to_string().contains(said));
        assert_eq!(on_sheet.count(), 1, "{sheet}");
        let page = std::fs::read_to_string(month.join("report.html")).unwrap();
        assert_eq!(page.matches(said).count(), 1, "{page}");
    }
    // A month with visits says nothing of it.
    report(&data, &tmp.path().join("out"), &["--month", "2026-03"]).success();
    let manifest = read_json(&tmp.path().join("out/2026-03/manifest.json"));
    assert!(
        !manifest.to_string().contains("no done visit"),
        "{manifest}"
    );
}

#[test]
fn regression_bug13_a_stations_empty_month_is_in_the_stations_report_only() {
    // --by-station: Север has no visit in March, Центр has; the chain has.
    let tmp = tempfile::tempdir().unwrap();
    let data = common::north_idle_in_march(tmp.path());
    let out = tmp.path().join("reports");
    report(&data, &out, &["--only", "management", "--by-station"]).success();
    let said = |manifest: &Path| read_json(manifest).to_string();
    let chain = said(&out.join("2026-03/manifest.json"));
    assert!(!chain.contains("no done visit"), "{chain}");
    let folders: Vec<PathBuf> = std::fs::read_dir(out.join("stations"))
        .unwrap()
        .map(|e| e.unwrap().path().join("2026-03/manifest.json"))
        .collect();
    let empty: Vec<String> = folders
        .iter()
        .map(|m| said(m))
        .filter(|m| m.contains("no done visit"))
        .collect();
    assert_eq!(empty.len(), 1, "{folders:?}");
    assert!(
        empty[0].contains("the station Север has no done visit in 2026-03"),
        "{}",
        empty[0]
    );
}

#[test]
fn the_manifest_names_the_settings_file_the_report_used() {
    // It said null when the data folder's stoa.toml was read, as if the defaults were.
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let config = |out: &Path| -> serde_json::Value {
        let text = std::fs::read_to_string(out.join("2026-03/manifest.json")).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["parameters"]["config"].clone()
    };
    let out = tmp.path().join("defaults");
    report(&data, &out, &["--quiet"]).success();
    assert_eq!(config(&out), serde_json::Value::Null);
    put(&data, "stoa.toml", "station = \"Центр\"\n");
    let out = tmp.path().join("own");
    report(&data, &out, &["--quiet"]).success();
    assert_eq!(
        config(&out),
        serde_json::json!(data.join("stoa.toml").display().to_string())
    );
}

#[test]
fn regression_a_month_asked_for_before_its_data_end_is_said_to_be_partial() {
    // The data end on 10 April: a report of April asked for with --month counted a third
    // of the month as the whole of it, its fall against March without a word.
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand
1;15.03.2026;C1;Lada
2;10.04.2026;C2;Kia
",
        "1;ТО;1000\n2;Мойка;500\n",
    );
    report(&data, &tmp.path().join("out"), &["--month", "2026-04"])
        .success()
        .stderr(predicates::str::contains(
            "the data end on 2026-04-10, before the end of 2026-04",
        ));
    // A reader of the report is told too, not only the person who ran it: the manifest
    // and the workbook's Data issues carry the warning, counting April's one visit.
    let month = tmp.path().join("out/2026-04");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(month.join("manifest.json")).unwrap())
            .unwrap();
    let short: Vec<_> = manifest["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            w["message"]
                .as_str()
                .unwrap()
                .starts_with("the data end on 2026-04-10")
        })
        .collect();
    assert_eq!(short.len(), 1, "{manifest}");
    assert_eq!(short[0]["rows"], 1);
    assert_eq!(short[0]["table"], "visits");
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(month.join("report.xlsx")).unwrap();
    let sheet = book
        .sheet_names()
        .into_iter()
        .find(|n| n.contains("issues") || n.contains("Проблемы") || n.contains("данных"))
        .unwrap();
    let cells = book.worksheet_range(&sheet).unwrap();
    assert!(
        cells
            .rows()
            .flatten()
            .any(|c| c.to_string().contains("before the end of 2026-04")
                || c.to_string().contains("раньше конца месяца 2026-04")),
        "{sheet}"
    );
    report(&data, &tmp.path().join("out"), &["--month", "2026-03"])
        .success()
        .stderr(predicates::str::contains("before the end of").not());
}

#[test]
fn regression_the_months_comeback_rate_is_said_to_be_not_final_while_its_look_ahead_runs() {
    // A comeback is a warranty visit up to 30 days after a visit; the data of a default
    // report end on M's last day, so M's rate was 0.0 % against M−1's 3.3 %, shown as a
    // fall in green, without a word. The report now says so, counting M's visits whose
    // 30 days pass the data's end (all three: 5, 20 and 31 March are after 1 March); a
    // month whose 30 days are in the data is not named.
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand
1;15.02.2026;C1;Lada
2;05.03.2026;C2;Kia
3;20.03.2026;C1;Lada
4;31.03.2026;C2;Kia
",
        "1;ТО;1000\n2;Мойка;500\n3;ТО;1000\n4;Мойка;500\n",
    );
    let said = "the comeback rate of 2026-03 looks 30 days past each visit for a warranty event, and the data end on 2026-03-31: 3 of the month's visits";
    report(&data, &tmp.path().join("out"), &[])
        .success()
        .stderr(predicates::str::contains(said));
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("out/2026-03/manifest.json")).unwrap(),
    )
    .unwrap();
    assert!(manifest["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["message"].as_str().unwrap().starts_with(said) && w["rows"] == 3));
    report(&data, &tmp.path().join("out"), &["--month", "2026-02"])
        .success()
        .stderr(predicates::str::contains("comeback rate").not());
}

/// `manifest.json` without what differs from run to run by design: the timings, and the
/// data folder and configuration file as typed.
fn manifest_but_typed(report: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(report.join("manifest.json")).unwrap();
    let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
    let o = m.as_object_mut().unwrap();
    o.remove("timings");
    let p = o["parameters"].as_object_mut().unwrap();
    p.remove("data");
    p.remove("config");
    m
}

#[test]
fn regression_the_manifest_is_the_same_from_any_working_folder_and_spelling_of_data() {
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    std::fs::create_dir(tmp.path().join("sub")).unwrap();
    let run = |cwd: &Path, typed: &str, out: &str| {
        stoa()
            .current_dir(cwd)
            .args(["report", "--lang", "en", "--data", typed, "--out"])
            .arg(tmp.path().join(out))
            .assert()
            .success();
        manifest_but_typed(&tmp.path().join(out).join("2026-03"))
    };
    let a = run(tmp.path(), "data", "a");
    let b = run(&tmp.path().join("sub"), "../data/", "b");
    let c = run(tmp.path(), &format!("{}//", data.display()), "c");
    assert_eq!(a, b);
    assert_eq!(a, c);
    let paths: Vec<&str> = a["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["visits.csv", "order_lines.csv", "clients.csv"]);
    // `stoa check --json` prints the same list.
    let out = stoa()
        .current_dir(tmp.path().join("sub"))
        .args(["check", "--json", "--data", "./../data"])
        .output()
        .unwrap();
    let inputs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(inputs, a["inputs"]);
}

#[test]
fn regression_the_out_suggested_over_a_station_report_puts_the_report_where_it_says() {
    // Over a station's full report, `--station Юг --only loyalty` suggested
    // `--out cdrep/stations/yug/loyalty`, and the report then landed in
    // `cdrep/stations/yug/loyalty/stations/yug/2026-10`.
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand;station\n1;15.01.2026;C1;Lada;South\n2;31.03.2026;C2;Kia;South\n3;30.03.2026;C1;Lada;North\n",
        "1;ТО;1000\n2;Мойка;500\n3;ТО;800\n",
    );
    let out = tmp.path().join("cdrep");
    report(&data, &out, &["--station", "south", "--quiet"]).success();
    assert!(out.join("stations/south/2026-03/manifest.json").is_file());
    let hint = out.join("loyalty");
    report(&data, &out, &["--station", "south", "--only", "loyalty"])
        .code(2)
        .stderr(predicates::str::contains(format!(
            "(e.g. --out {})",
            hint.display()
        )));
    report(
        &data,
        &hint,
        &["--station", "south", "--only", "loyalty", "--quiet"],
    )
    .success();
    assert!(hint.join("stations/south/2026-03/manifest.json").is_file());
}

#[cfg(unix)]
#[test]
fn the_month_folder_is_readable_as_a_folder_made_in_place() {
    // The month folder is the working folder renamed: it must have the permissions a
    // folder made in place has (the umask's), not a working folder's owner-only ones, or
    // the colleague who opens the reports on a shared drive could not. (tempfile 3.27
    // already makes folders so; this pins it.)
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let out = tmp.path().join("out");
    report(&data, &out, &["-q", "--only", "loyalty"]).success();
    let made = tmp.path().join("made");
    std::fs::create_dir(&made).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out.join("2026-03")), mode(&made));
    // Replaced by a rerun, the same.
    report(&data, &out, &["-q", "--only", "loyalty"]).success();
    assert_eq!(mode(&out.join("2026-03")), mode(&made));
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "nothing beside the month"
    );
}

/// Whether this user writes in a folder whose mode forbids it (root does).
#[cfg(unix)]
fn ignores_modes(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let writes = std::fs::write(probe.join("x"), "").is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&probe).unwrap();
    writes
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_the_system_will_not_make_is_an_io_error_exit_3() {
    // Exit 3 for I/O was unit-tested only. A folder in /sys is refused to every user,
    // root too (CI may run as root, who ignores modes): the run exits 3, with the
    // report's advice. (An output under a file was this test's case until session 32
    // made it a usage error, said before the data are read: tests/it/messages_s32.rs.)
    let tmp = tempfile::tempdir().unwrap();
    let data = station(tmp.path());
    let refused = std::path::Path::new("/sys/stoa-report-out");
    report(&data, refused, &["-q", "--only", "loyalty"])
        .code(3)
        .stderr(predicates::str::contains(format!(
            "error: cannot write {}",
            refused.display()
        )))
        .stderr(predicates::str::contains(
            "check that the output folder is writable",
        ));
    assert!(!refused.exists());
}

#[cfg(unix)]
#[test]
fn a_file_or_folder_the_system_refuses_is_an_io_error_exit_3() {
    // Permission denied, end to end: an input that may not be read, an output folder that
    // may not be written in. Root reads and writes them all the same: skipped there.
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    if ignores_modes(tmp.path()) {
        eprintln!("skipped: this user ignores file modes (root)");
        return;
    }
    let data = station(tmp.path());
    let visits = data.join("visits.csv");
    std::fs::set_permissions(&visits, std::fs::Permissions::from_mode(0o000)).unwrap();
    stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(&data)
        .assert()
        .code(3)
        .stderr(predicates::str::contains(format!(
            "cannot open {}: access is denied",
            visits.display()
        )));
    std::fs::set_permissions(&visits, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = tmp.path().join("read-only");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    report(&data, &out, &["-q", "--only", "loyalty"])
        .code(3)
        .stderr(predicates::str::contains("Permission denied"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
}
