//! Layout of the gap chart: for each skill, the required range as a band and
//! the person's own level as a dot, on the framework's scale. Positions come
//! out as data, and [`svg`] draws them, so tests can check both without a browser.

use crate::assessment::{Gap, GapStatus};
use crate::html::escape;

/// Width of the column holding skill names, in chart units.
pub const LABEL_WIDTH: f32 = 250.0;
/// Height of one skill's row.
pub const ROW_HEIGHT: f32 = 32.0;
/// Space above the first row for the level numbers.
pub const AXIS_HEIGHT: f32 = 24.0;

/// Where everything in a gap chart goes.
#[derive(Debug, Clone, PartialEq)]
pub struct GapChart {
    /// Total width (the SVG viewBox width).
    pub width: f32,
    /// Total height (the SVG viewBox height).
    pub height: f32,
    /// One tick per level, centred on its column.
    pub ticks: Vec<Tick>,
    /// One row per skill, in the order given.
    pub rows: Vec<GapRow>,
}

/// A level's column on the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    /// Centre of the column.
    pub x: f32,
    /// The level's rank.
    pub rank: u8,
}

/// One skill's row.
#[derive(Debug, Clone, PartialEq)]
pub struct GapRow {
    /// Skill id.
    pub skill: String,
    /// Vertical centre of the row.
    pub y: f32,
    /// Left edge of the required band.
    pub band_x: f32,
    /// Width of the required band.
    pub band_width: f32,
    /// Centre of the person's level, when rated.
    pub rated_x: Option<f32>,
    /// How the rating compares.
    pub status: GapStatus,
}

/// Lays out `gaps` on a scale of `top` levels in a chart `width` units wide.
pub fn layout(gaps: &[Gap], top: u8, width: f32) -> GapChart {
    let top = top.max(1);
    let plot_width = (width - LABEL_WIDTH).max(f32::from(top) * 10.0);
    let cell = plot_width / f32::from(top);
    let centre = |rank: u8| LABEL_WIDTH + (f32::from(rank) - 0.5) * cell;
    let rows = gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            let max = gap.required.max.unwrap_or(top).min(top);
            let min = gap.required.min.clamp(1, max);
            GapRow {
                skill: gap.skill.clone(),
                y: AXIS_HEIGHT + (i as f32 + 0.5) * ROW_HEIGHT,
                band_x: centre(min) - cell / 2.0,
                band_width: f32::from(max - min + 1) * cell,
                rated_x: gap.rated.filter(|r| (1..=top).contains(r)).map(centre),
                status: gap.status,
            }
        })
        .collect();
    GapChart {
        width: LABEL_WIDTH + plot_width,
        height: AXIS_HEIGHT + gaps.len() as f32 * ROW_HEIGHT,
        ticks: (1..=top).map(|rank| Tick { x: centre(rank), rank }).collect(),
        rows,
    }
}

/// SVG markup of the chart, titled `title`, each row labelled `name_of(skill id)`;
/// every text is escaped. Styling comes from classes only (no inline styles).
pub fn svg(chart: &GapChart, title: &str, name_of: impl Fn(&str) -> String) -> String {
    let mut out = format!(
        "<svg class=\"sk-chart__svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"sk-chart-title\" \
focusable=\"false\" data-testid=\"sk-gap-chart\"><title id=\"sk-chart-title\">{title}</title>",
        w = chart.width,
        h = chart.height,
        title = escape(title),
    );
    for tick in &chart.ticks {
        out.push_str(&format!(
            "<text class=\"sk-chart__tick\" x=\"{x}\" y=\"14\" text-anchor=\"middle\">{rank}</text>\
<line class=\"sk-chart__grid\" x1=\"{x}\" x2=\"{x}\" y1=\"18\" y2=\"{h}\"/>",
            x = tick.x,
            rank = tick.rank,
            h = chart.height,
        ));
    }
    for row in &chart.rows {
        out.push_str(&format!(
            "<text class=\"sk-chart__label\" x=\"0\" y=\"{label_y}\">{name}</text>\
<rect class=\"sk-chart__band\" x=\"{x}\" y=\"{band_y}\" width=\"{width}\" height=\"{height}\"/>",
            label_y = row.y + 4.0,
            name = escape(&name_of(&row.skill)),
            x = row.band_x,
            band_y = row.y - ROW_HEIGHT / 4.0,
            width = row.band_width,
            height = ROW_HEIGHT / 2.0,
        ));
        if let Some(x) = row.rated_x {
            out.push_str(&format!(
                "<circle class=\"sk-chart__dot sk-chart__dot--{status}\" cx=\"{x}\" cy=\"{y}\" r=\"7\"/>",
                status = row.status.as_str(),
                y = row.y,
            ));
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skill::LevelRange;

    fn gap(skill: &str, required: LevelRange, rated: Option<u8>) -> Gap {
        let gap = rated.map(|r| required.gap(r));
        Gap { skill: skill.into(), required, rated, gap, status: GapStatus::of(gap) }
    }

    #[test]
    fn bands_cover_the_required_levels_and_dots_sit_on_the_rating() {
        let gaps = [
            gap("exact", LevelRange::exactly(4), Some(2)),
            gap("open", LevelRange::at_least(5), Some(6)),
            gap("range", LevelRange::between(3, 4), None),
        ];
        let chart = layout(&gaps, 7, 600.0);
        // 350 units of plot for 7 levels: 50 per level, level n centred at 250 + 50n - 25.
        assert_eq!(chart.width, 600.0);
        assert_eq!(chart.height, AXIS_HEIGHT + 3.0 * ROW_HEIGHT);
        assert_eq!(
            chart.ticks.iter().map(|t| t.x).collect::<Vec<_>>(),
            [275.0, 325.0, 375.0, 425.0, 475.0, 525.0, 575.0]
        );
        let bands: Vec<(f32, f32, Option<f32>)> =
            chart.rows.iter().map(|r| (r.band_x, r.band_width, r.rated_x)).collect();
        assert_eq!(bands, [(400.0, 50.0, Some(325.0)), (450.0, 150.0, Some(525.0)), (350.0, 100.0, None)]);
        assert_eq!(chart.rows[0].y, AXIS_HEIGHT + ROW_HEIGHT / 2.0);
        assert_eq!(chart.rows[1].status, GapStatus::Met);
    }

    #[test]
    fn svg_draws_a_band_per_skill_and_a_dot_per_rating_with_escaped_names() {
        let gaps = [gap("a", LevelRange::exactly(2), Some(1)), gap("b", LevelRange::at_least(3), None)];
        let markup = svg(&layout(&gaps, 4, 640.0), "Gaps <chart>", |id| format!("Skill {id} & <more>"));
        assert!(markup.starts_with("<svg class=\"sk-chart__svg\" viewBox=\"0 0 640 88\" role=\"img\""));
        assert!(markup.contains("<title id=\"sk-chart-title\">Gaps &lt;chart&gt;</title>"));
        assert_eq!(markup.matches("<rect class=\"sk-chart__band\"").count(), 2);
        assert_eq!(markup.matches("<circle ").count(), 1);
        assert!(markup.contains("sk-chart__dot--below"));
        assert!(markup.contains(">Skill a &amp; &lt;more&gt;</text>"));
        assert_eq!(markup.matches("class=\"sk-chart__tick\"").count(), 4);
        assert!(!markup.contains("style="));
        assert!(markup.ends_with("</svg>"));
    }

    #[test]
    fn a_narrow_chart_still_gives_every_level_room() {
        let chart = layout(&[gap("x", LevelRange::exactly(1), Some(1))], 4, 100.0);
        assert_eq!(chart.width, LABEL_WIDTH + 40.0);
        assert!(chart.rows[0].band_width > 0.0);
    }
}
