//! Each order line's row in the visits table, found by walking the lines and the visits in
//! step (most exports list them in the same order) and by an index only for the others.

use polars::prelude::*;

use super::codes::Respelled;
use super::{chain, codes, RULE, VISIT_ROW};

/// How far ahead in the visits [`visit_rows_of`] looks for a line's visit before it asks
/// the index: past the visits without lines (no-shows, cancelled) between two with lines.
const LOOK_AHEAD: usize = 64;

/// A way to find the visit of rows whose visit number no visit has as written.
type Fallback =
    fn(&mut DataFrame, &StringChunked, &BooleanChunked, Expr) -> PolarsResult<Option<Respelled>>;

/// Rows of order lines or feedback with their visit's row in the visits table
/// ([`VISIT_ROW`], null where no visit has the number), and how the fallbacks found the
/// visits of numbers written otherwise.
pub(super) struct Found {
    pub rows: DataFrame,
    pub respelled: Option<Respelled>,
    pub by_title: Option<Respelled>,
    pub unzeroed: Option<Respelled>,
}

/// Each row's visit row in `ids` (the accepted visits' `visit_id`): that is the membership
/// test, and for order lines the report's every step that dates the lines or adds them up
/// by visit takes the rows from here instead of joining millions of lines to the visits
/// by text again. Only the ids are looked up, never a copy of the rows' columns. A number
/// `shared` by several stations' visits is first keyed by the row's station (`station`:
/// whether the rows have that column); a row it cannot key is rejected by `ambiguous_rule`.
pub(super) fn find(
    mut rows: DataFrame,
    ids: &DataFrame,
    shared: Option<&chain::SharedNumbers>,
    station: bool,
    ambiguous_rule: u32,
) -> PolarsResult<Found> {
    let visits = ids.column("visit_id")?.str()?;
    if let Some(shared) = shared {
        chain::key_rows(&mut rows, shared, station, ambiguous_rule)?;
    }
    let look_up = |rows: &DataFrame| -> PolarsResult<IdxCa> {
        Ok(visit_rows_of(rows.column("visit_id")?.str()?, visits))
    };
    let mut found = look_up(&rows)?;
    let given = rows.column("visit_id")?.is_not_null();
    let without_id = rows.height() - given.sum().unwrap_or(0) as usize;
    let (mut respelled, mut by_title, mut unzeroed) = (None, None, None);
    // Visit numbers that no visit has as written: one written otherwise, then a bare
    // number against visits named by their 1C document titles, then a number that lost
    // its leading zeros in Excel.
    let fallbacks: [(&mut Option<Respelled>, Fallback); 3] = [
        (&mut respelled, codes::respell_unmatched),
        (&mut by_title, crate::ingest::titles::numbers_to_titles),
        (&mut unzeroed, codes::unzeroed_unmatched),
    ];
    for (outcome, fallback) in fallbacks {
        if found.null_count() > without_id {
            let unmatched = &found.is_null() & &given;
            *outcome = fallback(&mut rows, visits, &unmatched, col(RULE).is_not_null())?;
            if outcome.is_some() {
                found = look_up(&rows)?;
            }
        }
    }
    rows.with_column(found.into_column())?;
    Ok(Found {
        rows,
        respelled,
        by_title,
        unzeroed,
    })
}

/// The row in `visits` (distinct ids) of each of `lines`' visit ids; null where the id is
/// null or no visit has it — what a left join of the lines' ids to the visits' gives.
///
/// Exports list the lines visit by visit in the visits' order far more often than not, so
/// each line's visit is first looked for a few rows ahead of the previous line's; only
/// when it is not there (lines out of order, a line of a rejected visit) is an index of
/// every visit id built, once, and asked, and the walk goes on from what it found. On a
/// chain's 7.5 M lines that is 0.1 s against 0.9 s for the join.
pub(super) fn visit_rows_of(lines: &StringChunked, visits: &StringChunked) -> IdxCa {
    let visits: Vec<Option<&str>> = visits.iter().collect();
    let mut index: Option<PlHashMap<&str, usize>> = None;
    let mut at = 0usize;
    let rows = lines.iter().map(|id| {
        let id = id?;
        let ahead = visits
            .iter()
            .skip(at)
            .take(LOOK_AHEAD)
            .position(|v| *v == Some(id));
        let row = match ahead {
            Some(k) => at + k,
            None => {
                let index = index.get_or_insert_with(|| {
                    visits
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| v.map(|v| (v, i)))
                        .collect()
                });
                *index.get(id)?
            }
        };
        at = row;
        Some(row as IdxSize)
    });
    IdxCa::from_iter_options(VISIT_ROW.into(), rows)
}
