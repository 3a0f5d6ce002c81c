//! Order lines grouped by visit, as a 1C report lays them out: a row naming the visit with
//! its subtotal, then the visit's lines with the visit's cell left empty. Read as rows,
//! every subtotal was rejected for want of a description and every line for want of a
//! visit. When the table is exactly that layout — every line without a visit comes after
//! a row with a visit and no description, and each such row's amount is the sum of the
//! lines under it, to the kopeck — the lines take the visit of their group row and the
//! group rows are set aside as subtotals, as the total row is.

use polars::prelude::*;

use crate::ingest::read::RawTable;

/// Group rows set aside as subtotals, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouped {
    /// Group rows set aside.
    pub groups: u64,
    /// Lines that took their group's visit.
    pub lines: u64,
    /// The first group row's visit cell.
    pub example: String,
}

const GROUP: &str = "__group";
const IS_GROUP: &str = "__is_group";

/// Read `raw` (order lines) as visit groups when it is laid out so (see the module);
/// None, and `raw` unchanged, otherwise. The amounts must be a workbook's number cells.
pub fn ungroup(raw: &mut RawTable) -> PolarsResult<Option<Grouped>> {
    let frame = &raw.frame;
    let (Ok(visit), Ok(description)) = (frame.column("visit_id"), frame.column("description"))
    else {
        return Ok(None);
    };
    let Some(amount) = raw.numbers.iter().find(|c| c.name().as_str() == "amount") else {
        return Ok(None);
    };
    // Cheap first: a table whose every line names its visit is no grouped report.
    if visit.null_count() == 0 || visit.null_count() == visit.len() {
        return Ok(None);
    }
    let probe = DataFrame::new(
        frame.height(),
        vec![
            visit.clone(),
            description.clone(),
            amount.clone().with_name("__amount".into()),
        ],
    )?
    .lazy()
    .with_columns([col("visit_id")
        .is_not_null()
        .and(col("description").is_null())
        .alias(IS_GROUP)])
    .with_column(
        col(IS_GROUP)
            .cast(DataType::UInt32)
            .cum_sum(false)
            .alias(GROUP),
    )
    .collect()?;
    let detail = col("visit_id").is_null();
    let checks = probe
        .clone()
        .lazy()
        .select([
            // Every line without a visit is under a group row.
            detail
                .clone()
                .and(col(GROUP).eq(lit(0u32)))
                .any(true)
                .alias("orphans"),
            col(IS_GROUP).sum().alias("groups"),
            detail.clone().sum().alias("lines"),
        ])
        .collect()?;
    let flag = |name: &str| -> PolarsResult<bool> {
        Ok(checks.column(name)?.bool()?.get(0).unwrap_or(true))
    };
    let count = |name: &str| -> PolarsResult<u64> {
        Ok(checks
            .column(name)?
            .cast(&DataType::UInt64)?
            .u64()?
            .get(0)
            .unwrap_or(0))
    };
    let (groups, lines) = (count("groups")?, count("lines")?);
    if flag("orphans")? || groups == 0 || lines == 0 {
        return Ok(None);
    }
    // Each group row's amount is the sum of its lines (in kopecks), and it has lines.
    let kopecks = (col("__amount") * lit(100.0)).round(0, RoundMode::HalfToEven);
    let sums = probe
        .clone()
        .lazy()
        .filter(col(GROUP).gt(lit(0u32)))
        .group_by([col(GROUP)])
        .agg([
            kopecks
                .clone()
                .filter(col(IS_GROUP))
                .sum()
                .alias("subtotal"),
            kopecks
                .clone()
                .filter(col(IS_GROUP).not())
                .sum()
                .alias("lines"),
            col(IS_GROUP).not().sum().alias("n"),
        ])
        .select([col("subtotal")
            .eq(col("lines"))
            .and(col("n").gt(lit(0)))
            .all(true)
            .alias("ok")])
        .collect()?;
    if !sums.column("ok")?.bool()?.get(0).unwrap_or(false) {
        return Ok(None);
    }
    let example = probe
        .column("visit_id")?
        .str()?
        .iter()
        .flatten()
        .next()
        .unwrap_or_default()
        .to_string();
    let keep = !probe.column(IS_GROUP)?.bool()?;
    let filled = probe
        .column("visit_id")?
        .as_materialized_series()
        .fill_null(FillNullStrategy::Forward(None))?;
    let mut frame = std::mem::take(&mut raw.frame);
    frame.with_column(filled.into_column())?;
    raw.frame = frame.filter(&keep)?;
    raw.numbers = raw
        .numbers
        .iter()
        .map(|c| c.filter(&keep))
        .collect::<PolarsResult<_>>()?;
    Ok(Some(Grouped {
        groups,
        lines,
        example,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::Header;
    use crate::ingest::read::ROW;

    fn raw(visits: &[Option<&str>], what: &[Option<&str>], amounts: &[f64]) -> RawTable {
        let n = visits.len() as u32;
        RawTable {
            frame: df!(
                "visit_id" => visits,
                "description" => what,
                "amount" => amounts.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
                ROW => (2..n + 2).collect::<Vec<u32>>(),
            )
            .unwrap(),
            header: Header {
                index: 0,
                cells: Vec::new(),
                mapping: Default::default(),
                passed_over: Default::default(),
                loose: Vec::new(),
            },
            numbers: vec![Column::new("amount".into(), amounts)],
            parts: Vec::new(),
            merged: Vec::new(),
            disguised: Vec::new(),
            hidden: Vec::new(),
        }
    }

    #[test]
    fn lines_under_a_visit_with_its_subtotal_take_that_visit() {
        let mut t = raw(
            &[Some("ЗН-1"), None, None, Some("ЗН-2"), None],
            &[None, Some("ТО"), Some("Масло"), None, Some("Мойка")],
            &[3000.10, 1000.05, 2000.05, 500.0, 500.0],
        );
        let got = ungroup(&mut t).unwrap().unwrap();
        assert_eq!(
            got,
            Grouped {
                groups: 2,
                lines: 3,
                example: "ЗН-1".into()
            }
        );
        let visits = crate::ingest::texts_of(&t.frame, "visit_id");
        assert_eq!(visits, [Some("ЗН-1"), Some("ЗН-1"), Some("ЗН-2")]);
        let rows: Vec<_> = t.frame.column(ROW).unwrap().u32().unwrap().iter().collect();
        assert_eq!(rows, [Some(3), Some(4), Some(6)]);
        let amounts: Vec<_> = t.numbers[0].f64().unwrap().iter().collect();
        assert_eq!(amounts, [Some(1000.05), Some(2000.05), Some(500.0)]);
    }

    #[test]
    fn a_table_that_is_not_exactly_so_is_left_as_it_is() {
        // A subtotal that is not its lines' sum.
        let mut t = raw(
            &[Some("ЗН-1"), None, None],
            &[None, Some("ТО"), Some("Масло")],
            &[3000.0, 1000.0, 1999.0],
        );
        let before = t.frame.clone();
        assert_eq!(ungroup(&mut t).unwrap(), None);
        assert!(t.frame.equals_missing(&before));
        // A line without a visit before any group row.
        let mut t = raw(
            &[None, Some("ЗН-1"), None],
            &[Some("ТО"), None, Some("Масло")],
            &[1000.0, 1000.0, 1000.0],
        );
        assert_eq!(ungroup(&mut t).unwrap(), None);
        // Ordinary lines with one missing visit.
        let mut t = raw(
            &[Some("ЗН-1"), None],
            &[Some("ТО"), Some("Масло")],
            &[1000.0, 1000.0],
        );
        assert_eq!(ungroup(&mut t).unwrap(), None);
    }
}
