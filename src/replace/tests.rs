use super::*;

/// Every entry under `dir` (a folder as None, a file as its text), by relative path.
fn tree(dir: &Path) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.strip_prefix(dir).unwrap().display().to_string();
            match fs::symlink_metadata(&p).unwrap().is_dir() {
                true => {
                    found.push((name, None));
                    stack.push(p);
                }
                false => found.push((name, fs::read_to_string(&p).ok())),
            }
        }
    }
    found.sort();
    found
}

/// The names in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_tree_is_carried_over_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("notes");
    fs::create_dir_all(from.join("inner")).unwrap();
    fs::write(from.join("a.txt"), "a\n").unwrap();
    fs::write(from.join("inner/b.txt"), "b\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("a.txt", from.join("link")).unwrap();
    let to = dir.path().join("copy");
    carry(&from, &to).unwrap();
    assert_eq!(tree(&from), tree(&to));
    #[cfg(unix)]
    assert!(fs::symlink_metadata(to.join("link"))
        .unwrap()
        .file_type()
        .is_symlink());
    // The original is whole when the carried tree goes.
    fs::remove_dir_all(&to).unwrap();
    assert_eq!(fs::read_to_string(from.join("inner/b.txt")).unwrap(), "b\n");
}

#[test]
fn the_error_of_a_thing_not_carried_over_is_worded_in_russian() {
    let e = ReplaceError::Keep {
        path: "parts/notes.txt".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    let said = crate::render::i18n::error(crate::cli::Lang::Ru, &e.to_string()).unwrap();
    assert!(
        said.starts_with("не удалось сохранить parts/notes.txt"),
        "{said}"
    );
    let e = ReplaceError::Write {
        path: "parts/2026-10".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    let said = crate::render::i18n::error(crate::cli::Lang::Ru, &e.to_string()).unwrap();
    assert!(
        said.starts_with("не удалось записать parts/2026-10"),
        "{said}"
    );
    let e = ReplaceError::NotWritable {
        path: "parts".into(),
        reason: "access is denied",
    };
    assert!(crate::render::i18n::error(crate::cli::Lang::Ru, &e.to_string()).is_some());
}

#[test]
fn the_current_folder_and_a_root_are_not_replaced_whole() {
    let here = std::env::current_dir().unwrap();
    assert_eq!(replaceable(Path::new(".")), None);
    assert_eq!(replaceable(&here), None);
    assert_eq!(replaceable(Path::new("/")), None);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("parts");
    fs::create_dir(&out).unwrap();
    assert_eq!(
        replaceable(&out),
        Some(fs::canonicalize(dir.path()).unwrap())
    );
}

#[test]
fn a_swap_replaces_a_folder_or_a_file_and_leaves_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2026-10");
    let new = dir.path().join(".new");
    fs::create_dir(&new).unwrap();
    fs::write(new.join("a.csv"), "new\n").unwrap();
    // Not there yet: renamed to it.
    swap(&new, &out).unwrap();
    assert_eq!(names(dir.path()), ["2026-10"]);
    // There: replaced, the old one gone.
    fs::create_dir(&new).unwrap();
    fs::write(new.join("b.csv"), "newer\n").unwrap();
    swap(&new, &out).unwrap();
    assert_eq!(names(dir.path()), ["2026-10"]);
    assert_eq!(names(&out), ["b.csv"]);
    assert!(crate::interrupt::pending()
        .iter()
        .all(|p| !p.starts_with(dir.path())));
    // A file, as the entries of an output folder that cannot be replaced whole are.
    let file = dir.path().join("stoa.toml");
    fs::write(&file, "old").unwrap();
    fs::write(dir.path().join(".t"), "new").unwrap();
    swap(&dir.path().join(".t"), &file).unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), "new");
    assert_eq!(names(dir.path()), ["2026-10", "stoa.toml"]);
}

#[test]
fn a_staged_output_keeps_what_is_not_its_own_and_replaces_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("visits.csv"), "old\n").unwrap();
    fs::write(out.join("notes.txt"), "precious\n").unwrap();
    let staged = Staged::begin(&out, "generate").unwrap();
    assert!(staged.whole());
    // Beside the output folder, hidden.
    assert_eq!(
        staged.path().parent(),
        Some(fs::canonicalize(dir.path()).unwrap().as_path())
    );
    fs::write(staged.path().join("visits.csv"), "new\n").unwrap();
    fs::write(staged.path().join("stoa.toml"), "new\n").unwrap();
    staged
        .finish(|n| n == "visits.csv" || n == "stoa.toml", &[])
        .unwrap();
    assert_eq!(names(dir.path()), ["data"]);
    assert_eq!(names(&out), ["notes.txt", "stoa.toml", "visits.csv"]);
    assert_eq!(fs::read_to_string(out.join("visits.csv")).unwrap(), "new\n");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "precious\n"
    );
}

#[cfg(unix)]
#[test]
fn a_new_output_folder_has_the_permissions_of_a_folder_made_in_place() {
    // A temporary folder is its owner's alone (0700); renamed into place, the output was
    // no longer readable by the colleague who opens the reports.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made");
    fs::create_dir(&made).unwrap();
    let out = dir.path().join("parts");
    let staged = Staged::begin(&out, "split").unwrap();
    staged.finish(|_| true, &[]).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), mode(&made));
}
