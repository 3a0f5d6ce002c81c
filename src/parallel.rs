//! One small worker pool for the places where stoa runs independent pieces side by side
//! (report sections, workbook sheets, ingest's per-column passes): polars parallelises
//! inside an operation, but many of these pieces keep one core busy each.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The machine's cores (1 when unknown).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on up to `workers` threads; the results in the items' order.
///
/// Workers take the next item from a shared counter, so one slow item does not hold back
/// the rest of a thread's share. A panic in `f` propagates to the caller.
///
/// ```
/// let squares = stoa::parallel::map(&[1, 2, 3, 4], 2, |x| x * x);
/// assert_eq!(squares, [1, 4, 9, 16]);
/// ```
pub fn map<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = workers.min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return done;
                        };
                        done.push((i, f(item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

/// [`map`], with the items started largest first by `size`: when a few items are much
/// larger than the rest (a chain workbook's client lists among dozens of small sheets),
/// taking them in their own order can leave one of them running alone at the end while
/// the other workers sit idle. The results are still in the items' order; items of equal
/// size start in their order.
///
/// ```
/// let lens = stoa::parallel::map_largest_first(&["a", "ccc", "bb"], 2, |s| s.len(), |s| s.len());
/// assert_eq!(lens, [1, 3, 2]);
/// ```
pub fn map_largest_first<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    size: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(size(&items[i])));
    let ran = map(&order, workers, |&i| f(&items[i]));
    let mut out: Vec<(usize, R)> = order.into_iter().zip(ran).collect();
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order_whatever_finishes_first() {
        // The first item is the slowest: a worker finishes the others before it.
        let items: Vec<u64> = (0..9).collect();
        let out = map(&items, 3, |&i| {
            if i == 0 {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            i * 10
        });
        assert_eq!(out, (0..9).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn the_largest_items_start_first_and_results_keep_the_item_order() {
        // One worker takes the items one by one: the order it saw them is the start order.
        let seen = std::sync::Mutex::new(Vec::new());
        let out = map_largest_first(
            &[2, 9, 1, 9, 5],
            1,
            |&x| x,
            |&x| {
                seen.lock().unwrap().push(x);
                x * 10
            },
        );
        assert_eq!(out, [20, 90, 10, 90, 50]);
        assert_eq!(*seen.lock().unwrap(), [9, 9, 5, 2, 1]);
    }

    #[test]
    fn one_worker_or_one_item_runs_on_the_calling_thread() {
        let me = std::thread::current().id();
        assert_eq!(map(&[1], 4, |_| std::thread::current().id()), [me]);
        assert_eq!(map(&[1, 2], 1, |_| std::thread::current().id()), [me, me]);
    }
}
