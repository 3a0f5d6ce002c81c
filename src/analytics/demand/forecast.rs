//! The demand forecast (SPEC §4 *Demand*): monthly visits per category for the next three
//! months, with the backtest error published beside it so that the reader can judge it.
//!
//! No Holt-Winters crate was reachable from the build (crates.io search is unavailable
//! here and the only candidate, `augurs`, pulls in a large tree), so additive Holt-Winters
//! with a 12-month season is implemented below: a few dozen lines over a monthly series of
//! at most a few hundred points. Its parameters are chosen by grid search minimising the
//! in-sample one-step squared error; the trend term is itself a choice of the search
//! (a noisy series often forecasts better without one).

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::analytics::period::{Month, Period};

/// The season length: months in a year.
pub const SEASON: usize = 12;
/// How many months ahead the forecast goes.
pub const HORIZON: usize = 3;
/// How many of the last months the backtest covers.
pub const BACKTEST: usize = 6;
/// The smoothing parameter values the grid search tries (for α, β and γ).
pub const GRID: [f64; 11] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/// Smoothing parameters of additive Holt-Winters; `beta` is `None` for the model without a
/// trend term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Level smoothing.
    pub alpha: f64,
    /// Trend smoothing; `None`: no trend.
    pub beta: Option<f64>,
    /// Seasonal smoothing.
    pub gamma: f64,
}

/// The state of additive Holt-Winters after some observations.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The level.
    pub level: f64,
    /// The trend per month (0 without a trend term).
    pub trend: f64,
    /// The seasonal effects, indexed by position in the season of the series.
    pub season: Vec<f64>,
    /// How many observations the state has taken in (the next one is at this index).
    pub seen: usize,
}

impl State {
    /// The starting state from the first two seasons of `y` (needs `2 × SEASON` values):
    /// trend = (mean of season 2 − mean of season 1) / 12 (0 without a trend term); the
    /// mean of season 1 is the level at its middle (t = 5.5), so the level before the
    /// first observation is that mean − 6.5 × trend; the seasonal effects are season 1
    /// minus its trend line. A series that is exactly linear trend plus a fixed pattern is
    /// then fitted without error from the first month.
    pub fn initial(y: &[f64], with_trend: bool) -> State {
        let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
        let m1 = mean(&y[..SEASON]);
        let trend = if with_trend {
            (mean(&y[SEASON..2 * SEASON]) - m1) / SEASON as f64
        } else {
            0.0
        };
        let middle = (SEASON as f64 - 1.0) / 2.0;
        State {
            level: m1 - (middle + 1.0) * trend,
            trend,
            season: (0..SEASON)
                .map(|i| y[i] - (m1 + (i as f64 - middle) * trend))
                .collect(),
            seen: 0,
        }
    }

    /// The forecast `h` ≥ 1 steps after the observations seen.
    pub fn forecast(&self, h: usize) -> f64 {
        self.level + h as f64 * self.trend + self.season[(self.seen + h - 1) % SEASON]
    }

    /// Take in the next observation; returns the one-step error (observation − forecast).
    pub fn update(&mut self, y: f64, p: Params) -> f64 {
        let i = self.seen % SEASON;
        let s = self.season[i];
        let error = y - self.forecast(1);
        let level = p.alpha * (y - s) + (1.0 - p.alpha) * (self.level + self.trend);
        if let Some(beta) = p.beta {
            self.trend = beta * (level - self.level) + (1.0 - beta) * self.trend;
        }
        self.level = level;
        self.season[i] = p.gamma * (y - level) + (1.0 - p.gamma) * s;
        self.seen += 1;
        error
    }
}

/// Run Holt-Winters over `y` (at least `2 × SEASON` values): the final state and the
/// in-sample sum of squared one-step errors.
pub fn run(y: &[f64], p: Params) -> (State, f64) {
    let mut state = State::initial(y, p.beta.is_some());
    let sse = y.iter().map(|v| state.update(*v, p).powi(2)).sum();
    (state, sse)
}

/// The parameters of the grid ([`GRID`] for α, γ and β, and no trend) for `y`, with the
/// final state. Within each of the two models (with and without a trend term) the least
/// in-sample SSE wins, the first in grid order on ties; between the two, the smaller AIC =
/// n ln(SSE / n) + 2k, with k = 2 smoothing parameters + 13 initial states without a trend
/// and 2 more with one (ETS practice): the trend term must pay for itself, because a trend
/// fitted to a noisy series extrapolates the noise.
pub fn fit(y: &[f64]) -> (Params, State) {
    let best_of = |betas: &[Option<f64>]| {
        let mut best: Option<(f64, Params, State)> = None;
        for &beta in betas {
            for alpha in GRID {
                for gamma in GRID {
                    let p = Params { alpha, beta, gamma };
                    let (state, sse) = run(y, p);
                    if best.as_ref().is_none_or(|(b, _, _)| sse < *b) {
                        best = Some((sse, p, state));
                    }
                }
            }
        }
        best.expect("the grid is not empty")
    };
    let n = y.len() as f64;
    let aic = |sse: f64, k: f64| n * (sse.max(f64::MIN_POSITIVE) / n).ln() + 2.0 * k;
    let flat = best_of(&[None]);
    let trended = best_of(&GRID.map(Some));
    let (_, p, state) = if aic(trended.0, 17.0) < aic(flat.0, 15.0) {
        trended
    } else {
        flat
    };
    (p, state)
}

/// How a series was forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Additive Holt-Winters, with or without a trend term.
    HoltWinters {
        /// Whether the chosen model has a trend term.
        trend: bool,
    },
    /// The same month a year before (history of 12 to 23 months).
    SeasonalNaive,
    /// The mean of the history (fewer than 12 months).
    Mean,
}

impl Method {
    /// The label written in the forecast table.
    pub fn label(self) -> &'static str {
        match self {
            Method::HoltWinters { trend: true } => "holt_winters_additive_trend",
            Method::HoltWinters { trend: false } => "holt_winters_additive",
            Method::SeasonalNaive => "seasonal_naive (history < 24 months)",
            Method::Mean => "mean (history < 12 months)",
        }
    }
}

/// Forecast `h` months after `y` (non-empty): Holt-Winters with 24 months of history or
/// more, else seasonal naive with 12 or more, else the mean. Forecasts are visits, so a
/// negative value is written 0.
pub fn forecast(y: &[f64], h: usize) -> (Vec<f64>, Method) {
    let n = y.len();
    let (values, method): (Vec<f64>, Method) = if n >= 2 * SEASON {
        let (p, state) = fit(y);
        (
            (1..=h).map(|k| state.forecast(k)).collect(),
            Method::HoltWinters {
                trend: p.beta.is_some(),
            },
        )
    } else if n >= SEASON {
        (
            (0..h).map(|k| y[n - SEASON + k % SEASON]).collect(),
            Method::SeasonalNaive,
        )
    } else {
        let mean = y.iter().sum::<f64>() / n as f64;
        (vec![mean; h], Method::Mean)
    };
    (values.into_iter().map(|v| v.max(0.0)).collect(), method)
}

/// Mean absolute percentage error (a fraction) of one-step forecasts of the last
/// [`BACKTEST`] values of `y`, each made by `predict` from the values before it; months
/// with a zero actual, or where `predict` has nothing to say, are skipped. `None` when no
/// month counts.
pub fn backtest(y: &[f64], predict: impl Fn(&[f64]) -> Option<f64>) -> Option<f64> {
    let n = y.len();
    let errors: Vec<f64> = (n.saturating_sub(BACKTEST).max(1)..n)
        .filter(|t| y[*t] != 0.0)
        .filter_map(|t| predict(&y[..t]).map(|f| (y[t] - f).abs() / y[t]))
        .collect();
    (!errors.is_empty()).then(|| errors.iter().sum::<f64>() / errors.len() as f64)
}

/// The backtest of [`forecast`] itself (one step ahead).
pub fn backtest_method(y: &[f64]) -> Option<f64> {
    backtest(y, |past| Some(forecast(past, 1).0[0]))
}

/// The backtest of seasonal naive (the value 12 months before), the benchmark.
pub fn backtest_seasonal_naive(y: &[f64]) -> Option<f64> {
    backtest(y, |past| {
        (past.len() >= SEASON).then(|| past[past.len() - SEASON])
    })
}

/// `demand_forecast.csv`: `category,month,forecast,method,mape,mape_seasonal_naive,
/// history_months` — for each category sold in the 24 months up to M, the forecast visits
/// of M+1 … M+3; `history_months` = months from the category's first sold line to M (a
/// month without one counts 0); `mape` = the backtest of the method ([`backtest_method`]),
/// `mape_seasonal_naive` = that of the benchmark, both fractions. Sorted by category, month.
/// Months before `first` (the data's start month, see `monthly::first_month`) are left
/// out: a visit of a year mistyped into the past gave wash 128 months of history, mostly
/// zeros, and lifted its forecast by 61 %.
pub fn forecast_table(
    months: &DataFrame,
    first: Option<Month>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let series = category_series(months, first, period)?;
    let recent = period.month.shift(-23).to_string();
    let mut out: (Vec<String>, Vec<String>, Vec<f64>, Vec<&str>) = Default::default();
    let mut errors: (Vec<Option<f64>>, Vec<Option<f64>>, Vec<i64>) = Default::default();
    for (category, (first, y)) in &series {
        let last_sold = first.shift(y.iter().rposition(|v| *v > 0.0).map_or(0, |i| i as i32));
        if last_sold.to_string() < recent {
            continue;
        }
        let (values, method) = forecast(y, HORIZON);
        let mape = backtest_method(y);
        let naive = backtest_seasonal_naive(y);
        for (k, v) in values.into_iter().enumerate() {
            out.0.push(category.clone());
            out.1.push(period.month.shift(k as i32 + 1).to_string());
            out.2.push(v);
            out.3.push(method.label());
            errors.0.push(mape);
            errors.1.push(naive);
            errors.2.push(y.len() as i64);
        }
    }
    df!(
        "category" => out.0,
        "month" => out.1,
        "forecast" => out.2,
        "method" => out.3,
        "mape" => errors.0,
        "mape_seasonal_naive" => errors.1,
        "history_months" => errors.2,
    )?
    .sort(["category", "month"], SortMultipleOptions::default())
}

/// Monthly visits per category from its first month with a sold line (not before `first`)
/// to M, zero-filled:
/// category → (first month, visits). Built from the small aggregated
/// [`super::monthly::category_months`] table.
pub fn category_series(
    months: &DataFrame,
    first: Option<Month>,
    period: Period,
) -> PolarsResult<BTreeMap<String, (Month, Vec<f64>)>> {
    let cats = months.column("category")?.str()?;
    let ms = months.column("month")?.str()?;
    let visits = months.column("visits")?.cast(&DataType::Float64)?;
    let visits = visits.f64()?;
    let mut cells: BTreeMap<String, BTreeMap<Month, f64>> = BTreeMap::new();
    for i in 0..months.height() {
        if let (Some(c), Some(m), Some(v)) = (cats.get(i), ms.get(i), visits.get(i)) {
            if let Ok(m) = Month::parse(m) {
                if m <= period.month && first.is_none_or(|f| m >= f) {
                    cells.entry(c.to_string()).or_default().insert(m, v);
                }
            }
        }
    }
    Ok(cells
        .into_iter()
        .filter_map(|(c, by_month)| {
            let first = *by_month.keys().next()?;
            let mut y = vec![];
            let mut m = first;
            while m <= period.month {
                y.push(by_month.get(&m).copied().unwrap_or(0.0));
                m = m.shift(1);
            }
            Some((c, (first, y)))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Params = Params {
        alpha: 0.5,
        beta: Some(0.5),
        gamma: 0.5,
    };

    #[test]
    fn one_update_by_hand() {
        let mut s = State {
            level: 10.0,
            trend: 1.0,
            season: [2.0, -2.0].into_iter().chain([0.0; 10]).collect(),
            seen: 0,
        };
        // Forecast 10 + 1 + 2 = 13; y = 15 → error 2. level = 0.5 (15 − 2) + 0.5 (10 + 1)
        // = 12; trend = 0.5 (12 − 10) + 0.5 × 1 = 1.5; season₀ = 0.5 (15 − 12) + 0.5 × 2 =
        // 2.5.
        assert_eq!(s.update(15.0, P), 2.0);
        assert_eq!((s.level, s.trend, s.season[0], s.seen), (12.0, 1.5, 2.5, 1));
        // Next: 12 + 1.5 − 2 = 11.5; two ahead: 12 + 3 + 0 = 15.
        assert_eq!(s.forecast(1), 11.5);
        assert_eq!(s.forecast(2), 15.0);
        // Without a trend term the trend stays as it is.
        let mut t = State {
            trend: 0.0,
            ..State::initial(&[1.0; 24], false)
        };
        t.update(3.0, Params { beta: None, ..P });
        // level = 0.5 (3 − 0) + 0.5 × 1 = 2; season₀ = 0.5 (3 − 2) = 0.5.
        assert_eq!((t.level, t.trend, t.season[0]), (2.0, 0.0, 0.5));
    }

    /// 100 + 2t + (6 for even t, −6 for odd t).
    fn trend_and_pattern(n: usize) -> Vec<f64> {
        (0..n)
            .map(|t| 100.0 + 2.0 * t as f64 + if t % 2 == 0 { 6.0 } else { -6.0 })
            .collect()
    }

    #[test]
    fn initial_state_by_hand() {
        // Season 1 mean = 100 + 2 × 5.5 = 111, season 2 mean = 100 + 2 × 17.5 = 135 →
        // trend 24 / 12 = 2; level before t = 0: 111 − 6.5 × 2 = 98; season₀ = 106 − (111
        // − 5.5 × 2) = 6, season₁ = 96 − (111 − 4.5 × 2) = −6.
        let s = State::initial(&trend_and_pattern(24), true);
        assert_eq!((s.level, s.trend), (98.0, 2.0));
        assert_eq!(&s.season[..2], &[6.0, -6.0]);
        assert_eq!(s.forecast(1), 106.0);
    }

    #[test]
    fn exact_trend_and_season_forecast_without_error() {
        let y = trend_and_pattern(36);
        let (_, sse_fit) = run(&y, P);
        assert!(sse_fit < 1e-18, "{sse_fit}");
        let (values, method) = forecast(&y, 3);
        assert_eq!(method, Method::HoltWinters { trend: true });
        // t = 36, 37, 38: 100 + 72 + 6 = 178, 100 + 74 − 6 = 168, 100 + 76 + 6 = 182.
        for (v, want) in values.iter().zip([178.0, 168.0, 182.0]) {
            assert!((v - want).abs() < 1e-9, "{v} vs {want}");
        }
        assert!(backtest_method(&y).unwrap() < 1e-9);
        // Seasonal naive misses the trend: one year = 24 visits low, over values of
        // about 160–176.
        assert!(backtest_seasonal_naive(&y).unwrap() > 0.1);
    }

    #[test]
    fn a_noisy_sine_with_trend_beats_seasonal_naive() {
        // 50 + 0.5 t + 20 sin(2πt/12) + a fixed ±3 wobble.
        let y: Vec<f64> = (0..48)
            .map(|t| {
                let t = t as f64;
                50.0 + 0.5 * t
                    + 20.0 * (2.0 * std::f64::consts::PI * t / 12.0).sin()
                    + 3.0 * (t * 7.3).sin()
            })
            .collect();
        let hw = backtest_method(&y).unwrap();
        let naive = backtest_seasonal_naive(&y).unwrap();
        assert!(hw < 0.08, "{hw}");
        assert!(hw < naive, "{hw} vs {naive}");
    }

    #[test]
    fn short_histories_fall_back() {
        let y: Vec<f64> = (1..=14).map(f64::from).collect();
        // 14 months: seasonal naive, the months 12 before M+1 … M+3: y[2], y[3], y[4].
        assert_eq!(
            forecast(&y, 3),
            (vec![3.0, 4.0, 5.0], Method::SeasonalNaive)
        );
        assert_eq!(forecast(&[2.0, 4.0], 2), (vec![3.0, 3.0], Method::Mean));
        assert_eq!(forecast(&[-5.0; 3], 1).0, [0.0]);
    }

    #[test]
    fn mape_skips_zero_actuals() {
        // Last 6 of [10, 0, 10, 20, 0, 40, 50]: t = 1 … 6; zero actuals at t = 1 and 4 are
        // skipped. Predicting 10 every time: |10 − 10|/10, |20 − 10|/20, |40 − 10|/40,
        // |50 − 10|/50 → (0 + 0.5 + 0.75 + 0.8) / 4 = 0.5125.
        let y = [10.0, 0.0, 10.0, 20.0, 0.0, 40.0, 50.0];
        assert_eq!(backtest(&y, |_| Some(10.0)), Some(0.5125));
        assert_eq!(backtest(&[0.0, 0.0], |_| Some(1.0)), None);
    }

    #[test]
    fn the_table_forecasts_recent_categories() {
        let months = df!(
            "month" => ["2023-01", "2026-02", "2026-03"],
            "category" => ["body", "wash", "wash"],
            "visits" => [5i64, 2, 4],
        )
        .unwrap();
        let p = Period::new(Month::new(2026, 3).unwrap());
        let t = forecast_table(&months, None, p).unwrap();
        // body was last sold in 2023-01, before 2024-04: no forecast. wash: 2 months, mean 3.
        assert_eq!(t.height(), 3);
        let col_s = |c: &str| {
            t.column(c)
                .unwrap()
                .cast(&DataType::String)
                .unwrap()
                .str()
                .unwrap()
                .iter()
                .map(|s| s.unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(col_s("month"), ["2026-04", "2026-05", "2026-06"]);
        assert_eq!(col_s("forecast"), ["3.0", "3.0", "3.0"]);
        assert_eq!(col_s("method")[0], "mean (history < 12 months)");
        assert_eq!(col_s("history_months")[0], "2");
        // Backtest: t = 1 predicts the mean of [2] = 2 for 4 → 0.5; naive has no year.
        assert_eq!(col_s("mape")[0], "0.5");
        assert_eq!(col_s("mape_seasonal_naive")[0], "");
    }
}
