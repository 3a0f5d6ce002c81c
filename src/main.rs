//! The `stoa` binary: parse the command line, run the command, print the error chain once
//! and exit with a code that tells bad data (1) from usage (2) from I/O or internal (3).

use clap::Parser as _;

/// jemalloc instead of the system allocator. polars allocates and frees a buffer for every
/// intermediate column; glibc returned large ones to the system and took them back page by
/// page, so a quarter of a chain report's CPU time was the kernel clearing and mapping
/// pages. jemalloc keeps freed pages for reuse a while: on the chain set the report's
/// median over five pairs was 22.7 s instead of 26.1 s (docs/scaling-history.md, session 8). Not
/// on MSVC, where the crate does not build.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = match stoa::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => stoa::commands::usage::exit(err),
    };
    stoa::interrupt::watch();
    let result = stoa::commands::run(&cli);
    // A run stopped by a signal exits with the signal's code, not with the error its
    // writers met as their folder was removed.
    stoa::interrupt::wait_if_interrupted();
    if let Err(err) = result {
        let lang = stoa::commands::terminal_lang(&cli);
        stoa::commands::stderr::println(&format!(
            "{}: {}",
            stoa::render::i18n::t(lang, "term.error"),
            stoa::error::chain_text(&err, lang)
        ));
        std::process::exit(stoa::error::exit_code_of(&err) as i32);
    }
}
