//! Order lines grouped by visit, as a 1C report lays them out: a row naming the visit
//! (with its subtotal, or with nothing else), then the visit's lines with the visit's cell
//! left empty. Read as rows, every group row was rejected for want of a description and
//! every line for want of a visit. When the table is that layout — every line without a
//! visit comes after a row with a visit and no description, every group row has lines
//! (or gives a subtotal of 0: an order of no work),
//! and at least half the group rows that give an amount give the sum of their lines, to
//! the kopeck — the lines take the visit of their group row and the group rows are set
//! aside as subtotals, as the total row is; the groups whose subtotal differs from their
//! lines (a discount on the whole order, a line filtered out of the export) are named in
//! a warning. Until session 24 one such group, 1 ₽ off, made the table "not grouped" and
//! every row was rejected. A table laid out otherwise is left as it is: its rows without
//! a visit or description are rejected, as they were. When it is laid out so but fewer
//! than half the subtotals match (a discount on every order), the rule still refuses it,
//! and [`Refused`] says so in a warning: before session 25 every row was rejected without a
//! word of the layout seen.

use polars::prelude::*;

use crate::ingest::cells::{parse_numbers, Currency};
use crate::ingest::read::{cleaned, RawTable};
use crate::schema::Kind;

/// Group rows set aside as subtotals, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouped {
    /// Group rows set aside.
    pub groups: u64,
    /// Lines that took their group's visit.
    pub lines: u64,
    /// The first group row's visit cell.
    pub example: String,
    /// Group rows whose subtotal is not the sum of their lines: how many, and the first
    /// one's visit cell, subtotal and lines' sum (kopecks).
    pub differ: Option<(u64, String, i64, i64)>,
}

/// A table laid out as visit groups that was not read so, since fewer than half of its
/// subtotals are the sum of their lines: for the warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// Group rows.
    pub groups: u64,
    /// Lines under them.
    pub lines: u64,
    /// Group rows that give a subtotal.
    pub given: u64,
    /// Of those, the ones that are the sum of their lines.
    pub matched: u64,
    /// The first group whose subtotal differs: its visit cell, subtotal and lines' sum
    /// (kopecks).
    pub example: (String, i64, i64),
}

/// How a table of order lines was read as visit groups.
#[derive(Debug, Clone, PartialEq)]
pub enum Groups {
    /// Not laid out as groups: left as it is.
    None,
    /// Read as groups.
    Read(Grouped),
    /// Laid out as groups, but refused by the rule of subtotals: left as it is.
    Refused(Refused),
}

const GROUP: &str = "__group";
const IS_GROUP: &str = "__is_group";
const KOPECKS: &str = "__kopecks";

/// Read `raw` (order lines) as visit groups when it is laid out so (see the module);
/// `raw` is unchanged otherwise. The amounts are read in the station's `currency`, as
/// validation reads them: a subtotal's `$1,234.50` is a sum at a dollar station.
pub fn ungroup(raw: &mut RawTable, currency: &Currency) -> PolarsResult<Groups> {
    let frame = &raw.frame;
    let (Ok(visit), Ok(description)) = (frame.column("visit_id"), frame.column("description"))
    else {
        return Ok(Groups::None);
    };
    // Cheap first: a table whose every line names its visit is no grouped report.
    if visit.null_count() == 0 || visit.null_count() == visit.len() {
        return Ok(Groups::None);
    }
    // The amounts in kopecks: a workbook's number cells, else the text as validation
    // reads it (a web page's or a CSV's `1 234,50`).
    let kopecks = match raw.numbers.iter().find(|c| c.name().as_str() == "amount") {
        Some(units) => DataFrame::new(units.len(), vec![units.clone()])?
            .lazy()
            .select([(col("amount") * lit(100.0))
                .round(0, RoundMode::HalfToEven)
                .cast(DataType::Int64)
                .alias(KOPECKS)])
            .collect()?
            .column(KOPECKS)?
            .clone(),
        None => match frame.column("amount") {
            Ok(text) if text.dtype() == &DataType::String => {
                let text = cleaned(text)?.unwrap_or_else(|| text.clone());
                parse_numbers(Kind::Money, &text, KOPECKS, currency)?
            }
            _ => return Ok(Groups::None),
        },
    };
    let probe = DataFrame::new(
        frame.height(),
        vec![visit.clone(), description.clone(), kopecks],
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
        return Ok(Groups::None);
    }
    // Each group row has lines, and at least half of those that give an amount give
    // their lines' sum: the mark of a report's subtotals, not of amounts that happen to
    // stand in rows without a description.
    let per_group = probe
        .clone()
        .lazy()
        .filter(col(GROUP).gt(lit(0u32)))
        .group_by_stable([col(GROUP)])
        .agg([
            col("visit_id").first().alias("visit"),
            col(KOPECKS).filter(col(IS_GROUP)).first().alias("subtotal"),
            col(KOPECKS)
                .filter(col(IS_GROUP).not())
                .sum()
                .alias("lines"),
            col(IS_GROUP).not().sum().alias("n"),
        ])
        .with_column(
            col("subtotal")
                .is_not_null()
                .and(col("subtotal").neq(col("lines")))
                .alias("differs"),
        );
    let verdict = per_group
        .clone()
        .select([
            // An order of no work (a group row of subtotal 0 and no lines) is a group too;
            // it made the whole report "not grouped" and every row rejected.
            col("n")
                .gt(lit(0))
                .or(col("subtotal").eq(lit(0i64)).fill_null(lit(false)))
                .all(true)
                .alias("all_have_lines"),
            col("subtotal").is_not_null().sum().alias("given"),
            col("differs").sum().alias("differ"),
        ])
        .collect()?;
    let number = |name: &str| -> PolarsResult<u64> {
        Ok(verdict
            .column(name)?
            .cast(&DataType::UInt64)?
            .u64()?
            .get(0)
            .unwrap_or(0))
    };
    let all_have_lines = verdict
        .column("all_have_lines")?
        .bool()?
        .get(0)
        .unwrap_or(false);
    let (given, differ) = (number("given")?, number("differ")?);
    if !all_have_lines {
        return Ok(Groups::None);
    }
    // The first group whose subtotal is not its lines' sum: its visit, subtotal, sum.
    let first_differing = || -> PolarsResult<(String, i64, i64)> {
        let first = per_group
            .clone()
            .filter(col("differs"))
            .limit(1)
            .collect()?;
        let text = |c: &str| -> PolarsResult<String> {
            Ok(first
                .column(c)?
                .str()?
                .get(0)
                .unwrap_or_default()
                .to_string())
        };
        let kop = |c: &str| -> PolarsResult<i64> {
            Ok(first
                .column(c)?
                .cast(&DataType::Int64)?
                .i64()?
                .get(0)
                .unwrap_or(0))
        };
        Ok((text("visit")?, kop("subtotal")?, kop("lines")?))
    };
    if differ * 2 > given {
        return Ok(Groups::Refused(Refused {
            groups,
            lines,
            given,
            matched: given - differ,
            example: first_differing()?,
        }));
    }
    let differ = match differ {
        0 => None,
        n => {
            let (visit, subtotal, lines) = first_differing()?;
            Some((n, visit, subtotal, lines))
        }
    };
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
    raw.frame.with_column(filled.into_column())?;
    raw.keep_rows(&keep)?;
    Ok(Groups::Read(Grouped {
        groups,
        lines,
        example,
        differ,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::Header;
    use crate::ingest::read::ROW;

    /// The groups read, None when the table was not read as groups.
    fn grouped(t: &mut RawTable) -> Option<Grouped> {
        match ungroup(t, &Currency::Rub).unwrap() {
            Groups::Read(g) => Some(g),
            _ => None,
        }
    }

    fn raw(visits: &[Option<&str>], what: &[Option<&str>], amounts: &[f64]) -> RawTable {
        let text: Vec<String> = amounts.iter().map(|a| a.to_string()).collect();
        let text: Vec<Option<&str>> = text.iter().map(|a| Some(a.as_str())).collect();
        let mut t = raw_text(visits, what, &text);
        t.numbers = vec![Column::new("amount".into(), amounts)];
        t
    }

    /// Order lines as a web page or a CSV gives them: the amounts as text only.
    fn raw_text(
        visits: &[Option<&str>],
        what: &[Option<&str>],
        amounts: &[Option<&str>],
    ) -> RawTable {
        let n = visits.len() as u32;
        RawTable {
            frame: df!(
                "visit_id" => visits,
                "description" => what,
                "amount" => amounts,
                ROW => (2..n + 2).collect::<Vec<u32>>(),
            )
            .unwrap(),
            header: Header {
                index: 0,
                mapping: Default::default(),
                passed_over: Default::default(),
                ..Header::default()
            },
            ..RawTable::default()
        }
    }

    #[test]
    fn lines_under_a_visit_with_its_subtotal_take_that_visit() {
        let mut t = raw(
            &[Some("ЗН-1"), None, None, Some("ЗН-2"), None],
            &[None, Some("ТО"), Some("Масло"), None, Some("Мойка")],
            &[3000.10, 1000.05, 2000.05, 500.0, 500.0],
        );
        let got = grouped(&mut t).unwrap();
        assert_eq!(
            got,
            Grouped {
                groups: 2,
                lines: 3,
                example: "ЗН-1".into(),
                differ: None,
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
    fn group_rows_without_subtotals_and_amounts_as_text_are_read_too() {
        // A web page's report: `1 234,50` as text, one group row with its subtotal and one
        // with the visit alone.
        let mut t = raw_text(
            &[Some("ЗН-1"), None, None, Some("ЗН-2"), None],
            &[None, Some("ТО"), Some("Масло"), None, Some("Мойка")],
            &[
                Some("3 000,10"),
                Some("1 000,05"),
                Some("2 000,05"),
                None,
                Some("500"),
            ],
        );
        let got = grouped(&mut t).unwrap();
        assert_eq!((got.groups, got.lines), (2, 3));
        let visits = crate::ingest::texts_of(&t.frame, "visit_id");
        assert_eq!(visits, [Some("ЗН-1"), Some("ЗН-1"), Some("ЗН-2")]);
        assert_eq!(
            crate::ingest::texts_of(&t.frame, "amount"),
            [Some("1 000,05"), Some("2 000,05"), Some("500")]
        );
        // A group row with the visit alone and no lines under it is no group.
        let mut t = raw_text(
            &[Some("ЗН-1"), None, Some("ЗН-2")],
            &[None, Some("ТО"), None],
            &[None, Some("1000"), None],
        );
        assert_eq!(grouped(&mut t), None);
    }

    #[test]
    fn regression_subtotals_in_dollars_are_sums_at_a_dollar_station() {
        // As validation reads the lines: the `$` amounts were no sums (session 29), and a
        // subtotal that differs from its lines went unnamed.
        let mut t = raw_text(
            &[Some("ЗН-1"), None, None, Some("ЗН-2"), None],
            &[None, Some("ТО"), Some("Масло"), None, Some("Мойка")],
            &[
                Some("$3,000.10"),
                Some("$1,000.05"),
                Some("$2,000.05"),
                Some("$600"),
                Some("$500"),
            ],
        );
        let Groups::Read(got) = ungroup(&mut t, &Currency::new("USD")).unwrap() else {
            panic!("not read as groups");
        };
        assert_eq!(got.differ, Some((1, "ЗН-2".into(), 60_000, 50_000)));
    }

    #[test]
    fn regression_one_subtotal_off_does_not_lose_the_whole_report() {
        // Three groups, ЗН-2's subtotal 1 ₽ over its line (a discount on the order): the
        // table was "not grouped" and all its rows were rejected. Two of three subtotals
        // match: it is read as groups, and ЗН-2 is named.
        let mut t = raw(
            &[Some("ЗН-1"), None, Some("ЗН-2"), None, Some("ЗН-3"), None],
            &[None, Some("ТО"), None, Some("Масло"), None, Some("Мойка")],
            &[1000.0, 1000.0, 3401.40, 3400.40, 500.0, 500.0],
        );
        let got = grouped(&mut t).unwrap();
        assert_eq!((got.groups, got.lines), (3, 3));
        assert_eq!(got.differ, Some((1, "ЗН-2".to_string(), 340_140, 340_040)));
    }

    #[test]
    fn regression_an_order_of_no_work_is_a_group_too() {
        // ЗН-2 gives a subtotal of 0 and no lines: the report was "not grouped".
        let mut t = raw(
            &[Some("ЗН-1"), None, Some("ЗН-2"), Some("ЗН-3"), None],
            &[None, Some("ТО"), None, None, Some("Мойка")],
            &[1000.0, 1000.0, 0.0, 500.0, 500.0],
        );
        let got = grouped(&mut t).unwrap();
        assert_eq!((got.groups, got.lines), (3, 2));
        let visits = crate::ingest::texts_of(&t.frame, "visit_id");
        assert_eq!(visits, [Some("ЗН-1"), Some("ЗН-3")]);
    }

    #[test]
    fn a_table_that_is_not_exactly_so_is_left_as_it_is() {
        // A subtotal that is not its lines' sum, in the only group that gives one.
        let mut t = raw(
            &[Some("ЗН-1"), None, None],
            &[None, Some("ТО"), Some("Масло")],
            &[3000.0, 1000.0, 1999.0],
        );
        let before = t.frame.clone();
        assert!(matches!(
            ungroup(&mut t, &Currency::Rub).unwrap(),
            Groups::Refused(_)
        ));
        assert!(t.frame.equals_missing(&before));
        // A line without a visit before any group row.
        let mut t = raw(
            &[None, Some("ЗН-1"), None],
            &[Some("ТО"), None, Some("Масло")],
            &[1000.0, 1000.0, 1000.0],
        );
        assert_eq!(grouped(&mut t), None);
        // Ordinary lines with one missing visit.
        let mut t = raw(
            &[Some("ЗН-1"), None],
            &[Some("ТО"), Some("Масло")],
            &[1000.0, 1000.0],
        );
        assert_eq!(grouped(&mut t), None);
    }

    #[test]
    fn regression_a_grouped_report_refused_by_its_subtotals_says_so() {
        // A discount on every order but one: one subtotal of three matches its lines. The
        // rule still refuses the groups (the rows are rejected as before), and says how
        // many groups and matches there were and which group differs first.
        let mut t = raw(
            &[
                Some("ЗН-1"),
                None,
                Some("ЗН-2"),
                None,
                None,
                Some("ЗН-3"),
                None,
            ],
            &[
                None,
                Some("ТО"),
                None,
                Some("Масло"),
                Some("Фильтр"),
                None,
                Some("Мойка"),
            ],
            &[900.0, 1000.0, 1000.0, 800.0, 300.0, 500.0, 500.0],
        );
        let before = t.frame.clone();
        assert_eq!(
            ungroup(&mut t, &Currency::Rub).unwrap(),
            Groups::Refused(Refused {
                groups: 3,
                lines: 4,
                given: 3,
                matched: 1,
                example: ("ЗН-1".into(), 90_000, 100_000),
            })
        );
        assert!(t.frame.equals_missing(&before));
    }
}
