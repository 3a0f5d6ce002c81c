//! What is done on a car at a visit and what it costs: the jobs a visit's reason calls for,
//! the services that fell due, the recommendations the client declines, and the order lines
//! priced at the year's list with the station's loyalty discount.

use chrono::{Datelike, Duration, NaiveDate};
use rand::RngExt;

use super::{interval_services, pick, pick_weighted, LineRow, Reason, Rng, Station, Vehicle};
use crate::cli::Lang;
use crate::generate::catalog::{self, Service, REPAIRS};

/// Prices rise every January by this factor (recent Russian service inflation).
const INFLATION: f64 = 1.09;

/// The price of a catalogue price (roubles at the end of the history) in the year of `date`,
/// rounded to 10 roubles as price lists are; in kopecks.
pub fn price_at(price: f64, date: NaiveDate, end: NaiveDate) -> i64 {
    let years = (end.year() - date.year()).max(0);
    let p = price / INFLATION.powi(years);
    ((p / 10.0).round() * 10.0 * 100.0) as i64
}

impl Station<'_> {
    /// The jobs of a visit: what it came for, what fell due, and what was recommended but declined.
    pub(super) fn jobs(&mut self, veh: &mut Vehicle, date: NaiveDate, reason: &Reason) -> Vec<Job> {
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
        // Air conditioning is a summer job.
        let summer = (6..=8).contains(&date.month());
        let weight = |(code, w): &(&str, f64)| match *code {
            "ELE-03" if summer => w * 6.0,
            "ELE-03" => w * 0.3,
            _ => *w,
        };
        let repair = |r: &mut Rng| REPAIRS[pick_weighted(r, REPAIRS.iter().map(weight))].0;
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
    pub(super) fn price_lines(
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
            // A clerk sometimes types a job as free text; the English set is the clean one.
            let typed_code = self.rng.random_bool(0.97);
            let code = (lang == Lang::En || typed_code).then_some(svc.code);
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
pub(super) struct Job {
    pub(super) svc: &'static Service,
    pub(super) declined: bool,
    pub(super) warranty: bool,
}

pub(super) fn keeps_oil_changed(jobs: &[Job]) -> bool {
    jobs.iter().any(|j| j.svc.code == "MNT-01" && !j.declined)
}

/// The default loyalty tiers of SPEC §3 for an order (kopecks): percent off.
///
/// ```
/// use stoa::generate::sim::loyalty_pct;
/// assert_eq!(loyalty_pct(499_999, true, false), 20.0);
/// assert_eq!(loyalty_pct(25_000 * 100, false, true), 20.0); // 20 + 5, capped at 20
/// ```
pub fn loyalty_pct(order_kopecks: i64, domestic: bool, bought_here: bool) -> f64 {
    let tiers = if domestic {
        [20.0, 30.0, 40.0]
    } else {
        [10.0, 15.0, 20.0]
    };
    let band = if order_kopecks < 5_000 * 100 {
        0
    } else if order_kopecks < 20_000 * 100 {
        1
    } else {
        2
    };
    let bonus = if bought_here { 5.0 } else { 0.0 };
    f64::min(tiers[band] + bonus, tiers[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_step_up_every_january() {
        let end = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        // 1200 / 1.09 = 1100.9 -> 1100 roubles the year before; 1200 / 1.09^2 = 1010.0 -> 1010.
        assert_eq!(
            price_at(1200.0, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), end),
            1200 * 100
        );
        assert_eq!(
            price_at(1200.0, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(), end),
            1100 * 100
        );
        assert_eq!(
            price_at(1200.0, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(), end),
            1010 * 100
        );
    }

    #[test]
    fn loyalty_tiers_follow_the_spec_table() {
        assert_eq!(loyalty_pct(4_000 * 100, false, false), 10.0);
        assert_eq!(loyalty_pct(5_000 * 100, false, false), 15.0);
        assert_eq!(loyalty_pct(20_000 * 100, true, false), 40.0);
        // 30 + 5 bonus = 35, under the domestic cap of 40.
        assert_eq!(loyalty_pct(10_000 * 100, true, true), 35.0);
    }
}
