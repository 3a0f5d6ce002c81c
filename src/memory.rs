//! How the allocator treats large freed buffers, set per phase of a run. jemalloc (the
//! binary's allocator, see `src/main.rs`) serves every allocation of 8 MiB or more, such
//! as a column of a million rows, from one arena that hands freed pages back to the
//! system at once. During ingest that keeps the peak low: the raw text of a CSV is freed
//! as its values are parsed. Through the report's sections it is pure cost: polars frees
//! and allocates such a column for every intermediate step, and each new one faults in
//! and clears fresh pages (on the Parquet chain, 3.9 M page faults and 8–9 s of system
//! time). [`keep_large_buffers`] lets that arena keep its freed pages for reuse once
//! ingest is done.

/// jemalloc's `MALLCTL_ARENAS_ALL`: an arena index that means every arena.
#[cfg(not(target_env = "msvc"))]
const ALL_ARENAS: u32 = 4096;

/// Hand back the pages every arena holds free (what ingest left), then let the arena of
/// large allocations keep the pages of the buffers freed from now on, for the next ones.
/// Memory then stays near the largest set of live columns instead of following each one.
/// On the Parquet chain the report's page faults fall from 3.9 M to 2.1 M and its time by
/// about 1 s on average over thirteen pairs (docs/scaling-history.md, session 9); its peak rises from
/// 2.8 to 3.3–3.4 GB, still below the CSV ingest's 3.6 GB, which this leaves as it was.
///
/// Returns a sentence when jemalloc refused (the run goes on as before). Has no effect
/// where jemalloc is not the allocator in use, and does nothing on MSVC.
///
/// ```
/// stoa::memory::keep_large_buffers().unwrap();
/// ```
pub fn keep_large_buffers() -> Result<(), String> {
    #[cfg(not(target_env = "msvc"))]
    {
        let failed = |what: &str, e: tikv_jemalloc_ctl::Error| {
            format!("jemalloc refused to {what} ({e}); large buffers are handed back as before")
        };
        // SAFETY: `opt.oversize_threshold` is a size_t and `opt.narenas` an unsigned, as
        // read here; both names end in NUL as mallctl needs.
        let threshold: usize = unsafe { tikv_jemalloc_ctl::raw::read(b"opt.oversize_threshold\0") }
            .map_err(|e| failed("report its oversize threshold", e))?;
        if threshold == 0 {
            // No arena of its own for large allocations (set so by _RJEM_MALLOC_CONF).
            return Ok(());
        }
        purge(ALL_ARENAS);
        let arena = large_arena().map_err(|e| failed("report its arena count", e))?;
        let name = format!("arena.{arena}.dirty_decay_ms\0");
        // SAFETY: an arena's `dirty_decay_ms` is an ssize_t; the name ends in NUL.
        let set = || unsafe { tikv_jemalloc_ctl::raw::write(name.as_bytes(), -1isize) };
        if set().is_err() {
            // The arena is made by the first large allocation: make it, then set it.
            // SAFETY: a block from jemalloc's malloc, freed with its free.
            unsafe { tikv_jemalloc_sys::free(tikv_jemalloc_sys::malloc(threshold)) };
            set().map_err(|e| failed("keep the pages of large buffers", e))?;
        }
    }
    Ok(())
}

/// How long the arena of large allocations keeps freed pages, in ms (-1: until the end of
/// the run; 0: not at all); None where there is no such arena yet or no jemalloc.
pub fn large_buffer_decay_ms() -> Option<isize> {
    #[cfg(not(target_env = "msvc"))]
    {
        let arena = large_arena().ok()?;
        let name = format!("arena.{arena}.dirty_decay_ms\0");
        // SAFETY: an ssize_t, read under a NUL-terminated name.
        unsafe { tikv_jemalloc_ctl::raw::read::<isize>(name.as_bytes()) }.ok()
    }
    #[cfg(target_env = "msvc")]
    None
}

/// The index of jemalloc's arena of large allocations: the one after its automatic arenas.
#[cfg(not(target_env = "msvc"))]
fn large_arena() -> Result<u32, tikv_jemalloc_ctl::Error> {
    // SAFETY: `opt.narenas` is an unsigned; the name ends in NUL.
    unsafe { tikv_jemalloc_ctl::raw::read::<u32>(b"opt.narenas\0") }
}

/// Hand back the free pages of `arena` (or of every arena, [`ALL_ARENAS`]) to the system.
#[cfg(not(target_env = "msvc"))]
fn purge(arena: u32) {
    let name = format!("arena.{arena}.purge\0");
    // SAFETY: `arena.<i>.purge` takes and returns nothing: every pointer is null and the
    // length 0, as jemalloc requires of a void control. A failure only purges nothing.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr().cast(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}

#[cfg(all(test, not(target_env = "msvc")))]
mod tests {
    use super::*;

    #[test]
    fn after_ingest_the_arena_of_large_buffers_keeps_its_freed_pages() {
        keep_large_buffers().unwrap();
        assert_eq!(large_buffer_decay_ms(), Some(-1));
    }
}
