//! What a reader asks of the configuration beyond the names of its own table's columns:
//! whether a sheet holds another table, by that table's names, and whether `[files]` names
//! a workbook as this table's. Until session 32 the readers asked those by the built-in
//! names alone: a sheet that only the user's `[columns]` names made a table's was taken
//! for another's, or passed over.

use std::path::{Component, Path, PathBuf};

use super::Synonyms;
use crate::schema::Table;

impl Synonyms {
    /// The synonyms of `table` under the configuration these were made with: the names a
    /// user gave under `[columns.TABLE]` count where a reader asks whether a sheet is that
    /// table's, as they do where that table is read.
    ///
    /// ```
    /// use stoa::{config::Config, ingest::header::Synonyms, schema::Table};
    /// let config: Config = Config::from_toml("[columns.visits]\nclient_id = \"Абонент\"\n", "stoa.toml").unwrap();
    /// let lines = Synonyms::new(Table::OrderLines, &config);
    /// assert_eq!(lines.of(Table::Visits).column_of("Абонент"), Some("client_id"));
    /// ```
    pub fn of(&self, table: Table) -> Synonyms {
        Synonyms::new(table, &self.settings)
    }

    /// Whether `[files]` names the file at `path` whole (no sheet) as this table's: such a
    /// workbook is the table's as one named after it is (`price_list = "Прайс.xlsx"`, its
    /// sheet `Работы` the price of works). An entry with a sheet (`Прайс.xlsx#Работы`) ends no
    /// path but that of a file named so, `#` and all, which is named whole.
    pub fn names_file(&self, path: &Path) -> bool {
        self.settings
            .files
            .iter()
            .filter(|(t, _)| Table::from_name(t) == Some(self.table))
            .any(|(_, spec)| path.ends_with(relative(spec)))
    }
}

/// A `[files]` path as its parts (`./Прайс.xlsx` is `Прайс.xlsx`), for comparing with the
/// end of a path in the data folder.
fn relative(spec: &str) -> PathBuf {
    Path::new(spec)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn a_workbook_named_whole_under_files_is_the_tables() {
        let config = Config::from_toml(
            "[files]\nprice_list = \"./exports/Прайс.xlsx\"\nvisits = \"Выгрузка.xlsx#Лист1\"\n",
            "stoa.toml",
        )
        .unwrap();
        let prices = Synonyms::new(Table::PriceList, &config);
        assert!(prices.names_file(Path::new("/data/exports/Прайс.xlsx")));
        assert!(!prices.names_file(Path::new("/data/Прайс.xlsx")));
        assert!(!prices.names_file(Path::new("/data/exports/Другой.xlsx")));
        // Another table's file, and a file named with its sheet.
        let visits = Synonyms::new(Table::Visits, &config);
        assert!(!visits.names_file(Path::new("/data/exports/Прайс.xlsx")));
        assert!(!visits.names_file(Path::new("/data/Выгрузка.xlsx")));
    }
}
