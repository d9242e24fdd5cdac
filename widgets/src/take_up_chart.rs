//! The take-up chart widget: digital take-up over time with the contract's
//! target, assisted digital as a band, a text summary, keyboard and pointer
//! tooltips, the same data as a table, the channel mix and a CSV link.
//!
//! The Worker renders the chart (`GET /v1/services/{slug}/take-up.html`: core's
//! `trend` SVG, the summary, the table, in the reader's language) and
//! `embed.js` shows it at once; this widget keeps that rendering and adds the
//! interaction: it reads each point's position and words from the SVG, and
//! the channel mix from the plot's `data-mix`.

use crate::api::{Api, ApiFailure};
use crate::i18n::{fill, use_strings};
use crate::FirstPaint;
use leptos::prelude::*;
use servicekit_core::kpi::{percent, whole_number};
use servicekit_core::trend;
use wasm_bindgen::JsCast;

/// Chart size in SVG units; it scales to the widget's width.
const WIDTH: f32 = trend::WIDGET_SIZE.0;
const HEIGHT: f32 = trend::WIDGET_SIZE.1;

/// Shows the take-up chart of the service `slug`.
#[component]
pub fn TakeUpChart(
    /// The servicekit API, asked in the widget's language.
    api: Api,
    /// The service's slug.
    slug: String,
    /// The Worker's rendering of this chart, if `embed.js` has shown it.
    first_paint: FirstPaint,
) -> impl IntoView {
    let t = use_strings();
    let csv = format!("{api}/v1/services/{slug}/measurements?format=csv");
    let data =
        crate::kept_rendering(first_paint, api, format!("services/{slug}/take-up.html?lang={}", t.lang));
    // The Worker's markup, read; a page that is not the chart's counts as the API not answering.
    let chart = move || {
        data.get()
            .map(|answer| answer.and_then(|markup| Rendered::read(&markup).ok_or(ApiFailure::Unreachable)))
    };
    view! {
        <section class="sk-take-up" aria-labelledby="sk-take-up-title">
            <h2 id="sk-take-up-title" class="sk-heading-l">{t.take_up_title.as_str()}</h2>
            {move || match chart() {
                None => view! { <p class="sk-body" role="status">{t.take_up_loading.as_str()}</p> }.into_any(),
                Some(Err(failure)) => view! {
                    <div class="sk-error-summary" role="alert" data-testid="sk-error">
                        <p class="sk-body">{failure.message(t.take_up_unreachable.as_str())}</p>
                    </div>
                }.into_any(),
                Some(Ok(rendered)) => view! { <Chart rendered csv=csv.clone() /> }.into_any(),
            }}
        </section>
    }
}

/// One point of the chart, as the Worker drew it.
#[derive(Clone)]
struct Point {
    /// Position in SVG units.
    x: f32,
    y: f32,
    /// Its period and figures in words (the point's SVG title).
    words: String,
}

/// A period in words, with its completed transactions by channel (the channel in words).
type PeriodMix = (String, Vec<(String, u64)>);

/// What the widget takes from the Worker's rendering of the chart.
struct Rendered {
    summary: String,
    /// Period covered and when the data was last updated.
    hint: String,
    svg: String,
    legend: String,
    table: String,
    points: Vec<Point>,
    /// Per point, in the same order.
    mix: Vec<PeriodMix>,
}

impl Rendered {
    /// Reads the Worker's markup (parsed inert, in a `<template>`); `None` if it is not the chart's.
    fn read(markup: &str) -> Option<Rendered> {
        let document = web_sys::window()?.document()?;
        let template: web_sys::HtmlTemplateElement =
            document.create_element("template").ok()?.dyn_into().ok()?;
        template.set_inner_html(markup);
        let root = template.content();
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        let plot = find(".sk-take-up__plot")?;
        let found = root.query_selector_all(".sk-trend__point").ok()?;
        let points = (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
            .map(|circle| {
                // The browser reads the number (no float parser in the wasm).
                let at = |name: &str| {
                    circle.get_attribute(name).map_or(0.0, |v| js_sys::Number::parse_float(&v) as f32)
                };
                Point { x: at("cx"), y: at("cy"), words: circle.text_content().unwrap_or_default() }
            })
            .collect();
        let mix = plot
            .get_attribute("data-mix")
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .and_then(crate::json::read::<Vec<PeriodMix>>)
            .unwrap_or_default();
        let text = |selector: &str| find(selector).and_then(|e| e.text_content()).unwrap_or_default();
        let inner = |selector: &str| find(selector).map(|e| e.inner_html()).unwrap_or_default();
        Some(Rendered {
            summary: text(".sk-take-up__summary"),
            hint: text(".sk-hint"),
            svg: inner(".sk-take-up__svg"),
            legend: inner(".sk-legend"),
            table: inner("[data-testid=sk-take-up-table]"),
            points,
            mix,
        })
    }
}

/// The chart, its summary, tooltips, table and channel mix.
#[component]
fn Chart(rendered: Rendered, csv: String) -> impl IntoView {
    let t = use_strings();
    let Rendered { summary, hint, svg, legend, table, points, mix } = rendered;
    let points_count = points.len();
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
    let xs: Vec<f32> = points.iter().map(|p| p.x).collect();
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

    let read = StoredValue::new_local(points);
    let reading =
        move || active.get().filter(|_| tip.get()).and_then(|i| read.with_value(|p| p.get(i).cloned()));
    let tooltip = move || {
        reading().map(|p| {
            let share = p.x / WIDTH;
            let left = format!("{:.1}%", share * 100.0);
            let top = format!("{:.1}%", p.y / HEIGHT * 100.0);
            // Near an edge the tooltip opens inwards, so it never sticks out of the widget.
            let class = match share {
                s if s < 0.3 => "sk-tooltip sk-tooltip--start",
                s if s > 0.7 => "sk-tooltip sk-tooltip--end",
                _ => "sk-tooltip",
            };
            view! { <div class=class style:left=left style:top=top data-testid="sk-tooltip">{p.words}</div> }
        })
    };
    let announcement = move || reading().map(|p| p.words).unwrap_or_default();

    let mix = StoredValue::new_local(mix);
    let mix_table = move || {
        let (period, channels) =
            mix.with_value(|all| active.get().and_then(|i| all.get(i)).or(all.last()).cloned())?;
        let total: u64 = channels.iter().map(|(_, n)| n).sum();
        let rows = channels
            .into_iter()
            .map(|(channel, n)| {
                let share = if total > 0 { percent(n as f64 / total as f64) } else { String::new() };
                view! {
                    <tr>
                        <th scope="row" class="sk-table__header">{channel}</th>
                        <td class="sk-table__cell sk-table__numeric">{whole_number(n)}</td>
                        <td class="sk-table__cell sk-table__numeric">{share}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="sk-table-wrap"><table class="sk-table" data-testid="sk-channel-mix">
                <caption class="sk-table__caption">{fill(&t.take_up_mix_caption, &[("period", &period)])}</caption>
                <thead><tr>
                    <th scope="col" class="sk-table__header">{t.column_channel.as_str()}</th>
                    <th scope="col" class="sk-table__header sk-table__numeric">{t.column_completed.as_str()}</th>
                    <th scope="col" class="sk-table__header sk-table__numeric">{t.column_share.as_str()}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        })
    };

    view! {
        <p class="sk-body sk-take-up__summary" data-testid="sk-summary">{summary}</p>
        <p class="sk-hint">{hint}</p>
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
            <div class="sk-take-up__svg" inner_html=svg></div>
            {tooltip}
        </div>
        <p class="sk-visually-hidden" aria-live="polite">{announcement}</p>
        <ul class="sk-legend" aria-hidden="true" inner_html=legend></ul>
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
        <Show when=move || show_mix.get()>{mix_table}</Show>
        <div hidden=move || !show_table.get() data-testid="sk-take-up-table" inner_html=table></div>
    }
}
