//! The tables of SPEC §2 in one place: canonical column names, their kinds, whether they
//! are required, and the header synonyms that find them. Ingest reads by it, the typed
//! model takes its dtypes from it, the generator writes headers from it.

use polars::prelude::{DataType, TimeUnit};

/// The input tables stoa knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Visits,
    OrderLines,
    Clients,
    PriceList,
    CompetitorPrices,
    Feedback,
    Agents,
}

impl Table {
    /// Every table, in the order they are read (visits before the tables that refer to them).
    pub const ALL: [Table; 7] = [
        Table::Visits,
        Table::OrderLines,
        Table::Clients,
        Table::PriceList,
        Table::CompetitorPrices,
        Table::Feedback,
        Table::Agents,
    ];

    /// The English table name, also the file stem and sheet name looked for.
    ///
    /// ```
    /// assert_eq!(stoa::schema::Table::OrderLines.name(), "order_lines");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Table::Visits => "visits",
            Table::OrderLines => "order_lines",
            Table::Clients => "clients",
            Table::PriceList => "price_list",
            Table::CompetitorPrices => "competitor_prices",
            Table::Feedback => "feedback",
            Table::Agents => "agents",
        }
    }

    /// The Russian sheet / file name of the table (SPEC §2).
    pub fn russian_name(self) -> &'static str {
        match self {
            Table::Visits => "Визиты",
            Table::OrderLines => "Работы",
            Table::Clients => "Клиенты",
            Table::PriceList => "Прайс",
            Table::CompetitorPrices => "Цены конкурентов",
            Table::Feedback => "Отзывы",
            Table::Agents => "Агенты",
        }
    }

    /// Whether a run without this table cannot go on.
    pub fn required(self) -> bool {
        matches!(self, Table::Visits | Table::OrderLines | Table::Clients)
    }

    /// Parse an English or Russian table name (case-insensitive).
    ///
    /// ```
    /// use stoa::schema::Table;
    /// assert_eq!(Table::from_name("Работы"), Some(Table::OrderLines));
    /// assert_eq!(Table::from_name("VISITS"), Some(Table::Visits));
    /// assert_eq!(Table::from_name("Заказ-наряды"), Some(Table::Visits));
    /// assert_eq!(Table::from_name("Клиенты (2)"), Some(Table::Clients));
    /// assert_eq!(Table::from_name("Клиенты (копия)"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Table> {
        let folded = fold(name);
        // Excel names a copy of a sheet `Клиенты (2)`, a browser a file downloaded again
        // `visits (1)`: the number is not part of the name.
        let n = match folded.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
            Some((base, k)) if !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()) => base,
            _ => folded.as_str(),
        };
        Table::ALL.into_iter().find(|t| {
            fold(t.name()) == n || fold(t.russian_name()) == n || t.other_names().contains(&n)
        })
    }

    /// Other names a sheet or file of the table goes by, folded: 1C calls its visits
    /// repair orders.
    fn other_names(self) -> &'static [&'static str] {
        match self {
            Table::Visits => &["заказ-наряды"],
            _ => &[],
        }
    }

    /// The columns of the table in the typed model.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Visits => VISITS,
            Table::OrderLines => ORDER_LINES,
            Table::Clients => CLIENTS,
            Table::PriceList => PRICE_LIST,
            Table::CompetitorPrices => COMPETITOR_PRICES,
            Table::Feedback => FEEDBACK,
            Table::Agents => AGENTS,
        }
    }

    /// The columns read from a file: [`Table::columns`] and, for the visits, each date's
    /// time of day in a column of its own (`opened_time`, `closed_time`,
    /// `promised_time`), which ingest reads into the date-time, and for the clients the
    /// parts of a name beside the first name (`surname`, `patronymic`), which it puts
    /// into the name, for the order lines the amount before the discount and the
    /// percentage discount, which give an amount where no cell does, and for the order
    /// lines and feedback the station of their visit, which tells the visits of a number
    /// that several stations give apart; none is kept in the model.
    ///
    /// ```
    /// use stoa::schema::{Kind, Table};
    /// let read = Table::Visits.input_columns();
    /// assert_eq!(read.len(), Table::Visits.columns().len() + 3);
    /// assert!(read.iter().any(|c| c.name == "opened_time" && c.kind == Kind::Time));
    /// assert!(Table::Visits.columns().iter().all(|c| c.kind != Kind::Time));
    /// assert_eq!(Table::Clients.input_columns().len(), Table::Clients.columns().len() + 2);
    /// assert_eq!(Table::Agents.input_columns().len(), Table::Agents.columns().len());
    /// assert!(Table::OrderLines.input_columns().iter().any(|c| c.name == "station"));
    /// assert!(Table::OrderLines.columns().iter().all(|c| c.name != "station"));
    /// assert!(Table::OrderLines.columns().iter().all(|c| c.name != "gross_amount"));
    /// ```
    pub fn input_columns(self) -> &'static [Column] {
        match self {
            Table::Visits => VISITS_INPUT,
            Table::Clients => CLIENTS_INPUT,
            Table::OrderLines => ORDER_LINES_INPUT,
            Table::Feedback => FEEDBACK_INPUT,
            other => other.columns(),
        }
    }

    /// Headers (folded) that begin with a name of one of the table's columns but hold
    /// something else: never read as that column by their first words
    /// (`ingest::header`), nor is a header that begins with one of them followed by more
    /// words (`Пробег до ТО, тыс. км`). `Сумма НДС` is no amount (the VAT in it), `Пробег
    /// до ТО` no odometer reading (the distance left to the next service).
    ///
    /// ```
    /// use stoa::schema::Table;
    /// assert!(Table::OrderLines.not_columns().contains(&"сумма ндс"));
    /// ```
    pub fn not_columns(self) -> &'static [&'static str] {
        match self {
            Table::OrderLines => &[
                // The amount before the discount (`Сумма без скидки`) is a column of its
                // own, `gross_amount`, and so is the discount's (`Сумма скидки`).
                "сумма ндс",
                "сумма налога",
                "цена без скидки",
                "цена со скидкой",
                // A percentage (`Скидка, %`) is no amount of SPEC §2's `discount` either:
                // it names `discount_pct` whole, so it is never read by its first word;
                // nor is any discount's header that says per cent (`Скидка,%`, `Скидка в
                // процентах`: `crate::ingest::header` reads them as `discount_pct`).
                // The client's name in a summary of visits (`Наименование клиента`) is no
                // line's description, which `Наименование` alone is.
                "наименование клиента",
                "наименование контрагента",
                "наименование покупателя",
                "наименование заказчика",
                "наименование организации",
            ],
            Table::Visits => &[
                // What is left to the next service, or run since the last: no odometer.
                "пробег до то",
                "пробег до следующего то",
                "пробег до обслуживания",
                "пробег до замены",
                "пробег с последнего то",
                "пробег после то",
                "дата следующего то",
                "дата рождения",
                "номер телефона",
                // How long, not when: never a time of day.
                "время работы",
                "время работ",
                "время ремонта",
                "время ожидания",
                "время в работе",
            ],
            Table::Clients => &["телефон для смс", "дата рождения ребенка"],
            _ => &[],
        }
    }

    /// The columns of the table that a sheet of another table or a summary names too: the
    /// visit's number and an amount among order lines (a summary has a row a visit with its
    /// total), the client's code among clients (a visits' history names it). A sheet of a
    /// workbook of several that names no column of the table but these is not the table's
    /// (`ingest::read::sheet`).
    ///
    /// ```
    /// use stoa::schema::Table;
    /// assert_eq!(Table::Clients.link_columns(), ["client_id"]);
    /// ```
    pub fn link_columns(self) -> &'static [&'static str] {
        match self {
            Table::OrderLines => &["visit_id", "amount"],
            Table::Clients => &["client_id"],
            _ => &[],
        }
    }

    /// The column whose values must be unique (first row wins, SPEC §4.1).
    pub fn key(self) -> Option<&'static str> {
        match self {
            Table::Visits => Some("visit_id"),
            Table::Clients => Some("client_id"),
            Table::PriceList => Some("service_code"),
            Table::Agents => Some("agent_id"),
            _ => None,
        }
    }

    /// The money column whose total is reconciled (read = accepted + rejected).
    pub fn money_column(self) -> Option<&'static str> {
        match self {
            Table::OrderLines => Some("amount"),
            Table::PriceList | Table::CompetitorPrices => Some("price"),
            _ => None,
        }
    }

    /// The canonical column definition by name, of the columns read
    /// ([`Table::input_columns`]).
    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.input_columns().iter().find(|c| c.name == name)
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How the cells of a column are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Trimmed text; numeric cells become the integer's text.
    Text,
    /// A calendar date (Excel date cell or serial, dd.mm.yyyy, ISO).
    Date,
    /// A date with an optional time of day.
    DateTime,
    /// A time of day (`10:42`, an Excel time cell), as milliseconds since midnight: read
    /// into the date-time beside it, never kept on its own.
    Time,
    /// Money, stored as integer kopecks (Int64).
    Money,
    /// A whole number (odometer, interval).
    Int,
    /// A decimal number (quantity, hours, score, percent).
    Number,
    /// да/нет, yes/no, 1/0, true/false, +/−; empty = false.
    Bool,
    /// One of a closed set of canonical values (see `crate::ingest::normalize`).
    Enum(EnumKind),
}

/// The normalised vocabularies of SPEC §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    Channel,
    Status,
    Category,
    LineKind,
    ClientKind,
}

impl Kind {
    /// The polars dtype of the column in the typed model.
    pub fn dtype(self) -> DataType {
        match self {
            Kind::Text | Kind::Enum(_) => DataType::String,
            Kind::Date => DataType::Date,
            Kind::DateTime => DataType::Datetime(TimeUnit::Milliseconds, None),
            Kind::Money | Kind::Int | Kind::Time => DataType::Int64,
            Kind::Number => DataType::Float64,
            Kind::Bool => DataType::Boolean,
        }
    }
}

/// One canonical column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Canonical snake_case name.
    pub name: &'static str,
    /// How cells are read.
    pub kind: Kind,
    /// A row with this cell empty is rejected; a file without the column is an error.
    pub required: bool,
    /// Header synonyms besides the canonical name (English and Russian, lower case).
    pub synonyms: &'static [&'static str],
}

mod columns;
pub mod labels;
use columns::{
    AGENTS, CLIENTS, CLIENTS_INPUT, COMPETITOR_PRICES, FEEDBACK, FEEDBACK_INPUT, ORDER_LINES,
    ORDER_LINES_INPUT, PRICE_LIST, VISITS, VISITS_INPUT,
};

/// Fold a header or name for matching: trimmed, lower case, `ё` as `е`, runs of white
/// space (including non-breaking) as one space.
///
/// ```
/// assert_eq!(stoa::schema::fold("  Дата  Приёма "), "дата приема");
/// ```
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase().replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header names one column of its table: a synonym that two columns claimed would be
    /// read as whichever comes first, and the other column would go unread.
    #[test]
    fn no_header_name_belongs_to_two_columns_of_a_table() {
        for table in Table::ALL {
            let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
            for c in table.input_columns() {
                for name in std::iter::once(c.name).chain(c.synonyms.iter().copied()) {
                    if let Some(other) = seen.insert(fold(name), c.name) {
                        assert_eq!(other, c.name, "{table:?}: {name:?}");
                    }
                }
            }
            // A header known to be no column is not a column's name either.
            for name in table.not_columns() {
                assert_eq!(seen.get(*name), None, "{table:?}: {name:?}");
                assert_eq!(fold(name), *name, "{table:?}: {name:?} is folded");
            }
        }
    }
}
