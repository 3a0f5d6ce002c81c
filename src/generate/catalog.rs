//! The fixed vocabulary of the generator: what a mid-sized Russian service station sells,
//! the cars that come in, the people who bring them and the competitors down the road.
//! Kept apart from the simulation so that the numbers a reader may want to tune (prices,
//! norm hours, intervals, brand mix) sit in one table.

use crate::cli::Lang;

/// A spare part sold together with a job.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    /// Article code (not in the price list: parts are priced by the supplier).
    pub code: &'static str,
    /// Russian name.
    pub ru: &'static str,
    /// English name.
    pub en: &'static str,
    /// Pieces per job.
    pub qty: f64,
    /// Price of one piece for a foreign car at the end of the history, roubles.
    pub price: f64,
}

/// A job of the price list.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// Service code, the key of the price list.
    pub code: &'static str,
    /// Russian name.
    pub ru: &'static str,
    /// English name.
    pub en: &'static str,
    /// Canonical category (SPEC §2).
    pub category: &'static str,
    /// Price of the job at the end of the history, roubles.
    pub price: f64,
    /// Norm hours of the job.
    pub hours: f64,
    /// Reminder interval in months, if the service recurs.
    pub interval_months: Option<i64>,
    /// Reminder interval in km, if the service recurs.
    pub interval_km: Option<i64>,
    /// The parts the job uses.
    pub parts: &'static [Part],
}

impl Service {
    /// The name in a language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

const fn part(
    code: &'static str,
    ru: &'static str,
    en: &'static str,
    qty: f64,
    price: f64,
) -> Part {
    Part {
        code,
        ru,
        en,
        qty,
        price,
    }
}

#[allow(clippy::too_many_arguments)]
const fn svc(
    code: &'static str,
    ru: &'static str,
    en: &'static str,
    category: &'static str,
    price: f64,
    hours: f64,
    interval: (Option<i64>, Option<i64>),
    parts: &'static [Part],
) -> Service {
    Service {
        code,
        ru,
        en,
        category,
        price,
        hours,
        interval_months: interval.0,
        interval_km: interval.1,
        parts,
    }
}

const NONE: (Option<i64>, Option<i64>) = (None, None);

/// The price list. Intervals follow common manufacturer schedules for a city car.
#[rustfmt::skip]
pub const SERVICES: &[Service] = &[
    svc("WSH-01", "Мойка кузова", "Exterior wash", "wash", 700.0, 0.3, NONE, &[]),
    svc("WSH-02", "Комплексная мойка", "Full wash, exterior and interior", "wash", 1500.0, 0.7, NONE, &[]),
    svc("MNT-01", "Замена масла двигателя", "Engine oil change", "maintenance", 1200.0, 0.5, (Some(12), Some(15000)), &[
        part("PRT-OIL", "Масло моторное 5W-30, 4 л", "Engine oil 5W-30, 4 l", 1.0, 3600.0),
        part("PRT-OFL", "Фильтр масляный", "Oil filter", 1.0, 650.0),
    ]),
    svc("MNT-02", "Замена воздушного фильтра", "Air filter replacement", "maintenance", 400.0, 0.2, (Some(24), Some(30000)), &[part("PRT-AFL", "Фильтр воздушный", "Air filter", 1.0, 900.0)]),
    svc("MNT-03", "Замена салонного фильтра", "Cabin filter replacement", "maintenance", 500.0, 0.3, (Some(12), Some(15000)), &[part("PRT-CFL", "Фильтр салонный", "Cabin filter", 1.0, 800.0)]),
    svc("MNT-04", "Замена тормозной жидкости", "Brake fluid replacement", "maintenance", 1500.0, 0.8, (Some(24), None), &[part("PRT-BFL", "Тормозная жидкость DOT-4, 1 л", "Brake fluid DOT-4, 1 l", 1.0, 700.0)]),
    svc("MNT-05", "Замена свечей зажигания", "Spark plug replacement", "maintenance", 1200.0, 0.6, (Some(36), Some(30000)), &[part("PRT-SPK", "Свеча зажигания", "Spark plug", 4.0, 450.0)]),
    svc("MNT-06", "Замена ремня ГРМ", "Timing belt replacement", "maintenance", 7500.0, 3.5, (Some(60), Some(60000)), &[part("PRT-TBK", "Комплект ремня ГРМ", "Timing belt kit", 1.0, 9500.0)]),
    svc("MNT-07", "Замена охлаждающей жидкости", "Coolant replacement", "maintenance", 1800.0, 1.0, (Some(48), Some(60000)), &[part("PRT-CLT", "Антифриз, 5 л", "Coolant, 5 l", 1.0, 1900.0)]),
    svc("MNT-08", "Замена масла в АКПП", "Automatic transmission oil change", "maintenance", 3500.0, 1.5, (Some(48), Some(60000)), &[part("PRT-ATF", "Масло ATF, 6 л", "ATF oil, 6 l", 1.0, 6200.0)]),
    svc("DGN-01", "Компьютерная диагностика", "Computer diagnostics", "diagnostics", 1500.0, 0.5, NONE, &[]),
    svc("DGN-02", "Диагностика подвески", "Suspension check", "diagnostics", 1000.0, 0.5, NONE, &[]),
    svc("DGN-03", "Диагностика тормозной системы", "Brake system check", "diagnostics", 800.0, 0.4, NONE, &[]),
    svc("REP-01", "Замена передних тормозных колодок", "Front brake pads replacement", "repair", 1800.0, 0.8, NONE, &[part("PRT-BPD", "Колодки тормозные передние", "Front brake pads", 1.0, 3200.0)]),
    svc("REP-02", "Замена тормозных дисков", "Brake discs replacement", "repair", 3200.0, 1.4, NONE, &[part("PRT-BDS", "Диск тормозной", "Brake disc", 2.0, 4200.0)]),
    svc("REP-03", "Замена передних амортизаторов", "Front shock absorbers replacement", "repair", 4200.0, 2.0, NONE, &[part("PRT-SHK", "Амортизатор передний", "Front shock absorber", 2.0, 5200.0)]),
    svc("REP-04", "Замена сцепления", "Clutch replacement", "repair", 9500.0, 4.5, NONE, &[part("PRT-CLK", "Комплект сцепления", "Clutch kit", 1.0, 14500.0)]),
    svc("REP-05", "Замена шаровой опоры", "Ball joint replacement", "repair", 1600.0, 0.9, NONE, &[part("PRT-BJT", "Шаровая опора", "Ball joint", 1.0, 1900.0)]),
    svc("REP-06", "Замена рулевой тяги", "Tie rod replacement", "repair", 1400.0, 0.8, NONE, &[part("PRT-TRD", "Тяга рулевая", "Tie rod", 1.0, 2100.0)]),
    svc("REP-07", "Ремонт глушителя", "Exhaust repair", "repair", 2800.0, 1.5, NONE, &[part("PRT-MUF", "Глушитель, основная часть", "Main muffler", 1.0, 4500.0)]),
    svc("TIR-01", "Сезонная замена шин, комплект", "Seasonal tyre change, set of four", "tires", 2400.0, 1.0, NONE, &[]),
    svc("TIR-02", "Балансировка колёс", "Wheel balancing", "tires", 1000.0, 0.5, NONE, &[]),
    svc("TIR-03", "Ремонт прокола", "Puncture repair", "tires", 600.0, 0.3, NONE, &[]),
    svc("TIR-04", "Сезонное хранение шин", "Seasonal tyre storage", "tires", 3000.0, 0.0, NONE, &[]),
    svc("TIR-05", "Регулировка развала-схождения", "Wheel alignment", "tires", 2500.0, 1.0, NONE, &[]),
    svc("BOD-01", "Покраска элемента кузова", "Body panel painting", "body", 12000.0, 6.0, NONE, &[part("PRT-PNT", "Лакокрасочные материалы", "Paint materials", 1.0, 4500.0)]),
    svc("BOD-02", "Удаление вмятин без покраски", "Paintless dent repair", "body", 3500.0, 1.5, NONE, &[]),
    svc("BOD-03", "Полировка кузова", "Body polishing", "body", 6500.0, 3.0, NONE, &[]),
    svc("ELE-01", "Замена аккумулятора", "Battery replacement", "electrical", 500.0, 0.3, NONE, &[part("PRT-BAT", "Аккумулятор 60 А·ч", "Battery 60 Ah", 1.0, 8900.0)]),
    svc("ELE-02", "Ремонт генератора", "Alternator repair", "electrical", 4500.0, 2.0, NONE, &[part("PRT-ALT", "Ремкомплект генератора", "Alternator repair kit", 1.0, 3800.0)]),
    svc("ELE-03", "Заправка кондиционера", "Air conditioning recharge", "electrical", 3000.0, 0.8, NONE, &[]),
    svc("ELE-04", "Замена ламп фар", "Headlight bulb replacement", "electrical", 300.0, 0.2, NONE, &[part("PRT-LMP", "Лампа H7", "H7 bulb", 2.0, 450.0)]),
    svc("OTH-01", "Антикоррозийная обработка", "Anticorrosion treatment", "other", 9000.0, 4.0, NONE, &[]),
];

/// The service with a code; panics on a code that is not in [`SERVICES`] (a bug of the generator).
pub fn service(code: &str) -> &'static Service {
    SERVICES
        .iter()
        .find(|s| s.code == code)
        .unwrap_or_else(|| panic!("the generator refers to the unknown service code {code}"))
}

/// Codes of the jobs a first-time or unplanned repair visit is drawn from, with weights.
pub const REPAIRS: &[(&str, f64)] = &[
    ("REP-01", 6.0),
    ("REP-02", 2.5),
    ("REP-03", 2.0),
    ("REP-04", 0.8),
    ("REP-05", 2.0),
    ("REP-06", 1.8),
    ("REP-07", 1.2),
    ("ELE-01", 2.0),
    ("ELE-02", 0.7),
    ("ELE-03", 1.5),
    ("ELE-04", 2.0),
    ("BOD-01", 0.8),
    ("BOD-02", 0.8),
    ("BOD-03", 0.5),
    ("TIR-03", 1.5),
    ("TIR-05", 2.0),
    ("OTH-01", 0.4),
];

/// A car make with its models and the World Manufacturer Identifier its VINs start with.
#[derive(Debug, Clone, Copy)]
pub struct Brand {
    /// How the make is written in an export (Latin for foreign makes, as in Russian DMS).
    pub name: &'static str,
    /// How the make is written in Russian, when a clerk types it in Cyrillic.
    pub ru: &'static str,
    /// Whether the make is domestic (cheaper parts, steeper loyalty discount).
    pub domestic: bool,
    /// Share of the station's car park, relative.
    pub weight: f64,
    /// Models.
    pub models: &'static [&'static str],
    /// VIN prefix.
    pub wmi: &'static str,
}

const fn brand(
    name: &'static str,
    ru: &'static str,
    domestic: bool,
    weight: f64,
    models: &'static [&'static str],
    wmi: &'static str,
) -> Brand {
    Brand {
        name,
        ru,
        domestic,
        weight,
        models,
        wmi,
    }
}

/// Makes seen at a Russian city station, with a realistic domestic share (~40 %).
#[rustfmt::skip]
pub const BRANDS: &[Brand] = &[
    brand("LADA", "ЛАДА", true, 30.0, &["Granta", "Vesta", "Largus", "Niva Legend", "Kalina", "Priora"], "XTA"),
    brand("GAZ", "ГАЗ", true, 4.0, &["Gazelle Next", "Gazelle Business", "Sobol"], "X96"),
    brand("ZAZ", "ЗАЗ", true, 1.0, &["Chance", "Sens", "Lanos"], "Y6D"),
    brand("UAZ", "УАЗ", true, 3.0, &["Patriot", "Hunter", "Profi"], "XTT"),
    brand("Kia", "Киа", false, 12.0, &["Rio", "Ceed", "Sportage", "Optima"], "Z94"),
    brand("Hyundai", "Хендай", false, 11.0, &["Solaris", "Creta", "Tucson", "Elantra"], "Z94"),
    brand("Toyota", "Тойота", false, 8.0, &["Camry", "Corolla", "RAV4", "Land Cruiser Prado"], "JTN"),
    brand("Renault", "Рено", false, 7.0, &["Logan", "Sandero", "Duster", "Kaptur"], "X7L"),
    brand("Volkswagen", "Фольксваген", false, 6.0, &["Polo", "Tiguan", "Jetta"], "XW8"),
    brand("Skoda", "Шкода", false, 5.0, &["Octavia", "Rapid", "Kodiaq"], "XW8"),
    brand("Nissan", "Ниссан", false, 4.0, &["Almera", "Qashqai", "X-Trail"], "Z8N"),
    brand("Haval", "Хавал", false, 4.0, &["Jolion", "F7", "H6"], "XZG"),
    brand("Chery", "Чери", false, 3.0, &["Tiggo 4", "Tiggo 7 Pro", "Tiggo 8"], "LVV"),
    brand("Geely", "Джили", false, 3.0, &["Coolray", "Monjaro", "Atlas"], "Y4K"),
];

/// Makes a fleet (company) client runs: vans and cheap sedans.
pub const FLEET_BRANDS: &[&str] = &["GAZ", "LADA", "Renault", "Hyundai", "Volkswagen"];

/// Male first names with the patronymic they form.
pub const MALE_NAMES: &[(&str, &str)] = &[
    ("Александр", "Александрович"),
    ("Алексей", "Алексеевич"),
    ("Андрей", "Андреевич"),
    ("Сергей", "Сергеевич"),
    ("Дмитрий", "Дмитриевич"),
    ("Михаил", "Михайлович"),
    ("Иван", "Иванович"),
    ("Николай", "Николаевич"),
    ("Владимир", "Владимирович"),
    ("Павел", "Павлович"),
    ("Евгений", "Евгеньевич"),
    ("Артём", "Артёмович"),
    ("Максим", "Максимович"),
    ("Игорь", "Игоревич"),
    ("Олег", "Олегович"),
    ("Юрий", "Юрьевич"),
    ("Виктор", "Викторович"),
    ("Роман", "Романович"),
];

/// Female first names.
pub const FEMALE_NAMES: &[&str] = &[
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Екатерина",
    "Мария",
    "Светлана",
    "Юлия",
    "Марина",
    "Анастасия",
    "Ксения",
    "Дарья",
];

/// Surnames in the masculine form; the feminine adds `а` (or turns `-ский` into `-ская`).
#[rustfmt::skip]
pub const SURNAMES: &[&str] = &[
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
    "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
    "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
    "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров",
    "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
    "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
    "Маслов", "Рыбаков", "Ковальский", "Вишневский", "Островский", "Дубровский",
];

/// Company names (without the legal form).
pub const COMPANIES: &[&str] = &[
    "Вектор",
    "Меридиан",
    "СтройТранс",
    "Логистик Плюс",
    "Северный путь",
    "Альянс",
    "Гранит",
    "ТехноСнаб",
    "Курьер-Экспресс",
    "Городские перевозки",
    "Прометей",
    "Авангард",
    "Фарм-Доставка",
    "Кристалл",
    "Энергомонтаж",
    "Сибирский хлеб",
    "Экотранс",
    "Радуга",
    "Континент",
    "Орион",
];

/// Station names of a chain, in order; further stations are numbered.
pub const STATIONS: &[(&str, &str)] = &[
    ("Центр", "Centre"),
    ("Север", "North"),
    ("Юг", "South"),
    ("Запад", "West"),
    ("Восток", "East"),
];

/// Competitors: name and how their prices sit against ours (a price factor).
pub const COMPETITORS: &[(&str, f64)] = &[
    ("Автосервис «Мотор»", 0.92),
    ("ТехЦентр Лидер", 1.03),
    ("Официальный дилер Kia", 1.35),
    ("ФитСервис", 0.97),
    ("Гараж №1", 0.80),
];

/// Agents who bring clients: kind (ru, en) and commission percent.
pub const AGENT_KINDS: &[(&str, &str, f64)] = &[
    ("парковка", "parking", 5.0),
    ("такси", "taxi", 7.0),
    ("автосалон", "dealer", 10.0),
    ("страховая", "insurance", 8.0),
    ("эвакуатор", "tow truck", 10.0),
    ("парковка", "parking", 5.0),
];

/// Feedback comments by score band (ru, en): low (1–2), middle (3), high (4–5).
pub const COMMENTS_LOW: &[(&str, &str)] = &[
    (
        "Машину выдали позже обещанного",
        "The car was returned later than promised",
    ),
    (
        "Пришлось вернуться, неисправность осталась",
        "Had to come back, the fault is still there",
    ),
    ("Дорого и долго", "Expensive and slow"),
    ("Никто не перезвонил", "Nobody called back"),
];
/// Middle-band comments.
pub const COMMENTS_MID: &[(&str, &str)] = &[
    (
        "В целом нормально, но долго ждал",
        "Fine overall, but a long wait",
    ),
    ("Цены выросли", "Prices went up"),
    ("Нормально", "OK"),
];
/// High-band comments.
pub const COMMENTS_HIGH: &[(&str, &str)] = &[
    (
        "Всё отлично, спасибо мастеру",
        "All good, thanks to the mechanic",
    ),
    ("Быстро и аккуратно", "Quick and tidy"),
    ("Как всегда, всё сделали в срок", "As always, done on time"),
    ("Вежливый персонал", "Polite staff"),
];

/// Latin transliteration of Russian text (passport style), for the English data set.
///
/// ```
/// assert_eq!(stoa::generate::catalog::translit("Семёнов Артём"), "Semenov Artem");
/// ```
pub fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let lower = ch.to_lowercase().next().unwrap_or(ch);
        let t = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            '«' | '»' => "\"",
            '№' => "No.",
            _ => {
                out.push(ch);
                continue;
            }
        };
        if ch != lower && !t.is_empty() {
            let mut cs = t.chars();
            out.extend(cs.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(cs.as_str());
        } else {
            out.push_str(t);
        }
    }
    out
}

/// A text in the requested language: Russian as is, English transliterated.
pub fn in_lang(ru: &str, lang: Lang) -> String {
    match lang {
        Lang::Ru => ru.to_string(),
        Lang::En => translit(ru),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_repair_code_and_fleet_brand_exists() {
        for (code, _) in REPAIRS {
            assert_eq!(service(code).code, *code);
        }
        for b in FLEET_BRANDS {
            assert!(BRANDS.iter().any(|x| x.name == *b), "{b}");
        }
    }

    #[test]
    fn service_codes_are_unique_and_categories_canonical() {
        let mut codes: Vec<_> = SERVICES.iter().map(|s| s.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), SERVICES.len());
        let cats = crate::ingest::normalize::canonical_values(crate::schema::EnumKind::Category);
        assert!(SERVICES.iter().all(|s| cats.contains(&s.category)));
    }

    #[test]
    fn transliteration_keeps_case_and_punctuation() {
        assert_eq!(translit("ООО «Вектор»"), "OOO \"Vektor\"");
        assert_eq!(translit("Щукин"), "Shchukin");
        assert_eq!(translit("Гараж №1"), "Garazh No.1");
    }
}
