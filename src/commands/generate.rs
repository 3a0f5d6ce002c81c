//! `stoa generate`: write a synthetic data set and say what was written.

use crate::cli::GenerateArgs;
use crate::error::Classified;

/// Run `stoa generate`.
pub fn run(args: &GenerateArgs) -> anyhow::Result<()> {
    let summary = crate::generate::generate(args).map_err(|e| Classified {
        code: e.exit_code(),
        message: e.to_string(),
    })?;
    print!("{summary}");
    Ok(())
}
