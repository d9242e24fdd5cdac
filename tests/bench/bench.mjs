// `cargo xtask bench`: sizes, chart render against Chart.js, widget start, API
// throughput against a minimal JavaScript Worker, KV operations per request and
// Worker start. Every timing is a ratio against a baseline measured in the same
// run (these machines are shared and noisy); sizes are absolute.
//
// Writes target/bench/bench.json; xtask prints it as a table.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';
import { startHost } from '../support/host.mjs';
import { createService, uploadCsv } from '../support/services.mjs';
import { allAt } from '../support/examples.mjs';
import { countKvOperations } from './kv_count.mjs';

const RUNS = Number(process.env.SERVICEKIT_BENCH_RUNS ?? 20);
const WRK_SECONDS = Number(process.env.SERVICEKIT_BENCH_WRK_SECONDS ?? 5);
// wrk rounds per API case; one run of a few seconds swings by ±30 % on these shared machines.
const WRK_ROUNDS = Number(process.env.SERVICEKIT_BENCH_WRK_ROUNDS ?? 5);
const ADMIN = 'bench-admin-token';
const SLUG = 'ten-years-of-figures';
const out = join(root, 'target', 'bench');
mkdirSync(out, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => Math.round((n / 1024) * 10) / 10;
const sizes = (bytes) => ({
  raw_kb: kb(bytes.length),
  gzip_kb: kb(gzipSync(bytes, { level: 9 }).length),
  brotli_kb: kb(brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
});
const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** 1 and 6: what a page downloads for the widgets, and the Worker's size. */
function bundleSizes() {
  const manifest = JSON.parse(readFileSync(join(root, 'dist/site/widget-manifest.json'), 'utf8'));
  const file = (name) => readFileSync(join(root, 'dist/site/widgets', name));
  // A bundle is what a page downloads for it: its wasm and its JS glue, each compressed on its own.
  const add = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, Math.round((a[k] + b[k]) * 10) / 10]));
  const bundle = (name) => add(sizes(file(manifest.bundles[name].wasm)), sizes(file(manifest.bundles[name].js)));
  const widgets = Object.keys(manifest.bundles).filter((name) => name !== 'widgets' && name !== 'manage');
  const parts = {
    'every widget in one bundle (wasm + JS)': bundle('widgets'),
    ...Object.fromEntries(widgets.map((name) => [`${name} alone (wasm + JS)`, bundle(name)])),
    'embed.js loader': sizes(readFileSync(join(root, 'dist/site/embed.js'))),
    'widget CSS': sizes(file(manifest.css)),
  };
  const code = ['every widget in one bundle (wasm + JS)', 'embed.js loader'];
  const total = Object.fromEntries(['raw_kb', 'gzip_kb', 'brotli_kb'].map((k) => [k, Math.round(code.reduce((n, p) => n + parts[p][k], 0) * 10) / 10]));
  const manage = bundle('manage');
  const worker = sizes(readFileSync(join(root, 'worker/build/index_bg.wasm')));
  return { parts, page_with_all_widgets: total, budget_brotli_kb: 120, manage_page_wasm: manage, worker_wasm: worker, worker_budget_gzip_kb: 1024 };
}

/** Ten years of monthly measurements for one service. */
function tenYears() {
  const lines = ['period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5'];
  for (let m = 0; m < 120; m++) {
    const period = `${2016 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const n = 4000 + m * 37;
    lines.push(`${period},digital,${n},${Math.round(n * 0.9)},${(n * 1.1).toFixed(2)},3,4,10,40,50`);
    lines.push(`${period},phone,,${Math.round(n * 0.3)},${(n * 9).toFixed(2)},,,,,`);
  }
  return `${lines.join('\n')}\n`;
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update'],
  });
}

/** The page's `window.benchDone`, or an error after 30 s (a page that never finishes must not hang the bench). */
function settled(page) {
  return page.evaluate(() => Promise.race([
    window.benchDone,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`not done in 30 s: ${document.body.innerText.slice(0, 200)}`)), 30_000)),
  ]));
}

/** A cold page: new context, cache disabled; returns { page, cdp }. */
async function coldPage(browser) {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  return { page, cdp, close: () => context.close() };
}

/** 2: the take-up chart with 120 monthly points against a Chart.js 4 line chart of the same data. */
async function chartRender(browser, api, host) {
  const kinds = ['servicekit', 'chartjs', 'servicekit-wrangler'];
  const results = Object.fromEntries(kinds.map((k) => [k, []]));
  const heap = Object.fromEntries(kinds.map((k) => [k, []]));
  const interactive = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const kind of run % 2 ? [...kinds].reverse() : kinds) {
      const { page, cdp, close } = await coldPage(browser);
      await page.goto(`${host}/${kind}.html`);
      const ms = await settled(page);
      if (kind !== 'chartjs') interactive[kind].push(await page.evaluate(() => window.benchInteractive));
      const metrics = (await cdp.send('Performance.getMetrics')).metrics;
      results[kind].push(ms);
      heap[kind].push(metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1024);
      await close();
    }
  }
  const s = median(results.servicekit);
  const c = median(results.chartjs);
  const w = median(results['servicekit-wrangler']);
  return {
    runs_each: RUNS,
    servicekit_ms: Math.round(s),
    chartjs_ms: Math.round(c),
    ratio: Math.round((s / c) * 100) / 100,
    // Until the widget's own chart (tooltips, table, channel mix) has replaced the first paint.
    servicekit_interactive_ms: Math.round(median(interactive.servicekit)),
    ratio_interactive: Math.round((median(interactive.servicekit) / c) * 100) / 100,
    goal_ratio: 0.5,
    // The same page with the widget's files from `wrangler dev`'s asset server instead of the page's.
    servicekit_files_from_wrangler_ms: Math.round(w),
    ratio_files_from_wrangler: Math.round((w / c) * 100) / 100,
    servicekit_js_heap_kb: Math.round(median(heap.servicekit)),
    chartjs_js_heap_kb: Math.round(median(heap.chartjs)),
    api,
  };
}

/**
 * The chart pages: same size, same data (fetched from the API), timed from the
 * first script. Chart.js and servicekit's loader and bundles come from the same
 * static server (the page's own, as a CDN would serve them); `servicekit-wrangler`
 * loads servicekit's files from `wrangler dev`'s local asset server instead.
 */
function chartPages(api) {
  const timer = `<script>window.benchStart = performance.now();</script>`;
  const shell = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chart</title></head>
<body style="margin:0">${timer}<div style="width:640px;height:360px">${body}</div></body></html>`;
  const servicekit = (files) => shell(`<servicekit-take-up service="${SLUG}" api="${api}"></servicekit-take-up>
<script type="module" src="${files}/embed.js"></script>
<script>
  // First complete render: all 120 points on screen (the Worker's first paint, or the widget's own).
  // Interactive: the widget's own chart, which answers the keyboard and pointer.
  let painted;
  window.benchDone = new Promise((resolve) => { painted = resolve; });
  window.benchInteractive = new Promise((resolve) => {
    const check = () => {
      const root = document.querySelector('servicekit-take-up')?.shadowRoot;
      const points = root?.querySelectorAll('svg circle.sk-trend__point').length ?? 0;
      if (points >= 120) painted(performance.now() - window.benchStart);
      if (points >= 120 && root.querySelector('[data-testid=sk-plot]')) resolve(performance.now() - window.benchStart);
      else requestAnimationFrame(check);
    };
    check();
  });
</script>`);
  const chartjs = shell(`<canvas id="chart" width="640" height="360"></canvas>
<script src="/chart.umd.js"></script>
<script>
  window.benchDone = fetch('${api}/v1/services/${SLUG}/kpis').then((r) => r.json()).then((report) => {
    const periods = report.periods.filter((p) => p.digital_take_up != null);
    new Chart(document.getElementById('chart'), {
      type: 'line',
      data: { labels: periods.map((p) => p.period), datasets: [{ label: 'Digital take-up', data: periods.map((p) => p.digital_take_up * 100) }] },
      options: { animation: false, responsive: false },
    });
    return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - window.benchStart)));
  });
</script>`);
  return { servicekit: servicekit(''), 'servicekit-wrangler': servicekit(api), chartjs };
}

/**
 * 3: script tag to an interactive self-assessment (its radios on screen), cold;
 * and, beside it, to the feedback form on screen and the feedback widget in its place.
 */
async function widgetStart(browser, api, host) {
  const kinds = ['start', 'empty', 'start-wrangler', 'feedback'];
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  const whole = { start: [], feedback: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const kind of run % 2 ? [...kinds].reverse() : kinds) {
      const { page, close } = await coldPage(browser);
      await page.goto(`${host}/${kind}.html`);
      times[kind].push(await settled(page));
      if (whole[kind]) whole[kind].push(await page.evaluate(() => window.benchWhole));
      await close();
    }
  }
  return {
    runs: RUNS,
    median_ms: Math.round(median(times.start)),
    // The rest of the form (every question, the gap summary and chart, the buttons) follows a frame later.
    widget_in_place_median_ms: Math.round(median(whole.start)),
    feedback_on_screen_median_ms: Math.round(median(times.feedback)),
    feedback_in_place_median_ms: Math.round(median(whole.feedback)),
    empty_page_ms: Math.round(median(times.empty)),
    goal_ms: 100,
    files_from_wrangler_median_ms: Math.round(median(times['start-wrangler'])),
    api,
  };
}

/** The start pages: servicekit's files from the page's own static server, or from `wrangler dev`'s (`start-wrangler`). */
function startPages(api) {
  const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Start</title></head><body>
<script>window.benchStart = performance.now();</script>${body}</body></html>`;
  const start = (files) => page(`<servicekit-self-assessment profile="ddat-service-owner-2020" api="${api}"></servicekit-self-assessment>
<script type="module" src="${files}/embed.js"></script>
<script>
  // Interactive: the first question's radios on screen (styled and shown: native radios work at once,
  // and the widget takes over the answers given); whole: the widget's own submit button too.
  let interactive;
  window.benchDone = new Promise((resolve) => { interactive = resolve; });
  window.benchWhole = new Promise((resolve) => {
    const check = () => {
      const root = document.querySelector('servicekit-self-assessment')?.shadowRoot;
      const radio = root?.querySelector('input[type=radio]');
      if (radio?.checkVisibility()) interactive(performance.now() - window.benchStart);
      if (radio?.checkVisibility() && root.querySelector('button[type=submit]')?.checkVisibility()) resolve(performance.now() - window.benchStart);
      else requestAnimationFrame(check);
    };
    check();
  });
</script>`);
  // On screen: the feedback form's comment box shown (the Worker's first paint); in place: the widget's own send button.
  const feedback = page(`<servicekit-feedback service="${SLUG}" api="${api}"></servicekit-feedback>
<script type="module" src="/embed.js"></script>
<script>
  let shown;
  window.benchDone = new Promise((resolve) => { shown = resolve; });
  window.benchWhole = new Promise((resolve) => {
    const check = () => {
      const root = document.querySelector('servicekit-feedback')?.shadowRoot;
      if (root?.querySelector('textarea')?.checkVisibility()) shown(performance.now() - window.benchStart);
      const own = root?.querySelector('.sk-widget:not([data-sk-first-paint]) button[type=submit]:not([disabled])');
      if (own?.checkVisibility()) resolve(performance.now() - window.benchStart);
      else requestAnimationFrame(check);
    };
    check();
  });
</script>`);
  return {
    start: start(''),
    'start-wrangler': start(api),
    feedback,
    empty: page(`<script>window.benchDone = new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.benchStart)));</script>`),
  };
}

/** Runs wrk; returns requests per second and latency percentiles. */
function wrk(url, { script, seconds = WRK_SECONDS, connections = 32 } = {}) {
  const threads = Math.min(2, connections);
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
  const text = execFileSync('wrk', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)[1]);
  const toMs = (v, unit) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[unit]);
  const pct = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(text);
    return m ? Math.round(toMs(m[1], m[2]) * 10) / 10 : null;
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  return { rps: Math.round(rps), p50_ms: pct(50), p99_ms: pct(99), non_2xx: errors ? Number(errors[1]) : 0 };
}

/** 4: wrk against servicekit and the JavaScript baseline Worker over the same KV state. */
function apiThroughput(servicekit, baseline) {
  const post = join(out, 'post-assessment.lua');
  writeFileSync(post, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(JSON.stringify(allAt('working')))}\n`);
  // Both Workers answer at the same paths.
  const cases = [
    // The floor: a fixed answer with no KV and no work, so the rows below can be read against it.
    ['GET /v1/health (no KV, no work: the floor)', '/v1/health'],
    ['GET chart data (KPIs)', `/v1/services/${SLUG}/kpis`],
    ['GET performance page', `/services/${SLUG}`],
    ['POST assessment', '/v1/assessments', post],
  ];
  return cases.map(([name, path, script]) => {
    // Warm both up (wasm compiled, JIT warm, KV cache filled) before measuring.
    wrk(`${servicekit}${path}`, { script, seconds: 2 });
    wrk(`${baseline}${path}`, { script, seconds: 2 });
    // Rounds that alternate who goes first, so both see the same machine load;
    // each round's ratio compares two runs seconds apart, and the median round is reported.
    const rounds = [];
    for (let i = 0; i < WRK_ROUNDS; i++) {
      const round = {};
      for (const side of i % 2 === 0 ? ['servicekit', 'javascript'] : ['javascript', 'servicekit']) {
        round[side] = wrk(`${side === 'servicekit' ? servicekit : baseline}${path}`, { script });
      }
      round.ratio = round.servicekit.rps / round.javascript.rps;
      rounds.push(round);
    }
    const ratios = rounds.map((r) => r.ratio);
    const mid = (side) => Object.fromEntries(['rps', 'p50_ms', 'p99_ms'].map((k) => [k, median(rounds.map((r) => r[side][k]))]));
    const floor = path === '/v1/health';
    const r2 = (x) => Math.round(x * 100) / 100;
    return {
      name,
      servicekit: { ...mid('servicekit'), non_2xx: rounds.reduce((n, r) => n + r.servicekit.non_2xx, 0) },
      javascript: { ...mid('javascript'), non_2xx: rounds.reduce((n, r) => n + r.javascript.non_2xx, 0) },
      throughput_ratio: r2(median(ratios)),
      ratio_range: [r2(Math.min(...ratios)), r2(Math.max(...ratios))],
      rounds: rounds.map((r) => ({ servicekit_rps: r.servicekit.rps, javascript_rps: r.javascript.rps, ratio: r2(r.ratio) })),
      goal_ratio: floor ? null : 0.8,
      goal_p99_ms: floor ? null : 50,
    };
  });
}

/**
 * 4, where p99 goes: the floor (a fixed answer) for both Workers at 1, 4 and 32
 * connections, three alternating rounds each. With 32 requests always in
 * flight, time at p99 is mostly waiting for two shared cores, not work.
 */
function tailByConnections(servicekit, baseline) {
  return [1, 4, 32].map((connections) => {
    const runs = { servicekit: [], javascript: [] };
    for (let i = 0; i < 3; i++) {
      for (const side of i % 2 === 0 ? ['servicekit', 'javascript'] : ['javascript', 'servicekit']) {
        runs[side].push(wrk(`${side === 'servicekit' ? servicekit : baseline}/v1/health`, { connections, seconds: 3 }));
      }
    }
    const mid = (list) => Object.fromEntries(['rps', 'p50_ms', 'p99_ms'].map((k) => [k, median(list.map((r) => r[k]))]));
    return { connections, servicekit: mid(runs.servicekit), javascript: mid(runs.javascript) };
  });
}

/** 6: time from `wrangler dev` accepting connections to its first answer, against later answers. */
async function coldStart(port, config) {
  const persistTo = freshStateDir();
  const started = performance.now();
  const worker = await startWorker({ port, persistTo, vars: { ADMIN_TOKEN: ADMIN }, ...config });
  const ready = performance.now() - started;
  const t0 = performance.now();
  await fetch(`${worker.url}/v1/services`);
  const first = performance.now() - t0;
  const later = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await fetch(`${worker.url}/v1/services`);
    later.push(performance.now() - t);
  }
  await worker.stop();
  return { wrangler_ready_ms: Math.round(ready), first_request_ms: Math.round(first * 10) / 10, later_median_ms: Math.round(median(later) * 10) / 10 };
}

async function main() {
  const report = { date: new Date().toISOString(), sizes: bundleSizes() };
  log('sizes done');

  // Seed ten years of figures, then give the baseline its own copy of the same KV
  // state (two wrangler dev processes must not share one SQLite file).
  const persistTo = freshStateDir();
  const options = { port: 8770, persistTo, vars: { ADMIN_TOKEN: ADMIN, ALLOWED_ORIGINS: 'http://127.0.0.1:8772' }, publicWritesPerMinute: 100_000_000 };
  let servicekit = await startWorker(options);
  const token = await createService(servicekit.url, ADMIN, SLUG, undefined);
  const uploaded = await uploadCsv(servicekit.url, SLUG, token, tenYears());
  if (!uploaded.ok) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  // Build the service's performance snapshot, KPI report and English page, so the baseline's copy holds them too.
  for (const path of [`/v1/services/${SLUG}/kpis`, `/services/${SLUG}`]) {
    const built = await fetch(`${servicekit.url}${path}`);
    if (!built.ok) throw new Error(`${path}: ${built.status}`);
    await built.arrayBuffer();
  }
  await servicekit.stop();
  const baselineState = freshStateDir();
  cpSync(persistTo, baselineState, { recursive: true });
  servicekit = await startWorker(options);
  const baseline = await startWorker({ port: 8771, persistTo: baselineState, config: join(root, 'tests/bench/baseline/wrangler.toml') });
  try {

    const chartjs = readFileSync(join(root, 'node_modules/chart.js/dist/chart.umd.js'));
    const pages = { ...chartPages(servicekit.url), ...startPages(servicekit.url) };
    const files = Object.fromEntries(Object.entries(pages).map(([name, body]) => [`/${name}.html`, { type: 'text/html; charset=utf-8', body }]));
    files['/chart.umd.js'] = { type: 'text/javascript', body: chartjs };
    // servicekit's loader, bundles and stylesheet, served by the same static server as Chart.js.
    const site = join(root, 'dist/site');
    const types = { js: 'text/javascript', wasm: 'application/wasm', css: 'text/css' };
    for (const name of ['embed.js', ...readdirSync(join(site, 'widgets')).map((f) => `widgets/${f}`)]) {
      files[`/${name}`] = { type: types[name.split('.').pop()], body: readFileSync(join(site, name)) };
    }
    const host = await startHost({ port: 8772, body: '', csp: "default-src 'self'", files });
    const browser = await launch();
    try {
      report.chart_render = await chartRender(browser, servicekit.url, host.url);
      log(`chart render: ${JSON.stringify(report.chart_render)}`);
      report.widget_start = await widgetStart(browser, servicekit.url, host.url);
      log(`widget start: ${JSON.stringify(report.widget_start)}`);
    } finally {
      await browser.close();
      await host.close();
    }
    report.api = apiThroughput(servicekit.url, baseline.url);
    log(`api: ${JSON.stringify(report.api)}`);
    report.api_tail = tailByConnections(servicekit.url, baseline.url);
    log(`api tail: ${JSON.stringify(report.api_tail)}`);
  } finally {
    await servicekit.stop();
    await baseline.stop();
  }
  report.kv_operations = await countKvOperations();
  log(`kv operations: ${JSON.stringify(report.kv_operations)}`);
  report.worker_start = {
    servicekit: await coldStart(8770, {}),
    javascript: await coldStart(8771, { config: join(root, 'tests/bench/baseline/wrangler.toml') }),
  };
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${join(out, 'bench.json')}`);
}

await main();
