//! One visit of a client: when it opens, through which channel, whether the client shows
//! up, what is done, when the car is promised and handed back, and what the client says.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use rand::RngExt;
use rand_distr::{Distribution, LogNormal};

use super::vehicle::{PLATE_LATIN, PLATE_LETTERS};
use super::work::keeps_oil_changed;
use super::{pick, pick_weighted, Habits, Pending, Reason, Station, Vehicle, VisitRow};
use crate::cli::Lang;
use crate::generate::catalog;

impl Station<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn visit(
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
        // Draws that only the Russian export shows are made in both languages, so that the
        // language changes how the data is written, not what happens.
        let cyrillic = self.rng.random_bool(0.15);
        let brand_text = match (w.lang, veh.brand.domestic) {
            (Lang::Ru, true) if cyrillic => veh.brand.ru.to_string(),
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
            let due = self.planned_maintenance(veh, h.late_days);
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
        let x = self.rng.random::<f64>();
        match self.world.lang {
            Lang::En => latin(plate),
            Lang::Ru => {
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
}
