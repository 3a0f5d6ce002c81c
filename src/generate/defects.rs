//! Faults planted on purpose (`stoa generate --defects N`): the mistakes real exports carry,
//! so that `stoa check` and the rejects table can be tried on data whose faults are known.
//! Each kind is planted `N` times in the first station's rows; [`Planted`] says how many rows
//! ingest should reject per table and how many visits should draw the missing-client warning.

use std::collections::BTreeMap;

use rand::RngExt;

use super::sim::{Rng, StationData};
use crate::schema::Table;

/// What was planted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Planted {
    /// Rows ingest should reject, per table.
    pub rejects: BTreeMap<Table, u64>,
    /// Clients removed from the client list although they have visits (a warning, not a reject).
    pub missing_clients: u64,
}

/// Plant `n` faults of each kind into a station's rows:
/// a visit written twice (the copy is rejected as a duplicate `visit_id`), an order line of
/// an order that does not exist, an order line with a negative quantity, a score of an
/// unknown order, a client listed twice, and a client with visits left out of the list.
pub fn plant(rng: &mut Rng, data: &mut StationData, n: usize) -> Planted {
    let mut planted = Planted::default();
    if n == 0 || data.visits.is_empty() || data.lines.is_empty() {
        return planted;
    }
    let mut count = |t: Table| *planted.rejects.entry(t).or_insert(0) += 1;
    for k in 0..n {
        let i = rng.random_range(0..data.visits.len());
        let copy = data.visits[i].clone();
        data.visits.insert(i + 1, copy);
        count(Table::Visits);

        // One fault per row, so that each planted row is one reject: the negative quantity
        // goes on a line of a real order, the orphan is a copy with a positive quantity.
        let len = data.lines.len();
        let start = rng.random_range(0..len);
        let fresh = (0..len)
            .map(|j| (start + j) % len)
            .find(|&j| data.lines[j].qty > 0.0 && !data.lines[j].visit_id.contains('/'));
        if let Some(j) = fresh {
            data.lines[j].qty = -data.lines[j].qty;
            count(Table::OrderLines);
        }

        let i = rng.random_range(0..data.lines.len());
        let mut orphan = data.lines[i].clone();
        orphan.visit_id = format!("{}/{}", orphan.visit_id, k + 1);
        orphan.qty = orphan.qty.abs();
        data.lines.insert(i + 1, orphan);
        count(Table::OrderLines);

        if !data.feedback.is_empty() {
            let i = rng.random_range(0..data.feedback.len());
            let mut stray = data.feedback[i].clone();
            stray.visit_id = format!("{}/{}", stray.visit_id, k + 1);
            data.feedback.insert(i + 1, stray);
            count(Table::Feedback);
        }

        let i = rng.random_range(0..data.clients.len());
        let twin = data.clients[i].clone();
        data.clients.insert(i + 1, twin);
        count(Table::Clients);
    }
    // Drop clients with visits from the list, but never one of the duplicated pairs.
    for _ in 0..n {
        let i = rng.random_range(0..data.clients.len());
        let id = data.clients[i].client_id.clone();
        let listed = data.clients.iter().filter(|c| c.client_id == id).count();
        let visits = data.visits.iter().filter(|v| v.client_id == id).count() as u64;
        if listed == 1 && visits > 0 {
            data.clients.remove(i);
            planted.missing_clients += 1;
        }
    }
    planted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lang;
    use crate::generate::sim::{self, Station, World};
    use chrono::NaiveDate;

    fn station() -> StationData {
        let mut rng = sim::rng_for(3, 0);
        let world = World {
            start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            lang: Lang::En,
            agents: sim::agents(&mut rng, Lang::En),
            chain: false,
        };
        let staff = sim::staff(&mut rng, 0, 30, Lang::En);
        Station::new(&world, staff, rng).run(0..30)
    }

    #[test]
    fn every_planted_fault_is_counted() {
        let clean = station();
        let mut data = station();
        let planted = plant(&mut sim::rng_for(1, 2), &mut data, 2);
        // Two of each kind: order lines get an orphan and a negative quantity each time.
        assert_eq!(planted.rejects[&Table::Visits], 2);
        assert_eq!(planted.rejects[&Table::OrderLines], 4);
        assert_eq!(planted.rejects[&Table::Feedback], 2);
        assert_eq!(planted.rejects[&Table::Clients], 2);
        assert_eq!(data.visits.len(), clean.visits.len() + 2);
        assert_eq!(data.lines.len(), clean.lines.len() + 2);
        assert_eq!(data.lines.iter().filter(|l| l.qty < 0.0).count(), 2);
        assert_eq!(
            data.clients.len() as u64,
            clean.clients.len() as u64 + 2 - planted.missing_clients
        );
        let mut ids: Vec<_> = data.visits.iter().map(|v| v.visit_id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            clean.visits.len(),
            "the copies repeat existing ids"
        );
    }

    #[test]
    fn no_defects_change_nothing() {
        let mut data = station();
        let before = (data.visits.len(), data.lines.len(), data.clients.len());
        assert_eq!(
            plant(&mut sim::rng_for(1, 2), &mut data, 0),
            Planted::default()
        );
        assert_eq!(
            before,
            (data.visits.len(), data.lines.len(), data.clients.len())
        );
    }
}
