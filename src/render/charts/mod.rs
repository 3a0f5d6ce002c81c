//! The charts of the report as SVG (inlined in the page) and PNG (for mail and slides),
//! drawn with plotters from the report's tables. Text is laid out with an embedded DejaVu
//! Sans (its licence is beside it in `assets/fonts/`), so Cyrillic renders in the PNG on a
//! machine without fonts, and the SVG is the same bytes on every machine.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{cells, i18n, Cell, ColumnKind, RenderError, RenderInput};
use crate::cli::Lang;

mod axis;
mod labels;
use axis::*;
use labels::*;

/// The embedded font (DejaVu Sans, free licence: see `assets/fonts/DejaVuSans-LICENSE.txt`).
pub static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// The family the charts ask for; the embedded font is registered under it.
const FAMILY: &str = "sans-serif";

/// Size of every chart in pixels.
pub const SIZE: (u32, u32) = (900, 420);

/// Width in pixels of the legend column of a chart with several series.
const LEGEND_WIDTH: u32 = 170;

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line over the categories, for a trend.
    Line,
    /// A bar per category.
    Bars,
}

/// A chart of one column of a table over another: drawn when the table exists. New
/// sections add a line to [`SPECS`]; the workbook's native charts use the same list.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// File stem under `charts/` and the key of the title (`chart.<id>` in [`i18n`]).
    pub id: &'static str,
    /// The table the chart reads.
    pub table: &'static str,
    /// The category column (x axis).
    pub x: &'static str,
    /// The value column (y axis), or [`EVERY_OTHER`] for one series per column other than
    /// `x` (a wide table such as `demand_by_category`), each named by its column label.
    pub y: &'static str,
    /// Line or bars.
    pub kind: Kind,
    /// Whether the workbook shows it on the Summary sheet (else on the table's own sheet).
    pub on_summary: bool,
}

/// The `y` of a chart with one series per column other than `x`.
pub const EVERY_OTHER: &str = "*";

/// Every chart of the report.
pub const SPECS: [Spec; 9] = [
    Spec {
        id: "revenue_24m",
        table: "monthly",
        x: "month",
        y: "revenue",
        kind: Kind::Line,
        on_summary: true,
    },
    Spec {
        id: "visits_24m",
        table: "monthly",
        x: "month",
        y: "visits",
        kind: Kind::Bars,
        on_summary: true,
    },
    Spec {
        id: "load_weekly",
        table: "load_weekly",
        x: "week",
        y: "load",
        kind: Kind::Bars,
        on_summary: false,
    },
    Spec {
        id: "turnaround",
        table: "turnaround",
        x: "bucket",
        y: "visits",
        kind: Kind::Bars,
        on_summary: false,
    },
    Spec {
        id: "demand_by_category",
        table: "demand_by_category",
        x: "month",
        y: EVERY_OTHER,
        kind: Kind::Line,
        on_summary: false,
    },
    Spec {
        id: "demand_bay_load",
        table: "demand_bay_load",
        x: "month",
        y: "load",
        kind: Kind::Bars,
        on_summary: false,
    },
    Spec {
        id: "demand_yoy",
        table: "demand_yoy",
        x: "category",
        y: "visits_change",
        kind: Kind::Bars,
        on_summary: false,
    },
    Spec {
        id: "price_index",
        table: "prices",
        x: "service_code",
        y: "price_index",
        kind: Kind::Bars,
        on_summary: false,
    },
    Spec {
        id: "activity",
        table: "activity",
        x: "month",
        y: "active",
        kind: Kind::Line,
        on_summary: false,
    },
];

/// A drawn chart: its id, title and SVG text (for the page).
#[derive(Debug, Clone)]
pub struct Drawn {
    /// File stem under `charts/`.
    pub id: &'static str,
    /// The localised title.
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

/// Register the embedded font with plotters, once per process.
fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are a valid TrueType font (the unit test below draws with them), so a
        // failure here cannot happen with the committed file.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

/// The text of a category (x) cell: dates as `YYYY-MM-DD`.
fn label(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Number(v) => format!("{v}"),
        Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        Cell::Text(s) => s.clone(),
    }
}

/// The colours of the series, in order (the first is the single-series colour).
const PALETTE: [RGBColor; 9] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(23, 190, 207),
];

/// One series of a chart: its legend label and a value per category.
struct Series {
    name: String,
    values: Vec<f64>,
}

/// Draw one chart onto any backend. A chart of several series gets a legend.
fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    spec: &Spec,
    title: &str,
    labels: &[String],
    series: &[Series],
    (kind, lang): (ColumnKind, Lang),
    note: Option<&str>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    // Several series get a legend in a column of their own on the right, clear of the data.
    let (plot, legend) = if series.len() > 1 {
        let (plot, legend) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH);
        (plot, Some(legend))
    } else {
        (root.clone(), None)
    };
    // A segmented range a..b has a segment for each of a..=b: the last index is n − 1.
    let last = labels.len().saturating_sub(1) as i32;
    // The axis always shows 0 and reaches below it when a value is negative (a fall year
    // over year, say).
    let (bottom, top) = y_range(series.iter().flat_map(|s| s.values.iter().cloned()));
    let decimals = rate_decimals(bottom, top);
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, (FAMILY, 22))
        .margin(MARGIN)
        .margin_right(RIGHT_MARGIN)
        .x_label_area_size(48)
        .y_label_area_size(80)
        .build_cartesian_2d((0..last).into_segmented(), bottom..top)?;
    // The labels are chosen here, not by plotters: it asked for a tick per category
    // (up to 24) and drew every label whole, so months and long names ran into each other
    // on a narrow plot and off the canvas at its end.
    let width = chart.plotting_area().dim_in_pixel().0;
    let shown = x_axis_labels(labels, width, |t| text_width(t, LABEL_SIZE));
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(RGBColor(245, 245, 245))
        .x_labels(labels.len())
        .x_label_formatter(&|_| String::new())
        .y_labels(Y_LABELS)
        .y_label_formatter(&|v| axis_value(kind, lang, *v, decimals))
        .label_style((FAMILY, LABEL_SIZE))
        .draw()?;
    // Drawn here rather than by the mesh, whose labels are one line each.
    let style = (FAMILY, LABEL_SIZE)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (i, label) in shown.iter().enumerate() {
        let Some(label) = label else { continue };
        let (x, y) = chart.backend_coord(&(SegmentValue::CenterOf(i as i32), bottom));
        for (k, line) in label.lines().enumerate() {
            let at = (x, y + X_LABEL_TOP + k as i32 * X_LABEL_LINE);
            plot.draw(&Text::new(line.to_string(), at, style.clone()))?;
        }
    }
    for (n, s) in series.iter().enumerate() {
        let colour = PALETTE[n % PALETTE.len()];
        let points = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (SegmentValue::CenterOf(i as i32), *v));
        match spec.kind {
            Kind::Line => {
                let width = if series.len() > 1 { 2 } else { 3 };
                // A line through the points there are, broken where a value is missing.
                let known: Vec<_> = points.filter(|(_, v)| !v.is_nan()).collect();
                for run in known.chunk_by(|a, b| match (&a.0, &b.0) {
                    (SegmentValue::CenterOf(i), SegmentValue::CenterOf(j)) => j - i == 1,
                    _ => false,
                }) {
                    chart.draw_series(LineSeries::new(
                        run.iter().cloned(),
                        colour.stroke_width(width),
                    ))?;
                }
                chart.draw_series(
                    known
                        .into_iter()
                        .map(|p| Circle::new(p, 3, colour.filled())),
                )?;
            }
            Kind::Bars => {
                // Rectangles in index order: plotters' Histogram collects its bars in a
                // HashMap and emits them in a different order on every run.
                let bars = s.values.iter().enumerate().filter(|(_, v)| !v.is_nan());
                chart.draw_series(bars.map(|(i, v)| {
                    let i = i as i32;
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), 0.0),
                            (SegmentValue::Exact(i + 1), *v),
                        ],
                        colour.mix(0.8).filled(),
                    );
                    bar.set_margin(0, 0, 3, 3);
                    bar
                }))?;
            }
        }
    }
    // A chart of no figure at all (a comparison with a year before the data) says so,
    // rather than show an empty frame that reads as a fault.
    if let Some(note) = note {
        let (w, h) = plot.dim_in_pixel();
        let style = (FAMILY, 18)
            .into_font()
            .color(&RGBColor(90, 90, 90))
            .pos(Pos::new(HPos::Center, VPos::Center));
        plot.draw(&Text::new(
            note.to_string(),
            (w as i32 / 2, h as i32 / 2),
            style,
        ))?;
    }
    if let Some(legend) = legend {
        for (n, s) in series.iter().enumerate() {
            let colour = PALETTE[n % PALETTE.len()];
            let y = 60 + 22 * n as i32;
            legend.draw(&PathElement::new([(4, y), (24, y)], colour.stroke_width(3)))?;
            // A long name is cut to the legend's column rather than run off the canvas.
            let room = LEGEND_WIDTH - 32 - 4;
            legend.draw(&Text::new(
                fit(&s.name, room, &|t| text_width(t, LEGEND_SIZE)),
                (32, y - 8),
                (FAMILY, LEGEND_SIZE).into_font(),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}

/// The value columns of a spec in a table: `y` itself, or every column but `x`.
pub fn value_columns(spec: &Spec, df: &polars::prelude::DataFrame) -> Vec<String> {
    if spec.y == EVERY_OTHER {
        df.get_column_names()
            .iter()
            .map(|n| n.to_string())
            .filter(|n| n != spec.x)
            .collect()
    } else {
        vec![spec.y.to_string()]
    }
}

fn chart_error(path: &Path, e: impl std::fmt::Display) -> RenderError {
    RenderError::Chart {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// A chart's file that could not be written: the failure of every other file of the
/// report (a full disk, a folder that cannot be written), not a drawing's.
fn write_error(path: &Path, e: &std::io::Error) -> RenderError {
    RenderError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The error of a PNG chart. Saving the file is the bitmap backend's last step, and its
/// failure reached the user as plotters' debug dump (`ImageError(IoError(Custom { kind:
/// Other, error: "No space left on device (os error 28)" }))`) in English, with no advice:
/// an I/O failure is the report's write failure ([`write_error`]). The encoder wraps it in
/// the `image` crate's error, whose text is the I/O error's; its other failures (an
/// encoding one) cannot come from the pixels plotters gives it, so it is read as writing.
fn png_error(
    path: &Path,
    e: DrawingAreaErrorKind<plotters_bitmap::BitMapBackendError>,
) -> RenderError {
    use plotters_backend::DrawingErrorKind::DrawingError;
    use plotters_bitmap::BitMapBackendError as B;
    match e {
        DrawingAreaErrorKind::BackendError(DrawingError(B::IOError(io))) => write_error(path, &io),
        DrawingAreaErrorKind::BackendError(DrawingError(B::ImageError(image))) => RenderError::Io {
            path: path.to_path_buf(),
            message: image.to_string(),
        },
        e => chart_error(path, e),
    }
}

/// Draw every chart whose table exists into `dir/charts/` as SVG and PNG.
pub fn draw_all(dir: &Path, input: &RenderInput) -> Result<Vec<Drawn>, RenderError> {
    register_font();
    let charts_dir = dir.join("charts");
    // Not `create_dir_all`: when a run is interrupted its working folder is removed under
    // the writers, and `create_dir_all` made it anew, left behind as the process exited.
    match std::fs::create_dir(&charts_dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(RenderError::Io {
            path: charts_dir.clone(),
            message: e.to_string(),
        }),
        _ => Ok(()),
    }?;
    let mut drawn = Vec::new();
    for spec in &SPECS {
        let Some(df) = input.table(spec.table) else {
            continue;
        };
        let table_error = |source| RenderError::Table {
            table: spec.table.to_string(),
            source,
        };
        let labels: Vec<String> = cells(df, spec.x, input.lang)
            .map_err(table_error)?
            .iter()
            .map(label)
            .collect();
        let columns = value_columns(spec, df);
        let Some(first) = columns.first() else {
            continue;
        };
        let mut series = Vec::new();
        let mut figures = false;
        for name in &columns {
            let values = cells(df, name, input.lang)
                .map_err(table_error)?
                .iter()
                // An empty cell is no point (a month before the data), not a zero.
                .map(|c| match c {
                    Cell::Number(v) => {
                        figures = true;
                        *v
                    }
                    _ => f64::NAN,
                })
                .collect();
            series.push(Series {
                name: i18n::table_column(input.lang, spec.table, name, &input.settings),
                values,
            });
        }
        let kind = ColumnKind::of(first, df.column(first).map_err(table_error)?.dtype());
        let title = i18n::t(input.lang, &format!("chart.{}", spec.id)).to_string();
        // Said the chart's own way where it has one (a year-over-year change has no month).
        let note = (!figures).then(|| {
            i18n::lookup(input.lang, &format!("chart.no_figures.{}", spec.id))
                .unwrap_or_else(|| i18n::t(input.lang, "chart.no_figures"))
        });

        let svg_path = charts_dir.join(format!("{}.svg", spec.id));
        let mut svg = String::new();
        draw(
            SVGBackend::with_string(&mut svg, SIZE).into_drawing_area(),
            spec,
            &title,
            &labels,
            &series,
            (kind, input.lang),
            note,
        )
        .map_err(|e| chart_error(&svg_path, e))?;
        std::fs::write(&svg_path, &svg).map_err(|e| write_error(&svg_path, &e))?;

        let png_path = charts_dir.join(format!("{}.png", spec.id));
        draw(
            BitMapBackend::new(&png_path, SIZE).into_drawing_area(),
            spec,
            &title,
            &labels,
            &series,
            (kind, input.lang),
            note,
        )
        .map_err(|e| png_error(&png_path, e))?;
        drawn.push(Drawn {
            id: spec.id,
            title,
            svg,
        });
    }
    Ok(drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_png_that_cannot_be_saved_is_a_write_failure() {
        // A full disk while saving a PNG was an English debug dump of plotters' error in a
        // Russian run; it is the write failure every other file gives, with its advice.
        let path = Path::new("out/charts/price_index.png");
        let full = || std::io::Error::from_raw_os_error(28);
        let errors = [
            plotters_bitmap::BitMapBackendError::IOError(full()),
            plotters_bitmap::BitMapBackendError::ImageError(full().into()),
        ];
        for e in errors {
            let e = png_error(
                path,
                DrawingAreaErrorKind::BackendError(
                    plotters_backend::DrawingErrorKind::DrawingError(e),
                ),
            );
            let RenderError::Io { path: p, message } = &e else {
                panic!("not a write failure: {e:?}");
            };
            assert_eq!(
                (p.as_path(), message.as_str()),
                (path, full().to_string().as_str())
            );
            let ru = crate::render::i18n::error(crate::cli::Lang::Ru, &e.to_string()).unwrap();
            assert!(
                ru.starts_with("не удалось записать out/charts/price_index.png: ")
                    && ru.ends_with("на диске есть место"),
                "{ru}"
            );
        }
        // A drawing that fails is still the chart's own error.
        let e = png_error(path, DrawingAreaErrorKind::LayoutError);
        assert!(matches!(e, RenderError::Chart { .. }), "{e:?}");
    }

    #[test]
    fn the_embedded_font_lays_out_cyrillic() {
        register_font();
        let font: FontDesc = (FAMILY, 20).into_font();
        // A Cyrillic word has a real width only if the font has its glyphs.
        let (w, _) = font.box_size("Выручка").unwrap();
        assert!(w > 40, "width {w}");
    }

    #[test]
    fn regression_a_percent_chart_labels_its_ticks_to_their_step() {
        // Loads of 2.8 %, 2.1 % and 1.2 %: ticks every 0.5 %, which read `0% 0% 1% 2% 2%
        // 2% 3%` in whole percents.
        register_font();
        let spec = SPECS.iter().find(|s| s.id == "demand_bay_load").unwrap();
        let labels = ["2026-01", "2026-02", "2026-03"].map(String::from);
        let series = [Series {
            name: "load".into(),
            values: vec![0.028, 0.021, 0.012],
        }];
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let y = (ColumnKind::Rate, crate::cli::Lang::En);
        draw(area, spec, "t", &labels, &series, y, None).unwrap();
        for tick in ["0.0%", "0.5%", "1.0%", "1.5%", "2.0%", "2.5%", "3.0%"] {
            assert!(svg.contains(&format!(">\n{tick}\n<")), "{tick}: {svg}");
        }
        assert!(!svg.contains(">\n2%\n<"), "{svg}");
    }

    #[test]
    fn a_chart_of_no_figure_says_so() {
        register_font();
        let spec = SPECS.iter().find(|s| s.id == "demand_yoy").unwrap();
        let labels = ["wash".to_string()];
        let series = [Series {
            name: "visits_change".into(),
            values: vec![0.0],
        }];
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let note = i18n::t(crate::cli::Lang::Ru, "chart.no_figures");
        draw(
            area,
            spec,
            "t",
            &labels,
            &series,
            (ColumnKind::Rate, crate::cli::Lang::Ru),
            Some(note),
        )
        .unwrap();
        assert!(svg.contains("показателей нет"), "{svg}");
    }
}
