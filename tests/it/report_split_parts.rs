//! End to end: the report of a folder `stoa split` wrote, one part of a chain. With
//! `--by-station` a station's folder wrote its report into `OUT/YYYY-MM/` as if it were the
//! chain's (refused beside the chain's report, by the scope guard), and the folder of the
//! visits without a station was reported into `stations/<the chain's slug>/`, under the
//! chain's name. Each part's report now has the place of its part.

use std::path::{Path, PathBuf};

use crate::common;
use common::*;

/// A generated chain whose first five visits have no station, split into `dir/parts`:
/// the data folder and the parts folder.
fn split_chain(dir: &Path) -> (PathBuf, PathBuf) {
    let data = generate_chain_blanking(dir, 5);
    let parts = dir.join("parts");
    stoa()
        .args(["split", "-q", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&parts)
        .assert()
        .success();
    assert!(parts.join("_no-station").is_dir());
    (data, parts)
}

/// `stoa report --only management --lang en` of `data` into `out`, with `extra`.
fn report(data: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    stoa()
        .args(["report", "--lang", "en", "--only", "management", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn regression_by_station_on_a_split_station_folder_reports_that_station_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, parts) = split_chain(tmp.path());
    let tsv = std::fs::read_to_string(parts.join("stations.tsv")).unwrap();
    let (slug, name) = tsv.lines().next().unwrap().split_once('\t').unwrap();
    let reports = tmp.path().join("reports");
    report(&data, &reports, &["-q"]).success();
    let month = names(&reports)[0].clone();
    let chain = std::fs::read(reports.join(&month).join("manifest.json")).unwrap();

    let run = report(&parts.join(slug), &reports, &["--by-station"]).success();
    let said = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    let place = reports.join("stations").join(slug).join(&month);
    assert!(
        said.contains("is a folder written by `stoa split`")
            && said.contains(&place.display().to_string()),
        "{said}"
    );
    assert_eq!(manifest(&place)["parameters"]["station"], name);
    assert_eq!(manifest(&place)["parameters"]["scope"], "station");
    // The chain's report is the chain's still, and no other station's folder was made.
    assert_eq!(
        std::fs::read(reports.join(&month).join("manifest.json")).unwrap(),
        chain
    );
    assert_eq!(names(&reports.join("stations")), [slug]);

    // Into an output of its own: the station's folder only, as without --by-station.
    let alone = tmp.path().join("alone");
    report(&parts.join(slug), &alone, &["-q", "--by-station"]).success();
    assert_eq!(names(&alone), ["stations"]);
    let plain = tmp.path().join("plain");
    report(&parts.join(slug), &plain, &["-q"]).success();
    for out in [&alone, &plain] {
        assert_eq!(names(&out.join("stations")), [slug]);
    }
}

#[test]
fn regression_the_no_station_folders_report_has_a_place_of_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, parts) = split_chain(tmp.path());
    let reports = tmp.path().join("reports");
    let run = report(&parts.join("_no-station"), &reports, &[]).success();
    let said = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(
        said.contains("The report of the visits without a station"),
        "{said}"
    );
    assert_eq!(names(&reports), ["stations"]);
    assert_eq!(names(&reports.join("stations")), ["_no-station"]);
    let place = reports.join("stations/_no-station");
    let month = names(&place)[0].clone();
    let parameters = &manifest(&place.join(&month))["parameters"];
    assert_eq!(parameters["scope"], "no-station");
    assert_eq!(parameters["station"], "");
    assert_eq!(parameters["station_folder"], "_no-station");
    assert!(parameters["chain"]
        .as_str()
        .unwrap()
        .starts_with("Service chain"));
    // Run again, with --by-station too: the same place, replaced.
    report(
        &parts.join("_no-station"),
        &reports,
        &["-q", "--by-station"],
    )
    .success();
    assert_eq!(names(&reports.join("stations")), ["_no-station"]);
    assert_eq!(names(&place), [month]);
}
