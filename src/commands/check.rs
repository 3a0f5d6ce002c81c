//! `stoa check`: validate the inputs and print the accounting of every row.

use crate::cli::CheckArgs;

/// Run `stoa check`.
pub fn run(_args: &CheckArgs) -> anyhow::Result<()> {
    Ok(())
}
