//! Gamma-Gamma (Fader & Hardie 2013): how much a customer spends per visit, shrinking each
//! customer's observed mean toward the population mean by how many visits back it up.

use libm::lgamma;
use polars::prelude::*;

use super::optim::{maximise_smooth, Failure};
use super::ClvError;

/// The three Gamma-Gamma parameters: a spend z ~ Gamma(p, ν) (ν a rate), ν ~ Gamma(q, γ).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct GammaGammaParams {
    /// Shape of the spend of one visit.
    pub p: f64,
    /// Shape of the customers' spend-rate distribution.
    pub q: f64,
    /// Scale (in money) of the customers' spend-rate distribution.
    pub gamma: f64,
}

impl GammaGammaParams {
    /// The parameters from a slice (p, q, γ), as the optimiser hands them out.
    fn of(v: &[f64]) -> GammaGammaParams {
        GammaGammaParams {
            p: v[0],
            q: v[1],
            gamma: v[2],
        }
    }
}

/// A maximum-likelihood Gamma-Gamma fit.
#[derive(Debug, Clone, PartialEq)]
pub struct GammaGammaFit {
    /// The estimates.
    pub params: GammaGammaParams,
    /// The maximised log-likelihood of the customers' mean spends (a sum over customers).
    pub loglik: f64,
    /// Repeat customers in the fit (frequency > 0, mean repeat spend > 0).
    pub n_fitted: usize,
    /// Repeat customers left out because their mean repeat spend is not positive.
    pub n_excluded: usize,
}

/// The repeat customers of a summary, with the x-only terms grouped by frequency level.
struct Spenders {
    level: Vec<usize>,
    levels: Vec<f64>,
    ln_m: Vec<f64>,
    m: Vec<f64>,
}

impl Spenders {
    /// Σ over customers of ln f(z̄ | p, q, γ, x) (FH 2013, eq. 3 as the density of the mean):
    /// ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
    /// One pass computes the value and the gradient (see
    /// [`Spenders::loglik_and_gradient`]), so the two cannot drift apart.
    fn loglik(&self, g: &GammaGammaParams) -> f64 {
        self.loglik_and_gradient(g).0
    }

    /// [`Spenders::loglik`] and its gradient with respect to (ln p, ln q, ln γ):
    /// ∂/∂p = Σ x [ψ(px+q) − ψ(px) + ln z̄ + ln x − ln(γ+x z̄)];
    /// ∂/∂q = Σ [ψ(px+q) − ψ(q) + ln γ − ln(γ+x z̄)];
    /// ∂/∂γ = Σ [q/γ − (px+q)/(γ+x z̄)];
    /// each times its parameter for the log scale.
    fn loglik_and_gradient(&self, g: &GammaGammaParams) -> (f64, [f64; 3]) {
        let GammaGammaParams { p, q, gamma } = *g;
        // Per level: the terms of x alone, ψ(px+q), and ψ(px+q) − ψ(px) + ln x.
        let per_level: Vec<(f64, f64, f64)> = self
            .levels
            .iter()
            .map(|&x| {
                let psi = digamma(p * x + q);
                (
                    lgamma(p * x + q) - lgamma(p * x) + p * x * x.ln(),
                    psi,
                    psi - digamma(p * x) + x.ln(),
                )
            })
            .collect();
        let constant = -lgamma(q) + q * gamma.ln();
        let (mut total, mut gp, mut gq, mut gg) = (0.0, 0.0, 0.0, 0.0);
        for i in 0..self.m.len() {
            let level = self.level[i];
            let x = self.levels[level];
            let (terms, psi_q, psi_p) = per_level[level];
            let ln_rest = (gamma + x * self.m[i]).ln();
            total += terms + (p * x - 1.0) * self.ln_m[i] - (p * x + q) * ln_rest;
            gp += x * (psi_p + self.ln_m[i] - ln_rest);
            gq += psi_q - ln_rest;
            gg -= (p * x + q) / (gamma + x * self.m[i]);
        }
        let n = self.m.len() as f64;
        gq += n * (gamma.ln() - digamma(q));
        gg += n * q / gamma;
        (total + constant * n, [p * gp, q * gq, gamma * gg])
    }
}

/// The digamma function ψ(x) = d ln Γ(x)/dx for x > 0 (libm has ln Γ but not its
/// derivative): raised past 10 by ψ(x) = ψ(x+1) − 1/x, then the asymptotic series
/// ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), whose first omitted term is below 1e-15 there.
fn digamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let inv2 = 1.0 / (x * x);
    // B₂/2, B₄/4, … B₁₂/12 with alternating signs, innermost last.
    let series = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2
                                * (1.0 / 240.0 - inv2 * (1.0 / 132.0 - inv2 * 691.0 / 32760.0)))));
    shift + x.ln() - 0.5 / x - series
}

/// Repeat customers with a positive mean spend (the fit set) and the number of repeat
/// customers without one.
fn spenders(summary: &DataFrame, scale: f64) -> PolarsResult<(Spenders, usize)> {
    let repeat = summary
        .clone()
        .lazy()
        .filter(col("frequency").gt(lit(0)))
        .select([
            col("frequency").cast(DataType::Int64),
            col("monetary").cast(DataType::Float64),
        ])
        .sort(["frequency", "monetary"], SortMultipleOptions::default())
        .collect()?;
    let x: Vec<i64> = repeat
        .column("frequency")?
        .i64()?
        .into_no_null_iter()
        .collect();
    let m: Vec<f64> = repeat
        .column("monetary")?
        .f64()?
        .into_no_null_iter()
        .collect();
    let keep: Vec<(i64, f64)> = x.into_iter().zip(m).filter(|(_, m)| *m > 0.0).collect();
    let excluded = repeat.height() - keep.len();
    let mut levels: Vec<i64> = keep.iter().map(|(x, _)| *x).collect();
    levels.dedup();
    let level = keep
        .iter()
        .map(|(x, _)| {
            levels
                .binary_search(x)
                .expect("every frequency is one of the levels")
        })
        .collect();
    let m: Vec<f64> = keep.iter().map(|(_, m)| m / scale).collect();
    Ok((
        Spenders {
            level,
            levels: levels.into_iter().map(|v| v as f64).collect(),
            ln_m: m.iter().map(|v| v.ln()).collect(),
            m,
        },
        excluded,
    ))
}

/// The Gamma-Gamma log-likelihood of `params` on a summary's repeat customers with positive
/// spend (a sum over customers).
pub fn gamma_gamma_loglik(summary: &DataFrame, params: &GammaGammaParams) -> Result<f64, ClvError> {
    Ok(spenders(summary, 1.0)?.0.loglik(params))
}

/// Fewer repeat customers than this cannot pin down three parameters.
pub const MIN_SPENDERS: usize = 3;

/// The median of positive values (the mean of the middle two of an even count).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => 1.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Fit Gamma-Gamma by maximum likelihood on a summary from [`summarize`](super::summarize)
/// (`frequency`, `monetary`): repeat customers with a positive mean repeat spend; those
/// without one are counted in [`GammaGammaFit::n_excluded`].
///
/// The spends are divided by their median for the search (γ scales with the money unit, p
/// and q do not), so kopecks and dollars converge alike; γ and the log-likelihood are
/// reported in the original unit. The median, not the mean: one mistyped amount of 1e15
/// set the mean, every real spend became 1e-9 of it, and γ "ran off" on data that fit.
pub fn fit_gamma_gamma(summary: &DataFrame) -> Result<GammaGammaFit, ClvError> {
    let (raw, n_excluded) = spenders(summary, 1.0)?;
    let n = raw.m.len();
    if n < MIN_SPENDERS {
        return Err(ClvError::TooFewSpenders {
            n,
            needed: MIN_SPENDERS,
            excluded: n_excluded,
        });
    }
    let scale = median(&raw.m);
    let (data, _) = spenders(summary, scale)?;
    let ll = |v: &[f64]| data.loglik(&GammaGammaParams::of(v));
    let ll_and_gradient = |v: &[f64]| {
        let (ll, g) = data.loglik_and_gradient(&GammaGammaParams::of(v));
        (ll, g.to_vec())
    };
    let max = maximise_smooth(&ll, &ll_and_gradient, n, &[1.0, 1.0, 1.0]).map_err(|f| match f {
        Failure::NoConvergence => ClvError::NoConvergence {
            model: "Gamma-Gamma",
        },
        Failure::Unbounded { index, value } => ClvError::Unbounded {
            model: "Gamma-Gamma",
            parameter: ["p", "q", "gamma"][index],
            // γ in the spends' own unit, as the fit reports it.
            value: if index == 2 { value * scale } else { value },
        },
        Failure::NotFinite => ClvError::NotFinite {
            what: "the Gamma-Gamma log-likelihood".into(),
        },
        Failure::Solver(message) => ClvError::Solver {
            model: "Gamma-Gamma",
            message,
        },
    })?;
    let params = GammaGammaParams {
        p: max.params[0],
        q: max.params[1],
        gamma: max.params[2] * scale,
    };
    if params.q <= 1.0 {
        return Err(ClvError::Degenerate {
            model: "Gamma-Gamma",
            reason: format!(
                "q = {:.4} is not above 1, so the population mean spend p·γ/(q−1) does not exist \
                 (a few customers with extreme spends dominate)",
                params.q
            ),
        });
    }
    // Dividing every spend by `scale` multiplies each density by `scale`.
    let loglik = max.loglik - n as f64 * scale.ln();
    Ok(GammaGammaFit {
        params,
        loglik,
        n_fitted: n,
        n_excluded,
    })
}

impl GammaGammaParams {
    /// The population mean spend per visit, p·γ/(q−1) (needs q > 1, which a fit guarantees).
    pub fn population_mean(&self) -> f64 {
        self.p * self.gamma / (self.q - 1.0)
    }

    /// Expected spend per visit of a customer with `x` repeat visits of mean spend `m`
    /// (FH 2013, eq. 5): (p·(γ + x·m)) / (p·x + q − 1), a weighted mean of the population
    /// mean and `m`. With x = 0 it is the population mean. A repeat customer with a negative
    /// mean (refunds) is taken at m = 0.
    pub fn expected_spend(&self, x: f64, m: f64) -> f64 {
        if x <= 0.0 {
            return self.population_mean();
        }
        self.p * (self.gamma + x * m.max(0.0)) / (self.p * x + self.q - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published CDNOW estimates (FH 2013).
    const CDNOW: GammaGammaParams = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        gamma: 15.44,
    };

    #[test]
    fn conditional_expectation_matches_the_closed_form_by_hand() {
        // Population mean p γ/(q−1) = 6.25 × 15.44 / 2.74 = 96.5 / 2.74 = 35.218978.
        assert!((CDNOW.expected_spend(0.0, 0.0) - 35.218978).abs() < 1e-6);
        // CDNOW customer 1: x = 2, z̄ = 22.35: 6.25 × (15.44 + 44.70) / (12.5 + 2.74)
        // = 6.25 × 60.14 / 15.24 = 375.875 / 15.24 = 24.663714.
        assert!((CDNOW.expected_spend(2.0, 22.35) - 24.663714).abs() < 1e-6);
        // A negative mean counts as 0: 6.25 × 15.44 / (6.25 + 2.74) = 96.5 / 8.99 = 10.734149.
        assert!((CDNOW.expected_spend(1.0, -5.0) - 10.734149).abs() < 1e-6);
    }

    #[test]
    fn likelihood_of_one_customer_by_hand() {
        // x = 1, z̄ = 1, p = q = γ = 1: ln Γ(2) − ln Γ(1) − ln Γ(1) + 0 + 0 + 0 − 2 ln 2
        // = −1.3862944 (the density γ^q z^0 /(γ+z)² = 1/4).
        let s = df!("frequency" => [1i64, 0], "monetary" => [1.0, 0.0]).unwrap();
        let p = GammaGammaParams {
            p: 1.0,
            q: 1.0,
            gamma: 1.0,
        };
        assert!((gamma_gamma_loglik(&s, &p).unwrap() + 4f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn non_positive_spenders_are_counted_not_fitted() {
        // 4 repeat customers with positive spend, 2 with 0 or less, 1 one-timer.
        let s = df!(
            "frequency" => [1i64, 2, 3, 1, 2, 1, 0],
            "monetary" => [10.0, 12.0, 9.0, 15.0, 0.0, -3.0, 0.0],
        )
        .unwrap();
        let (sp, excluded) = spenders(&s, 1.0).unwrap();
        assert_eq!((sp.m.len(), excluded), (4, 2));
    }

    #[test]
    fn digamma_matches_known_values_and_the_slope_of_ln_gamma() {
        // ψ(1) = −γ (Euler's constant); ψ(1/2) = −γ − 2 ln 2; ψ(10) = H₉ − γ.
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-14);
        assert!((digamma(0.5) + euler + 2.0 * std::f64::consts::LN_2).abs() < 1e-14);
        let h9: f64 = (1..10).map(|k| 1.0 / k as f64).sum();
        assert!((digamma(10.0) - (h9 - euler)).abs() < 1e-14);
        for x in [0.03, 0.7, 2.5, 9.99, 10.0, 40.0, 1e4] {
            let h = 1e-5 * x;
            let slope = (lgamma(x + h) - lgamma(x - h)) / (2.0 * h);
            assert!(
                (digamma(x) - slope).abs() < 1e-6 * slope.abs().max(1.0),
                "{x}"
            );
        }
    }

    #[test]
    fn the_gradient_is_the_slope_of_the_likelihood() {
        let s = df!(
            "frequency" => [1i64, 2, 2, 5, 12],
            "monetary" => [10.0, 12.0, 30.0, 9.5, 21.0],
        )
        .unwrap();
        let (data, _) = spenders(&s, 1.0).unwrap();
        let (_, gradient) = data.loglik_and_gradient(&CDNOW);
        let ll = |v: &[f64]| data.loglik(&GammaGammaParams::of(v));
        super::super::assert_log_gradient(ll, &[CDNOW.p, CDNOW.q, CDNOW.gamma], &gradient);
    }

    #[test]
    fn the_gradient_fit_reaches_the_simplexs_maximum() {
        // 400 repeat customers with spread-out spends: L-BFGS and Nelder-Mead agree (to
        // the simplex's precision) and L-BFGS's likelihood is not lower.
        let x: Vec<i64> = (0..400).map(|i| 1 + i % 7).collect();
        let m: Vec<f64> = (0..400)
            .map(|i| 20.0 + 15.0 * ((i * 37 % 101) as f64 / 101.0) + (i % 13) as f64)
            .collect();
        let s = df!("frequency" => x, "monetary" => m).unwrap();
        let fit = fit_gamma_gamma(&s).unwrap();
        let (raw, _) = spenders(&s, 1.0).unwrap();
        let scale = raw.m.iter().sum::<f64>() / raw.m.len() as f64;
        let (data, _) = spenders(&s, scale).unwrap();
        let ll = |v: &[f64]| data.loglik(&GammaGammaParams::of(v));
        let simplex = super::super::optim::maximise(&ll, 400, &[1.0; 3]).unwrap();
        let ours = [fit.params.p, fit.params.q, fit.params.gamma / scale];
        for (a, b) in ours.iter().zip(&simplex.params) {
            assert!(
                (a / b - 1.0).abs() < 1e-3,
                "{ours:?} vs {:?}",
                simplex.params
            );
        }
        let theirs = simplex.loglik - 400.0 * scale.ln();
        assert!(fit.loglik >= theirs - 1e-6, "{} < {theirs}", fit.loglik);
    }
}
