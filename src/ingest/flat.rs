//! Visits read from a table of order lines: small stations export one flat table of their
//! work, a row per line with the repair order's number, date, client and car repeated on
//! each (`Номер` | `Дата` | `Клиент` | `Марка` | `Работа` | `Сумма`). Read as visits,
//! every line after a visit's first repeated the visit and was rejected as a duplicate
//! visit number: thousands of "rejected" rows that were no fault, hiding the duplicates
//! that were. Where the visits' header also names the order lines' amount and their work,
//! a row that repeats an earlier row's visit columns exactly is the visit's further line:
//! it is read as an order line (by the order lines' own reading) and not as a visit, as a
//! total row is not. A row that gives the same number with anything else different is
//! still a duplicate, rejected with its reason. A report that gives a visit's columns on
//! its first line only, empty below it, lays out the same table: a row whose visit columns
//! are all empty is the further line of the visit above, and the order lines read from the
//! same table take that visit's number on such rows ([`continue_visits`]).
//!
//! Read as order lines, the same table's rows of visits without any work (a no-show, a
//! cancelled order: the visit's columns and nothing of a line) were rejected for want of
//! a description: where the lines' header also names the visits' date or client, such a
//! row is the visit's alone and is not an order line, as a blank row is not. And where the
//! data has no order lines of their own, they are read from such a visits' table.

use polars::prelude::*;

use super::header::Synonyms;
use super::read::{RawTable, Source, FILE, ROW, SHEET};
use crate::config::{ColumnNames, Config};
use crate::schema::Table;

/// The further lines set aside from a flat table's visits.
#[derive(Debug, Clone, PartialEq)]
pub struct Further {
    /// Visits' rows kept (one per visit, and any that conflict).
    pub visits: u64,
    /// Rows set aside as further lines of their visits.
    pub lines: u64,
    /// The header cell that names the order lines' amount.
    pub amount: String,
    /// The rows set aside that leave the visit's columns empty under the visit they
    /// continue (`__row`, and `__sheet` / `__file` where the table has them); None when
    /// every further line repeats its visit.
    pub continued: Option<DataFrame>,
}

/// What reading the visits found for the order lines.
pub(crate) struct VisitsRead {
    /// The visits' table is a flat table of lines ([`names_amount`]).
    pub lines: bool,
    /// Its further lines, set aside from the visits.
    pub further: Option<Further>,
    /// The configuration to read the order lines with, when they are read from the same
    /// table ([`lines_config`]).
    pub lines_config: Option<Config>,
    /// The rows that continue the visit above, for the order lines read from the same
    /// table ([`Further::continued`]).
    pub continued: Option<DataFrame>,
}

/// After the visits `raw` are read from `source` (its `sheet`): set aside their further
/// lines if theirs is a flat table of lines; where the data has no order lines of their
/// own, read them from this table if it is one (`sources` gains them); and where the order
/// lines are read from this same table, say how (see [`VisitsRead`]).
pub(crate) fn visits_read(
    raw: &mut RawTable,
    source: &Source,
    sheet: &Option<String>,
    sources: &mut std::collections::BTreeMap<Table, Source>,
    config: &Config,
) -> PolarsResult<VisitsRead> {
    let lines = names_amount(raw, config).is_some();
    if lines && !sources.contains_key(&Table::OrderLines) {
        // Visits read from several sheets (a sheet a month) name them all in `sheet`, for
        // messages; the lines are found on the same sheets by their header, as the visits
        // were.
        let several = raw.parts.iter().any(|p| p.sheet.is_some()) && raw.parts.len() > 1;
        let here = Source {
            path: source.path.clone(),
            sheet: sheet.clone().filter(|_| !several),
        };
        sources.insert(Table::OrderLines, here);
    }
    let lines_here = sources
        .get(&Table::OrderLines)
        .is_some_and(|l| l.path == source.path && (l.sheet.is_none() || l.sheet == *sheet));
    let further = further_lines(raw, config)?;
    let continued = further
        .as_ref()
        .and_then(|f| f.continued.clone())
        .filter(|_| lines_here);
    Ok(VisitsRead {
        lines,
        lines_config: lines_here.then(|| lines_config(config, raw.header.source_name("visit_id"))),
        further,
        continued,
    })
}

/// Whether a cell is empty: null, or only white space (a reader leaves the text of typed
/// columns as written).
fn empty(e: Expr) -> Expr {
    e.clone().is_null().or(e
        .cast(DataType::String)
        .str()
        .strip_chars(lit(NULL))
        .str()
        .len_bytes()
        .eq(lit(0u32)))
}

/// The cell of the visits' header (every cell, read or not) that names the order lines'
/// amount, where another names a line's work or part (its description or service code):
/// the mark of a table of lines. A list of repair orders with each order's sum
/// (`Сумма документа`) names no work, and its repeated rows stay duplicates. Ingest reads
/// the order lines from the visits' own sheet when the data has none of their own and this
/// finds one.
///
/// A header of two rows is also read as the order lines read it: among visits `Сумма`
/// over `без скидки | со скидкой` leaves the cells `без скидки` and `со скидкой`, which
/// name no amount, while the order lines read `Сумма со скидкой`.
fn names_amount(raw: &RawTable, config: &Config) -> Option<String> {
    let lines = Synonyms::new(Table::OrderLines, config);
    let of = |cell: &String| lines.column_of(cell);
    let as_lines = lines.joined_cells(&raw.header.rows).unwrap_or_default();
    let cells = || raw.header.cells.iter().chain(&as_lines);
    let work = cells().any(|c| matches!(of(c), Some("description" | "service_code")));
    let amount = cells().find(|c| of(c) == Some("amount"));
    amount.filter(|_| work).cloned()
}

/// Set aside the rows of visits `raw` that repeat an earlier row's visit columns exactly,
/// when its header names the order lines' amount and work ([`names_amount`]); None when it
/// does not, or no row repeats.
pub fn further_lines(raw: &mut RawTable, config: &Config) -> PolarsResult<Option<Further>> {
    let Some(amount) = names_amount(raw, config) else {
        return Ok(None);
    };
    let visit_columns: Vec<Expr> = raw
        .frame
        .get_column_names()
        .into_iter()
        .filter(|c| ![ROW, SHEET, FILE].contains(&c.as_str()))
        .map(|c| col(c.clone()))
        .collect();
    // A row whose visit columns are all empty continues the visit above it, as a report
    // that gives a visit's columns on its first line only lays it out.
    let blank = visit_columns
        .iter()
        .map(|c| empty(c.clone()))
        .reduce(|a, b| a.and(b))
        .unwrap_or(lit(false));
    let marks = raw
        .frame
        .clone()
        .lazy()
        .select([
            as_struct(visit_columns).is_first_distinct().alias("first"),
            blank.alias("blank"),
        ])
        .collect()?;
    let blank = marks.column("blank")?.bool()?.clone();
    let keep = marks.column("first")?.bool()? & &!&blank;
    let keep = &keep & &!&partial_repeats(&raw.frame, &keep)?;
    let lines = keep.len() as u64 - keep.sum().unwrap_or(0) as u64;
    if lines == 0 {
        return Ok(None);
    }
    let continued = match blank.any() {
        true => {
            let place: Vec<&str> = [ROW, SHEET, FILE]
                .into_iter()
                .filter(|c| raw.frame.column(c).is_ok())
                .collect();
            Some(raw.frame.filter(&blank)?.select(place)?)
        }
        false => None,
    };
    raw.keep_rows(&keep)?;
    Ok(Some(Further {
        visits: raw.frame.height() as u64,
        lines,
        amount,
        continued,
    }))
}

/// Among the rows `keep` holds as visits, those that give an earlier such row's visit
/// number again with every other visit cell either that row's or empty: further lines of
/// its visit, as 1C lays out a flat table that fills `Пробег` and `Мастер` on a visit's
/// first line only (until session 30 each such line was a visit rejected as a duplicate
/// number, and the report said rows were left out that were all in it). A row with a cell
/// that differs (another date, another client, another station) is a visit of its own:
/// kept, and rejected as a duplicate as before, while the rows that agree with it are its
/// further lines. Only rows whose number is on more than one kept row are compared, so a
/// table whose further lines repeat their visit whole pays one count of the numbers.
fn partial_repeats(frame: &DataFrame, keep: &BooleanChunked) -> PolarsResult<BooleanChunked> {
    let none = || BooleanChunked::full(ROW.into(), false, keep.len());
    let Ok(number) = frame.column("visit_id") else {
        return Ok(none());
    };
    let number = number.cast(&DataType::String)?;
    let number = number.str()?;
    let id = |i: usize| number.get(i).map(str::trim).filter(|t| !t.is_empty());
    let kept = || (0..keep.len()).filter(|&i| keep.get(i) == Some(true));
    let mut counts: std::collections::HashMap<&str, u32> = Default::default();
    for i in kept() {
        if let Some(n) = id(i) {
            *counts.entry(n).or_default() += 1;
        }
    }
    let repeated: Vec<usize> = kept()
        .filter(|&i| id(i).is_some_and(|n| counts[n] > 1))
        .collect();
    if repeated.is_empty() {
        return Ok(none());
    }
    let texts: Vec<Column> = frame
        .columns()
        .iter()
        .filter(|c| ![ROW, SHEET, FILE, "visit_id"].contains(&c.name().as_str()))
        .map(|c| c.cast(&DataType::String))
        .collect::<PolarsResult<_>>()?;
    let cells: Vec<&StringChunked> = texts.iter().map(|c| c.str()).collect::<PolarsResult<_>>()?;
    fn cell(c: &StringChunked, i: usize) -> Option<&str> {
        c.get(i).map(str::trim).filter(|t| !t.is_empty())
    }
    // Each row agrees with the first row of its visit or with none: then it is the first of
    // another (a conflicting row, or a station's own visit of a number another has).
    let agrees = |first: usize, row: usize| {
        cells.iter().all(|c| match cell(c, row) {
            None => true,
            given => given == cell(c, first),
        })
    };
    let mut firsts: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    let mut further = vec![false; keep.len()];
    for row in repeated {
        let visits = firsts.entry(id(row).unwrap_or_default()).or_default();
        match visits.iter().any(|&first| agrees(first, row)) {
            true => further[row] = true,
            false => visits.push(row),
        }
    }
    Ok(BooleanChunked::from_slice(ROW.into(), &further))
}

/// Whether the order lines' header (every cell, read or not) names the visits' date or
/// client: the mark of a flat table that gives each visit's columns on its lines.
fn names_visit(raw: &RawTable, config: &Config) -> bool {
    let visits = Synonyms::new(Table::Visits, config);
    raw.header.cells.iter().any(|cell| {
        matches!(visits.column_of(cell), Some("opened_at" | "client_id"))
            && !raw
                .header
                .mapping
                .values()
                .any(|&i| raw.header.cells[i] == *cell)
    })
}

/// Set aside the rows of order lines `raw` that give nothing of a line (every column read
/// but the visit's number empty), when its header names the visits' date or client: a
/// flat table's rows of visits without work. Returns how many, None when none or not flat.
pub fn visits_without_lines(raw: &mut RawTable, config: &Config) -> PolarsResult<Option<u64>> {
    if !names_visit(raw, config) {
        return Ok(None);
    }
    let line_columns: Vec<PlSmallStr> = raw
        .frame
        .get_column_names()
        .into_iter()
        .filter(|c| ![ROW, SHEET, FILE, "visit_id"].contains(&c.as_str()))
        .cloned()
        .collect();
    let Some(keep) = line_columns
        .iter()
        .map(|c| empty(col(c.clone())).not())
        .reduce(|a, b| a.or(b))
    else {
        return Ok(None);
    };
    let keep = raw
        .frame
        .clone()
        .lazy()
        .select([keep.alias("keep")])
        .collect()?
        .column("keep")?
        .bool()?
        .clone();
    let set_aside = keep.len() as u64 - keep.sum().unwrap_or(0) as u64;
    if set_aside == 0 {
        return Ok(None);
    }
    raw.keep_rows(&keep)?;
    Ok(Some(set_aside))
}

/// Give the order lines `raw`, read from a flat table whose `continued` rows leave the
/// visit's columns empty under the visit they continue (see [`Further::continued`]), the
/// visit of the row above on those rows. Returns how many took one.
pub fn continue_visits(raw: &mut RawTable, continued: &DataFrame) -> PolarsResult<u64> {
    let keys: Vec<&str> = continued
        .get_column_names()
        .into_iter()
        .map(|c| c.as_str())
        .filter(|c| raw.frame.column(c).is_ok())
        .collect();
    if !keys.contains(&ROW) || raw.frame.column("visit_id").is_err() {
        return Ok(0);
    }
    let key_exprs = || keys.iter().map(|k| col(*k)).collect::<Vec<_>>();
    let mut in_order = JoinArgs::new(JoinType::Left);
    in_order.maintain_order = MaintainOrderJoin::Left;
    let marked = continued
        .clone()
        .lazy()
        .select(key_exprs())
        .with_column(lit(true).alias("__continued"));
    let flags = raw
        .frame
        .clone()
        .lazy()
        .select(key_exprs())
        .join(marked, key_exprs(), key_exprs(), in_order)
        .select([col("__continued").fill_null(lit(false))])
        .collect()?;
    let flags = flags.column("__continued")?.bool()?.clone();
    let visit = raw
        .frame
        .column("visit_id")?
        .as_materialized_series()
        .clone();
    let takes = &flags & &visit.is_null();
    let taken = takes.sum().unwrap_or(0) as u64;
    if taken == 0 {
        return Ok(0);
    }
    let above = visit.fill_null(FillNullStrategy::Forward(None))?;
    let filled = visit.zip_with(&!&takes, &above)?;
    raw.frame.with_column(filled.into_column())?;
    Ok(taken)
}

/// The configuration the order lines of a flat table are read with: the column the visits
/// took their number from (`Ид`, say, which among order lines names nothing) names the
/// lines' visit too.
///
/// ```
/// use stoa::{config::Config, ingest::{flat::lines_config, header::Synonyms}, schema::Table};
/// let c = lines_config(&Config::default(), "Ид");
/// assert_eq!(Synonyms::new(Table::OrderLines, &c).column_of("Ид"), Some("visit_id"));
/// assert_eq!(Synonyms::new(Table::OrderLines, &Config::default()).column_of("Ид"), None);
/// ```
pub fn lines_config(config: &Config, visit_header: &str) -> Config {
    let mut c = config.clone();
    let key = c
        .columns
        .keys()
        .find(|k| Table::from_name(k) == Some(Table::OrderLines))
        .cloned()
        .unwrap_or_else(|| Table::OrderLines.name().to_string());
    let names = c
        .columns
        .entry(key)
        .or_default()
        .entry("visit_id".to_string())
        .or_insert_with(|| ColumnNames::Also(Vec::new()));
    if let ColumnNames::Also(names) = names {
        names.push(visit_header.to_string());
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::Header;
    use crate::ingest::read::Part;

    /// A raw table of `frame` under a header of `cells`, read from the parts given.
    fn raw(frame: DataFrame, cells: &[&str], parts: Vec<Part>) -> RawTable {
        RawTable {
            frame,
            header: Header {
                index: 0,
                cells: cells.iter().map(|c| c.to_string()).collect(),
                mapping: Default::default(),
                passed_over: Default::default(),
                ..Header::default()
            },
            parts,
            ..RawTable::default()
        }
    }

    fn part(file: &str, rows: u64) -> Part {
        Part {
            place: file.to_string(),
            file: Some(file.to_string()),
            sheet: None,
            header: raw(DataFrame::empty(), &[], Vec::new()).header,
            rows,
        }
    }

    #[test]
    fn a_visits_further_lines_are_set_aside_and_their_files_rows_with_them() {
        // Two files: a.csv gives V1 twice (a further line) and V2; b.csv gives V3, V3 again
        // (a further line) and V3 with another client (a conflict, kept for its rejection).
        let frame = df!(
            "visit_id" => ["V1", "V1", "V2", "V3", "V3", "V3"],
            "client_id" => ["C1", "C1", "C2", "C3", "C3", "C9"],
            ROW => [2u32, 3, 4, 2, 3, 4],
            FILE => ["a.csv", "a.csv", "a.csv", "b.csv", "b.csv", "b.csv"],
        )
        .unwrap();
        let cells = ["Номер", "Клиент", "Работа", "Сумма"];
        let mut t = raw(frame, &cells, vec![part("a.csv", 3), part("b.csv", 3)]);
        t.numbers = vec![Column::new(
            "odometer_km".into(),
            [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        )];
        let got = further_lines(&mut t, &Config::default()).unwrap().unwrap();
        assert_eq!(
            got,
            Further {
                visits: 4,
                lines: 2,
                amount: "Сумма".into(),
                continued: None,
            }
        );
        let rows: Vec<Option<u32>> = t.frame.column(ROW).unwrap().u32().unwrap().iter().collect();
        assert_eq!(rows, [Some(2), Some(4), Some(2), Some(4)]);
        let numbers: Vec<Option<f64>> = t.numbers[0].f64().unwrap().iter().collect();
        assert_eq!(numbers, [Some(1.0), Some(3.0), Some(4.0), Some(6.0)]);
        assert_eq!(t.parts.iter().map(|p| p.rows).collect::<Vec<_>>(), [2, 2]);
        // A list of repair orders with each order's sum names no work: nothing set aside.
        let frame = df!("visit_id" => ["V1", "V1"], "client_id" => ["C1", "C1"]).unwrap();
        let mut t = raw(frame, &["Номер", "Клиент", "Сумма"], Vec::new());
        assert_eq!(further_lines(&mut t, &Config::default()).unwrap(), None);
        assert_eq!(t.frame.height(), 2);
    }

    #[test]
    fn regression_a_visits_lines_that_repeat_its_columns_only_in_part_are_its_lines() {
        // 1C fills `Пробег` and `Мастер` on a visit's first line only: ЗН-1's second and
        // third lines and ЗН-2's second were rejected as duplicate numbers. ЗН-1 on row 7
        // has another date: a visit of its own, kept for its rejection, and row 8, which
        // agrees with it, is its further line.
        let frame = df!(
            "visit_id" => ["ЗН-1", "ЗН-1", "ЗН-1", "ЗН-2", "ЗН-2", "ЗН-1", "ЗН-1"],
            "opened_at" => ["01.09", "01.09", "01.09", "02.09", "02.09", "03.09", "03.09"],
            "odometer_km" => [Some("50000"), None, Some(" "), Some("80000"), None, None, None],
            "manager" => [Some("Петров"), None, None, Some("Петров"), Some("Петров"), None, None],
            ROW => [2u32, 3, 4, 5, 6, 7, 8],
        )
        .unwrap();
        let cells = ["Номер", "Дата", "Пробег", "Мастер", "Работа", "Сумма"];
        let mut t = raw(frame, &cells, Vec::new());
        let got = further_lines(&mut t, &Config::default()).unwrap().unwrap();
        assert_eq!((got.visits, got.lines), (3, 4));
        let rows: Vec<Option<u32>> = t.frame.column(ROW).unwrap().u32().unwrap().iter().collect();
        assert_eq!(rows, [Some(2), Some(5), Some(7)]);
        // A further line that gives a cell its visit's first line left empty, or another
        // one, is not the visit's: kept, as before.
        let frame = df!(
            "visit_id" => ["V1", "V1", "V1"],
            "odometer_km" => [None, Some("5"), None],
            "manager" => [Some("Петров"), None, Some("Сидоров")],
            ROW => [2u32, 3, 4],
        )
        .unwrap();
        let mut t = raw(frame, &cells, Vec::new());
        assert_eq!(further_lines(&mut t, &Config::default()).unwrap(), None);
        assert_eq!(t.frame.height(), 3);
    }

    #[test]
    fn lines_below_a_visit_with_its_columns_empty_are_its_lines() {
        // The visits' reading: V1 on rows 2-3 (row 3 empty), V2 on rows 4-5.
        let frame = df!(
            "visit_id" => [Some("V1"), None, Some("V2"), Some("")],
            "client_id" => [Some("C1"), None, Some("C2"), None],
            ROW => [2u32, 3, 4, 5],
        )
        .unwrap();
        let cells = ["Номер", "Клиент", "Работа", "Сумма"];
        let mut visits = raw(frame, &cells, Vec::new());
        let got = further_lines(&mut visits, &Config::default())
            .unwrap()
            .unwrap();
        assert_eq!((got.visits, got.lines), (2, 2));
        let continued = got.continued.unwrap();
        let rows: Vec<Option<u32>> = continued
            .column(ROW)
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(rows, [Some(3), Some(5)]);
        // The lines' reading of the same rows, and a row 6 of no visit that no visit
        // continues: rows 3 and 5 take the visit above, row 6 stays without one.
        let frame = df!(
            "visit_id" => [Some("V1"), None, Some("V2"), None, None],
            "description" => ["ТО", "Масло", "Мойка", "Воск", "Щётки"],
            ROW => [2u32, 3, 4, 5, 6],
        )
        .unwrap();
        let mut lines = raw(frame, &cells, Vec::new());
        assert_eq!(continue_visits(&mut lines, &continued).unwrap(), 2);
        let got: Vec<Option<&str>> = lines
            .frame
            .column("visit_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(got, [Some("V1"), Some("V1"), Some("V2"), Some("V2"), None]);
    }

    #[test]
    fn a_flat_tables_rows_without_a_line_are_the_visits_alone() {
        let frame = df!(
            "visit_id" => ["V1", "V2", "V3"],
            "description" => [Some("ТО"), None, Some(" ")],
            "amount" => [Some("100"), Some(""), None],
        )
        .unwrap();
        let cells = ["Номер", "Дата приёма", "Работа", "Сумма"];
        let mut t = raw(frame.clone(), &cells, Vec::new());
        assert_eq!(
            visits_without_lines(&mut t, &Config::default()).unwrap(),
            Some(2)
        );
        assert_eq!(t.frame.height(), 1);
        // Without the visits' date or client in the header it is a table of lines, whose
        // empty rows are rejected by validation as they always were.
        let mut t = raw(frame, &["Номер", "Работа", "Сумма"], Vec::new());
        assert_eq!(
            visits_without_lines(&mut t, &Config::default()).unwrap(),
            None
        );
        assert_eq!(t.frame.height(), 3);
    }
}
