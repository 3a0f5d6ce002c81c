//! `stoa.toml` (SPEC §3): every key has a built-in default; an unknown key or a bad value
//! is an error that names the key and the expected form.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::cli::Lang;

mod columns;
mod currency;
mod error;
mod paths;
mod place;
mod shapes;
mod validate;
pub use validate::MAX_DAYS;
mod values;
use columns::synonyms;
pub use columns::{ColumnNames, Synonyms};
pub use currency::{currency_code, currency_sign, CURRENCIES};
#[cfg(test)]
pub(crate) use error::syntax_words;
use error::toml_error;
pub use error::{did_you_mean, ConfigError};
pub use place::{dotted, KeyPath};
pub use values::{vocabulary_name, words, Values, VOCABULARIES};

/// A configuration file's text. Notepad of a Russian Windows saves "ANSI", Windows-1251,
/// unless told otherwise; UTF-16 with its BOM is read too, as the CSV reader reads them.
pub(crate) fn text_of(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(crate::ingest::read::csv::decode(&bytes).0.into_owned())
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Station name shown in report titles (see [`Config::title`]); also the name
    /// `--station` and a split folder's settings match.
    pub station: String,
    /// Currency code shown in money formats: one of [`CURRENCIES`], its code however the
    /// file writes it (` rub `, `₽`).
    pub currency: String,
    /// Output language.
    pub language: Lang,
    /// Brands counted as domestic (compared trimmed and case-folded).
    pub domestic_brands: Vec<String>,
    /// The regular-client rule and discount tiers.
    pub loyalty: Loyalty,
    /// Reminder, win-back and service-due settings.
    pub reminders: Reminders,
    /// Holidays greeted in the greetings list.
    pub holidays: Holidays,
    /// Workshop capacity for the bay load.
    pub capacity: Capacity,
    /// Competitor price settings.
    pub competitors: Competitors,
    /// Extra header synonyms per table: `[columns.visits] opened_at = ["Дата приёма"]`, or
    /// one name as a plain string, `opened_at = "Дата приёма"`; `discount = false` leaves an
    /// optional column out.
    #[serde(deserialize_with = "synonyms")]
    pub columns: Synonyms,
    /// Input files named explicitly per table: `[files] visits = "export.xlsx"` or
    /// `visits = "export.xlsx#Лист1"` for one sheet. Paths are relative to the data folder.
    pub files: BTreeMap<String, String>,
    /// Settings of single stations of a chain, by station name (matched trimmed, in any
    /// case, as `--station` matches): `[stations."Север".capacity] bays = 3`. A station
    /// without its own capacity uses `[capacity]`.
    pub stations: BTreeMap<String, StationSettings>,
    /// The station's own words for coded values, by vocabulary: `[values.category]
    /// "Развал-схождение" = "tires"`; see [`Values`].
    pub values: Values,
    /// The dates the whole chain's visits run over, which `stoa split` writes into each
    /// station folder's `stoa.toml`: the station's report then takes the chain's default
    /// month, and may be asked for any month of the chain, as `--station` out of the whole
    /// chain would (a station with no visit in the chain's last month still gets its
    /// reminders, win-back and greetings for it).
    pub chain: Option<ChainSpan>,
    /// The file the settings were read from and its text, for errors found later that name
    /// a key of it (a `[files]` entry ingest finds nothing at): None for the defaults.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// Where a configuration was read from (see [`Config::origin`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The file, as named (`--config`, or the data folder's `stoa.toml`).
    pub path: std::path::PathBuf,
    /// Its text.
    pub text: String,
}

/// `[chain]` of `stoa.toml` (see [`Config::chain`]): dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChainSpan {
    /// The date of the chain's first visit.
    pub first_visit: String,
    /// The date of the chain's last visit (before any mistyped years that end the data).
    pub last_visit: String,
}

impl ChainSpan {
    /// The two dates; None when either is not a `YYYY-MM-DD` date (validation rejects
    /// such a file before anything reads it).
    pub fn dates(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        Some((day(&self.first_visit)?, day(&self.last_visit)?))
    }
}

/// Loyalty rule (SPEC §3).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Loyalty {
    /// Window of the visit count, in days.
    pub window_days: i64,
    /// Visits within the window that make a client regular.
    pub min_visits: u32,
    /// Lower bounds of the order-cost bands, in currency units, starting at 0.
    pub bands: Vec<f64>,
    /// Discount percent per band for domestic brands.
    pub domestic: Vec<f64>,
    /// Discount percent per band for foreign brands.
    pub foreign: Vec<f64>,
    /// Extra percentage points when the car was bought at the station (capped at the group's top tier).
    pub bought_here_bonus: f64,
}

/// Reminder settings (SPEC §3).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Reminders {
    /// Days ahead of as-of within which a due service is listed.
    pub horizon_days: i64,
    /// Km per day used when a vehicle has too few odometer readings.
    pub default_km_per_day: f64,
    /// Services overdue by more than this many days belong to win-back instead.
    pub max_overdue_days: i64,
    /// The least gap in days before a client counts as lapsed by their own rhythm.
    pub winback_min_gap_days: i64,
}

/// Holidays (SPEC §3).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Holidays {
    /// Fixed-date holidays.
    pub fixed: Vec<Holiday>,
    /// Greet on Motorist's Day, the last Sunday of October.
    pub motorists_day: bool,
}

/// A holiday on the same day every year.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// Day of the month, 1..31.
    pub day: u32,
    /// Month, 1..12.
    pub month: u32,
    /// Name shown in the greetings list.
    pub name: String,
}

/// Workshop capacity (SPEC §3).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Capacity {
    /// Number of bays (lifts).
    pub bays: u32,
    /// Working hours per day.
    pub hours_per_day: f64,
    /// Working days per week.
    pub days_per_week: u32,
    /// Dates the workshop is closed (`YYYY-MM-DD`): a closed date that falls on a working
    /// day is taken off the capacity. None by default: many stations work on public
    /// holidays, and which days a station closes is its own.
    pub closed: Vec<String>,
}

/// The settings one station of a chain may have of its own.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct StationSettings {
    /// The station's workshop capacity, for its own report's bay load.
    pub capacity: Option<Capacity>,
}

/// Competitor price settings (SPEC §3).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Competitors {
    /// An observation older than this many days is stale.
    pub max_age_days: i64,
}

/// The station name of a `stoa.toml` that names none: the Russian word for a service
/// station, which an English report's title says in English ([`Config::title`]).
pub const DEFAULT_STATION: &str = "СТО";

impl Config {
    /// The station's name as the report's title rows and page say it: `station`, except
    /// that the unnamed default (`СТО`, Russian for "service station") reads "Service
    /// station" in an English report, whose title was otherwise the one Cyrillic word.
    ///
    /// ```
    /// use stoa::config::Config;
    /// let mut config = Config::default();
    /// assert_eq!(config.title(), "СТО");
    /// config.language = stoa::cli::Lang::En;
    /// assert_eq!(config.title(), "Service station");
    /// config.station = "Garage North".to_string();
    /// assert_eq!(config.title(), "Garage North");
    /// ```
    pub fn title(&self) -> &str {
        match self.language {
            Lang::En if self.station == DEFAULT_STATION => "Service station",
            _ => &self.station,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            station: DEFAULT_STATION.to_string(),
            currency: "RUB".to_string(),
            language: Lang::Ru,
            domestic_brands: [
                "ZAZ",
                "VAZ",
                "LADA",
                "GAZ",
                "UAZ",
                "Moskvich",
                "ЗАЗ",
                "ВАЗ",
                "ЛАДА",
                "ГАЗ",
                "УАЗ",
                "Москвич",
                // Model names that 1C bases keep in the brand column, where they stand
                // for their make (ГАЗель, Соболь, Волга → ГАЗ; Нива, Жигули, Гранта… →
                // Lada; Запорожец, Таврия → ЗАЗ; Патриот, Хантер → УАЗ), and ИЖ: read as
                // makes of their own, they were foreign cars with foreign discount tiers.
                // Latin Patriot and Hunter are left out, being Jeep's and others' too.
                "Gazelle",
                "Sobol",
                "Volga",
                "Niva",
                "Zhiguli",
                "Granta",
                "Vesta",
                "Priora",
                "Kalina",
                "Largus",
                "Zaporozhets",
                "Tavria",
                "IZh",
                "ГАЗель",
                "Соболь",
                "Волга",
                "Нива",
                "Жигули",
                "Гранта",
                "Веста",
                "Приора",
                "Калина",
                "Ларгус",
                "Ока",
                "Запорожец",
                "Таврия",
                "Патриот",
                "Хантер",
                "УАЗик",
                "ИЖ",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            loyalty: Loyalty::default(),
            reminders: Reminders::default(),
            holidays: Holidays::default(),
            capacity: Capacity::default(),
            competitors: Competitors::default(),
            columns: BTreeMap::new(),
            files: BTreeMap::new(),
            stations: BTreeMap::new(),
            values: BTreeMap::new(),
            chain: None,
            origin: None,
        }
    }
}

impl Default for Loyalty {
    fn default() -> Self {
        Loyalty {
            window_days: 365,
            min_visits: 4,
            bands: vec![0.0, 5000.0, 20000.0],
            domestic: vec![20.0, 30.0, 40.0],
            foreign: vec![10.0, 15.0, 20.0],
            bought_here_bonus: 5.0,
        }
    }
}

impl Default for Reminders {
    fn default() -> Self {
        Reminders {
            horizon_days: 30,
            default_km_per_day: 40.0,
            max_overdue_days: 365,
            winback_min_gap_days: 180,
        }
    }
}

impl Default for Holidays {
    fn default() -> Self {
        let h = |day, month, name: &str| Holiday {
            day,
            month,
            name: name.to_string(),
        };
        Holidays {
            fixed: vec![
                h(1, 1, "Новый год"),
                h(23, 2, "День защитника Отечества"),
                h(8, 3, "Международный женский день"),
                h(9, 5, "День Победы"),
                h(12, 6, "День России"),
                h(4, 11, "День народного единства"),
            ],
            motorists_day: true,
        }
    }
}

impl Capacity {
    /// Whether the workshop is closed on `day` by `closed` (dates the validation has
    /// checked).
    pub fn is_closed(&self, day: chrono::NaiveDate) -> bool {
        self.closed.iter().any(|d| closed_date(d) == Some(day))
    }
}

/// A date of `[capacity] closed`: `YYYY-MM-DD`, spaces around allowed.
fn closed_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            bays: 4,
            hours_per_day: 10.0,
            days_per_week: 6,
            closed: Vec::new(),
        }
    }
}

impl Default for Competitors {
    fn default() -> Self {
        Competitors { max_age_days: 180 }
    }
}

impl Config {
    /// Parse a configuration from TOML text; `origin` names it in errors.
    ///
    /// ```
    /// let c = stoa::config::Config::from_toml("station = \"Север\"\n[loyalty]\nmin_visits = 5\n", "stoa.toml").unwrap();
    /// assert_eq!(c.station, "Север");
    /// assert_eq!(c.loyalty.min_visits, 5);
    /// assert_eq!(c.loyalty.window_days, 365);
    /// assert!(stoa::config::Config::from_toml("colour = 1", "stoa.toml").is_err());
    /// ```
    pub fn from_toml(text: &str, origin: impl AsRef<Path>) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: origin.as_ref().to_path_buf(),
            message: toml_error(text, &e),
        })?;
        if let Some(message) = shapes::check(text) {
            return Err(ConfigError::Invalid {
                path: origin.as_ref().to_path_buf(),
                message,
            });
        }
        config.origin = Some(Origin {
            path: origin.as_ref().to_path_buf(),
            text: text.to_string(),
        });
        // A value the checks refuse is placed in the file as a wrong type is.
        let checked = config
            .validate()
            .and_then(|()| paths::check(&config.files, text))
            .and_then(|()| currency::check(&config.currency));
        let code = checked.map_err(|e| match e.key() {
            Some(key) => config.place(&key, e.of_value(), e.to_string()).unwrap_or(e),
            None => e,
        })?;
        // The code, however the file writes it (` rub `, `₽`): the report names it.
        config.currency = code.to_string();
        Ok(config)
    }

    /// The error `message` about the value of the key `key` of the file the settings came
    /// from, said with the file and the value's line and column ([`ConfigError::At`]);
    /// None for the defaults, which have no file.
    ///
    /// ```
    /// let c = stoa::config::Config::from_toml("[files]\nvisits = \"v.xlsx\"\n", "my cfg/s.toml").unwrap();
    /// let key = ["files", "visits"].map(String::from);
    /// let e = c.at(&key, "no such file".into()).unwrap();
    /// assert_eq!(e.to_string(), "in the configuration file my cfg/s.toml, line 2, column 10: no such file");
    /// ```
    pub fn at(&self, key: &[String], message: String) -> Option<ConfigError> {
        self.place(key, true, message)
    }

    /// [`Config::at`], placed at the value of the key or (not `value`) at its name.
    fn place(&self, key: &[String], value: bool, message: String) -> Option<ConfigError> {
        let origin = self.origin.as_ref()?;
        let (line, column) = place::of_key(&origin.text, key, value).unwrap_or((1, 1));
        Some(ConfigError::At {
            path: origin.path.clone(),
            line,
            column,
            message,
        })
    }

    /// Load the configuration: the named file (which must exist), else `stoa.toml` in the
    /// data folder when present, else the defaults.
    pub fn load(explicit: Option<&Path>, data_dir: &Path) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = data_dir.join("stoa.toml");
                // A link to nothing is said (below), not taken for no file.
                if !p.exists() && crate::error::broken_link(&p).is_none() {
                    return Ok(Config::default());
                }
                p
            }
        };
        if path.is_dir() {
            return Err(ConfigError::Folder { path });
        }
        let text = text_of(&path).map_err(|source| {
            if let Some(target) = crate::error::broken_link(&path) {
                ConfigError::BrokenLink {
                    path: path.clone(),
                    target,
                }
            } else if source.kind() == std::io::ErrorKind::NotFound {
                ConfigError::NotFound { path: path.clone() }
            } else {
                ConfigError::Read {
                    path: path.clone(),
                    source,
                }
            }
        })?;
        Config::from_toml(&text, &path)
    }

    /// The `language` a configuration file asks for even where the file is not a valid
    /// configuration (a value out of range, an unknown key elsewhere), so that the error
    /// about it is said in that language; None when the file cannot be read as TOML or
    /// does not say.
    pub fn language_of(explicit: Option<&Path>, data_dir: &Path) -> Option<Lang> {
        let path = explicit.map_or_else(|| data_dir.join("stoa.toml"), Path::to_path_buf);
        let text = text_of(&path).ok()?;
        let table: toml::Table = text.trim_start_matches('\u{feff}').parse().ok()?;
        match table
            .get("language")?
            .as_str()?
            .trim()
            .to_lowercase()
            .as_str()
        {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// Whether a brand is domestic under this configuration (SPEC §4.1): the trimmed,
    /// case-folded brand is an entry of `domestic_brands`, or begins with one followed by
    /// a space, a hyphen or a bracket. Exports often write the model into the brand's cell
    /// (`ВАЗ 2107`, `LADA Granta`, `ГАЗ-3110`, `Лада (ВАЗ)`); read by equality alone, as
    /// SPEC words it, such a car got the foreign brands' discount tiers.
    ///
    /// ```
    /// let c = stoa::config::Config::default();
    /// assert!(c.is_domestic(" лада "));
    /// assert!(c.is_domestic("ВАЗ 2107"));
    /// assert!(c.is_domestic("LADA Granta"));
    /// assert!(c.is_domestic("ГАЗ-3110"));
    /// assert!(!c.is_domestic("Toyota"));
    /// assert!(!c.is_domestic("Ладога")); // no word of its own
    /// assert!(c.is_domestic("ГАЗель Next")); // a model name in the brand's cell
    /// assert!(!c.is_domestic("Chevrolet Niva")); // the make comes first
    /// ```
    pub fn is_domestic(&self, brand: &str) -> bool {
        let b = brand.trim().to_lowercase();
        self.domestic_brands.iter().any(|d| {
            let d = d.trim().to_lowercase();
            b == d
                || b.strip_prefix(d.as_str())
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| matches!(c, ' ' | '-' | '('))
        })
    }
}

/// Whether an amount in `lang` is written with the currency's `sign` before it: the
/// dollar, the euro and the pound in English (`$1,800.00`), as English writes them; every
/// sign after the amount in Russian (`1 800,00 $`), and the rouble's, the tenge's, the
/// hryvnia's, Br and a code after it in English too (`1,800.00 ₽`), as the countries
/// that use them write them. Until session 32 the sign was after the amount in every
/// language (`1,800 $`).
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::config::sign_before;
/// assert!(sign_before(Lang::En, "$"));
/// assert!(!sign_before(Lang::Ru, "$"));
/// assert!(!sign_before(Lang::En, "₽"));
/// ```
pub fn sign_before(lang: Lang, sign: &str) -> bool {
    lang == Lang::En && matches!(sign, "$" | "€" | "£")
}

/// `amount` (its text in `lang`: `1,800.00`, `-1 800,00`) with the currency's `sign` where
/// `lang` writes it ([`sign_before`]): `$1,800.00` (`-$1,800.00`: the minus first) or
/// `1 800,00 $`, the sign held to the amount by a non-breaking space where it follows.
/// An empty sign leaves the amount alone.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::config::with_sign;
/// assert_eq!(with_sign(Lang::En, "1,800.00", "$"), "$1,800.00");
/// assert_eq!(with_sign(Lang::En, "-1,800.00", "€"), "-€1,800.00");
/// assert_eq!(with_sign(Lang::Ru, "1 800,00", "$"), "1 800,00\u{a0}$");
/// assert_eq!(with_sign(Lang::En, "1,800.00", "₽"), "1,800.00\u{a0}₽");
/// ```
pub fn with_sign(lang: Lang, amount: &str, sign: &str) -> String {
    match (sign.is_empty(), sign_before(lang, sign)) {
        (true, _) => amount.to_string(),
        (false, true) => match amount.strip_prefix(['-', '−']) {
            Some(rest) => format!("{}{sign}{rest}", &amount[..amount.len() - rest.len()]),
            None => format!("{sign}{amount}"),
        },
        (false, false) => format!("{amount}\u{a0}{sign}"),
    }
}

#[cfg(test)]
mod tests;
