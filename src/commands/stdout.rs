//! What the commands print on standard output, through one function that treats a reader
//! who stopped reading (`stoa check | head`, `stoa report --help | true`) as ripgrep does:
//! not an error. `print!` panicked there ("failed printing to stdout: Broken pipe", exit
//! 101), in the middle of a run.

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the reader of standard output has gone: nothing more is printed there.
static GONE: AtomicBool = AtomicBool::new(false);

/// Print `text` on standard output. A closed pipe is not an error: the text is dropped,
/// as everything printed after it will be, and the command goes on, so that the files it
/// writes (a report, a split, generated data) are finished as they would be; its exit
/// code is its own (0 for a run that succeeded). Any other failure (a full disk under a
/// redirect) is an I/O error, exit 3, as the run's output is lost.
pub fn print(text: &str) -> anyhow::Result<()> {
    if GONE.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            GONE.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(crate::error::Classified::internal(format!(
            "cannot print on the standard output: {e}; check where it is redirected to (a full disk?)"
        ))
        .into()),
    }
}

/// [`print`] with a line end.
pub fn println(text: &str) -> anyhow::Result<()> {
    print(&format!("{text}\n"))
}
