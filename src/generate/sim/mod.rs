//! The simulation behind `stoa generate`: clients who arrive, come back at their own rhythm
//! and drift away (a BG/NBD-like process), cars that wear out on a schedule (oil every
//! 12 months / 15 000 km, tyres every spring and autumn), washes that make regular clients,
//! declined recommendations that some clients come back for, warranty comebacks that depend
//! on the mechanic, and the loyalty discount of the station applied as a manager would.
//!
//! Everything draws from one seeded ChaCha8 stream per station, in a fixed order, so the same
//! arguments always give the same rows.

mod people;
mod rows;
mod vehicle;
mod visit;
mod work;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, Gamma};

pub use people::{agents, person_name, staff, Staff};
pub use rows::{AgentRow, ClientRow, FeedbackRow, LineRow, StationData, VisitRow};
pub use work::{loyalty_pct, price_at};

use vehicle::{interval_services, Vehicle};

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

/// Relative wash demand by month, January first.
const WASH_SEASON: [f64; 12] = [0.8, 0.8, 1.3, 1.6, 1.4, 0.9, 0.8, 0.8, 0.8, 0.9, 0.9, 0.8];
const WASH_PEAK: f64 = 1.6;

/// The days of a Poisson process of `per_day` events a day after `from` up to `until`
/// (none for a rate of zero).
fn poisson_days(rng: &mut Rng, per_day: f64, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    // A gamma-drawn rate is positive but may underflow to zero.
    let Some(gap) = (per_day > 0.0).then(|| Exp::new(per_day).ok()).flatten() else {
        return days;
    };
    let mut t = from;
    loop {
        t += Duration::days(gap.sample(rng).ceil() as i64);
        if t > until {
            return days;
        }
        days.push(t);
    }
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
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
    /// Days a schedule-keeper typically comes after the due date (0 for the punctual).
    late_days: i64,
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
            // The station grows: newcomers arrive at a rate rising through the history
            // (density proportional to time, by the square root of a uniform draw).
            w.start + Duration::days((span as f64 * r.random::<f64>().sqrt()) as i64)
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
            late_days: if r.random_bool(0.65) {
                0
            } else {
                r.random_range(30..120)
            },
            swaps_tyres: r.random_bool(if company { 0.7 } else { 0.45 }),
            washes_per_month,
            subscription: !company && r.random_bool(0.04),
            agent,
            bought_here: !company && r.random_bool(0.12),
            manager: r.random_range(0..self.staff.managers.len()),
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
        // Nobody comes for a seasonal tyre change out of season.
        let first = match first {
            Reason::Tires if ![4, 10, 11].contains(&h.acquired.month()) => Reason::Unplanned,
            other => other,
        };
        self.push(&mut heap, h.acquired, 0, first);
        for (v, veh) in vehicles.iter().enumerate() {
            // Unplanned work arrives at random until the client drifts away.
            let rate = h.unplanned_per_year / 365.0 * if v == 0 { 1.0 } else { 0.7 };
            for t in poisson_days(&mut self.rng, rate, h.acquired, limit) {
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
                let due = self.planned_maintenance(veh, h.late_days);
                if due > h.acquired && due <= limit {
                    self.push(&mut heap, due, v, Reason::Maintenance(veh.token));
                }
            }
        }
        // Washes peak in spring (mud and salt); a Poisson process at the peak rate is thinned
        // by the month's share of it.
        for t in poisson_days(&mut self.rng, h.washes_per_month / 30.0, h.acquired, limit) {
            let keep = WASH_SEASON[t.month0() as usize] / WASH_PEAK;
            if self.rng.random_bool(keep) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::catalog;
    use chrono::Months;

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

    /// Done visits with a line of `code`, by calendar month (index 0 = January).
    fn by_month(data: &StationData, code: &str) -> [usize; 12] {
        let done: std::collections::HashMap<_, _> = data
            .visits
            .iter()
            .filter(|v| v.status == "done")
            .map(|v| (v.visit_id.as_str(), v.opened_at.month0() as usize))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut months = [0; 12];
        for l in data.lines.iter().filter(|l| {
            l.service_code == Some(code)
                || (l.service_code.is_none() && catalog::service(code).ru == l.description)
        }) {
            if let Some(m) = done.get(l.visit_id.as_str()) {
                if seen.insert(l.visit_id.as_str()) {
                    months[*m] += 1;
                }
            }
        }
        months
    }

    #[test]
    fn demand_has_seasons_growth_and_regular_clients() {
        let w = World {
            start: NaiveDate::from_ymd_opt(2023, 11, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            ..world()
        };
        let mut rng = rng_for(11, 1);
        let staff = staff(&mut rng, 0, 400, Lang::Ru);
        let data = Station::new(&w, staff, rng).run(0..400);
        let tyres = by_month(&data, "TIR-01");
        let washes = [by_month(&data, "WSH-01"), by_month(&data, "WSH-02")];
        let ac = by_month(&data, "ELE-03");
        eprintln!("tyres {tyres:?} washes {washes:?} ac {ac:?}");
        // Tyres: April against July.
        assert!(tyres[3] > 5 * tyres[6].max(1), "{tyres:?}");
        // Washes: spring (March-May) against late summer (July-September).
        let wash = |m: usize| washes[0][m] + washes[1][m];
        assert!(
            wash(2) + wash(3) + wash(4) > wash(6) + wash(7) + wash(8),
            "{washes:?}"
        );
        // Air conditioning: June-August against December-February.
        assert!(
            ac[5] + ac[6] + ac[7] > 2 * (ac[11] + ac[0] + ac[1]),
            "{ac:?}"
        );
        // Growth: the last year has more done visits than the first.
        let year = |from: NaiveDate| {
            data.visits
                .iter()
                .filter(|v| {
                    v.status == "done"
                        && v.opened_at.date() >= from
                        && v.opened_at.date() < from + Months::new(12)
                })
                .count()
        };
        let (first, last) = (
            year(w.start),
            year(NaiveDate::from_ymd_opt(2025, 11, 1).unwrap()),
        );
        assert!(last > first, "first year {first}, last year {last}");
        // Regular clients: some have four or more done visits in the year to the end.
        let mut per_client = std::collections::HashMap::new();
        for v in data
            .visits
            .iter()
            .filter(|v| v.status == "done" && v.opened_at.date() > w.end - Duration::days(365))
        {
            *per_client.entry(v.client_id.as_str()).or_insert(0) += 1;
        }
        let regulars = per_client.values().filter(|n| **n >= 4).count();
        assert!(regulars >= 20, "{regulars} regular clients of 400");
        // ... and one-timers: clients with exactly one visit in the whole history.
        let mut visits_of = std::collections::HashMap::new();
        for v in &data.visits {
            *visits_of.entry(v.client_id.as_str()).or_insert(0) += 1;
        }
        assert!(visits_of.values().filter(|n| **n == 1).count() >= 40);
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
