//! `cargo xtask bench`: size budgets and timings as ratios against baselines run
//! side by side (see `tests/bench/bench.mjs`), plus criterion benchmarks of core.
//! Prints a table and writes `target/bench/bench.json`.

use crate::{build, step, tools};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use xshell::{cmd, Shell};

/// Core's criterion groups and the sizes they run at.
const CRITERION: &[(&str, &[u32])] = &[
    ("score assessments", &[2_500, 5_000, 10_000]),
    ("team coverage", &[250, 500, 1_000]),
    ("KPIs over monthly data", &[30, 60, 120]),
];

/// Builds, runs every benchmark, prints the table.
pub fn run(sh: &Shell) -> Result<()> {
    tools::ensure(sh)?;
    build::all(sh)?;

    step("Benchmarking core natively (criterion)…");
    cmd!(sh, "cargo bench -p servicekit-core --bench core -- --warm-up-time 1 --measurement-time 3").run()?;
    let core = criterion_results()?;

    step("Benchmarking sizes, chart render, widget start, API, KV operations and Worker start…");
    cmd!(sh, "node tests/bench/bench.mjs")
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .run()
        .context("the benchmark script failed")?;
    let path = Path::new("target/bench/bench.json");
    let mut report: Value = serde_json::from_str(&sh.read_file(path)?)?;
    report["core"] = core;
    sh.write_file(path, serde_json::to_string_pretty(&report)? + "\n")?;
    println!("{}", table(&report));
    println!("\nFull results: {}", path.display());
    Ok(())
}

/// Median time per run of each criterion benchmark, and per element.
fn criterion_results() -> Result<Value> {
    let mut groups = serde_json::Map::new();
    for (name, sizes) in CRITERION {
        let mut rows = Vec::new();
        for size in *sizes {
            let file = format!("target/criterion/{name}/{size}/new/estimates.json");
            let estimates: Value = serde_json::from_str(
                &std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?,
            )?;
            let ns = estimates["median"]["point_estimate"].as_f64().context("median")?;
            rows.push(json!({ "size": size, "median_ms": round(ns / 1e6, 3), "ns_per_item": round(ns / f64::from(*size), 1) }));
        }
        groups.insert((*name).to_owned(), Value::Array(rows));
    }
    Ok(Value::Object(groups))
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// The report as a Markdown table (also pasted into README "Performance").
fn table(r: &Value) -> String {
    let mut out =
        String::from("| measure | servicekit | baseline / goal | ratio |\n| --- | --- | --- | --- |\n");
    let mut row = |m: &str, a: String, b: String, ratio: String| {
        out.push_str(&format!("| {m} | {a} | {b} | {ratio} |\n"))
    };
    let s = &r["sizes"];
    for (name, part) in s["parts"].as_object().into_iter().flatten() {
        row(
            &format!("size: {name}"),
            format!("{} KB raw / {} gzip / {} brotli", part["raw_kb"], part["gzip_kb"], part["brotli_kb"]),
            String::new(),
            String::new(),
        );
    }
    let total = &s["page_with_all_widgets"];
    row(
        "size: page with all widgets (wasm + JS + loader)",
        format!("{} KB brotli", total["brotli_kb"]),
        format!("≤ {} KB brotli", s["budget_brotli_kb"]),
        format!(
            "{:.2}×",
            total["brotli_kb"].as_f64().unwrap_or(0.0) / s["budget_brotli_kb"].as_f64().unwrap_or(1.0)
        ),
    );
    if s["manage_page_wasm"].is_object() {
        row(
            "size: manage page bundle (/manage only; wasm + JS)",
            format!("{} KB brotli", s["manage_page_wasm"]["brotli_kb"]),
            String::new(),
            String::new(),
        );
    }
    let w = &s["worker_wasm"];
    row(
        "size: Worker wasm",
        format!("{} KB raw / {} gzip", w["raw_kb"], w["gzip_kb"]),
        format!("≤ {} KB gzip", s["worker_budget_gzip_kb"]),
        format!(
            "{:.2}×",
            w["gzip_kb"].as_f64().unwrap_or(0.0) / s["worker_budget_gzip_kb"].as_f64().unwrap_or(1.0)
        ),
    );
    let c = &r["chart_render"];
    row(
        "take-up chart, 120 points: first complete render (files from the page's server)",
        format!("{} ms, JS heap {} KB", c["servicekit_ms"], c["servicekit_js_heap_kb"]),
        format!("Chart.js 4: {} ms, JS heap {} KB (goal ≤ 0.5×)", c["chartjs_ms"], c["chartjs_js_heap_kb"]),
        format!("{}×", c["ratio"]),
    );
    row(
        "take-up chart: the widget's own chart in place (tooltips, table), files from the page's server",
        format!("{} ms", c["servicekit_interactive_ms"]),
        format!("Chart.js 4: {} ms", c["chartjs_ms"]),
        format!("{}×", c["ratio_interactive"]),
    );
    row(
        "take-up chart, widget files from wrangler dev's asset server",
        format!("{} ms", c["servicekit_files_from_wrangler_ms"]),
        format!("Chart.js 4: {} ms (from the page's server)", c["chartjs_ms"]),
        format!("{}×", c["ratio_files_from_wrangler"]),
    );
    let ws = &r["widget_start"];
    row(
        "self-assessment: script tag → interactive, the form's radios on screen and working (the Worker's first paint; cold; files from the page's server)",
        format!("{} ms", ws["median_ms"]),
        format!("empty page {} ms; goal ≤ {} ms", ws["empty_page_ms"], ws["goal_ms"]),
        String::new(),
    );
    row(
        "self-assessment: the widget in its place (gap summary and chart, save button)",
        format!("{} ms", ws["widget_in_place_median_ms"]),
        String::new(),
        String::new(),
    );
    row(
        "self-assessment start, widget files from wrangler dev's asset server",
        format!("{} ms", ws["files_from_wrangler_median_ms"]),
        format!("goal ≤ {} ms", ws["goal_ms"]),
        String::new(),
    );
    row(
        "feedback form: script tag → on screen (the Worker's first paint; cold; files from the page's server)",
        format!("{} ms", ws["feedback_on_screen_median_ms"]),
        String::new(),
        String::new(),
    );
    row(
        "feedback form: the widget in its place (its send button working)",
        format!("{} ms", ws["feedback_in_place_median_ms"]),
        String::new(),
        String::new(),
    );
    for api in r["api"].as_array().into_iter().flatten() {
        let (a, b) = (&api["servicekit"], &api["javascript"]);
        row(
            &format!(
                "API {} (wrk, 32 connections; median of {} alternating rounds)",
                api["name"].as_str().unwrap_or(""),
                api["rounds"].as_array().map_or(1, Vec::len)
            ),
            format!("{} req/s, p50 {} ms, p99 {} ms", a["rps"], a["p50_ms"], a["p99_ms"]),
            match api["goal_ratio"].is_null() {
                true => format!("JS Worker {} req/s, p99 {} ms", b["rps"], b["p99_ms"]),
                false => {
                    format!("JS Worker {} req/s, p99 {} ms (goal ≥ 0.8×, p99 ≤ 50 ms)", b["rps"], b["p99_ms"])
                }
            },
            match api["ratio_range"].as_array().map(Vec::as_slice) {
                Some([low, high]) => format!("{}× (rounds {low}–{high}×)", api["throughput_ratio"]),
                _ => format!("{}×", api["throughput_ratio"]),
            },
        );
    }
    for tail in r["api_tail"].as_array().into_iter().flatten() {
        let (a, b) = (&tail["servicekit"], &tail["javascript"]);
        row(
            &format!(
                "API floor (GET /v1/health) at {} connection{}: p50 / p99",
                tail["connections"],
                if tail["connections"] == 1 { "" } else { "s" }
            ),
            format!("{} req/s, {} / {} ms", a["rps"], a["p50_ms"], a["p99_ms"]),
            format!("JS Worker {} req/s, {} / {} ms", b["rps"], b["p50_ms"], b["p99_ms"]),
            String::new(),
        );
    }
    let kv = &r["kv_operations"];
    for (name, goal) in kv["goals"].as_object().into_iter().flatten() {
        row(
            &format!("KV operations: {name}"),
            format!(
                "{} (1 service), {} (50 services)",
                kv["with_1_service"][name], kv["with_50_services"][name]
            ),
            format!("goal {}", goal.as_str().map(str::to_owned).unwrap_or_else(|| goal.to_string())),
            String::new(),
        );
    }
    let (ks, kj) = (&r["worker_start"]["servicekit"], &r["worker_start"]["javascript"]);
    row(
        "Worker start: first request after wrangler dev is ready",
        format!("{} ms (later {} ms)", ks["first_request_ms"], ks["later_median_ms"]),
        format!("JS Worker {} ms (later {} ms)", kj["first_request_ms"], kj["later_median_ms"]),
        format!(
            "{:.2}×",
            ks["first_request_ms"].as_f64().unwrap_or(0.0) / kj["first_request_ms"].as_f64().unwrap_or(1.0)
        ),
    );
    for (name, rows) in r["core"].as_object().into_iter().flatten() {
        let cells: Vec<String> = rows
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| format!("{}: {} ms ({} ns each)", x["size"], x["median_ms"], x["ns_per_item"]))
            .collect();
        row(
            &format!("core: {name}"),
            cells.join("; "),
            "linear: ns each stays flat".to_owned(),
            String::new(),
        );
    }
    out
}
