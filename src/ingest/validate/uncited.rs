//! The parsed columns that no row can be rejected by, found before the plan runs so that
//! their text can be let go: kept apart from `validate`, whose plan it only shortens.

use polars::prelude::*;

use super::{negative_rule, raw_name, rules};
use crate::ingest::cells::{self, Currency};
use crate::schema::{Kind, Table};

/// A parsed column's text is only ever shown as the raw value of a row it rejects: a bad
/// cell, or a negative value where the table forbids one. Where neither occurs the text
/// is let go before the plan runs (on a chain's order lines, about 1 GB of cells that
/// the peak memory held through the whole validation), and the column's bad-cell and
/// negative rules, which hold nowhere, are left out. Every parsed column is asked in one
/// plan, the columns side by side on the cores.
///
/// Returns the columns so let go; `base` keeps of each only whether its cells were empty.
pub(super) fn let_go(
    base: &mut DataFrame,
    table: Table,
    parsed: &[&'static str],
    currency: &Currency,
) -> PolarsResult<Vec<&'static str>> {
    let cites: Vec<Expr> = parsed
        .iter()
        .map(|name| {
            let kind = table
                .input_columns()
                .iter()
                .find(|c| c.name == *name)
                .map(|c| c.kind)
                .unwrap_or(Kind::Text);
            let plan = cells::plan(kind, &raw_name(name), name, &DataType::String, currency);
            let mut cites = plan.bad;
            if negative_rule(table, name).is_some() {
                cites = cites.or(col(*name).lt(lit(0)).fill_null(lit(false)));
            }
            if let Some(out) = rules::out_of_range(table, name) {
                cites = cites.or(out);
            }
            cites.any(true).alias(*name)
        })
        .collect();
    let cited = match cites.is_empty() {
        true => DataFrame::empty(),
        false => base.clone().lazy().select(cites).collect()?,
    };
    let mut uncited: Vec<&'static str> = Vec::new();
    for &name in parsed {
        if cited.column(name)?.bool()?.get(0).unwrap_or(true) {
            continue;
        }
        uncited.push(name);
        // Only whether each cell was empty is still needed (the required-value rule): a
        // Boolean with the text's nulls keeps that in a bit, and a column without an empty
        // cell becomes one constant.
        let raw = raw_name(name);
        let filled = if base.column(&raw)?.null_count() == 0 {
            Column::new_scalar(
                raw.as_str().into(),
                Scalar::new(DataType::Boolean, AnyValue::Boolean(true)),
                base.height(),
            )
        } else {
            base.select([raw.clone()])?
                .lazy()
                .select([when(col(&raw).is_not_null())
                    .then(lit(true))
                    .otherwise(lit(NULL).cast(DataType::Boolean))
                    .alias(&raw)])
                .collect()?
                .column(&raw)?
                .clone()
        };
        base.with_column(filled)?;
    }
    Ok(uncited)
}
