//! Finding the header row among title rows and matching its cells to canonical columns by
//! the synonyms of SPEC §2 and of the configuration.

use std::collections::BTreeMap;

use crate::config::{ColumnNames, Config};
use crate::schema::{fold, Column, Table};

mod hidden;
mod money;
mod numbered;
mod percent;
mod placed;
mod settings;
mod two_rows;
mod units;

pub use hidden::HiddenPassed;
use placed::placed_name;
pub use two_rows::Joined;
pub use units::{Rouble, Scale};

/// How far down a sheet the header is looked for (SPEC §4.1).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// How far down a sheet the header is looked for when the first [`HEADER_SEARCH_ROWS`]
/// hold none with every required column.
pub const HEADER_SEARCH_FAR: usize = 200;

/// How many rows from the top a reader gives [`Synonyms::find_header`]: the far search's,
/// a header's second row and a row of column numbers under it.
pub const HEAD_ROWS: usize = HEADER_SEARCH_FAR + 2;

/// The header row that was found and how its cells map to canonical columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Header {
    /// Index of the header's last row among the rows that were searched (0-based): of its
    /// second row when it has two, of the row of column numbers under it when it has one.
    /// The data begin below it.
    pub index: usize,
    /// Every cell of the header row as written (trimmed); of a header of two rows, each
    /// column's cell as read ([`Joined`]).
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
    /// The cells of a header of two rows read with the group cell above them, among the
    /// columns read (`Сумма` over `со скидкой`), in column order.
    pub joined: Vec<Joined>,
    /// The two rows of a header of two rows as written (trimmed), upper then lower, for
    /// finding them repeated down the table; empty for a header of one row.
    pub rows: Vec<Vec<String>>,
    /// Every row of a header of more than one row as written (trimmed), top to bottom:
    /// `rows`, or a row and the row under it that belongs to it (its sub-header over columns
    /// not read, its row of column numbers), as a report printed by pages repeats them
    /// whole over each page; empty for a header of one row.
    pub written: Vec<Vec<String>>,
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
    /// Names from the configuration that choose among cells of one name by their place:
    /// `amount = "Сумма#2"` is the second cell named `Сумма` (folded name, place from 1).
    placed: Vec<(&'static str, String, usize)>,
    /// The built-in names (folded) of the columns the configuration leaves out: no column
    /// of their own, and never another's by their first words (`gross_amount = false`
    /// leaves `Сумма без скидки` unread, not the amount).
    left_out: Vec<String>,
    /// The station's currency (`currency` in stoa.toml), whose signs make a cell a price
    /// where a reader tells the layout of a file by its cells.
    currency: crate::ingest::cells::Currency,
    /// What of the configuration the readers need beyond this table's names: the other
    /// tables' names and `[files]` ([`Synonyms::of`], [`Synonyms::names_file`]).
    settings: Config,
}

/// How specifically a cell names its column: the whole cell before a cell that begins
/// with the name, from the configuration, then the length of the synonym it matched. The
/// larger wins.
type Specificity = (bool, bool, usize);

/// The shortest name a cell may begin with to be read as that name's column: shorter
/// ones (`№`, `id`, `код`, `тип`) begin too many other headers (`№ п/п`, `Код клиента`
/// among order lines).
const LOOSE_MIN_CHARS: usize = 4;

/// Names that read a column only when no other name of it is in the header, and only
/// whole: `Номер` among order lines is their visit as the visits name it, but may be the
/// line's own number beside `Номер заказ-наряда`, and `Номер строки` is no visit.
const FALLBACK_NAMES: &[(Table, &str)] = &[(Table::OrderLines, "номер")];

/// A folded header cell with its words hyphenated by hand joined again: `дата от-крытия`
/// (a hyphen at a line end of a wrapped cell) and `наимено- вание` are `дата открытия` and
/// `наименование`; with the hyphen kept, `номер заказ- наряда` is `номер заказ-наряда`.
/// None when the cell has no hyphen inside a word.
fn dehyphenated(f: &str) -> Option<[String; 2]> {
    let inside = f.char_indices().any(|(i, c)| {
        c == '-'
            && f[..i].chars().next_back().is_some_and(char::is_alphabetic)
            && f[i + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
    });
    if !inside {
        return None;
    }
    let mut joined = String::with_capacity(f.len());
    let mut kept = String::with_capacity(f.len());
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '-' && joined.chars().next_back().is_some_and(char::is_alphabetic) {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            kept.push('-');
            continue;
        }
        joined.push(c);
        kept.push(c);
    }
    Some([joined, kept])
}

/// Whether `cell` (folded) begins with `name` (folded) as a whole word or words, followed by
/// more words: `статус документа`, `пробег (км)`, `марка а/м`, not `заказ-наряды`.
fn begins_with_words(cell: &str, name: &str) -> bool {
    name.chars().count() >= LOOSE_MIN_CHARS
        && cell
            .strip_prefix(name)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| matches!(c, ' ' | '(' | ',' | '/'))
}

/// A header cell as names are matched against it: folded, its words whole again
/// ([`unbroken`]), a trailing `:` or `*` left out.
pub fn header_key(cell: &str) -> String {
    let folded = fold(&unbroken(cell));
    folded.trim_end_matches([':', '*', ' ']).to_string()
}

/// A header cell with the words it breaks at a line end whole again: `№ заказ-⏎наряда` is
/// `№ заказ-наряда` (a hyphen at the end of a line stays, the line break after it goes),
/// and soft hyphens, which Excel shows only at a line end, are dropped. Other line breaks
/// stay, and [`fold`] reads them as spaces.
fn unbroken(cell: &str) -> std::borrow::Cow<'_, str> {
    if !cell.contains(['\n', '\r', '\u{ad}']) {
        return std::borrow::Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{ad}' => {}
            '-' => {
                out.push(c);
                let rest: String = chars.clone().take_while(|c| c.is_whitespace()).collect();
                if rest.contains(['\n', '\r']) {
                    for _ in rest.chars() {
                        chars.next();
                    }
                }
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

impl Synonyms {
    /// The synonyms of a table under a configuration.
    pub fn new(table: Table, config: &Config) -> Synonyms {
        let extra = config
            .columns
            .iter()
            .find(|(t, _)| Table::from_name(t) == Some(table))
            .map(|(_, c)| c);
        let names: Vec<(&'static Column, Vec<(String, bool)>)> = table
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
        let placed = names
            .iter()
            .flat_map(|(c, n)| {
                n.iter()
                    .filter(|(_, config)| *config)
                    .filter_map(|(s, _)| placed_name(s).map(|(base, k)| (c.name, base, k)))
            })
            .collect();
        let left_out = table
            .input_columns()
            .iter()
            .filter(|c| {
                matches!(
                    extra.and_then(|e| e.get(c.name)),
                    Some(ColumnNames::LeftOut)
                )
            })
            .flat_map(|c| std::iter::once(c.name).chain(c.synonyms.iter().copied()))
            .map(fold)
            .collect();
        Synonyms {
            table,
            names,
            placed,
            left_out,
            currency: crate::ingest::cells::Currency::new(&config.currency),
            settings: Config {
                columns: config.columns.clone(),
                files: config.files.clone(),
                currency: config.currency.clone(),
                ..Config::default()
            },
        }
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
    /// field's mark) is not part of the name, nor is a word's break at a line end
    /// ([`unbroken`]). Failing that, a cell that begins with a name of
    /// at least [`LOOSE_MIN_CHARS`] letters followed by more words is that name's column,
    /// the longest such name winning (`Дата выдачи план` is `closed_at`, not `opened_at`).
    pub(super) fn matched(&self, cell: &str) -> Option<(&'static str, Specificity)> {
        let folded = header_key(cell);
        let f = folded.as_str();
        if f.is_empty() {
            return None;
        }
        // A name of the whole car names the brand below any other name of it.
        // So does a fallback name (`FALLBACK_NAMES`), which never matches loosely.
        let fallback = |s: &str| FALLBACK_NAMES.contains(&(self.table, s));
        let length =
            |s: &str| match crate::ingest::vehicle::VEHICLE_NAMES.contains(&s) || fallback(s) {
                true => 0,
                false => s.chars().count(),
            };
        let whole_of = |f: &str| {
            self.names.iter().find_map(|(c, n)| {
                let config = n.iter().any(|(s, from_config)| *from_config && *s == f);
                n.iter()
                    .any(|(s, _)| *s == f)
                    .then(|| (c.name, (true, config, length(f))))
            })
        };
        let loose_of = |f: &str| {
            self.names
                .iter()
                .flat_map(|(c, n)| n.iter().map(move |(s, config)| (c.name, s, *config)))
                .filter(|(_, s, _)| !fallback(s) && begins_with_words(f, s))
                .map(|(c, s, config)| (c, (false, config, length(s))))
                .max_by_key(|&(_, specificity)| specificity)
        };
        // A word hyphenated by hand is tried joined, after the cell as written; a unit of
        // money after the name (`Сумма, руб.`) is left out after both, so that a name in
        // stoa.toml with the unit still matches as written.
        let joined = || dehyphenated(f).into_iter().flatten();
        // A scale alone (`Сумма, тыс.`) is a unit only of a column of money or km:
        // `Кол-во, тыс.` is read as before, by its first word with a warning.
        // So is a price per piece (`Цена за шт.`) only of a price: `Стоимость за ед.` is
        // read by its first word as before.
        let unitless = units::unit_of(f)
            .filter(|u| u.of != units::Measure::Either || self.scalable(&u.name))
            .filter(|u| !u.per || self.priced(&u.name))
            .map(|u| u.name);
        let whole = whole_of(f)
            .or_else(|| joined().find_map(|j| whole_of(&j)))
            .or_else(|| unitless.as_deref().and_then(whole_of))
            .or_else(|| numbered::numbered(f).as_deref().and_then(whole_of));
        // A header that is one of those names, or begins with one followed by more words
        // (`пробег до то, км`, left with its km when a scale is set aside from `Пробег до
        // ТО, тыс. км`), is none of the table's columns by its first words: both were read
        // as the odometer by `пробег` until session 32.
        let not_column = |k: &str| {
            self.table
                .not_columns()
                .iter()
                .any(|n| *n == k || begins_with_words(k, n))
                || self.left_out.iter().any(|n| n == k)
        };
        let found = match not_column(f) || unitless.as_deref().is_some_and(not_column) {
            true => whole,
            false => whole
                .or_else(|| loose_of(f))
                .or_else(|| joined().find_map(|j| loose_of(&j)))
                .or_else(|| unitless.as_deref().and_then(loose_of)),
        };
        let found = self.line_total(unitless.as_deref().unwrap_or(f), found);
        let found = self.vat(unitless.as_deref().unwrap_or(f), found);
        self.percent_discount(f, found)
    }

    /// Whether the name `key` (folded) is of a column whose figures a scale alone may
    /// scale: money, or km.
    fn scalable(&self, key: &str) -> bool {
        self.matched(key).is_some_and(|(c, _)| {
            let kind = self.names.iter().find(|(col, _)| col.name == c);
            kind.is_some_and(|(col, _)| col.kind == crate::schema::Kind::Money) || km_column(c)
        })
    }

    /// Whether the name `key` (folded) is of a price: the unit price of a line, the price
    /// of a price list or of a competitor.
    fn priced(&self, key: &str) -> bool {
        self.matched(key)
            .is_some_and(|(c, _)| matches!(c, "unit_price" | "price"))
    }

    /// The cells of a header's two rows (`Header::rows`) as this table would read them
    /// (`Сумма` over `со скидкой` is `Сумма со скидкой` among order lines, `со скидкой`
    /// among visits); None when the lower row is no sub-header of the upper for it.
    pub fn joined_cells(&self, rows: &[Vec<String>]) -> Option<Vec<String>> {
        match rows {
            [upper, lower] => two_rows::join(self, upper, lower).map(|(cells, _)| cells),
            _ => None,
        }
    }

    /// The table these synonyms belong to.
    pub fn table(&self) -> Table {
        self.table
    }

    /// The station's currency, as the configuration gives it.
    pub fn currency(&self) -> &crate::ingest::cells::Currency {
        &self.currency
    }

    /// Find the header among the first rows: the row that names the most known columns
    /// (the first such row on a tie) among the first [`HEADER_SEARCH_ROWS`]; or two rows
    /// read as one ([`two_rows`]); past those rows, up to [`HEADER_SEARCH_FAR`], only when
    /// none of them holds every required column. A row of column numbers under it
    /// ([`two_rows::column_numbers`]) belongs to it. None when no row names any column.
    pub fn find_header(&self, rows: &[Vec<String>]) -> Option<Header> {
        let near = self.best_header(rows, 0..HEADER_SEARCH_ROWS.min(rows.len()));
        let complete = |h: &Header| self.missing_required(h).is_empty();
        let mut header = match near {
            Some(h) if complete(&h) => Some(h),
            // A 1C report's block of parameters and filters can push the header past the
            // rows SPEC §4.1 searches; its rows name no column, so a header further down
            // that names more is the table's (before, the error asked for synonyms).
            near => {
                let far =
                    self.best_header(rows, HEADER_SEARCH_ROWS..HEADER_SEARCH_FAR.min(rows.len()));
                let named = |h: &Option<Header>| h.as_ref().map_or(0, |h| h.mapping.len());
                match named(&far) > named(&near) {
                    true => far,
                    false => near,
                }
            }
        }?;
        header.written = header.rows.clone();
        let trimmed = |r: &[String]| r.iter().map(|c| c.trim().to_string()).collect();
        // Russian printed forms number their columns in a row under the header.
        if rows
            .get(header.index + 1)
            .is_some_and(|r| two_rows::column_numbers(r, &header.cells))
        {
            if header.written.is_empty() {
                header.written.push(trimmed(&rows[header.index]));
            }
            header.index += 1;
            header.written.push(trimmed(&rows[header.index]));
        } else if let Some(lower) = rows
            .get(header.index + 1)
            .filter(|_| header.rows.is_empty())
        {
            // A second row over columns this table does not read belongs to the header.
            let read: Vec<usize> = header.mapping.values().copied().collect();
            if two_rows::unread_sub_header(&rows[header.index], lower, &read) {
                header.written = vec![trimmed(&rows[header.index]), trimmed(lower)];
                header.index += 1;
            }
        }
        Some(header)
    }

    /// The best header among `rows[range]`: each row alone, and each row with the one below
    /// it where that one is its sub-header and names at least as many columns so.
    fn best_header(&self, rows: &[Vec<String>], range: std::ops::Range<usize>) -> Option<Header> {
        let mut best: Option<Header> = None;
        // The row whose reading alone is `best`, if it is.
        let mut best_single = None;
        let named = |h: &Option<Header>| h.as_ref().map_or(0, |h| h.mapping.len());
        for index in range {
            let single = self.read_row(&rows[index], index);
            if !single.mapping.is_empty() && single.mapping.len() > named(&best) {
                best = Some(single.clone());
                best_single = Some(index);
            }
            let Some(lower) = rows.get(index + 1) else {
                continue;
            };
            let Some((cells, joined)) = two_rows::join(self, &rows[index], lower) else {
                continue;
            };
            let mut pair = self.read_row(&cells, index + 1);
            let below = self.read_row(lower, index + 1).mapping.len();
            let n = pair.mapping.len();
            // On a tie with the upper row alone the pair is read: its sub-headers name the
            // columns more exactly (`Сумма` over `со скидкой`).
            let tied_with_upper = best_single == Some(index) && n == named(&best);
            if n >= single.mapping.len() && n >= below && (n > named(&best) || tied_with_upper) {
                pair.joined = joined
                    .into_iter()
                    .filter(|j| pair.mapping.values().any(|&p| p == j.position))
                    .collect();
                let trimmed = |r: &[String]| r.iter().map(|c| c.trim().to_string()).collect();
                pair.rows = vec![trimmed(&rows[index]), trimmed(lower)];
                best = Some(pair);
                best_single = None;
            }
        }
        best
    }

    /// One row read as the header: which cell names which column.
    fn read_row(&self, row: &[String], index: usize) -> Header {
        let mut chosen: BTreeMap<&'static str, (usize, Specificity)> = BTreeMap::new();
        let mut passed_over: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        // Columns that two cells begin with the name of, and no cell names whole
        // (`Сумма НДС` and `Сумма с НДС`): which one holds it is not for stoa to guess.
        let mut tied: Vec<&'static str> = Vec::new();
        // Each cell's place among the cells of its name, for names like `Сумма#2`.
        let keys: Vec<String> = row.iter().map(|c| header_key(c)).collect();
        for (i, cell) in row.iter().enumerate() {
            let Some((c, specificity)) = self.cell_column(&keys, i, cell) else {
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
        self.lone_total(row, &mut chosen, &mut passed_over);
        // The amount before the discount gives the amount only where no cell gives it
        // ([`derived_amount`]); beside it, it is not read, and a bad cell in it rejects no
        // line.
        if chosen.contains_key("amount") {
            chosen.remove("gross_amount");
            passed_over.remove("gross_amount");
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
        Header {
            index,
            cells: row.iter().map(|c| c.trim().to_string()).collect(),
            mapping,
            passed_over,
            loose,
            joined: Vec::new(),
            rows: Vec::new(),
            written: Vec::new(),
        }
    }

    /// Required columns the header lacks. In `competitor_prices` a row needs a service code
    /// or a description, so a file with neither column lacks `service_code`; order lines
    /// with a unit price or an amount before the discount but no amount have their amount
    /// computed from them ([`derived_amount`]).
    pub fn missing_required(&self, header: &Header) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = self
            .table
            .input_columns()
            .iter()
            .filter(|c| c.required && !header.mapping.contains_key(c.name))
            .filter(|c| !(c.name == "amount" && derived_amount(self.table, header)))
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

/// Whether `column` holds distances in km (`odometer_km`, `interval_km`), which a header
/// may give in thousands (`Пробег, тыс. км`).
pub fn km_column(column: &str) -> bool {
    column.ends_with("_km")
}

/// Whether the table is order lines whose header has no amount but a unit price or an
/// amount before the discount (`Сумма без скидки`): an export of `Цена` and `Количество`
/// without `Сумма`, as journals kept by hand often are, or of the gross and the discount
/// (`Сумма без скидки` | `Сумма скидки`). Their amount is computed from the gross (or the
/// price, the quantity) less the discount (SPEC §2 makes the amount required, but
/// stopping the run for a figure the row gives is no help).
pub fn derived_amount(table: Table, header: &Header) -> bool {
    table == Table::OrderLines
        && !header.mapping.contains_key("amount")
        && (header.mapping.contains_key("unit_price")
            || header.mapping.contains_key("gross_amount"))
}

#[cfg(test)]
mod tests;
