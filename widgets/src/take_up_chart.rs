//! The take-up chart widget: digital take-up over time with the contract's
//! target, assisted digital as a band, a text summary, keyboard and pointer
//! tooltips, the same data as a table, the channel mix and a CSV link.
//!
//! The SVG comes from `servicekit_core::trend`, the same markup as the public
//! performance page; this widget only adds interaction.

use crate::api;
use crate::i18n::{fill, use_strings, Strings};
use crate::FirstPaint;
use leptos::prelude::*;
use servicekit_core::kpi::{percent, whole_number, KpiReport, Movement, PeriodKpis};
use servicekit_core::measurement::{Channel, Period};
use servicekit_core::trend::{self, SummaryText, TrendChart, TrendText};
use wasm_bindgen::JsCast;

/// Chart size in SVG units; it scales to the widget's width.
const WIDTH: f32 = trend::WIDGET_SIZE.0;
const HEIGHT: f32 = trend::WIDGET_SIZE.1;

/// Loads and shows the take-up chart of the service `slug`.
#[component]
pub fn TakeUpChart(
    /// Origin of the servicekit API.
    api: String,
    /// The service's slug.
    slug: String,
    /// The Worker's rendering of this chart on screen until this one has its data.
    first_paint: FirstPaint,
) -> impl IntoView {
    let t = use_strings();
    let csv = format!("{api}/v1/services/{slug}/measurements?format=csv");
    let data = crate::api::fetched(move || {
        let (api, slug) = (api.clone(), slug.clone());
        async move { api::kpis(&api, &slug).await }
    });
    // Drawn (or failed): take the first paint's place. Effects run before the next frame is painted.
    Effect::new(move |_| {
        if data.read().is_some() {
            first_paint.hand_over();
        }
    });
    view! {
        <section class="sk-take-up" aria-labelledby="sk-take-up-title">
            <h2 id="sk-take-up-title" class="sk-heading-l">{t.take_up_title.as_str()}</h2>
            {move || match data.get() {
                None => view! { <p class="sk-body" role="status">{t.take_up_loading.as_str()}</p> }.into_any(),
                Some(Err(failure)) => view! {
                    <div class="sk-error-summary" role="alert" data-testid="sk-error">
                        <p class="sk-body">{failure.message(t.take_up_unreachable.as_str())}</p>
                    </div>
                }.into_any(),
                Some(Ok(report)) => view! { <Chart report csv=csv.clone() /> }.into_any(),
            }}
        </section>
    }
}

/// The period in the reader's language.
fn period_label(t: &Strings, period: Period) -> String {
    period.label_in(&t.months, &t.period_to)
}

/// A change in percentage points in the reader's language.
fn points(t: &Strings, change: f64) -> String {
    match Movement::points(change) {
        Movement::Same => t.points_same.clone(),
        Movement::Up(p) => t.points_up.count(t.lang, p),
        Movement::Down(p) => t.points_down.count(t.lang, p),
    }
}

fn channel_name(t: &Strings, channel: Channel) -> String {
    let index = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
    t.channel_names.get(index).cloned().unwrap_or_else(|| channel.as_str().to_owned())
}

fn text(t: &Strings, report: &KpiReport) -> TrendText {
    TrendText {
        id: "sk-take-up-chart".to_owned(),
        title: t.take_up_title.clone(),
        description: t.take_up_description.clone(),
        target: report
            .take_up_target
            .map(|v| fill(&t.take_up_target, &[("value", &percent(v))]))
            .unwrap_or_default(),
        point: t.take_up_point.clone(),
        months: t.months.clone(),
        to: t.period_to.clone(),
    }
}

/// The chart, its summary, tooltips, table and channel mix.
#[component]
fn Chart(report: KpiReport, csv: String) -> impl IntoView {
    let t = use_strings();
    let layout: TrendChart = trend::layout(&report.periods, report.take_up_target, WIDTH, HEIGHT);
    let text = text(t, &report);
    let change = |c: f64| points(t, c);
    let words = SummaryText {
        no_data: &t.take_up_no_data,
        plain: &t.take_up_summary,
        with_change: &t.take_up_summary_change,
        change: &change,
    };
    let summary = trend::summary(&report.periods, &text, &words);
    let markup = trend::svg(&layout, &text);
    let with_take_up: Vec<PeriodKpis> = trend::with_take_up(&report.periods).into_iter().cloned().collect();
    let covered = match trend::covered(&report.periods) {
        Some((first, last)) => {
            fill(&t.take_up_covered, &[("first", &period_label(t, first)), ("last", &period_label(t, last))])
        }
        None => String::new(),
    };
    let updated = report
        .last_updated
        .as_deref()
        .map(|d| fill(&t.take_up_updated, &[("date", &d.get(..10).unwrap_or(d))]))
        .unwrap_or_default();

    let points_count = layout.points.len();
    // The period being read (kept for the channel mix) and whether its tooltip shows.
    let (active, set_active) = signal(None::<usize>);
    let (tip, set_tip) = signal(false);
    let (show_table, set_show_table) = signal(false);
    let (show_mix, set_show_mix) = signal(false);
    let plot = NodeRef::<leptos::html::Div>::new();

    // Highlight the active point in the server-shaped SVG by class.
    Effect::new(move |previous: Option<Option<usize>>| {
        let current = active.get();
        if let Some(root) = plot.get() {
            let mark = |i: usize, on: bool| {
                if let Ok(Some(el)) = root.query_selector(&format!("[data-index=\"{i}\"]")) {
                    let _ = if on {
                        el.class_list().add_1("sk-trend__point--active")
                    } else {
                        el.class_list().remove_1("sk-trend__point--active")
                    };
                }
            };
            if let Some(Some(old)) = previous {
                mark(old, false);
            }
            if let Some(new) = current {
                mark(new, true);
            }
        }
        current
    });

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if points_count == 0 {
            return;
        }
        let last = points_count - 1;
        let now = active.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" | "ArrowDown" => Some(now.map_or(last, |i| i.saturating_sub(1))),
            "ArrowRight" | "ArrowUp" => Some(now.map_or(last, |i| (i + 1).min(last))),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" => {
                set_tip.set(false);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        set_active.set(next);
        set_tip.set(true);
    };
    let xs: Vec<f32> = layout.points.iter().map(|p| p.x).collect();
    let on_pointer = move |ev: leptos::ev::PointerEvent| {
        let Some(target) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let rect = target.get_bounding_client_rect();
        if rect.width() <= 0.0 || xs.is_empty() {
            return;
        }
        let x = ((f64::from(ev.client_x()) - rect.left()) / rect.width()) as f32 * WIDTH;
        let nearest =
            xs.iter().enumerate().min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs())).map(|(i, _)| i);
        set_active.set(nearest);
        set_tip.set(true);
    };

    let tooltip_points = layout.points.clone();
    let tooltip_text = text.clone();
    let tooltip = move || {
        active.get().filter(|_| tip.get()).and_then(|i| tooltip_points.get(i)).map(|p| {
            let share = p.x / WIDTH;
            let left = format!("{:.1}%", share * 100.0);
            let top = format!("{:.1}%", p.y / HEIGHT * 100.0);
            // Near an edge the tooltip opens inwards, so it never sticks out of the widget.
            let class = match share {
                s if s < 0.3 => "sk-tooltip sk-tooltip--start",
                s if s > 0.7 => "sk-tooltip sk-tooltip--end",
                _ => "sk-tooltip",
            };
            view! {
                <div class=class style:left=left style:top=top data-testid="sk-tooltip">
                    {trend::point_text(&tooltip_text, p)}
                </div>
            }
        })
    };
    let announce_points = layout.points.clone();
    let announce_text = text.clone();
    let announcement = move || {
        active
            .get()
            .filter(|_| tip.get())
            .and_then(|i| announce_points.get(i))
            .map(|p| trend::point_text(&announce_text, p))
            .unwrap_or_default()
    };

    // The table's rows are built when it is first shown: a chart of ten years need not wait for 120 hidden rows.
    let table_periods = with_take_up.clone();
    let table_rows = move || {
        table_periods
            .iter()
            .rev()
            .map(|p| {
                view! {
                    <tr>
                        <th scope="row" class="sk-table__header">{period_label(t, p.period)}</th>
                        <td class="sk-table__cell sk-table__numeric">{p.figures.digital_take_up.map(percent).unwrap_or_default()}</td>
                        <td class="sk-table__cell sk-table__numeric">{p.figures.assisted_digital_share.map(percent).unwrap_or_default()}</td>
                        <td class="sk-table__cell sk-table__numeric">{whole_number(p.figures.completed)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let mix_periods = with_take_up.clone();
    let mix = move || {
        let period = active.get().and_then(|i| mix_periods.get(i)).or(mix_periods.last())?.clone();
        let total: u64 = period.channel_mix.iter().map(|(_, n)| n).sum();
        let rows = period
            .channel_mix
            .iter()
            .map(|(channel, n)| {
                let share = if total > 0 { percent(*n as f64 / total as f64) } else { String::new() };
                view! {
                    <tr>
                        <th scope="row" class="sk-table__header">{channel_name(t, *channel)}</th>
                        <td class="sk-table__cell sk-table__numeric">{whole_number(*n)}</td>
                        <td class="sk-table__cell sk-table__numeric">{share}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="sk-table-wrap"><table class="sk-table" data-testid="sk-channel-mix">
                <caption class="sk-table__caption">{fill(&t.take_up_mix_caption, &[("period", &period_label(t, period.period))])}</caption>
                <thead><tr>
                    <th scope="col" class="sk-table__header">{t.column_channel.as_str()}</th>
                    <th scope="col" class="sk-table__header sk-table__numeric">{t.column_completed.as_str()}</th>
                    <th scope="col" class="sk-table__header sk-table__numeric">{t.column_share.as_str()}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        })
    };
    let has_target = report.take_up_target.is_some();

    view! {
        <p class="sk-body sk-take-up__summary" data-testid="sk-summary">{summary}</p>
        <p class="sk-hint">{covered} " " {updated}</p>
        <div
            class="sk-take-up__plot"
            node_ref=plot
            tabindex="0"
            role="group"
            aria-label=t.take_up_keys.as_str()
            data-testid="sk-plot"
            on:keydown=on_key
            on:pointermove=on_pointer
            on:pointerleave=move |_| set_tip.set(false)
            on:blur=move |_| set_tip.set(false)
        >
            <div class="sk-take-up__svg" inner_html=markup></div>
            {tooltip}
        </div>
        <p class="sk-visually-hidden" aria-live="polite">{announcement}</p>
        <ul class="sk-legend" aria-hidden="true">
            <li><span class="sk-legend__line"></span>{t.legend_take_up.as_str()}</li>
            <li><span class="sk-legend__band"></span>{t.legend_assisted.as_str()}</li>
            {has_target.then(|| view! { <li><span class="sk-legend__target"></span>{t.legend_target.as_str()}</li> })}
        </ul>
        <p class="sk-body">
            <button
                type="button"
                class="sk-button sk-button--secondary"
                aria-expanded=move || show_table.get().to_string()
                on:click=move |_| set_show_table.update(|s| *s = !*s)
            >
                {move || if show_table.get() { t.take_up_hide_table.as_str() } else { t.take_up_show_table.as_str() }}
            </button>
            " "
            <button
                type="button"
                class="sk-button sk-button--secondary"
                aria-expanded=move || show_mix.get().to_string()
                on:click=move |_| set_show_mix.update(|s| *s = !*s)
            >
                {move || if show_mix.get() { t.take_up_hide_mix.as_str() } else { t.take_up_show_mix.as_str() }}
            </button>
            " "
            <a class="sk-link" href=csv download="">{t.take_up_csv.as_str()}</a>
        </p>
        <Show when=move || show_mix.get()>{mix.clone()}</Show>
        <div hidden=move || !show_table.get() data-testid="sk-take-up-table">
            <Show when=move || show_table.get()>
                <div class="sk-table-wrap"><table class="sk-table">
                    <caption class="sk-table__caption">{t.take_up_table_caption.as_str()}</caption>
                    <thead><tr>
                        <th scope="col" class="sk-table__header">{t.column_period.as_str()}</th>
                        <th scope="col" class="sk-table__header sk-table__numeric">{t.column_take_up.as_str()}</th>
                        <th scope="col" class="sk-table__header sk-table__numeric">{t.column_assisted.as_str()}</th>
                        <th scope="col" class="sk-table__header sk-table__numeric">{t.column_completed.as_str()}</th>
                    </tr></thead>
                    <tbody>{table_rows.clone()}</tbody>
                </table></div>
            </Show>
        </div>
    }
}
