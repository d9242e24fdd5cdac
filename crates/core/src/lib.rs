//! servicekit's domain rules, shared by the Worker and the widgets.
//!
//! Architecture invariant: this crate does no I/O, has no `async`, and knows
//! nothing about `worker`, `leptos` or `web-sys`. Values in, values out.

pub mod api;
pub mod assessment;
pub mod backup;
pub mod chart;
pub mod coe;
pub mod contract;
pub mod csv_text;
pub mod ddat_import;
pub mod embed;
pub mod feedback;
pub mod html;
pub mod kpi;
pub mod measurement;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod performance;
pub mod plural;
pub mod profiles;
pub mod role;
pub mod skill;
pub mod team;
pub mod token;
pub mod trend;
pub mod words;

pub use assessment::{Assessment, FieldProblem, Gap, GapStatus, GapSummary, SkillRating};
pub use role::{Framework, RoleProfile, ServiceContext, SkillRequirement};
pub use skill::{LevelRange, Scale, SkillLevel};

/// The release of servicekit, reported by `GET /v1/health`.
pub const VERSION: &str = "0.1.0";
