//! The labels of the charts' axes and legends laid out to their room: a 24-month axis or
//! Russian category names («Шиномонтаж и балансировка») ran into each other at full
//! length, so labels are thinned, set over two lines or cut with `…`, measured in the
//! charts' own font.

use plotters::prelude::*;

use super::FAMILY;

/// Size in pixels of the axes' labels.
pub(super) const LABEL_SIZE: u32 = 13;

/// Size in pixels of the legend's names.
pub(super) const LEGEND_SIZE: u32 = 14;

/// Pixels kept clear between two labels of the x axis.
pub(super) const LABEL_GAP: u32 = 8;

/// The chart's margin in pixels.
pub(super) const MARGIN: u32 = 12;

/// The chart's margin on the right in pixels, which a label at the right end of the x axis
/// may reach into: half of the widest month (`2026-10`, 46 px) past its category's
/// centre.
pub(super) const RIGHT_MARGIN: u32 = 24;

/// Pixels from the x axis to the top of its labels (below the tick marks), and from one
/// line of a label to the next.
pub(super) const X_LABEL_TOP: i32 = 9;
pub(super) const X_LABEL_LINE: i32 = 16;

/// Characters a category's name keeps, at least, before its label is thinned out instead
/// of cut further.
pub(super) const MIN_CHARS: usize = 8;

/// `text` whole when `measure` finds it within `room` pixels, else its longest start
/// that fits with `…` after it (only `…` when nothing does).
pub(super) fn fit(text: &str, room: u32, measure: &impl Fn(&str) -> u32) -> String {
    if measure(text) <= room {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut kept = chars.len();
    while kept > 0 {
        kept -= 1;
        let cut = format!("{}…", chars[..kept].iter().collect::<String>().trim_end());
        if measure(&cut) <= room {
            return cut;
        }
    }
    "…".to_string()
}

/// The two lines of `label` split at a space with the narrowest longer line, as
/// (first, second, the longer's width), if it has a space.
pub(super) fn two_lines(
    label: &str,
    measure: &impl Fn(&str) -> u32,
) -> Option<(String, String, u32)> {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..words.len())
        .map(|k| {
            let (first, second) = (words[..k].join(" "), words[k..].join(" "));
            let widest = measure(&first).max(measure(&second));
            (first, second, widest)
        })
        .min_by_key(|(_, _, widest)| *widest)
}

/// `label` laid out within `room` pixels: whole on one line, else over two lines split
/// at a space (`\n` between them), else cut with `…` (the second line's end, or the one
/// line's).
pub(super) fn lay_out(label: &str, room: u32, measure: &impl Fn(&str) -> u32) -> String {
    if measure(label) <= room {
        return label.to_string();
    }
    match two_lines(label, measure) {
        Some((first, second, widest)) if widest <= room => format!("{first}\n{second}"),
        _ => {
            // As many words as fit on the first line, the rest cut on the second.
            let words: Vec<&str> = label.split_whitespace().collect();
            let k = (1..words.len())
                .rev()
                .find(|&k| measure(&words[..k].join(" ")) <= room);
            match k {
                Some(k) => format!(
                    "{}\n{}",
                    words[..k].join(" "),
                    fit(&words[k..].join(" "), room, measure)
                ),
                None => fit(label, room, measure),
            }
        }
    }
}

/// The labels the x axis draws under its `labels.len()` categories across `width` pixels,
/// `None` for a category left unlabelled, as `measure` (a line's width in pixels) lays
/// them out without overlap. Every `step`-th label is drawn, counted back from the last
/// (the latest month is always named), with the smallest step at which each drawn label
/// fits the room of its `step` categories; a label too long for it goes over two lines,
/// else is cut with `…`, but never below [`MIN_CHARS`] characters — past that the step
/// grows instead. The last label also stays within the chart's margin on the right.
pub(super) fn x_axis_labels(
    labels: &[String],
    width: u32,
    measure: impl Fn(&str) -> u32,
) -> Vec<Option<String>> {
    let n = labels.len();
    if n == 0 {
        return Vec::new();
    }
    let slot = f64::from(width) / n as f64;
    // The narrowest a label may be laid out: over two lines, or cut to its first
    // MIN_CHARS characters and `…`.
    let least = |label: &String| {
        let full = measure(label);
        let split = two_lines(label, &measure).map_or(full, |(_, _, widest)| widest);
        if label.chars().count() <= MIN_CHARS + 1 {
            return full.min(split);
        }
        let short: String = label.chars().take(MIN_CHARS).collect();
        full.min(split)
            .min(measure(&format!("{}…", short.trim_end())))
    };
    let room = |step: usize| (slot * step as f64 - f64::from(LABEL_GAP)).max(0.0) as u32;
    let shown = |step: usize, i: usize| (n - 1 - i).is_multiple_of(step);
    let step = (1..=n)
        .find(|&step| {
            (0..n)
                .filter(|&i| shown(step, i))
                .all(|i| least(&labels[i]) <= room(step))
        })
        .unwrap_or(n);
    // The last label is centred on the last category: half of it may reach past the
    // category's half only as far as the margin.
    let last_room = room(step).min((slot + f64::from(2 * RIGHT_MARGIN)) as u32);
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let room = if i == n - 1 { last_room } else { room(step) };
            shown(step, i).then(|| lay_out(label, room, &measure))
        })
        .collect()
}

/// The width in pixels of `text` in the charts' font at `size` (an estimate of 0.6 of the
/// size per character should the font not lay it out).
pub(super) fn text_width(text: &str, size: u32) -> u32 {
    let font: FontDesc = (FAMILY, size).into_font();
    font.box_size(text)
        .map(|(w, _)| w)
        .unwrap_or_else(|_| (text.chars().count() as f64 * f64::from(size) * 0.6) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::register_font;

    /// The drawn labels of the x axis of `n` categories over `width` pixels, as
    /// (first pixel, last pixel, text), in the charts' font.
    fn laid_out(labels: &[String], width: u32) -> Vec<(f64, f64, String)> {
        register_font();
        let slot = f64::from(width) / labels.len() as f64;
        x_axis_labels(labels, width, |t| text_width(t, LABEL_SIZE))
            .into_iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let l = l?;
                let widest = l.lines().map(|t| text_width(t, LABEL_SIZE)).max()?;
                let (centre, half) = (slot * (i as f64 + 0.5), f64::from(widest) / 2.0);
                Some((centre - half, centre + half, l))
            })
            .collect()
    }

    /// Whether the drawn labels keep apart and end within the margin past `width`.
    fn clear(drawn: &[(f64, f64, String)], width: u32) -> bool {
        drawn
            .windows(2)
            .all(|w| w[0].1 + f64::from(LABEL_GAP) <= w[1].0 + 1.0)
            && drawn
                .last()
                .is_none_or(|l| l.1 <= f64::from(width + RIGHT_MARGIN))
    }

    #[test]
    fn regression_the_x_labels_of_24_months_fit_the_width() {
        // Months on a plot of one series (796 px) and beside a legend (626 px): plotters'
        // labels touched on the narrow one, and the thinned months skipped the latest.
        let months: Vec<String> = (0..24)
            .map(|i| format!("{}-{:02}", 2024 + (i + 10) / 12, (i + 10) % 12 + 1))
            .collect();
        for width in [796, 626, 400] {
            let drawn = laid_out(&months, width);
            assert!(clear(&drawn, width), "{width}: {drawn:?}");
            // Months are never cut, and the report's month is named.
            assert!(
                drawn.iter().all(|(_, _, l)| months.contains(l)),
                "{drawn:?}"
            );
            assert_eq!(drawn.last().unwrap().2, "2026-10");
        }
        // Every second month on the wide plot, every third beside a legend.
        assert_eq!(laid_out(&months, 796).len(), 12);
        assert_eq!(laid_out(&months, 626).len(), 8);
        // Few months are all named.
        assert_eq!(laid_out(&months[..6], 796).len(), 6);
    }

    #[test]
    fn regression_long_category_names_are_cut_not_run_into_each_other() {
        let names: Vec<String> = [
            "Шиномонтаж и балансировка",
            "Кузовной ремонт",
            "ТО",
            "Диагностика подвески и рулевого управления",
            "Мойка",
            "Электрика",
            "Запчасти",
            "Прочее",
            "Ремонт двигателя",
        ]
        .map(String::from)
        .to_vec();
        let drawn = laid_out(&names, 796);
        assert!(clear(&drawn, 796), "{drawn:?}");
        // Each category keeps a label: whole, over two lines, or its second line cut.
        assert_eq!(drawn.len(), 9, "{drawn:?}");
        assert_eq!(drawn[2].2, "ТО");
        assert_eq!(drawn[1].2, "Кузовной\nремонт");
        assert_eq!(drawn[0].2, "Шиномонтаж\nи балансир…");
        // On a narrow plot the names are thinned rather than cut to nothing.
        let narrow = laid_out(&names, 300);
        assert!(clear(&narrow, 300), "{narrow:?}");
        assert!(narrow.len() < 9);
        let whole_or_long = |l: &String| names.contains(l) || l.chars().count() > MIN_CHARS;
        assert!(
            narrow.iter().all(|(_, _, l)| whole_or_long(l)),
            "{narrow:?}"
        );
    }

    #[test]
    fn a_label_is_cut_to_its_room_with_an_ellipsis() {
        let chars = |t: &str| t.chars().count() as u32;
        assert_eq!(fit("Мойка", 5, &chars), "Мойка");
        assert_eq!(fit("Шиномонтаж и балансировка", 12, &chars), "Шиномонтаж…");
        // A cut never ends in a space before the ellipsis.
        assert_eq!(
            fit("Шиномонтаж и балансировка", 13, &chars),
            "Шиномонтаж и…"
        );
        assert_eq!(
            fit("Шиномонтаж и балансировка", 12, &chars).chars().count(),
            11
        );
        assert_eq!(fit("abc", 0, &chars), "…");
    }
}
