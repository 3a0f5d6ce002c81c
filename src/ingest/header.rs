//! Finding the header row among title rows and matching its cells to canonical columns by
//! the synonyms of SPEC §2 and of the configuration.

use std::collections::BTreeMap;

use crate::config::{ColumnNames, Config};
use crate::schema::{fold, Column, Table};

/// How far down a sheet the header is looked for (SPEC §4.1).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// The header row that was found and how its cells map to canonical columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Index of the header among the rows that were searched (0-based).
    pub index: usize,
    /// Every cell of the header row as written (trimmed).
    pub cells: Vec<String>,
    /// Canonical column → position in the row. Where several cells name one column, the
    /// most specific name wins: a synonym from `stoa.toml` before a built-in one, then the
    /// longer synonym (`Сумма со скидкой` before `Сумма`, `Код клиента` before `Клиент`),
    /// then the first cell.
    pub mapping: BTreeMap<&'static str, usize>,
    /// Canonical column → the other cells of the row that name it too and are not read.
    pub passed_over: BTreeMap<&'static str, Vec<usize>>,
    /// Canonical columns read from a cell that only begins with one of their names
    /// (`Статус документа` for `status`), in the order of `mapping`'s keys.
    pub loose: Vec<&'static str>,
}

impl Header {
    /// The header text the user wrote for a canonical column.
    pub fn source_name<'a>(&'a self, canonical: &'a str) -> &'a str {
        self.mapping
            .get(canonical)
            .map(|&i| self.cells[i].as_str())
            .unwrap_or(canonical)
    }
}

/// Header synonyms of one table: built-in plus the configuration's, all folded, each
/// marked whether it came from the configuration.
pub struct Synonyms {
    table: Table,
    names: Vec<(&'static Column, Vec<(String, bool)>)>,
}

/// How specifically a cell names its column: the whole cell before a cell that begins
/// with the name, from the configuration, then the length of the synonym it matched. The
/// larger wins.
type Specificity = (bool, bool, usize);

/// The shortest name a cell may begin with to be read as that name's column: shorter
/// ones (`№`, `id`, `код`, `тип`) begin too many other headers (`№ п/п`, `Код клиента`
/// among order lines).
const LOOSE_MIN_CHARS: usize = 4;

/// Whether `cell` (folded) begins with `name` (folded) as a whole word or words, followed by
/// more words: `статус документа`, `пробег (км)`, `марка а/м`, not `заказ-наряды`.
fn begins_with_words(cell: &str, name: &str) -> bool {
    name.chars().count() >= LOOSE_MIN_CHARS
        && cell
            .strip_prefix(name)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| matches!(c, ' ' | '(' | ',' | '/'))
}

impl Synonyms {
    /// The synonyms of a table under a configuration.
    pub fn new(table: Table, config: &Config) -> Synonyms {
        let extra = config
            .columns
            .iter()
            .find(|(t, _)| Table::from_name(t) == Some(table))
            .map(|(_, c)| c);
        let names = table
            .input_columns()
            .iter()
            .map(|c| {
                // The whole car names the brand of a visit, below its other names.
                let car: &[&str] = match (table, c.name) {
                    (Table::Visits, "brand") => &crate::ingest::vehicle::VEHICLE_NAMES,
                    _ => &[],
                };
                let mut n: Vec<(String, bool)> = std::iter::once(c.name)
                    .chain(c.synonyms.iter().copied())
                    .chain(car.iter().copied())
                    .map(|s| (fold(s), false))
                    .collect();
                match extra.and_then(|e| e.get(c.name)) {
                    Some(ColumnNames::Also(more)) => n.extend(more.iter().map(|s| (fold(s), true))),
                    // No name at all: no header cell is ever taken for it.
                    Some(ColumnNames::LeftOut) => n.clear(),
                    None => {}
                }
                (c, n)
            })
            .collect();
        Synonyms { table, names }
    }

    /// The canonical column a header cell names, if any.
    ///
    /// ```
    /// use stoa::{config::Config, ingest::header::Synonyms, schema::Table};
    /// let s = Synonyms::new(Table::Visits, &Config::default());
    /// assert_eq!(s.column_of(" Дата приёма "), Some("opened_at"));
    /// assert_eq!(s.column_of("Госномер"), Some("plate"));
    /// assert_eq!(s.column_of("Комментарий"), None);
    /// ```
    pub fn column_of(&self, cell: &str) -> Option<&'static str> {
        self.matched(cell).map(|(c, _)| c)
    }

    /// The canonical column a header cell names and how specifically.
    ///
    /// A cell is first matched whole; a trailing `:` or `*` (a form's label, a required
    /// field's mark) is not part of the name. Failing that, a cell that begins with a name of
    /// at least [`LOOSE_MIN_CHARS`] letters followed by more words is that name's column,
    /// the longest such name winning (`Дата выдачи план` is `closed_at`, not `opened_at`).
    fn matched(&self, cell: &str) -> Option<(&'static str, Specificity)> {
        let folded = fold(cell);
        let f = folded.trim_end_matches([':', '*', ' ']);
        if f.is_empty() {
            return None;
        }
        // A name of the whole car names the brand below any other name of it.
        let length = |s: &str| match crate::ingest::vehicle::VEHICLE_NAMES.contains(&s) {
            true => 0,
            false => s.chars().count(),
        };
        let whole = self.names.iter().find_map(|(c, n)| {
            let config = n.iter().any(|(s, from_config)| *from_config && *s == f);
            n.iter()
                .any(|(s, _)| *s == f)
                .then(|| (c.name, (true, config, length(f))))
        });
        if self.table.not_columns().contains(&f) {
            return whole;
        }
        whole.or_else(|| {
            self.names
                .iter()
                .flat_map(|(c, n)| n.iter().map(move |(s, config)| (c.name, s, *config)))
                .filter(|(_, s, _)| begins_with_words(f, s))
                .map(|(c, s, config)| (c, (false, config, length(s))))
                .max_by_key(|&(_, specificity)| specificity)
        })
    }

    /// The table these synonyms belong to.
    pub fn table(&self) -> Table {
        self.table
    }

    /// Find the header among the first rows: the row that names the most known columns
    /// (the first such row on a tie). None when no row names any.
    pub fn find_header(&self, rows: &[Vec<String>]) -> Option<Header> {
        let mut best: Option<Header> = None;
        for (index, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let mut chosen: BTreeMap<&'static str, (usize, Specificity)> = BTreeMap::new();
            let mut passed_over: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
            // Columns that two cells begin with the name of, and no cell names whole
            // (`Сумма НДС` and `Сумма с НДС`): which one holds it is not for stoa to guess.
            let mut tied: Vec<&'static str> = Vec::new();
            for (i, cell) in row.iter().enumerate() {
                let Some((c, specificity)) = self.matched(cell) else {
                    continue;
                };
                // A cell that only begins with a name and loses to another is some other
                // column (`Номер телефона` beside `Номер заказ-наряда`): not worth a word.
                // Nor is a column of the whole car beside the brand's own (`Автомобиль`
                // beside `Марка`): its names match with length 0.
                match chosen.get(c) {
                    Some(&(j, best)) if specificity > best => {
                        if best.0 && best.2 > 0 {
                            passed_over.entry(c).or_default().push(j);
                        }
                        tied.retain(|t| *t != c);
                        chosen.insert(c, (i, specificity));
                    }
                    Some(_) if specificity.0 && specificity.2 > 0 => {
                        passed_over.entry(c).or_default().push(i)
                    }
                    Some(&(_, best)) if specificity == best => tied.push(c),
                    Some(_) => {}
                    None => {
                        chosen.insert(c, (i, specificity));
                    }
                }
            }
            for c in tied {
                chosen.remove(c);
            }
            for cells in passed_over.values_mut() {
                cells.sort_unstable();
            }
            let loose: Vec<&'static str> = chosen
                .iter()
                .filter(|(_, (_, specificity))| !specificity.0)
                .map(|(c, _)| *c)
                .collect();
            let mapping: BTreeMap<&'static str, usize> =
                chosen.into_iter().map(|(c, (i, _))| (c, i)).collect();
            if !mapping.is_empty()
                && best
                    .as_ref()
                    .is_none_or(|b| mapping.len() > b.mapping.len())
            {
                let cells = row.iter().map(|c| c.trim().to_string()).collect();
                best = Some(Header {
                    index,
                    cells,
                    mapping,
                    passed_over,
                    loose,
                });
            }
        }
        best
    }

    /// Required columns the header lacks. In `competitor_prices` a row needs a service code
    /// or a description, so a file with neither column lacks `service_code`; order lines
    /// with a unit price but no amount have their amount computed from it
    /// ([`amount_from_price`]).
    pub fn missing_required(&self, header: &Header) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = self
            .table
            .input_columns()
            .iter()
            .filter(|c| c.required && !header.mapping.contains_key(c.name))
            .filter(|c| !(c.name == "amount" && amount_from_price(self.table, header)))
            .map(|c| c.name)
            .collect();
        if self.table == Table::CompetitorPrices
            && !header.mapping.contains_key("service_code")
            && !header.mapping.contains_key("description")
        {
            missing.push("service_code or description");
        }
        missing
    }
}

/// Whether the table is order lines whose header has a unit price and no amount: an
/// export of `Цена` and `Количество` without `Сумма`, as journals kept by hand often are.
/// Their amount is computed from the price, the quantity and the discount (SPEC §2 makes
/// the amount required, but stopping the run for a figure the row gives is no help).
pub fn amount_from_price(table: Table, header: &Header) -> bool {
    table == Table::OrderLines
        && !header.mapping.contains_key("amount")
        && header.mapping.contains_key("unit_price")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn header_below_title_rows_wins_over_a_title_that_names_one_column() {
        let s = Synonyms::new(Table::Visits, &Config::default());
        let r = rows(&[
            &["Выгрузка заказ-нарядов", "", ""],
            &["Дата", "01.11.2026", ""], // names one column (дата) by accident
            &[],
            &[
                "Номер заказ-наряда",
                "Дата приёма",
                "Код клиента",
                "Марка",
                "Примечание",
            ],
        ]);
        let h = s.find_header(&r).unwrap();
        assert_eq!(h.index, 3);
        assert_eq!(h.mapping.get("visit_id"), Some(&0));
        assert_eq!(h.mapping.get("opened_at"), Some(&1));
        assert_eq!(h.mapping.get("brand"), Some(&3));
        assert_eq!(h.mapping.len(), 4);
        assert!(s.missing_required(&h).is_empty());
    }

    #[test]
    fn config_synonyms_and_missing_columns() {
        let cfg = Config::from_toml("[columns.visits]\nopened_at = [\"Принят\"]\n", "t").unwrap();
        let s = Synonyms::new(Table::Visits, &cfg);
        let h = s.find_header(&rows(&[&["Принят", "Клиент"]])).unwrap();
        assert_eq!(h.mapping.get("opened_at"), Some(&0));
        assert_eq!(s.missing_required(&h), vec!["visit_id", "brand"]);
    }

    #[test]
    fn the_most_specific_of_two_names_for_a_column_is_read() {
        // A 1C export: the row number, the client's name beside their code, the amount
        // before and after the discount. Read in the first cell's favour, the visit id was
        // the row number, the client the name and the revenue the gross amount.
        let s = Synonyms::new(Table::Visits, &Config::default());
        let h = s
            .find_header(&rows(&[&[
                "№",
                "Номер заказ-наряда",
                "Дата",
                "Клиент",
                "Код клиента",
                "Марка",
            ]]))
            .unwrap();
        assert_eq!(h.mapping.get("visit_id"), Some(&1));
        assert_eq!(h.mapping.get("client_id"), Some(&4));
        assert_eq!(h.passed_over.get("visit_id"), Some(&vec![0]));
        assert_eq!(h.passed_over.get("client_id"), Some(&vec![3]));
        assert_eq!(h.passed_over.get("opened_at"), None);
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let h = lines
            .find_header(&rows(&[&[
                "Заказ-наряд",
                "Наименование",
                "Сумма",
                "Сумма со скидкой",
            ]]))
            .unwrap();
        assert_eq!(h.mapping.get("amount"), Some(&3));
        // A name given in stoa.toml is read before any built-in one, however short.
        let cfg = Config::from_toml("[columns.order_lines]\namount = [\"Сумма\"]\n", "t").unwrap();
        let lines = Synonyms::new(Table::OrderLines, &cfg);
        let h = lines
            .find_header(&rows(&[&[
                "Заказ-наряд",
                "Наименование",
                "Сумма со скидкой",
                "Сумма",
            ]]))
            .unwrap();
        assert_eq!(h.mapping.get("amount"), Some(&3));
        assert_eq!(h.passed_over.get("amount"), Some(&vec![2]));
    }

    #[test]
    fn a_cell_that_begins_with_a_name_is_read_when_no_cell_names_the_column_whole() {
        // 1C's own headers. Before, `Статус документа` went unread without a word and every
        // visit counted as done, cancelled and no-show ones too.
        let s = Synonyms::new(Table::Visits, &Config::default());
        let h = s
            .find_header(&rows(&[&[
                "Номер документа",
                "Дата документа",
                "Код клиента:",
                "Марка а/м",
                "Пробег (км)",
                "Статус документа",
                "Дата выдачи план",
                "Номер телефона",
            ]]))
            .unwrap();
        let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, i)| (*c, *i)).collect();
        assert_eq!(
            read,
            [
                ("brand", 3),
                ("client_id", 2),
                ("closed_at", 6), // the longest name it begins with: `дата выдачи`
                ("odometer_km", 4),
                ("opened_at", 1),
                ("status", 5),
                ("visit_id", 0), // `Номер телефона` is known to be no visit number
            ]
        );
        // `Код клиента:` is the whole name once its colon is gone.
        assert_eq!(
            h.loose,
            [
                "brand",
                "closed_at",
                "odometer_km",
                "opened_at",
                "status",
                "visit_id"
            ]
        );
        assert!(h.passed_over.is_empty(), "{:?}", h.passed_over);

        // A whole name wins, and the cell that only began with one is not passed over.
        let h = s
            .find_header(&rows(&[&[
                "Номер телефона",
                "Номер заказ-наряда",
                "Дата",
                "Клиент",
                "Марка",
            ]]))
            .unwrap();
        assert_eq!(h.mapping.get("visit_id"), Some(&1));
        assert!(h.loose.is_empty() && h.passed_over.is_empty());

        // Two cells that begin with the same name, and none whole: which is the visit's
        // date is not guessed, and the missing column is the error it always was.
        let h = s
            .find_header(&rows(&[&[
                "Номер заказ-наряда",
                "Дата документа",
                "Дата записи",
                "Клиент",
                "Марка",
            ]]))
            .unwrap();
        assert_eq!(h.mapping.get("opened_at"), None);
        assert_eq!(s.missing_required(&h), ["opened_at"]);

        // Headers known to be something else are not read by their first words: the
        // amount before the discount is no amount.
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let h = lines
            .find_header(&rows(&[&[
                "Заказ-наряд",
                "Наименование",
                "Сумма без скидки",
            ]]))
            .unwrap();
        assert_eq!(lines.missing_required(&h), ["amount"]);
        // A discount in per cent is no discount amount; a time of repair no time of day;
        // `Фамилия, имя, отчество` is the whole name, not the surname.
        let h = lines
            .find_header(&rows(&[&["Заказ-наряд", "Сумма", "Скидка, %"]]))
            .unwrap();
        assert_eq!(h.mapping.get("discount"), None);
        let visits = Synonyms::new(Table::Visits, &Config::default());
        let h = visits
            .find_header(&rows(&[&["Номер", "Дата", "Время ремонта", "Время"]]))
            .unwrap();
        assert_eq!(h.mapping.get("opened_time"), Some(&3));
        let clients = Synonyms::new(Table::Clients, &Config::default());
        let h = clients
            .find_header(&rows(&[&["Код клиента", "Фамилия, имя, отчество"]]))
            .unwrap();
        assert_eq!(h.mapping.get("name"), Some(&1));
        assert_eq!(h.mapping.get("surname"), None);

        // Short names are not read from the start of a cell: `№ п/п` is no visit number, and
        // `Код клиента` among order lines no service code; nor is a word that merely begins
        // with a name (`Заказ-наряды за октябрь`).
        let h = lines
            .find_header(&rows(&[&[
                "№ п/п",
                "Код клиента",
                "Заказ-наряды за октябрь",
                "Сумма",
            ]]))
            .unwrap();
        assert_eq!(h.mapping.keys().copied().collect::<Vec<_>>(), ["amount"]);
    }

    #[test]
    fn the_code_of_a_1c_catalogue_is_the_client_or_agent_id() {
        // 1C's catalogue of counterparties exported as it is: `Код` is the client's code;
        // a `Код клиента` beside it is still the more specific name.
        let s = Synonyms::new(Table::Clients, &Config::default());
        let h = s
            .find_header(&rows(&[&["Код", "Наименование", "Телефон"]]))
            .unwrap();
        assert_eq!(h.mapping.get("client_id"), Some(&0));
        assert_eq!(h.mapping.get("name"), Some(&1));
        let h = s
            .find_header(&rows(&[&["Код", "Код клиента", "ФИО"]]))
            .unwrap();
        assert_eq!(h.mapping.get("client_id"), Some(&1));
        let s = Synonyms::new(Table::Agents, &Config::default());
        let h = s
            .find_header(&rows(&[&["Код", "Наименование", "Вид"]]))
            .unwrap();
        assert_eq!(h.mapping.get("agent_id"), Some(&0));
    }

    #[test]
    fn no_header_when_nothing_matches() {
        let s = Synonyms::new(Table::Clients, &Config::default());
        assert!(s.find_header(&rows(&[&["a", "b"], &["1", "2"]])).is_none());
    }

    #[test]
    fn competitor_prices_need_code_or_description() {
        let s = Synonyms::new(Table::CompetitorPrices, &Config::default());
        let h = s
            .find_header(&rows(&[&["Конкурент", "Цена", "Дата"]]))
            .unwrap();
        assert_eq!(s.missing_required(&h), vec!["service_code or description"]);
    }
}
