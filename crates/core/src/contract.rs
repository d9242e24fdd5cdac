//! Service contracts (OSOM): what a service is, the user needs it meets, how
//! it is measured, what it depends on; their validation, and whether each
//! user need is being met.

use crate::assessment::{pointer, FieldProblem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Longest short text (names, ids, units), in characters.
pub const MAX_SHORT_CHARS: usize = 200;
/// Longest long text (descriptions, needs), in characters.
pub const MAX_LONG_CHARS: usize = 5_000;

/// Where a service is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum LifecycleStage {
    /// Finding out whether there is a problem worth solving.
    Discovery,
    /// Trying out ways to meet the needs.
    Alpha,
    /// Running for real users, still changing fast.
    Beta,
    /// Running and improving.
    Live,
    /// Closed; the contract says why.
    Decommissioned,
}

impl LifecycleStage {
    /// Every stage, in life order.
    pub const ALL: [LifecycleStage; 5] = [
        LifecycleStage::Discovery,
        LifecycleStage::Alpha,
        LifecycleStage::Beta,
        LifecycleStage::Live,
        LifecycleStage::Decommissioned,
    ];

    /// The identifier used in JSON (`"beta"`).
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleStage::Discovery => "discovery",
            LifecycleStage::Alpha => "alpha",
            LifecycleStage::Beta => "beta",
            LifecycleStage::Live => "live",
            LifecycleStage::Decommissioned => "decommissioned",
        }
    }
}

/// How settled the way of meeting the need is (Wardley evolution).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Evolution {
    /// A new way of meeting a need.
    Novel,
    /// Built for this organisation.
    Bespoke,
    /// A product, bought or built.
    Product,
    /// A commodity or utility.
    Commodity,
}

impl Evolution {
    /// Every evolution, from least to most settled.
    pub const ALL: [Evolution; 4] =
        [Evolution::Novel, Evolution::Bespoke, Evolution::Product, Evolution::Commodity];

    /// The identifier used in JSON (`"bespoke"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Evolution::Novel => "novel",
            Evolution::Bespoke => "bespoke",
            Evolution::Product => "product",
            Evolution::Commodity => "commodity",
        }
    }
}

/// Who is accountable for the service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceManager {
    /// The service manager's name.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub name: String,
    /// How to reach them (email or other).
    pub contact: String,
}

/// What the service is and how it is used, in the contract's own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceDescription {
    /// What the service is.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub overview: String,
    /// What the organisation gains from it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub business_benefit: String,
    /// How users use it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub how_it_is_used: String,
    /// How users start and stop using it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub onboarding_and_offboarding: String,
    /// What success looks like.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub success: String,
    /// What failure looks like.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub failure: String,
    /// Where users get help.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub help: String,
}

/// "As a … I need … so that …".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UserNeed {
    /// Stable id, unique in the contract, used by metrics.
    pub id: String,
    /// Who has the need.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub as_a: String,
    /// What they need.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub i_need: String,
    /// Why.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_LONG_CHARS)))]
    pub so_that: String,
}

/// What a metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MetricKind {
    /// An outcome for users or the organisation.
    Outcome,
    /// What the service costs.
    Cost,
    /// How much the service is used (a volume, not a goal).
    Consumption,
    /// User satisfaction.
    Satisfaction,
    /// Completion rate.
    Completion,
    /// Digital take-up.
    TakeUp,
}

impl MetricKind {
    /// Every kind, in the order a form offers them.
    pub const ALL: [MetricKind; 6] = [
        MetricKind::Outcome,
        MetricKind::Cost,
        MetricKind::Consumption,
        MetricKind::Satisfaction,
        MetricKind::Completion,
        MetricKind::TakeUp,
    ];

    /// The kind's name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Outcome => "outcome",
            MetricKind::Cost => "cost",
            MetricKind::Consumption => "consumption",
            MetricKind::Satisfaction => "satisfaction",
            MetricKind::Completion => "completion",
            MetricKind::TakeUp => "take-up",
        }
    }

    /// Whether a target makes sense: volumes of use are reported, not aimed at.
    pub fn takes_target(self) -> bool {
        self != MetricKind::Consumption
    }
}

/// Which side of the target value is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The value should be at least the target.
    AtLeast,
    /// The value should be at most the target.
    AtMost,
}

/// A goal for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The value to reach.
    pub value: f64,
    /// Which side of it is good.
    pub direction: Direction,
}

impl Target {
    /// Whether `value` meets the target.
    pub fn is_met_by(&self, value: f64) -> bool {
        match self.direction {
            Direction::AtLeast => value >= self.value,
            Direction::AtMost => value <= self.value,
        }
    }
}

/// A measure of the service, and the needs it is evidence for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceMetric {
    /// Stable id, unique in the contract.
    pub id: String,
    /// What it is called.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub name: String,
    /// What it measures.
    pub kind: MetricKind,
    /// Unit of its values (`"%"`, `"£"`, `"transactions"`).
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub unit: String,
    /// The goal, where one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Ids of the user needs it is evidence for.
    #[serde(default)]
    pub needs: Vec<String>,
}

impl ServiceMetric {
    /// A value of this metric for people: `78%`, `£4.50`, `1,234 licences`.
    pub fn format_value(&self, value: f64) -> String {
        match self.unit.trim() {
            "%" => format!("{}%", value.round() as i64),
            "£" => crate::kpi::money(value),
            unit if value.fract() == 0.0 && value.abs() < 1e15 => {
                let number = match value < 0.0 {
                    true => format!("-{}", crate::kpi::whole_number(value.abs() as u64)),
                    false => crate::kpi::whole_number(value as u64),
                };
                format!("{number} {unit}").trim_end().to_owned()
            }
            unit => format!("{value:.2} {unit}").trim_end().to_owned(),
        }
    }
}

impl ServiceContract {
    /// A first draft for a new service: its name and manager, stage discovery, everything else empty.
    pub fn draft(name: &str, manager: &str) -> ServiceContract {
        ServiceContract {
            name: name.to_owned(),
            manager: ServiceManager { name: manager.to_owned(), contact: String::new() },
            stage: LifecycleStage::Discovery,
            decommissioned_because: None,
            evolution: Evolution::Novel,
            description: ServiceDescription::default(),
            user_needs: Vec::new(),
            metrics: Vec::new(),
            dependencies: Vec::new(),
            version: None,
            last_reviewed: String::new(),
        }
    }
}

/// Something the service relies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Dependency {
    /// Another service in servicekit, by slug.
    Service {
        /// The other service's slug.
        slug: String,
    },
    /// Anything outside servicekit.
    External {
        /// What it is.
        name: String,
        /// Where to read about it, if anywhere.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
}

/// Reads a dependency as it is written: `kind` beside the fields of that kind.
///
/// Written out rather than derived: serde reads an internally tagged enum by
/// first copying the whole object into a generic map, which adds code to every
/// widget that reads a contract.
impl<'de> Deserialize<'de> for Dependency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(rename_all = "kebab-case")]
        enum Kind {
            Service,
            External,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Written {
            kind: Kind,
            slug: Option<String>,
            name: Option<String>,
            url: Option<String>,
        }
        let w = Written::deserialize(deserializer)?;
        match w.kind {
            Kind::Service => match (w.slug, w.name.is_some(), w.url.is_some()) {
                (None, _, _) => Err(D::Error::missing_field("slug")),
                (Some(_), true, _) => Err(D::Error::unknown_field("name", &["kind", "slug"])),
                (Some(_), false, true) => Err(D::Error::unknown_field("url", &["kind", "slug"])),
                (Some(slug), false, false) => Ok(Dependency::Service { slug }),
            },
            Kind::External => match (w.name, w.slug.is_some()) {
                (None, _) => Err(D::Error::missing_field("name")),
                (Some(_), true) => Err(D::Error::unknown_field("slug", &["kind", "name", "url"])),
                (Some(name), false) => Ok(Dependency::External { name, url: w.url }),
            },
        }
    }
}

/// A service contract as its manager writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceContract {
    /// The service's name.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub name: String,
    /// Who is accountable.
    pub manager: ServiceManager,
    /// Where it is in its life.
    pub stage: LifecycleStage,
    /// Why it was closed; only when decommissioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decommissioned_because: Option<String>,
    /// How settled its way of meeting needs is.
    pub evolution: Evolution,
    /// What it is and how it is used.
    pub description: ServiceDescription,
    /// The needs it meets.
    #[serde(default)]
    pub user_needs: Vec<UserNeed>,
    /// How it is measured.
    #[serde(default)]
    pub metrics: Vec<ServiceMetric>,
    /// What it relies on.
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    /// The contract's own version label, if the team keeps one (`"2.1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub version: Option<String>,
    /// When the contract was last reviewed (`YYYY-MM-DD`).
    pub last_reviewed: String,
}

/// Everything wrong with a contract (errors stop it being saved) and what only deserves a look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ContractReport {
    /// Problems that stop the contract being saved.
    pub errors: Vec<FieldProblem>,
    /// Things worth a look that do not stop it.
    pub warnings: Vec<FieldProblem>,
}

/// Whether `slug` can name a service: 2–64 lower-case letters, digits and single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    (2..=64).contains(&slug.len())
        && slug.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

struct Checker {
    report: ContractReport,
}

impl Checker {
    fn error(&mut self, path: &[&str], detail: impl Into<String>) {
        self.report.errors.push(FieldProblem { pointer: pointer(path), detail: detail.into() });
    }

    fn warn(&mut self, path: &[&str], detail: impl Into<String>) {
        self.report.warnings.push(FieldProblem { pointer: pointer(path), detail: detail.into() });
    }

    fn text(&mut self, path: &[&str], value: &str, what: &str, required: bool, max: usize) {
        let chars = value.chars().count();
        if required && value.trim().is_empty() {
            self.error(path, format!("Enter {what}."));
        } else if chars > max {
            self.error(
                path,
                format!("{} must be {max} characters or fewer; it has {chars}.", capitalise(what)),
            );
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Checks a contract for the service `slug`, reporting every problem at once.
pub fn validate(contract: &ServiceContract, slug: &str) -> ContractReport {
    let mut c = Checker { report: ContractReport::default() };
    c.text(&["name"], &contract.name, "the service's name", true, MAX_SHORT_CHARS);
    c.text(&["manager", "name"], &contract.manager.name, "the service manager's name", true, MAX_SHORT_CHARS);
    c.text(
        &["manager", "contact"],
        &contract.manager.contact,
        "how to contact the service manager",
        true,
        MAX_SHORT_CHARS,
    );
    match (contract.stage, contract.decommissioned_because.as_deref().map(str::trim)) {
        (LifecycleStage::Decommissioned, None | Some("")) => {
            c.error(&["decommissioned_because"], "Say why the service was decommissioned.")
        }
        (LifecycleStage::Decommissioned, Some(reason)) => {
            c.text(&["decommissioned_because"], reason, "the reason", true, MAX_LONG_CHARS)
        }
        (_, Some(_)) => {
            c.error(&["decommissioned_because"], "Give a reason only when the stage is decommissioned.")
        }
        (_, None) => {}
    }
    let d = &contract.description;
    c.text(&["description", "overview"], &d.overview, "an overview of the service", true, MAX_LONG_CHARS);
    for (field, value) in [
        ("business_benefit", &d.business_benefit),
        ("how_it_is_used", &d.how_it_is_used),
        ("onboarding_and_offboarding", &d.onboarding_and_offboarding),
        ("success", &d.success),
        ("failure", &d.failure),
        ("help", &d.help),
    ] {
        c.text(&["description", field], value, "this description", false, MAX_LONG_CHARS);
    }

    let mut need_ids = BTreeSet::new();
    for (i, need) in contract.user_needs.iter().enumerate() {
        let i = i.to_string();
        let at = |field: &'static str| ["user_needs", i.as_str(), field];
        if !is_valid_slug(&need.id) {
            c.error(&at("id"), "Use 2 to 64 lower-case letters, digits and hyphens for a need's id.");
        } else if !need_ids.insert(need.id.as_str()) {
            c.error(&at("id"), format!("The need id '{}' is used twice.", need.id));
        }
        c.text(&at("as_a"), &need.as_a, "who has the need (\"As a …\")", true, MAX_LONG_CHARS);
        c.text(&at("i_need"), &need.i_need, "what they need (\"I need …\")", true, MAX_LONG_CHARS);
        c.text(&at("so_that"), &need.so_that, "why (\"so that …\")", true, MAX_LONG_CHARS);
    }

    let mut metric_ids = BTreeSet::new();
    let mut evidenced = BTreeSet::new();
    for (i, metric) in contract.metrics.iter().enumerate() {
        let i = i.to_string();
        let at = |field: &'static str| ["metrics", i.as_str(), field];
        if !is_valid_slug(&metric.id) {
            c.error(&at("id"), "Use 2 to 64 lower-case letters, digits and hyphens for a metric's id.");
        } else if !metric_ids.insert(metric.id.as_str()) {
            c.error(&at("id"), format!("The metric id '{}' is used twice.", metric.id));
        }
        c.text(&at("name"), &metric.name, "the metric's name", true, MAX_SHORT_CHARS);
        c.text(&at("unit"), &metric.unit, "the metric's unit", true, MAX_SHORT_CHARS);
        if let Some(target) = metric.target {
            if !metric.kind.takes_target() {
                c.error(&at("target"), "A consumption metric reports use; remove its target.");
            } else if !target.value.is_finite() {
                c.error(&at("target"), "The target must be a number.");
            }
        }
        for (j, need) in metric.needs.iter().enumerate() {
            let j = j.to_string();
            if need_ids.contains(need.as_str()) {
                evidenced.insert(need.as_str());
            } else {
                c.error(
                    &["metrics", &i, "needs", &j],
                    format!("There is no user need '{need}' in this contract."),
                );
            }
        }
    }
    for (i, need) in contract.user_needs.iter().enumerate() {
        if !evidenced.contains(need.id.as_str()) && need_ids.contains(need.id.as_str()) {
            c.warn(
                &["user_needs", &i.to_string()],
                format!("No metric shows whether the need '{}' is met.", need.id),
            );
        }
    }

    for (i, dependency) in contract.dependencies.iter().enumerate() {
        let i = i.to_string();
        match dependency {
            Dependency::Service { slug: other } if other == slug => {
                c.error(&["dependencies", &i, "slug"], "A service cannot depend on itself.")
            }
            Dependency::Service { slug: other } if !is_valid_slug(other) => {
                c.error(&["dependencies", &i, "slug"], format!("'{other}' is not a service slug."))
            }
            Dependency::External { name, url } => {
                c.text(&["dependencies", &i, "name"], name, "the dependency's name", true, MAX_SHORT_CHARS);
                if url.as_deref().is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
                    c.error(&["dependencies", &i, "url"], "Give a web address starting with https://.");
                }
            }
            Dependency::Service { .. } => {}
        }
    }

    let format = time::macros::format_description!("[year]-[month]-[day]");
    if time::Date::parse(&contract.last_reviewed, format).is_err() {
        c.error(
            &["last_reviewed"],
            "Give the date of the last review as YYYY-MM-DD, for example 2026-11-24.",
        );
    }
    if let Some(version) = &contract.version {
        c.text(&["version"], version, "the version label", false, MAX_SHORT_CHARS);
    }
    c.report
}

/// Whether a user need is being met, as far as its metrics show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NeedStatus {
    /// Every metric with a target meets it.
    Met,
    /// At least one metric misses its target.
    NotMet,
    /// No metric with a target has a value yet.
    Unknown,
}

/// One need's status and the metrics behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NeedReport {
    /// The need's id.
    pub need: String,
    /// Met, not met or unknown.
    pub status: NeedStatus,
    /// Ids of the metrics that are evidence for it.
    pub metrics: Vec<String>,
}

/// For each user need, whether it is met, from the latest value of each metric (`latest(metric_id)`).
///
/// A need is not met if any of its metrics with a target misses it; met if
/// all of them have values meeting their targets; unknown otherwise.
pub fn need_status(contract: &ServiceContract, latest: impl Fn(&str) -> Option<f64>) -> Vec<NeedReport> {
    contract
        .user_needs
        .iter()
        .map(|need| {
            let metrics: Vec<&ServiceMetric> =
                contract.metrics.iter().filter(|m| m.needs.iter().any(|n| n == &need.id)).collect();
            let verdicts: Vec<Option<bool>> = metrics
                .iter()
                .filter_map(|m| m.target.map(|t| latest(&m.id).map(|v| t.is_met_by(v))))
                .collect();
            let status = if verdicts.contains(&Some(false)) {
                NeedStatus::NotMet
            } else if !verdicts.is_empty() && verdicts.iter().all(|v| *v == Some(true)) {
                NeedStatus::Met
            } else {
                NeedStatus::Unknown
            };
            NeedReport {
                need: need.id.clone(),
                status,
                metrics: metrics.iter().map(|m| m.id.clone()).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// A service as the administrator creates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceSubmission {
    /// Identifier used in URLs, e.g. `"apply-for-a-fishing-licence"`.
    pub slug: String,
    /// The service's name.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub name: String,
    /// The service manager's name.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SHORT_CHARS)))]
    pub manager: String,
}

/// Checks a new service, reporting every problem at once.
pub fn validate_service(service: &ServiceSubmission) -> Vec<FieldProblem> {
    let mut c = Checker { report: ContractReport::default() };
    if !is_valid_slug(&service.slug) {
        c.error(&["slug"], "Use 2 to 64 lower-case letters, digits and single hyphens for the slug.");
    }
    c.text(&["name"], &service.name, "the service's name", true, MAX_SHORT_CHARS);
    c.text(&["manager"], &service.manager, "the service manager's name", true, MAX_SHORT_CHARS);
    c.report.errors
}

/// One entry of `GET /v1/services`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ServiceSummary {
    /// The service's slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its service manager.
    pub manager: String,
    /// Its stage, once it has a contract.
    pub stage: Option<LifecycleStage>,
    /// Path of its contract.
    pub href: String,
}

/// A saved version of a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ContractVersion {
    /// Version id: sortable by time of saving.
    pub version: String,
    /// When it was saved (RFC 3339, UTC).
    pub saved_at: String,
    /// The contract.
    pub contract: ServiceContract,
}

/// Body of `GET /v1/services/{slug}/contract`: the latest version and how each need stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ContractView {
    /// The latest version.
    #[serde(flatten)]
    pub latest: ContractVersion,
    /// Whether each user need is met, from the latest measurements.
    pub needs: Vec<NeedReport>,
    /// The latest value of each metric that has one, by metric id.
    #[serde(default)]
    pub metric_values: std::collections::BTreeMap<String, f64>,
}

/// Reads a contract view as it is written, the latest version's fields beside the others.
///
/// Written out rather than derived: serde reads a `#[serde(flatten)]` field by
/// first copying the whole object (the contract included) into a generic map,
/// which is slower and adds code to the contract widget.
impl<'de> Deserialize<'de> for ContractView {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Written {
            version: String,
            saved_at: String,
            contract: ServiceContract,
            needs: Vec<NeedReport>,
            #[serde(default)]
            metric_values: std::collections::BTreeMap<String, f64>,
        }
        let w = Written::deserialize(deserializer)?;
        Ok(ContractView {
            latest: ContractVersion { version: w.version, saved_at: w.saved_at, contract: w.contract },
            needs: w.needs,
            metric_values: w.metric_values,
        })
    }
}

/// Body of `201` from `PUT /v1/services/{slug}/contract`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SavedContract {
    /// The new version's id.
    pub version: String,
    /// Things worth a look that did not stop the save.
    pub warnings: Vec<FieldProblem>,
}
