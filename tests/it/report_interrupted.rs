//! End to end: a report interrupted (Ctrl-C, `kill`) while it writes leaves neither a half
//! report nor its hidden working folder behind, and the previous report stays whole.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common;
use common::*;

/// The hidden working folders in `out`.
fn hidden(out: &Path) -> Vec<String> {
    std::fs::read_dir(out)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn regression_an_interrupted_report_removes_its_working_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    generate_csv(&data, 12);
    let out = tmp.path().join("out");
    let bin = assert_cmd::cargo::cargo_bin("stoa");
    // A first, whole report, which the interrupted one must leave as it is.
    let first = Command::new(&bin)
        .args(["report", "--quiet", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(first.success());
    let month = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("manifest.json").is_file())
        .unwrap();
    let manifest = std::fs::read(month.join("manifest.json")).unwrap();

    // The second run is interrupted as soon as its working folder appears.
    let mut child = Command::new(&bin)
        .args(["report", "--quiet", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .spawn()
        .unwrap();
    let start = Instant::now();
    while hidden(&out).is_empty() && start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let interrupted = child.try_wait().unwrap().is_none();
    if interrupted {
        Command::new("kill")
            .arg("-INT")
            .arg(child.id().to_string())
            .status()
            .unwrap();
    }
    let status = child.wait().unwrap();
    if interrupted && status.code() == Some(130) {
        assert_eq!(hidden(&out), Vec::<String>::new());
        assert_eq!(
            std::fs::read(month.join("manifest.json")).unwrap(),
            manifest
        );
    } else {
        // The run finished between the look and the signal: nothing to interrupt.
        assert!(status.success(), "{status:?}");
    }
    assert!(month.join("report.xlsx").is_file());
}
