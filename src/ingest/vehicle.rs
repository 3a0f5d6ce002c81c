//! A car written in one cell. 1C lists its repair orders with one column for the car, its
//! catalogue name (`Kia Rio (А123ВС77)`, `LADA Granta, Х777ХХ777`), and no make of its own:
//! the visits had no brand, a required column, and could not be read at all. When the
//! brand is read from such a column (`Автомобиль`, `Автомашина`, `ТС`, `Vehicle`; a
//! column of its own, `Марка`, always wins), the make is its first word (two for the makes
//! of two words), the model the words after it, and the plate a Russian registration plate
//! found in it; the model and the plate are taken only where the export has no column of
//! their own.

use polars::prelude::*;

/// Header names of a column holding the whole car (folded). They name `brand` at the
/// lowest priority (`src/ingest/header.rs`), below any other name of the brand.
pub const VEHICLE_NAMES: [&str; 9] = [
    "автомобиль",
    "автомашина",
    "а/м",
    "авто",
    "машина",
    "транспортное средство",
    "тс",
    "car",
    "vehicle",
];

/// A Russian registration plate: a letter, three digits, two letters, the region (two or
/// three digits), letters of the twelve Cyrillic ones that look Latin, in either alphabet.
const PLATE: &str =
    r"(?i)[АВЕКМНОРСТУХABEKMHOPCTYX]\s?\d{3}\s?[АВЕКМНОРСТУХABEKMHOPCTYX]{2}\s?\d{2,3}";

/// What is not the make or model: a VIN, a year of make, brackets, commas and slashes.
const NOISE: &str = r"(?i)\b[A-HJ-NPR-Z0-9]{17}\b|\b(19|20)\d{2}\b(\s*г\.?)?|[(),/\[\]]|\s-\s";

/// Makes of two words (folded), read whole.
const TWO_WORD_MAKES: [&str; 6] = [
    "land rover",
    "alfa romeo",
    "aston martin",
    "great wall",
    "rolls royce",
    "лэнд ровер",
];

/// Whether the header read as `brand` is one of [`VEHICLE_NAMES`], whole or as its first
/// words.
///
/// ```
/// use stoa::ingest::vehicle::holds_the_whole_car;
/// assert!(holds_the_whole_car("Автомобиль"));
/// assert!(holds_the_whole_car("Автомобиль клиента"));
/// assert!(!holds_the_whole_car("Марка"));
/// ```
pub fn holds_the_whole_car(header: &str) -> bool {
    let f = crate::schema::fold(header);
    let f = f.trim_end_matches([':', '*', ' ']);
    VEHICLE_NAMES.iter().any(|n| {
        f == *n
            || f.strip_prefix(n)
                .is_some_and(|r| r.starts_with([' ', '(', ',']))
    })
}

/// The cars read as make, model and plate, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Rows whose car was read.
    pub rows: u64,
    /// The first car as written.
    pub example: String,
    /// What it gave: make, model, plate (empty where none or where the export has the
    /// column).
    pub parts: [String; 3],
    /// Whether the model and the plate were taken from the car (the export has no column
    /// of its own for them).
    pub filled: [bool; 2],
}

/// What the car `car` gives ([`Split::parts`]), the model and the plate taken as `filled`
/// says: the parts of the car a warning quotes once validation has rejected some visits.
///
/// ```
/// use stoa::ingest::vehicle::parts_of;
/// let parts = parts_of("Kia Rio (А123ВС77)", [true, false]).unwrap();
/// assert_eq!(parts, ["Kia".to_string(), "Rio".into(), String::new()]);
/// ```
pub fn parts_of(car: &str, filled: [bool; 2]) -> PolarsResult<[String; 3]> {
    let mut frame = df!("brand" => [car])?;
    for (name, filled) in ["model", "plate"].into_iter().zip(filled) {
        if !filled {
            frame.with_column(Column::new(name.into(), [None::<&str>]))?;
        }
    }
    Ok(split(&mut frame)?.map(|s| s.parts).unwrap_or_default())
}

/// Read `frame`'s `brand` (the whole car) as the make, and fill `model` and `plate` from it
/// where the frame has no such column. None when no row has a car.
pub fn split(frame: &mut DataFrame) -> PolarsResult<Option<Split>> {
    let car = col("brand");
    let plate = car.clone().str().extract(lit(PLATE), 0);
    let rest = car
        .clone()
        .str()
        .replace_all(lit(PLATE), lit(" "), false)
        .str()
        .replace_all(lit(NOISE), lit(" "), false)
        .str()
        .replace_all(lit(r"\s+"), lit(" "), false)
        .str()
        .strip_chars(lit(NULL));
    let two_words = format!(
        r"(?i)^({})(\s|$)",
        TWO_WORD_MAKES.join("|").replace(' ', r"\s+")
    );
    let make = when(rest.clone().str().contains(lit(two_words.clone()), false))
        .then(rest.clone().str().extract(lit(two_words), 1))
        .otherwise(rest.clone().str().extract(lit(r"^(\S+)"), 1));
    let model = rest
        .clone()
        .str()
        .slice(make.clone().str().len_chars(), lit(NULL))
        .str()
        .strip_chars(lit(NULL));
    let model = when(model.clone().eq(lit("")))
        .then(lit(NULL))
        .otherwise(model);
    let has = |name: &str| frame.column(name).is_ok();
    let (fill_model, fill_plate) = (!has("model"), !has("plate"));
    let mut columns = vec![make.alias("brand"), car.alias("__car")];
    if fill_model {
        columns.push(model.alias("model"));
    }
    if fill_plate {
        columns.push(plate.alias("plate"));
    }
    let done = frame.clone().lazy().with_columns(columns).collect()?;
    let cars = done.column("__car")?.str()?;
    let rows = (cars.len() - cars.null_count()) as u64;
    let Some(first) = cars.iter().position(|c| c.is_some()) else {
        return Ok(None);
    };
    let text = |name: &str, fill: bool| -> PolarsResult<String> {
        Ok(match fill {
            true => done
                .column(name)?
                .str()?
                .get(first)
                .unwrap_or("")
                .to_string(),
            false => String::new(),
        })
    };
    let split = Split {
        rows,
        example: cars.get(first).unwrap_or("").to_string(),
        parts: [
            text("brand", true)?,
            text("model", fill_model)?,
            text("plate", fill_plate)?,
        ],
        filled: [fill_model, fill_plate],
    };
    *frame = done.drop("__car")?;
    Ok(Some(split))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_car_in_one_cell_gives_its_make_model_and_plate() {
        let mut frame = df!(
            "brand" => [
                Some("Kia Rio (А123ВС77)"),
                Some("LADA Granta, х777хх777"),
                Some("Land Rover Discovery Sport 2019 г."),
                Some("Hyundai"),
                Some("Toyota Camry XW7BF4FK30S123456 E001KX199"),
                Some("ГАЗ-3110 Волга"),
                None,
            ],
            "__row" => [2u32, 3, 4, 5, 6, 7, 8],
        )
        .unwrap();
        let got = split(&mut frame).unwrap().unwrap();
        assert_eq!(got.rows, 6);
        assert_eq!(got.example, "Kia Rio (А123ВС77)");
        assert_eq!(
            got.parts,
            ["Kia".to_string(), "Rio".into(), "А123ВС77".into()]
        );
        let column = |name: &str| crate::ingest::texts_of(&frame, name);
        let s = Some::<&str>;
        assert_eq!(
            column("brand"),
            [
                s("Kia"),
                s("LADA"),
                s("Land Rover"),
                s("Hyundai"),
                s("Toyota"),
                s("ГАЗ-3110"),
                None
            ]
        );
        assert_eq!(
            column("model"),
            [
                s("Rio"),
                s("Granta"),
                s("Discovery Sport"),
                None,
                s("Camry"),
                s("Волга"),
                None
            ]
        );
        assert_eq!(
            column("plate"),
            [
                s("А123ВС77"),
                s("х777хх777"),
                None,
                None,
                s("E001KX199"),
                None,
                None
            ]
        );
    }

    #[test]
    fn no_name_of_the_car_names_another_column_of_the_visits() {
        use crate::schema::{fold, Table};
        for c in Table::Visits.columns() {
            for name in std::iter::once(c.name).chain(c.synonyms.iter().copied()) {
                assert!(!VEHICLE_NAMES.contains(&fold(name).as_str()), "{name}");
            }
        }
        let s = crate::ingest::header::Synonyms::new(Table::Visits, &Default::default());
        for name in VEHICLE_NAMES {
            assert_eq!(s.column_of(name), Some("brand"), "{name}");
        }
    }

    #[test]
    fn the_exports_own_model_and_plate_are_kept() {
        let mut frame = df!(
            "brand" => ["Kia Rio (А123ВС77)"],
            "model" => ["Rio X-Line"],
            "plate" => ["А123ВС777"],
        )
        .unwrap();
        let got = split(&mut frame).unwrap().unwrap();
        assert_eq!(got.parts, ["Kia".to_string(), String::new(), String::new()]);
        let text = |n: &str| {
            frame
                .column(n)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .map(String::from)
        };
        assert_eq!(text("brand").as_deref(), Some("Kia"));
        assert_eq!(text("model").as_deref(), Some("Rio X-Line"));
        assert_eq!(text("plate").as_deref(), Some("А123ВС777"));
    }
}
