//! Maximum likelihood on log-parameters, shared by both models: log-parameters keep every
//! parameter positive without constrained optimisation. Nelder-Mead (argmin) needs only
//! the log-likelihood; a model that also supplies its gradient is first fitted by L-BFGS
//! (argmin), which needs a tenth of the evaluations, with Nelder-Mead as the fallback.

use std::cell::RefCell;

use argmin::core::{
    CostFunction, Error as ArgminError, Executor, Gradient, State, TerminationReason,
};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::neldermead::NelderMead;
use argmin::solver::quasinewton::LBFGS;
use argmin_math::{
    ArgminAdd, ArgminDot, ArgminL1Norm, ArgminL2Norm, ArgminMinMax, ArgminMul, ArgminScaledAdd,
    ArgminSignum, ArgminSub, ArgminZeroLike,
};

/// Log-parameters beyond ±`LOG_BOUND` (about 3e-9 … 3e8) are outside the search box: such
/// values mean the data do not identify the model, and exp() of them overflows soon after.
const LOG_BOUND: f64 = 20.0;

/// A maximum with a log-parameter beyond ±`RUN_OFF` (a factor of about 1e5 from 1) is a
/// parameter running off to 0 or ∞, not an estimate: the likelihood still rises that way
/// and the optimiser stopped where its steps grew small. With every parameter in units of
/// order one (spends divided by their median, times in the summary's unit), no real fit
/// comes near it (CDNOW's largest is γ ≈ 15); accepted at the box's edge, a 20-client
/// station's b ≈ 46 000 and p ≈ 1.3e7 made every client's P(alive) 0.99999999.
const RUN_OFF: f64 = 11.5;

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

// The rest of the vector arithmetic L-BFGS and its line search are generic over.

impl ArgminAdd<f64, Point> for Point {
    fn add(&self, other: &f64) -> Point {
        Point(self.0.iter().map(|a| a + other).collect())
    }
}

impl ArgminSub<f64, Point> for Point {
    fn sub(&self, other: &f64) -> Point {
        Point(self.0.iter().map(|a| a - other).collect())
    }
}

impl ArgminMul<Point, Point> for Point {
    fn mul(&self, other: &Point) -> Point {
        Point(self.0.iter().zip(&other.0).map(|(a, b)| a * b).collect())
    }
}

impl ArgminDot<Point, f64> for Point {
    fn dot(&self, other: &Point) -> f64 {
        self.0.iter().zip(&other.0).map(|(a, b)| a * b).sum()
    }
}

impl ArgminScaledAdd<Point, f64, Point> for Point {
    fn scaled_add(&self, factor: &f64, vec: &Point) -> Point {
        Point(
            self.0
                .iter()
                .zip(&vec.0)
                .map(|(a, b)| a + factor * b)
                .collect(),
        )
    }
}

impl ArgminL1Norm<f64> for Point {
    fn l1_norm(&self) -> f64 {
        self.0.iter().map(|a| a.abs()).sum()
    }
}

impl ArgminL2Norm<f64> for Point {
    fn l2_norm(&self) -> f64 {
        self.0.iter().map(|a| a * a).sum::<f64>().sqrt()
    }
}

impl ArgminSignum for Point {
    fn signum(self) -> Point {
        Point(self.0.iter().map(|a| a.signum()).collect())
    }
}

impl ArgminZeroLike for Point {
    fn zero_like(&self) -> Point {
        Point(vec![0.0; self.0.len()])
    }
}

impl ArgminMinMax for Point {
    fn min(x: &Point, y: &Point) -> Point {
        Point(x.0.iter().zip(&y.0).map(|(a, b)| a.min(*b)).collect())
    }

    fn max(x: &Point, y: &Point) -> Point {
        Point(x.0.iter().zip(&y.0).map(|(a, b)| a.max(*b)).collect())
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
    if let Some((index, v)) = x.iter().enumerate().find(|(_, v)| v.abs() > RUN_OFF) {
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

/// A log-likelihood with its gradient, for L-BFGS: the cost and gradient of a point come
/// from one pass over the customers, kept for the gradient that argmin asks for after the
/// cost of the same point.
struct Smooth<'a, G: Fn(&[f64]) -> (f64, Vec<f64>)> {
    value_and_gradient: &'a G,
    scale: f64,
    last: RefCell<Option<Evaluated>>,
}

/// A point (log-parameters) with its cost and gradient.
type Evaluated = (Vec<f64>, f64, Vec<f64>);

impl<G: Fn(&[f64]) -> (f64, Vec<f64>)> Smooth<'_, G> {
    fn at(&self, p: &Point) -> Result<(f64, Vec<f64>), ArgminError> {
        if let Some((x, cost, gradient)) = &*self.last.borrow() {
            if *x == p.0 {
                return Ok((*cost, gradient.clone()));
            }
        }
        // Outside the box the search has lost its way; Nelder-Mead takes over (and says
        // which parameter runs away, when one does).
        if p.0.iter().any(|v| !v.is_finite() || v.abs() > LOG_BOUND) {
            return Err(ArgminError::msg("a parameter left the search box"));
        }
        let params: Vec<f64> = p.0.iter().map(|v| v.exp()).collect();
        let (ll, gradient) = (self.value_and_gradient)(&params);

        if !ll.is_finite() || gradient.iter().any(|g| !g.is_finite()) {
            return Err(ArgminError::msg("the log-likelihood is not finite"));
        }
        let cost = -ll / self.scale;
        let gradient: Vec<f64> = gradient.iter().map(|g| -g / self.scale).collect();
        *self.last.borrow_mut() = Some((p.0.clone(), cost, gradient.clone()));
        Ok((cost, gradient))
    }
}

impl<G: Fn(&[f64]) -> (f64, Vec<f64>)> CostFunction for Smooth<'_, G> {
    type Param = Point;
    type Output = f64;

    fn cost(&self, p: &Point) -> Result<f64, ArgminError> {
        Ok(self.at(p)?.0)
    }
}

impl<G: Fn(&[f64]) -> (f64, Vec<f64>)> Gradient for Smooth<'_, G> {
    type Param = Point;
    type Gradient = Point;

    fn gradient(&self, p: &Point) -> Result<Point, ArgminError> {
        Ok(Point(self.at(p)?.1))
    }
}

/// L-BFGS iterations before giving up on the gradient path.
const LBFGS_MAX_ITERS: u64 = 500;
/// Norm of the gradient of the mean log-likelihood (in log-parameters) at which L-BFGS
/// stops: the parameters are then settled to about 1e-7 of their size, finer than the
/// simplex reaches (its spread of 1e-10 in the mean cost leaves them to about 1e-5).
const GRADIENT_TOLERANCE: f64 = 1e-7;
/// A change of the mean cost from one L-BFGS step to the next below which it stops: the
/// likelihoods of nearby points then differ by rounding only (a few units in the last
/// place of a mean cost of 1 to 20), and each further step would be a line search of some
/// thirty evaluations that cannot find a better point.
const COST_TOLERANCE: f64 = 1e-14;
/// The largest norm of that gradient at which L-BFGS's best point is taken as the maximum
/// when it stopped on [`COST_TOLERANCE`] or a failed line search: on the chain set the
/// Gamma-Gamma gradient bottoms out near 1e-7, where its likelihood no longer changes.
const SETTLED: f64 = 1e-6;

/// L-BFGS from `start` (log-parameters); the maximum when it settles inside the box.
///
/// Settled means a gradient of the mean log-likelihood below [`SETTLED`] at the
/// best point, whichever way the run ended: once at the top, the line search can try a
/// step long enough to leave the box, which ends the run although the work is done.
fn lbfgs<G: Fn(&[f64]) -> (f64, Vec<f64>)>(
    value_and_gradient: &G,
    scale: f64,
    start: &[f64],
) -> Option<(Vec<f64>, f64)> {
    let objective = || Smooth {
        value_and_gradient,
        scale,
        last: RefCell::new(None),
    };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7)
        .with_tolerance_grad(GRADIENT_TOLERANCE)
        .ok()?
        .with_tolerance_cost(COST_TOLERANCE)
        .ok()?;
    let result = Executor::new(objective(), solver)
        .configure(|state| {
            state
                .param(Point(start.to_vec()))
                .max_iters(LBFGS_MAX_ITERS)
        })
        .run()
        .ok()?;
    let best = result.state().get_best_param()?.clone();
    let (cost, gradient) = objective().at(&best).ok()?;
    let settled = Point(gradient).l2_norm() <= SETTLED;
    let inside = best.0.iter().all(|v| v.abs() <= RUN_OFF);
    (settled && inside).then_some((best.0, cost))
}

/// [`maximise`] for a model that also supplies the gradient of its log-likelihood with
/// respect to the log-parameters (`value_and_gradient` returns both, at positive
/// parameters). L-BFGS climbs from `start` first; when it does not converge inside the
/// search box, Nelder-Mead runs as for a model without a gradient, and its failures are
/// the ones reported.
pub(crate) fn maximise_smooth<F: Fn(&[f64]) -> f64, G: Fn(&[f64]) -> (f64, Vec<f64>)>(
    loglik: &F,
    value_and_gradient: &G,
    n: usize,
    start: &[f64],
) -> Result<Maximum, Failure> {
    let scale = n.max(1) as f64;
    let x: Vec<f64> = start.iter().map(|v| v.ln()).collect();
    match lbfgs(value_and_gradient, scale, &x) {
        Some((best, cost)) if cost.is_finite() => Ok(Maximum {
            params: best.iter().map(|v| v.exp()).collect(),
            loglik: -cost * scale,
        }),
        _ => maximise(loglik, n, start),
    }
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

    #[test]
    fn the_gradient_path_finds_the_maximum_of_a_known_concave_function() {
        // As above, with the gradient in log-parameters: d/d ln u = u · d/du.
        let ll = |p: &[f64]| -(p[0] - 2.0).powi(2) - (p[1] - 0.5).powi(2);
        let with_gradient = |p: &[f64]| {
            let g = [-2.0 * (p[0] - 2.0) * p[0], -2.0 * (p[1] - 0.5) * p[1]];
            (ll(p), g.to_vec())
        };
        let m = maximise_smooth(&ll, &with_gradient, 1, &[1.0, 1.0]).unwrap();
        assert!((m.params[0] - 2.0).abs() < 1e-7, "{:?}", m.params);
        assert!((m.params[1] - 0.5).abs() < 1e-7, "{:?}", m.params);
    }

    #[test]
    fn a_runaway_parameter_on_the_gradient_path_is_still_named() {
        // L-BFGS leaves the box; Nelder-Mead takes over and reports the parameter.
        let ll = |p: &[f64]| p[0].ln() - (p[1] - 1.0).powi(2);
        let with_gradient = |p: &[f64]| (ll(p), vec![1.0, -2.0 * (p[1] - 1.0) * p[1]]);
        match maximise_smooth(&ll, &with_gradient, 1, &[1.0, 1.0]) {
            Err(Failure::Unbounded { index, .. }) => assert_eq!(index, 0),
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
