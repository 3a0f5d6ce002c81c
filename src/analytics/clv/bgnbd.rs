//! BG/NBD (Fader, Hardie & Lee 2005): how often a customer buys while alive and how likely
//! they are to have quietly left. Fitted by maximum likelihood over grouped customers.

use libm::lgamma;
use polars::prelude::*;

use super::optim::{maximise_smooth, Failure};
use super::ClvError;

/// The four BG/NBD parameters (time unit: week). Purchase rates λ ~ Gamma(r, α) (α a rate);
/// after each purchase the customer leaves with probability p ~ Beta(a, b).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BgNbdParams {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Rate (in weeks) of the purchase-rate distribution.
    pub alpha: f64,
    /// First shape of the drop-out probability distribution.
    pub a: f64,
    /// Second shape of the drop-out probability distribution.
    pub b: f64,
}

impl BgNbdParams {
    /// The parameters from a slice (r, α, a, b), as the optimiser hands them out.
    fn of(v: &[f64]) -> BgNbdParams {
        BgNbdParams {
            r: v[0],
            alpha: v[1],
            a: v[2],
            b: v[3],
        }
    }
}

/// A maximum-likelihood BG/NBD fit.
#[derive(Debug, Clone, PartialEq)]
pub struct BgNbdFit {
    /// The estimates.
    pub params: BgNbdParams,
    /// The maximised log-likelihood, a sum over customers (week time unit, as published).
    pub loglik: f64,
    /// Customers in the fit.
    pub n_customers: usize,
    /// Customers with at least one repeat purchase (`frequency` > 0).
    pub n_repeat: usize,
}

/// The summary grouped by identical (x, t_x, T): customers with the same history contribute
/// the same likelihood term, so each distinct history is evaluated once and weighted.
/// `t_x` and `T` are whole days over seven, so a chain's 240 000 customers have some
/// 140 000 histories but fewer than 2 000 distinct values of each: the logarithms of
/// α + T and α + t_x are taken once per value and evaluation, not once per history.
#[derive(Debug, Clone)]
struct Grouped {
    /// Index into `levels` of each group's frequency.
    level: Vec<u32>,
    /// The distinct frequencies: terms depending on x alone are computed once per level.
    levels: Vec<f64>,
    /// Index into `times` of each group's t_x.
    t_x: Vec<u32>,
    /// Index into `times` of each group's T.
    t: Vec<u32>,
    /// The distinct values of t_x and T together, ascending.
    times: Vec<f64>,
    weight: Vec<f64>,
}

/// The position of every value in the sorted distinct values (`levels`); both come from
/// the same column, so every value is found.
fn level_index(values: &[f64], levels: &[f64]) -> Vec<u32> {
    values
        .iter()
        .map(|v| {
            levels
                .binary_search_by(|l| l.total_cmp(v))
                .expect("every value is one of the levels") as u32
        })
        .collect()
}

/// The sorted distinct values of some columns.
fn distinct(columns: &[&[f64]]) -> Vec<f64> {
    let mut all: Vec<f64> = columns.iter().flat_map(|c| c.iter().copied()).collect();
    all.sort_by(f64::total_cmp);
    all.dedup();
    all
}

impl Grouped {
    fn from_summary(summary: &DataFrame) -> PolarsResult<Grouped> {
        let g = summary
            .clone()
            .lazy()
            .group_by([
                col("frequency").cast(DataType::Int64),
                col("recency"),
                col("T"),
            ])
            .agg([len().cast(DataType::Float64).alias("weight")])
            // Sorted so the summation order, hence the last bits of the likelihood, is fixed.
            .sort(
                ["frequency", "recency", "T"],
                SortMultipleOptions::default(),
            )
            .collect()?;
        let f = |name: &str| -> PolarsResult<Vec<f64>> {
            Ok(g.column(name)?
                .cast(&DataType::Float64)?
                .f64()?
                .into_no_null_iter()
                .collect())
        };
        let (x, t_x, t) = (f("frequency")?, f("recency")?, f("T")?);
        let levels = distinct(&[&x]);
        let times = distinct(&[&t_x, &t]);
        Ok(Grouped {
            level: level_index(&x, &levels),
            t_x: level_index(&t_x, &times),
            t: level_index(&t, &times),
            levels,
            times,
            weight: f("weight")?,
        })
    }

    /// Σ over customers of ln L(r, α, a, b | x, t_x, T) (FHL 2005, eq. 6):
    /// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    ///        + ln[(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x)],
    /// the last term as a log-sum-exp so that large x does not underflow.
    /// One pass computes the value and the gradient (see
    /// [`Grouped::loglik_and_gradient`]), so the two cannot drift apart.
    fn loglik(&self, p: &BgNbdParams) -> f64 {
        self.loglik_and_gradient(p).0
    }

    /// [`Grouped::loglik`] and its gradient with respect to (ln r, ln α, ln a, ln b).
    ///
    /// The frequencies are whole numbers, so the digammas of the ln Γ terms are finite
    /// sums: ψ(r+x) − ψ(r) = Σ_{j<x} 1/(r+j), and likewise for b and a+b. With s₃, s₄ the
    /// shares of the two terms inside the last logarithm (s₄ = 0 when x = 0):
    /// ∂/∂r = Σ 1/(r+j) + ln α − s₃ ln(α+T) − s₄ ln(α+t_x);
    /// ∂/∂α = r/α − (r+x)(s₃/(α+T) + s₄/(α+t_x));
    /// ∂/∂a = −Σ 1/(a+b+j) + s₄/a;
    /// ∂/∂b = Σ 1/(b+j) − Σ 1/(a+b+j) − s₄/(b+x−1);
    /// each times its parameter for the log scale.
    fn loglik_and_gradient(&self, p: &BgNbdParams) -> (f64, [f64; 4]) {
        let BgNbdParams { r, alpha, a, b } = *p;
        let constant = -lgamma(r) + r * alpha.ln() + lgamma(a + b) - lgamma(b);
        // Per level: r + x, the ln Γ terms, ln(a/(b+x−1)), and the three digamma sums.
        struct Level {
            rx: f64,
            gx: f64,
            ln_ratio: f64,
            sr: f64,
            sb: f64,
            sab: f64,
        }
        let (mut sr, mut sb, mut sab, mut j) = (0.0, 0.0, 0.0, 0.0);
        let per_level: Vec<Level> = self
            .levels
            .iter()
            .map(|&x| {
                while j < x {
                    sr += 1.0 / (r + j);
                    sb += 1.0 / (b + j);
                    sab += 1.0 / (a + b + j);
                    j += 1.0;
                }
                Level {
                    rx: r + x,
                    gx: lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x),
                    ln_ratio: if x > 0.0 {
                        a.ln() - (b + x - 1.0).ln()
                    } else {
                        f64::NAN
                    },
                    sr,
                    sb,
                    sab,
                }
            })
            .collect();
        let ln_time: Vec<f64> = self.times.iter().map(|t| (alpha + t).ln()).collect();
        let inv_time: Vec<f64> = self.times.iter().map(|t| 1.0 / (alpha + t)).collect();
        let (mut total, mut gr, mut galpha, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for i in 0..self.weight.len() {
            let level = self.level[i] as usize;
            let w = self.weight[i];
            let Level {
                rx,
                gx,
                ln_ratio,
                sr,
                sb,
                sab,
            } = per_level[level];
            let (t, t_x) = (self.t[i] as usize, self.t_x[i] as usize);
            let a3 = -rx * ln_time[t];
            let x = self.levels[level];
            let (tail, s3, s4) = if x > 0.0 {
                let a4 = ln_ratio - rx * ln_time[t_x];
                // ln(e^a3 + e^a4) = max + ln(1 + e^−|a3 − a4|): one exp instead of two.
                let e = (-(a3 - a4).abs()).exp();
                let (big, small) = (1.0 / (1.0 + e), e / (1.0 + e));
                let (s3, s4) = if a3 >= a4 { (big, small) } else { (small, big) };
                (a3.max(a4) + e.ln_1p(), s3, s4)
            } else {
                (a3, 1.0, 0.0)
            };
            total += w * (gx + tail);
            gr += w * (sr - s3 * ln_time[t] - s4 * ln_time[t_x]);
            galpha -= w * rx * (s3 * inv_time[t] + s4 * inv_time[t_x]);
            ga += w * (s4 / a - sab);
            gb += w * (sb - sab - if x > 0.0 { s4 / (b + x - 1.0) } else { 0.0 });
        }
        let n: f64 = self.weight.iter().sum();
        gr += n * alpha.ln();
        galpha += n * r / alpha;
        (
            total + constant * n,
            [r * gr, alpha * galpha, a * ga, b * gb],
        )
    }
}

/// The BG/NBD log-likelihood of `params` on a summary (a sum over customers), e.g. to
/// compare a fit with published estimates.
pub fn bgnbd_loglik(summary: &DataFrame, params: &BgNbdParams) -> Result<f64, ClvError> {
    Ok(Grouped::from_summary(summary)?.loglik(params))
}

/// Fit BG/NBD by maximum likelihood on a summary from [`summarize`](super::summarize)
/// (columns `frequency`, `recency`, `T` in weeks).
///
/// Errors (each a full sentence): too few customers, no repeat customer at all (the
/// drop-out process is then not identified), no convergence, or a parameter running off to
/// 0 or infinity (the data cannot tell the model's story).
pub fn fit_bgnbd(summary: &DataFrame) -> Result<BgNbdFit, ClvError> {
    let n_customers = summary.height();
    if n_customers < super::MIN_CUSTOMERS {
        return Err(ClvError::TooFewCustomers {
            n: n_customers,
            needed: super::MIN_CUSTOMERS,
        });
    }
    let n_repeat = summary
        .column("frequency")?
        .cast(&DataType::Int64)?
        .i64()?
        .into_no_null_iter()
        .filter(|&x| x > 0)
        .count();
    if n_repeat == 0 {
        return Err(ClvError::NoRepeatCustomers { n: n_customers });
    }
    let data = Grouped::from_summary(summary)?;
    let ll = |v: &[f64]| data.loglik(&BgNbdParams::of(v));
    let ll_and_gradient = |v: &[f64]| {
        let (ll, g) = data.loglik_and_gradient(&BgNbdParams::of(v));
        (ll, g.to_vec())
    };
    let start = [1.0, 1.0, 1.0, 1.0];
    let max = maximise_smooth(&ll, &ll_and_gradient, n_customers, &start).map_err(|f| match f {
        Failure::NoConvergence => ClvError::NoConvergence { model: "BG/NBD" },
        Failure::Unbounded { index, value } => ClvError::Unbounded {
            model: "BG/NBD",
            parameter: ["r", "alpha", "a", "b"][index],
            value,
        },
        Failure::NotFinite => ClvError::NotFinite {
            what: "the BG/NBD log-likelihood".into(),
        },
        Failure::Solver(message) => ClvError::Solver {
            model: "BG/NBD",
            message,
        },
    })?;
    Ok(BgNbdFit {
        params: BgNbdParams::of(&max.params),
        loglik: max.loglik,
        n_customers,
        n_repeat,
    })
}

/// Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, returned as
/// ln|value| and the sign. The terms are rescaled when large because for a frequent buyer
/// (a, b ≈ x in the hundreds) the sum can pass f64's range before the prefactor brings it back.
fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<(f64, f64)> {
    const MAX_TERMS: usize = 1_000_000;
    let (mut term, mut sum, mut ln_scale) = (1.0f64, 1.0f64, 0.0f64);
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        term *= (a + nf) * (b + nf) / ((c + nf) * (nf + 1.0)) * z;
        sum += term;
        if !sum.is_finite() || !term.is_finite() {
            return None;
        }
        if sum.abs() > 1e250 {
            sum *= 1e-250;
            term *= 1e-250;
            ln_scale += 250.0 * std::f64::consts::LN_10;
        }
        // Once the ratio of successive terms is below 1 the tail is geometric; stop when it
        // cannot change the sum at double precision.
        if n > 0
            && term.abs() <= 1e-17 * sum.abs()
            && (a + nf) * (b + nf) * z < (c + nf) * (nf + 1.0)
        {
            return Some((sum.abs().ln() + ln_scale, sum.signum()));
        }
    }
    None
}

impl BgNbdParams {
    /// P(alive | x, t_x, T) (FHL 2005, eq. 11): 1 for a customer with no repeat purchase,
    /// else 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
    pub fn p_alive(&self, x: f64, t_x: f64, t: f64) -> f64 {
        if x <= 0.0 {
            return 1.0;
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let ln_odds =
            a.ln() - (b + x - 1.0).ln() + (r + x) * ((alpha + t).ln() - (alpha + t_x).ln());
        1.0 / (1.0 + ln_odds.exp())
    }

    /// Expected purchases in the next `horizon` weeks after T (FHL 2005, eq. 10):
    /// E[Y(h) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+h))^(r+x)
    /// ₂F₁(r+x, b+x; a+b+x−1; h/(α+T+h))] / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
    /// `None` when the series does not converge or the value is not finite.
    pub fn expected_visits(&self, horizon: f64, x: f64, t_x: f64, t: f64) -> Option<f64> {
        if horizon <= 0.0 {
            return Some(0.0);
        }
        // The formula is 0/0 at a = 1 and continuous through it: evaluate either side.
        if (self.a - 1.0).abs() < 1e-6 {
            let lo = BgNbdParams {
                a: 1.0 - 1e-6,
                ..*self
            }
            .expected_visits(horizon, x, t_x, t)?;
            let hi = BgNbdParams {
                a: 1.0 + 1e-6,
                ..*self
            }
            .expected_visits(horizon, x, t_x, t)?;
            return Some(0.5 * (lo + hi));
        }
        let value = self.visits_if_alive(horizon, x, t)? * self.p_alive(x, t_x, t);
        value.is_finite().then_some(value.max(0.0))
    }

    /// [`BgNbdParams::expected_visits`] before its last factor, P(alive): the expected
    /// purchases in the next `horizon` weeks of a customer still alive,
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+h))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; h/(α+T+h))].
    /// It depends on x and T but not t_x, so customers who differ in t_x alone share it.
    /// For `horizon` > 0 and a ≠ 1 (at a = 1 it is 0/0); `None` when the series does not
    /// converge.
    pub(crate) fn visits_if_alive(&self, horizon: f64, x: f64, t: f64) -> Option<f64> {
        let BgNbdParams { r, alpha, a, b } = *self;
        let z = horizon / (alpha + t + horizon);
        let (ln_f, sign) = ln_hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
        let ln_pre = (r + x) * ((alpha + t).ln() - (alpha + t + horizon).ln());
        let bracket = 1.0 - sign * (ln_pre + ln_f).exp();
        Some((a + b + x - 1.0) / (a - 1.0) * bracket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published CDNOW estimates (FHL 2005).
    const CDNOW: BgNbdParams = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };

    #[test]
    fn p_alive_matches_the_closed_form_by_hand() {
        // CDNOW customer 1: x = 2, t_x = 30.43, T = 38.86.
        // a/(b+x−1) = 0.793/3.426 = 0.2314652; (α+T)/(α+t_x) = 43.274/34.844 = 1.2419355;
        // ln = 0.2166710, × (r+x = 2.243) = 0.4859931, exp = 1.6257888; odds = 0.3763136;
        // P = 1/1.3763136 = 0.726579.
        assert!((CDNOW.p_alive(2.0, 30.43, 38.86) - 0.726579).abs() < 1e-5);
        // x = 0 is alive by construction (FHL: no purchase, no chance to drop out yet).
        assert_eq!(CDNOW.p_alive(0.0, 0.0, 38.86), 1.0);
        // A customer who just bought (t_x = T) : odds = a/(b+x−1) = 0.793/(2.426+4) = 0.1234049,
        // P = 1/1.1234049 = 0.890151.
        assert!((CDNOW.p_alive(5.0, 20.0, 20.0) - 0.890151).abs() < 1e-5);
    }

    #[test]
    fn hypergeometric_series_matches_known_values() {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z: at z = 0.5, 2 ln 2 = 1.3862944.
        let (l, s) = ln_hyp2f1(1.0, 1.0, 2.0, 0.5).unwrap();
        assert!((s * l.exp() - 1.386_294_361).abs() < 1e-9);
        // ₂F₁(a, b; b; z) = (1−z)^−a: a = 3, z = 0.9 → 1000.
        let (l, s) = ln_hyp2f1(3.0, 2.5, 2.5, 0.9).unwrap();
        assert!((s * l.exp() - 1000.0).abs() < 1e-7);
    }

    #[test]
    fn expected_visits_match_the_closed_form_by_hand() {
        // h = 52, T = 38.86: z = 52/(4.414+38.86+52) = 52/95.274 = 0.5457947,
        // (α+T)/(α+T+h) = 43.274/95.274 = 0.4542053.
        // x = 0: ₂F₁(0.243, 2.426; 2.219; z) = 1 + 0.1450002 + 0.0523486 + 0.0224101
        //   + 0.0103099 + 0.0049341 + … = 1.2398858; 0.4542053^0.243 = 0.8254911;
        //   bracket = 1 − 0.8254911 × 1.2398858 = −0.0235146; × 2.219/(−0.207) = −10.719807
        //   → 0.252073 (P(alive) = 1).
        let e0 = CDNOW.expected_visits(52.0, 0.0, 0.0, 38.86).unwrap();
        assert!((e0 - 0.252073).abs() < 1e-6, "{e0}");
        // Customer 1, x = 2, t_x = 30.43: ₂F₁(2.243, 4.426; 3.219; z) = 6.490007;
        //   0.4542053^2.243 = 0.1703012; bracket = 1 − 1.105256 = −0.105256;
        //   × 4.219/(−0.207) = −20.381643 → 2.145292; × P(alive) 0.7265786 → 1.558721.
        let e1 = CDNOW.expected_visits(52.0, 2.0, 30.43, 38.86).unwrap();
        assert!((e1 - 1.558721).abs() < 1e-5, "{e1}");
        // No time, no visits.
        assert_eq!(CDNOW.expected_visits(0.0, 2.0, 30.43, 38.86), Some(0.0));
    }

    #[test]
    fn likelihood_of_one_customer_by_hand() {
        // One customer x = 1, t_x = 1, T = 2 with r = α = a = b = 1:
        // ln Γ(2) − ln Γ(1) + 1·ln 1 = 0; ln B(1, 2) − ln B(1, 1) = ln(1/2) = −0.6931472;
        // (α+T)^−2 = 1/9, a/(b+x−1) (α+t_x)^−2 = 1/4; ln(1/9 + 1/4) = ln(13/36) = −1.0185695.
        // Total −1.7117167.
        let s = df!("frequency" => [1i64], "recency" => [1.0], "T" => [2.0]).unwrap();
        let p = BgNbdParams {
            r: 1.0,
            alpha: 1.0,
            a: 1.0,
            b: 1.0,
        };
        assert!((bgnbd_loglik(&s, &p).unwrap() - (-1.711_716_7)).abs() < 1e-7);
    }

    /// Customers of every kind: no repeat, a repeat long ago, a recent one, a frequent
    /// buyer, and two with the same history (a weight of 2).
    fn histories() -> Grouped {
        let s = df!(
            "frequency" => [0i64, 1, 3, 3, 12, 0, 1],
            "recency" => [0.0, 2.0, 30.0, 30.0, 51.5, 0.0, 40.0],
            "T" => [10.0, 52.0, 40.0, 40.0, 52.0, 3.0, 41.0],
        )
        .unwrap();
        Grouped::from_summary(&s).unwrap()
    }

    #[test]
    fn the_gradient_is_the_slope_of_the_likelihood() {
        let data = histories();
        let p = BgNbdParams {
            r: 0.7,
            alpha: 3.5,
            a: 0.9,
            b: 2.4,
        };
        let (_, gradient) = data.loglik_and_gradient(&p);
        let ll = |v: &[f64]| data.loglik(&BgNbdParams::of(v));
        super::super::assert_log_gradient(ll, &[p.r, p.alpha, p.a, p.b], &gradient);
    }

    #[test]
    fn the_gradient_fit_reaches_the_simplexs_maximum() {
        // 2000 simulated customers: L-BFGS and Nelder-Mead land on the same parameters
        // (to the simplex's precision), and L-BFGS's likelihood is not lower.
        let truth = BgNbdParams {
            r: 0.5,
            alpha: 5.0,
            a: 0.8,
            b: 2.5,
        };
        let gg = super::super::GammaGammaParams {
            p: 5.0,
            q: 4.0,
            gamma: 20.0,
        };
        let day = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let tx = super::super::simulate_transactions(
            2000,
            &truth,
            &gg,
            day("2023-01-01"),
            day("2024-12-31"),
            11,
        );
        let summary = super::super::summarize(tx.lazy(), day("2024-12-31")).unwrap();
        let fit = fit_bgnbd(&summary).unwrap();
        let data = Grouped::from_summary(&summary).unwrap();
        let ll = |v: &[f64]| data.loglik(&BgNbdParams::of(v));
        let simplex = super::super::optim::maximise(&ll, summary.height(), &[1.0; 4]).unwrap();
        let ours = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
        for (a, b) in ours.iter().zip(&simplex.params) {
            assert!(
                (a / b - 1.0).abs() < 1e-3,
                "{ours:?} vs {:?}",
                simplex.params
            );
        }
        assert!(
            fit.loglik >= simplex.loglik - 1e-6,
            "{} < {}",
            fit.loglik,
            simplex.loglik
        );
        assert_eq!(fit.loglik, ll(&ours));
    }
}
