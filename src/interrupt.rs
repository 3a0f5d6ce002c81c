//! Hidden working folders removed when a run is interrupted (Ctrl-C, `kill`, a closed
//! terminal). `stoa report` and `stoa split` write into a hidden folder beside their output
//! and rename it at the end, so an interrupted run never leaves a half report; but the
//! hidden folder itself stayed behind, one more after every interrupted run, since a
//! process stopped by a signal runs no destructors.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The working folders of the run that are not yet in place.
static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A working folder removed if the run is interrupted while the guard lives; dropping it
/// (the folder renamed into place, or removed by its owner) forgets the folder.
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
    let mut folders = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    let folder = tempfile::Builder::new().prefix(prefix).tempdir_in(dir)?;
    folders.push(folder.path().to_path_buf());
    let guard = Guard(folder.path().to_path_buf());
    Ok((folder, guard))
}

/// The folders an interruption would remove now.
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

/// Remove the pending folders. The writers may still be adding files: each folder is first
/// renamed, so that nothing new can be made in it by its old name, then removed. Removed
/// where it stood, files added between the listing and the last `rmdir` left it behind
/// now and then (a test that signals at once found it so under load).
fn remove_pending() {
    for folder in pending() {
        let mut doomed = folder.clone().into_os_string();
        doomed.push("-removing");
        let doomed = PathBuf::from(doomed);
        let target = match std::fs::rename(&folder, &doomed) {
            Ok(()) => doomed,
            Err(_) => folder,
        };
        for _ in 0..10 {
            if std::fs::remove_dir_all(&target).is_ok() || !target.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// Watch for SIGINT, SIGTERM and SIGHUP on a thread of their own: on one, remove the
/// pending folders and exit with 128 + the signal's number, as a shell reports a process
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
