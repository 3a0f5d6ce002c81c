//! Customer-base model (SPEC §4): BG/NBD for how many visits a client will still make and
//! whether they are still "alive", Gamma-Gamma for what a visit is worth, and from both a
//! discounted customer lifetime value. `stoa clv` and the report's CLV sheet, win-back ranking
//! and loyalty P(alive) column all go through this module.
//!
//! The pipeline: [`summarize`] a transaction log → [`fit`] (or [`fit_bgnbd`] and
//! [`fit_gamma_gamma`] separately) → [`score`].

mod bgnbd;
mod gamma_gamma;
mod optim;
mod score;
mod simulate;
pub(crate) mod summary;

pub use bgnbd::{bgnbd_loglik, fit_bgnbd, BgNbdFit, BgNbdParams};
pub use gamma_gamma::{
    fit_gamma_gamma, gamma_gamma_loglik, GammaGammaFit, GammaGammaParams, MIN_SPENDERS,
};
pub use score::{score, ScoreOptions};
pub use simulate::simulate_transactions;
pub use summary::summarize;

use polars::prelude::{DataFrame, PolarsError};

/// Fewer customers than this cannot pin down BG/NBD's four parameters.
pub const MIN_CUSTOMERS: usize = 4;

/// Why the customer-base model could not be fitted or scored. Every message is a full
/// sentence; callers that have a rule-based fallback (the report's lists) use it on any of
/// these.
#[derive(Debug, thiserror::Error)]
pub enum ClvError {
    /// Too few customers for the model.
    #[error("only {n} {customers_have} a purchase on or before the end date; the customer-base model needs at least {needed}. Use a longer history or a later end date.", customers_have = crate::ingest::reasons::counted(*.n, ["customer has", "customers have"]))]
    TooFewCustomers {
        /// Customers found.
        n: usize,
        /// Customers needed.
        needed: usize,
    },
    /// Nobody came back, so the drop-out process cannot be estimated.
    #[error("none of the {n} customers made a repeat purchase before the end date, so BG/NBD cannot estimate how customers leave. Use a longer history or a later end date.")]
    NoRepeatCustomers {
        /// Customers found.
        n: usize,
    },
    /// Too few repeat customers with a positive mean spend for Gamma-Gamma.
    #[error("only {n} repeat {customers_have} a positive mean repeat spend ({excluded} more {were} left out for a zero or negative one); Gamma-Gamma needs at least {needed}. Check the amount column or use a longer history.", customers_have = crate::ingest::reasons::counted(*.n, ["customer has", "customers have"]), were = crate::ingest::reasons::counted(*.excluded, ["was", "were"]))]
    TooFewSpenders {
        /// Repeat customers with positive spend.
        n: usize,
        /// Repeat customers needed.
        needed: usize,
        /// Repeat customers left out for a non-positive mean spend.
        excluded: usize,
    },
    /// The optimiser did not settle.
    #[error("the {model} fit did not converge; the data may be too few or too irregular for the model. Use more customers or a longer history.")]
    NoConvergence {
        /// Which model.
        model: &'static str,
    },
    /// A parameter ran to zero or infinity: the likelihood has no interior maximum.
    #[error("the {model} fit did not converge: parameter {parameter} ran off to {value:.3e}, so the data cannot identify the model (typically too few repeat purchases). Use more customers or a longer history.")]
    Unbounded {
        /// Which model.
        model: &'static str,
        /// Which parameter.
        parameter: &'static str,
        /// Where it ended.
        value: f64,
    },
    /// The fit converged to a point where the model's predictions do not exist.
    #[error("the {model} fit is unusable: {reason}.")]
    Degenerate {
        /// Which model.
        model: &'static str,
        /// Why, in words.
        reason: String,
    },
    /// A likelihood or prediction came out NaN or infinite.
    #[error("{what} is not a finite number; the fitted parameters are too extreme for this data. Use more customers or a longer history.")]
    NotFinite {
        /// What was being computed.
        what: String,
    },
    /// The optimiser reported an internal error.
    #[error("the optimiser failed while fitting {model}: {message}. This is a bug in stoa; please report it with the input.")]
    Solver {
        /// Which model.
        model: &'static str,
        /// argmin's message.
        message: String,
    },
    /// A table operation failed (a missing column or a wrong type in the summary).
    #[error("the customer summary could not be processed: {0}")]
    Polars(#[from] PolarsError),
}

impl ClvError {
    /// True when the data are at fault (too few, too irregular, unidentifiable), false for
    /// an internal failure (the optimiser or a table operation): exit code 1 versus 3.
    pub fn is_data_problem(&self) -> bool {
        !matches!(self, ClvError::Solver { .. } | ClvError::Polars(_))
    }
}

/// Both fitted models.
#[derive(Debug, Clone, PartialEq)]
pub struct ClvModel {
    /// Visits and survival.
    pub bgnbd: BgNbdFit,
    /// Spend per visit.
    pub gamma_gamma: GammaGammaFit,
}

/// Fit BG/NBD and Gamma-Gamma on a summary from [`summarize`].
pub fn fit(summary: &DataFrame) -> Result<ClvModel, ClvError> {
    Ok(ClvModel {
        bgnbd: fit_bgnbd(summary)?,
        gamma_gamma: fit_gamma_gamma(summary)?,
    })
}

impl ClvModel {
    /// Score every customer of `summary` with this model; see [`score`].
    pub fn score(
        &self,
        summary: &DataFrame,
        options: &ScoreOptions,
    ) -> Result<DataFrame, ClvError> {
        score(
            summary,
            &self.bgnbd.params,
            &self.gamma_gamma.params,
            options,
        )
    }
}

/// Assert that `gradient` is the gradient of `ll` with respect to the logarithms of the
/// parameters at `params`, by central differences in each log-parameter.
#[cfg(test)]
pub(crate) fn assert_log_gradient(ll: impl Fn(&[f64]) -> f64, params: &[f64], gradient: &[f64]) {
    let h = 1e-5;
    for (i, g) in gradient.iter().enumerate() {
        let at = |k: f64| {
            let mut v = params.to_vec();
            v[i] *= (k * h).exp();
            ll(&v)
        };
        let slope = (at(1.0) - at(-1.0)) / (2.0 * h);
        assert!(
            (g - slope).abs() < 1e-6 * slope.abs().max(1.0),
            "parameter {i}: gradient {g}, slope {slope}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use polars::prelude::IntoLazy;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn recovers_the_parameters_it_simulated_from() {
        // 3000 simulated customers over two years: a consistent estimator lands near the truth
        // (loose bounds: the sampling error of 3000 customers is a few tens of percent on r, α).
        let bg = BgNbdParams {
            r: 0.8,
            alpha: 6.0,
            a: 0.9,
            b: 3.0,
        };
        let gg = GammaGammaParams {
            p: 5.0,
            q: 4.0,
            gamma: 20.0,
        };
        let tx = simulate_transactions(3000, &bg, &gg, d("2023-01-01"), d("2024-12-31"), 7);
        let summary = summarize(tx.lazy(), d("2024-12-31")).unwrap();
        let model = fit(&summary).unwrap();
        let r_over_alpha = model.bgnbd.params.r / model.bgnbd.params.alpha;
        assert!(
            (r_over_alpha / (0.8 / 6.0) - 1.0).abs() < 0.2,
            "{:?}",
            model.bgnbd
        );
        let mean = model.gamma_gamma.params.population_mean();
        assert!(
            (mean / (5.0 * 20.0 / 3.0) - 1.0).abs() < 0.2,
            "{:?}",
            model.gamma_gamma
        );
    }

    #[test]
    fn regression_one_mistyped_spend_does_not_stop_the_spend_fit() {
        // 300 simulated customers and one repeat purchase typed as 1e15: divided by the
        // mean, every other spend was ~1e-12 of it and γ hit the search box ("ran off").
        // Divided by the median, the fit is found, with q > 1.
        let bg = BgNbdParams {
            r: 1.0,
            alpha: 20.0,
            a: 0.8,
            b: 3.0,
        };
        let gg = GammaGammaParams {
            p: 4.0,
            q: 5.0,
            gamma: 1e4,
        };
        let tx = simulate_transactions(300, &bg, &gg, d("2022-01-01"), d("2023-12-31"), 1);
        let client = tx.column("client_id").unwrap().str().unwrap().clone();
        let mut amounts: Vec<f64> = tx
            .column("amount")
            .unwrap()
            .f64()
            .unwrap()
            .into_no_null_iter()
            .collect();
        // The second purchase of the first repeat customer: a repeat spend.
        let typo = (1..tx.height())
            .find(|&i| client.get(i) == client.get(i - 1))
            .unwrap();
        amounts[typo] = 1e15;
        let mut tx = tx;
        tx.with_column(polars::prelude::Column::new("amount".into(), amounts))
            .unwrap();
        let summary = summarize(tx.lazy(), d("2023-12-31")).unwrap();
        let model = fit(&summary).unwrap();
        assert!(model.gamma_gamma.params.q > 1.0, "{:?}", model.gamma_gamma);
    }

    #[test]
    fn too_few_customers_is_a_sentence_not_a_panic() {
        let s = summarize(
            polars::df!("client_id" => ["a"], "date" => [d("2024-01-01")], "amount" => [1.0])
                .unwrap()
                .lazy(),
            d("2024-02-01"),
        )
        .unwrap();
        let e = fit(&s).unwrap_err();
        assert!(
            matches!(e, ClvError::TooFewCustomers { n: 1, needed: 4 }),
            "{e}"
        );
        assert!(e.to_string().starts_with("only 1 customer has a purchase"));
    }
}
