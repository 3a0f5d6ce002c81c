//! Validation and accounting (SPEC §2, §4.1): every raw row ends accepted or rejected with
//! one reason. Cell errors come first (in column order), then row rules (negative
//! quantity, …), then duplicate keys (first row wins), then unknown visits. All of it is
//! one lazy polars plan per table.

use polars::prelude::*;

use crate::ingest::cells::{self, reason_in};
use crate::ingest::parallel::in_parallel;
use crate::ingest::read::{RawTable, EXTRA, FILE, SHEET};
use crate::ingest::reasons;

mod chain;
mod client_ids;
mod codes;
mod collided;
mod duplicates;
mod early;
mod excel_errors;
mod ids;
mod outcome;
mod parse;
mod recount;
mod rejects;
mod rules;
mod scaled;
mod superseded;
mod uncited;
mod visit_rows;
mod wording;

use crate::schema::{EnumKind, Kind, Table};
pub use chain::SharedNumbers;
pub use client_ids::respell_clients;
pub(crate) use codes::replace_spellings;
pub(crate) use codes::LOOK_ALIKE;
pub use codes::{code_key, unzeroed_unmatched, Respelled};
pub use early::{Early, Said, Tally};
pub use excel_errors::is_spreadsheet_error;
pub use ids::DotZero;
pub use outcome::{Context, Unread, Validated};
pub(crate) use rules::negative_rule;
use rules::{absent_value, extra_fields, first_rule, PriceColumns};

/// A rule that rejects a row: condition, column (as the user named it), raw value, reason.
struct Rule {
    when: Expr,
    column: String,
    value: Expr,
    reason: Expr,
}

const RULE: &str = "__rule";
const FIRST_ROW: &str = "__first_row";
const FIRST_PLACE: &str = "__first_place";
const VISIT_ROW: &str = "__visit_row";

/// The private name a raw column is kept under, for the reject's `value`.
fn raw_name(name: &str) -> String {
    format!("__raw_{name}")
}

/// The column of a date column `name`'s slash dates that can be read only day first, the
/// others empty ([`day_first_telling`]).
fn telling_name(name: &str) -> String {
    format!("__day_first_telling_{name}")
}

/// The slash dates of `raw` (the text of the date column `name`) that can be read only
/// day first (`16/09/2026`), the other cells empty: asked only of a column whose slash
/// dates show day first, which few exports have.
fn day_first_telling(name: &str, raw: &Column) -> PolarsResult<Column> {
    let telling: StringChunked = raw
        .str()?
        .iter()
        .map(|c| c.filter(|c| c.contains('/') && cells::only_day_first(c)))
        .collect();
    Ok(telling.with_name(telling_name(name).into()).into_column())
}

/// Validate a raw table.
pub fn validate(
    table: Table,
    raw: RawTable,
    file: &str,
    sheet: Option<&str>,
    ctx: &Context,
) -> PolarsResult<Validated> {
    let RawTable {
        frame,
        header,
        numbers,
        parts,
        ..
    } = raw;
    // The source's columns and their types, kept apart from the frame: the frame (the raw
    // text of millions of cells) is dropped as soon as the values are parsed.
    let dtypes: Vec<(String, DataType)> = frame
        .columns()
        .iter()
        .map(|c| (c.name().to_string(), c.dtype().clone()))
        .collect();
    let present = |name: &str| dtypes.iter().any(|(n, _)| n == name);
    // A table read from several sheets names each row's sheet in a column, and one read
    // from a folder each row's file too.
    let several_sheets = present(SHEET);
    let several_files = present(FILE);
    let dtype_of = |name: &str| {
        dtypes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| d.clone())
            .unwrap_or(DataType::String)
    };

    // Keep every raw column under a private name for the reject's `value`; text columns of
    // typed kinds are parsed by their distinct cells where they repeat (most do), the
    // columns side by side on the machine's cores (each is a hash pass over every cell).
    let to_parse: Vec<(Kind, &str, Column)> = table
        .input_columns()
        .iter()
        .filter(|c| present(c.name) && c.kind != Kind::Text)
        .map(|c| Ok((c.kind, c.name, frame.column(c.name)?.clone())))
        .collect::<PolarsResult<Vec<_>>>()?
        .into_iter()
        .filter(|(_, _, raw)| raw.dtype() == &DataType::String)
        .map(|(kind, name, raw)| (kind, name, raw.with_name(raw_name(name).into())))
        .collect();
    // Cells a workbook stored as numbers are taken as those numbers (the same values).
    let numbers = |name: &str| numbers.iter().find(|c| c.name().as_str() == name);
    // Money in kopecks or thousands, km in thousands, as each file's header says, is read
    // scaled.
    let units = scaled::Units::new(table, &header, &parts, &frame)?;
    let parse = |kind: Kind, name: &str, raw: &Column| {
        units.parse(name, raw, numbers(name), |raw, numbers| {
            parse::parse_column(table, kind, name, raw, numbers, ctx)
        })
    };
    let by_distinct = in_parallel(&to_parse, |(kind, name, raw)| parse(*kind, name, raw))?;
    // Slash dates whose column shows no order follow the file's other date columns, or the
    // files read before (`crate::ingest::cells::date_order`): such a column is read again.
    let headers: Vec<String> = to_parse
        .iter()
        .map(|(_, name, _)| header.source_name(name).to_string())
        .collect();
    let (leads, dates) = parse::date_leads(&by_distinct, &headers, file, || ctx.dates.lead());
    // A file some of whose slash dates are read month first: its cells read day first are
    // held too, for the warning of dates written both ways (most files pay nothing).
    let read_month_first = leads.iter().any(Option::is_some)
        || dates
            .shown
            .iter()
            .any(|c| c.order == cells::DateOrder::MonthFirst);
    let mut by_distinct = by_distinct.into_iter().zip(leads);
    // The renamed copies shared the raw text's buffers; held to the end they would keep
    // the text alive through the whole plan, whatever is let go below.
    drop(to_parse);
    let mut base = frame;
    // A typed source's scaled money (Parquet's numbers) is scaled before it is read.
    for (name, _) in dtypes.iter().filter(|(_, d)| d.is_primitive_numeric()) {
        units.scale_typed(&mut base, name)?;
    }
    // The warnings of the columns' cells, counted again on the accepted rows (below).
    let mut pending = recount::Pending::default();
    pending.dot_zero(ids::whole_ids(&mut base, table, &header)?);
    let mut parsed: Vec<&str> = Vec::new();
    for c in table.input_columns().iter().filter(|c| present(c.name)) {
        let raw_col = base.column(c.name)?.clone();
        let text = raw_col.dtype() == &DataType::String;
        if c.kind != Kind::Text && text {
            let (mut p, lead) = by_distinct.next().unwrap_or_default();
            if let Some(lead) = lead {
                let named = raw_col.clone().with_name(raw_name(c.name).into());
                p = parse::dates_led(c.kind, c.name, &named, &lead)?;
            }
            let raw = p.clean.take().unwrap_or(raw_col);
            let kind = match c.kind {
                Kind::Enum(kind) => Some(kind),
                _ => None,
            };
            let at = (c.name, header.source_name(c.name));
            // A column whose slash dates show day first keeps those that show it, so that
            // the warning of files of different orders quotes an accepted row's (below):
            // the raw text is let go before the rejected rows are known.
            let day_first = cells::DateOrder::DayFirst;
            if dates
                .shown
                .iter()
                .any(|d| d.order == day_first && d.column == at.1)
            {
                base.with_column(day_first_telling(c.name, &raw)?)?;
            }
            if read_month_first && matches!(c.kind, Kind::Date | Kind::DateTime) {
                if let Some(d) = cells::day_first_cells(&raw, p.month_first.is_none())? {
                    pending.day_first(&mut base, at, d, &raw)?;
                }
            }
            pending.hold(&mut base, at, kind, &mut p, &raw)?;
            base.with_column(raw.with_name(raw_name(c.name).into()))?;
            if let Some(v) = p.value {
                base.with_column(v)?;
                parsed.push(c.name);
            }
        } else {
            base.with_column(raw_col.with_name(raw_name(c.name).into()))?;
        }
    }
    let uncited = uncited::let_go(&mut base, table, &parsed, &ctx.currency)?;
    // Columns with an empty cell: elsewhere the required-value rule cannot hold and the
    // empty-cell default has nothing to fill, and both are left out of the plan (each is a
    // pass over every row, the default a rebuilt text column).
    let with_empty: Vec<&str> = table
        .input_columns()
        .iter()
        .filter(|c| {
            base.column(&raw_name(c.name))
                .map(|r| r.null_count() > 0)
                .unwrap_or(false)
        })
        .map(|c| c.name)
        .collect();
    // Text columns are taken as they are, but not a formula's error value (`#N/A`).
    let text_columns: Vec<(&str, String)> = table
        .input_columns()
        .iter()
        .filter(|c| c.kind == Kind::Text && dtype_of(c.name) == DataType::String)
        .filter(|c| present(c.name))
        .map(|c| (c.name, raw_name(c.name)))
        .collect();
    let erring = excel_errors::columns_with_errors(&base, &text_columns)?;
    let mut lf = base.lazy();

    let derived_amount = crate::ingest::header::derived_amount(table, &header);
    let price_columns = PriceColumns {
        qty: present("qty"),
        price: present("unit_price"),
        gross: present("gross_amount"),
        discount: present("discount"),
        discount_pct: present("discount_pct"),
    };
    // A CSV row with more fields than its header is rejected before any cell is asked.
    let mut rules: Vec<Rule> = present(EXTRA).then(extra_fields).into_iter().collect();
    let (mut prepare, mut value, mut bad, mut fill) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for c in table.input_columns() {
        let user = header.source_name(c.name).to_string();
        if !present(c.name) {
            fill.push(match (c.name, derived_amount) {
                ("amount", true) => price_columns.amount(),
                ("discount", true) => price_columns.discount_amount(),
                _ => absent_value(table, c.name, c.kind).alias(c.name),
            });
            continue;
        }
        // A percentage discount (or a gross) is only asked where it gives the amount:
        // beside an amount column it is not read, and a bad cell in it rejects no line.
        if matches!(c.name, "discount_pct" | "gross_amount") && !derived_amount {
            continue;
        }
        let raw_col = col(raw_name(c.name));
        let dtype = dtype_of(c.name);
        let plan = cells::plan(c.kind, &raw_name(c.name), c.name, &dtype, &ctx.currency);
        if c.required && with_empty.contains(&c.name) {
            rules.push(Rule {
                when: raw_col.clone().is_null(),
                column: user.clone(),
                value: lit(""),
                // The column as the file names it, not stoa's key: the reader knows
                // «Номер заказ-наряда», not `visit_id`.
                reason: lit(reasons::fill(
                    reasons::REQUIRED,
                    &[&format!("«{user}»"), table.name()],
                )),
            });
        }
        if erring.contains(&c.name) {
            rules.push(Rule {
                when: is_spreadsheet_error(raw_col.clone()).fill_null(lit(false)),
                column: user.clone(),
                value: raw_col.clone(),
                reason: lit(reasons::SPREADSHEET_ERROR),
            });
        }
        // A text column read as text holds no other bad cell: its value is the cell.
        let always_good = c.kind == Kind::Text && dtype == DataType::String;
        if !uncited.contains(&c.name) && !always_good {
            rules.push(Rule {
                when: col(cells::bad_name(c.name)),
                column: user.clone(),
                value: raw_col.clone().cast(DataType::String),
                reason: lit(reason_in(c.kind, &ctx.currency)),
            });
            bad.push(plan.bad);
        }
        if !parsed.contains(&c.name) {
            prepare.extend(plan.prepare);
            value.push(plan.value);
        }
        fill.push(match (c.name, c.kind) {
            ("qty", _) => col(c.name).fill_null(lit(1.0)),
            ("discount", _) if derived_amount => price_columns.discount_amount(),
            ("discount", _) => col(c.name).fill_null(lit(0i64)),
            // An empty category is taken from the price list below; keep it null for now.
            (_, Kind::Enum(EnumKind::Category)) => col(c.name),
            (_, Kind::Enum(_)) if !with_empty.contains(&c.name) => col(c.name),
            _ => plan.fill,
        });
    }
    lf = lf
        .with_columns(prepare)
        .with_columns(value)
        .with_columns(bad)
        .with_columns(fill);
    if let Some(money) = present(EXTRA).then(|| rules::unread_money(table)).flatten() {
        lf = lf.with_column(money);
    }

    // Row rules on parsed values.
    let user = |name: &str| header.source_name(name).to_string();
    let mut negative = |name: &str, what: &str| {
        if present(name) && !uncited.contains(&name) {
            rules.push(Rule {
                when: col(name).lt(lit(0)).fill_null(lit(false)),
                column: user(name),
                value: col(raw_name(name)).cast(DataType::String),
                reason: lit(reasons::fill(reasons::NEGATIVE, &[what])),
            });
        }
    };
    for c in table.input_columns() {
        if let Some(what) = negative_rule(table, c.name) {
            negative(c.name, what);
        }
    }
    if derived_amount {
        rules.push(price_columns.priceless_line(&user));
        rules.extend(price_columns.pct_range(user("discount_pct"), &raw_name("discount_pct")));
    }
    rules.extend(rules::table_rules(table, &user, &raw_name));
    // The first rule that holds, by index; reason, column and raw value are only worked
    // out for the rejected rows after the frame is collected (as text over every row they
    // cost most of the validation of a large table).
    lf = first_rule(lf, &rules)?;
    let dup_rule = rules.len() as u32;
    let unknown_rule = dup_rule + 1;
    let superseded_rule = unknown_rule + 1;
    let ambiguous_rule = superseded_rule + 1;

    // Duplicate keys among rows that are otherwise fine: the first row wins.
    if let Some(key) = table.key() {
        let ok = col(RULE).is_null();
        let dup = ok
            .clone()
            .and(col(key).is_first_distinct().over([ok])?.not());
        lf = lf.with_column(
            when(dup)
                .then(lit(dup_rule))
                .otherwise(col(RULE))
                .alias(RULE),
        );
    }

    // Order lines and feedback must belong to an accepted visit.
    let visit_rows =
        matches!(table, Table::OrderLines | Table::Feedback) && ctx.visit_ids.is_some();
    let (mut respelled_visits, mut visits_by_title, mut visits_unzeroed) = (None, None, None);
    if matches!(table, Table::OrderLines | Table::Feedback) {
        if let Some(ids) = &ctx.visit_ids {
            let found = visit_rows::find(
                lf.collect()?,
                ids,
                ctx.shared_numbers.as_ref(),
                present("station"),
                ambiguous_rule,
            )?;
            lf = found.rows.lazy();
            (respelled_visits, visits_by_title, visits_unzeroed) =
                (found.respelled, found.by_title, found.unzeroed);
            let unknown = col(RULE).is_null().and(col(VISIT_ROW).is_null());
            lf = lf.with_column(
                when(unknown)
                    .then(lit(unknown_rule))
                    .otherwise(col(RULE))
                    .alias(RULE),
            );
        }
    }

    // Order lines without a category take the price list's, else `other`.
    let category_fill = match table {
        Table::OrderLines => Some(rules::category_fill(
            ctx.price_categories.as_ref(),
            present("service_code"),
        )?),
        _ => None,
    };

    let mut df = lf.collect()?;
    // Numbers that visits of several stations have are told apart by the station.
    let shared_numbers = match table {
        Table::Visits if present("station") => chain::key_shared_numbers(&mut df, dup_rule)?,
        _ => None,
    };
    // Overlapping exports of a folder: a later file's finished row of a visit in progress
    // in an earlier one is read in its place.
    if table == Table::Visits && several_files {
        superseded::prefer_later_states(&mut df, dup_rule, superseded_rule)?;
    }
    // Visit numbers whose rows are different visits, for their warning (see `collided`).
    let collided = match table {
        Table::Visits => collided::collided_ids(&df, dup_rule)?,
        _ => None,
    };
    let mut respelled = None;
    if matches!(table, Table::OrderLines | Table::CompetitorPrices) && present("service_code") {
        if let Some(pc) = ctx.price_categories.as_ref().filter(|pc| pc.height() > 0) {
            let list = pc.column("service_code")?.as_materialized_series();
            respelled = codes::respell(&mut df, list, col(RULE).is_not_null())?;
        }
    }
    // Most exports name every line's category: the fill rebuilds a text column of millions
    // of cells, so it runs only where a category is missing.
    if let Some(fill) = category_fill {
        if df.column("category")?.null_count() > 0 {
            df = df.lazy().with_column(fill).collect()?;
        }
    }
    // The station of an order line or feedback row only tells its visit (above).
    let read_cols: Vec<&str> = table
        .input_columns()
        .iter()
        .map(|c| c.name)
        .filter(|name| table == Table::Visits || *name != "station")
        // The gross and the percentage discount are in the amount and the discount (above).
        .filter(|name| !matches!(*name, "discount_pct" | "gross_amount"))
        .collect();
    let is_rejected = df.column(RULE)?.is_not_null();
    let any_rejected = is_rejected.any();
    // A rejected row's cells were read as nothing: they feed no warning of cells.
    let mut said = pending.recount(&df, any_rejected.then_some(&is_rejected))?;
    // So do the rows of the warnings said before validation (`early`).
    let early = early::tallies(&df, any_rejected.then_some(&is_rejected))?;
    // The dates that decided, as the warnings quote them: of accepted rows where any is.
    let dates = parse::accepted_examples(dates, &said.month_first);
    let dates = match any_rejected {
        true => {
            let telling = |column: &str| {
                let c = table.input_columns().iter().find(|c| {
                    header.mapping.contains_key(c.name) && header.source_name(c.name) == column
                });
                c.and_then(|c| df.column(&telling_name(c.name)).ok().cloned())
            };
            parse::accepted_day_examples(dates, telling, &is_rejected)?
        }
        false => dates,
    };
    // A follower of a column of this file whose accepted rows show no order follows one
    // whose accepted rows do, where the file has one: either reads it month first.
    let deciding = dates
        .shown
        .iter()
        .find(|c| c.order == cells::DateOrder::MonthFirst && c.decides);
    for (_, m) in &mut said.month_first {
        let Some(lead) = m.led_by.as_mut().filter(|l| l.file == file) else {
            continue;
        };
        let own = dates.shown.iter().find(|c| c.column == lead.column);
        if let Some(c) = own.filter(|c| c.decides).or(deciding).or(own) {
            *lead = c.lead(file);
        }
    }
    let mixed_orders = parse::mixed_orders(&said.month_first, &said.day_first);
    let visit_rows = if visit_rows {
        let rows = df.column(VISIT_ROW)?.clone().with_name("visit_row".into());
        Some(if any_rejected {
            rows.filter(&!&is_rejected)?
        } else {
            rows
        })
    } else {
        None
    };
    let (accepted, accepted_money, rejected_rows) = if any_rejected {
        let kept = df
            .select(read_cols.iter().copied())?
            .filter(&!&is_rejected)?;
        (kept.clone(), kept, df.filter(&is_rejected)?)
    } else {
        let kept = df.select(read_cols.iter().copied())?;
        (kept.clone(), kept, df.clear())
    };

    // Reason, column and raw value of each rejected row, by its rule.
    let where_from = (file, sheet, several_files, several_sheets);
    let rejects = rejects::by_rules(
        (&rules, dup_rule, superseded_rule),
        (&df, &rejected_rows),
        table,
        &user,
        present("visit_id"),
        ctx.shared_numbers.as_ref(),
        where_from,
    )?;

    let money = |d: &DataFrame| rejects::money(table, d);
    Ok(Validated {
        money_read: money(&df)?,
        money_accepted: money(&accepted_money)?,
        money_rejected: money(&rejected_rows)?,
        accepted,
        visit_rows,
        rejects,
        respelled,
        respelled_visits,
        visits_by_title,
        visits_unzeroed,
        unread: said.unread,
        month_first: said.month_first,
        mixed_orders,
        dates,
        thousands: said.thousands,
        rounded: said.rounded,
        dot_zero: said.dot_zero,
        lost_sign: said.lost_sign,
        collided,
        shared_numbers,
        early,
    })
}

#[cfg(test)]
mod tests;
