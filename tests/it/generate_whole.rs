//! End to end: `stoa generate` puts its data set in place all at once. It renamed its
//! tables into the output folder one by one and wrote `stoa.toml` last: a run stopped among
//! the renames left tables without the `stoa.toml` by which the next `generate` knows the
//! folder for its own, and the next run refused the folder as "real exports". The data set
//! is now written into a hidden folder beside the output folder, which takes its place
//! whole; whatever else the output folder holds is kept.

use std::path::Path;

use crate::common;
use common::*;

/// A small set: quick in a debug build.
const SMALL: [&str; 4] = ["--clients", "30", "--months", "3"];

/// `stoa generate` of a CSV set into `out`, with `args` (its size: [`SMALL`]).
fn generate(out: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    stoa()
        .args(["generate", "--format", "csv"])
        .args(args)
        .arg("--out")
        .arg(out)
        .assert()
}

#[test]
fn regression_a_generate_stopped_among_its_files_leaves_nothing_the_next_run_refuses() {
    // A folder named like one of the tables stops the run at that table: the run that
    // renamed its files in one by one had put the tables before it in place, without
    // `stoa.toml`, as a run killed among the renames did; the next run then refused the
    // folder as real exports (exit 2). Now nothing is put in place until all of it is.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("data");
    std::fs::create_dir_all(out.join("feedback.csv")).unwrap();
    put(&out.join("feedback.csv"), "mine.txt", "precious\n");
    put(&out, "notes.txt", "mine\n");
    let before = tree(&out);
    let failed = generate(&out, &SMALL).code(3);
    let said = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(
        said.contains("is in the way") && said.contains("nothing was replaced"),
        "{said}"
    );
    assert_eq!(tree(&out), before);
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
    // The obstacle moved away, the next run goes through and keeps the notes.
    std::fs::remove_dir_all(out.join("feedback.csv")).unwrap();
    generate(&out, &SMALL).success();
    assert!(out.join("stoa.toml").is_file() && out.join("feedback.csv").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine\n"
    );
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
    assert_eq!(hidden(&out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn regression_an_interrupted_generate_leaves_the_folder_all_old_or_all_new() {
    use std::process::Command;
    use std::time::Duration;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("data");
    generate(&out, &SMALL).success();
    put(&out, "notes.txt", "mine\n");
    let old = tree(&out);
    let args = ["--clients", "400", "--months", "12", "--seed", "7"];
    let fresh = tmp.path().join("fresh");
    generate(&fresh, &args).success();
    let mut new = tree(&fresh);
    new.insert("notes.txt".into(), Some(b"mine\n".to_vec()));

    // Interrupted as soon as its hidden folder beside the output folder appears, and
    // again, another time, once that folder holds its first table.
    for wait_for_a_table in [false, true] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("stoa"))
            .args(["generate", "--format", "csv"])
            .args(args)
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let staged = || {
            hidden(tmp.path())
                .iter()
                .any(|h| !wait_for_a_table || tmp.path().join(h).join("visits.csv").exists())
        };
        interrupt_once_staged(&mut child, staged, Duration::from_secs(120));
        let status = child.wait().unwrap();
        assert!(status.success() || status.code() == Some(130), "{status:?}");
        let now = tree(&out);
        assert!(
            now == old || now == new,
            "the folder is neither the old data set nor the new one: {:?}",
            now.keys().collect::<Vec<_>>()
        );
        assert_eq!(hidden(tmp.path()), Vec::<String>::new());
        assert_eq!(hidden(&out), Vec::<String>::new());
    }
    // And the next run takes the folder for its own.
    generate(&out, &SMALL).success();
}

#[test]
fn a_generate_into_the_current_folder_is_put_in_place_file_by_file() {
    // The current folder cannot be replaced whole (the shell would be left in a removed
    // folder): the files are renamed in one by one, stoa.toml first.
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("here");
    std::fs::create_dir(&here).unwrap();
    put(&here, "notes.txt", "mine\n");
    for _ in 0..2 {
        stoa()
            .current_dir(&here)
            .args([
                "generate",
                "--clients",
                "30",
                "--months",
                "3",
                "--format",
                "csv",
            ])
            .args(["--out", "."])
            .assert()
            .success();
    }
    assert!(here.join("stoa.toml").is_file() && here.join("visits.csv").is_file());
    assert_eq!(
        std::fs::read_to_string(here.join("notes.txt")).unwrap(),
        "mine\n"
    );
    assert_eq!(hidden(&here), Vec::<String>::new());
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn regression_a_folder_not_writable_is_refused_not_replaced_from_beside_it() {
    // Replaced from beside it, a read-only folder would be replaced all the same.
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("data");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(out.join("probe"), "").is_ok() {
        eprintln!("skipped: this user writes in a read-only folder (root)");
        return;
    }
    generate(&out, &SMALL).code(3).stderr(format!(
        "error: the output folder {} cannot be written in (access is denied): choose another folder with --out, where you may write, or ask for the right to write in this one\n",
        out.display()
    ));
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
}
