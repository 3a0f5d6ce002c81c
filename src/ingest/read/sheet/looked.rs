//! What a sheet of a workbook of several is to the table read from it, by its first rows:
//! it holds the table (its header names every required column), it lacks a column of it
//! (its header names most of the table's columns, and rows are below it), it is something
//! else (a cover, notes, a pivot), or it is empty. Until session 29 a sheet that did not
//! hold the table was passed over without a word: `Сентябрь` beside `Октябрь`, its client
//! column headed `Код покупателя`, lost its visits, exit 0, and only its lines' rejects
//! ("no visit with this number") hinted at it.

use calamine::{Data, Range};

use super::cells::is_blank;
use crate::ingest::header::Synonyms;
use crate::ingest::IngestError;
use crate::schema::Table;

/// How many columns of the table a header names, at the least, for a sheet with rows below
/// it to be taken for the table's even when it names no more than half its required ones
/// (clients have one: `Наименование | Телефон | E-mail` without `Код клиента` are clients).
const NAMED: usize = 3;

/// What a sheet is to a table.
#[derive(Debug)]
pub(super) enum Looked {
    /// Its header names every required column: it is read.
    Holds,
    /// A sheet of the table whose header lacks a required column.
    Lacks(Lacks),
    /// Cells, but no header of the table: passed over, with the warning's why.
    Other {
        /// The required columns its best row does not name.
        missing: Vec<&'static str>,
        /// The cells of that row (of its first row with a cell when none names a column).
        cells: Vec<String>,
    },
    /// Its header names no column of the table but those another table or a summary has
    /// too ([`Table::link_columns`]), and other cells beside them: a visits' history among
    /// clients, a summary of a row a
    /// visit among order lines. Set aside with a warning, though it may name every required
    /// column: read, its rows were taken for the table's (session 31).
    Aside {
        /// The table's columns it names.
        named: Vec<&'static str>,
        /// The table whose columns its header names more of, by their built-in names.
        like: Option<Table>,
    },
    /// No cell at all (Excel's `Лист2`).
    Empty,
}

/// What a sheet that lacks a required column of the table gives its error.
#[derive(Debug)]
pub(super) struct Lacks {
    /// Its header's cells that name the table's columns, in column order.
    named: Vec<String>,
    /// The required columns it does not.
    missing: Vec<&'static str>,
    /// Its header's cells.
    cells: Vec<String>,
}

impl Lacks {
    /// The error of the sheet at `place`; `example` is a `[files]` line that reads a sheet
    /// holding the table.
    pub(super) fn error(self, table: Table, place: String, example: String) -> IngestError {
        IngestError::SheetLacksColumns {
            table,
            place,
            named: quoted(&self.named, "«", "»"),
            lacking: crate::ingest::Lacking::of(table, &self.missing),
            found: quoted(&self.cells, "\"", "\""),
            example,
        }
    }
}

/// Look at a sheet (`range`, its first rows as text in `head`) as the table of `synonyms`.
pub(super) fn look(synonyms: &Synonyms, range: &Range<Data>, head: &[Vec<String>]) -> Looked {
    let table = synonyms.table();
    let header = synonyms.find_header(head);
    let missing = match &header {
        Some(h) => synonyms.missing_required(h),
        None => table
            .input_columns()
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name)
            .collect(),
    };
    let Some(header) = header else {
        if range.rows().all(|r| r.iter().all(is_blank)) {
            return Looked::Empty;
        }
        let cells = head
            .iter()
            .find(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map_or_else(Vec::new, |r| cells_of(r));
        return Looked::Other { missing, cells };
    };
    // Other cells beside the links say what else the sheet is; a sheet of client codes
    // alone is still the clients'.
    let links = table.link_columns();
    let filled = header.cells.iter().filter(|c| !c.trim().is_empty()).count();
    if !links.is_empty()
        && filled > header.mapping.len()
        && header.mapping.keys().all(|c| links.contains(c))
    {
        return Looked::Aside {
            named: table
                .input_columns()
                .iter()
                .map(|c| c.name)
                .filter(|n| header.mapping.contains_key(n))
                .collect(),
            like: like(synonyms, header.mapping.len(), head),
        };
    }
    if missing.is_empty() {
        return Looked::Holds;
    }
    let required = table.input_columns().iter().filter(|c| c.required).count();
    let most = (required - missing.len().min(required)) * 2 > required;
    let rows_below = range
        .rows()
        .skip(header.index + 1)
        .any(|r| !r.iter().all(is_blank));
    if rows_below && (most || header.mapping.len() >= NAMED) {
        return Looked::Lacks(Lacks {
            named: {
                let mut at: Vec<usize> = header.mapping.values().copied().collect();
                at.sort_unstable();
                at.iter().map(|&i| header.cells[i].clone()).collect()
            },
            missing,
            cells: header.cells,
        });
    }
    Looked::Other {
        missing,
        cells: cells_of(&header.cells),
    }
}

/// The table other than that of `synonyms` whose header, by its names (built-in and the
/// configuration's: by the built-in ones alone until session 32), names more than `named`
/// columns in the rows `head` (the first such in [`Table::ALL`] when several do).
fn like(synonyms: &Synonyms, named: usize, head: &[Vec<String>]) -> Option<Table> {
    Table::ALL
        .into_iter()
        .filter(|&t| t != synonyms.table())
        .filter_map(|t| {
            let n = synonyms.of(t).find_header(head)?.mapping.len();
            (n > named).then_some((t, n))
        })
        .fold(None, |best: Option<(Table, usize)>, (t, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((t, n)),
        })
        .map(|(t, _)| t)
}

/// A row's cells that are not empty.
fn cells_of(row: &[String]) -> Vec<String> {
    row.iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The cells that are not empty, each between `open` and `close`, joined with `, `.
pub(super) fn quoted(cells: &[String], open: &str, close: &str) -> String {
    cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| format!("{open}{c}{close}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A sheet of `rows`, each cell text (empty: no cell).
    fn sheet(rows: &[&[&str]]) -> (Range<Data>, Vec<Vec<String>>) {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(1).max(1);
        let height = rows.len().max(1);
        let mut range = Range::new((0, 0), (height as u32 - 1, width as u32 - 1));
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                range.set_value((r as u32, c as u32), Data::String(cell.to_string()));
            }
        }
        let head = (0..height)
            .map(|r| {
                (0..width)
                    .map(|c| {
                        rows.get(r)
                            .and_then(|row| row.get(c))
                            .unwrap_or(&"")
                            .to_string()
                    })
                    .collect()
            })
            .collect();
        (range, head)
    }

    fn looked(table: Table, rows: &[&[&str]]) -> Looked {
        let (range, head) = sheet(rows);
        let synonyms = Synonyms::new(table, &Config::default());
        look(&synonyms, &range, &head)
    }

    #[test]
    fn a_sheet_naming_every_required_column_holds_the_table() {
        let got = looked(
            Table::Visits,
            &[
                &["Номер", "Дата", "Код клиента", "Марка"],
                &["V1", "01.09.2026", "C1", "Kia"],
            ],
        );
        assert!(matches!(got, Looked::Holds), "{got:?}");
    }

    #[test]
    fn regression_a_sheet_of_visits_lacking_its_client_column_is_an_error_naming_it() {
        // Three of the four required columns and rows below: the visits' sheet, its client
        // column under a name stoa does not know.
        let got = looked(
            Table::Visits,
            &[
                &["Номер", "Дата", "Плательщик", "Марка"],
                &["V1", "01.09.2026", "C1", "Kia"],
            ],
        );
        let Looked::Lacks(lacks) = got else {
            panic!("{got:?}")
        };
        let e = lacks.error(
            Table::Visits,
            "v.xlsx, sheet \"S\"".into(),
            r#"visits = "v.xlsx#T""#.into(),
        );
        let said = e.to_string();
        assert!(said.contains("v.xlsx, sheet \"S\""), "{said}");
        // Named as exports name it, never by stoa's `client_id`.
        assert!(
            said.contains("no column «Client» (required; in a Russian export «Код клиента»)"),
            "{said}"
        );
        assert!(
            said.contains("its header names «Номер», «Дата», «Марка»"),
            "{said}"
        );
        assert!(
            !said.contains("for client_id") && !said.contains("opened_at"),
            "{said}"
        );
        assert!(
            said.contains(r#""Номер", "Дата", "Плательщик", "Марка""#),
            "{said}"
        );
        assert_eq!(e.exit_code(), crate::error::ExitCode::BadData);
    }

    #[test]
    fn three_columns_of_the_table_over_rows_are_its_sheet_though_its_one_required_is_missing() {
        let got = looked(
            Table::Clients,
            &[
                &["Наименование", "Телефон", "E-mail"],
                &["ООО «Вектор»", "+7 916 123-45-67", "a@b.ru"],
            ],
        );
        assert!(matches!(got, Looked::Lacks(_)), "{got:?}");
    }

    #[test]
    fn a_sheet_naming_only_the_columns_other_tables_have_too_is_set_aside() {
        // A visits' history among clients: the client's code holds the table, but the
        // header names more of the visits'.
        let history = looked(
            Table::Clients,
            &[
                &["Код клиента", "Дата", "Сумма"],
                &["C1", "01.10.2026", "1000"],
            ],
        );
        let Looked::Aside { named, like } = history else {
            panic!("{history:?}")
        };
        assert_eq!(named, ["client_id"]);
        assert_eq!(like, Some(Table::Visits));
        // A summary of a total a visit among order lines: no description (a client's
        // name is none), and no table names more of it.
        let summary = looked(
            Table::OrderLines,
            &[
                &["Номер заказ-наряда", "Наименование клиента", "Сумма"],
                &["V1", "Иванов", "3000"],
            ],
        );
        let Looked::Aside { named, like } = summary else {
            panic!("{summary:?}")
        };
        assert_eq!(named, ["visit_id", "amount"]);
        assert_eq!(like, None);
        // The lines' own sheet, with a description, holds them.
        let lines = looked(
            Table::OrderLines,
            &[
                &["Номер заказ-наряда", "Наименование", "Сумма"],
                &["V1", "Мойка", "1000"],
            ],
        );
        assert!(matches!(lines, Looked::Holds), "{lines:?}");
    }

    #[test]
    fn a_cover_a_pivot_or_a_header_without_rows_is_another_sheet_and_an_empty_one_empty() {
        let cover = looked(
            Table::Visits,
            &[
                &["Отчёт по заказ-нарядам"],
                &["Период:", "01.09.2026 - 30.09.2026"],
            ],
        );
        let Looked::Other { missing, cells } = cover else {
            panic!("{cover:?}")
        };
        assert_eq!(missing, ["visit_id", "opened_at", "client_id", "brand"]);
        assert_eq!(cells, ["Отчёт по заказ-нарядам"]);
        // A pivot of makes: one column of the visits' named.
        let pivot = looked(
            Table::Visits,
            &[&["Марка", "Количество"], &["Kia", "12"], &["Lada", "7"]],
        );
        let Looked::Other { missing, cells } = pivot else {
            panic!("{pivot:?}")
        };
        assert_eq!(missing, ["visit_id", "opened_at", "client_id"]);
        assert_eq!(cells, ["Марка", "Количество"]);
        // The visits' header over no rows: a template, nothing lost.
        let template = looked(Table::Visits, &[&["Номер", "Дата", "Плательщик", "Марка"]]);
        assert!(matches!(template, Looked::Other { .. }), "{template:?}");
        assert!(matches!(looked(Table::Visits, &[]), Looked::Empty));
    }
}
