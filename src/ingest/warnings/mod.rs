//! Survivable problems, said and kept: how each table was read where it was read
//! otherwise than as written (a column named twice or by its first words, service codes
//! and visit numbers written another way, sheets read together, cells merged, files
//! named for another format, …), and in `model` those of the data as a whole. The rows
//! stay in; `stoa check`, the manifest and Data issues tell the user.

use polars::prelude::*;

use super::{header, reasons, validate, Warning};
use crate::schema::Table;

mod cells;
mod dates;
mod layout;
mod model;
mod sources;
pub(super) use cells::{dot_zero, lost_sign, repeated_headers};
pub(super) use dates::{dates_mixed, month_first, month_first_conflict};
pub(super) use layout::{below, footer, group_subtotals, grouped, groups_refused, subtotals};
pub(super) use model::{warnings, DIGITS_COUNT};
pub(super) use sources::{
    disguised, hidden, hidden_column, merged, sheets_read, skipped_sheet, unsaved, utc_times,
};

/// One warning for each column that several header cells name: which one is read (see
/// [`header::Header::mapping`]) and how to read another.
pub(super) fn passed_over(
    table: Table,
    header: &header::Header,
    file: &str,
    rows: u64,
) -> Vec<Warning> {
    let quoted = |i: usize| format!("«{}»", header.cells[i]);
    header
        .passed_over
        .iter()
        .filter_map(|(column, others)| {
            let read = *header.mapping.get(column)?;
            let mut all: Vec<usize> = others.iter().copied().chain([read]).collect();
            all.sort_unstable();
            // Cells of one name cannot be told apart by naming it: `Сумма#2` can. Each
            // such cell is shown with its place among the row's cells of its name.
            let keys: Vec<String> = header.cells.iter().map(|c| header::header_key(c)).collect();
            let place = |i: usize| keys[..=i].iter().filter(|k| **k == keys[i]).count();
            let repeated = |i: usize| keys.iter().filter(|k| **k == keys[i]).count() > 1;
            let label = |i: usize| match all.iter().filter(|&&j| keys[j] == keys[i]).count() > 1 {
                true => format!("{}#{}", quoted(i), place(i)),
                false => quoted(i),
            };
            let cells: Vec<String> = all.iter().map(|&i| label(i)).collect();
            let section = format!("columns.{table}");
            let named = named(column, &header.cells[read]);
            let other = all
                .iter()
                .copied()
                .find(|&i| i != read && repeated(i) && keys[i] == keys[read])
                .or_else(|| all.iter().copied().find(|&i| i != read && repeated(i)));
            let message = match other {
                Some(other) => reasons::fill(
                    reasons::SAME_NAMED_CELLS,
                    &[
                        &cells.join(", "),
                        file,
                        &named,
                        &label(read),
                        &section,
                        column,
                        &format!("{}#{}", header.cells[other], place(other)),
                        &label(other),
                    ],
                ),
                None => reasons::fill(
                    reasons::PASSED_OVER,
                    &[&cells.join(", "), file, &named, &quoted(read), &section],
                ),
            };
            Some(Warning {
                table: table.name().to_string(),
                rows,
                message,
            })
        })
        .collect()
}

/// The column `column` as the warnings of how a header was read name it: by the header
/// exports give it, in the language of the export's own header `cell`, and its stoa.toml
/// key (`«Пробег» (`odometer_km` in stoa.toml)`). They said the key alone, a name no
/// export writes.
fn named(column: &str, cell: &str) -> String {
    let russian = cell
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    crate::schema::labels::named(column, russian)
}

/// One warning for each column read from a cell that only begins with one of its names
/// (see [`header::Header::loose`]): the reading is a guess the user should see.
pub(super) fn loose(table: Table, header: &header::Header, file: &str, rows: u64) -> Vec<Warning> {
    header
        .loose
        .iter()
        .filter_map(|column| {
            let cell = &header.cells[*header.mapping.get(column)?];
            Some(Warning {
                table: table.name().to_string(),
                rows,
                message: reasons::fill(
                    reasons::LOOSE_HEADER,
                    &[
                        &format!("«{cell}»"),
                        file,
                        &named(column, cell),
                        &format!("columns.{table}"),
                    ],
                ),
            })
        })
        .collect()
}

/// The warning of a header of two rows (see [`header::Header::joined`]): which columns were
/// read by their group cell and their own, so that a wrong reading can be seen.
pub(super) fn joined(
    table: Table,
    header: &header::Header,
    file: &str,
    rows: u64,
) -> Option<Warning> {
    let read: Vec<String> = header
        .joined
        .iter()
        .filter_map(|j| {
            let (column, _) = header.mapping.iter().find(|(_, &p)| p == j.position)?;
            Some(format!("«{}» + «{}» → `{column}`", j.upper, j.lower))
        })
        .collect();
    (!read.is_empty()).then(|| Warning {
        table: table.name().to_string(),
        rows,
        message: reasons::fill(
            reasons::JOINED_HEADER,
            &[file, &read.join(", "), &format!("columns.{table}")],
        ),
    })
}

/// The warning of a table whose service codes took the price list's spelling: the first
/// three spellings, each with the code it became.
pub(super) fn respelled(table: Table, r: &validate::Respelled) -> Warning {
    respelled_as(reasons::RESPELLED, table, r)
}

/// The warning of a table whose visit numbers took the visits' spelling.
pub(super) fn respelled_visits(table: Table, r: &validate::Respelled) -> Warning {
    respelled_as(reasons::VISITS_RESPELLED, table, r)
}

/// The warning of visits whose client codes took the clients' spelling.
pub(super) fn clients_respelled(r: &validate::Respelled) -> Warning {
    respelled_as(reasons::CLIENTS_RESPELLED, Table::Visits, r)
}

/// The warning of a table whose bare visit numbers took their visits' titles.
pub(super) fn visits_by_title(table: Table, r: &validate::Respelled) -> Warning {
    respelled_as(reasons::VISITS_BY_TITLE, table, r)
}

/// The warning of a table whose visit numbers took the visits' leading zeros.
pub(super) fn visits_unzeroed(table: Table, r: &validate::Respelled) -> Warning {
    respelled_as(reasons::VISITS_UNZEROED, table, r)
}

/// A warning of spellings that took another table's, by `template`: the first three.
fn respelled_as(template: &str, table: Table, r: &validate::Respelled) -> Warning {
    let mut examples: Vec<String> = r
        .spellings
        .iter()
        .take(3)
        .map(|(from, to)| format!("«{from}» → «{to}»"))
        .collect();
    if r.spellings.len() > 3 {
        examples.push("…".into());
    }
    let args = [&r.rows.to_string(), table.name(), &examples.join(", ")];
    warning(table, r.rows, template, &args)
}

/// The warning of a category or channel column with spellings outside the vocabulary:
/// the five of most rows, each with what it was read as and its rows.
pub(super) fn unread(table: Table, u: &validate::Unread) -> Warning {
    let mut spellings = u.spellings.clone();
    spellings.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let rows: u64 = spellings.iter().map(|s| s.2).sum();
    let mut examples: Vec<String> = spellings
        .iter()
        .take(5)
        .map(|(spelling, read, n)| format!("«{spelling}» → {read} ({n})"))
        .collect();
    if spellings.len() > 5 {
        examples.push("…".into());
    }
    // The table of stoa.toml as a whole, so that no part of it is translated.
    let vocabulary = format!("values.{}", crate::config::vocabulary_name(u.kind));
    let values = super::normalize::canonical_values(u.kind).join(", ");
    Warning {
        table: table.name().to_string(),
        rows,
        message: reasons::fill(
            reasons::UNREAD_VALUES,
            &[
                &rows.to_string(),
                table.name(),
                &u.column,
                &examples.join(", "),
                &vocabulary,
                &spellings[0].0,
                &values,
            ],
        ),
    }
}

/// The warning of visit numbers whose rows are different visits (`ids`, sorted): how
/// many, and the first three.
pub(super) fn collided(ids: &Series) -> PolarsResult<Warning> {
    let mut examples: Vec<String> = ids
        .str()?
        .iter()
        .flatten()
        .take(3)
        .map(|id| format!("«{id}»"))
        .collect();
    if ids.len() > 3 {
        examples.push("…".into());
    }
    Ok(Warning {
        table: Table::Visits.name().to_string(),
        rows: ids.len() as u64,
        message: reasons::fill(
            reasons::COLLIDED,
            &[&ids.len().to_string(), &examples.join(", ")],
        ),
    })
}

/// The warning of agents whose commissions were fractions (a cell formatted `10%` holds
/// 0.1) and are now read as percentages.
pub(super) fn percent_fractions(rows: u64) -> Warning {
    Warning {
        table: Table::Agents.name().to_string(),
        rows,
        message: reasons::fill(reasons::PERCENT_FRACTIONS, &[&rows.to_string()]),
    }
}

/// The warning of price-list services whose interval of 0 was read as none: the first
/// three codes as examples.
pub(super) fn zero_intervals(codes: &[String]) -> Warning {
    let examples: Vec<String> = codes.iter().take(3).map(|c| format!("«{c}»")).collect();
    warning(
        Table::PriceList,
        codes.len() as u64,
        reasons::ZERO_INTERVALS,
        &[&codes.len().to_string(), &examples.join(", ")],
    )
}

/// The warning of order lines repeated by overlapping exports.
pub(super) fn repeated_lines(r: &super::overlap::Repeated) -> Warning {
    warning(
        Table::OrderLines,
        r.rows,
        reasons::REPEATED_LINES,
        &[
            &r.rows.to_string(),
            &format!("«{}»", r.example),
            &format!("{:.2}", r.money as f64 / 100.0),
        ],
    )
}

/// The warning of order lines repeated as a block, an export pasted twice (`file`: where
/// they were read).
pub(super) fn repeated_export(b: &super::overlap::RepeatedExport, file: &str) -> Warning {
    warning(
        Table::OrderLines,
        b.rows,
        reasons::REPEATED_EXPORT,
        &[
            &b.rows.to_string(),
            file,
            &b.visits.to_string(),
            &format!("«{}»", b.example),
            &format!("{:.2}", b.money as f64 / 100.0),
        ],
    )
}

/// The warning of a money or number column whose `12,345` cells were read as whole thousands.
pub(super) fn thousands(
    table: Table,
    column: &str,
    file: &str,
    t: &crate::ingest::cells::Thousands,
) -> Warning {
    let reason = match t.money {
        true => reasons::THOUSANDS_MARK,
        false => reasons::THOUSANDS_MARK_NUMBER,
    };
    warning(
        table,
        t.cells,
        reason,
        &[
            &format!("«{column}»"),
            file,
            &format!("«{}»", t.mark),
            &t.cells.to_string(),
            &format!("«{}»", t.example),
        ],
    )
}

/// The warning of a money column whose cells of more than two decimals were rounded to
/// the kopeck.
pub(super) fn rounded(
    table: Table,
    column: &str,
    file: &str,
    r: &crate::ingest::cells::Rounded,
) -> Warning {
    warning(
        table,
        r.cells,
        reasons::SUB_KOPECK,
        &[
            &r.cells.to_string(),
            &format!("«{column}»"),
            file,
            &format!("«{}»", r.example),
            &format!("{:.2}", r.kopecks as f64 / 100.0),
        ],
    )
}

/// The warning of order lines whose amount was computed from their price: how many, the
/// file, the price's header and the percentage discount's, where the lines have one.
pub(super) fn amounts_from_prices(
    rows: u64,
    file: &str,
    price: &str,
    pct: Option<&str>,
) -> Warning {
    let (rows_text, price) = (rows.to_string(), format!("«{price}»"));
    match pct {
        Some(pct) => warning(
            Table::OrderLines,
            rows,
            reasons::AMOUNTS_FROM_PERCENT,
            &[&rows_text, file, &price, &format!("«{pct}»")],
        ),
        None => warning(
            Table::OrderLines,
            rows,
            reasons::AMOUNTS_FROM_PRICES,
            &[&rows_text, file, &price],
        ),
    }
}

/// The warning of order lines whose amount is quantity × price, the discount not taken
/// off: how many of the discounted lines, the amount's header, and the money at stake.
pub(super) fn gross_amounts(g: &super::amounts::GrossAmounts, header: &str) -> Warning {
    let money = format!("{:.2}", g.discounts as f64 / 100.0);
    warning(
        Table::OrderLines,
        g.rows,
        reasons::GROSS_AMOUNTS,
        &[
            &g.rows.to_string(),
            &g.discounted.to_string(),
            &format!("«{header}»"),
            &money,
        ],
    )
}

/// The warning of a table whose visits were named by their 1C document titles.
pub(super) fn titles(table: Table, t: &crate::ingest::titles::Titles) -> Warning {
    warning(
        table,
        t.rows,
        reasons::DOCUMENT_TITLES,
        &[
            &t.rows.to_string(),
            table.name(),
            &format!("«{}»", t.example),
            &format!("«{}»", t.number),
        ],
    )
}

/// The warning of visits whose brand, model and plate were read from one cell of the car.
pub(super) fn vehicle(split: &crate::ingest::vehicle::Split, header: &str, file: &str) -> Warning {
    let [make, model, plate] = &split.parts;
    let read: Vec<String> = [make, model, plate]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| format!("«{p}»"))
        .collect();
    warning(
        Table::Visits,
        split.rows,
        reasons::VEHICLE_SPLIT,
        &[
            &format!("«{header}»"),
            file,
            &split.rows.to_string(),
            &format!("«{}»", split.example),
            &read.join(", "),
        ],
    )
}

/// The warning of order lines whose percentage discounts (`column` as the file names it)
/// a workbook stores as fractions and are read as percentages: how many are not 0.
pub(super) fn discount_fractions(rows: u64, column: &str, file: &str) -> Warning {
    warning(
        Table::OrderLines,
        rows,
        reasons::DISCOUNT_FRACTIONS,
        &[&rows.to_string(), &format!("«{column}»"), file],
    )
}

/// Where columns read together (a date and its time, a name's parts) are, as a warning
/// names them: `file` and `header`'s cells for one source; for a table read from the files
/// of a folder or the sheets of a workbook, the parts whose header names `holds` and their
/// cells of each of `columns` (distinct ones joined), so that the warning names the file
/// that has the time column and its own date column, not the folder and the first file's.
pub(in crate::ingest) fn columns_in(
    parts: &[crate::ingest::read::Part],
    file: &str,
    header: &header::Header,
    holds: &str,
    columns: &[&str],
) -> (String, Vec<String>) {
    let holding: Vec<&crate::ingest::read::Part> = parts
        .iter()
        .filter(|p| p.header.mapping.contains_key(holds))
        .collect();
    if holding.is_empty() {
        let cells = columns.iter().map(|c| header.source_name(c).to_string());
        return (file.to_string(), cells.collect());
    }
    let places: Vec<&str> = holding.iter().map(|p| p.place.as_str()).collect();
    let cells = columns.iter().map(|c| {
        let mut seen: Vec<&str> = Vec::new();
        for p in &holding {
            let cell = p.header.source_name(c);
            if !seen.contains(&cell) {
                seen.push(cell);
            }
        }
        seen.join("», «")
    });
    (places.join(", "), cells.collect())
}

/// The warning of visits whose dates took their time of day from a column of its own.
pub(super) fn times_joined(
    j: &crate::ingest::times::Joined,
    date_header: &str,
    time_header: &str,
    file: &str,
) -> Warning {
    warning(
        Table::Visits,
        j.rows,
        reasons::TIMES_JOINED,
        &[
            &j.rows.to_string(),
            &format!("«{time_header}»"),
            file,
            &format!("«{date_header}»"),
            &j.example,
        ],
    )
}

/// The warning of clients whose full name was put together from its parts; `headers`
/// are the surname's, the name's and the patronymic's columns as the file names them.
pub(super) fn names_joined(
    j: &crate::ingest::names::Joined,
    headers: &[String; 3],
    file: &str,
) -> Warning {
    let columns: Vec<String> = headers.iter().map(|h| format!("«{h}»")).collect();
    warning(
        Table::Clients,
        j.rows,
        reasons::NAMES_JOINED,
        &[
            &j.rows.to_string(),
            &columns.join(", "),
            file,
            &format!("«{}»", j.example),
        ],
    )
}

/// The warning of visits read from a flat table of lines.
pub(super) fn further_lines(f: &crate::ingest::flat::Further, file: &str) -> Warning {
    warning(
        Table::Visits,
        f.lines,
        reasons::FURTHER_LINES,
        &[
            file,
            &format!("«{}»", f.amount),
            &f.visits.to_string(),
            &f.lines.to_string(),
        ],
    )
}

/// The warning of a flat table's rows of visits without work, set aside from its lines.
pub(super) fn visits_without_lines(rows: u64, file: &str) -> Warning {
    warning(
        Table::OrderLines,
        rows,
        reasons::VISITS_WITHOUT_LINES,
        &[&rows.to_string(), file],
    )
}

/// The warning of visits none of which has a time of day.
pub(super) fn no_time_of_day(visits: u64, date_header: &str) -> Warning {
    warning(
        Table::Visits,
        visits,
        reasons::NO_TIME_OF_DAY,
        &[&visits.to_string(), &format!("«{date_header}»")],
    )
}

/// A warning about `table` concerning `rows` rows: `template` filled with `args`.
fn warning(table: Table, rows: u64, template: &str, args: &[&str]) -> Warning {
    Warning {
        table: table.name().to_string(),
        rows,
        message: reasons::fill(template, args),
    }
}
