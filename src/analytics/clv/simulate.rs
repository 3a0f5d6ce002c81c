//! Transaction logs drawn from the BG/NBD and Gamma-Gamma processes themselves, so the fits
//! can be tested on small stations and timed on large chains without real data.

use chrono::{Days, NaiveDate};
use polars::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Exp, Gamma};

use super::{BgNbdParams, GammaGammaParams};

/// Draw a transaction log (`client_id`, `date`, `amount`) of `n_clients` customers whose
/// first purchase falls uniformly in [`start`, `end`]. Each customer draws a weekly purchase
/// rate λ ~ Gamma(r, 1/α), a drop-out probability ~ Beta(a, b) and a spend rate
/// ν ~ Gamma(q, 1/γ); repeat purchases follow a Poisson process of rate λ and after each
/// one the customer leaves with the drop-out probability; each purchase spends
/// Gamma(p, 1/ν). Client ids are `c000001`, … Seeded: the same arguments give the same log.
///
/// # Panics
/// When a parameter is not positive or `end` is before `start`.
pub fn simulate_transactions(
    n_clients: usize,
    bgnbd: &BgNbdParams,
    gamma_gamma: &GammaGammaParams,
    start: NaiveDate,
    end: NaiveDate,
    seed: u64,
) -> DataFrame {
    assert!(
        end >= start,
        "the simulation end {end} is before its start {start}"
    );
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rate = Gamma::new(bgnbd.r, 1.0 / bgnbd.alpha).expect("r and alpha are positive");
    let dropout = Beta::new(bgnbd.a, bgnbd.b).expect("a and b are positive");
    let spend_rate =
        Gamma::new(gamma_gamma.q, 1.0 / gamma_gamma.gamma).expect("q and gamma are positive");
    let span = (end - start).num_days() as u64;
    let (mut ids, mut dates, mut amounts) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n_clients {
        let id = format!("c{:06}", i + 1);
        let birth = start + Days::new(rng.random_range(0..=span));
        let t_weeks = (end - birth).num_days() as f64 / 7.0;
        let lambda: f64 = rate.sample(&mut rng).max(1e-12);
        let p: f64 = dropout.sample(&mut rng);
        let nu: f64 = spend_rate.sample(&mut rng).max(1e-12);
        let gap = Exp::new(lambda).expect("lambda is positive");
        let spend = Gamma::new(gamma_gamma.p, 1.0 / nu).expect("p and nu are positive");
        let mut buy = |t: f64, rng: &mut ChaCha8Rng| {
            ids.push(id.clone());
            dates.push(birth + Days::new((t * 7.0) as u64));
            amounts.push((spend.sample(rng) * 100.0).round() / 100.0);
        };
        buy(0.0, &mut rng);
        let mut t = 0.0;
        loop {
            t += gap.sample(&mut rng);
            if t > t_weeks {
                break;
            }
            buy(t, &mut rng);
            if rng.random::<f64>() < p {
                break;
            }
        }
    }
    df!("client_id" => ids, "date" => dates, "amount" => amounts)
        .expect("three columns of equal length")
}
