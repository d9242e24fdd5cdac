//! The gap chart (core's SVG of `servicekit_core::chart::layout`) and the same data as a table.

use crate::i18n::{fill, use_strings, Strings};
use leptos::prelude::*;
use servicekit_core::assessment::{Gap, SkillChange};
use servicekit_core::chart;
use servicekit_core::{RoleProfile, Scale};
use std::sync::Arc;

/// Chart width in SVG units; the SVG scales to its container.
const WIDTH: f32 = 640.0;

/// Each skill's required band and the person's level, then a table of the same numbers.
#[component]
pub fn GapChart(
    profile: Arc<RoleProfile>,
    gaps: Memo<Vec<Gap>>,
    /// Per-skill change since the last saved assessment, when there is one.
    changes: Memo<Option<Vec<SkillChange>>>,
) -> impl IntoView {
    let t = use_strings();
    let scale = profile.scale;
    let name_of = {
        let profile = profile.clone();
        move |id: &str| profile.skill_name(id).to_owned()
    };
    // Core draws the SVG (as for the public page's take-up chart); it is redrawn whole on each change.
    let svg = {
        let name_of = name_of.clone();
        move || {
            let layout = gaps.with(|g| chart::layout(g, scale.top(), WIDTH));
            chart::svg(&layout, t.chart_title.as_str(), &name_of)
        }
    };
    let table_rows = move || {
        gaps.get()
            .into_iter()
            .map(|gap| {
                let rated = gap.rated.map(|r| t.level_label(scale, r)).unwrap_or_else(|| "–".to_owned());
                view! {
                    <tr class="sk-table__row">
                        <th scope="row" class="sk-table__header">{name_of(&gap.skill)}</th>
                        <td class="sk-table__cell">{t.range_label(scale, gap.required)}</td>
                        <td class="sk-table__cell">{rated}</td>
                        <td class="sk-table__cell">{t.gap_line(gap.status, gap.gap)}</td>
                        {changes.with(|c| {
                            c.as_ref().map(|all| {
                                let change = all.iter().find(|c| c.skill == gap.skill).and_then(|c| c.change);
                                view! { <td class="sk-table__cell">{t.change_line(change)}</td> }
                            })
                        })}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="sk-chart">
            <div inner_html=svg></div>
            <figcaption class="sk-hint">{legend(t, scale)}</figcaption>
        </figure>
        <div class="sk-table-wrap"><table class="sk-table" data-testid="sk-gap-table">
            <caption class="sk-table__caption">{t.table_caption.as_str()}</caption>
            <thead>
                <tr>
                    <th scope="col" class="sk-table__header">{t.table_skill.as_str()}</th>
                    <th scope="col" class="sk-table__header">{t.required.as_str()}</th>
                    <th scope="col" class="sk-table__header">{t.table_yours.as_str()}</th>
                    <th scope="col" class="sk-table__header">{t.table_gap.as_str()}</th>
                    {move || changes.with(Option::is_some).then(|| view! {
                        <th scope="col" class="sk-table__header">{t.table_change.as_str()}</th>
                    })}
                </tr>
            </thead>
            <tbody>{table_rows}</tbody>
        </table></div>
    }
}

fn legend(t: &Strings, scale: Scale) -> String {
    let levels = match scale {
        Scale::Ddat => scale
            .ranks()
            .map(|r| format!("{r} {}", t.lower(&t.level_label(scale, r))))
            .collect::<Vec<_>>()
            .join(", "),
        Scale::Sfia => fill(&t.chart_levels_sfia, &[("top", &scale.top())]),
    };
    format!("{} {levels}.", t.chart_legend.as_str())
}
