// Journeys on the performance widgets and pages: the take-up chart (summary,
// keyboard tooltip, table and channel mix toggles), the feedback form (its
// first paint, errors, then thanks, counted in the KPIs) and the public
// performance page with JavaScript disabled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { createService, fishingContract, uploadCsv, FISHING } from '../support/services.mjs';
import { demoCsv, monthAfter } from '../support/measurements.mjs';
import { launch, artifacts, holdWasm, inLanguage, failFirst } from './fixtures/browser.mjs';
import { wcagViolations } from './fixtures/axe.mjs';

const PORT = 8783;
const ADMIN = 'test-admin-token-for-performance';
// 36 months ending December 2025; take-up ends above the 80 % target.
const months = Array.from({ length: 36 }, (_, i) => monthAfter(2023, 1, i));
let worker, browser, token;

/** The feedback widget on `page`, once it has taken its first paint's place (its send button works). */
async function feedbackWidget(page) {
  const form = page.locator('servicekit-feedback');
  await form.locator('.sk-widget:not([data-sk-first-paint]) button[type=submit]:not([disabled])').waitFor();
  return form;
}

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
  browser = await launch();
  token = await createService(worker.url, ADMIN, FISHING, fishingContract(80));
  const uploaded = await uploadCsv(worker.url, FISHING, token, demoCsv({ months, from: 0.62, to: 0.86, volume: 42000 }));
  assert.equal(uploaded.status, 200, await uploaded.text());
});
after(async () => {
  await browser?.close();
  await worker?.stop();
});

test('the take-up chart reads by keyboard and shows its data as a table', async () => {
  const page = await browser.newPage();
  await page.goto(`${worker.url}/demo/performance.html`);
  const chart = page.locator('servicekit-take-up');
  const summary = chart.getByTestId('sk-summary');
  // The widget itself, not its first paint (which has a test of its own).
  await chart.getByTestId('sk-plot').waitFor();
  assert.match(await summary.textContent(), /^Digital take-up was 8\d% in December 2025, (up|down) \d+ percentage points? on November 2025\.|no change/);
  assert.match(await chart.locator('section').textContent(), /Period covered: January 2023 to December 2025\./);
  assert.equal(await chart.locator('.sk-trend__point').count(), 36);
  assert.equal(await chart.locator('.sk-trend__target').count(), 1, 'the contract target is drawn');

  const table = chart.getByTestId('sk-take-up-table');
  assert.equal(await table.isVisible(), false);
  await chart.getByRole('button', { name: 'Show as a table' }).click();
  assert.equal(await table.isVisible(), true);
  assert.equal(await table.locator('tbody tr').count(), 36);
  assert.match(await table.locator('tbody tr').first().textContent(), /^December 2025\d+%\d+%[\d,]+$/);
  // Figures line up on the right, and each row's rule runs under its figures as under its period.
  const style = (cell) => cell.evaluate((el) => {
    const s = getComputedStyle(el);
    return { align: s.textAlign, rule: s.borderBottomStyle + ' ' + s.borderBottomWidth };
  });
  const row = table.locator('tbody tr').first();
  const period = await style(row.locator('th'));
  for (const figure of await row.locator('td').all()) {
    assert.deepEqual(await style(figure), { align: 'right', rule: period.rule });
  }
  assert.notEqual(period.rule.split(' ')[0], 'none', 'rows are ruled');
  await chart.getByRole('button', { name: 'Hide the table' }).click();
  assert.equal(await table.isVisible(), false);

  // Keyboard: focus the plot, End → the latest period; ArrowLeft steps back.
  await chart.getByTestId('sk-plot').focus();
  await page.keyboard.press('End');
  const tooltip = chart.getByTestId('sk-tooltip');
  assert.match(await tooltip.textContent(), /^December 2025: digital take-up \d+%, assisted digital \d+%$/);
  await page.keyboard.press('ArrowLeft');
  assert.match(await tooltip.textContent(), /^November 2025: /);
  await page.keyboard.press('Home');
  assert.match(await tooltip.textContent(), /^January 2023: /);
  assert.equal(await chart.locator('.sk-trend__point--active').count(), 1);

  await page.keyboard.press('Escape');
  assert.equal(await tooltip.count(), 0, 'Escape hides the tooltip');
  // The channel mix is for the period last read (January 2023), or the latest.
  await chart.getByRole('button', { name: 'Show channel mix' }).click();
  const mix = chart.getByTestId('sk-channel-mix');
  assert.match(await mix.locator('caption').textContent(), /How transactions were completed in January 2023/);
  assert.deepEqual(await mix.locator('tbody th').allTextContents(), ['Digital', 'Assisted digital', 'Phone', 'Paper']);

  const csv = await chart.getByRole('link', { name: 'Download the data (CSV)' }).getAttribute('href');
  assert.equal(csv, `${worker.url}/v1/services/${FISHING}/measurements?format=csv`);
  assert.deepEqual(await wcagViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'take-up-chart.png'), fullPage: true });
  await page.close();
});

// embed.js shows the Worker's rendering of the chart while the wasm loads; the
// widget then draws the same over it. Held here: the wasm answers only when released.
test('the take-up chart shows the Worker\'s first paint before its code runs, and the widget takes its place unchanged', async () => {
  for (const [lang, summaryStart] of [['en', /^Digital take-up was 8\d% in December 2025/], ['cy', /^Roedd y defnydd digidol yn 8\d% yn Rhagfyr 2025/]]) {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const release = await holdWasm(page);
    await inLanguage(page, '/demo/performance.html', lang);
    await page.goto(`${worker.url}/demo/performance.html`);
    const chart = page.locator('servicekit-take-up');
    const paint = chart.locator('[data-sk-first-paint]');
    await paint.waitFor();
    assert.match(await paint.getByTestId('sk-summary').textContent(), summaryStart, lang);
    assert.equal(await paint.locator('.sk-trend__point').count(), 36, lang);
    assert.equal(await paint.locator('.sk-trend__target').count(), 1, lang);
    assert.equal(await paint.getByRole('button').count(), 2, lang);
    for (const button of await paint.getByRole('button').all()) assert.equal(await button.isDisabled(), true, 'nothing to press before the code runs');
    assert.equal(await paint.getByRole('link').getAttribute('href'), `${worker.url}/v1/services/${FISHING}/measurements?format=csv`, 'the CSV link works without the code');
    assert.equal(await chart.getByTestId('sk-plot').count(), 0, lang);
    assert.deepEqual(await wcagViolations(page), [], lang);
    const paintText = await paint.locator('section').textContent();
    const paintSvg = await paint.locator('.sk-take-up__svg').innerHTML();
    // From here on, the fewest points ever on screen: the chart must never blink out.
    await chart.evaluate((element) => {
      const root = element.shadowRoot;
      const visible = () => root.querySelectorAll('.sk-widget:not([hidden]) .sk-trend__point').length;
      window.fewestPoints = visible();
      new MutationObserver(() => { window.fewestPoints = Math.min(window.fewestPoints, visible()); })
        .observe(root, { subtree: true, childList: true, attributes: true });
    });

    release();
    await chart.getByTestId('sk-plot').waitFor();
    assert.equal(await paint.count(), 0, 'the first paint is gone');
    assert.equal(await page.evaluate(() => window.fewestPoints), 36, `${lang}: the chart stayed on screen while the widget took over`);
    assert.equal(await chart.locator('section').textContent(), paintText, `${lang}: the widget says what the first paint said`);
    // (Leptos leaves an empty comment as a marker after markup it inserts.)
    const svg = (await chart.locator('.sk-take-up__svg').innerHTML()).replace(/<!---->/g, '');
    assert.ok(svg === paintSvg, `${lang}: the same chart`);
    assert.equal(await chart.getByRole('button', { disabled: false }).count(), 2, lang);
    // The widget keeps the first paint: the chart's one request, and no JSON
    // (the feedback form on the same page asks for its own first paint).
    const asked = requests.filter((p) => p.startsWith(`/v1/services/${FISHING}`) && !p.startsWith(`/v1/services/${FISHING}/feedback/`));
    assert.deepEqual(asked, [`/v1/services/${FISHING}/take-up.html`], lang);
    await page.close();
  }
});

test('the take-up widget works when its first paint failed, and a first paint without its code says the widget could not load', async () => {
  const page = await browser.newPage();
  // The first paint's request fails; the widget asks for the chart again itself.
  const asked = await failFirst(page, '**/take-up.html*');
  await page.goto(`${worker.url}/demo/performance.html`);
  const chart = page.locator('servicekit-take-up');
  await chart.getByTestId('sk-plot').waitFor();
  assert.equal(await chart.locator('.sk-trend__point').count(), 36);
  assert.equal(asked(), 2);
  await chart.getByTestId('sk-plot').focus();
  await page.keyboard.press('End');
  assert.match(await chart.getByTestId('sk-tooltip').textContent(), /^December 2025: digital take-up/);
  await page.close();

  const broken = await browser.newPage();
  await broken.route(/\.wasm$/, (route) => route.abort('connectionrefused'));
  await broken.goto(`${worker.url}/demo/performance.html`);
  const alert = broken.locator('servicekit-take-up').getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not load/);
  const kept = broken.locator('servicekit-take-up [data-sk-first-paint]');
  await kept.waitFor();
  assert.equal(await kept.locator('.sk-trend__point').count(), 36, 'the chart stays readable');
  await broken.close();
});

test('the take-up chart copes with a service without data, and says so', async () => {
  await createService(worker.url, ADMIN, 'no-figures-yet', { ...fishingContract(), name: 'No figures yet' });
  const page = await browser.newPage();
  await page.goto(`${worker.url}/demo/performance.html`);
  await page.evaluate(() => {
    const fresh = document.createElement('servicekit-take-up');
    fresh.setAttribute('service', 'no-figures-yet');
    document.querySelector('servicekit-take-up').replaceWith(fresh);
  });
  const summary = page.locator('servicekit-take-up').getByTestId('sk-summary');
  await summary.waitFor();
  assert.equal(await summary.textContent(), 'This service has not published any take-up figures yet.');
  assert.equal(await page.locator('servicekit-take-up .sk-trend__point').count(), 0);
  await page.close();
});

test('the feedback form asks for a rating, then thanks the user; the rating counts', async () => {
  const page = await browser.newPage();
  await page.goto(`${worker.url}/demo/performance.html`);
  const form = await feedbackWidget(page);
  const send = form.getByRole('button', { name: 'Send feedback' });
  await form.getByLabel('How could we improve this service? (optional)').fill('x'.repeat(1205));
  assert.match(await form.locator('section').textContent(), /You have 5 characters too many/);
  await send.click();
  const errors = form.getByTestId('sk-error-summary');
  assert.deepEqual(await errors.locator('li').allTextContents(), ['Select how you felt about the service', 'You have 5 characters too many']);
  assert.equal(await errors.evaluate((el) => el.getRootNode().activeElement === el), true, 'the error summary takes focus');
  // Its links lead to the fields, inside the shadow root where the page's own fragment links cannot reach.
  await errors.getByRole('link', { name: 'You have 5 characters too many' }).click();
  assert.equal(await errors.evaluate((el) => el.getRootNode().activeElement?.id), 'sk-feedback-comment');
  assert.match(await form.locator('#sk-feedback-comment').getAttribute('aria-describedby'), /\bsk-feedback-comment-error\b/, 'the box is described by its error');
  await form.getByLabel('Satisfied', { exact: true }).check();
  await form.getByLabel('How could we improve this service? (optional)').fill('The photo upload was <b>slow</b>.');
  assert.match(await form.locator('section').textContent(), /You have 1,?167 characters remaining/);
  await send.click();
  await form.getByTestId('sk-feedback-thanks').waitFor();
  assert.match(await form.getByTestId('sk-feedback-thanks').textContent(), /Thank you for your feedback/);
  assert.deepEqual(await wcagViolations(page), []);

  const listed = await (await fetch(`${worker.url}/v1/services/${FISHING}/feedback`, { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.deepEqual(listed.feedback.map((f) => [f.rating, f.comment]), [[4, 'The photo upload was <b>slow</b>.']]);
  await page.close();
});

test('the feedback form keeps the answers when the API cannot be reached', async () => {
  const page = await browser.newPage();
  await page.route('**/v1/services/*/feedback', (route) => route.abort('connectionrefused'));
  await page.goto(`${worker.url}/demo/performance.html`);
  const form = await feedbackWidget(page);
  await form.getByLabel('Very satisfied').check();
  await form.getByLabel('How could we improve this service? (optional)').fill('Keep this');
  await form.getByRole('button', { name: 'Send feedback' }).click();
  await form.getByTestId('sk-error').waitFor();
  assert.match(await form.getByTestId('sk-error').textContent(), /could not be sent/);
  assert.equal(await form.getByLabel('How could we improve this service? (optional)').inputValue(), 'Keep this');
  assert.equal(await form.getByLabel('Very satisfied').isChecked(), true);
  await page.close();
});

test('a rate-limited feedback form says so in its own language and keeps the answers', async () => {
  const page = await browser.newPage();
  // The Worker's rate limit on public writes, as it answers (its detail is in English).
  await page.route('**/v1/services/*/feedback', (route) => route.fulfill({
    status: 429,
    contentType: 'application/problem+json',
    headers: { 'Retry-After': '60', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ type: '/problems/too-many-requests', title: 'Too many requests', status: 429,
      detail: 'Too many submissions from this address just now. Try again in 60 seconds.' }),
  }));
  await page.goto(`${worker.url}/demo/performance.html`);
  await page.evaluate((slug) => {
    document.querySelector('servicekit-feedback').remove();
    document.querySelector('main').insertAdjacentHTML('beforeend', `<servicekit-feedback service="${slug}" lang="cy"></servicekit-feedback>`);
  }, FISHING);
  const form = await feedbackWidget(page);
  await form.getByLabel('Bodlon iawn').check();
  await form.getByLabel("Sut gallem wella'r gwasanaeth hwn? (dewisol)").fill('Cadwch hwn');
  await form.getByRole('button', { name: 'Anfon adborth' }).click();
  await form.getByTestId('sk-error').waitFor();
  const said = await form.getByTestId('sk-error').textContent();
  assert.match(said, /Mae gormod o ffurflenni wedi'u hanfon/);
  assert.doesNotMatch(said, /Too many/);
  assert.equal(await form.getByLabel("Sut gallem wella'r gwasanaeth hwn? (dewisol)").inputValue(), 'Cadwch hwn');
  assert.equal(await form.getByLabel('Bodlon iawn').isChecked(), true);
  await page.close();
});

test('the feedback form shows before its code runs, as the widget draws it, and the widget keeps what was given there', async () => {
  for (const [lang, legend, label, satisfied] of [
    ['en', 'Overall, how did you feel about the service you received today?', 'How could we improve this service? (optional)', 'Satisfied'],
    ['cy', "Yn gyffredinol, sut oeddech chi'n teimlo am y gwasanaeth a gawsoch heddiw?", "Sut gallem wella'r gwasanaeth hwn? (dewisol)", 'Bodlon'],
  ]) {
    const page = await browser.newPage();
    const release = await holdWasm(page);
    await inLanguage(page, '/demo/performance.html', lang);
    await page.goto(`${worker.url}/demo/performance.html`);
    const form = page.locator('servicekit-feedback');
    const paint = form.locator('[data-sk-first-paint]');
    await paint.waitFor();
    assert.equal(await paint.locator('legend').textContent(), legend, lang);
    assert.deepEqual(await wcagViolations(page), [], lang);
    // Nothing can be sent before the widget runs: the browser would send the form to the host page.
    assert.equal(await paint.locator('button[type=submit]').isDisabled(), true, lang);
    const painted = await paint.locator('section').innerText();

    await paint.getByLabel(satisfied, { exact: true }).check();
    await paint.getByLabel(label).fill('Shorter forms, please.');
    await paint.getByLabel(label).focus();
    release();
    const widget = await feedbackWidget(page);
    assert.equal(await paint.count(), 0, 'the first paint is gone');
    assert.equal(await widget.getByLabel(satisfied, { exact: true }).isChecked(), true, lang);
    assert.equal(await widget.getByLabel(label).inputValue(), 'Shorter forms, please.', lang);
    // The keyboard carries on in the widget's own comment box.
    assert.equal(await widget.evaluate((e) => e.shadowRoot.activeElement?.id), 'sk-feedback-comment', lang);
    // Apart from the count of characters left (the widget counts what was written), it reads the same.
    const count = (text) => text.replace(/\d[\d,]*/g, 'N');
    assert.equal(count(await widget.locator('section').innerText()), count(painted), lang);
    assert.match(await widget.locator('#sk-feedback-comment-count').textContent(), /\b1,?178\b/, lang);
    await page.close();
  }
});

test('the public performance page works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
  const response = await page.goto(`${worker.url}/services/${FISHING}`);
  assert.equal(response.status(), 200);
  assert.equal(await page.title(), 'Apply for a fishing licence – servicekit');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'Apply for a fishing licence');
  assert.equal(await page.locator('h2').first().textContent(), 'Figures for December 2025.');
  for (const name of ['Cost per transaction', 'User satisfaction', 'Completion rate', 'Digital take-up']) {
    assert.equal(await page.locator('.kpi__title', { hasText: name }).count(), 1, name);
  }
  assert.match(await page.locator('.kpi', { hasText: 'Digital take-up' }).textContent(), /8\d%.*Target 80%/s);
  assert.equal(await page.locator('svg.sk-trend .sk-trend__point').count(), 36);
  assert.equal(await page.locator('table', { hasText: 'Digital take-up by period' }).locator('tbody tr').count(), 36);
  assert.match(await page.locator('main').textContent(), /Digital take-up was 8\d% in December 2025/);
  assert.equal(await page.locator('a[href$="measurements?format=csv"]').count(), 1);
  assert.match(await page.locator('.needs').textContent(), /Not met As an angler, I need to buy the right licence quickly so that I can fish legally today\./);
  await page.screenshot({ path: join(artifacts, 'performance-page.png'), fullPage: true });
  assert.deepEqual(violations, [], 'the page passes its own strict CSP');
  await context.close();

  // The same page (in Welsh) passes axe; axe itself needs script, so it runs in a normal page.
  const checked = await browser.newPage();
  await checked.goto(`${worker.url}/services/${FISHING}?lang=cy`);
  assert.equal(await checked.getAttribute('html', 'lang'), 'cy');
  assert.equal(await checked.locator('h2').first().textContent(), 'Ffigurau ar gyfer Rhagfyr 2025.');
  assert.deepEqual(await wcagViolations(checked), []);
  for (const path of ['/services', '/', '/services/no-such-service']) {
    await checked.goto(`${worker.url}${path}`);
    assert.deepEqual(await wcagViolations(checked), [], path);
  }
  await checked.close();
});

test('pages have caching headers, a 404 page and an index of services', async () => {
  const page = await fetch(`${worker.url}/services/${FISHING}`);
  const etag = page.headers.get('etag');
  assert.match(page.headers.get('cache-control'), /max-age=60/);
  assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
  assert.equal((await fetch(`${worker.url}/services/${FISHING}`, { headers: { 'If-None-Match': etag } })).status, 304);
  const missing = await fetch(`${worker.url}/services/no-such-service`);
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type'), /text\/html/);
  assert.match(await missing.text(), /<h1>Page not found<\/h1>/);
  const index = await (await fetch(`${worker.url}/services`)).text();
  assert.match(index, /<a href="\/services\/apply-for-a-fishing-licence\?lang=en">Apply for a fishing licence<\/a>/);
  assert.match(index, /December 2025/);
});
