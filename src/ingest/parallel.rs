//! Work over a table's columns spread on the machine's cores: the per-column passes of
//! ingest (blank-cell checks, distinct-cell parsing) are independent of one another.

use polars::prelude::PolarsResult;

/// `f` over `items` on up to as many threads as the machine has cores, results in order.
pub(crate) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> PolarsResult<R> + Sync,
) -> PolarsResult<Vec<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    // Workers take the next item from a shared counter, so a slow column does not hold
    // back a thread's share of the others.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, PolarsResult<R>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return done;
                        };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker panicked"))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}
