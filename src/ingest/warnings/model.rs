//! Survivable problems of the data as a whole, found on the typed model: references
//! missing (or missing only their leading zeros), visits still open, closed before they
//! opened or dated by a mistyped year, and tables whose absence leaves a section empty.

use std::collections::HashMap;

use polars::prelude::*;

use super::{reasons, Warning};
use crate::model::Model;
use crate::schema::Table;

/// The rows of `missing` (whose `key` is not in `other`) that would find their row there
/// once leading zeros are set aside on both sides: the mark of a file that Excel opened and
/// saved again (it reads `000123` as the number 123). Said apart from the missing rows'
/// own warning, since it names the cause and its cure.
fn zeros_dropped(
    table: Table,
    missing: &DataFrame,
    key: &str,
    other: &LazyFrame,
    other_key: &str,
    referred: Table,
    named: &str,
) -> PolarsResult<Option<Warning>> {
    let unzeroed = |e: Expr| e.str().replace(lit(r"^0+(\d)"), lit("${1}"), false);
    let theirs = other
        .clone()
        .select([
            unzeroed(col(other_key)).alias("__bare"),
            col(other_key).alias("__theirs"),
        ])
        .filter(col("__bare").is_not_null())
        .group_by([col("__bare")])
        .agg([col("__theirs").min()]);
    let hits = missing
        .clone()
        .lazy()
        .select([col(key), unzeroed(col(key)).alias("__bare")])
        .join(
            theirs,
            [col("__bare")],
            [col("__bare")],
            JoinArgs::new(JoinType::Inner),
        )
        .sort([key], SortMultipleOptions::default())
        .collect()?;
    if hits.height() == 0 {
        return Ok(None);
    }
    let ours = hits
        .column(key)?
        .str()?
        .get(0)
        .unwrap_or_default()
        .to_string();
    let theirs = hits
        .column("__theirs")?
        .str()?
        .get(0)
        .unwrap_or_default()
        .to_string();
    let n = hits.height().to_string();
    Ok(Some(Warning {
        table: table.name().to_string(),
        rows: hits.height() as u64,
        message: reasons::fill(
            reasons::ZEROS_DROPPED,
            &[&n, table.name(), named, referred.name(), &ours, &theirs],
        ),
    }))
}

/// Survivable problems: referential ones, visits whose mistyped years end or open the
/// data, and visits still open. The rows stay in, the user is told.
pub(in crate::ingest) fn warnings(
    model: &Model,
    stray: Option<&crate::analytics::period::StrayTail>,
    head: Option<&crate::analytics::period::StrayHead>,
    digit_headers: &HashMap<(Table, &str), String>,
) -> PolarsResult<Vec<Warning>> {
    let mut out = Vec::new();
    out.extend(scientific(model, digit_headers)?);
    if let Some(tail) = stray {
        out.push(Warning {
            table: Table::Visits.name().to_string(),
            rows: tail.visits,
            message: tail.warning(),
        });
    }
    if let Some(head) = head {
        out.push(Warning {
            table: Table::Visits.name().to_string(),
            rows: head.visits,
            message: head.warning(),
        });
    }
    let mut orphans = |table: Table,
                       of: &LazyFrame,
                       key: &str,
                       other: &LazyFrame,
                       other_key: &str,
                       referred: Table,
                       template: &str|
     -> PolarsResult<()> {
        let missing = of
            .clone()
            .filter(col(key).is_not_null())
            .join(
                other.clone().select([col(other_key).alias(key)]),
                [col(key)],
                [col(key)],
                JoinArgs::new(JoinType::Anti),
            )
            .collect()?;
        if missing.height() > 0 {
            let ids = missing.column(key)?.str()?.unique()?.sort(false);
            let examples: Vec<&str> = ids.iter().flatten().take(3).collect();
            out.push(Warning {
                table: table.name().to_string(),
                rows: missing.height() as u64,
                message: reasons::fill(
                    template,
                    &[
                        &missing.height().to_string(),
                        table.name(),
                        &examples.join(", "),
                    ],
                ),
            });
            // The column as the file names it (`client_id` meant nothing to its reader).
            let header = digit_headers.get(&(table, key)).map_or(key, String::as_str);
            out.extend(zeros_dropped(
                table,
                &missing,
                key,
                other,
                other_key,
                referred,
                &format!("«{header}»"),
            )?);
        }
        Ok(())
    };
    orphans(
        Table::Visits,
        &model.visits,
        "client_id",
        &model.clients,
        "client_id",
        Table::Clients,
        reasons::NO_CLIENT,
    )?;
    if model.has(Table::Agents) {
        orphans(
            Table::Visits,
            &model.visits,
            "agent_id",
            &model.agents,
            "agent_id",
            Table::Agents,
            reasons::NO_AGENT,
        )?;
    }
    // Tables the report can go without, but whose sections are then empty: said, so that
    // an empty reminder list is not taken for a month without reminders.
    let note = |table: Table, template: &str| Warning {
        table: table.name().to_string(),
        rows: 0,
        message: template.to_string(),
    };
    if !model.has(Table::PriceList) {
        out.push(note(Table::PriceList, reasons::NO_PRICE_LIST));
    } else {
        let intervals = model
            .price_list
            .clone()
            .filter(crate::analytics::clients::service_due::is_reminder_service())
            .select([len()])
            .collect()?;
        if intervals
            .column("len")?
            .as_materialized_series()
            .sum::<u64>()?
            == 0
        {
            out.push(note(Table::PriceList, reasons::NO_INTERVALS));
        }
    }
    if !model.has(Table::CompetitorPrices) {
        out.push(note(Table::CompetitorPrices, reasons::NO_COMPETITORS));
    }

    let consent = model
        .clients
        .clone()
        .select([
            len().alias("clients"),
            col("consent")
                .fill_null(lit(false))
                .cast(DataType::UInt32)
                .sum()
                .alias("agreed"),
        ])
        .collect()?;
    let count = |c: &str| -> PolarsResult<u64> {
        Ok(consent
            .column(c)?
            .cast(&DataType::UInt64)?
            .u64()?
            .get(0)
            .unwrap_or(0))
    };
    let clients = count("clients")?;
    if clients > 0 && count("agreed")? == 0 {
        out.push(Warning {
            table: Table::Clients.name().to_string(),
            rows: clients,
            message: reasons::fill(reasons::NO_CONSENT, &[&clients.to_string()]),
        });
    }
    let open = model
        .visits
        .clone()
        .filter(col("status").eq(lit("open")))
        .select([len()])
        .collect()?;
    let open = open.column("len")?.as_materialized_series().sum::<u64>()?;
    if open > 0 {
        out.push(Warning {
            table: Table::Visits.name().to_string(),
            rows: open,
            message: reasons::fill(reasons::OPEN_VISITS, &[&open.to_string()]),
        });
    }
    // The turnaround leaves such visits out (a negative time would distort it): said, so
    // that a distribution over fewer visits than the month's is explained.
    // A closing of a date alone on the day of opening is not before it: 0:00 is not the
    // moment meant (the tester's six same-day jobs were told to "correct their dates").
    let date_only = crate::model::date_only(col("closed_at"));
    let backwards = model
        .visits
        .clone()
        .filter(
            col("closed_at").lt(col("opened_at")).and(
                date_only
                    .clone()
                    .and(
                        col("closed_at")
                            .dt()
                            .date()
                            .eq(col("opened_at").dt().date()),
                    )
                    .not(),
            ),
        )
        .select([
            len().cast(DataType::UInt64).alias("n"),
            col("visit_id").first().alias("example"),
        ])
        .collect()?;
    let n = backwards.column("n")?.u64()?.get(0).unwrap_or(0);
    if n > 0 {
        let example = backwards
            .column("example")?
            .str()?
            .get(0)
            .unwrap_or_default();
        out.push(Warning {
            table: Table::Visits.name().to_string(),
            rows: n,
            message: reasons::fill(
                reasons::CLOSED_BEFORE_OPENED,
                &[&n.to_string(), &format!("«{example}»")],
            ),
        });
    }
    let dated = model
        .visits
        .clone()
        .filter(col("closed_at").is_not_null().and(date_only))
        .select([
            len().cast(DataType::UInt64).alias("n"),
            col("visit_id").first().alias("example"),
        ])
        .collect()?;
    let n = dated.column("n")?.u64()?.get(0).unwrap_or(0);
    if n > 0 {
        let example = dated.column("example")?.str()?.get(0).unwrap_or_default();
        out.push(Warning {
            table: Table::Visits.name().to_string(),
            rows: n,
            message: reasons::fill(
                reasons::CLOSED_WITHOUT_TIME,
                &[&n.to_string(), &format!("«{example}»")],
            ),
        });
    }
    // Openings of a date alone among openings with a time (visits typed in by hand): when
    // no visit has a time, ingest's NO_TIME_OF_DAY has said so for the whole table.
    let opened = model
        .visits
        .clone()
        .select([
            crate::model::date_only(col("opened_at"))
                .cast(DataType::UInt64)
                .sum()
                .alias("n"),
            len().cast(DataType::UInt64).alias("all"),
            col("visit_id")
                .filter(crate::model::date_only(col("opened_at")))
                .first()
                .alias("example"),
        ])
        .collect()?;
    let n = opened.column("n")?.u64()?.get(0).unwrap_or(0);
    let all = opened.column("all")?.u64()?.get(0).unwrap_or(0);
    if n > 0 && n < all {
        let example = opened.column("example")?.str()?.get(0).unwrap_or_default();
        out.push(Warning {
            table: Table::Visits.name().to_string(),
            rows: n,
            message: reasons::fill(
                reasons::OPENED_WITHOUT_TIME,
                &[&n.to_string(), &format!("«{example}»")],
            ),
        });
    }
    out.extend(unborn(model)?);
    Ok(out)
}

/// Clients born after the data's last visit (2094 for 1994): a typo, never a client, whom
/// the greetings leave out. Said, as a visit's year typed into the future is, so that the
/// date is corrected rather than the client silently left ungreeted.
fn unborn(model: &Model) -> PolarsResult<Option<Warning>> {
    let last = model
        .visits
        .clone()
        .select([col("date").max().alias("last")]);
    let found = model
        .clients
        .clone()
        .select([col("client_id"), col("birthday")])
        .cross_join(last, None)
        .filter(col("birthday").gt(col("last")))
        .sort(["client_id"], SortMultipleOptions::default())
        .select([
            len().cast(DataType::UInt64).alias("n"),
            col("client_id").first().alias("client"),
            col("birthday")
                .first()
                .cast(DataType::String)
                .alias("birthday"),
            col("last").first().cast(DataType::String).alias("last"),
        ])
        .collect()?;
    let n = found.column("n")?.u64()?.get(0).unwrap_or(0);
    if n == 0 {
        return Ok(None);
    }
    let text = |name: &str| -> PolarsResult<String> {
        Ok(found
            .column(name)?
            .str()?
            .get(0)
            .unwrap_or_default()
            .to_string())
    };
    Ok(Some(Warning {
        table: Table::Clients.name().to_string(),
        rows: n,
        message: reasons::fill(
            reasons::UNBORN,
            &[
                &n.to_string(),
                &format!("«{}»", text("client")?),
                &text("birthday")?,
                &text("last")?,
            ],
        ),
    }))
}

/// The text columns whose every digit counts and which Excel may have taken for long
/// numbers: client codes (some systems key clients by phone), phones, agents' and
/// services' codes. Not visit numbers, which a lines' visit number saved so would match
/// anyway, and whose millions of cells on a chain cost a third of a second to look at.
pub(in crate::ingest) const DIGITS_COUNT: [(Table, &str); 7] = [
    (Table::Visits, "client_id"),
    (Table::Clients, "client_id"),
    (Table::Clients, "phone"),
    (Table::PriceList, "service_code"),
    (Table::Feedback, "visit_id"),
    (Table::Agents, "agent_id"),
    (Table::Visits, "agent_id"),
];

/// Ids, codes and phones in Excel's scientific notation (`7,91612E+10`): Excel shows a
/// long number so in a narrow General cell, and a CSV saved from it keeps only the digits
/// shown. The number is lost and two clients may now share one; the rows are kept (no
/// reading can bring the digits back), and the cure is said. The column is named by its
/// header in the file (`headers`, else its own name): `phone` meant nothing to a reader of
/// `Телефон`.
fn scientific(
    model: &Model,
    headers: &HashMap<(Table, &str), String>,
) -> PolarsResult<Vec<Warning>> {
    let mut out = Vec::new();
    for (table, column) in DIGITS_COUNT {
        if !model.has(table) {
            continue;
        }
        let frame = model.table(table);
        // `E+` found by a literal search first: a regex over every id of a chain costs
        // seconds, and almost no id holds it.
        let candidates = frame
            .clone()
            .select([col(column)])
            .filter(col(column).str().contains_literal(lit("E+")))
            .collect()?;
        if candidates.height() == 0 {
            continue;
        }
        let hits = candidates
            .lazy()
            .filter(
                col(column)
                    .str()
                    .contains(lit(r"^\s*\d(?:[.,]\d+)?E\+\d+\s*$"), true),
            )
            .select([
                len().cast(DataType::UInt64).alias("n"),
                col(column).first().alias("example"),
            ])
            .collect()?;
        let n = hits.column("n")?.u64()?.get(0).unwrap_or(0);
        if n == 0 {
            continue;
        }
        let example = hits.column("example")?.str()?.get(0).unwrap_or_default();
        out.push(Warning {
            table: table.name().to_string(),
            rows: n,
            message: reasons::fill(
                reasons::SCIENTIFIC,
                &[
                    &n.to_string(),
                    table.name(),
                    &format!(
                        "«{}»",
                        headers.get(&(table, column)).map_or(column, String::as_str)
                    ),
                    &format!("«{example}»"),
                ],
            ),
        });
    }
    Ok(out)
}
