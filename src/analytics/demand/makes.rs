//! One name per make. A Russian station's exports write a make in Latin letters or in
//! Cyrillic, and the two spellings are one make to the marketer: `ЛАДА` beside `LADA`
//! split the commonest make of the station into two lines of the top makes, each looking
//! smaller than the second make.

use polars::prelude::*;

/// Cyrillic and short spellings of the makes seen at Russian stations (upper-cased, `Ё`
/// as `Е`, one space between words), and the Latin name each is counted under. `ВАЗ` is
/// AvtoVAZ, whose cars are sold as LADA (`ВАЗ 2107` is a Lada). The domestic model names
/// that 1C bases keep in the brand column (`ГАЗель`, `Нива`, `Запорожец`; the domestic
/// list of `Config::default` has them too) count under their make.
const ALIASES: [(&str, &str); 83] = [
    ("ЛАДА", "LADA"),
    ("ВАЗ", "LADA"),
    ("VAZ", "LADA"),
    ("ГАЗ", "GAZ"),
    ("ЗАЗ", "ZAZ"),
    ("УАЗ", "UAZ"),
    ("КИА", "KIA"),
    ("ХЕНДАЙ", "HYUNDAI"),
    ("ХЕНДЭ", "HYUNDAI"),
    ("ХУНДАЙ", "HYUNDAI"),
    ("ХЮНДАЙ", "HYUNDAI"),
    ("ТОЙОТА", "TOYOTA"),
    ("РЕНО", "RENAULT"),
    ("ФОЛЬКСВАГЕН", "VOLKSWAGEN"),
    ("VW", "VOLKSWAGEN"),
    ("ШКОДА", "SKODA"),
    ("НИССАН", "NISSAN"),
    ("ХАВАЛ", "HAVAL"),
    ("ЧЕРИ", "CHERY"),
    ("ДЖИЛИ", "GEELY"),
    ("ФОРД", "FORD"),
    ("ШЕВРОЛЕ", "CHEVROLET"),
    ("МИЦУБИСИ", "MITSUBISHI"),
    ("МИТСУБИСИ", "MITSUBISHI"),
    ("МАЗДА", "MAZDA"),
    ("ОПЕЛЬ", "OPEL"),
    ("ПЕЖО", "PEUGEOT"),
    ("СИТРОЕН", "CITROEN"),
    ("CITROËN", "CITROEN"),
    ("БМВ", "BMW"),
    ("МЕРСЕДЕС", "MERCEDES-BENZ"),
    ("МЕРСЕДЕС-БЕНЦ", "MERCEDES-BENZ"),
    ("МЕРСЕДЕС БЕНЦ", "MERCEDES-BENZ"),
    ("MERCEDES", "MERCEDES-BENZ"),
    ("MERCEDES BENZ", "MERCEDES-BENZ"),
    ("АУДИ", "AUDI"),
    ("ХОНДА", "HONDA"),
    ("СУБАРУ", "SUBARU"),
    ("СУЗУКИ", "SUZUKI"),
    ("ЛЕКСУС", "LEXUS"),
    ("ВОЛЬВО", "VOLVO"),
    ("ДЭУ", "DAEWOO"),
    ("ДЕУ", "DAEWOO"),
    ("ЧАНГАН", "CHANGAN"),
    ("МОСКВИЧ", "MOSKVICH"),
    ("ŠKODA", "SKODA"),
    ("МИНИ", "MINI"),
    ("ЛЕНД РОВЕР", "LAND ROVER"),
    ("ЛЕНД-РОВЕР", "LAND ROVER"),
    ("ЛЭНД РОВЕР", "LAND ROVER"),
    ("МИЦУБИШИ", "MITSUBISHI"),
    ("ТОЕТА", "TOYOTA"),
    ("MB", "MERCEDES-BENZ"),
    ("МЕРС", "MERCEDES-BENZ"),
    ("ХЕНДЭЙ", "HYUNDAI"),
    ("ПОРШЕ", "PORSCHE"),
    ("ИНФИНИТИ", "INFINITI"),
    ("ДЖИП", "JEEP"),
    ("КАДИЛЛАК", "CADILLAC"),
    ("ГАЗЕЛЬ", "GAZ"),
    ("GAZELLE", "GAZ"),
    ("СОБОЛЬ", "GAZ"),
    ("SOBOL", "GAZ"),
    ("ВОЛГА", "GAZ"),
    ("VOLGA", "GAZ"),
    ("НИВА", "LADA"),
    ("NIVA", "LADA"),
    ("ЖИГУЛИ", "LADA"),
    ("ZHIGULI", "LADA"),
    ("ГРАНТА", "LADA"),
    ("ВЕСТА", "LADA"),
    ("ПРИОРА", "LADA"),
    ("КАЛИНА", "LADA"),
    ("ЛАРГУС", "LADA"),
    ("ОКА", "LADA"),
    ("ЗАПОРОЖЕЦ", "ZAZ"),
    ("ZAPOROZHETS", "ZAZ"),
    ("ТАВРИЯ", "ZAZ"),
    ("TAVRIA", "ZAZ"),
    ("ПАТРИОТ", "UAZ"),
    ("ХАНТЕР", "UAZ"),
    ("УАЗИК", "UAZ"),
    ("ИЖ", "IZH"),
];

/// The pattern of a brand cell that begins with a known make (a spelling of `ALIASES` or
/// a make they name) followed by a space, a hyphen or a bracket: the model written into
/// the brand's cell (`ЛАДА ГРАНТА`, `ВАЗ-2107`, `LADA (GRANTA)`), as the domestic list
/// reads it ([`crate::config::Config::is_domestic`]). Group 1 is the make as written; the
/// longest spelling is tried first, so that a make of several words is taken whole
/// (`MERCEDES-BENZ GLE` as `MERCEDES-BENZ`, not as `MERCEDES` and a model `-BENZ GLE`).
fn with_model() -> String {
    let mut known: Vec<&str> = ALIASES
        .iter()
        .flat_map(|(alias, name)| [*alias, *name])
        .collect();
    known.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    known.dedup();
    let known: Vec<String> = known.iter().map(|k| regex::escape(k)).collect();
    format!(r"^({})[ \-(]", known.join("|"))
}

/// The make a brand cell is counted under: trimmed, upper-cased, `Ё` read as `Е`, runs of
/// white space made one space, a model written after a known make (a space, a hyphen or a
/// bracket after it: `Лада Гранта`, `ВАЗ-2107`, `Lada (Granta)`) dropped, and a Cyrillic
/// or short spelling of `ALIASES` replaced by the make's Latin name. Any other brand is
/// kept as written (upper-cased). A regex over every cell: run it on the distinct
/// spellings of a column, not on every visit ([`super::brands::top_makes`]).
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::demand::makes::make;
/// let out = df!("brand" => ["Лада", " LADA ", "Kia", "киа", "Mercedes  Benz", "Ёлка"])
///     .unwrap()
///     .lazy()
///     .select([make(col("brand"))])
///     .collect()
///     .unwrap();
/// let makes: Vec<&str> = out.column("brand").unwrap().str().unwrap().iter().flatten().collect();
/// assert_eq!(makes, ["LADA", "LADA", "KIA", "KIA", "MERCEDES-BENZ", "ЕЛКА"]);
/// ```
pub fn make(brand: Expr) -> Expr {
    let written = brand
        .str()
        .replace_all(lit(r"\s+"), lit(" "), false)
        .str()
        .strip_chars(lit(NULL))
        .str()
        .to_uppercase()
        .str()
        .replace_all(lit("Ё"), lit("Е"), true);
    let written = written
        .clone()
        .str()
        .extract(lit(with_model()), 1)
        .fill_null(written);
    let from: Vec<&str> = ALIASES.iter().map(|(a, _)| *a).collect();
    let to: Vec<&str> = ALIASES.iter().map(|(_, m)| *m).collect();
    written.replace(
        lit(Series::new("from".into(), from)).implode(true),
        lit(Series::new("to".into(), to)).implode(true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_is_written_as_make_reads_it() {
        // An alias with a lower-case letter, an `Ё` or two spaces would never match.
        for (alias, name) in ALIASES {
            assert_eq!(alias, alias.to_uppercase(), "{alias}");
            assert!(!alias.contains('Ё') && !alias.contains("  "), "{alias}");
            assert!(
                !ALIASES.iter().any(|(a, _)| *a == name),
                "{name} is an alias"
            );
        }
    }

    /// The make of each brand spelling, through [`make`].
    fn makes_of(brands: &[&str]) -> Vec<String> {
        let out = df!("brand" => brands)
            .unwrap()
            .lazy()
            .select([make(col("brand"))])
            .collect()
            .unwrap();
        let makes = out.column("brand").unwrap().str().unwrap();
        makes.iter().flatten().map(str::to_string).collect()
    }

    #[test]
    fn regression_a_domestic_model_in_the_brand_column_counts_under_its_make() {
        // ГАЗель, Нива and Запорожец were makes of their own in the top makes.
        let makes = makes_of(&["ГАЗель", "Нива", "Niva", "Запорожец", "Соболь", "ИЖ"]);
        assert_eq!(makes, ["GAZ", "LADA", "LADA", "ZAZ", "GAZ", "IZH"]);
    }

    #[test]
    fn regression_a_make_written_with_its_model_counts_under_its_make() {
        // «Лада Гранта», «ВАЗ-2107» and «Lada (Granta)» were three makes of their own in
        // the top makes beside LADA. A make of two words keeps them (Land Rover); a make
        // glued to its model (ВАЗ2107), an unknown make (Ssangyong) and a word that only
        // begins as a make (Ладога, Kiana) are kept as written.
        let brands = [
            "Лада Гранта",
            "ВАЗ-2107",
            "Lada (Granta)",
            "ВАЗ 21099",
            "Kia Rio",
            "Mercedes-Benz GLE",
            "Мерседес Бенц E200",
            "Ленд Ровер Дискавери",
            "Land Rover Defender",
            "Chevrolet Niva",
            "ВАЗ2107",
            "Ssangyong Actyon",
            "Ладога",
            "Kiana",
        ];
        let makes = makes_of(&brands);
        assert_eq!(
            makes,
            [
                "LADA",
                "LADA",
                "LADA",
                "LADA",
                "KIA",
                "MERCEDES-BENZ",
                "MERCEDES-BENZ",
                "LAND ROVER",
                "LAND ROVER",
                "CHEVROLET",
                "ВАЗ2107",
                "SSANGYONG ACTYON",
                "ЛАДОГА",
                "KIANA",
            ]
        );
    }

    #[test]
    fn a_brand_of_no_spelling_is_left_empty() {
        let out = df!("brand" => [None, Some("   "), Some("Chery")])
            .unwrap()
            .lazy()
            .select([make(col("brand"))])
            .collect()
            .unwrap();
        let makes: Vec<Option<&str>> = out.column("brand").unwrap().str().unwrap().iter().collect();
        assert_eq!(makes, [None, Some(""), Some("CHERY")]);
    }
}
