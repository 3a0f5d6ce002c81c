//! The people of the simulation: clients' names and contacts, the staff of a station
//! (service advisors with their own mechanics) and the agents who bring clients.

use chrono::Duration;
use rand::RngExt;

use super::{pick, AgentRow, ClientRow, Habits, Rng, Station};
use crate::cli::Lang;
use crate::generate::catalog;

/// The people of one station.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Station number, 1-based (part of the visit ids of a chain).
    pub number: usize,
    /// Station name as written in the `station` column.
    pub station: String,
    /// Service advisors; each keeps their own clientele.
    pub managers: Vec<String>,
    /// Mechanics.
    pub mechanics: Vec<String>,
    /// The mechanics of each manager's team (indices into `mechanics`).
    pub teams: Vec<Vec<usize>>,
    /// Probability that a repair by each mechanic comes back under warranty.
    pub comeback: Vec<f64>,
    /// Lifts: sized so that a normal month loads them to roughly half.
    pub bays: u32,
}

/// A person's full name "Surname First Patronymic" and a short "Surname F. P." for staff.
pub fn person_name(rng: &mut Rng, lang: Lang) -> (String, String) {
    let father = pick(rng, catalog::MALE_NAMES).1;
    let surname = *pick(rng, catalog::SURNAMES);
    let (first, surname, patronymic) = if rng.random_bool(0.5) {
        (
            pick(rng, catalog::MALE_NAMES).0.to_string(),
            surname.to_string(),
            father.to_string(),
        )
    } else {
        let fem = match surname.strip_suffix("ий") {
            Some(stem) => format!("{stem}ая"),
            None => format!("{surname}а"),
        };
        let patronymic = format!("{}на", father.trim_end_matches("ич"));
        (
            pick(rng, catalog::FEMALE_NAMES).to_string(),
            fem,
            patronymic,
        )
    };
    let initial = |s: &str| s.chars().next().map(|c| c.to_string()).unwrap_or_default();
    let full = format!("{surname} {first} {patronymic}");
    let short = format!("{surname} {}. {}.", initial(&first), initial(&patronymic));
    (
        catalog::in_lang(&full, lang),
        catalog::in_lang(&short, lang),
    )
}

/// The staff of station `index` for about `clients` clients.
pub fn staff(rng: &mut Rng, index: usize, clients: usize, lang: Lang) -> Staff {
    let station = match catalog::STATIONS.get(index) {
        Some((ru, en)) => match lang {
            Lang::Ru => ru.to_string(),
            Lang::En => en.to_string(),
        },
        None => match lang {
            Lang::Ru => format!("Филиал {}", index + 1),
            Lang::En => format!("Branch {}", index + 1),
        },
    };
    let n_managers = (clients / 400).clamp(2, 12);
    let managers: Vec<String> = (0..n_managers).map(|_| person_name(rng, lang).1).collect();
    let mut mechanics = Vec::new();
    let mut teams = Vec::new();
    for _ in 0..n_managers {
        let size = rng.random_range(2..=3);
        teams.push((mechanics.len()..mechanics.len() + size).collect());
        for _ in 0..size {
            mechanics.push(person_name(rng, lang).1);
        }
    }
    // Most mechanics rarely redo a job; one in four is careless.
    let comeback = (0..mechanics.len())
        .map(|_| {
            if rng.random_bool(0.25) {
                rng.random_range(0.05..0.09)
            } else {
                rng.random_range(0.01..0.03)
            }
        })
        .collect();
    let bays = (clients as f64 / 350.0).ceil().max(2.0) as u32;
    Staff {
        number: index + 1,
        station,
        managers,
        mechanics,
        teams,
        comeback,
        bays,
    }
}

/// The agents of the chain.
pub fn agents(rng: &mut Rng, lang: Lang) -> Vec<AgentRow> {
    catalog::AGENT_KINDS
        .iter()
        .enumerate()
        .map(|(i, (ru, en, pct))| AgentRow {
            agent_id: format!(
                "{}-{:02}",
                if lang == Lang::Ru { "АГ" } else { "AG" },
                i + 1
            ),
            name: person_name(rng, lang).0,
            kind: if lang == Lang::Ru {
                ru.to_string()
            } else {
                en.to_string()
            },
            commission_pct: *pct,
        })
        .collect()
}

impl Station<'_> {
    pub(super) fn client_row(&mut self, client_id: &str, h: &Habits) -> ClientRow {
        let w = self.world;
        let r = &mut self.rng;
        let (name, kind, birthday) = if h.company {
            let form = pick(r, &["ООО", "ООО", "АО", "ИП"]);
            let name = format!("{form} «{}»", pick(r, catalog::COMPANIES));
            (catalog::in_lang(&name, w.lang), "company", None)
        } else {
            let birthday = r.random_bool(0.85).then(|| {
                let age_days = r.random_range((20 * 365)..(72 * 365));
                w.end - Duration::days(age_days)
            });
            (person_name(r, w.lang).0, "person", birthday)
        };
        let phone = format!(
            "+7 9{:02} {:03}-{:02}-{:02}",
            r.random_range(0..100),
            r.random_range(0..1000),
            r.random_range(0..100),
            r.random_range(0..100)
        );
        let email = r.random_bool(if h.company { 0.9 } else { 0.45 }).then(|| {
            let stem = catalog::translit(
                name.split([' ', '«', '"'])
                    .find(|s| s.len() > 3)
                    .unwrap_or("client"),
            )
            .to_lowercase()
            .replace(['"', '.'], "");
            let domain = pick(
                r,
                &["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru"],
            );
            format!("{stem}{}@{domain}", r.random_range(1..1000))
        });
        // Clients of the old base were registered before the export begins.
        let registered_at = if h.acquired < w.start + Duration::days(120) && r.random_bool(0.5) {
            h.acquired - Duration::days(r.random_range(30..1500))
        } else {
            h.acquired
        };
        ClientRow {
            client_id: client_id.to_string(),
            name,
            kind,
            phone,
            email,
            birthday,
            consent: r.random_bool(if h.company { 0.8 } else { 0.6 }),
            bought_here: h.bought_here,
            registered_at,
        }
    }
}
