//! Units of money in header cells, wherever they stand (`Сумма, руб.`, `Сумма, руб. (с
//! НДС)`, `Цена, руб./шт`, `Сумма (руб.) без скидки`), and the scale of those that are not
//! roubles (`Сумма, коп.`, `Сумма, тыс. руб.`). Until session 30 only a unit of roubles
//! ending the cell was set aside: the others left the header unread, or read by its first
//! word with its figures as roubles. Since session 31 also a scale alone (`Сумма, тыс.`),
//! thousands of km (`Пробег, тыс. км`) and a price per piece (`Цена за шт., руб.`).

use std::sync::LazyLock;

use regex::Regex;

use super::Header;

/// What a header's unit of money makes of its figures where they are not roubles: `Сумма,
/// коп.` holds a hundred times the roubles, `Сумма, тыс. руб.` a thousandth of them. Read
/// as roubles (until session 30, with only the warning of a header read by its first
/// word), a station's revenue was a hundred times too large, or a thousand times too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Kopecks: `Сумма, коп.`, `Цена (в копейках)`.
    Kopecks,
    /// Thousands of roubles: `Сумма, тыс. руб.`, `Сумма (тыс руб)`, `тыс. ₽`.
    Thousands,
    /// Millions of roubles: `Сумма, млн руб.`.
    Millions,
}

impl Scale {
    /// A figure of this unit in roubles: 15050 kopecks are 150.50, 1.5 thousand roubles
    /// 1500 (a division by 100 is exact where a product by 0.01 is not).
    ///
    /// ```
    /// use stoa::ingest::header::Scale;
    /// assert_eq!(Scale::Kopecks.roubles(15_050.0), 150.5);
    /// assert_eq!(Scale::Thousands.roubles(1.5), 1_500.0);
    /// assert_eq!(Scale::Millions.roubles(0.25), 250_000.0);
    /// ```
    pub fn roubles(self, figure: f64) -> f64 {
        match self {
            Scale::Kopecks => figure / 100.0,
            Scale::Thousands => figure * 1_000.0,
            Scale::Millions => figure * 1_000_000.0,
        }
    }

    /// The unit in words, as its warning names it (`crate::ingest::reasons::SCALED_MONEY`).
    pub fn unit(self) -> &'static str {
        match self {
            Scale::Kopecks => "kopecks",
            Scale::Thousands => "thousands of roubles",
            Scale::Millions => "millions of roubles",
        }
    }

    /// A figure of the unit and the roubles it is read as, for its warning.
    pub fn example(self) -> (&'static str, &'static str) {
        match self {
            Scale::Kopecks => ("15050", "150,50"),
            Scale::Thousands => ("1,5", "1 500,00"),
            Scale::Millions => ("1,5", "1 500 000,00"),
        }
    }
}

/// A unit of money in a folded header cell, wherever it stands (`сумма, руб. (с ндс)`,
/// `цена, руб./шт`, `сумма (руб.) без скидки`): `в` before it, a scale (`тыс.`, `млн`), the
/// rouble's sign or word (roubles and kopecks, `руб. коп.`, are roubles) or the kopeck's,
/// and a unit of the goods after a slash (`/шт`). `р.` only ends a cell: inside one it
/// may be another word cut short (`Дата р.` is a birthday).
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\bв\s+)?",
        r"(?:\b(?P<scale>тыс|тысячах|млн|миллионах|thousands?|mln|k)\b\.?\s*)?",
        r"(?:(?P<sign>₽)",
        r"|\b(?P<kop>копейках|копеек|копейки|коп|kopecks|kopeks|kop)\b\.?",
        r"|(?P<rub>\b(?:рублях|рублей|рубля|рубли|руб|roubles|rubles|rub|rur)\b\.?(?:\s*[,-]?\s*коп\b\.?)?",
        r"|\bр\.$))",
        r"(?:\s*/\s*(?:шт|ед|ч|час|л|кг)\b\.?)?",
    ))
    .expect("the pattern of a unit of money is valid")
});

/// A scale with no unit after it, ending the name or its brackets (`сумма, тыс.`, `сумма
/// (тыс.)`, `сумма, млн`, `сумма в тысячах`): thousands or millions of whatever the column
/// counts, money or km (`crate::ingest::header::Synonyms::matched` reads it only for
/// them). A word after it is some other unit's (`пробег, тыс. км`, `кол-во, тыс. шт`).
static BARE_SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\bв\s+)?\b(?P<scale>тыс|тысячах|млн|миллионах|thousands?|mln)\b\.?")
        .expect("the pattern of a bare scale is valid")
});

/// Thousands of km (`пробег, тыс. км`, `интервал (тыс. км)`, `mileage, thousand km`):
/// the scale before the unit, which is kept (`пробег, км` is a name of the odometer).
static THOUSANDS_KM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\bв\s+)?\b(?:тыс|тысячах|тысяч|thousands?|k)\b\.?\s*(?P<km>км|km)\b\.?")
        .expect("the pattern of thousands of km is valid")
});

/// A price per piece or unit (`цена за шт.`, `цена за ед.`, `цена (за 1 шт.)`, `цена за
/// единицу`): what a price always is, no part of its name. Read by its first word, `Цена
/// за шт., руб.` was the unit price with the warning of a column so read.
static PER_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\(\s*за\s+(?:1\s+)?(?:шт|ед|единицу|штуку)\b\.?\s*\)",
        r"|\bза\s+(?:1\s+)?(?:шт|ед|единицу|штуку)\b\.?",
        r"|\bper\s+(?:unit|piece|pc)\b\.?",
    ))
    .expect("the pattern of a price per piece is valid")
});

/// How a header's unit of money names the rouble (`Сумма, руб.`, `Цена (₽)`): at a station
/// whose books are in another currency such a column is read as that currency all the
/// same (`crate::ingest::reasons::HEADER_ROUBLES` says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rouble {
    /// The sign `₽`, the Russian rouble's alone.
    Sign,
    /// A word (`руб.`, `рублей`, `р.`, `RUB`), which Belarusian exports write of their
    /// rouble too.
    Word,
}

/// What a header's unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// Money: the rouble's sign or word, the kopeck's, or a price per piece.
    Money,
    /// Distance: thousands of km.
    Km,
    /// A scale alone (`сумма, тыс.`): money or km as its column is.
    Either,
}

/// A header cell's name without its unit, and how the unit scales its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unit {
    /// The folded name left: `сумма (с ндс)` of `сумма, руб. (с ндс)`.
    pub name: String,
    /// None for roubles (or km).
    pub scale: Option<Scale>,
    /// What the unit measures.
    pub of: Measure,
    /// Whether the cell says a price per piece (`за шт.`), which only a price's name may.
    pub per: bool,
    /// How the unit names the rouble; None where it names none (`коп.`, `тыс.`, km).
    pub rouble: Option<Rouble>,
}

/// The unit a folded header key holds and the name without it: `сумма, руб.`, `сумма
/// (руб)`, `сумма в рублях`, `цена ₽` are `сумма` and `цена`; `сумма, коп.` and `сумма,
/// тыс. руб.` are `сумма` in kopecks and in thousands; `сумма, руб. (с ндс)` is `сумма (с
/// ндс)` and `сумма (руб.) без скидки` `сумма без скидки`; `сумма, тыс.` is `сумма` in
/// thousands of money or km, `пробег, тыс. км` `пробег, км` in thousands of km, and `цена
/// за шт., руб.` `цена`. None when it holds none, or nothing before it, or its brackets
/// are left unmatched (`сумма, руб.)`).
pub(super) fn unit_of(key: &str) -> Option<Unit> {
    // A price per piece is set aside first: `цена за шт., руб.` is `цена, руб.`.
    let per = PER_PIECE.find(key).and_then(|m| {
        let key = format!("{} {}", &key[..m.start()], &key[m.end()..]);
        tidy(&key)
    });
    let key = per.as_deref().unwrap_or(key);
    if let Some(km) = THOUSANDS_KM.captures(key) {
        let whole = km.get(0)?;
        let name = tidy(&format!(
            "{}{}{}",
            &key[..whole.start()],
            &km["km"],
            &key[whole.end()..]
        ))?;
        return Some(Unit {
            name,
            scale: Some(Scale::Thousands),
            of: Measure::Km,
            per: per.is_some(),
            rouble: None,
        });
    }
    let money = UNIT.captures(key).and_then(|m| {
        let whole = m.get(0)?;
        let scale = match (m.name("scale"), m.name("kop")) {
            (_, Some(_)) => Some(Scale::Kopecks),
            (Some(s), None) => Some(scale_of(s.as_str())),
            (None, None) => None,
        };
        let name = set_aside(key, whole.start(), whole.end())?;
        let rouble = match (m.name("sign"), m.name("rub")) {
            (Some(_), _) => Some(Rouble::Sign),
            (None, Some(_)) => Some(Rouble::Word),
            (None, None) => None,
        };
        Some(Unit {
            name,
            scale,
            of: Measure::Money,
            per: per.is_some(),
            rouble,
        })
    });
    let bare = || {
        BARE_SCALE.captures_iter(key).find_map(|m| {
            let whole = m.get(0)?;
            // A word after it is some other unit's.
            let after = key[whole.end()..].trim_start();
            if after.starts_with(char::is_alphanumeric) {
                return None;
            }
            Some(Unit {
                name: set_aside(key, whole.start(), whole.end())?,
                scale: Some(scale_of(&m["scale"])),
                of: Measure::Either,
                per: per.is_some(),
                rouble: None,
            })
        })
    };
    money.or_else(bare).or_else(|| {
        // A price per piece with no other unit: a price all the same.
        per.clone()
            .filter(|name| name.chars().any(char::is_alphanumeric))
            .map(|name| Unit {
                name,
                scale: None,
                of: Measure::Money,
                per: true,
                rouble: None,
            })
    })
}

/// The scale a scale's word names.
fn scale_of(word: &str) -> Scale {
    match word.starts_with('м') || word == "mln" {
        true => Scale::Millions,
        false => Scale::Thousands,
    }
}

/// `key` without its unit at `start..end`: the comma or slash that set the unit apart
/// goes with it, and brackets around the unit alone; None when nothing is left before
/// it, or brackets are left unmatched.
fn set_aside(key: &str, start: usize, end: usize) -> Option<String> {
    let left = key[..start].trim_end();
    let mut left = left.strip_suffix([',', '/']).unwrap_or(left).trim_end();
    let mut right = key[end..].trim_start();
    // Brackets around the unit alone go with it; a comma after it inside them too.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(l) = left.strip_suffix(open) {
            if let Some(r) = right.strip_prefix(close) {
                (left, right) = (l.trim_end(), r.trim_start());
            } else if let Some(r) = right.strip_prefix(',') {
                right = r.trim_start();
            }
        }
    }
    if !left.chars().any(char::is_alphanumeric) {
        return None;
    }
    tidy(&format!("{left} {right}"))
}

/// A name's spaces, brackets and trailing marks as header names are written; None when
/// its brackets are left unmatched.
fn tidy(name: &str) -> Option<String> {
    let name = name
        .replace("( ", "(")
        .replace("[ ", "[")
        .replace(" )", ")")
        .replace(" ]", "]")
        .replace(" ,", ",");
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.trim_end_matches([',', '/', ';', ' ']).to_string();
    let count = |c: char| name.matches(c).count();
    let balanced = count('(') == count(')') && count('[') == count(']');
    balanced.then_some(name)
}

/// [`unit_of`]'s name alone.
pub(super) fn without_unit(key: &str) -> Option<String> {
    unit_of(key).map(|u| u.name)
}

impl Header {
    /// How the unit of money in the header of `column` scales its figures (`Сумма, коп.`,
    /// `Сумма, тыс. руб.`): None where the header reads no such column, or its unit is
    /// roubles, or it has none.
    ///
    /// ```
    /// use stoa::{config::Config, ingest::header::{Scale, Synonyms}, schema::Table};
    /// let lines = Synonyms::new(Table::OrderLines, &Config::default());
    /// let row: Vec<String> = ["Заказ-наряд", "Работа", "Цена, коп.", "Сумма, тыс. руб."]
    ///     .map(String::from)
    ///     .to_vec();
    /// let h = lines.find_header(&[row]).unwrap();
    /// assert_eq!(h.scale("unit_price"), Some(Scale::Kopecks));
    /// assert_eq!(h.scale("amount"), Some(Scale::Thousands));
    /// assert_eq!(h.scale("visit_id"), None);
    /// ```
    pub fn scale(&self, column: &str) -> Option<Scale> {
        let unit = self.unit(column)?;
        matches!(unit.of, Measure::Money | Measure::Either)
            .then_some(unit.scale)
            .flatten()
    }

    /// How the unit in the header of `column` scales its distances: thousands for
    /// `Пробег, тыс. км` or `Пробег, тыс.`; None where the header reads no such column,
    /// or its unit is km, or money, or it has none.
    ///
    /// ```
    /// use stoa::{config::Config, ingest::header::{Scale, Synonyms}, schema::Table};
    /// let visits = Synonyms::new(Table::Visits, &Config::default());
    /// let row: Vec<String> = ["Номер", "Дата", "Клиент", "Пробег, тыс. км"]
    ///     .map(String::from)
    ///     .to_vec();
    /// let h = visits.find_header(&[row]).unwrap();
    /// assert_eq!(h.km_scale("odometer_km"), Some(Scale::Thousands));
    /// assert_eq!(h.scale("odometer_km"), None);
    /// ```
    pub fn km_scale(&self, column: &str) -> Option<Scale> {
        let unit = self.unit(column)?;
        matches!(unit.of, Measure::Km | Measure::Either)
            .then_some(unit.scale)
            .flatten()
    }

    /// How the unit of money in the header of `column` names the rouble (`Сумма, руб.`,
    /// `Цена (₽)`, `Сумма, тыс. руб.`): None where the header reads no such column, or its
    /// unit names no rouble (`Сумма, коп.`, `Сумма, тыс.`), or it has none.
    ///
    /// ```
    /// use stoa::{config::Config, ingest::header::{Rouble, Synonyms}, schema::Table};
    /// let lines = Synonyms::new(Table::OrderLines, &Config::default());
    /// let row: Vec<String> = ["Заказ-наряд", "Работа", "Цена (₽)", "Сумма, руб.", "Себестоимость, коп."]
    ///     .map(String::from)
    ///     .to_vec();
    /// let h = lines.find_header(&[row]).unwrap();
    /// assert_eq!(h.rouble("unit_price"), Some(Rouble::Sign));
    /// assert_eq!(h.rouble("amount"), Some(Rouble::Word));
    /// assert_eq!(h.rouble("cost"), None);
    /// ```
    pub fn rouble(&self, column: &str) -> Option<Rouble> {
        self.unit(column)?.rouble
    }

    /// The unit in the header cell of `column`.
    fn unit(&self, column: &str) -> Option<Unit> {
        let cell = self.cells.get(*self.mapping.get(column)?)?;
        unit_of(&super::header_key(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_of_money_is_no_part_of_a_header_name() {
        for (key, name) in [
            ("сумма, руб.", "сумма"),
            ("сумма, руб", "сумма"),
            ("сумма (руб)", "сумма"),
            ("сумма (руб.)", "сумма"),
            ("сумма руб.", "сумма"),
            ("сумма, ₽", "сумма"),
            ("сумма ₽", "сумма"),
            ("сумма₽", "сумма"),
            ("сумма (₽)", "сумма"),
            ("сумма, в руб.", "сумма"),
            ("сумма в рублях", "сумма"),
            ("сумма, р.", "сумма"),
            ("сумма [руб]", "сумма"),
            ("цена, rub", "цена"),
            ("сумма ндс, руб.", "сумма ндс"),
            ("сумма без скидки, руб.", "сумма без скидки"),
            ("сумма с ндс (руб.)", "сумма с ндс"),
            ("сумма, руб. коп.", "сумма"),
        ] {
            assert_eq!(without_unit(key).as_deref(), Some(name), "{key}");
        }
        // A word ending in the letters is no unit, nor is a unit with no name before it.
        for key in [
            "сумма",
            "руб.",
            "₽",
            "деструб",
            "сумма, руб.)",
            "дата р. клиента",
        ] {
            assert_eq!(without_unit(key), None, "{key}");
        }
    }

    #[test]
    fn regression_a_unit_of_money_inside_a_header_is_set_aside() {
        // Session 30: a unit was left out only where it ended the cell.
        for (key, name) in [
            ("сумма, руб. (с ндс)", "сумма (с ндс)"),
            ("сумма (руб., с ндс)", "сумма (с ндс)"),
            ("цена, руб./шт", "цена"),
            ("цена, руб./шт.", "цена"),
            ("цена (₽/шт)", "цена"),
            ("сумма (руб.) без скидки", "сумма без скидки"),
            ("сумма руб. без ндс", "сумма без ндс"),
            ("сумма, в руб., со скидкой", "сумма, со скидкой"),
        ] {
            assert_eq!(without_unit(key).as_deref(), Some(name), "{key}");
        }
    }

    #[test]
    fn regression_kopecks_and_thousands_of_roubles_are_units_with_a_scale() {
        // Until session 30 these were no unit, and the column was read by its first word,
        // its figures as roubles.
        for (key, name, scale) in [
            ("сумма, коп.", "сумма", Scale::Kopecks),
            ("сумма (коп)", "сумма", Scale::Kopecks),
            ("цена в копейках", "цена", Scale::Kopecks),
            ("сумма, тыс. руб.", "сумма", Scale::Thousands),
            ("сумма (тыс руб)", "сумма", Scale::Thousands),
            ("сумма, тыс.руб.", "сумма", Scale::Thousands),
            ("сумма в тысячах рублей", "сумма", Scale::Thousands),
            ("сумма, тыс. ₽ (с ндс)", "сумма (с ндс)", Scale::Thousands),
            ("сумма, млн руб.", "сумма", Scale::Millions),
            ("amount, k rub", "amount", Scale::Thousands),
        ] {
            let u = unit_of(key).unwrap();
            assert_eq!((u.name.as_str(), u.scale), (name, Some(scale)), "{key}");
        }
        assert_eq!(unit_of("сумма, руб.").unwrap().scale, None);
    }

    #[test]
    fn a_unit_of_money_tells_whether_it_names_the_rouble() {
        for (key, rouble) in [
            ("сумма, руб.", Some(Rouble::Word)),
            ("стоимость руб", Some(Rouble::Word)),
            ("сумма в рублях", Some(Rouble::Word)),
            ("сумма, р.", Some(Rouble::Word)),
            ("сумма, руб. коп.", Some(Rouble::Word)),
            ("сумма, тыс. руб.", Some(Rouble::Word)),
            ("amount, rub", Some(Rouble::Word)),
            ("цена (₽)", Some(Rouble::Sign)),
            ("сумма, тыс. ₽ (с ндс)", Some(Rouble::Sign)),
            // Kopecks, a scale alone, a price per piece and km name no rouble.
            ("сумма, коп.", None),
            ("сумма, тыс.", None),
            ("цена за шт.", None),
            ("пробег, тыс. км", None),
        ] {
            assert_eq!(unit_of(key).unwrap().rouble, rouble, "{key}");
        }
    }

    #[test]
    fn regression_a_scale_alone_and_thousands_of_km_are_units() {
        // Session 31: `Сумма, тыс.` was read by its first word, its figures as roubles, and
        // `Пробег, тыс. км` as km.
        for (key, name, scale) in [
            ("сумма, тыс.", "сумма", Scale::Thousands),
            ("сумма (тыс.)", "сумма", Scale::Thousands),
            ("сумма, тыс", "сумма", Scale::Thousands),
            ("сумма в тысячах", "сумма", Scale::Thousands),
            ("сумма, млн", "сумма", Scale::Millions),
            ("сумма, млн.", "сумма", Scale::Millions),
            (
                "сумма (тыс.) без скидки",
                "сумма без скидки",
                Scale::Thousands,
            ),
            ("сумма, тыс., с ндс", "сумма, с ндс", Scale::Thousands),
        ] {
            let u = unit_of(key).unwrap();
            assert_eq!(
                (u.name.as_str(), u.scale, u.of),
                (name, Some(scale), Measure::Either),
                "{key}"
            );
        }
        for (key, name) in [
            ("пробег, тыс. км", "пробег, км"),
            ("пробег (тыс. км)", "пробег (км)"),
            ("пробег, тыс.км", "пробег, км"),
            ("интервал, тыс. км", "интервал, км"),
            ("mileage, thousand km", "mileage, km"),
        ] {
            let u = unit_of(key).unwrap();
            assert_eq!(
                (u.name.as_str(), u.scale, u.of),
                (name, Some(Scale::Thousands), Measure::Km),
                "{key}"
            );
        }
        // A word after the scale is another unit's; a scale alone names nothing.
        for key in ["кол-во, тыс. шт", "тыс.", "(тыс.)", "пробег, км", "тысяча"]
        {
            assert_eq!(unit_of(key), None, "{key}");
        }
    }

    #[test]
    fn regression_a_price_per_piece_is_a_price_with_its_unit() {
        // Session 31: `Цена за шт., руб.` was read by its first word.
        for (key, name, scale) in [
            ("цена за шт., руб.", "цена", None),
            ("цена за шт.", "цена", None),
            ("цена за шт", "цена", None),
            ("цена за ед., руб.", "цена", None),
            ("цена за единицу", "цена", None),
            ("цена, руб. за шт.", "цена", None),
            ("цена (за 1 шт.), руб.", "цена", None),
            ("цена за ед., коп.", "цена", Some(Scale::Kopecks)),
            ("price per unit", "price", None),
        ] {
            let u = unit_of(key).unwrap();
            assert_eq!(
                (u.name.as_str(), u.scale, u.of),
                (name, scale, Measure::Money),
                "{key}"
            );
        }
        assert_eq!(unit_of("за шт."), None);
    }

    /// The column a visits' header cell is read as, and whether by its first words.
    fn odometer_of(cell: &str) -> Option<(&'static str, bool)> {
        let visits = super::super::Synonyms::new(
            crate::schema::Table::Visits,
            &crate::config::Config::default(),
        );
        let row: Vec<String> = ["Номер", "Дата", "Клиент", cell].map(String::from).to_vec();
        let h = visits.find_header(&[row])?;
        let (column, _) = h.mapping.iter().find(|(_, &p)| p == 3)?;
        Some((column, h.loose.contains(column)))
    }

    #[test]
    fn regression_the_mileage_left_to_the_next_service_is_no_odometer() {
        // Session 32: `Пробег до ТО, тыс. км` was read as the odometer by its first word
        // (its scale set aside left `пробег до то, км`), as `Пробег до ТО, км` was: the
        // distance left to a service, counted as the car's mileage, made every car due.
        for cell in [
            "Пробег до ТО, тыс. км",
            "Пробег до ТО, км",
            "Пробег до ТО (км)",
            "Пробег до ТО",
            "Пробег до следующего ТО, тыс. км",
            "Пробег до замены масла, км",
            "Пробег с последнего ТО, км",
        ] {
            assert_eq!(odometer_of(cell), None, "{cell}");
        }
    }

    #[test]
    fn the_odometer_is_still_read_by_its_own_headers() {
        for cell in ["Пробег, км", "Пробег, тыс. км", "Одометр", "Пробег"]
        {
            assert_eq!(odometer_of(cell), Some(("odometer_km", false)), "{cell}");
        }
        // Read by its first word, as before, with its warning.
        assert_eq!(odometer_of("Пробег (км)"), Some(("odometer_km", true)));
        assert_eq!(
            odometer_of("Пробег при приёме"),
            Some(("odometer_km", true))
        );
    }
}
