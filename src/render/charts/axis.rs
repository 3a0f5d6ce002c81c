//! The y axis of a chart: its range and the text of its tick labels, in the column's kind.

use super::super::ColumnKind;
use crate::cli::Lang;

/// The y range of values: from 0, or 10 % below the lowest when a value is negative, to
/// 10 % above the highest (0 when every value is negative; 1 when every value is 0 or
/// none is known, so that the axis has a height). A missing value (NaN) is no value.
pub(super) fn y_range(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let top = values.clone().fold(0.0f64, f64::max);
    let bottom = values.fold(0.0f64, f64::min) * 1.1;
    let top = if top > 0.0 {
        top * 1.1
    } else if bottom < 0.0 {
        0.0
    } else {
        1.0
    };
    (bottom, top)
}

/// How many ticks the y axis asks plotters for (its default, said here so that
/// [`rate_decimals`] finds the same ticks the mesh draws).
pub(super) const Y_LABELS: usize = 11;

/// The most decimals a tick label gets.
const MAX_DECIMALS: usize = 6;

/// The decimals a percent axis over `bottom..top` needs to tell its ticks apart: those of
/// the step between the ticks plotters draws there (a step of 0.5 % one, 0.05 % two, whole
/// percents none). Whole percents always (session 30) read loads of 1.2–2.8 % as
/// `0% 0% 1% 2% 2% 2% 3%`, and every tick of an axis up to 0.1 % as `0%`.
pub(super) fn rate_decimals(bottom: f64, top: f64) -> usize {
    use plotters::coord::ranged1d::{BoldPoints, Ranged};
    use plotters::coord::types::RangedCoordf64;
    let ticks = RangedCoordf64::from(bottom..top).key_points(BoldPoints(Y_LABELS));
    let step = ticks
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    // The step in percents is 1, 2 or 5 × a power of ten, give or take a rounding error.
    let percent = step * 100.0;
    (0..=MAX_DECIMALS)
        .find(|&d| {
            let shifted = percent * 10f64.powi(d as i32);
            (shifted - shifted.round()).abs() < 1e-6 * shifted.max(1.0)
        })
        .unwrap_or(MAX_DECIMALS)
}

/// A value on the y axis, in the column's kind; a percent with `decimals` decimals
/// ([`rate_decimals`]). A tick that rounds to zero is `0`, never `-0%` (a tick a hair
/// below zero, as an axis of negative changes has). Thousands apart and the decimal mark
/// as `lang` writes them: `12,000` and `0.5%` in English (it was `12 000`), `12 000` and
/// `0,5%` in Russian (it was `0.5%`, beside the page's and the workbook's `0,5%`).
pub(super) fn axis_value(kind: ColumnKind, lang: Lang, v: f64, decimals: usize) -> String {
    let text = match kind {
        ColumnKind::Rate => format!("{:.*}%", decimals, v * 100.0),
        // Small fractional values (an index step of 0.5, say) keep one decimal.
        _ if v.abs() < 100.0 && v.fract() != 0.0 => format!("{v:.1}"),
        _ => super::super::html::thousands(lang, &format!("{v:.0}")),
    };
    let text = match lang {
        Lang::En => text,
        Lang::Ru => text.replace('.', ","),
    };
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| matches!(c, '0' | '.' | ',' | '%')) => rest.to_string(),
        _ => text,
    }
}

/// The labels of the ticks plotters draws on an axis over `bottom..top` of `kind`.
#[cfg(test)]
fn tick_labels(kind: ColumnKind, bottom: f64, top: f64) -> Vec<String> {
    let lang = Lang::En;
    use plotters::coord::ranged1d::{BoldPoints, Ranged};
    use plotters::coord::types::RangedCoordf64;
    let decimals = rate_decimals(bottom, top);
    RangedCoordf64::from(bottom..top)
        .key_points(BoldPoints(Y_LABELS))
        .into_iter()
        .map(|v| axis_value(kind, lang, v, decimals))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_values_follow_the_column_kind() {
        let en = Lang::En;
        assert_eq!(axis_value(ColumnKind::Rate, en, 0.25, 0), "25%");
        // Regression: a tick a hair below zero read "-0%".
        assert_eq!(axis_value(ColumnKind::Rate, en, -1e-17, 0), "0%");
        assert_eq!(axis_value(ColumnKind::Rate, en, -1e-17, 1), "0.0%");
        assert_eq!(axis_value(ColumnKind::Number, en, -0.04, 0), "0.0");
        assert_eq!(axis_value(ColumnKind::Rate, en, -0.1, 0), "-10%");
        assert_eq!(axis_value(ColumnKind::Rate, en, 0.005, 1), "0.5%");
    }

    #[test]
    fn regression_english_axes_group_thousands_with_a_comma() {
        // An English chart's axis read `12 000`, as a Russian one does.
        assert_eq!(
            axis_value(ColumnKind::Money, Lang::En, 1234567.0, 0),
            "1,234,567"
        );
        assert_eq!(
            axis_value(ColumnKind::Integer, Lang::En, -12000.0, 0),
            "-12,000"
        );
        assert_eq!(
            axis_value(ColumnKind::Money, Lang::Ru, 1234567.0, 0),
            "1 234 567"
        );
    }

    #[test]
    fn regression_russian_axes_write_a_decimal_comma() {
        // A Russian chart's percent ticks read `0.5%` beside the page's `0,5%`.
        let ru = Lang::Ru;
        assert_eq!(axis_value(ColumnKind::Rate, ru, 0.005, 1), "0,5%");
        assert_eq!(axis_value(ColumnKind::Number, ru, 2.5, 0), "2,5");
        assert_eq!(axis_value(ColumnKind::Rate, ru, -1e-17, 1), "0,0%");
        assert_eq!(axis_value(ColumnKind::Rate, ru, -0.1, 0), "-10%");
        assert_eq!(axis_value(ColumnKind::Money, ru, -12000.0, 0), "-12 000");
    }

    #[test]
    fn regression_percent_ticks_keep_the_decimals_of_their_step() {
        // The bay load of 2.8 %, 2.1 % and 1.2 %: the axis runs to 3.08 % in steps of
        // 0.5 %, read `0% 0% 1% 2% 2% 2% 3%` with whole percents.
        let (bottom, top) = y_range([0.028, 0.021, 0.012, f64::NAN].into_iter());
        assert_eq!((bottom, top), (0.0, 0.028 * 1.1));
        assert_eq!(rate_decimals(bottom, top), 1);
        assert_eq!(
            tick_labels(ColumnKind::Rate, bottom, top),
            ["0.0%", "0.5%", "1.0%", "1.5%", "2.0%", "2.5%", "3.0%"]
        );
        // Loads about 0.1 %: an axis up to 0.11 %, ticks 0 to 0.10 % in steps of 0.02 %,
        // two decimals; every tick read `0%`.
        let (bottom, top) = y_range([0.001, 0.0004].into_iter());
        assert_eq!(rate_decimals(bottom, top), 2);
        let labels = tick_labels(ColumnKind::Rate, bottom, top);
        assert_eq!(
            labels,
            ["0.00%", "0.02%", "0.04%", "0.06%", "0.08%", "0.10%"]
        );
        // Whole percents where the step is: 0–11 %, and 0–110 % in steps of 20 %.
        assert_eq!(rate_decimals(0.0, 0.11), 0);
        assert_eq!(
            tick_labels(ColumnKind::Rate, 0.0, 1.1),
            ["0%", "20%", "40%", "60%", "80%", "100%"]
        );
        // A fall year over year, −25 % to +3 %: steps of 5 %.
        let (bottom, top) = y_range([-0.25, 0.03].into_iter());
        assert_eq!(rate_decimals(bottom, top), 0);
        assert!(tick_labels(ColumnKind::Rate, bottom, top).contains(&"-25%".to_string()));
    }
}
