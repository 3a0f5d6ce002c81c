//! Hidden working folders removed when a run is interrupted (Ctrl-C, `kill`, a closed
//! terminal). `stoa report` and `stoa split` write into a hidden folder beside their output
//! and rename it at the end, so an interrupted run never leaves a half report; but the
//! hidden folder itself stayed behind, one more after every interrupted run, since a
//! process stopped by a signal runs no destructors.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The working folders of the run that are not yet in place.
static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A working folder removed if the run is interrupted while the guard lives; dropping it
/// (the folder renamed into place, or removed by its owner) forgets the folder.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let guard = stoa::interrupt::remove_if_interrupted(dir.path());
/// assert!(stoa::interrupt::pending().contains(&dir.path().to_path_buf()));
/// drop(guard);
/// assert!(!stoa::interrupt::pending().contains(&dir.path().to_path_buf()));
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

/// Remove `folder` if the run is interrupted before the guard is dropped.
pub fn remove_if_interrupted(folder: &Path) -> Guard {
    if let Ok(mut folders) = FOLDERS.lock() {
        folders.push(folder.to_path_buf());
    }
    Guard(folder.to_path_buf())
}

/// The folders an interruption would remove now.
pub fn pending() -> Vec<PathBuf> {
    FOLDERS.lock().map(|f| f.clone()).unwrap_or_default()
}

/// Remove the pending folders. A writer may still be adding files while this runs, so
/// each removal is tried a few times.
fn remove_pending() {
    for folder in pending() {
        for _ in 0..5 {
            if std::fs::remove_dir_all(&folder).is_ok() || !folder.exists() {
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
                remove_pending();
                std::process::exit(128 + signal);
            }
        });
    }
}
