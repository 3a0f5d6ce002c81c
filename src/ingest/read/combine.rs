//! One table from several sheets of a workbook (`Физлица` and `Юрлица`, a sheet a
//! quarter) or several files of a folder (a file a month): the pieces' rows one after
//! another, each keeping its file, sheet and row number so that a rejected row is found
//! where it is, and each piece's header kept for its warnings.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::{HeaderRepeat, Part, RawTable, EXTRA, EXTRA_REASON, FILE, ROW, SHEET};
use crate::ingest::header::Header;
use crate::schema::Table;

/// A sheet or file read on its own, to be combined.
pub(super) struct Piece {
    /// The file, when the pieces are files of a folder (as the rejects name it).
    pub file: Option<String>,
    /// The sheet of a workbook (None for CSV and Parquet).
    pub sheet: Option<String>,
    /// Where it is, as messages name it.
    pub place: String,
    /// What was read.
    pub table: RawTable,
}

/// The pieces' tables, in order, as one: the columns any piece matched (a column a piece
/// lacks is empty on its rows), `__row` as each piece numbers it, [`EXTRA`] and
/// [`EXTRA_REASON`] when a piece has them, [`SHEET`], and [`FILE`] when the pieces are
/// files. A column whose cells were numbers in every piece stays so;
/// one with text somewhere is parsed from its text, which gives the same values.
pub(super) fn combine(pieces: Vec<Piece>, table: Table) -> PolarsResult<RawTable> {
    let header = merged_header(pieces.iter().map(|p| &p.table.header));
    let files = pieces.iter().any(|p| p.file.is_some());
    let mut names: Vec<&str> = table
        .input_columns()
        .iter()
        .map(|c| c.name)
        .filter(|n| header.mapping.contains_key(n))
        .collect();
    names.push(ROW);
    // A CSV file's rows with more fields than its header, null on the other pieces' rows.
    if pieces.iter().any(|p| p.table.frame.column(EXTRA).is_ok()) {
        names.extend([EXTRA, EXTRA_REASON]);
    }
    let mut frame: Option<DataFrame> = None;
    let mut numbers: BTreeMap<String, Option<Vec<Column>>> = BTreeMap::new();
    for p in &pieces {
        for c in &p.table.numbers {
            numbers
                .entry(c.name().to_string())
                .or_insert(Some(Vec::new()));
        }
    }
    let text = |name: &str, value: &str, h: usize| {
        Column::new_scalar(
            name.into(),
            Scalar::new(DataType::String, AnyValue::StringOwned(value.into())),
            h,
        )
    };
    let dtypes: Vec<DataType> = names
        .iter()
        .map(|n| {
            let seen: Vec<&DataType> = pieces
                .iter()
                .filter_map(|p| p.table.frame.column(n).ok())
                .map(|c| c.dtype())
                .collect();
            common_type(&seen)
        })
        .collect();
    let mut parts = Vec::with_capacity(pieces.len());
    let mut merged = Vec::new();
    let mut disguised = Vec::new();
    let mut hidden = Vec::new();
    let mut skipped = Vec::new();
    let mut subtotals = Vec::new();
    let mut below = Vec::new();
    let mut footers = Vec::new();
    let mut unsaved = Vec::new();
    let mut percent_formats: Vec<super::PercentFormat> = Vec::new();
    let mut header_repeats = Vec::new();
    let mut utc = Vec::new();
    let mut hidden_columns = Vec::new();
    for piece in pieces {
        let t = piece.table;
        // Each repeat of the header placed as the frame's rows are: by file and sheet.
        header_repeats.extend(t.header_repeats.into_iter().map(|r| HeaderRepeat {
            file: r.file.or_else(|| piece.file.clone()),
            sheet: r.sheet.or_else(|| piece.sheet.clone()),
            row: r.row,
        }));
        merged.extend(t.merged);
        disguised.extend(t.disguised);
        hidden.extend(t.hidden);
        skipped.extend(t.skipped);
        subtotals.extend(t.subtotals);
        below.extend(t.below);
        footers.extend(t.footers);
        unsaved.extend(t.unsaved);
        utc.extend(t.utc);
        hidden_columns.extend(t.hidden_columns);
        for f in t.percent_formats {
            match percent_formats.iter_mut().find(|p| p.column == f.column) {
                Some(p) => p.cells += f.cells,
                None => percent_formats.push(f),
            }
        }
        let h = t.frame.height();
        let mut columns: Vec<Column> = names
            .iter()
            .zip(&dtypes)
            .map(|(n, dtype)| match t.frame.column(n) {
                Ok(c) if c.dtype() == dtype => Ok(c.clone()),
                // A decimal among text is its digits without trailing zeros: polars'
                // `1000.500` of a decimal of three places would be read as thousands
                // where the column shows no other decimal mark.
                Ok(c) if c.dtype().is_decimal() && dtype == &DataType::String => {
                    super::parquet::decimal_text(c)
                }
                Ok(c) => c.cast(dtype),
                Err(_) => Ok(Column::full_null((*n).into(), h, dtype)),
            })
            .collect::<PolarsResult<_>>()?;
        // A workbook of several sheets in a folder names each row's sheet already.
        columns.push(match t.frame.column(SHEET) {
            Ok(c) => c.clone(),
            Err(_) => text(SHEET, piece.sheet.as_deref().unwrap_or(""), h),
        });
        if files {
            columns.push(text(FILE, piece.file.as_deref().unwrap_or(""), h));
        }
        let part = DataFrame::new(h, columns)?;
        match &mut frame {
            Some(f) => {
                f.vstack_mut(&part)?;
            }
            None => frame = Some(part),
        }
        for (name, cols) in numbers.iter_mut() {
            match (t.numbers.iter().find(|c| c.name().as_str() == name), cols) {
                (Some(c), Some(cols)) => cols.push(c.clone()),
                (None, cols) => *cols = None,
                _ => {}
            }
        }
        if t.parts.is_empty() {
            parts.push(Part {
                place: piece.place,
                file: piece.file,
                sheet: piece.sheet,
                header: t.header,
                rows: h as u64,
            });
        } else {
            // The sheets of a workbook in a folder: each keeps its place, under the file.
            parts.extend(t.parts.into_iter().map(|p| Part {
                file: piece.file.clone(),
                ..p
            }));
        }
    }
    let mut frame = frame.unwrap_or_default();
    frame.rechunk_mut_par();
    let numbers = numbers
        .into_values()
        .flatten()
        .map(|cols| {
            let mut it = cols.into_iter();
            let mut first = it.next().expect("a column of numbers from some piece");
            for c in it {
                first.append(&c)?;
            }
            Ok(first.rechunk())
        })
        .collect::<PolarsResult<Vec<_>>>()?;
    // A column read from its text somewhere is read so everywhere: its cells are as written.
    percent_formats.retain(|f| numbers.iter().any(|c| c.name().as_str() == f.column));
    Ok(RawTable {
        frame,
        header,
        numbers,
        parts,
        merged,
        disguised,
        hidden,
        skipped,
        subtotals,
        below,
        footers,
        unsaved,
        percent_formats,
        header_repeats,
        utc,
        hidden_columns,
    })
}

/// The type of a column that the pieces hold as `dtypes`. Parquet's columns are typed and
/// the others' text: a column typed one way in every piece keeps its type; decimals of any
/// precision and scale are one decimal of the largest scale, exactly (pyarrow gives each
/// file's decimals the precision its values need, so a file a month differs); dates and
/// date-times without a zone are date-times of milliseconds, as the model holds them; a
/// column read two other ways is taken as text, which validation parses.
fn common_type(dtypes: &[&DataType]) -> DataType {
    let Some(first) = dtypes.first() else {
        return DataType::String;
    };
    if dtypes.iter().all(|d| d == first) {
        return (*first).clone();
    }
    if dtypes.iter().all(|d| d.is_decimal()) {
        let scale = dtypes
            .iter()
            .map(|d| match d {
                DataType::Decimal(_, s) => *s,
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        return DataType::Decimal(38, scale);
    }
    if dtypes
        .iter()
        .all(|d| matches!(d, DataType::Date | DataType::Datetime(_, None)))
    {
        return DataType::Datetime(TimeUnit::Milliseconds, None);
    }
    DataType::String
}

/// The sheets' headers as one, for the names of the columns in messages: every cell of
/// every sheet in turn, each column named as the first sheet that holds it names it. The
/// cells passed over and read loosely stay with each sheet's own header.
fn merged_header<'a>(headers: impl Iterator<Item = &'a Header>) -> Header {
    let mut merged = Header {
        index: 0,
        cells: Vec::new(),
        mapping: BTreeMap::new(),
        passed_over: BTreeMap::new(),
        loose: Vec::new(),
        joined: Vec::new(),
        rows: Vec::new(),
        written: Vec::new(),
    };
    for (i, h) in headers.enumerate() {
        if i == 0 {
            merged.index = h.index;
        }
        let offset = merged.cells.len();
        for (column, &at) in &h.mapping {
            merged.mapping.entry(*column).or_insert(at + offset);
        }
        merged.cells.extend(h.cells.iter().cloned());
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str], mapping: &[(&'static str, usize)]) -> Header {
        Header {
            index: 0,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            mapping: mapping.iter().copied().collect(),
            passed_over: BTreeMap::new(),
            loose: Vec::new(),
            joined: Vec::new(),
            rows: Vec::new(),
            written: Vec::new(),
        }
    }

    /// A sheet of one workbook, placed by its name alone.
    fn sheet(name: &str, table: RawTable) -> Piece {
        Piece {
            file: None,
            sheet: Some(name.into()),
            place: name.into(),
            table,
        }
    }

    #[test]
    fn sheets_follow_each_other_with_their_rows_and_a_column_one_lacks_is_empty() {
        let persons = RawTable {
            frame: df!(
                "client_id" => ["C1", "C2"],
                "name" => ["Иванов", "Петров"],
                "phone" => ["+79161234567", "89161234568"],
                ROW => [2u32, 3],
            )
            .unwrap(),
            header: header(
                &["Код клиента", "ФИО", "Телефон"],
                &[("client_id", 0), ("name", 1), ("phone", 2)],
            ),
            ..RawTable::default()
        };
        let companies = RawTable {
            frame: df!(
                "client_id" => ["C3"],
                "name" => ["ООО «Вектор»"],
                ROW => [5u32],
            )
            .unwrap(),
            header: header(
                &["ИНН", "Контрагент", "Код"],
                &[("client_id", 2), ("name", 1)],
            ),
            ..RawTable::default()
        };
        let t = combine(
            vec![sheet("Физлица", persons), sheet("Юрлица", companies)],
            Table::Clients,
        )
        .unwrap();
        let expected = df!(
            "client_id" => ["C1", "C2", "C3"],
            "name" => ["Иванов", "Петров", "ООО «Вектор»"],
            "phone" => [Some("+79161234567"), Some("89161234568"), None],
            ROW => [2u32, 3, 5],
            SHEET => ["Физлица", "Физлица", "Юрлица"],
        )
        .unwrap();
        assert!(t.frame.equals_missing(&expected), "{}", t.frame);
        // Columns are named as the first sheet names them.
        assert_eq!(t.header.source_name("client_id"), "Код клиента");
        assert_eq!(t.header.source_name("phone"), "Телефон");
        let parts: Vec<_> = t.parts.iter().map(|p| (p.place.as_str(), p.rows)).collect();
        assert_eq!(parts, [("Физлица", 2), ("Юрлица", 1)]);
        assert_eq!(t.parts[1].header.source_name("client_id"), "Код");
    }

    #[test]
    fn decimals_of_files_a_month_are_one_decimal_and_text_beside_one_its_digits() {
        // pyarrow gives each file the precision its values need: 1000,50 is decimal(6, 2)
        // and 12,345 decimal(5, 3). Beside text, 1,500 of three places is `1.5`.
        let file = |name: &str, amount: Column| Piece {
            file: Some(name.into()),
            sheet: None,
            place: name.into(),
            table: RawTable {
                frame: DataFrame::new(
                    1,
                    vec![
                        Column::new("visit_id".into(), ["V1"]),
                        Column::new("description".into(), ["ТО"]),
                        amount,
                        Column::new(ROW.into(), [2u32]),
                    ],
                )
                .unwrap(),
                header: header(
                    &["visit_id", "description", "amount"],
                    &[("visit_id", 0), ("description", 1), ("amount", 2)],
                ),
                ..RawTable::default()
            },
        };
        let decimal = |v: i128, p: usize, s: usize| {
            Int128Chunked::from_vec("amount".into(), vec![v])
                .into_decimal_unchecked(p, s)
                .into_column()
        };
        let t = combine(
            vec![
                file("2026-09.parquet", decimal(100050, 6, 2)),
                file("2026-10.parquet", decimal(12345, 5, 3)),
            ],
            Table::OrderLines,
        )
        .unwrap();
        let amount = t.frame.column("amount").unwrap();
        assert_eq!(amount.dtype(), &DataType::Decimal(38, 3));
        let values: Vec<_> = amount.decimal().unwrap().physical().iter().collect();
        assert_eq!(values, [Some(1000500), Some(12345)]);
        let t = combine(
            vec![
                file("2026-09.csv", Column::new("amount".into(), ["1 000,50"])),
                file("2026-10.parquet", decimal(1500, 5, 3)),
            ],
            Table::OrderLines,
        )
        .unwrap();
        let amount = t.frame.column("amount").unwrap().str().unwrap().clone();
        let amount: Vec<_> = amount.iter().collect();
        assert_eq!(amount, [Some("1 000,50"), Some("1.5")]);
    }

    #[test]
    fn numbers_stay_numbers_only_where_every_sheet_had_them() {
        let lines = |qty: Option<&[f64]>, price: &[f64], rows: &[u32]| RawTable {
            frame: df!(
                "visit_id" => vec!["V1"; rows.len()],
                "qty" => price.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
                "unit_price" => price.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
                ROW => rows,
            )
            .unwrap(),
            header: header(
                &["visit_id", "qty", "unit_price"],
                &[("visit_id", 0), ("qty", 1), ("unit_price", 2)],
            ),
            numbers: [
                qty.map(|q| Column::new("qty".into(), q)),
                Some(Column::new("unit_price".into(), price)),
            ]
            .into_iter()
            .flatten()
            .collect(),
            ..RawTable::default()
        };
        let t = combine(
            vec![
                sheet("2025", lines(Some(&[1.0]), &[100.0], &[2])),
                sheet("2026", lines(None, &[250.5, 99.0], &[2, 3])),
            ],
            Table::OrderLines,
        )
        .unwrap();
        let names: Vec<_> = t.numbers.iter().map(|c| c.name().as_str()).collect();
        assert_eq!(names, ["unit_price"]);
        let prices: Vec<_> = t.numbers[0].f64().unwrap().into_no_null_iter().collect();
        assert_eq!(prices, [100.0, 250.5, 99.0]);
        assert_eq!(t.frame.height(), 3);
    }
}
