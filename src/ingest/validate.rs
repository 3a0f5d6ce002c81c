//! Validation and accounting (SPEC §2, §4.1): every raw row ends accepted or rejected with
//! one reason. Cell errors come first (in column order), then row rules (negative
//! quantity, …), then duplicate keys (first row wins), then unknown visits. All of it is
//! one lazy polars plan per table.

use polars::prelude::*;

use crate::ingest::cells::{self, reason};
use crate::ingest::read::{RawTable, ROW};
use crate::schema::{EnumKind, Kind, Table};

/// The outcome of validating one table.
pub struct Validated {
    /// Accepted rows with canonical typed columns (every column of the table's schema).
    pub accepted: DataFrame,
    /// Rejected rows: `table,file,sheet,row,column,value,reason`.
    pub rejects: DataFrame,
    /// Money (kopecks) of the table's money column over all rows read, where it parsed.
    pub money_read: Option<i64>,
    /// The same over accepted rows.
    pub money_accepted: Option<i64>,
    /// The same over rejected rows.
    pub money_rejected: Option<i64>,
}

/// What validation needs to know from tables read before this one.
#[derive(Default)]
pub struct Context {
    /// Accepted visit ids (for order lines and feedback).
    pub visit_ids: Option<DataFrame>,
    /// `service_code, category` of the accepted price list (for order lines without a category).
    pub price_categories: Option<DataFrame>,
}

/// A rule that rejects a row: condition, column (as the user named it), raw value, reason.
struct Rule {
    when: Expr,
    column: String,
    value: Expr,
    reason: Expr,
}

const REASON: &str = "__reason";
const COLUMN: &str = "__column";
const VALUE: &str = "__value";

/// Validate a raw table.
pub fn validate(
    table: Table,
    raw: &RawTable,
    file: &str,
    sheet: Option<&str>,
    ctx: &Context,
) -> PolarsResult<Validated> {
    let frame = &raw.frame;
    let present = |name: &str| frame.column(name).is_ok();
    let raw_name = |name: &str| format!("__raw_{name}");

    let mut lf = frame.clone().lazy();
    // Keep every raw column under a private name for the reject's `value`.
    lf = lf.with_columns(
        table
            .columns()
            .iter()
            .filter(|c| present(c.name))
            .map(|c| col(c.name).alias(raw_name(c.name)))
            .collect::<Vec<_>>(),
    );

    let mut rules: Vec<Rule> = Vec::new();
    let (mut prepare, mut value, mut bad, mut fill) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for c in table.columns() {
        let user = raw.header.source_name(c.name).to_string();
        if !present(c.name) {
            fill.push(absent_value(table, c.name, c.kind).alias(c.name));
            continue;
        }
        let raw_col = col(raw_name(c.name));
        let dtype = frame.column(c.name)?.dtype().clone();
        let plan = cells::plan(c.kind, &raw_name(c.name), c.name, &dtype);
        if c.required {
            rules.push(Rule {
                when: raw_col.clone().is_null(),
                column: user.clone(),
                value: lit(""),
                reason: lit(format!(
                    "required value is empty ({} is required in {table})",
                    c.name
                )),
            });
        }
        rules.push(Rule {
            when: col(cells::bad_name(c.name)),
            column: user.clone(),
            value: raw_col.clone().cast(DataType::String),
            reason: lit(reason(c.kind)),
        });
        prepare.extend(plan.prepare);
        value.push(plan.value);
        bad.push(plan.bad);
        fill.push(match (c.name, c.kind) {
            ("qty", _) => col(c.name).fill_null(lit(1.0)),
            ("discount", _) => col(c.name).fill_null(lit(0i64)),
            // An empty category is taken from the price list below; keep it null for now.
            (_, Kind::Enum(EnumKind::Category)) => col(c.name),
            _ => plan.fill,
        });
    }
    lf = lf
        .with_columns(prepare)
        .with_columns(value)
        .with_columns(bad)
        .with_columns(fill);

    // Row rules on parsed values.
    let user = |name: &str| raw.header.source_name(name).to_string();
    let mut negative = |name: &str, what: &str| {
        if present(name) {
            rules.push(Rule {
                when: col(name).lt(lit(0)).fill_null(lit(false)),
                column: user(name),
                value: col(raw_name(name)).cast(DataType::String),
                reason: lit(format!("negative {what}")),
            });
        }
    };
    match table {
        Table::OrderLines => {
            negative("qty", "quantity");
            negative("norm_hours", "norm hours");
            negative("cost", "cost");
        }
        Table::Visits => negative("odometer_km", "odometer reading"),
        Table::PriceList => {
            negative("price", "price");
            negative("interval_months", "interval");
            negative("interval_km", "interval");
        }
        Table::CompetitorPrices => negative("price", "price"),
        Table::Agents => negative("commission_pct", "commission"),
        _ => {}
    }
    if table == Table::CompetitorPrices {
        rules.push(Rule {
            when: col("service_code").is_null().and(col("description").is_null()),
            column: String::new(),
            value: lit(""),
            reason: lit("the row has neither a service code nor a description, so it cannot be matched to a service"),
        });
    }
    lf = lf.with_columns(apply_rules(&rules));

    // Duplicate keys among rows that are otherwise fine: the first row wins.
    if let Some(key) = table.key() {
        let ok = col(REASON).is_null();
        let first_row = col(ROW).first().over([col(key), ok.clone()])?;
        let dup = ok
            .clone()
            .and(col(key).is_first_distinct().over([ok])?.not());
        lf = lf.with_columns([
            when(dup.clone())
                .then(lit(user(key)))
                .otherwise(col(COLUMN))
                .alias(COLUMN),
            when(dup.clone())
                .then(col(raw_name(key)).cast(DataType::String))
                .otherwise(col(VALUE))
                .alias(VALUE),
            when(dup)
                .then(concat_str(
                    [
                        lit(format!(
                            "duplicate {key}: the same value is already on row "
                        )),
                        first_row.cast(DataType::String),
                    ],
                    "",
                    true,
                ))
                .otherwise(col(REASON))
                .alias(REASON),
        ]);
    }

    // Order lines and feedback must belong to an accepted visit.
    if matches!(table, Table::OrderLines | Table::Feedback) {
        if let Some(ids) = &ctx.visit_ids {
            let known = col("visit_id").is_in(
                lit(ids.column("visit_id")?.as_materialized_series().clone()).implode(true),
                false,
            );
            let what = if table == Table::OrderLines {
                "order line"
            } else {
                "feedback"
            };
            let unknown = col(REASON).is_null().and(known.not());
            lf = lf.with_columns([
                when(unknown.clone())
                    .then(lit(user("visit_id")))
                    .otherwise(col(COLUMN))
                    .alias(COLUMN),
                when(unknown.clone())
                    .then(col(raw_name("visit_id")))
                    .otherwise(col(VALUE))
                    .alias(VALUE),
                when(unknown)
                    .then(lit(format!(
                        "{what} of an unknown visit: no accepted visit has this visit_id"
                    )))
                    .otherwise(col(REASON))
                    .alias(REASON),
            ]);
        }
    }

    // Order lines without a category take the price list's, else `other`.
    if table == Table::OrderLines {
        let from_list = match &ctx.price_categories {
            Some(pc) if present("service_code") => {
                let pc = pc.clone().lazy().select([
                    col("service_code"),
                    col("category").alias("__list_category"),
                ]);
                lf = lf.join(
                    pc,
                    [col("service_code")],
                    [col("service_code")],
                    JoinArgs {
                        maintain_order: MaintainOrderJoin::Left,
                        ..JoinArgs::new(JoinType::Left)
                    },
                );
                col("__list_category")
            }
            _ => lit(NULL).cast(DataType::String),
        };
        lf =
            lf.with_column(coalesce(&[col("category"), from_list, lit("other")]).alias("category"));
    }

    let df = lf.collect()?;
    let is_rejected = df.column(REASON)?.is_not_null();
    let accepted_rows = df.filter(&!&is_rejected)?;
    let rejected_rows = df.filter(&is_rejected)?;

    let model_cols: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
    let accepted = accepted_rows.select(model_cols)?;
    let rejects = rejected_rows
        .clone()
        .lazy()
        .select([
            lit(table.name()).alias("table"),
            lit(file).alias("file"),
            lit(sheet.unwrap_or("")).alias("sheet"),
            col(ROW).alias("row"),
            col(COLUMN).alias("column"),
            col(VALUE).fill_null(lit("")).alias("value"),
            col(REASON).alias("reason"),
        ])
        .collect()?;

    let money = |d: &DataFrame| -> PolarsResult<Option<i64>> {
        match table.money_column() {
            Some(m) if d.column(m).is_ok() => {
                Ok(Some(d.column(m)?.as_materialized_series().sum::<i64>()?))
            }
            Some(_) => Ok(Some(0)),
            None => Ok(None),
        }
    };
    Ok(Validated {
        money_read: money(&df)?,
        money_accepted: money(&accepted_rows)?,
        money_rejected: money(&rejected_rows)?,
        accepted,
        rejects,
    })
}

/// The first rule that holds decides the reason, column and raw value of a rejected row.
fn apply_rules(rules: &[Rule]) -> Vec<Expr> {
    let pick = |f: &dyn Fn(&Rule) -> Expr, name: &str| {
        let mut e = lit(NULL).cast(DataType::String);
        for r in rules.iter().rev() {
            e = when(r.when.clone()).then(f(r)).otherwise(e);
        }
        e.alias(name)
    };
    vec![
        pick(&|r| r.reason.clone(), REASON),
        pick(&|r| lit(r.column.clone()), COLUMN),
        pick(&|r| r.value.clone(), VALUE),
    ]
}

/// The value of a column the source does not have: its empty-cell default (SPEC §4.1).
fn absent_value(table: Table, name: &str, kind: Kind) -> Expr {
    match (table, name, kind) {
        (_, "qty", _) => lit(1.0),
        (_, "discount", _) => lit(0i64),
        (_, _, Kind::Bool) => lit(false),
        (_, _, Kind::Enum(EnumKind::Category)) => lit(NULL).cast(DataType::String),
        (_, _, Kind::Enum(e)) => match crate::ingest::normalize::empty_default(e) {
            Some(d) => lit(d),
            None => lit(NULL).cast(DataType::String),
        },
        (_, _, k) => lit(NULL).cast(k.dtype()),
    }
}
