//! End to end: `stoa check --rejects FILE` writes the file whole or not at all. Written in
//! place, an interrupted run left a cut-off file that looked complete where the previous
//! one had been; a folder that did not exist was said, after the whole data was read, as
//! "No such file or directory" alone, with exit code 3.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use polars::prelude::*;

use crate::common;
use common::*;

/// The hidden files in `dir`.
fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

/// A generated station whose every visit has a date no one can read: every visit and
/// every order line is a rejected row.
fn all_rejected(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    generate_csv(&data, 24);
    rewrite_csv(&data.join("visits.csv"), |df| {
        let n = df.height();
        let mut df = df;
        df.with_column(Column::new("opened_at".into(), vec!["вчера"; n]))
            .unwrap();
        df
    });
    data
}

#[test]
fn regression_a_rejects_file_is_replaced_whole_and_nothing_is_left_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = all_rejected(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let rejects = out.join("r.csv");
    std::fs::write(&rejects, "old\n").unwrap();
    let run = stoa()
        .args(["check", "--json", "--data"])
        .arg(&data)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    // Every visit rejected: the verdict is bad data, after the rejects are written.
    assert_eq!(run.status.code(), Some(1));
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(text.starts_with("\u{feff}table,file,sheet,row,column,value,reason\n"));
    assert!(text.lines().count() > 700, "{}", text.lines().count());
    assert!(text.ends_with('\n'));
    assert_eq!(hidden(&out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn regression_an_interrupted_check_leaves_the_previous_rejects_file_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let data = all_rejected(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let rejects = out.join("r.csv");
    let bin = assert_cmd::cargo::cargo_bin("stoa");
    let check = || {
        let mut c = Command::new(&bin);
        c.args(["check", "--json", "--data"])
            .arg(&data)
            .arg("--rejects")
            .arg(&rejects)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    assert_eq!(check().status().unwrap().code(), Some(1));
    let good = std::fs::read(&rejects).unwrap();

    // The second run is interrupted as soon as its hidden file appears.
    let mut child = check().spawn().unwrap();
    let start = Instant::now();
    while hidden(&out).is_empty() && start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
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
    if !(interrupted && status.code() == Some(130)) {
        // The run finished between the look and the signal: nothing to interrupt.
        assert_eq!(status.code(), Some(1), "{status:?}");
    }
    // Either way the file is a whole one, the same rows, and nothing is left beside it.
    assert_eq!(std::fs::read(&rejects).unwrap(), good);
    assert_eq!(hidden(&out), Vec::<String>::new());
}

#[test]
fn regression_a_rejects_file_in_a_missing_folder_is_a_usage_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    generate_csv(&data, 12);
    let missing = tmp.path().join("nodir").join("r.csv");
    let run = |lang: &str, path: &Path| {
        let out = stoa()
            .args(["check", "--lang", lang, "--data"])
            .arg(&data)
            .arg("--rejects")
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let said = run("en", &missing);
    assert_eq!(
        said,
        format!(
            "error: the folder {} of the rejects file {} does not exist: create it, or choose another path with --rejects\n",
            tmp.path().join("nodir").display(),
            missing.display()
        )
    );
    let said = run("ru", &missing);
    assert!(
        said.starts_with(&format!(
            "ошибка: папки {} для файла отклонённых строк {} нет: создайте её",
            tmp.path().join("nodir").display(),
            missing.display()
        )),
        "{said}"
    );
    assert!(!tmp.path().join("nodir").exists());
    // A folder named as the file.
    let said = run("en", tmp.path());
    assert!(
        said.contains("is a folder: name a file with --rejects"),
        "{said}"
    );
}

/// A folder in `dir` that the test's user may not write in; None when the user writes
/// anywhere (root), found by trying, so that the test skips itself there.
#[cfg(unix)]
fn read_only_folder(dir: &Path) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let folder = dir.join("read-only");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(folder.join("probe"), "").is_ok() {
        eprintln!("skipped: this user writes in a read-only folder (root)");
        return None;
    }
    Some(folder)
}

#[cfg(unix)]
#[test]
fn regression_a_rejects_file_in_a_folder_not_writable_is_said_plainly_before_the_data_is_read() {
    // It said "Permission denied (os error 13) at path \"…/.r.csv-t0mW0R\"", a hidden
    // file's name the user never gave, after the whole data was read.
    let tmp = tempfile::tempdir().unwrap();
    let Some(folder) = read_only_folder(tmp.path()) else {
        return;
    };
    // No data at all: the rejects file is said first.
    let data = tmp.path().join("no-data");
    let rejects = folder.join("r.csv");
    let run = |lang: &str, path: &Path| {
        let out = stoa()
            .args(["check", "--lang", lang, "--data"])
            .arg(&data)
            .arg("--rejects")
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        String::from_utf8(out.stderr).unwrap()
    };
    assert_eq!(
        run("en", &rejects),
        format!(
            "error: the folder {} of the rejects file {} cannot be written in (access is denied): choose another path with --rejects, in a folder you may write in, or ask for the right to write in this one\n",
            folder.display(),
            rejects.display()
        )
    );
    assert_eq!(
        run("ru", &rejects),
        format!(
            "ошибка: в папку {} нельзя записать файл отклонённых строк {} (доступ запрещён): укажите в --rejects путь в папке, куда у вас есть право писать, или попросите право писать в эту папку\n",
            folder.display(),
            rejects.display()
        )
    );
    // A link from a folder the user writes in to a file in that one: the folder is the
    // link's target's.
    let link = tmp.path().join("r.csv");
    std::os::unix::fs::symlink(&rejects, &link).unwrap();
    let said = run("en", &link);
    assert!(
        said.starts_with(&format!(
            "error: the folder {} of the rejects file {} (a link to {}) cannot be written in",
            folder.display(),
            link.display(),
            rejects.display()
        )),
        "{said}"
    );
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn regression_a_rejects_file_that_is_a_link_is_written_where_it_points_and_stays_a_link() {
    // The hidden file was renamed over the link: the link became a file of its own, and
    // the file it pointed to (in a shared folder, say) kept the old rows.
    let tmp = tempfile::tempdir().unwrap();
    let data = all_rejected(tmp.path());
    let shared = tmp.path().join("shared");
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&shared).unwrap();
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(shared.join("r.csv"), "old\n").unwrap();
    let link = mine.join("r.csv");
    std::os::unix::fs::symlink("../shared/r.csv", &link).unwrap();
    let run = stoa()
        .args(["check", "--json", "--data"])
        .arg(&data)
        .arg("--rejects")
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(shared.join("r.csv")).unwrap();
    assert!(text.starts_with("\u{feff}table,file,sheet,row,column,value,reason\n"));
    assert_eq!(hidden(&shared), Vec::<String>::new());
    assert_eq!(hidden(&mine), Vec::<String>::new());
}
