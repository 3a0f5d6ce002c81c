//! Exit codes and the classification of failures, so that scripts can tell bad data
//! from a bad command line from a broken machine.

/// Process exit codes of `stoa`.
///
/// ```
/// assert_eq!(stoa::error::ExitCode::BadData as i32, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything went well (rejected rows may still have been reported).
    Ok = 0,
    /// The data cannot be used: a required table or column is missing, a file cannot be parsed.
    BadData = 1,
    /// The command line or the configuration is wrong.
    Usage = 2,
    /// Reading or writing a file failed, or stoa itself failed.
    Internal = 3,
}

/// An error that knows which exit code it deserves. Errors of the library carry one;
/// `main` downcasts the anyhow chain to find it.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Classified {
    /// The exit code the process should end with.
    pub code: ExitCode,
    /// The full sentence shown to the user.
    pub message: String,
}

impl Classified {
    /// An error of bad input data (exit code 1).
    pub fn data(message: impl Into<String>) -> Self {
        Classified {
            code: ExitCode::BadData,
            message: message.into(),
        }
    }
    /// An error of usage: bad option value, bad configuration (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Classified {
            code: ExitCode::Usage,
            message: message.into(),
        }
    }
    /// An error of I/O or of stoa itself (exit code 3).
    pub fn internal(message: impl Into<String>) -> Self {
        Classified {
            code: ExitCode::Internal,
            message: message.into(),
        }
    }
}

/// The target of `path` when `path` is a symbolic link whose target does not exist: the
/// system says of it only that there is no such file, and the user, who sees the file in
/// the folder, was told to add it.
///
/// ```
/// # #[cfg(unix)]
/// # {
/// let dir = tempfile::tempdir().unwrap();
/// let link = dir.path().join("visits.xlsx");
/// std::os::unix::fs::symlink("/nowhere/visits.xlsx", &link).unwrap();
/// assert_eq!(stoa::error::broken_link(&link), Some("/nowhere/visits.xlsx".into()));
/// assert_eq!(stoa::error::broken_link(dir.path()), None);
/// # }
/// ```
pub fn broken_link(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() || path.exists() {
        return None;
    }
    // A relative target is the link's folder's: said from there, as the user finds it.
    let target = std::fs::read_link(path).ok()?;
    match (target.is_relative(), path.parent()) {
        (true, Some(folder)) => Some(folder.join(target)),
        _ => Some(target),
    }
}

/// The error chain as the one line the user reads, in `lang`: each cause joined to the
/// previous by ": ", except a cause that a message before it already quotes. Many messages
/// name their source in a sentence ("cannot write X: Permission denied; check …");
/// printing the source again after it would say the same thing twice. Messages with a
/// Russian wording are given in it ([`crate::render::i18n::error`]); the system's own
/// words (an OS error, a parser's) stay as they came.
///
/// ```
/// use stoa::cli::Lang;
/// let inner = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
/// let err = anyhow::Error::new(inner).context("cannot read data.csv: no such file");
/// assert_eq!(stoa::error::chain_text(&err, Lang::En), "cannot read data.csv: no such file");
/// assert_eq!(
///     stoa::error::chain_text(&err, Lang::Ru),
///     "не удалось прочитать data.csv: no such file"
/// );
/// ```
pub fn chain_text(err: &anyhow::Error, lang: crate::cli::Lang) -> String {
    let mut english = String::new();
    let mut text = String::new();
    for cause in err.chain() {
        let part = cause.to_string();
        if english.contains(&part) {
            continue;
        }
        let worded = crate::render::i18n::error(lang, &part).unwrap_or_else(|| part.clone());
        if !english.is_empty() {
            english.push_str(": ");
            text.push_str(": ");
        }
        english.push_str(&part);
        text.push_str(&worded);
    }
    text
}

/// The exit code for an error chain: the first classified error in it decides;
/// an unclassified I/O error is 3, anything else is 3 too (a bug or the machine).
pub fn exit_code_of(err: &anyhow::Error) -> ExitCode {
    for cause in err.chain() {
        if let Some(c) = cause.downcast_ref::<Classified>() {
            return c.code;
        }
        if let Some(c) = cause.downcast_ref::<crate::ingest::IngestError>() {
            return c.exit_code();
        }
        if let Some(c) = cause.downcast_ref::<crate::config::ConfigError>() {
            return c.exit_code();
        }
    }
    ExitCode::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read the folder x: {source}")]
    struct Quoting {
        #[source]
        source: std::io::Error,
    }

    fn io() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied")
    }

    #[test]
    fn a_source_the_message_quotes_is_printed_once() {
        let err = anyhow::Error::new(Quoting { source: io() });
        assert_eq!(
            chain_text(&err, crate::cli::Lang::En),
            "cannot read the folder x: permission denied"
        );
    }

    #[test]
    fn a_source_the_message_does_not_quote_is_joined_after_it() {
        let err = anyhow::Error::new(io()).context("writing the report failed");
        assert_eq!(
            chain_text(&err, crate::cli::Lang::En),
            "writing the report failed: permission denied"
        );
    }
}
