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

/// A list as written: its `phone` as a caller reads it and Excel keeps it
/// ([`crate::analytics::clients::phone_text`]; `phone_e164` stays for gateways), and in
/// Russian its headers in Russian.
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
}
