//! The cars: make, model, plate, VIN, how far they drive a day, and the state of their
//! maintenance schedule (when each interval service was last done and when it falls due).

use chrono::{Duration, Months, NaiveDate};
use rand::RngExt;
use rand_distr::{Distribution, LogNormal};

use super::{pick, pick_weighted, Rng, Station};
use crate::generate::catalog::{self, Brand, Service, BRANDS, SERVICES};

pub(super) const PLATE_LETTERS: [char; 12] =
    ['А', 'В', 'Е', 'К', 'М', 'Н', 'О', 'Р', 'С', 'Т', 'У', 'Х'];
pub(super) const PLATE_LATIN: [char; 12] =
    ['A', 'B', 'E', 'K', 'M', 'H', 'O', 'P', 'C', 'T', 'Y', 'X'];
const REGIONS: [&str; 8] = ["77", "97", "99", "177", "197", "777", "50", "750"];
const VIN_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

/// A car of a client, with the state of its maintenance schedule.
#[derive(Debug, Clone)]
pub(super) struct Vehicle {
    pub(super) brand: &'static Brand,
    pub(super) model: &'static str,
    /// The plate as registered (Cyrillic letters); a visit writes it as the clerk types it.
    pub(super) plate: String,
    pub(super) vin: Option<String>,
    /// Odometer on the first day of the history.
    pub(super) odo0: f64,
    pub(super) km_per_day: f64,
    /// Last date of each interval service (in `interval_services()` order); the km-based due
    /// date follows from it because the odometer grows at `km_per_day`.
    pub(super) last: Vec<NaiveDate>,
    /// Bumped whenever the oil is changed, so that a planned maintenance visit made stale by
    /// an earlier one is dropped.
    pub(super) token: u32,
}

pub(super) fn interval_services() -> impl Iterator<Item = &'static Service> {
    SERVICES
        .iter()
        .filter(|s| s.interval_months.is_some() || s.interval_km.is_some())
}

impl Vehicle {
    pub(super) fn odometer(&self, start: NaiveDate, date: NaiveDate) -> f64 {
        self.odo0 + self.km_per_day * (date - start).num_days() as f64
    }

    /// When an interval service falls due: the earlier of the months and the km.
    pub(super) fn due(&self, k: usize, svc: &Service) -> NaiveDate {
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

impl Station<'_> {
    pub(super) fn vehicle(&mut self, company: bool) -> Vehicle {
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
                let months = s.interval_months.unwrap_or(24);
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

    /// The date a schedule-keeping client brings the car for its oil: the due date give or
    /// take a few weeks.
    pub(super) fn planned_maintenance(&mut self, veh: &Vehicle, late_days: i64) -> NaiveDate {
        let oil = interval_services()
            .position(|s| s.code == "MNT-01")
            .expect("oil change has an interval");
        veh.due(
            oil,
            interval_services().nth(oil).expect("index from position"),
        ) + Duration::days(self.rng.random_range(-20..25) + late_days)
    }
}
