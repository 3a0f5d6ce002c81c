//! What a table's reading needs before validation: the warnings of its header (for each
//! sheet or file it was read from), and the cells read otherwise than as written: the car
//! of one cell as make, model and plate, order lines grouped under their visit's row,
//! visit numbers given as 1C document titles, visits read from a flat table of lines.

use std::path::Path;

use polars::prelude::*;

use super::read::RawTable;
use super::validate::Context;
use super::{flat, groups, titles, vehicle, warnings, Warning};
use crate::config::Config;
use crate::schema::Table;

/// Adjust `raw` before its validation and say what was read and how.
pub(super) fn before_validation(
    table: Table,
    raw: &mut RawTable,
    ctx: &Context,
    config: &Config,
    file: &str,
    path: &Path,
) -> PolarsResult<Vec<Warning>> {
    let mut out = Vec::new();
    if raw.parts.is_empty() {
        let rows = raw.frame.height() as u64;
        out.extend(warnings::passed_over(table, &raw.header, file, rows));
        out.extend(warnings::loose(table, &raw.header, file, rows));
        out.extend(warnings::joined(table, &raw.header, file, rows));
    }
    // A header repeated down the table (a report printed by pages) is no row of data.
    if let Some(r) = super::repeated_header::skip_repeated_headers(table, raw)? {
        out.push(warnings::repeated_headers(table, r.rows, file, r.first));
    }
    if !raw.parts.is_empty() && raw.parts.iter().all(|p| p.file.is_none()) {
        out.push(warnings::sheets_read(table, &raw.parts, path));
    }
    for part in &raw.parts {
        let (header, place) = (&part.header, &part.place);
        out.extend(warnings::passed_over(table, header, place, part.rows));
        out.extend(warnings::loose(table, header, place, part.rows));
        out.extend(warnings::joined(table, header, place, part.rows));
    }
    // Visits whose car is one cell (`Kia Rio (А123ВС77)`) and no brand of its own.
    if table == Table::Visits && vehicle::holds_the_whole_car(raw.header.source_name("brand")) {
        if let Some(split) = vehicle::split(&mut raw.frame)? {
            let header = raw.header.source_name("brand").to_string();
            out.push(warnings::vehicle(&split, &header, file));
        }
    }
    out.extend(warnings::subtotals(table, &raw.subtotals));
    for b in &raw.below {
        out.push(warnings::below(table, b));
    }
    for f in &raw.footers {
        out.push(warnings::footer(table, f));
    }
    for h in &raw.hidden {
        out.push(warnings::hidden(table, h));
    }
    for s in &raw.skipped {
        out.push(warnings::skipped_sheet(table, s));
    }
    for d in &raw.disguised {
        out.push(warnings::disguised(table, d));
    }
    for m in &raw.merged {
        out.push(warnings::merged(table, m));
    }
    for u in &raw.unsaved {
        out.push(warnings::unsaved(table, u));
    }
    // A flat table's lines under their visit's first, its columns left empty, are that
    // visit's; its rows of visits without work are no order lines.
    if table == Table::OrderLines {
        if let Some(continued) = &ctx.continued {
            flat::continue_visits(raw, continued)?;
        }
        if let Some(rows) = flat::visits_without_lines(raw, config)? {
            out.push(warnings::visits_without_lines(rows, file));
        }
    }
    // Lines under a row of their visit with its subtotal, as a 1C report groups them.
    let mut grouped = false;
    if table == Table::OrderLines {
        match groups::ungroup(raw)? {
            groups::Groups::Read(g) => {
                grouped = true;
                out.push(warnings::grouped(&g, file));
                if let Some(d) = &g.differ {
                    out.push(warnings::group_subtotals(d, file));
                }
            }
            groups::Groups::Refused(r) => out.push(warnings::groups_refused(&r, file)),
            groups::Groups::None => {}
        }
    }
    // Lines naming their visit by its 1C document title, against visits by number.
    if matches!(table, Table::OrderLines | Table::Feedback) {
        let visits_hold_titles = match &ctx.visit_ids {
            Some(ids) => titles::holds_titles(ids.column("visit_id")?)?,
            None => true,
        };
        if !visits_hold_titles {
            if let Some(t) = titles::read_numbers(&mut raw.frame, "visit_id", grouped)? {
                out.push(warnings::titles(table, &t));
            }
        }
    }
    Ok(out)
}
