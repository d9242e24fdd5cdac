//! Layout of the digital take-up chart over time, and its SVG markup. The
//! widget and the server-rendered performance page draw the same markup; the
//! widget adds keyboard and pointer tooltips on top.

use crate::html::escape;
use crate::kpi::{percent, PeriodKpis};
use crate::measurement::Period;
use serde::{Deserialize, Serialize};

/// The take-up widget's chart size in SVG units (it scales to the widget's width), also used for its first paint.
pub const WIDGET_SIZE: (f32, f32) = (640.0, 300.0);

/// Space left of the plot for the percentage labels.
const LEFT: f32 = 48.0;
/// Space right of the plot.
const RIGHT: f32 = 16.0;
/// Space above the plot.
const TOP: f32 = 12.0;
/// Space below the plot for the period labels.
const BOTTOM: f32 = 32.0;

/// One period's point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrendPoint {
    /// Horizontal centre of the period.
    pub x: f32,
    /// Height of digital take-up (assisted digital included).
    pub y: f32,
    /// Height of take-up without assisted digital: the band between this and `y` is assisted digital.
    pub digital_only_y: f32,
    /// The period.
    pub period: Period,
    /// Digital take-up, 0 to 1.
    pub take_up: f64,
    /// Assisted digital share, 0 to 1.
    pub assisted: f64,
}

/// A labelled position on an axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AxisTick {
    /// Position along the axis (x for periods, y for percentages).
    pub at: f32,
    /// What it reads.
    pub label: String,
}

/// Where everything in a take-up chart goes, in SVG user units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrendChart {
    /// viewBox width.
    pub width: f32,
    /// viewBox height.
    pub height: f32,
    /// Left edge of the plot.
    pub plot_left: f32,
    /// Right edge of the plot.
    pub plot_right: f32,
    /// Top of the plot (100 %).
    pub plot_top: f32,
    /// Bottom of the plot (0 %).
    pub plot_bottom: f32,
    /// Percentage gridlines.
    pub y_ticks: Vec<AxisTick>,
    /// Period labels.
    pub x_ticks: Vec<AxisTick>,
    /// Points with data, oldest first.
    pub points: Vec<TrendPoint>,
    /// SVG path data of the take-up line, one subpath per run of consecutive periods.
    pub line: String,
    /// SVG path data of the assisted digital band, one closed shape per run.
    pub assisted_band: String,
    /// Height of the target line, if the contract sets one.
    pub target_y: Option<f32>,
}

/// The periods that have a digital take-up figure, oldest first: the chart's points and its table rows.
pub fn with_take_up(periods: &[PeriodKpis]) -> Vec<&PeriodKpis> {
    periods.iter().filter(|p| p.figures.digital_take_up.is_some()).collect()
}

/// The first and last periods the chart covers, if any.
pub fn covered(periods: &[PeriodKpis]) -> Option<(Period, Period)> {
    let shown = with_take_up(periods);
    Some((shown.first()?.period, shown.last()?.period))
}

/// Lays out take-up for `periods` (those without take-up are gaps) in a `width` × `height` box.
pub fn layout(periods: &[PeriodKpis], target: Option<f64>, width: f32, height: f32) -> TrendChart {
    let width = width.max(LEFT + RIGHT + 40.0);
    let height = height.max(TOP + BOTTOM + 40.0);
    let (plot_left, plot_right, plot_top, plot_bottom) = (LEFT, width - RIGHT, TOP, height - BOTTOM);
    let y_of = |fraction: f64| plot_bottom - (fraction.clamp(0.0, 1.0) as f32) * (plot_bottom - plot_top);
    let with_data = with_take_up(periods);
    let first = with_data.iter().map(|p| p.period.first_month()).min().unwrap_or(0);
    let last = with_data.iter().map(|p| p.period.last_month()).max().unwrap_or(0);
    let span = (last - first + 1).max(1) as f32;
    // Each month gets an equal slot; a period sits at the centre of its months.
    let x_of_month = |month: f32| plot_left + (month - first as f32 + 0.5) / span * (plot_right - plot_left);
    let x_of = |p: Period| x_of_month((p.first_month() + p.last_month()) as f32 / 2.0);

    let points: Vec<TrendPoint> = with_data
        .iter()
        .map(|p| {
            let take_up = p.figures.digital_take_up.unwrap_or(0.0);
            let assisted = p.figures.assisted_digital_share.unwrap_or(0.0).min(take_up);
            TrendPoint {
                x: x_of(p.period),
                y: y_of(take_up),
                digital_only_y: y_of(take_up - assisted),
                period: p.period,
                take_up,
                assisted,
            }
        })
        .collect();

    let mut runs: Vec<&[TrendPoint]> = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].period.first_month() != points[i - 1].period.last_month() + 1 {
            runs.push(&points[start..i]);
            start = i;
        }
    }
    let mut line = String::new();
    let mut assisted_band = String::new();
    for run in runs.iter().filter(|r| !r.is_empty()) {
        for (i, p) in run.iter().enumerate() {
            line.push_str(&format!("{}{:.1} {:.1}", if i == 0 { "M" } else { " L" }, p.x, p.y));
        }
        if run.len() == 1 {
            // A lone period still shows as a short level stroke.
            line.push_str(" h0.1");
        }
        if run.iter().any(|p| p.assisted > 0.0) {
            for (i, p) in run.iter().enumerate() {
                assisted_band.push_str(&format!("{}{:.1} {:.1}", if i == 0 { "M" } else { " L" }, p.x, p.y));
            }
            for p in run.iter().rev() {
                assisted_band.push_str(&format!(" L{:.1} {:.1}", p.x, p.digital_only_y));
            }
            assisted_band.push_str(" Z");
        }
    }

    let y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| AxisTick { at: y_of(f), label: percent(f) }).to_vec();
    let x_ticks = match points.is_empty() {
        true => Vec::new(),
        false => x_ticks(first, last, &x_of_month),
    };
    TrendChart {
        width,
        height,
        plot_left,
        plot_right,
        plot_top,
        plot_bottom,
        y_ticks,
        x_ticks,
        points,
        line,
        assisted_band,
        target_y: target.filter(|t| t.is_finite()).map(y_of),
    }
}

/// Period labels at a step that keeps to at most 8 of them: months, quarters, half years or years.
fn x_ticks(first: i32, last: i32, x_of_month: &dyn Fn(f32) -> f32) -> Vec<AxisTick> {
    let span = last - first + 1;
    let step = [1, 2, 3, 6, 12, 24, 36, 60, 120].into_iter().find(|s| span / s < 8).unwrap_or(240);
    (first..=last)
        .filter(|m| m.rem_euclid(step) == 0 || (span <= step && *m == first))
        .map(|m| {
            let month = Period::month_of(m);
            let label = match (step >= 12, month) {
                (true, Period::Month { year, .. }) => year.to_string(),
                _ => month.short_label(),
            };
            AxisTick { at: x_of_month(m as f32), label }
        })
        .collect()
}

/// Text for the chart's accessible name and summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendText {
    /// Prefix for element ids, unique in the document.
    pub id: String,
    /// The chart's title.
    pub title: String,
    /// A sentence describing what it shows.
    pub description: String,
    /// Label of the target line, e.g. `Target 80%`.
    pub target: String,
    /// How each point reads, with `{period}`, `{take_up}` and `{assisted}` filled in.
    pub point: String,
    /// Month names in the page's language (English when empty).
    pub months: Vec<String>,
    /// The word joining a quarter's first and last month ("to").
    pub to: String,
}

/// The point's text for people, e.g. `March 2026: digital take-up 78%, assisted digital 4%`.
pub fn point_text(text: &TrendText, point: &TrendPoint) -> String {
    text.point
        .replace("{period}", &point.period.label_in(&text.months, &text.to))
        .replace("{take_up}", &percent(point.take_up))
        .replace("{assisted}", &percent(point.assisted))
}

/// The sentences of the chart's text summary, in the reader's language.
pub struct SummaryText<'a> {
    /// When no period has take-up.
    pub no_data: &'a str,
    /// With `{value}` and `{period}`.
    pub plain: &'a str,
    /// With `{value}`, `{period}`, `{change}` and `{previous}`.
    pub with_change: &'a str,
    /// Words for a change in percentage points, e.g. `up 3 points`.
    pub change: &'a dyn Fn(f64) -> String,
}

/// One sentence saying where take-up stands, e.g. "Digital take-up was 78% in March 2026, up 3 points on February 2026."
pub fn summary(periods: &[PeriodKpis], text: &TrendText, words: &SummaryText<'_>) -> String {
    let Some(latest) = with_take_up(periods).pop() else {
        return words.no_data.to_owned();
    };
    let label = |p: Period| p.label_in(&text.months, &text.to);
    let value = percent(latest.figures.digital_take_up.unwrap_or_default());
    match latest.change.digital_take_up {
        Some(change) => words
            .with_change
            .replace("{value}", &value)
            .replace("{period}", &label(latest.period))
            .replace("{change}", &(words.change)(change))
            .replace("{previous}", &label(latest.period.previous())),
        None => words.plain.replace("{value}", &value).replace("{period}", &label(latest.period)),
    }
}

/// SVG markup of the chart; every text is escaped. Styling comes from classes only (no inline styles).
pub fn svg(chart: &TrendChart, text: &TrendText) -> String {
    let id = escape(&text.id);
    let mut out = format!(
        "<svg class=\"sk-trend\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
focusable=\"false\"><title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
        w = chart.width,
        h = chart.height,
        title = escape(&text.title),
        desc = escape(&text.description),
    );
    out.push_str("<g class=\"sk-trend__grid\">");
    for tick in &chart.y_ticks {
        out.push_str(&format!(
            "<line x1=\"{l}\" x2=\"{r}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\">{label}</text>",
            l = chart.plot_left,
            r = chart.plot_right,
            y = tick.at,
            tx = chart.plot_left - 6.0,
            ty = tick.at + 4.0,
            label = escape(&tick.label),
        ));
    }
    for tick in &chart.x_ticks {
        out.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{label}</text>",
            x = tick.at,
            y = chart.plot_bottom + 20.0,
            label = escape(&tick.label),
        ));
    }
    out.push_str("</g>");
    if !chart.assisted_band.is_empty() {
        out.push_str(&format!("<path class=\"sk-trend__assisted\" d=\"{}\"/>", chart.assisted_band));
    }
    if let Some(y) = chart.target_y {
        out.push_str(&format!(
            "<line class=\"sk-trend__target\" x1=\"{l}\" x2=\"{r}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
<text class=\"sk-trend__target-label\" x=\"{tx}\" y=\"{ty:.1}\">{label}</text>",
            l = chart.plot_left,
            r = chart.plot_right,
            tx = chart.plot_left + 6.0,
            ty = y - 6.0,
            label = escape(&text.target),
        ));
    }
    if !chart.line.is_empty() {
        out.push_str(&format!("<path class=\"sk-trend__line\" d=\"{}\"/>", chart.line));
    }
    out.push_str("<g class=\"sk-trend__points\">");
    let radius = if chart.points.len() > 60 { 2.5 } else { 4.0 };
    for (i, p) in chart.points.iter().enumerate() {
        out.push_str(&format!(
            "<circle class=\"sk-trend__point\" data-index=\"{i}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius}\"><title>{t}</title></circle>",
            x = p.x,
            y = p.y,
            t = escape(&point_text(text, p)),
        ));
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::{compute, FeedbackTally, PeriodTotals};
    use crate::measurement::Channel;

    fn month(m: &str, digital: u64, assisted: u64, phone: u64) -> PeriodTotals {
        PeriodTotals {
            period: Period::parse(m).unwrap(),
            channels: vec![
                (Channel::Digital, None, Some(digital), None),
                (Channel::AssistedDigital, None, Some(assisted), None),
                (Channel::Phone, None, Some(phone), None),
            ],
            ratings: [0; 5],
            metrics: Default::default(),
            uploaded_at: None,
        }
    }

    fn chart(totals: &[PeriodTotals], target: Option<f64>) -> TrendChart {
        layout(&compute(totals, &FeedbackTally::new()), target, 640.0, 320.0)
    }

    #[test]
    fn no_points_draws_axes_only() {
        let c = chart(&[], Some(0.8));
        assert!(c.points.is_empty() && c.line.is_empty() && c.x_ticks.is_empty());
        assert_eq!(c.y_ticks.len(), 5);
        assert_eq!(c.target_y, Some(c.plot_bottom - 0.8 * (c.plot_bottom - c.plot_top)));
    }

    #[test]
    fn one_point_sits_in_the_middle_and_still_draws() {
        let c = chart(&[month("2026-03", 50, 0, 50)], None);
        assert_eq!(c.points.len(), 1);
        assert!((c.points[0].x - (c.plot_left + c.plot_right) / 2.0).abs() < 0.01);
        assert!(c.line.starts_with('M') && c.line.contains('h'));
        assert_eq!(c.x_ticks.len(), 1);
        assert_eq!(c.x_ticks[0].label, "Mar 2026");
    }

    #[test]
    fn a_gap_splits_the_line_and_full_take_up_reaches_the_top() {
        let c =
            chart(&[month("2026-01", 10, 0, 0), month("2026-02", 5, 5, 0), month("2026-04", 1, 0, 1)], None);
        assert_eq!(c.points.len(), 3);
        assert_eq!(c.line.matches('M').count(), 2, "January–February, then April alone: {}", c.line);
        assert_eq!(c.points[0].y, c.plot_top, "100 % is the top of the plot");
        assert_eq!(c.points[1].y, c.plot_top);
        assert_eq!(c.points[1].digital_only_y, c.plot_bottom - 0.5 * (c.plot_bottom - c.plot_top));
        assert_eq!(c.assisted_band.matches('Z').count(), 1, "only February has assisted digital");
    }

    #[test]
    fn ten_years_of_months_label_years_not_months() {
        let totals: Vec<PeriodTotals> = (0..120)
            .map(|i| month(&Period::month_of(2016 * 12 + i).to_string(), 1_000_000_000, 0, 1))
            .collect();
        let c = chart(&totals, None);
        assert_eq!(c.points.len(), 120);
        assert!(c.x_ticks.len() <= 8, "{:?}", c.x_ticks);
        assert!(c.x_ticks.iter().all(|t| t.label.len() == 4), "{:?}", c.x_ticks);
        assert!(c.points.windows(2).all(|w| w[0].x < w[1].x));
        assert!(c.points.iter().all(|p| p.y >= c.plot_top && p.y <= c.plot_bottom));
    }

    #[test]
    fn summary_says_the_latest_value_and_its_change() {
        let text = TrendText {
            id: "t".into(),
            title: String::new(),
            description: String::new(),
            target: String::new(),
            point: String::new(),
            months: Vec::new(),
            to: "to".into(),
        };
        let words = SummaryText {
            no_data: "none",
            plain: "{value} in {period}.",
            with_change: "{value} in {period}, {change} on {previous}.",
            change: &crate::kpi::points_change,
        };
        let k = compute(&[month("2026-02", 75, 0, 25), month("2026-03", 78, 0, 22)], &FeedbackTally::new());
        assert_eq!(summary(&k, &text, &words), "78% in March 2026, up 3 points on February 2026.");
        assert_eq!(summary(&k[..1], &text, &words), "75% in February 2026.");
        assert_eq!(summary(&[], &text, &words), "none");
    }

    #[test]
    fn svg_escapes_text_and_uses_no_inline_styles() {
        let c = chart(&[month("2026-03", 3, 1, 0)], Some(0.9));
        let text = TrendText {
            id: "t".into(),
            title: "<script>alert(1)</script>".into(),
            description: "a & b".into(),
            target: "Target 90%".into(),
            point: "{period}: {take_up} ({assisted} assisted)".into(),
            months: Vec::new(),
            to: "to".into(),
        };
        let markup = svg(&c, &text);
        assert!(markup.contains("&lt;script&gt;") && !markup.contains("<script>"));
        assert!(!markup.contains("style="));
        assert!(markup.contains("<title>March 2026: 100% (25% assisted)</title>"));
        assert!(markup.contains("sk-trend__target"));
    }
}
