//! The mail-merge lists (`lists/*.csv`) as their readers open them: in Excel by a double
//! click, and in Word's mail merge. A Russian list is split by `;` (the list separator of
//! Russian Windows, by which Excel splits a double-clicked CSV; by `,` every row was one
//! cell) and headed in Russian; phones are written so that Excel keeps them as text.
//! The `tables/` contract (SPEC §5.1) is written apart and keeps its commas and codes.

use polars::prelude::*;

use crate::analytics::clients::phones_text;
use crate::cli::Lang;

/// The Russian header of a list's column (the English one is the column's name): the
/// workbook's word (`Автомобиль`, `Причина`, `Приоритет`), except where a mail merge
/// needs the contact's own (`ФИО`, not the workbook's `Имя` of a manager).
fn russian_header(column: &str) -> String {
    match column {
        "client_id" => "Код клиента".into(),
        "name" => "ФИО".into(),
        "phone" => "Телефон".into(),
        "phone_e164" => "Телефон E.164".into(),
        "email" => "Эл. почта".into(),
        other => crate::render::i18n::column(Lang::Ru, other),
    }
}

/// The field separator of a list in `lang`: `;` in Russian, `,` in English.
pub fn separator(lang: Lang) -> u8 {
    match lang {
        Lang::Ru => b';',
        Lang::En => b',',
    }
}

/// A cell Excel would read as a formula, or as the start of one (OWASP's CSV injection
/// list: `=`, `+`, `-`, `@`, a tab, a carriage return), which [`defuse`] leads by an
/// apostrophe, which Excel shows as text and does not run: a client named
/// `=HYPERLINK("http://…","Click")` put a link in the marketer's sheet.
fn risky(text: Expr) -> Expr {
    text.str()
        .contains(lit("^[=+\\-@\t\r]"), false)
        .fill_null(lit(false))
}

/// A phone cell that is a plain number (digits, a leading `+`, spaces, brackets, dashes,
/// dots: `+44 20 7946 0958`), which Excel keeps as text and a caller dials as it is.
fn plain_number(text: Expr) -> Expr {
    text.str()
        .contains(lit(r"^\+?[0-9(][0-9 ()\-.]*$"), false)
        .fill_null(lit(false))
}

/// Every text column of a list with its [`risky`] cells led by an apostrophe, but the
/// phones a gateway or a caller takes as they are: `phone_e164` (`+79161234567`, made by
/// stoa) and a `phone` that is a [`plain_number`]. The risky cells are found first, and
/// only a column holding one is written anew: on a chain the lists are a million rows,
/// almost never with such a cell, and prefixing every cell to keep few took a fifth of
/// the lists' time.
fn defuse(list: DataFrame) -> PolarsResult<DataFrame> {
    let flagged: Vec<(String, Expr)> = list
        .columns()
        .iter()
        .filter_map(|c| {
            let name = c.name().as_str();
            let text = col(name);
            match (name, c.dtype()) {
                ("phone_e164", _) => None,
                ("phone", DataType::String) => {
                    Some(risky(text.clone()).and(plain_number(text).not()))
                }
                (_, DataType::String) => Some(risky(text)),
                _ => None,
            }
            .map(|flag| (name.to_string(), flag))
        })
        .collect();
    if flagged.is_empty() {
        return Ok(list);
    }
    let any = list
        .clone()
        .lazy()
        .select(
            flagged
                .iter()
                .map(|(name, flag)| flag.clone().any(true).alias(name.as_str()))
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let mut rewritten = Vec::new();
    for (name, flag) in flagged {
        if any.column(&name)?.bool()?.get(0) == Some(true) {
            let text = col(name.as_str());
            rewritten.push(
                when(flag)
                    .then(concat_str([lit("'"), text.clone()], "", false))
                    .otherwise(text)
                    .alias(name.as_str()),
            );
        }
    }
    if rewritten.is_empty() {
        return Ok(list);
    }
    list.lazy().with_columns(rewritten).collect()
}

/// A list as written: its `phone` as a caller reads it and Excel keeps it
/// ([`crate::analytics::clients::phone_text`]; `phone_e164` stays for gateways), a text
/// cell that Excel would run as a formula led by an apostrophe (see [`defuse`]; not the
/// phones, which are plain numbers), and in Russian its headers in Russian.
///
/// ```
/// use polars::prelude::*;
/// use stoa::cli::Lang;
/// let list = df!("client_id" => ["C1"], "phone" => ["+79161234567"],
///     "phone_e164" => ["+79161234567"]).unwrap();
/// let ru = stoa::render::lists::for_people(&list, Lang::Ru).unwrap();
/// let names: Vec<&str> = ru.get_column_names().iter().map(|n| n.as_str()).collect();
/// assert_eq!(names, ["Код клиента", "Телефон", "Телефон E.164"]);
/// assert_eq!(ru.column("Телефон").unwrap().str().unwrap().get(0), Some("8 (916) 123-45-67"));
/// let en = stoa::render::lists::for_people(&list, Lang::En).unwrap();
/// assert_eq!(en.get_column_names()[1].as_str(), "phone");
/// ```
pub fn for_people(list: &DataFrame, lang: Lang) -> PolarsResult<DataFrame> {
    let mut out = list.clone();
    if let Ok(phone) = list.column("phone") {
        let phone = phone.cast(&DataType::String)?;
        out.replace("phone", phones_text(&phone, lang)?)?;
    }
    let mut out = defuse(out)?;
    if lang == Lang::Ru {
        let names: Vec<String> = out
            .get_column_names()
            .iter()
            .map(|n| russian_header(n.as_str()))
            .collect();
        out.set_column_names(&names)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_russian_list_is_headed_in_russian_with_its_phone_for_a_caller() {
        let list = df!(
            "priority" => [1i64],
            "client_id" => ["C1"],
            "name" => ["Иванов"],
            "phone" => ["89161234567"],
            "phone_e164" => ["+79161234567"],
            "email" => [None::<&str>],
            "vehicle" => ["Kia Rio"],
            "reason" => ["…"],
        )
        .unwrap();
        let ru = for_people(&list, Lang::Ru).unwrap();
        let names: Vec<&str> = ru.get_column_names().iter().map(|n| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Приоритет",
                "Код клиента",
                "ФИО",
                "Телефон",
                "Телефон E.164",
                "Эл. почта",
                "Автомобиль",
                "Причина"
            ]
        );
        let phone = |df: &DataFrame, c: &str| {
            df.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .map(String::from)
        };
        assert_eq!(phone(&ru, "Телефон").as_deref(), Some("8 (916) 123-45-67"));
        assert_eq!(phone(&ru, "Телефон E.164").as_deref(), Some("+79161234567"));
        let en = for_people(&list, Lang::En).unwrap();
        assert_eq!(en.get_column_names(), list.get_column_names());
        assert_eq!(phone(&en, "phone").as_deref(), Some("8 (916) 123-45-67"));
        assert_eq!((separator(Lang::Ru), separator(Lang::En)), (b';', b','));
    }

    #[test]
    fn only_a_column_holding_a_risky_cell_is_written_anew() {
        // `reason` holds one risky cell; `name` none; the phone `-` is not a plain number.
        let list = df!(
            "name" => [Some("Анна"), None],
            "reason" => ["ok", "=1"],
            "phone" => ["+7 999 123-45-67", "8 916"],
            "visits" => [1i64, 2],
        )
        .unwrap();
        let out = defuse(list.clone()).unwrap();
        assert_eq!(out.get_column_names(), list.get_column_names());
        assert!(out
            .column("name")
            .unwrap()
            .equals_missing(list.column("name").unwrap()));
        assert!(out
            .column("phone")
            .unwrap()
            .equals(list.column("phone").unwrap()));
        let reason: Vec<_> = out
            .column("reason")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(reason, [Some("ok"), Some("'=1")]);
        // Nothing risky: the list as it came.
        let calm = list.drop("reason").unwrap();
        assert!(defuse(calm.clone()).unwrap().equals_missing(&calm));
    }

    #[test]
    fn regression_a_cell_excel_would_run_as_a_formula_is_led_by_an_apostrophe() {
        // A client named `=HYPERLINK(…)` was a live link in Excel; the phones, plain
        // numbers with their `+`, stay as a gateway and a caller take them.
        let list = df!(
            "priority" => [1i64, 2, 3, 4, 5],
            "name" => ["=HYPERLINK(\"http://x\",\"Click\")", "+1", "-1", "@SUM(A1)", "Анна"],
            "phone" => ["+44 20 7946 0958", "=1+1", "+7 999 123-45-67", "\t1", "-"],
            "phone_e164" => ["+442079460958", "+1", "+79991234567", "+2", "+3"],
            "email" => [Some("a@x.ru"), None, None, None, None],
            "reason" => ["\tTab", "\rCR", "Oil — due in 5 days", "x=1", "-5 % discount"],
        )
        .unwrap();
        let en = for_people(&list, Lang::En).unwrap();
        let texts = |c: &str| -> Vec<Option<String>> {
            let texts = en.column(c).unwrap().str().unwrap().clone();
            texts.iter().map(|t| t.map(String::from)).collect()
        };
        let somes =
            |v: &[&str]| -> Vec<Option<String>> { v.iter().map(|t| Some(t.to_string())).collect() };
        assert_eq!(
            texts("name"),
            somes(&[
                "'=HYPERLINK(\"http://x\",\"Click\")",
                "'+1",
                "'-1",
                "'@SUM(A1)",
                "Анна"
            ])
        );
        // A +7 number is written for a caller (`8 (999) …`), another country's kept.
        assert_eq!(
            texts("phone"),
            somes(&[
                "+44 20 7946 0958",
                "'=1+1",
                "8 (999) 123-45-67",
                "'\t1",
                "'-"
            ])
        );
        assert_eq!(
            texts("phone_e164"),
            somes(&["+442079460958", "+1", "+79991234567", "+2", "+3"])
        );
        assert_eq!(
            texts("reason"),
            somes(&[
                "'\tTab",
                "'\rCR",
                "Oil — due in 5 days",
                "x=1",
                "'-5 % discount"
            ])
        );
        assert_eq!(texts("email")[0].as_deref(), Some("a@x.ru"));
        assert_eq!(en.column("priority").unwrap().dtype(), &DataType::Int64);
    }
}
