//! Headers of more than one row, as 1C's reports and Russian printed forms lay them out: a
//! group cell (`Сумма`, `Клиент`) merged over the sub-headers of its columns (`без скидки
//! | со скидкой`, `Код | Наименование`), the other cells merged down over both rows; and
//! the row of column numbers (`1 | 2 | 3`) under a header. Read a row at a time, the first
//! lost the amount after the discount (the group's name read the amount before it) and the
//! second was rejected as a row of data.

use super::Synonyms;
use crate::schema::{fold, Table};

/// A column of a two-row header read by its group cell and its own sub-header.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    /// The column's position in the row (0-based).
    pub position: usize,
    /// The group cell above it, as written.
    pub upper: String,
    /// Its own cell in the second row, as written.
    pub lower: String,
}

/// Sub-headers that name their group's own column: the code of a `Клиент` is the client,
/// the number of a `Заказ-наряд` the visit.
const ID_WORDS: [&str; 4] = ["код", "номер", "№", "id"];

/// Sub-headers that give the code or the name of the thing their group cell names: under a
/// work or part (`Номенклатура` over `Код | Наименование`) they are the order line's (or
/// the price list's) service code and description; under anything else among order lines
/// (`Клиент`, `Исполнитель`) they are that thing's, and no field of the line.
const CODE_WORDS: [&str; 2] = ["код", "артикул"];
const NAME_WORDS: [&str; 3] = ["наименование", "название", "имя"];

/// Columns of a person's name: the mechanic of an order line, the manager of a visit.
/// Under their group cell the person's name is the column (`Исполнитель` over `ФИО |
/// Разряд`), and a code beside it nothing.
const PERSON_COLUMNS: [&str; 2] = ["mechanic", "manager"];

/// Sub-headers (folded, their letters and digits alone: `Ф.И.О.` is `фио`) that give a
/// person's name.
const PERSON_WORDS: [&str; 8] = [
    "фио",
    "наименование",
    "имя",
    "фамилия",
    "фамилияимя",
    "фамилияимяотчество",
    "name",
    "fullname",
];

/// Whether a sub-header gives a person's name ([`PERSON_WORDS`]).
fn person_word(l: &str) -> bool {
    let letters: String = fold(l).chars().filter(|c| c.is_alphanumeric()).collect();
    PERSON_WORDS.contains(&letters.as_str())
}

/// Group cells (folded) that name the work or part of an order line beyond the
/// description's own names (`Номенклатура`, `Работа`): 1C's and CRMs' groups of the
/// catalogue's code and name.
const ITEM_GROUPS: [&str; 18] = [
    "услуга",
    "услуги",
    "товар",
    "товары",
    "запчасть",
    "запчасти",
    "материал",
    "материалы",
    "работа/услуга",
    "работы/услуги",
    "товар/услуга",
    "товары/услуги",
    "товары и услуги",
    "работы и услуги",
    "работы и материалы",
    "работы/материалы",
    "работы и запчасти",
    "работы/запчасти",
];

/// Group cells (folded, a unit after a comma left out) of a discount given two ways:
/// 1C's `Скидка` over `% | Сумма`.
const DISCOUNT_GROUPS: [&str; 4] = ["скидка", "скидки", "discount", "discounts"];

/// Sub-headers (folded, a unit after a comma left out) of a money figure: under a discount
/// group they are its amount.
const MONEY_WORDS: [&str; 7] = ["сумма", "руб", "руб.", "₽", "amount", "sum", "размер"];

/// The column a sub-header `l` under the group cell `g` names where `g` is a discount's
/// ([`DISCOUNT_GROUPS`], or a cell naming `discount` whole): its percentage (`%`,
/// `Процент`) is `discount_pct` and its money (`Сумма`, `Сумма, руб.`, `руб.`) the
/// amount `discount`, not the line's amount beside it; None under any other group, or
/// for any other sub-header.
fn discount_part(synonyms: &Synonyms, g: &str, l: &str) -> Option<&'static str> {
    let head = |t: &str| fold(t.split([',', '(']).next().unwrap_or(t).trim_end());
    let of_discount = DISCOUNT_GROUPS.contains(&head(g).as_str())
        || matches!(synonyms.matched(g), Some(("discount", (true, _, _))));
    if synonyms.table() != Table::OrderLines || !of_discount {
        return None;
    }
    let word = fold(l);
    if super::percent::says_percent(&word) {
        return Some("discount_pct");
    }
    let money = MONEY_WORDS.contains(&head(l).as_str())
        || matches!(synonyms.matched(l), Some(("amount" | "discount", _)));
    money.then_some("discount")
}

/// The cells of `upper` and `lower` read as one header row, and which columns were read
/// by their group cell; None when `lower` is no sub-header of `upper`.
///
/// Each column is named by its own cell in `lower`, or by the group cell above it followed
/// by that cell where the two name a column whole (`Сумма` + `со скидкой` is `Сумма со
/// скидкой`; a group cell's unit after a comma is left out: `Сумма, руб.`), or by the group
/// cell alone where its cell is one of [`ID_WORDS`]; a column with nothing in `lower` is
/// named by its cell in `upper` (merged down over both rows). A group cell is a cell of
/// `upper` with a sub-header under it, carried right over the empty cells of `upper` (a
/// merged cell's others are empty) while `lower` has sub-headers under them.
///
/// `lower` is a sub-header when it names a column (alone or after its group cell), each of
/// its cells either does or lies under a group cell of two columns or more (a row of data
/// under a header has values under cells of one column each, which name nothing), and
/// `upper` names a column over an empty cell of `lower` or with one of its cells (a title
/// above a header names none).
pub(super) fn join(
    synonyms: &Synonyms,
    upper: &[String],
    lower: &[String],
) -> Option<(Vec<String>, Vec<Joined>)> {
    let width = upper.len().max(lower.len());
    fn cell(row: &[String], j: usize) -> &str {
        row.get(j).map_or("", |c| c.trim())
    }
    let mut group: Vec<Option<usize>> = Vec::with_capacity(width);
    let mut current = None;
    for j in 0..width {
        current = match (cell(upper, j).is_empty(), cell(lower, j).is_empty()) {
            (false, false) => Some(j),
            (true, false) => current,
            _ => None,
        };
        group.push(current);
    }
    let wide = |g: usize| group.iter().filter(|&&x| x == Some(g)).count() >= 2;
    // A group over every column is a title above the header, not a group of its own.
    let title = group.iter().all(Option::is_some);
    // Whole names only: a cell that merely begins with a name says too little to join rows.
    let whole = |text: &str| synonyms.matched(text).filter(|(_, s)| s.0);
    let mut cells = Vec::with_capacity(width);
    let mut joined = Vec::new();
    let mut names = false;
    // Whether `upper` names a column of its own or with a sub-header: a title above a
    // header (one cell, carried over the header's cells) does neither.
    let mut above = false;
    for (j, &group_of) in group.iter().enumerate() {
        let (u, l) = (cell(upper, j), cell(lower, j));
        if l.is_empty() {
            above |= synonyms.matched(u).is_some();
            cells.push(u.to_string());
            continue;
        }
        let g = group_of.map(|g| cell(upper, g));
        let word = fold(l);
        let word = word.trim_end_matches([':', ' ']);
        let attribute = CODE_WORDS.contains(&word) || NAME_WORDS.contains(&word);
        // Code and name words under a group among tables of services (order lines, price
        // lists): the work's, or another thing's (read as nothing).
        let services = matches!(
            synonyms.table(),
            Table::OrderLines | Table::PriceList | Table::CompetitorPrices
        );
        let lines_group = services && attribute;
        // A discount's percentage and amount under its group cell: the amount's `Сумма`
        // was read as the line's amount (the revenue the sum of the discounts).
        let discount = g.filter(|_| !title).and_then(|g| {
            let column = discount_part(synonyms, g, l)?;
            let head = g.split([',', '(']).next().unwrap_or(g).trim_end();
            // The group cell or the sub-header where they name it, else the column's own
            // name; nothing where the configuration leaves it out.
            let named = [
                format!("{g} {l}"),
                format!("{head} {l}"),
                l.to_string(),
                g.to_string(),
                format!("{head}, %"),
                column.to_string(),
            ]
            .into_iter()
            .find(|t| whole(t).is_some_and(|(c, _)| c == column));
            Some(named.ok_or(format!("{g} {l}")))
        });
        if let Some(Err(nothing)) = discount {
            cells.push(nothing);
            continue;
        }
        // A person's name under their group cell is the group's column; the code beside
        // it is nothing (read as the group's, it tied with the name). Until session 30 the
        // second row of `Исполнитель` over `ФИО | Разряд` named nothing, and was rejected
        // as a line of no visit.
        let person = group_of.filter(|&p| {
            !title && whole(cell(upper, p)).is_some_and(|(c, _)| PERSON_COLUMNS.contains(&c))
        });
        if let Some(p) = person {
            let g = cell(upper, p);
            if person_word(l) {
                joined.push(Joined {
                    position: j,
                    upper: g.to_string(),
                    lower: l.to_string(),
                });
                names = true;
                cells.push(g.to_string());
                continue;
            }
            let named = (0..width).any(|k| group[k] == Some(p) && person_word(cell(lower, k)));
            if named && ID_WORDS.contains(&word) {
                cells.push(format!("{g} {l}"));
                continue;
            }
        }
        let read = discount.and_then(Result::ok).or_else(|| {
            g.and_then(|g| {
                let head = g.split([',', '(']).next().unwrap_or(g).trim_end();
                let id = word;
                [format!("{g} {l}"), format!("{head} {l}")]
                    .into_iter()
                    .find(|t| whole(t).is_some())
                    .or_else(|| {
                        let item = matches!(whole(g), Some(("description" | "service_code", _)))
                            || ITEM_GROUPS.contains(&fold(head).as_str());
                        let of_item = lines_group && item && !title;
                        of_item.then(|| {
                            let column = match CODE_WORDS.contains(&id) {
                                true => "service_code",
                                false => "description",
                            };
                            // The cell as written where it names that column (`Код`), else
                            // the column's own name, which no configuration renames.
                            match whole(l) {
                                Some((c, _)) if c == column => l.to_string(),
                                _ => column.to_string(),
                            }
                        })
                    })
                    .or_else(|| {
                        // Not a column of the whole car: `Автомобиль` + `Номер` is no brand.
                        (ID_WORDS.contains(&id.trim_end_matches([':', ' ']))
                            && whole(g).is_some_and(|(_, s)| s.2 > 0))
                        .then(|| g.to_string())
                    })
            })
        });
        match read {
            Some(text) => {
                joined.push(Joined {
                    position: j,
                    upper: g.unwrap_or_default().to_string(),
                    lower: l.to_string(),
                });
                names = true;
                cells.push(text);
            }
            // The code or name of a thing the order lines have no column for (`Клиент`
            // over `Код | Наименование`): read as nothing, not as the line's own.
            None if lines_group && !title && group_of.is_some_and(wide) => {
                cells.push(format!("{} {l}", g.unwrap_or_default()));
            }
            None => {
                let named = whole(l).is_some();
                if !named && !group_of.is_some_and(wide) {
                    return None;
                }
                names |= named;
                cells.push(l.to_string());
            }
        }
    }
    (names && (above || !joined.is_empty())).then_some((cells, joined))
}

/// Whether `lower`, the row under a header of one row `upper` whose read columns sit at
/// `read`, is that header's second row over columns this table does not read: it leaves
/// every column read empty, and each of its cells lies under a group cell of two columns
/// or more (`Сумма` over `без скидки | со скидкой` above the visits, which have no
/// amount). Read as data, it was a visit with every cell empty: rejected, or in a flat
/// table of lines counted as a further line of no visit.
pub(super) fn unread_sub_header(upper: &[String], lower: &[String], read: &[usize]) -> bool {
    let cell = |row: &[String], j: usize| row.get(j).map_or("", |c| c.trim()).is_empty();
    let width = upper.len().max(lower.len());
    let mut group: Vec<Option<usize>> = Vec::with_capacity(width);
    let mut current = None;
    for j in 0..width {
        current = match (cell(upper, j), cell(lower, j)) {
            (false, false) => Some(j),
            (true, false) => current,
            _ => None,
        };
        group.push(current);
    }
    let wide = |g: usize| group.iter().filter(|&&x| x == Some(g)).count() >= 2;
    let says = (0..width).any(|j| !cell(lower, j));
    says && read.iter().all(|&j| cell(lower, j))
        && (0..width).all(|j| cell(lower, j) || group[j].is_some_and(wide))
}

/// Whether `row` numbers the columns of the header `cells` (`1 | 2 | 3 | 4 | 5`, as Russian
/// printed forms have under their header): its non-empty cells are 1, 2, 3, … in order, as
/// many as the header's non-empty cells or more, and at least two.
pub(super) fn column_numbers(row: &[String], cells: &[String]) -> bool {
    let numbers: Vec<&str> = row
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let named = cells.iter().filter(|c| !c.trim().is_empty()).count();
    numbers.len() >= named.max(2)
        && numbers
            .iter()
            .enumerate()
            .all(|(k, n)| n.parse::<usize>() == Ok(k + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn code_and_name_under_a_work_are_the_lines_and_under_a_client_nothing() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let upper = row(&["Заказ-наряд", "Клиент", "", "Товар", "", "Сумма"]);
        let lower = row(&["", "Код", "Наименование", "Код", "Наименование", ""]);
        let (cells, joined) = join(&lines, &upper, &lower).unwrap();
        assert_eq!(
            cells,
            [
                "Заказ-наряд",
                "Клиент Код",
                "Клиент Наименование",
                "Код",
                "Наименование",
                "Сумма"
            ]
        );
        let read: Vec<Option<&str>> = cells.iter().map(|c| lines.column_of(c)).collect();
        assert_eq!(
            read,
            [
                Some("visit_id"),
                None,
                None,
                Some("service_code"),
                Some("description"),
                Some("amount")
            ]
        );
        let places: Vec<usize> = joined.iter().map(|j| j.position).collect();
        assert_eq!(places, [3, 4]);
        // A workshop's own words for the group: `Работы и материалы` stopped the run.
        for group in ["Работы и материалы", "Работы/запчасти"] {
            let upper = row(&["Заказ-наряд", group, "", "Сумма"]);
            let lower = row(&["", "Код", "Наименование", ""]);
            let (cells, _) = join(&lines, &upper, &lower).unwrap();
            let read: Vec<Option<&str>> = cells.iter().map(|c| lines.column_of(c)).collect();
            assert_eq!(
                read,
                [
                    Some("visit_id"),
                    Some("service_code"),
                    Some("description"),
                    Some("amount")
                ],
                "{group}"
            );
        }
        // A price list's work group too; among the visits the client's code is the
        // client, as before.
        let prices = Synonyms::new(Table::PriceList, &Config::default());
        let (cells, _) = join(
            &prices,
            &row(&["Работа", "", "Цена"]),
            &row(&["Код", "Наименование", ""]),
        )
        .unwrap();
        let read: Vec<Option<&str>> = cells.iter().map(|c| prices.column_of(c)).collect();
        assert_eq!(
            read,
            [Some("service_code"), Some("description"), Some("price")]
        );
        let visits = Synonyms::new(Table::Visits, &Config::default());
        let (cells, _) = join(&visits, &upper, &lower).unwrap();
        assert_eq!(cells[1], "Клиент");
    }

    #[test]
    fn a_second_row_over_columns_the_table_does_not_read_belongs_to_the_header() {
        // The visits under `Сумма` over `без скидки | со скидкой`: the second row names
        // nothing of a visit, and was read as a visit of empty cells.
        let visits = Synonyms::new(Table::Visits, &Config::default());
        let r = vec![
            row(&["Номер", "Дата", "Клиент", "Марка", "Сумма", ""]),
            row(&["", "", "", "", "без скидки", "со скидкой"]),
            row(&["ЗН-1", "01.03.2026", "КЛ-1", "Lada", "1100", "1000"]),
        ];
        let h = visits.find_header(&r).unwrap();
        assert_eq!((h.index, h.mapping.len()), (1, 4));
        // A row of data, or a row with a cell under a column read, is no second row; nor
        // is a row whose cell lies under a cell of one column.
        assert!(!unread_sub_header(&r[0], &r[2], &[0, 1, 2, 3]));
        let under_read = row(&["", "", "", "", "без скидки", "со скидкой"]);
        assert!(!unread_sub_header(&r[0], &under_read, &[0, 1, 2, 3, 4]));
        let narrow = row(&["", "", "", "", "", "со скидкой"]);
        assert!(!unread_sub_header(&r[0], &narrow, &[0, 1, 2, 3]));
    }

    #[test]
    fn regression_the_sum_under_a_discount_group_is_the_discount_not_the_amount() {
        // 1C's `Скидка` merged over `% | Сумма` beside the line's own `Сумма` merged down:
        // the discount's `Сумма` was read as the line's amount, the revenue the discounts.
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let header = vec![
            row(&[
                "Номер",
                "Наименование",
                "Кол-во",
                "Цена",
                "Скидка",
                "",
                "Сумма",
            ]),
            row(&["", "", "", "", "%", "Сумма", ""]),
        ];
        let mut r = header.clone();
        r.push(row(&[
            "ЗН-1",
            "Замена масла",
            "1",
            "1000",
            "10",
            "100",
            "900",
        ]));
        let h = lines.find_header(&r).unwrap();
        assert_eq!(h.index, 1);
        assert_eq!(h.mapping.get("discount_pct"), Some(&4));
        assert_eq!(h.mapping.get("discount"), Some(&5));
        assert_eq!(h.mapping.get("amount"), Some(&6));
        assert!(h.passed_over.is_empty(), "{:?}", h.passed_over);
        // Without the line's own amount, that is computed from the price: no amount read.
        let r: Vec<Vec<String>> = r.iter().map(|x| x[..6].to_vec()).collect();
        let h = lines.find_header(&r).unwrap();
        assert_eq!(h.mapping.get("discount"), Some(&5));
        assert_eq!(h.mapping.get("amount"), None);
        assert!(lines.missing_required(&h).is_empty());
        // `amount = "Сумма#2"`, which stoa offered while it read both `Сумма` as amounts,
        // no longer stops the run: the line's own `Сумма` is the amount.
        let toml = "[columns.order_lines]\namount = \"Сумма#2\"\n";
        let lines = Synonyms::new(Table::OrderLines, &Config::from_toml(toml, "t").unwrap());
        let h = lines.find_header(&header).unwrap();
        assert_eq!(h.mapping.get("amount"), Some(&6));
        assert_eq!(h.mapping.get("discount"), Some(&5));
        assert_eq!(lines.misplaced(&h), None);
    }

    #[test]
    fn regression_the_name_under_a_mechanic_group_is_the_mechanic() {
        // `Исполнитель` over `ФИО | Разряд` among the order lines: the second row named no
        // column, so the first was read alone and the second rejected as a line of no
        // visit (session 30).
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let r = vec![
            row(&["Заказ-наряд", "Работа", "Исполнитель", "", "Сумма"]),
            row(&["", "", "ФИО", "Разряд", ""]),
            row(&["ЗН-1", "Замена масла", "Петров И.", "5", "1500"]),
        ];
        let h = lines.find_header(&r).unwrap();
        assert_eq!(h.index, 1);
        let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, &i)| (*c, i)).collect();
        assert_eq!(
            read,
            [
                ("amount", 4),
                ("description", 1),
                ("mechanic", 2),
                ("visit_id", 0)
            ]
        );
        assert_eq!(h.rows.len(), 2);
        // Its code beside its name is nothing; alone it is still the mechanic, and so is
        // `Наименование` (1C's `Код | Наименование` of a person).
        let mechanic = |lower: [&str; 2]| {
            let upper = row(&["Заказ-наряд", "Исполнитель", "", "Сумма"]);
            let lower = row(&["", lower[0], lower[1], ""]);
            let h = lines.find_header(&[upper, lower]).unwrap();
            (h.index, h.mapping.get("mechanic").copied())
        };
        assert_eq!(mechanic(["Код", "ФИО"]), (1, Some(2)));
        assert_eq!(mechanic(["Код", "Наименование"]), (1, Some(2)));
        assert_eq!(mechanic(["Код", "Разряд"]), (1, Some(1)));
        assert_eq!(mechanic(["Таб. №", "Ф.И.О."]), (1, Some(2)));
        // The visits' manager the same way.
        let visits = Synonyms::new(Table::Visits, &Config::default());
        let r = vec![
            row(&["Номер", "Дата", "Клиент", "Марка", "Мастер-приёмщик", ""]),
            row(&["", "", "", "", "ФИО", "Телефон"]),
        ];
        let h = visits.find_header(&r).unwrap();
        assert_eq!((h.index, h.mapping.get("manager")), (1, Some(&4)));
    }

    #[test]
    fn regression_a_discount_group_right_of_the_amount_is_a_two_row_header() {
        // `Скидка` over `Процент | Сумма` after the line's `Сумма`: its second row named
        // no more columns than the first and was rejected as data.
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let r = vec![
            row(&[
                "Заказ-наряд",
                "Работа",
                "Цена",
                "Сумма",
                "Скидки",
                "",
                "Отказ",
            ]),
            row(&["", "", "", "", "Процент", "Сумма, руб.", ""]),
            row(&["ЗН-1", "Замена масла", "1000", "900", "10", "100", "нет"]),
        ];
        let h = lines.find_header(&r).unwrap();
        assert_eq!(h.index, 1);
        let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, &i)| (*c, i)).collect();
        assert_eq!(
            read,
            [
                ("amount", 3),
                ("declined", 6),
                ("description", 1),
                ("discount", 5),
                ("discount_pct", 4),
                ("unit_price", 2),
                ("visit_id", 0)
            ]
        );
        // Other groups are as they were: `Сумма` over `без скидки | скидка | со скидкой`.
        let (cells, _) = join(
            &lines,
            &row(&["Сумма", "", ""]),
            &row(&["без скидки", "скидка", "со скидкой"]),
        )
        .unwrap();
        let read: Vec<Option<&str>> = cells.iter().map(|c| lines.column_of(c)).collect();
        assert_eq!(
            read,
            [Some("gross_amount"), Some("discount"), Some("amount")]
        );
        // Nor do the visits, which read no discount, take a discount group for one.
        let visits = Synonyms::new(Table::Visits, &Config::default());
        assert_eq!(discount_part(&visits, "Скидка", "Сумма"), None);
    }
}
