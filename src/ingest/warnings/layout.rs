//! The warnings of a table's layout read otherwise than as rows: lines grouped under their
//! visit as a 1C report lays them out, total rows inside a table set aside, rows
//! below the total row not read, and a footer under the table's last blank row.

use super::warning;
use crate::ingest::reasons;
use crate::ingest::Warning;
use crate::schema::Table;

/// The warning of order lines read from a report that groups them under their visits.
pub(in crate::ingest) fn grouped(g: &crate::ingest::groups::Grouped, file: &str) -> Warning {
    warning(
        Table::OrderLines,
        g.lines,
        reasons::GROUPED_LINES,
        &[
            file,
            &g.lines.to_string(),
            &g.groups.to_string(),
            &format!("«{}»", g.example),
        ],
    )
}

/// The warning of visit groups whose subtotal is not the sum of their lines.
pub(in crate::ingest) fn group_subtotals(d: &(u64, String, i64, i64), file: &str) -> Warning {
    let (n, visit, subtotal, lines) = d;
    let money = |k: &i64| format!("{:.2}", *k as f64 / 100.0);
    warning(
        Table::OrderLines,
        *n,
        reasons::GROUP_SUBTOTALS,
        &[
            &n.to_string(),
            file,
            &format!("«{visit}»"),
            &money(subtotal),
            &money(lines),
        ],
    )
}

/// The warning of order lines laid out as visit groups that were not read so, since fewer
/// than half their subtotals are their lines' sum: the layout seen, the count of matches,
/// the first group that differs, and what to do.
pub(in crate::ingest) fn groups_refused(r: &crate::ingest::groups::Refused, file: &str) -> Warning {
    let money = |k: i64| format!("{:.2}", k as f64 / 100.0);
    let (visit, subtotal, lines) = &r.example;
    warning(
        Table::OrderLines,
        r.groups + r.lines,
        reasons::GROUPS_REFUSED,
        &[
            file,
            &r.groups.to_string(),
            &r.lines.to_string(),
            &r.matched.to_string(),
            &r.given.to_string(),
            &format!("«{visit}»"),
            &money(*subtotal),
            &money(*lines),
        ],
    )
}

/// The warning of total rows inside a table, set aside as subtotals: how many, where the
/// first is, its row and its first cell.
pub(in crate::ingest) fn subtotals(
    table: Table,
    subtotals: &[crate::ingest::read::Subtotal],
) -> Option<Warning> {
    let first = subtotals.first()?;
    Some(warning(
        table,
        0,
        reasons::SUBTOTALS,
        &[
            &subtotals.len().to_string(),
            &first.place,
            &first.row.to_string(),
            &format!("«{}»", first.text),
        ],
    ))
}

/// The warning of rows below a table's total row, not read: how many, the table, the
/// total's row, the file (and sheet), the first one's row and cells.
pub(in crate::ingest) fn below(table: Table, b: &crate::ingest::read::Below) -> Warning {
    warning(
        table,
        b.rows,
        reasons::BELOW_TOTAL,
        &[
            &b.rows.to_string(),
            table.name(),
            &b.total.to_string(),
            &b.place,
            &b.first.to_string(),
            &format!("«{}»", b.text),
        ],
    )
}

/// The warning of rows of one text cell after a table's last blank row, not read: how
/// many, the file (and sheet), the first one's row and cell, the table.
pub(in crate::ingest) fn footer(table: Table, f: &crate::ingest::read::Footer) -> Warning {
    warning(
        table,
        f.rows,
        reasons::FOOTER,
        &[
            &f.rows.to_string(),
            &f.place,
            &f.first.to_string(),
            &format!("«{}»", f.text),
            table.name(),
        ],
    )
}
