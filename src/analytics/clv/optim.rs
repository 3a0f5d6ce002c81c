//! Maximum likelihood by Nelder-Mead (argmin) on log-parameters, shared by both models:
//! log-parameters keep every parameter positive without constrained optimisation, and the
//! simplex needs no gradient, so each model only supplies its log-likelihood.

use argmin::core::{CostFunction, Error as ArgminError, Executor, State, TerminationReason};
use argmin::solver::neldermead::NelderMead;
use argmin_math::{ArgminAdd, ArgminMul, ArgminSub};

/// Log-parameters beyond ±`LOG_BOUND` (about 3e-9 … 3e8) are outside the search box: such
/// values mean the data do not identify the model, and exp() of them overflows soon after.
const LOG_BOUND: f64 = 20.0;

/// Cost of a point outside the box or with a non-finite likelihood: far above any real
/// (per-customer, so O(1..100)) negative log-likelihood, and growing with the distance so
/// the simplex is pushed back inside.
const PENALTY: f64 = 1e10;

/// A point of the simplex. argmin is generic over its vector traits; implementing them on a
/// local type keeps argmin-math's `vec` feature (and its second `rand`) out of the build.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point(pub(crate) Vec<f64>);

impl ArgminAdd<Point, Point> for Point {
    fn add(&self, other: &Point) -> Point {
        Point(self.0.iter().zip(&other.0).map(|(a, b)| a + b).collect())
    }
}

impl ArgminSub<Point, Point> for Point {
    fn sub(&self, other: &Point) -> Point {
        Point(self.0.iter().zip(&other.0).map(|(a, b)| a - b).collect())
    }
}

impl ArgminMul<f64, Point> for Point {
    fn mul(&self, other: &f64) -> Point {
        Point(self.0.iter().map(|a| a * other).collect())
    }
}

/// The outcome of a minimisation: the parameters (not their logs) and the maximised
/// log-likelihood (a sum over customers).
#[derive(Debug, Clone)]
pub(crate) struct Maximum {
    pub(crate) params: Vec<f64>,
    pub(crate) loglik: f64,
}

/// Why a fit stopped without a usable maximum; the caller turns it into a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// The simplex did not settle within the iteration budget.
    NoConvergence,
    /// Parameter number `index` ran to the edge of the search box.
    Unbounded { index: usize, value: f64 },
    /// Even the best point has a non-finite likelihood.
    NotFinite,
    /// argmin itself reported an error (a bug rather than bad data).
    Solver(String),
}

struct Objective<'a, F: Fn(&[f64]) -> f64> {
    loglik: &'a F,
    /// Number of customers: the cost is the mean negative log-likelihood so that the
    /// tolerance means the same on 150 customers and on 240 000.
    scale: f64,
}

impl<F: Fn(&[f64]) -> f64> CostFunction for Objective<'_, F> {
    type Param = Point;
    type Output = f64;

    fn cost(&self, p: &Point) -> Result<f64, ArgminError> {
        let excess: f64 = p.0.iter().map(|v| (v.abs() - LOG_BOUND).max(0.0)).sum();
        if excess > 0.0 || p.0.iter().any(|v| !v.is_finite()) {
            return Ok(PENALTY * (1.0 + excess.min(1e6)));
        }
        let params: Vec<f64> = p.0.iter().map(|v| v.exp()).collect();
        let ll = (self.loglik)(&params);
        if ll.is_finite() {
            Ok(-ll / self.scale)
        } else {
            Ok(PENALTY)
        }
    }
}

/// Simplex iterations per run; a run that ends on this budget is restarted from its best point.
const MAX_ITERS: u64 = 2000;
/// Runs of Nelder-Mead; restarting from the best point with a fresh simplex is the usual cure
/// for a simplex that collapsed before reaching the optimum.
const MAX_RUNS: usize = 6;
/// Standard deviation of the (mean per customer) costs over the simplex at which a run stops.
const SD_TOLERANCE: f64 = 1e-10;

fn run_once<F: Fn(&[f64]) -> f64>(
    objective: Objective<'_, F>,
    start: &[f64],
    step: f64,
) -> Result<(Vec<f64>, f64, bool), Failure> {
    let mut simplex = vec![Point(start.to_vec())];
    for i in 0..start.len() {
        let mut v = start.to_vec();
        v[i] += step;
        simplex.push(Point(v));
    }
    let solver = NelderMead::new(simplex)
        .with_sd_tolerance(SD_TOLERANCE)
        .map_err(|e| Failure::Solver(e.to_string()))?;
    let result = Executor::new(objective, solver)
        .configure(|state| state.max_iters(MAX_ITERS))
        .run()
        .map_err(|e| Failure::Solver(e.to_string()))?;
    let state = result.state();
    let converged = matches!(
        state.get_termination_reason(),
        Some(TerminationReason::SolverConverged)
    );
    let best = state.get_best_param().ok_or(Failure::NotFinite)?.0.clone();
    Ok((best, state.get_best_cost(), converged))
}

/// Maximise `loglik` (a sum over `n` customers, taking positive parameters) from `start`
/// (positive parameters). Restarts until two runs agree, so the answer does not depend on
/// where the first simplex collapsed.
pub(crate) fn maximise<F: Fn(&[f64]) -> f64>(
    loglik: &F,
    n: usize,
    start: &[f64],
) -> Result<Maximum, Failure> {
    let scale = n.max(1) as f64;
    let mut x: Vec<f64> = start.iter().map(|v| v.ln()).collect();
    let mut best_cost = f64::INFINITY;
    let mut settled = false;
    for run in 0..MAX_RUNS {
        // A wide first simplex explores; later ones only polish.
        let step = if run == 0 { 0.5 } else { 0.1 };
        let (next, cost, converged) = run_once(Objective { loglik, scale }, &x, step)?;
        let improvement = best_cost - cost;
        x = next;
        best_cost = best_cost.min(cost);
        if converged && improvement.abs() < 1e-9 {
            settled = true;
            break;
        }
    }
    if !settled {
        return Err(Failure::NoConvergence);
    }
    if !(best_cost.is_finite() && best_cost < PENALTY) {
        return Err(Failure::NotFinite);
    }
    if let Some((index, v)) = x
        .iter()
        .enumerate()
        .find(|(_, v)| v.abs() > LOG_BOUND - 0.5)
    {
        return Err(Failure::Unbounded {
            index,
            value: v.exp(),
        });
    }
    Ok(Maximum {
        params: x.iter().map(|v| v.exp()).collect(),
        loglik: -best_cost * scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_maximum_of_a_known_concave_function() {
        // ll(u, v) = −(u − 2)² − (v − 0.5)², maximum 0 at u = 2, v = 0.5; with n = 1 the
        // returned log-likelihood is the function itself.
        let ll = |p: &[f64]| -(p[0] - 2.0).powi(2) - (p[1] - 0.5).powi(2);
        let m = maximise(&ll, 1, &[1.0, 1.0]).unwrap();
        assert!((m.params[0] - 2.0).abs() < 1e-4, "{:?}", m.params);
        assert!((m.params[1] - 0.5).abs() < 1e-4, "{:?}", m.params);
        assert!(m.loglik.abs() < 1e-8);
    }

    #[test]
    fn reports_a_parameter_that_runs_away() {
        // Increasing in p0 without bound: the search must stop at the box and say which.
        let ll = |p: &[f64]| p[0].ln() - (p[1] - 1.0).powi(2);
        match maximise(&ll, 1, &[1.0, 1.0]) {
            Err(Failure::Unbounded { index, .. }) => assert_eq!(index, 0),
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
