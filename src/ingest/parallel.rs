//! Work over a table's columns spread on the machine's cores: the per-column passes of
//! ingest (blank-cell checks, distinct-cell parsing) are independent of one another.

use polars::prelude::PolarsResult;

/// `f` over `items` on up to as many threads as the machine has cores, results in order;
/// the first error, if any.
pub(crate) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> PolarsResult<R> + Sync,
) -> PolarsResult<Vec<R>> {
    crate::parallel::map(items, crate::parallel::cores(), f)
        .into_iter()
        .collect()
}
