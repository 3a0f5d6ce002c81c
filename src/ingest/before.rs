//! What a table's reading needs before validation: the warnings of its header (for each
//! sheet or file it was read from), and the cells read otherwise than as written: the car
//! of one cell as make, model and plate, order lines grouped under their visit's row,
//! visit numbers given as 1C document titles, visits read from a flat table of lines,
//! percentage discounts a workbook stores as fractions. The warnings of the car, the
//! titles and the fractions concern some rows each, and are held until validation knows
//! which of them it rejects ([`Said`]).

use std::path::Path;

use polars::prelude::*;

use super::read::RawTable;
use super::validate::{Context, Early, Said};
use super::{flat, groups, header, percent_discounts, titles, vehicle, warnings};
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
) -> PolarsResult<Said> {
    let mut out = Said::default();
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
        let cars = raw.frame.column("brand")?.clone();
        if let Some(split) = vehicle::split(&mut raw.frame)? {
            let (header, file) = (
                raw.header.source_name("brand").to_string(),
                file.to_string(),
            );
            let filled = split.filled;
            let say = move |rows, car: &str| {
                let split = vehicle::Split {
                    rows,
                    example: car.to_string(),
                    parts: vehicle::parts_of(car, filled)?,
                    filled,
                };
                Ok(warnings::vehicle(&split, &header, &file))
            };
            let concerned = cars.is_not_null();
            out.hold(Early::hold(
                &mut raw.frame,
                "vehicle",
                &cars,
                &concerned,
                say,
            )?);
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
    for u in &raw.utc {
        out.push(warnings::utc_times(table, u));
    }
    for h in &raw.hidden_columns {
        out.push(warnings::hidden_column(table, h));
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
        match groups::ungroup(raw, &ctx.currency)? {
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
            let cells = raw.frame.column("visit_id")?.clone();
            if titles::read_numbers(&mut raw.frame, "visit_id", grouped)?.is_some() {
                // The cells read as their numbers are those it changed.
                let read = cells
                    .as_materialized_series()
                    .not_equal(raw.frame.column("visit_id")?.as_materialized_series())?;
                let say = move |rows, title: &str| {
                    let number = titles::number_in(title)?;
                    let example = title.to_string();
                    let t = titles::Titles {
                        rows,
                        example,
                        number,
                    };
                    Ok(warnings::titles(table, &t))
                };
                out.hold(Early::hold(&mut raw.frame, "titles", &cells, &read, say)?);
            }
        }
    }
    // Discounts a workbook stores as fractions (10 % as 0,1), where they give amounts; an
    // xlsx that formats them as percentages was read as it shows them.
    let shown = raw
        .percent_formats
        .iter()
        .any(|f| f.column == "discount_pct");
    if table == Table::OrderLines && header::derived_amount(table, &raw.header) && !shown {
        let rows = percent_discounts(&mut raw.numbers)?;
        let pct = raw.numbers.iter().find(|c| c.name() == "discount_pct");
        if let Some(pct) = pct.filter(|_| rows > 0).cloned() {
            // The lines it concerns: those whose percentage is not 0.
            let concerned = pct.f64()?.not_equal(0.0);
            let column = raw.header.source_name("discount_pct").to_string();
            let file = file.to_string();
            let say = move |rows, _: &str| Ok(warnings::discount_fractions(rows, &column, &file));
            out.hold(Early::hold(
                &mut raw.frame,
                "discount_fractions",
                &pct,
                &concerned,
                say,
            )?);
        }
    }
    Ok(out)
}
