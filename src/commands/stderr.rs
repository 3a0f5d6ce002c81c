//! What the commands say on standard error (warnings, notes, timings, the error that ends
//! a run), through one function that treats a reader who stopped reading as
//! [`super::stdout`] does: not an error. `eprintln!` panicked there ("failed printing to
//! stderr: Broken pipe", exit 101 in place of the command's own code) when standard error
//! was a pipe whose reader had gone (`stoa report 2>&1 >/dev/null | head -1`, a log
//! collector that stopped), in the middle of a run or on its last line.

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard error could not be written: nothing more is tried there.
static GONE: AtomicBool = AtomicBool::new(false);

/// Print `text` on standard error. A message that cannot be shown is dropped, as
/// everything said after it will be, and the command goes on: its files are finished and
/// its exit code is its own. Unlike standard output, which may be the run's output, what
/// is said here is said about the run; there is nowhere else to say that it was lost.
pub fn print(text: &str) {
    if GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut err = std::io::stderr().lock();
    if err
        .write_all(text.as_bytes())
        .and_then(|()| err.flush())
        .is_err()
    {
        GONE.store(true, Ordering::Relaxed);
    }
}

/// [`print`] with a line end.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}
