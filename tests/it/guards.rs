//! End to end: what stoa refuses to overwrite or pass over, and a reader who closes the
//! pipe early (session 30, a tester's findings): a split station folder's report replaced
//! the chain's, `generate` replaced a folder's real exports, `check --rejects` an input,
//! an optional table's broken link went unnoticed, `split` of all-rejected visits blamed
//! the station column, a closed stdout panicked, and the `--only` refusal said "fewer".

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use polars::prelude::*;

use crate::common;
use common::*;

/// The one month folder of a report `out` (beside `stations/`).
fn month_dir(out: &Path) -> PathBuf {
    std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap() != "stations")
        .expect("a month folder")
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn regression_a_split_station_folders_report_does_not_replace_the_chains() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    let parts = tmp.path().join("parts");
    stoa()
        .args(["split", "-q", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&parts)
        .assert()
        .success();
    let tsv = std::fs::read_to_string(parts.join("stations.tsv")).unwrap();
    let (slug, name) = tsv
        .lines()
        .find_map(|l| l.split_once('\t').filter(|(f, _)| !f.starts_with('_')))
        .filter(|(f, _)| *f != "folder")
        .map(|(f, n)| (f.to_string(), n.to_string()))
        .unwrap_or_else(|| {
            let l = tsv.lines().nth(1).unwrap();
            let (f, n) = l.split_once('\t').unwrap();
            (f.to_string(), n.to_string())
        });
    let reports = tmp.path().join("reports");
    let report = |data: &Path, out: &Path| {
        stoa()
            .args([
                "report",
                "-q",
                "--lang",
                "en",
                "--only",
                "management",
                "--data",
            ])
            .arg(data)
            .arg("--out")
            .arg(out)
            .assert()
    };
    report(&data, &reports).success();
    let chain = month_dir(&reports);
    let month = chain.file_name().unwrap().to_owned();
    report(&parts.join(&slug), &reports).success();
    // The chain's report is the chain's still; the station's sits apart.
    assert_eq!(manifest(&chain)["parameters"]["scope"], "all");
    let station = reports.join("stations").join(&slug).join(&month);
    assert_eq!(manifest(&station)["parameters"]["station"], name.as_str());
    // A station's report where the chain's stands (an older stoa put it there) is not
    // replaced by the chain's, nor by another station's.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(other.join(&month)).unwrap();
    std::fs::copy(
        station.join("manifest.json"),
        other.join(&month).join("manifest.json"),
    )
    .unwrap();
    let said = report(&data, &other).code(2).get_output().stderr.clone();
    let said = String::from_utf8_lossy(&said);
    assert!(
        said.contains("the report of the station") && said.contains("--out"),
        "{said}"
    );
    let ru = stoa()
        .args([
            "report",
            "-q",
            "--lang",
            "ru",
            "--only",
            "management",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&other)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let ru = String::from_utf8_lossy(&ru);
    assert!(ru.contains("по всем данным (по сети)"), "{ru}");
}

#[cfg(unix)]
#[test]
fn regression_an_optional_tables_link_to_nothing_stops_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    generate_csv(&data, 3);
    std::fs::remove_file(data.join("agents.csv")).unwrap();
    std::os::unix::fs::symlink("/nowhere/usb/agents.csv", data.join("agents.csv")).unwrap();
    let run = stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(&data)
        .assert()
        .code(1);
    let said = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        said.contains("agents.csv, a link to /nowhere/usb/agents.csv, which does not exist"),
        "{said}"
    );
}

#[test]
fn regression_generate_refuses_a_folder_of_real_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let visits = "Номер заказ-наряда;Дата приёма;Код клиента;Марка\nREAL-1;01.10.2026;C1;LADA\n";
    put(&real, "Визиты.csv", visits);
    put(&real, "stoa.toml", "station = \"Моя СТО\"\n");
    let run = stoa()
        .args([
            "generate",
            "--clients",
            "20",
            "--months",
            "2",
            "--format",
            "csv",
            "--out",
        ])
        .arg(&real)
        .assert()
        .code(2);
    let said = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        said.contains("Визиты.csv") && said.contains("stoa.toml"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(real.join("Визиты.csv")).unwrap(),
        visits
    );
    assert!(!real.join("visits.csv").exists());
    // A folder generate wrote is generated into again.
    let own = tmp.path().join("own");
    generate_csv(&own, 2);
    generate_csv(&own, 2);
}

#[test]
fn regression_split_of_all_rejected_visits_gives_the_reports_verdict() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    rewrite_csv(&data.join("visits.csv"), |mut df| {
        let n = df.height();
        df.with_column(Column::new("opened_at".into(), vec!["32.13.2026"; n]))
            .unwrap();
        df
    });
    let run = stoa()
        .args(["split", "--lang", "en", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(tmp.path().join("parts"))
        .assert()
        .code(1);
    let said = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        said.contains("was rejected") && !said.contains("no station"),
        "{said}"
    );
    assert!(!tmp.path().join("parts").exists());
}

/// Run `stoa args…` with its stdout a pipe whose reader is gone before it prints.
fn with_closed_stdout(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stoa"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn regression_a_closed_stdout_ends_no_command_with_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("g");
    generate_csv(&data, 3);
    let out = tmp.path().join("r");
    let os = |s: &str| std::ffi::OsString::from(s);
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec![os("check"), os("--data"), data.clone().into()],
        vec![os("check"), os("--json"), os("--data"), data.clone().into()],
        vec![
            os("report"),
            os("--only"),
            os("loyalty"),
            os("--data"),
            data.clone().into(),
            os("--out"),
            out.clone().into(),
        ],
        vec![os("report"), os("--help")],
        vec![
            os("generate"),
            os("--clients"),
            os("10"),
            os("--months"),
            os("1"),
            os("--out"),
            tmp.path().join("g2").into(),
        ],
    ];
    for args in runs {
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let (code, err) = with_closed_stdout(&refs);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // The report was finished, not left half.
    assert!(month_dir(&out).join("manifest.json").is_file());
}

#[test]
fn regression_check_rejects_never_replaces_an_input_or_the_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    generate_csv(&data, 2);
    for name in ["visits.csv", "stoa.toml"] {
        let path = data.join(name);
        let before = std::fs::read(&path).unwrap();
        // Through another spelling of the same path.
        let named = data.join("..").join("data").join(name);
        let run = stoa()
            .args(["check", "--lang", "en", "--data"])
            .arg(&data)
            .arg("--rejects")
            .arg(&named)
            .assert()
            .code(2);
        let said = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        assert!(said.contains("which this run reads"), "{said}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name}");
    }
}

#[test]
fn regression_the_only_refusal_names_the_sections_left_out_not_fewer() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    generate_csv(&data, 3);
    let out = tmp.path().join("out");
    let run = |only: &str, lang: &str| {
        stoa()
            .args(["report", "-q", "--lang", lang, "--only", only, "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .assert()
    };
    run("loyalty", "en").success();
    let said = run("greetings", "en").code(2).get_output().stderr.clone();
    let said = String::from_utf8_lossy(&said);
    assert!(
        said.contains("a report without loyalty") && !said.contains("fewer"),
        "{said}"
    );
    let ru = run("greetings", "ru").code(2).get_output().stderr.clone();
    let ru = String::from_utf8_lossy(&ru);
    assert!(ru.contains("не все его разделы (нет loyalty)"), "{ru}");
}

/// Run `stoa args…` with its stderr a pipe whose reader is gone before it starts: every
/// message it says there meets a broken pipe.
fn with_closed_stderr(args: &[&std::ffi::OsStr]) -> Option<i32> {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(assert_cmd::cargo::cargo_bin("stoa"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(writer)
        .status()
        .unwrap()
        .code()
}

#[test]
fn regression_a_closed_stderr_leaves_the_exit_code_the_commands_own() {
    // `eprintln!` panicked on the broken pipe ("failed printing to stderr"), exit 101, in
    // place of the run's own code: 0 for a report that said a note, 2 for a usage error.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("g");
    generate_csv(&data, 3);
    let out = tmp.path().join("r");
    let os = |s: &str| std::ffi::OsString::from(s);
    let runs: Vec<(Vec<std::ffi::OsString>, i32)> = vec![
        // A note on stderr ("the visits have no station column"), then the report.
        (
            vec![
                os("report"),
                os("--by-station"),
                os("--only"),
                os("loyalty"),
                os("--data"),
                data.clone().into(),
                os("--out"),
                out.clone().into(),
            ],
            0,
        ),
        // The error that ends a run.
        (
            vec![os("check"), os("--data"), tmp.path().join("nowhere").into()],
            2,
        ),
        (vec![os("report"), os("--only"), os("nonsense")], 2),
        // A mistyped command line, in Russian and as clap says it.
        (vec![os("report"), os("--monht"), os("2026-01")], 2),
        (
            vec![os("report"), os("--lang"), os("en"), os("--monht"), os("x")],
            2,
        ),
    ];
    for (args, expected) in runs {
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        assert_eq!(with_closed_stderr(&refs), Some(expected), "{args:?}");
    }
    assert!(month_dir(&out).join("manifest.json").is_file());
    // Closed outright (`2>&-`): the run starts with no standard error at all.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$0\" check --data \"$1\" 2>&-")
        .arg(assert_cmd::cargo::cargo_bin("stoa"))
        .arg(tmp.path().join("nowhere"))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}
