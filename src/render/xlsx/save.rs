//! Saving the workbook so that a failed write (a full disk) is told once, in the run's
//! words: the zip writer inside rust_xlsxwriter would print a debug line of its own.

use rust_xlsxwriter::{Workbook, XlsxError};

/// Save `workbook` into `out` through [`FirstFailure`]: the first failed write is the error.
pub(super) fn save_to<W: std::io::Write + Send>(
    workbook: &mut Workbook,
    out: W,
) -> Result<(), XlsxError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, FirstFailure::new(out));
    let saved = workbook.save_to_writer(&mut out);
    let flushed = std::io::Write::flush(&mut out);
    // The first failure is the one to tell: the writes after it were discarded (and so
    // is the buffer's last flush when `out` is dropped, since the failure stays kept).
    if let Some(e) = &out.get_ref().failure {
        return Err(std::io::Error::new(e.kind(), e.to_string()).into());
    }
    saved?;
    Ok(flushed?)
}

/// A file that, once a write to it has failed (a full disk), takes every later write
/// without writing it and keeps the first error. The zip writer inside rust_xlsxwriter
/// finishes its archive when it is dropped after a failed save, and prints its own debug
/// line (`ZipWriter::drop: failed to finalize archive: Io(Os { code: 28, … })`, no line
/// break) when that fails too, in front of the run's translated error; with the later
/// writes taken it has nothing to print.
struct FirstFailure<W> {
    inner: W,
    failure: Option<std::io::Error>,
}

impl<W> FirstFailure<W> {
    fn new(inner: W) -> Self {
        FirstFailure {
            inner,
            failure: None,
        }
    }
}

impl<W: std::io::Write> std::io::Write for FirstFailure<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failure.is_some() {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.keep(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failure.is_some() {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.keep(flushed)
    }
}

impl<W> FirstFailure<W> {
    /// Keep a copy of the error of a failed write (an interrupted one is tried again by
    /// the caller, and is no failure).
    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result {
            if e.kind() != std::io::ErrorKind::Interrupted {
                self.failure = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes `room` bytes, then fails every write with "no space", counting
    /// the writes asked of it after its first failure.
    struct Full {
        room: usize,
        after: usize,
        failed: bool,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.failed {
                self.after += 1;
            }
            if buf.len() > self.room {
                self.failed = true;
                return Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "No space left on device",
                ));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn regression_a_full_disk_is_one_io_error_and_the_zip_writer_writes_no_more() {
        // The zip writer, dropped after the failed save, finished its archive into the
        // full file and printed `ZipWriter::drop: failed to finalize archive: Io(…)`
        // before the run's own translated error.
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        for row in 0..2_000u32 {
            sheet.write(row, 0, format!("строка {row}")).unwrap();
        }
        let mut full = Full {
            room: 3_000,
            after: 0,
            failed: false,
        };
        let err = save_to(&mut workbook, &mut full).unwrap_err();
        assert!(
            matches!(&err, XlsxError::IoError(e) if e.kind() == std::io::ErrorKind::StorageFull),
            "{err:?}"
        );
        assert!(full.failed);
        assert_eq!(full.after, 0, "nothing is written after the failure");
        // With room enough the same workbook is saved whole.
        let mut room = Full {
            room: usize::MAX,
            after: 0,
            failed: false,
        };
        save_to(&mut workbook, &mut room).unwrap();
        assert!(!room.failed);
    }
}
