//! The `stoa` binary: parse the command line, run the command, print the error chain once
//! and exit with a code that tells bad data (1) from usage (2) from I/O or internal (3).

use clap::Parser;

/// Give large blocks (≥ 1 MiB) back to the system as soon as they are freed. glibc raises
/// its mmap threshold after the first large free, after which the many large temporary
/// buffers of a Parquet or CSV read stay resident: reading the chain set's order lines took
/// 2.5 GB instead of 1.35 GB and `stoa check` peaked at 4 GB instead of under 3 GB.
/// glibc's own setting (`MALLOC_MMAP_THRESHOLD_`, or `GLIBC_TUNABLES`) wins when given, for
/// machines where time matters more than memory (see docs/performance.md).
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none()
        && std::env::var_os("GLIBC_TUNABLES").is_none()
    {
        // SAFETY: mallopt only changes allocator parameters; called before any thread starts.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        }
    }
}

fn main() {
    tune_allocator();
    let cli = stoa::cli::Cli::parse();
    match stoa::commands::run(cli) {
        Ok(()) => {}
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::exit(stoa::error::exit_code_of(&err) as i32);
        }
    }
}
