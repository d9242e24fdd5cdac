//! The embed snippets an intranet editor pastes: one script tag and one element
//! per widget. The README, the embed builder page and the tests all use these.

use crate::html::escape;

/// An embeddable widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// Role self-assessment.
    SelfAssessment,
    /// Team skills coverage.
    TeamCoverage,
    /// A service's contract.
    Contract,
    /// A service's digital take-up chart.
    TakeUp,
    /// "Rate this service".
    Feedback,
}

impl Widget {
    /// Every widget, in the order the builder offers them.
    pub const ALL: [Widget; 5] =
        [Widget::SelfAssessment, Widget::TeamCoverage, Widget::Contract, Widget::TakeUp, Widget::Feedback];

    /// The element name, e.g. `servicekit-take-up`.
    pub fn element(self) -> &'static str {
        match self {
            Widget::SelfAssessment => "servicekit-self-assessment",
            Widget::TeamCoverage => "servicekit-team-coverage",
            Widget::Contract => "servicekit-contract",
            Widget::TakeUp => "servicekit-take-up",
            Widget::Feedback => "servicekit-feedback",
        }
    }

    /// The widget named by its element name.
    pub fn from_element(name: &str) -> Option<Widget> {
        Widget::ALL.into_iter().find(|w| w.element() == name)
    }

    /// Whether the widget is about one service (and needs `service`).
    pub fn needs_service(self) -> bool {
        matches!(self, Widget::Contract | Widget::TakeUp | Widget::Feedback)
    }
}

/// What an editor can set on a widget; empty values are left out of the snippet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// The service's slug (contract, take-up, feedback).
    pub service: String,
    /// The role profile id (self-assessment).
    pub profile: String,
    /// A team id (self-assessment).
    pub team: String,
    /// `en`, `cy`, or empty for the page's language.
    pub lang: String,
}

/// The snippet for `widget` served from `origin` (e.g. `http://127.0.0.1:8787`), escaped for HTML.
pub fn snippet(origin: &str, widget: Widget, options: &EmbedOptions) -> String {
    let mut attributes = String::new();
    let mut add = |name: &str, value: &str| {
        if !value.trim().is_empty() {
            attributes.push_str(&format!(" {name}=\"{}\"", escape(value.trim())));
        }
    };
    if widget == Widget::SelfAssessment {
        add("profile", &options.profile);
        add("team", &options.team);
    }
    if widget.needs_service() {
        add("service", &options.service);
    }
    add("lang", &options.lang);
    let element = widget.element();
    format!(
        "<script type=\"module\" src=\"{}/embed.js\"></script>\n<{element}{attributes}></{element}>",
        escape(origin.trim_end_matches('/'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_carry_only_the_attributes_that_apply_escaped() {
        let options = EmbedOptions {
            service: "apply-for-a-fishing-licence".into(),
            profile: "ddat-service-owner-2020".into(),
            team: String::new(),
            lang: "cy".into(),
        };
        assert_eq!(
            snippet("http://127.0.0.1:8787/", Widget::TakeUp, &options),
            "<script type=\"module\" src=\"http://127.0.0.1:8787/embed.js\"></script>\n\
<servicekit-take-up service=\"apply-for-a-fishing-licence\" lang=\"cy\"></servicekit-take-up>"
        );
        let hostile = EmbedOptions { profile: "\"><script>".into(), ..EmbedOptions::default() };
        assert!(snippet("https://x", Widget::SelfAssessment, &hostile)
            .contains("profile=\"&quot;&gt;&lt;script&gt;\""));
        assert_eq!(Widget::from_element("servicekit-feedback"), Some(Widget::Feedback));
    }

    /// The README's `## Embedding` section shows exactly what the builder gives, widget by widget.
    #[test]
    fn the_readme_shows_the_builder_snippets() {
        let readme = include_str!("../../../README.md");
        let section = readme.split("## Embedding").nth(1).expect("README has ## Embedding");
        let section = section.split("\n## ").next().unwrap_or(section);
        let blocks: Vec<&str> =
            section.split("```html\n").skip(1).map(|b| b.split("\n```").next().unwrap_or(b)).collect();
        let options = EmbedOptions {
            service: "apply-for-a-fishing-licence".into(),
            profile: "ddat-service-owner-2020".into(),
            ..EmbedOptions::default()
        };
        let expected: Vec<String> =
            Widget::ALL.iter().map(|w| snippet("http://127.0.0.1:8787", *w, &options)).collect();
        assert_eq!(blocks, expected);
    }
}
