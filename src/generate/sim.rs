//! The simulation behind `stoa generate`: clients who arrive, come back at their own rhythm
//! and drift away (a BG/NBD-like process), cars that wear out on a schedule (oil every
//! 12 months / 15 000 km, tyres every spring and autumn), washes that make regular clients,
//! declined recommendations that some clients come back for, warranty comebacks that depend
//! on the mechanic, and the loyalty discount of the station applied as a manager would.
//!
//! Everything draws from one seeded ChaCha8 stream per station, in a fixed order, so the same
//! arguments always give the same rows.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike, Weekday};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, Gamma, LogNormal};

use super::catalog::{self, Brand, Service, BRANDS, REPAIRS, SERVICES};
use crate::cli::Lang;

/// The random stream of the generator.
pub type Rng = ChaCha8Rng;

/// An independent stream for one part of the world (a station, the market), so that adding
/// a station does not change the others.
pub fn rng_for(seed: u64, stream: u64) -> Rng {
    Rng::seed_from_u64(seed ^ stream.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// What the simulation needs to know about the world.
#[derive(Debug, Clone)]
pub struct World {
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history.
    pub end: NaiveDate,
    /// Language of names and descriptions.
    pub lang: Lang,
    /// Agents who bring clients (shared by the chain).
    pub agents: Vec<AgentRow>,
    /// Whether visit ids carry the station number (a chain).
    pub chain: bool,
}

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

/// A row of `clients`.
#[derive(Debug, Clone)]
pub struct ClientRow {
    pub client_id: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: String,
    pub email: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub consent: bool,
    pub bought_here: bool,
    pub registered_at: NaiveDate,
}

/// A row of `visits`.
#[derive(Debug, Clone)]
pub struct VisitRow {
    pub visit_id: String,
    pub opened_at: NaiveDateTime,
    pub client_id: String,
    pub brand: String,
    pub model: &'static str,
    pub plate: String,
    pub vin: Option<String>,
    pub odometer_km: Option<i64>,
    pub closed_at: Option<NaiveDateTime>,
    pub promised_at: Option<NaiveDateTime>,
    pub manager: Option<String>,
    pub channel: &'static str,
    pub agent_id: Option<String>,
    pub status: &'static str,
    pub station: String,
}

/// A row of `order_lines`; money in kopecks.
#[derive(Debug, Clone)]
pub struct LineRow {
    pub visit_id: String,
    pub service_code: Option<&'static str>,
    pub description: &'static str,
    pub category: &'static str,
    pub kind: &'static str,
    pub qty: f64,
    pub unit_price: i64,
    pub discount: i64,
    pub amount: i64,
    pub norm_hours: Option<f64>,
    pub mechanic: Option<String>,
    pub warranty: bool,
    pub cost: i64,
    pub declined: bool,
}

/// A row of `feedback`.
#[derive(Debug, Clone)]
pub struct FeedbackRow {
    pub visit_id: String,
    pub score: i64,
    pub comment: Option<String>,
}

/// A row of `agents`.
#[derive(Debug, Clone)]
pub struct AgentRow {
    pub agent_id: String,
    pub name: String,
    pub kind: String,
    pub commission_pct: f64,
}

/// The rows one station produced, visits sorted by time with ids given in that order.
#[derive(Debug, Default)]
pub struct StationData {
    pub clients: Vec<ClientRow>,
    pub visits: Vec<VisitRow>,
    pub lines: Vec<LineRow>,
    pub feedback: Vec<FeedbackRow>,
}

/// Prices rise every January by this factor (recent Russian service inflation).
const INFLATION: f64 = 1.09;

/// The price of a catalogue price (roubles at the end of the history) in the year of `date`,
/// rounded to 10 roubles as price lists are; in kopecks.
pub fn price_at(price: f64, date: NaiveDate, end: NaiveDate) -> i64 {
    let years = (end.year() - date.year()).max(0);
    let p = price / INFLATION.powi(years);
    ((p / 10.0).round() * 10.0 * 100.0) as i64
}

/// Pick an index with probability proportional to its weight.
fn pick_weighted(rng: &mut Rng, weights: impl Iterator<Item = f64> + Clone) -> usize {
    let total: f64 = weights.clone().sum();
    let mut x = rng.random::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        if x < w {
            return i;
        }
        x -= w;
        last = i;
    }
    last
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
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

const PLATE_LETTERS: [char; 12] = ['А', 'В', 'Е', 'К', 'М', 'Н', 'О', 'Р', 'С', 'Т', 'У', 'Х'];
const PLATE_LATIN: [char; 12] = ['A', 'B', 'E', 'K', 'M', 'H', 'O', 'P', 'C', 'T', 'Y', 'X'];
const REGIONS: [&str; 8] = ["77", "97", "99", "177", "197", "777", "50", "750"];
const VIN_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// A car of a client, with the state of its maintenance schedule.
#[derive(Debug, Clone)]
struct Vehicle {
    brand: &'static Brand,
    model: &'static str,
    /// Plate letters and digits as indices, so it can be written Cyrillic or Latin.
    plate: String,
    vin: Option<String>,
    /// Odometer on the first day of the history.
    odo0: f64,
    km_per_day: f64,
    /// Last date of each interval service (in `interval_services()` order); the km-based due
    /// date follows from it because the odometer grows at `km_per_day`.
    last: Vec<NaiveDate>,
    /// Bumped whenever the oil is changed, so that a planned maintenance visit made stale by
    /// an earlier one is dropped.
    token: u32,
}

fn interval_services() -> impl Iterator<Item = &'static Service> {
    SERVICES
        .iter()
        .filter(|s| s.interval_months.is_some() || s.interval_km.is_some())
}

impl Vehicle {
    fn odometer(&self, start: NaiveDate, date: NaiveDate) -> f64 {
        self.odo0 + self.km_per_day * (date - start).num_days() as f64
    }

    /// When an interval service falls due: the earlier of the months and the km.
    fn due(&self, k: usize, svc: &Service) -> NaiveDate {
        let date = self.last[k];
        let by_months = svc
            .interval_months
            .and_then(|m| date.checked_add_months(Months::new(m as u32)))
            .unwrap_or(NaiveDate::MAX);
        let by_km = svc
            .interval_km
            .map(|km| date + Duration::days((km as f64 / self.km_per_day).ceil() as i64))
            .unwrap_or(NaiveDate::MAX);
        by_months.min(by_km)
    }
}

/// Why a visit happens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    /// Something broke or worries the driver.
    Unplanned,
    /// Planned maintenance (the vehicle's token when it was planned).
    Maintenance(u32),
    /// Seasonal tyre change.
    Tires,
    /// A wash.
    Wash,
    /// Coming back for work declined earlier.
    FollowUp(&'static str),
    /// Redoing a job under guarantee: the codes and the mechanic.
    Warranty(Vec<&'static str>, usize),
}

/// A visit before it has its id.
struct Pending {
    at: NaiveDateTime,
    client: usize,
    seq: u64,
    visit: VisitRow,
    lines: Vec<LineRow>,
    feedback: Option<(i64, Option<String>)>,
}

/// How a client behaves: drawn once.
struct Habits {
    company: bool,
    acquired: NaiveDate,
    /// The last day the client still comes (they drift away after it).
    alive_until: NaiveDate,
    unplanned_per_year: f64,
    keeps_schedule: bool,
    swaps_tyres: bool,
    washes_per_month: f64,
    subscription: bool,
    agent: Option<usize>,
    bought_here: bool,
    manager: usize,
}

/// The simulation of one station.
pub struct Station<'w> {
    world: &'w World,
    staff: Staff,
    rng: Rng,
    seq: u64,
}

impl<'w> Station<'w> {
    /// A station of the world with its staff and its own random stream.
    pub fn new(world: &'w World, staff: Staff, rng: Rng) -> Self {
        Station {
            world,
            staff,
            rng,
            seq: 0,
        }
    }

    /// Simulate the clients with global indices `clients` (ids are `prefix-index+1`).
    pub fn run(mut self, clients: std::ops::Range<usize>) -> StationData {
        let mut data = StationData::default();
        let mut pending = Vec::new();
        for idx in clients {
            let (client, visits) = self.client(idx);
            data.clients.push(client);
            pending.extend(visits);
        }
        pending.sort_by_key(|p| (p.at, p.client, p.seq));
        let prefix = match self.world.lang {
            Lang::Ru => "ЗН",
            Lang::En => "RO",
        };
        for (n, p) in pending.into_iter().enumerate() {
            let id = if self.world.chain {
                format!("{prefix}-{:02}-{:06}", self.staff.number, n + 1)
            } else {
                format!("{prefix}-{:06}", n + 1)
            };
            data.lines.extend(p.lines.into_iter().map(|mut l| {
                l.visit_id = id.clone();
                l
            }));
            if let Some((score, comment)) = p.feedback {
                data.feedback.push(FeedbackRow {
                    visit_id: id.clone(),
                    score,
                    comment,
                });
            }
            data.visits.push(VisitRow {
                visit_id: id,
                ..p.visit
            });
        }
        data
    }

    fn habits(&mut self) -> Habits {
        let w = self.world;
        let r = &mut self.rng;
        let company = r.random_bool(0.06);
        let span = (w.end - w.start).num_days().max(1);
        // Much of the clientele predates the export: they show up in its first months.
        let acquired = if r.random_bool(0.45) {
            w.start + Duration::days(r.random_range(0..span.min(120)))
        } else {
            w.start + Duration::days(r.random_range(0..span))
        };
        let one_timer = !company && r.random_bool(0.22);
        let lifetime_days = if one_timer {
            0.0
        } else {
            let mean_years = if company { 6.0 } else { 3.5 };
            Exp::new(1.0 / (mean_years * 365.0))
                .expect("positive rate")
                .sample(r)
        };
        let alive_until = acquired + Duration::days(lifetime_days as i64);
        let unplanned_per_year = if company {
            Gamma::new(2.0, 0.6).expect("valid gamma").sample(r)
        } else {
            Gamma::new(1.2, 0.7).expect("valid gamma").sample(r)
        };
        let washes_per_month = if r.random_bool(if company { 0.2 } else { 0.12 }) {
            Gamma::new(2.0, 0.5).expect("valid gamma").sample(r)
        } else {
            0.0
        };
        let agent = (!company && r.random_bool(0.06)).then(|| r.random_range(0..w.agents.len()));
        Habits {
            company,
            acquired,
            alive_until,
            unplanned_per_year,
            keeps_schedule: r.random_bool(if company { 0.9 } else { 0.6 }),
            swaps_tyres: r.random_bool(if company { 0.7 } else { 0.45 }),
            washes_per_month,
            subscription: !company && r.random_bool(0.04),
            agent,
            bought_here: !company && r.random_bool(0.12),
            manager: r.random_range(0..self.staff.managers.len()),
        }
    }

    fn vehicle(&mut self, company: bool) -> Vehicle {
        let w = self.world;
        let r = &mut self.rng;
        let brand = if company && r.random_bool(0.8) {
            let name = *pick(r, catalog::FLEET_BRANDS);
            BRANDS
                .iter()
                .find(|b| b.name == name)
                .expect("fleet brands are in BRANDS")
        } else {
            &BRANDS[pick_weighted(r, BRANDS.iter().map(|b| b.weight))]
        };
        let model = *pick(r, brand.models);
        let mut plate = String::new();
        let letter = |r: &mut Rng| PLATE_LETTERS[r.random_range(0..12)];
        plate.push(letter(r));
        plate.push_str(&format!("{:03}", r.random_range(1..1000)));
        plate.push(letter(r));
        plate.push(letter(r));
        plate.push_str(REGIONS[r.random_range(0..REGIONS.len())]);
        let vin = r.random_bool(0.8).then(|| {
            let mut v = brand.wmi.to_string();
            while v.len() < 17 {
                v.push(VIN_CHARS[r.random_range(0..VIN_CHARS.len())] as char);
            }
            v
        });
        let km_per_day = LogNormal::new((if company { 90.0f64 } else { 38.0f64 }).ln(), 0.45)
            .expect("valid lognormal")
            .sample(r)
            .clamp(5.0, 400.0);
        let age_days = r.random_range(0..(10 * 365)) as f64;
        let odo0 = age_days * km_per_day * r.random_range(0.8..1.2);
        // The schedule started before we knew the car: spread the last services back in time.
        let last = interval_services()
            .map(|s| {
                let months = s.interval_months.unwrap_or(24) as i64;
                let back = r.random_range(0..(months * 30).max(1));
                w.start - Duration::days(back)
            })
            .collect();
        Vehicle {
            brand,
            model,
            plate,
            vin,
            odo0,
            km_per_day,
            last,
            token: 0,
        }
    }

    fn client(&mut self, idx: usize) -> (ClientRow, Vec<Pending>) {
        let w = self.world;
        let lang = w.lang;
        let h = self.habits();
        let client_id = format!(
            "{}-{:06}",
            if lang == Lang::Ru { "КЛ" } else { "CL" },
            idx + 1
        );
        let n_vehicles = if h.company {
            self.rng.random_range(2..=5)
        } else if self.rng.random_bool(0.12) {
            2
        } else {
            1
        };
        let mut vehicles: Vec<Vehicle> = (0..n_vehicles).map(|_| self.vehicle(h.company)).collect();
        let client = self.client_row(&client_id, &h);

        let limit = h.alive_until.min(w.end);
        let mut heap: BinaryHeap<Reverse<(NaiveDate, u64, usize, Reason)>> = BinaryHeap::new();
        let first = if h.washes_per_month > 0.0 && self.rng.random_bool(0.5) {
            Reason::Wash
        } else {
            [
                Reason::Maintenance(0),
                Reason::Unplanned,
                Reason::Unplanned,
                Reason::Tires,
            ][self.rng.random_range(0..4)]
            .clone()
        };
        self.push(&mut heap, h.acquired, 0, first);
        for (v, veh) in vehicles.iter().enumerate() {
            // Poisson arrivals of unplanned work until the client drifts away.
            let rate = h.unplanned_per_year / 365.0 * if v == 0 { 1.0 } else { 0.7 };
            let mut t = h.acquired;
            while rate > 0.0 {
                t += Duration::days(
                    Exp::new(rate)
                        .expect("positive rate")
                        .sample(&mut self.rng)
                        .ceil() as i64,
                );
                if t > limit {
                    break;
                }
                self.push(&mut heap, t, v, Reason::Unplanned);
            }
            if h.swaps_tyres {
                for year in w.start.year()..=w.end.year() {
                    for (m, d, len) in [(4u32, 1u32, 30i64), (10, 15, 45)] {
                        let day = NaiveDate::from_ymd_opt(year, m, d).expect("valid season date")
                            + Duration::days(self.rng.random_range(0..len));
                        if day > h.acquired && day <= limit && self.rng.random_bool(0.9) {
                            self.push(&mut heap, day, v, Reason::Tires);
                        }
                    }
                }
            }
            if h.keeps_schedule {
                let due = self.planned_maintenance(veh);
                if due > h.acquired && due <= limit {
                    self.push(&mut heap, due, v, Reason::Maintenance(veh.token));
                }
            }
        }
        if h.washes_per_month > 0.0 {
            let rate = h.washes_per_month / 30.0;
            let mut t = h.acquired;
            loop {
                t += Duration::days(
                    Exp::new(rate)
                        .expect("positive rate")
                        .sample(&mut self.rng)
                        .ceil() as i64,
                );
                if t > limit {
                    break;
                }
                self.push(&mut heap, t, 0, Reason::Wash);
            }
        }

        let mut visits = Vec::new();
        let mut done_dates: Vec<NaiveDate> = Vec::new();
        let mut first_visit = true;
        while let Some(Reverse((date, _, v, reason))) = heap.pop() {
            if date > w.end {
                continue;
            }
            if let Reason::Maintenance(token) = reason {
                if token != vehicles[v].token {
                    continue;
                }
            }
            let p = self.visit(
                &h,
                &client_id,
                idx,
                &mut vehicles[v],
                date,
                &reason,
                first_visit,
                &done_dates,
                &mut heap,
                v,
                limit,
            );
            first_visit = false;
            if p.visit.status == "done" {
                done_dates.push(p.at.date());
            }
            visits.push(p);
        }
        (client, visits)
    }

    fn push(
        &mut self,
        heap: &mut BinaryHeap<Reverse<(NaiveDate, u64, usize, Reason)>>,
        date: NaiveDate,
        v: usize,
        reason: Reason,
    ) {
        self.seq += 1;
        heap.push(Reverse((date, self.seq, v, reason)));
    }

    /// The date a schedule-keeping client brings the car for its oil: the due date give or
    /// take a few weeks.
    fn planned_maintenance(&mut self, veh: &Vehicle) -> NaiveDate {
        let oil = interval_services()
            .position(|s| s.code == "MNT-01")
            .expect("oil change has an interval");
        veh.due(
            oil,
            interval_services().nth(oil).expect("index from position"),
        ) + Duration::days(self.rng.random_range(-20..25))
    }

    fn client_row(&mut self, client_id: &str, h: &Habits) -> ClientRow {
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

    #[allow(clippy::too_many_arguments)]
    fn visit(
        &mut self,
        h: &Habits,
        client_id: &str,
        client: usize,
        veh: &mut Vehicle,
        date: NaiveDate,
        reason: &Reason,
        first: bool,
        done_dates: &[NaiveDate],
        heap: &mut BinaryHeap<Reverse<(NaiveDate, u64, usize, Reason)>>,
        v: usize,
        limit: NaiveDate,
    ) -> Pending {
        let w = self.world;
        let wash = *reason == Reason::Wash;
        // The workshop is closed on Sundays; only the wash bays work.
        let date = if !wash && date.weekday() == Weekday::Sun {
            date + Duration::days(1)
        } else {
            date
        };
        let at = self.time_of_day(date, wash);

        let channel = if matches!(reason, Reason::Warranty(..)) {
            "warranty"
        } else if first && h.agent.is_some() {
            "agent"
        } else if h.company {
            "fleet"
        } else if h.subscription {
            "subscription"
        } else if wash {
            if self.rng.random_bool(0.55) {
                "self_service"
            } else {
                "walk_in"
            }
        } else {
            ["booking", "walk_in", "home", "other"]
                [pick_weighted(&mut self.rng, [0.5, 0.42, 0.05, 0.03].into_iter())]
        };
        let p_fail = if channel == "booking" { 0.09 } else { 0.015 };
        let status = if self.rng.random_bool(p_fail) {
            if channel == "booking" && self.rng.random_bool(0.75) {
                "no_show"
            } else {
                "cancelled"
            }
        } else {
            "done"
        };
        let manager = (channel != "self_service").then(|| {
            if self.rng.random_bool(0.9) {
                h.manager
            } else {
                self.rng.random_range(0..self.staff.managers.len())
            }
        });
        let brand_text = match (w.lang, veh.brand.domestic) {
            (Lang::Ru, true) if self.rng.random_bool(0.15) => veh.brand.ru.to_string(),
            _ => veh.brand.name.to_string(),
        };
        let plate = self.plate_as_typed(&veh.plate);
        let mut visit = VisitRow {
            visit_id: String::new(),
            opened_at: at,
            client_id: client_id.to_string(),
            brand: brand_text,
            model: veh.model,
            plate,
            vin: veh.vin.clone(),
            odometer_km: None,
            closed_at: None,
            promised_at: None,
            manager: manager.map(|m| self.staff.managers[m].clone()),
            channel,
            agent_id: h
                .agent
                .filter(|_| first)
                .map(|a| w.agents[a].agent_id.clone()),
            status,
            station: self.staff.station.clone(),
        };
        self.seq += 1;
        let seq = self.seq;
        if status != "done" {
            // Half of those who miss a booking book again within days.
            if self.rng.random_bool(0.5) {
                let again = date + Duration::days(self.rng.random_range(1..10));
                if again <= w.end {
                    self.push(heap, again, v, reason.clone());
                }
            }
            return Pending {
                at,
                client,
                seq,
                visit,
                lines: Vec::new(),
                feedback: None,
            };
        }

        let odo = veh.odometer(w.start, date);
        if !wash && self.rng.random_bool(0.93) {
            visit.odometer_km =
                Some((odo + self.rng.random_range(-30.0..30.0)).max(0.0).round() as i64);
        }
        let team = &self.staff.teams[manager.unwrap_or(h.manager)];
        let mechanic = team[self.rng.random_range(0..team.len())];
        let jobs = self.jobs(veh, date, reason);

        // The loyalty rule as the station applies it: four visits in the last year make a
        // regular, whose labour gets the tier discount (most of the time: it is a manager's call).
        let year_ago = date - Duration::days(365);
        let visits_12m = done_dates.iter().filter(|d| **d > year_ago).count();
        let regular = visits_12m >= 4 && self.rng.random_bool(0.8);
        let lines = self.price_lines(&jobs, veh, date, mechanic, regular, h.bought_here);

        // Some declined work comes back a few months later.
        for job in jobs.iter().filter(|j| j.declined) {
            if self.rng.random_bool(0.35) {
                let back = date + Duration::days(self.rng.random_range(20..150));
                if back <= limit {
                    self.push(heap, back, v, Reason::FollowUp(job.svc.code));
                }
            }
        }
        // A repair may come back under guarantee, more often from a careless mechanic.
        let repaired: Vec<&'static str> = jobs
            .iter()
            .filter(|j| !j.declined && matches!(j.svc.category, "repair" | "electrical" | "body"))
            .map(|j| j.svc.code)
            .collect();
        let mut comeback = false;
        if !repaired.is_empty() && self.rng.random_bool(self.staff.comeback[mechanic]) {
            comeback = true;
            let back = date + Duration::days(self.rng.random_range(2..28));
            if back <= w.end {
                self.push(heap, back, v, Reason::Warranty(repaired, mechanic));
            }
        }

        let hours: f64 = jobs
            .iter()
            .filter(|j| !j.declined)
            .map(|j| j.svc.hours)
            .sum();
        let (promised, closed) = self.turnaround(at, hours, wash);
        visit.promised_at = (!wash && self.rng.random_bool(0.85)).then_some(promised);
        visit.closed_at = Some(closed);
        let late = closed > promised;
        let feedback = self.feedback(
            wash,
            late,
            comeback || matches!(reason, Reason::Warranty(..)),
        );

        if keeps_oil_changed(&jobs) && h.keeps_schedule {
            let due = self.planned_maintenance(veh);
            if due <= limit {
                self.push(heap, due, v, Reason::Maintenance(veh.token));
            }
        }
        Pending {
            at,
            client,
            seq,
            visit,
            lines,
            feedback,
        }
    }

    /// A plate as a clerk types it: mostly as registered, sometimes with Latin look-alikes or spaces.
    fn plate_as_typed(&mut self, plate: &str) -> String {
        let latin = |s: &str| {
            s.chars()
                .map(|c| {
                    PLATE_LETTERS
                        .iter()
                        .position(|l| *l == c)
                        .map(|i| PLATE_LATIN[i])
                        .unwrap_or(c)
                })
                .collect::<String>()
        };
        match self.world.lang {
            Lang::En => latin(plate),
            Lang::Ru => {
                let x = self.rng.random::<f64>();
                if x < 0.08 {
                    latin(plate)
                } else if x < 0.12 {
                    let c: Vec<char> = plate.chars().collect();
                    format!(
                        "{} {} {} {}",
                        c[0],
                        c[1..4].iter().collect::<String>(),
                        c[4..6].iter().collect::<String>(),
                        c[6..].iter().collect::<String>()
                    )
                } else {
                    plate.to_string()
                }
            }
        }
    }

    fn time_of_day(&mut self, date: NaiveDate, wash: bool) -> NaiveDateTime {
        const HOURS: [(u32, f64); 12] = [
            (8, 2.0),
            (9, 8.0),
            (10, 9.0),
            (11, 8.0),
            (12, 6.0),
            (13, 5.0),
            (14, 5.0),
            (15, 5.0),
            (16, 6.0),
            (17, 8.0),
            (18, 7.0),
            (19, 3.0),
        ];
        let hour = if wash && date.weekday() == Weekday::Sun {
            self.rng.random_range(10..19)
        } else {
            HOURS[pick_weighted(&mut self.rng, HOURS.iter().map(|h| h.1))].0
        };
        date.and_hms_opt(hour, self.rng.random_range(0..60), 0)
            .expect("valid time")
    }

    /// Promised and actual hand-over: the promise pads the norm hours; the work takes the
    /// norm give or take a third. Work ending after hours continues next morning.
    fn turnaround(
        &mut self,
        at: NaiveDateTime,
        hours: f64,
        wash: bool,
    ) -> (NaiveDateTime, NaiveDateTime) {
        let planned = if wash {
            40.0
        } else {
            60.0 + hours * 60.0 * 1.6
        };
        let factor = LogNormal::new(-0.25, 0.3)
            .expect("valid lognormal")
            .sample(&mut self.rng);
        let actual = (planned * factor).max(15.0);
        let promised = overnight(at + Duration::minutes(planned.round() as i64));
        let closed = overnight(at + Duration::minutes(actual.round() as i64));
        (promised, closed)
    }

    fn feedback(
        &mut self,
        wash: bool,
        late: bool,
        comeback: bool,
    ) -> Option<(i64, Option<String>)> {
        if !self.rng.random_bool(if wash { 0.08 } else { 0.3 }) {
            return None;
        }
        let mut score = [5, 4, 3, 2, 1]
            [pick_weighted(&mut self.rng, [0.62, 0.24, 0.08, 0.03, 0.03].into_iter())];
        if late && self.rng.random_bool(0.6) {
            score -= 1;
        }
        if comeback {
            score -= 2;
        }
        let score = score.clamp(1, 5);
        let pool = match score {
            1 | 2 => catalog::COMMENTS_LOW,
            3 => catalog::COMMENTS_MID,
            _ => catalog::COMMENTS_HIGH,
        };
        let comment = self
            .rng
            .random_bool(if score <= 3 { 0.6 } else { 0.25 })
            .then(|| {
                let (ru, en) = pick(&mut self.rng, pool);
                if self.world.lang == Lang::Ru {
                    ru.to_string()
                } else {
                    en.to_string()
                }
            });
        Some((score, comment))
    }

    /// The jobs of a visit: what it came for, what fell due, and what was recommended but declined.
    fn jobs(&mut self, veh: &mut Vehicle, date: NaiveDate, reason: &Reason) -> Vec<Job> {
        let r = &mut self.rng;
        let mut jobs: Vec<Job> = Vec::new();
        let add = |jobs: &mut Vec<Job>, code: &str, declined: bool, warranty: bool| {
            let svc = catalog::service(code);
            if !jobs.iter().any(|j| j.svc.code == code) {
                jobs.push(Job {
                    svc,
                    declined,
                    warranty,
                });
            }
        };
        let repair = |r: &mut Rng| REPAIRS[pick_weighted(r, REPAIRS.iter().map(|x| x.1))].0;
        match reason {
            Reason::Wash => {
                add(
                    &mut jobs,
                    if r.random_bool(0.7) {
                        "WSH-01"
                    } else {
                        "WSH-02"
                    },
                    false,
                    false,
                );
                return jobs;
            }
            Reason::Warranty(codes, _) => {
                for c in codes {
                    add(&mut jobs, c, false, true);
                }
                return jobs;
            }
            Reason::Tires => {
                add(&mut jobs, "TIR-01", false, false);
                if r.random_bool(0.6) {
                    add(&mut jobs, "TIR-02", false, false);
                }
                if r.random_bool(0.3) {
                    add(&mut jobs, "TIR-04", false, false);
                }
            }
            Reason::Maintenance(_) => add(&mut jobs, "MNT-01", false, false),
            Reason::FollowUp(code) => add(&mut jobs, code, false, false),
            Reason::Unplanned => {
                if r.random_bool(0.5) {
                    let d = *pick(r, &["DGN-01", "DGN-02", "DGN-03"]);
                    add(&mut jobs, d, false, false);
                }
                let code = repair(r);
                add(&mut jobs, code, false, false);
                if r.random_bool(0.2) {
                    let code = repair(r);
                    add(&mut jobs, code, false, false);
                }
            }
        }
        // Whatever is due (or nearly) is done while the car is in, if the client agrees.
        let servicing = matches!(reason, Reason::Maintenance(_)) || r.random_bool(0.35);
        for (k, svc) in interval_services().enumerate() {
            let due = veh.due(k, svc);
            if servicing && due <= date + Duration::days(45) && r.random_bool(0.8) {
                add(&mut jobs, svc.code, false, false);
            }
        }
        // A look at the car finds more than the client is ready to pay for today.
        let looked = jobs.iter().any(|j| j.svc.category == "diagnostics")
            || matches!(reason, Reason::Maintenance(_));
        if looked && r.random_bool(0.3) {
            let code = repair(r);
            add(&mut jobs, code, true, false);
        }
        for (k, svc) in interval_services().enumerate() {
            if jobs.iter().any(|j| j.svc.code == svc.code && !j.declined) {
                veh.last[k] = date;
                if svc.code == "MNT-01" {
                    veh.token += 1;
                }
            }
        }
        jobs
    }

    /// Order lines of the jobs: the labour line, then its parts, priced at the year's list;
    /// a regular client's labour gets the tier discount; warranty work is free to the client.
    fn price_lines(
        &mut self,
        jobs: &[Job],
        veh: &Vehicle,
        date: NaiveDate,
        mechanic: usize,
        regular: bool,
        bought_here: bool,
    ) -> Vec<LineRow> {
        let end = self.world.end;
        let lang = self.world.lang;
        let parts_factor = if veh.brand.domestic { 0.6 } else { 1.0 };
        let mut lines = Vec::new();
        for job in jobs {
            let svc = job.svc;
            let unit = price_at(svc.price, date, end);
            let labour_cost = (unit as f64 * self.rng.random_range(0.35..0.45)).round() as i64;
            let code = (lang == Lang::En || self.rng.random_bool(0.97)).then_some(svc.code);
            lines.push(LineRow {
                visit_id: String::new(),
                service_code: code,
                description: svc.name(lang),
                category: svc.category,
                kind: "labor",
                qty: 1.0,
                unit_price: unit,
                discount: 0,
                amount: unit,
                norm_hours: (svc.hours > 0.0).then_some(svc.hours),
                mechanic: (svc.category != "wash").then(|| self.staff.mechanics[mechanic].clone()),
                warranty: job.warranty,
                cost: labour_cost,
                declined: job.declined,
            });
            // A comeback redoes the labour; the parts usually were fine.
            if job.warranty {
                continue;
            }
            for p in svc.parts {
                let unit = price_at(p.price * parts_factor, date, end);
                let gross = (unit as f64 * p.qty).round() as i64;
                lines.push(LineRow {
                    visit_id: String::new(),
                    service_code: Some(p.code),
                    description: match lang {
                        Lang::Ru => p.ru,
                        Lang::En => p.en,
                    },
                    category: "parts",
                    kind: "part",
                    qty: p.qty,
                    unit_price: unit,
                    discount: 0,
                    amount: gross,
                    norm_hours: None,
                    mechanic: None,
                    warranty: false,
                    cost: (gross as f64 * self.rng.random_range(0.62..0.75)).round() as i64,
                    declined: job.declined,
                });
            }
        }
        for l in lines.iter_mut().filter(|l| l.warranty) {
            l.discount = l.unit_price;
            l.amount = 0;
        }
        if regular {
            let order: i64 = lines.iter().filter(|l| !l.declined).map(|l| l.amount).sum();
            let pct = loyalty_pct(order, veh.brand.domestic, bought_here);
            for l in lines
                .iter_mut()
                .filter(|l| l.kind == "labor" && !l.declined && !l.warranty)
            {
                // Discounts are given in whole roubles.
                l.discount = ((l.amount as f64 * pct / 100.0) / 100.0).round() as i64 * 100;
                l.amount -= l.discount;
            }
        }
        lines
    }
}

/// One job of a visit.
struct Job {
    svc: &'static Service,
    declined: bool,
    warranty: bool,
}

fn keeps_oil_changed(jobs: &[Job]) -> bool {
    jobs.iter().any(|j| j.svc.code == "MNT-01" && !j.declined)
}

/// The default loyalty tiers of SPEC §3 for an order (kopecks): percent off.
///
/// ```
/// use stoa::generate::sim::loyalty_pct;
/// assert_eq!(loyalty_pct(4_999_99, true, false), 20.0);
/// assert_eq!(loyalty_pct(25_000_00, false, true), 20.0); // 20 + 5, capped at 20
/// ```
pub fn loyalty_pct(order_kopecks: i64, domestic: bool, bought_here: bool) -> f64 {
    let tiers = if domestic {
        [20.0, 30.0, 40.0]
    } else {
        [10.0, 15.0, 20.0]
    };
    let band = if order_kopecks < 5_000_00 {
        0
    } else if order_kopecks < 20_000_00 {
        1
    } else {
        2
    };
    let bonus = if bought_here { 5.0 } else { 0.0 };
    f64::min(tiers[band] + bonus, tiers[2])
}

/// Work that would end after 20:00 or before 8:00 is handed over the next morning.
fn overnight(t: NaiveDateTime) -> NaiveDateTime {
    let hour = t.hour();
    if (8..20).contains(&hour) {
        t
    } else {
        let day = if hour >= 20 {
            t.date() + Duration::days(1)
        } else {
            t.date()
        };
        let minutes = (t - t.date().and_hms_opt(0, 0, 0).expect("midnight")).num_minutes() % 120;
        day.and_hms_opt(9, 0, 0).expect("valid time") + Duration::minutes(minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        let mut rng = rng_for(7, 0);
        World {
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            lang: Lang::Ru,
            agents: agents(&mut rng, Lang::Ru),
            chain: false,
        }
    }

    #[test]
    fn prices_step_up_every_january() {
        let end = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        // 1200 / 1.09 = 1100.9 -> 1100 roubles the year before; 1200 / 1.09^2 = 1010.0 -> 1010.
        assert_eq!(
            price_at(1200.0, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), end),
            1200_00
        );
        assert_eq!(
            price_at(1200.0, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(), end),
            1100_00
        );
        assert_eq!(
            price_at(1200.0, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(), end),
            1010_00
        );
    }

    #[test]
    fn loyalty_tiers_follow_the_spec_table() {
        assert_eq!(loyalty_pct(4_000_00, false, false), 10.0);
        assert_eq!(loyalty_pct(5_000_00, false, false), 15.0);
        assert_eq!(loyalty_pct(20_000_00, true, false), 40.0);
        // 30 + 5 bonus = 35, under the domestic cap of 40.
        assert_eq!(loyalty_pct(10_000_00, true, true), 35.0);
    }

    #[test]
    fn late_work_is_handed_over_next_morning() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
        let t = d.and_hms_opt(21, 30, 0).unwrap();
        // 21:30 is 1290 minutes after midnight; 1290 mod 120 = 90 -> 9:00 + 90 min next day.
        assert_eq!(
            overnight(t),
            (d + Duration::days(1)).and_hms_opt(10, 30, 0).unwrap()
        );
        let noon = d.and_hms_opt(12, 0, 0).unwrap();
        assert_eq!(overnight(noon), noon);
    }

    #[test]
    fn a_station_keeps_its_invariants() {
        let w = world();
        let mut rng = rng_for(7, 1);
        let staff = staff(&mut rng, 0, 60, Lang::Ru);
        let data = Station::new(&w, staff, rng).run(0..60);
        assert_eq!(data.clients.len(), 60);
        assert!(
            data.visits.len() > 60,
            "every client comes at least once: {}",
            data.visits.len()
        );
        // Visits are in time order with ids in that order, all within the history.
        assert!(data
            .visits
            .windows(2)
            .all(|p| p[0].opened_at <= p[1].opened_at && p[0].visit_id < p[1].visit_id));
        assert!(data
            .visits
            .iter()
            .all(|v| v.opened_at.date() >= w.start && v.opened_at.date() <= w.end));
        // Only done visits have lines; every line's amount is qty x price less the discount.
        let done: std::collections::HashSet<_> = data
            .visits
            .iter()
            .filter(|v| v.status == "done")
            .map(|v| v.visit_id.as_str())
            .collect();
        assert!(data
            .lines
            .iter()
            .all(|l| done.contains(l.visit_id.as_str())));
        for l in &data.lines {
            assert_eq!(
                l.amount,
                (l.qty * l.unit_price as f64).round() as i64 - l.discount,
                "{l:?}"
            );
            assert!(l.amount >= 0 && l.cost > 0);
        }
        assert!(data.lines.iter().any(|l| l.declined));
        assert!(data
            .feedback
            .iter()
            .all(|f| (1..=5).contains(&f.score) && done.contains(f.visit_id.as_str())));
    }

    #[test]
    fn the_same_seed_gives_the_same_station() {
        let w = world();
        let run = |seed| {
            let mut rng = rng_for(seed, 1);
            let staff = staff(&mut rng, 0, 30, Lang::Ru);
            let d = Station::new(&w, staff, rng).run(0..30);
            d.lines.iter().map(|l| l.amount).sum::<i64>()
        };
        assert_eq!(run(3), run(3));
        assert_ne!(run(3), run(4));
    }
}
