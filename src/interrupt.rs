//! Hidden working folders and files removed when a run is interrupted (Ctrl-C, `kill`, a
//! closed terminal). `stoa report` and `stoa split` write into a hidden folder beside their
//! output and rename it at the end, so an interrupted run never leaves a half report; but
//! the hidden folder itself stayed behind, one more after every interrupted run, since a
//! process stopped by a signal runs no destructors. A single file a command writes
//! (`stoa check --rejects`, the outputs of `stoa clv`) goes the same way through a hidden
//! file beside it ([`NewFile`]): written in place, an interrupted run left a cut-off file,
//! ending on a whole line and looking complete, where the previous good one had been.
//! A target that is a symbolic link is followed: the new file replaces the file the link
//! points to, and the link stays ([`followed`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The working folders and files of the run that are not yet in place.
static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A working folder (or file) removed if the run is interrupted while the guard lives;
/// dropping it (the folder renamed into place, or removed by its owner) forgets the folder.
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let (folder, guard) = stoa::interrupt::working_folder(out.path(), ".stoa-").unwrap();
/// assert!(stoa::interrupt::pending().contains(&folder.path().to_path_buf()));
/// drop(guard);
/// assert!(!stoa::interrupt::pending().contains(&folder.path().to_path_buf()));
/// ```
pub struct Guard(PathBuf);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut folders) = FOLDERS.lock() {
            if let Some(i) = folders.iter().position(|f| *f == self.0) {
                folders.swap_remove(i);
            }
        }
    }
}

/// A hidden working folder `dir/<prefix>XXXXXX`, removed if the run is interrupted while
/// the guard lives. The folder is made and registered under the one lock the signal's
/// thread also takes: made first and registered after, an interruption between the two
/// left it behind with the run's exit code 130 (a test that signals as soon as the folder
/// appears found it so).
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let (folder, _guard) = stoa::interrupt::working_folder(out.path(), ".stoa-x-").unwrap();
/// assert!(folder.path().is_dir());
/// assert!(folder.path().file_name().unwrap().to_string_lossy().starts_with(".stoa-x-"));
/// ```
pub fn working_folder(dir: &Path, prefix: &str) -> std::io::Result<(tempfile::TempDir, Guard)> {
    made(dir, tempfile::Builder::new().prefix(prefix))
}

/// A [`working_folder`] that becomes an output folder itself when renamed into place
/// (`stoa split`'s): made with the permissions a folder made in place gets (those the
/// umask leaves), where a working folder is its owner's alone.
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let (folder, _guard) = stoa::interrupt::working_output_folder(out.path(), ".parts-").unwrap();
/// # #[cfg(unix)]
/// # {
/// use std::os::unix::fs::PermissionsExt;
/// let made = out.path().join("made");
/// std::fs::create_dir(&made).unwrap();
/// let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode();
/// assert_eq!(mode(folder.path()), mode(&made));
/// # }
/// ```
pub fn working_output_folder(
    dir: &Path,
    prefix: &str,
) -> std::io::Result<(tempfile::TempDir, Guard)> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    made(dir, &builder)
}

/// A working folder made in `dir` by `builder` and registered, under the lock.
fn made(
    dir: &Path,
    builder: &tempfile::Builder<'_, '_>,
) -> std::io::Result<(tempfile::TempDir, Guard)> {
    let mut folders = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    let folder = builder.tempdir_in(dir).map_err(without_hidden_name)?;
    folders.push(folder.path().to_path_buf());
    let guard = Guard(folder.path().to_path_buf());
    Ok((folder, guard))
}

/// The folder a file `target` is written in: its parent, or the current folder for a bare
/// name.
///
/// ```
/// use std::path::Path;
/// assert_eq!(stoa::interrupt::folder_of(Path::new("r.csv")), Path::new("."));
/// assert_eq!(stoa::interrupt::folder_of(Path::new("out/r.csv")), Path::new("out"));
/// ```
pub fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The path `target` names once its symbolic links are followed, link after link (a
/// relative link from its own folder), to the file they end at, which need not exist;
/// `target` itself when it is no link. Renamed over a link, a new file replaced the link
/// with a file of its own, and the file it pointed to kept the old contents.
///
/// ```
/// # #[cfg(unix)]
/// # {
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("real")).unwrap();
/// let link = dir.path().join("r.csv");
/// std::os::unix::fs::symlink("real/r.csv", &link).unwrap();
/// assert_eq!(stoa::interrupt::followed(&link), dir.path().join("real/r.csv"));
/// assert_eq!(stoa::interrupt::followed(dir.path()), dir.path());
/// # }
/// ```
pub fn followed(target: &Path) -> PathBuf {
    let mut path = target.to_path_buf();
    // As many links as the system itself follows (Linux's limit); a loop ends there.
    for _ in 0..40 {
        let Ok(next) = std::fs::read_link(&path) else {
            break;
        };
        // `Path::join` of an absolute target is the target.
        path = path.parent().unwrap_or(Path::new("")).join(next);
    }
    path
}

/// Why the system refuses to make a file in a folder, in words a user acts on (their
/// Russian is among the errors'): None when it is something else (a full disk, a folder
/// gone), whose system's words must do.
///
/// ```
/// use std::io::{Error, ErrorKind};
/// use stoa::interrupt::refusal;
/// assert_eq!(refusal(&Error::from(ErrorKind::PermissionDenied)), Some("access is denied"));
/// assert_eq!(refusal(&Error::from(ErrorKind::NotFound)), None);
/// ```
pub fn refusal(e: &std::io::Error) -> Option<&'static str> {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => Some("access is denied"),
        std::io::ErrorKind::ReadOnlyFilesystem => Some("the file system is read-only"),
        _ => None,
    }
}

/// A hidden file beside `target` (`.NAME-XXXXXX` in its folder), removed if the run is
/// interrupted while the guard lives; made and registered under the lock, as
/// [`working_folder`] does. Beside the target, so that renaming it over the target is one
/// step of one file system.
fn working_file(target: &Path) -> std::io::Result<(tempfile::NamedTempFile, Guard)> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // A file made in place is read-write for everyone the umask allows; a temporary file
    // is the owner's alone, which the renamed file would have kept.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut folders = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    // tempfile adds the hidden file's name to the system's words ("Permission denied (os
    // error 13) at path \"out/.r.csv-t0mW0R\""): a name the user never gave, of a file that
    // is not there.
    let file = builder.tempfile_in(dir).map_err(without_hidden_name)?;
    folders.push(file.path().to_path_buf());
    let guard = Guard(file.path().to_path_buf());
    Ok((file, guard))
}

/// `e` without the ` at path "…"` tempfile appends to its words.
fn without_hidden_name(e: std::io::Error) -> std::io::Error {
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(at) => std::io::Error::new(e.kind(), &text[..at]),
        None => e,
    }
}

/// A file written in place of `target` without touching it until the new one is whole:
/// written into a hidden file beside it, renamed over it by [`NewFile::finish`]; dropped
/// before (a failed write), or interrupted by a signal, the hidden file is removed and the
/// target is as it was.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let target = dir.path().join("r.csv");
/// std::fs::write(&target, "old\n").unwrap();
/// let mut new = stoa::interrupt::NewFile::create(&target).unwrap();
/// new.file().write_all(b"half").unwrap();
/// assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
/// drop(new); // a failed write: the old file stays, nothing is left beside it
/// assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
/// let mut new = stoa::interrupt::NewFile::create(&target).unwrap();
/// new.file().write_all(b"new\n").unwrap();
/// new.finish().unwrap();
/// assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
/// assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
/// ```
pub struct NewFile {
    file: tempfile::NamedTempFile,
    target: PathBuf,
    // Dropped after the file: the path is forgotten once it is renamed or removed.
    _guard: Guard,
}

impl NewFile {
    /// Begin the file that will replace `target`, or the file it links to ([`followed`]).
    /// Fails as creating a file in that file's folder fails (the folder missing, not
    /// writable: [`refusal`]).
    pub fn create(target: &Path) -> std::io::Result<NewFile> {
        let target = followed(target);
        let (file, guard) = working_file(&target)?;
        Ok(NewFile {
            file,
            target,
            _guard: guard,
        })
    }

    /// The file it will replace: the target, its links followed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The file to write.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.file.as_file_mut()
    }

    /// Put the written file in place of the target, replacing any file of that name.
    pub fn finish(self) -> std::io::Result<()> {
        use std::io::Write as _;
        let NewFile {
            mut file,
            target,
            _guard,
        } = self;
        file.as_file_mut().flush()?;
        file.persist(&target).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Write `target` through a [`NewFile`]: `write` fills it, and only when it succeeds does
/// the file replace `target`. `E` is the caller's error, made from an I/O error of the
/// hidden file (creating or renaming it) by `io`.
pub fn replace_file<E>(
    target: &Path,
    io: impl Fn(std::io::Error) -> E,
    write: impl FnOnce(&mut std::fs::File) -> Result<(), E>,
) -> Result<(), E> {
    let mut new = NewFile::create(target).map_err(&io)?;
    write(new.file())?;
    new.finish().map_err(io)
}

/// Run `f` with no interruption's clean-up in its midst: the signal's thread, which takes
/// the same lock to list what to remove, waits until `f` is done, then removes it and ends
/// the run. For the renames that put an output in place (the old aside, the new in its
/// place): stopped between the two, the new one was removed as a working folder, and
/// neither was left where the user looks. `f` must make or drop no working folder or
/// file (their registration takes the lock too), and be quick: Ctrl-C waits for it.
pub fn uninterrupted<T>(f: impl FnOnce() -> T) -> T {
    let _held = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    f()
}

/// Register `path`, an existing folder or file the run is about to remove (an old output
/// renamed aside), to be removed if the run is interrupted first.
pub fn doomed(path: &Path) -> Guard {
    let mut folders = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    folders.push(path.to_path_buf());
    Guard(path.to_path_buf())
}

/// The folders and files an interruption would remove now.
pub fn pending() -> Vec<PathBuf> {
    FOLDERS.lock().map(|f| f.clone()).unwrap_or_default()
}

/// Set once a signal has been received: the run is being stopped.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether the run is being stopped by a signal. The main thread, finishing meanwhile
/// (often with an error, as its working folder disappears under its writers), calls
/// [`wait_if_interrupted`] so that the exit code stays the signal's.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Wait for the signal's thread to end the process when the run is being stopped; return
/// at once otherwise.
pub fn wait_if_interrupted() {
    while interrupted() {
        std::thread::park_timeout(std::time::Duration::from_millis(50));
    }
}

/// Remove the pending folders and files.
fn remove_pending() {
    for path in pending() {
        remove(&path);
    }
}

/// Remove a pending folder or file. The writers may still be adding files to a folder: it
/// is first renamed, so that nothing new can be made in it by its old name, then removed.
/// Removed where it stood, files added between the listing and the last `rmdir` left it
/// behind now and then (a test that signals at once found it so under load). A file's
/// writer goes on writing into the removed file, and its rename into place then fails.
fn remove(path: &Path) {
    if !path.is_dir() {
        let _ = std::fs::remove_file(path);
        return;
    }
    let mut doomed = path.to_path_buf().into_os_string();
    doomed.push("-removing");
    let doomed = PathBuf::from(doomed);
    let target = match std::fs::rename(path, &doomed) {
        Ok(()) => doomed,
        Err(_) => path.to_path_buf(),
    };
    for _ in 0..10 {
        if std::fs::remove_dir_all(&target).is_ok() || !target.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Watch for SIGINT, SIGTERM and SIGHUP on a thread of their own: on one, remove the
/// pending folders and files and exit with 128 + the signal's number, as a shell reports a process
/// killed by it. Called once by the binary; elsewhere (and on Windows) nothing is watched.
pub fn watch() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                INTERRUPTED.store(true, Ordering::SeqCst);
                remove_pending();
                std::process::exit(128 + signal);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_an_interrupted_file_is_removed_and_the_old_one_stays() {
        // `stoa check --rejects r.csv` stopped by Ctrl-C left a cut-off r.csv (47.7 of
        // 120.5 MB, ending on a whole line) in place of the previous good one.
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.csv");
        std::fs::write(&target, "table,row\nvisits,2\n").unwrap();
        let mut new = NewFile::create(&target).unwrap();
        new.file().write_all(b"table,row\nvis").unwrap();
        let hidden = pending()
            .into_iter()
            .find(|p| p.parent() == Some(dir.path()))
            .expect("the hidden file is pending");
        assert!(hidden.is_file());
        assert!(hidden
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".r.csv-"));
        // What the signal's thread does for it.
        remove(&hidden);
        assert!(!hidden.exists());
        // The writer finishes into the removed file; putting it in place then fails.
        new.file().write_all(b"its\n").unwrap();
        assert!(new.finish().is_err());
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "table,row\nvisits,2\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
        assert!(!pending().contains(&hidden));
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_hidden_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("clv_params.json");
        std::fs::write(&target, "{}").unwrap();
        let failed: Result<(), String> = replace_file(
            &target,
            |e| e.to_string(),
            |f| {
                use std::io::Write as _;
                f.write_all(b"{\"r\":").unwrap();
                Err("disk full".to_string())
            },
        );
        assert_eq!(failed.unwrap_err(), "disk full");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "{}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A folder that is not there: the error of creating the hidden file, and nothing
        // made.
        let nowhere = dir.path().join("nodir/r.csv");
        let failed: Result<(), std::io::Error> = replace_file(&nowhere, |e| e, |_| Ok(()));
        let failed = failed.unwrap_err();
        assert_eq!(failed.kind(), std::io::ErrorKind::NotFound);
        assert!(!dir.path().join("nodir").exists());
        // The system's words, without the name of a hidden file the user never gave.
        assert!(!failed.to_string().contains(".r.csv-"), "{failed}");
    }

    #[test]
    fn regression_the_hidden_files_name_is_left_out_of_the_systems_words() {
        // `--rejects` into a folder not writable said "Permission denied (os error 13) at
        // path \"/tmp/out/.r.csv-t0mW0R\"".
        let e = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "Permission denied (os error 13) at path \"/tmp/out/.r.csv-t0mW0R\"",
        );
        let plain = without_hidden_name(e);
        assert_eq!(plain.to_string(), "Permission denied (os error 13)");
        assert_eq!(plain.kind(), std::io::ErrorKind::PermissionDenied);
        assert_eq!(refusal(&plain), Some("access is denied"));
    }

    #[cfg(unix)]
    #[test]
    fn regression_a_link_is_followed_and_stays_a_link() {
        // `--rejects r.csv`, r.csv a link to the shared folder's file: the link became a
        // file of its own, and the shared file kept the old rows.
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::write(shared.join("r.csv"), "old\n").unwrap();
        let mine = dir.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        let link = mine.join("r.csv");
        std::os::unix::fs::symlink("../shared/r.csv", &link).unwrap();
        let write = |target: &Path| {
            replace_file(
                target,
                |e| e,
                |f| {
                    use std::io::Write as _;
                    f.write_all(b"new\n")
                },
            )
        };
        write(&link).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(
            std::fs::read_to_string(shared.join("r.csv")).unwrap(),
            "new\n"
        );
        for folder in [&shared, &mine] {
            assert_eq!(std::fs::read_dir(folder).unwrap().count(), 1);
        }
        // A link to a file not yet there (a link to a link, too): the file is made where
        // it points.
        std::os::unix::fs::symlink(shared.join("new.csv"), mine.join("first")).unwrap();
        std::os::unix::fs::symlink("first", mine.join("second")).unwrap();
        write(&mine.join("second")).unwrap();
        assert_eq!(
            std::fs::read_to_string(shared.join("new.csv")).unwrap(),
            "new\n"
        );
        assert!(std::fs::symlink_metadata(mine.join("second"))
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_as_a_file_made_in_place_is() {
        // A temporary file is its owner's alone (0600); renamed into place, the rejects
        // file was no longer readable by the colleague who opens it in Excel.
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("made.csv");
        std::fs::write(&made, "x").unwrap();
        let target = dir.path().join("new.csv");
        replace_file(&target, |e| e, |_| Ok(())).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), mode(&made));
    }
}
