//! Role profiles to choose from, for the self-assessment's and the team's role selects.

use leptos::prelude::*;
use servicekit_core::api::RoleSummary;

/// Role profiles grouped by framework and version ("DDaT 2025"), in the order the API lists them.
fn by_framework(list: Vec<RoleSummary>) -> Vec<(String, Vec<RoleSummary>)> {
    let mut groups: Vec<(String, Vec<RoleSummary>)> = Vec::new();
    for summary in list {
        let group = format!("{} {}", summary.framework.name, summary.framework.version);
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, members)) => members.push(summary),
            None => groups.push((group, vec![summary])),
        }
    }
    groups
}

/// The options of a role select: one `<optgroup>` per framework, each role's id as its value.
pub fn role_options(list: Vec<RoleSummary>) -> AnyView {
    by_framework(list)
        .into_iter()
        .map(|(framework, members)| {
            let options =
                members.into_iter().map(|r| view! { <option value=r.id>{r.title}</option> }).collect_view();
            view! { <optgroup label=framework>{options}</optgroup> }
        })
        .collect_view()
        .into_any()
}
