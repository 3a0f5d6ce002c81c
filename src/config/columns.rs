//! `[columns.<table>]` of stoa.toml: more header names for a column, or `false` to leave
//! an optional column out.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ConfigError;

/// A column under `[columns.<table>]` as written: one header name, a list of them, or
/// `false` to leave the column out.
#[derive(Deserialize)]
#[serde(untagged)]
enum Names {
    One(String),
    Many(Vec<String>),
    Read(bool),
}

/// What `[columns.<table>]` says of a column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnNames {
    /// More header names to know the column by (its own come first).
    Also(Vec<String>),
    /// `false`: not read even where the export has it, as if the column were absent. The
    /// escape for an optional column whose cells the export fills with something else
    /// (percentages under `Скидка`, say), which would otherwise reject every row.
    LeftOut,
}

/// Extra header synonyms: table → canonical column → what the configuration says of it.
pub type Synonyms = BTreeMap<String, BTreeMap<String, ColumnNames>>;

/// `[columns.<table>]`, where a column's synonyms may be one string or a list (users write
/// `visit_id = "Номер"` as often as `visit_id = ["Номер"]`), or `false`.
pub(super) fn synonyms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Synonyms, D::Error> {
    let raw = BTreeMap::<String, BTreeMap<String, Names>>::deserialize(d)?;
    raw.into_iter()
        .map(|(table, cols)| {
            let cols = cols
                .into_iter()
                .map(|(column, names)| match names {
                    Names::One(name) => Ok((column, ColumnNames::Also(vec![name]))),
                    Names::Many(names) => Ok((column, ColumnNames::Also(names))),
                    Names::Read(false) => Ok((column, ColumnNames::LeftOut)),
                    Names::Read(true) => Err(serde::de::Error::custom(format!(
                        "`{column} = true` says nothing: give the header names of the column, or false to leave it out"
                    ))),
                })
                .collect::<Result<_, D::Error>>()?;
            Ok((table, cols))
        })
        .collect()
}

/// Every table and column named under `[columns]` exists, and no required column is left
/// out. (That the tables exist is checked with `[files]`.)
pub(super) fn check(columns: &Synonyms) -> Result<(), ConfigError> {
    for (table, cols) in columns {
        let t = crate::schema::Table::from_name(table).expect("checked above");
        for (name, names) in cols {
            let Some(column) = t.column(name) else {
                let known: Vec<_> = t.input_columns().iter().map(|c| c.name).collect();
                return Err(ConfigError::UnknownName {
                    what: "column",
                    name: name.clone(),
                    section: format!("columns.{table}"),
                    closest: super::did_you_mean(name, known.iter().copied()),
                    known: known.join(", "),
                });
            };
            if column.required && *names == ColumnNames::LeftOut {
                return Err(ConfigError::RequiredLeftOut {
                    table: table.clone(),
                    column: name.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use super::*;

    #[test]
    fn a_column_is_named_by_one_header_a_list_or_left_out_with_false() {
        let c = Config::from_toml(
            "[columns.order_lines]\ndiscount = false\nqty = \"Кол.\"\ncost = [\"Закупка\", \"Себест.\"]\n",
            "stoa.toml",
        )
        .unwrap();
        let lines = &c.columns["order_lines"];
        assert_eq!(lines["discount"], ColumnNames::LeftOut);
        assert_eq!(lines["qty"], ColumnNames::Also(vec!["Кол.".into()]));
        assert_eq!(
            lines["cost"],
            ColumnNames::Also(vec!["Закупка".into(), "Себест.".into()])
        );
        let truth = Config::from_toml("[columns.order_lines]\ndiscount = true\n", "stoa.toml");
        let said = truth.unwrap_err().to_string();
        assert!(said.contains("says nothing"), "{said}");
        let required = Config::from_toml("[columns.order_lines]\namount = false\n", "stoa.toml");
        let said = required.unwrap_err().to_string();
        assert!(
            said.contains("the column `amount` of `order_lines` is left out (`amount = false` in [columns.order_lines]), but that column is required"),
            "{said}"
        );
    }
}
