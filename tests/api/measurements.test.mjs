// API tests for measurements, KPIs and feedback: JSON and CSV uploads, every
// bad cell reported with nothing stored, idempotent re-uploads, KPI maths over
// HTTP, feedback counted into satisfaction, comments private, rate limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../support/api.mjs';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';
import { createService, fishingContract, FISHING } from '../support/services.mjs';
import { HEADER } from '../support/measurements.mjs';

const PORT = 8784;
const ADMIN = 'test-admin-token-for-measurements';
const exampleCsv = readFileSync(join(root, 'tests', 'support', 'measurements', `${FISHING}.csv`), 'utf8');
let worker, token;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
  token = await createService(worker.url, ADMIN, FISHING, fishingContract(80));
});
after(async () => {
  await worker?.stop();
});

const call = apiClient(() => worker.url);
const csvUpload = (body, t = token, slug = FISHING) =>
  call(`/v1/services/${slug}/measurements`, { method: 'POST', body, token: t, headers: { 'Content-Type': 'text/csv' } });
const storedCsv = async () => (await call(`/v1/services/${FISHING}/measurements?format=csv`)).text;

test('the example CSV uploads, downloads byte for byte and re-uploads idempotently', async () => {
  const first = await csvUpload(exampleCsv);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.rows, 48);
  assert.equal(first.json.periods.length, 12);
  const download = await call(`/v1/services/${FISHING}/measurements?format=csv`);
  assert.match(download.headers.get('content-type'), /^text\/csv/);
  assert.match(download.headers.get('content-disposition'), /attachment; filename="apply-for-a-fishing-licence-measurements.csv"/);
  assert.equal(download.text, exampleCsv, 'a download is the same file');
  assert.equal((await csvUpload(download.text)).status, 200);
  assert.equal(await storedCsv(), exampleCsv, 're-posting the same periods changes nothing');
});

test('JSON uploads carry the same fields, and GET JSON re-uploads unchanged', async () => {
  const body = {
    measurements: [
      { period: '2024-Q1', channel: 'digital', started: 100, completed: 80, cost: 99.99, rating_1: 0, rating_2: 0, rating_3: 0, rating_4: 1, rating_5: 1 },
      { period: '2024-Q1', channel: 'phone', completed: 20, cost: '150.5' },
    ],
  };
  const stored = await call(`/v1/services/${FISHING}/measurements`, { method: 'POST', body, token });
  assert.equal(stored.status, 200, stored.text);
  const listed = await call(`/v1/services/${FISHING}/measurements`);
  const quarter = listed.json.measurements.filter((m) => m.period === '2024-Q1');
  assert.deepEqual(quarter[1], { period: '2024-Q1', channel: 'phone', started: null, completed: 20, cost: 150.5, rating_1: null, rating_2: null, rating_3: null, rating_4: null, rating_5: null });
  const again = await call(`/v1/services/${FISHING}/measurements`, { method: 'POST', body: { measurements: quarter }, token });
  assert.equal(again.status, 200, again.text);
  // Re-posting a period replaces it whole: the phone row goes when only digital is sent.
  await call(`/v1/services/${FISHING}/measurements`, { method: 'POST', body: { measurements: [quarter[0]] }, token });
  const after = (await call(`/v1/services/${FISHING}/measurements`)).json.measurements.filter((m) => m.period === '2024-Q1');
  assert.deepEqual(after.map((m) => m.channel), ['digital']);
});

test('a bad CSV lists every bad cell by row and column, and stores nothing', async () => {
  const before = await storedCsv();
  const bad = [
    HEADER,
    '2026-01,digital,10,9,12.00,,,,,', // fine, but must not be stored
    '2026-13,digital,10,9,12.00,,,,,',
    '2026-02,fax,-1,ten,12.345,,,,,',
    '2026-02,phone,1,1,1,1,2,,,',
  ].join('\n');
  const refused = await csvUpload(bad);
  assert.equal(refused.status, 422);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json');
  assert.equal(refused.json.type, '/problems/validation');
  assert.deepEqual(refused.json.errors.map((e) => e.pointer), [
    '/rows/3/period', '/rows/4/channel', '/rows/4/started', '/rows/4/completed', '/rows/4/cost', '/rows/5/rating_1',
  ]);
  assert.match(refused.json.errors[1].detail, /^Row 4, column channel: 'fax' is not a channel/);
  assert.equal(await storedCsv(), before, 'nothing from the upload is stored');

  const notUtf8 = Buffer.concat([Buffer.from(`${HEADER}\n2026-01,digital,1,1,`), Buffer.from([0xff, 0xfe]), Buffer.from(',,,,,\n')]);
  const encoding = await fetch(`${worker.url}/v1/services/${FISHING}/measurements`, {
    method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` }, body: notUtf8,
  });
  assert.equal(encoding.status, 422);
  const problem = await encoding.json();
  assert.equal(problem.errors[0].pointer, '/rows/2/cost');
  assert.match(problem.errors[0].detail, /UTF-8/);

  const header = await csvUpload('period,channel,begun\n2026-01,digital,1\n');
  assert.equal(header.status, 422);
  assert.match(header.json.errors[0].detail, /Row 1 \(the header\), column 3: expected 'started'/);
  const unknownMetric = await csvUpload(`${HEADER},metric.nope\n2026-01,digital,1,1,,,,,,,5\n`);
  assert.equal(unknownMetric.status, 422);
  assert.match(unknownMetric.json.errors[0].detail, /The contract has no metric 'nope'/);
  assert.equal(await storedCsv(), before);
});

test('uploads need the service token, a known service and a CSV or JSON body', async () => {
  assert.equal((await csvUpload(exampleCsv, 'wrong-token')).status, 401);
  assert.equal((await csvUpload(exampleCsv, ADMIN)).status, 401, 'the admin token is not a service token');
  assert.equal((await csvUpload(exampleCsv, token, 'no-such-service')).status, 404);
  const xml = await call(`/v1/services/${FISHING}/measurements`, { method: 'POST', body: '<rows/>', token, headers: { 'Content-Type': 'application/xml' } });
  assert.equal(xml.status, 415);
  assert.equal((await call('/v1/services/no-such-service/measurements')).status, 404);
  assert.equal((await call(`/v1/services/${FISHING}/measurements`, { method: 'DELETE' })).headers.get('allow'), 'GET, HEAD, POST');
});

test('KPIs follow the definitions, with gaps, rolling 12 months and the contract target', async () => {
  const slug = 'kpi-maths';
  const t = await createService(worker.url, ADMIN, slug, { ...fishingContract(75), name: 'KPI maths' });
  const csv = [
    HEADER,
    '2025-01,digital,100,90,90.00,0,0,0,0,10',
    '2025-01,assisted-digital,10,10,50.00,,,,,',
    '2025-01,phone,,100,1000.00,10,0,0,0,0',
    '2025-03,digital,10,12,,,,,,',
    '2025-03,phone,,0,,,,,,',
  ].join('\n');
  assert.equal((await csvUpload(csv, t, slug)).status, 200);
  const { json } = await call(`/v1/services/${slug}/kpis`);
  assert.equal(json.take_up_target, 0.75);
  assert.deepEqual(json.periods.map((p) => p.period), ['2025-01', '2025-03'], 'February is a gap, not a zero');
  const [jan, mar] = json.periods;
  assert.equal(jan.cost_per_transaction, 1140 / 200);
  assert.equal(jan.digital_cost_per_transaction, 140 / 100);
  assert.equal(jan.satisfaction, 0.5);
  assert.equal(jan.responses, 20);
  assert.equal(jan.completion_rate, 100 / 110);
  assert.equal(jan.digital_take_up, 0.5);
  assert.equal(jan.assisted_digital_share, 0.05);
  assert.equal(mar.completion_rate, 1, 'never over 100 %');
  assert.equal(mar.completion_inconsistent, true);
  assert.equal(mar.change.digital_take_up, null, 'no February to compare with');
  assert.equal(mar.rolling_12_months.digital_take_up, 112 / 212);
  assert.equal(mar.rolling_months_with_data, 2);
  assert.equal((await call('/v1/services/no-such-service/kpis')).status, 404);
});

test('the take-up widget\'s first paint is the chart as HTML, in the reader\'s language, and follows new figures', async () => {
  const slug = 'first-paint';
  const t = await createService(worker.url, ADMIN, slug, { ...fishingContract(70), name: 'First paint' });
  await csvUpload([HEADER, '2025-05,digital,,70,,,,,,', '2025-05,phone,,30,,,,,,'].join('\n'), t, slug);
  const paint = (lang = 'en') => call(`/v1/services/${slug}/take-up.html?lang=${lang}`, { headers: { Origin: 'http://127.0.0.1:8787' } });
  const first = await paint();
  assert.equal(first.status, 200, first.text);
  assert.match(first.headers.get('content-type'), /^text\/html/);
  assert.equal(first.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8787', 'a widget on an allowed intranet page may read it');
  assert.match(first.text, /^<section class="sk-take-up"/);
  assert.match(first.text, /Digital take-up was 70% in May 2025\./);
  assert.equal((first.text.match(/class="sk-trend__point"/g) ?? []).length, 1);
  assert.match(first.text, /Target 70%/);
  // What the widget needs for its table and channel mix comes with it.
  assert.match(first.text, /<div hidden data-testid="sk-take-up-table">/);
  assert.match(first.text, /<th scope="row" class="sk-table__header">May 2025<\/th><td class="sk-table__cell sk-table__numeric">70%<\/td>/);
  const mix = JSON.parse(first.text.match(/data-mix="([^"]*)"/)[1].replaceAll('&quot;', '"'));
  assert.deepEqual(mix, [['May 2025', [['Digital', 70], ['Phone', 30]]]], 'each point\'s period and completed transactions by channel, in words');
  assert.match((await paint('cy')).text, /Roedd y defnydd digidol yn 70% yn Mai 2025\./);

  // A new month: the kept rendering is dropped with the snapshot, and the next reader sees it.
  await csvUpload([HEADER, '2025-06,digital,,80,,,,,,', '2025-06,phone,,20,,,,,,'].join('\n'), t, slug);
  const later = await paint();
  assert.match(later.text, /Digital take-up was 80% in June 2025, up 10 percentage points on May 2025\./);
  assert.equal((later.text.match(/class="sk-trend__point"/g) ?? []).length, 2);
  assert.match((await paint('cy')).text, /Mehefin 2025/);

  for (const bad of ['fr', 'cy&lang=en', '']) {
    const refused = await call(`/v1/services/${slug}/take-up.html?lang=${bad}`);
    assert.equal(refused.status, 422, bad);
    assert.deepEqual(refused.json.errors.map((e) => e.pointer), ['/lang'], bad);
  }
  const unknown = await call('/v1/services/no-such-service/take-up.html');
  assert.equal(unknown.status, 404);
  assert.match(unknown.headers.get('content-type'), /^application\/problem\+json/);
});

test('contract need status uses the latest measured values', async () => {
  const slug = 'need-status';
  const contract = { ...fishingContract(60), name: 'Need status' };
  const t = await createService(worker.url, ADMIN, slug, contract);
  await csvUpload([HEADER, '2025-05,digital,,70,,,,,,', '2025-05,phone,,30,,,,,,'].join('\n'), t, slug);
  const view = (await call(`/v1/services/${slug}/contract`)).json;
  assert.equal(view.metric_values['digital-take-up'], 70);
  // buy-licence also needs completion (≥85 %), cost and satisfaction: none measured, take-up met → unknown.
  assert.equal(view.needs.find((n) => n.need === 'buy-licence').status, 'unknown');
  await csvUpload([HEADER, '2025-06,digital,,50,,,,,,', '2025-06,phone,,50,,,,,,'].join('\n'), t, slug);
  const later = (await call(`/v1/services/${slug}/contract`)).json;
  assert.equal(later.metric_values['digital-take-up'], 50);
  assert.equal(later.needs.find((n) => n.need === 'buy-licence').status, 'not-met', '50 % misses the 60 % target');
});

test('the contract viewer\'s HTML shows need status from the latest figures, in the reader\'s language, and follows every write', async () => {
  const slug = 'contract-html';
  const contract = { ...fishingContract(60), name: 'Contract <b>HTML</b>' };
  contract.description.overview = '<img src=x onerror="alert(1)"> & more';
  const t = await createService(worker.url, ADMIN, slug, contract);
  const view = (lang = 'en') => call(`/v1/services/${slug}/contract.html?lang=${lang}`, { headers: { Origin: 'http://127.0.0.1:8787' } });
  const first = await view();
  assert.equal(first.status, 200, first.text);
  assert.match(first.headers.get('content-type'), /^text\/html/);
  assert.equal(first.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8787');
  assert.equal(first.headers.get('cache-control'), 'no-cache', 'a new version shows at once, also in a browser that read the last');
  assert.match(first.text, /^<section class="sk-contract"/);
  assert.match(first.text, /<h2 id="sk-contract-title" class="sk-heading-l">Contract &lt;b&gt;HTML&lt;\/b&gt;<\/h2>/, 'contract text is escaped');
  assert.match(first.text, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt; &amp; more/);
  assert.doesNotMatch(first.text, /<img|<b>/);
  assert.match(first.text, /Digital take-up \(target at least 60 %\)/);
  assert.match(first.text, /No Correction of Error documents published\./);
  assert.match((await view('cy')).text, /Anghenion defnyddwyr/);

  // Figures arrive: the kept HTML is dropped with the snapshot, and the need's status follows.
  await csvUpload([HEADER, '2025-05,digital,,50,,,,,,', '2025-05,phone,,50,,,,,,'].join('\n'), t, slug);
  const measured = await view();
  assert.match(measured.text, /Digital take-up \(target at least 60 %\): latest 50(\.0)? ?%/);
  assert.match(measured.text, /<strong class="sk-tag sk-tag--red">Not met<\/strong>/);
  // A new contract version shows at once.
  const renamed = await call(`/v1/services/${slug}/contract`, { method: 'PUT', token: t, body: { ...contract, name: 'Renamed' } });
  assert.equal(renamed.status, 201, renamed.text);
  assert.match((await view()).text, />Renamed<\/h2>/);

  for (const bad of ['fr', 'cy&lang=en', '']) {
    const refused = await call(`/v1/services/${slug}/contract.html?lang=${bad}`);
    assert.equal(refused.status, 422, bad);
    assert.deepEqual(refused.json.errors.map((e) => e.pointer), ['/lang'], bad);
  }
  const unknown = await call('/v1/services/no-such-service/contract.html');
  assert.equal(unknown.status, 404);
  assert.match(unknown.headers.get('content-type'), /^application\/problem\+json/);
  await createService(worker.url, ADMIN, 'no-contract-html');
  const none = await call('/v1/services/no-contract-html/contract.html');
  assert.equal(none.status, 404);
  assert.match(none.json.detail, /has no contract yet/);
});

test('feedback counts towards satisfaction; comments are for the service team only', async () => {
  const slug = 'feedback-counts';
  const t = await createService(worker.url, ADMIN, slug, { ...fishingContract(), name: 'Feedback counts' });
  const give = (body) => call(`/v1/services/${slug}/feedback`, { method: 'POST', body, headers: { Origin: 'http://127.0.0.1:8787' } });
  const given = await give({ rating: 5, comment: '  Quick and clear.  ' });
  assert.equal(given.status, 201, given.text);
  assert.equal(given.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8787');
  assert.equal((await give({ rating: 1 })).status, 201);
  const bad = await give({ rating: 6, comment: 'x'.repeat(1201) });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.pointer), ['/rating', '/comment']);
  assert.equal((await give({ rating: 3, name: 'Sam' })).status, 400, 'unknown fields are refused');
  assert.equal((await call('/v1/services/no-such-service/feedback', { method: 'POST', body: { rating: 3 } })).status, 404);

  const month = given.json.period;
  const kpis = (await call(`/v1/services/${slug}/kpis`)).json;
  const current = kpis.periods.find((p) => p.period === month);
  assert.equal(current.responses, 2);
  assert.equal(current.satisfaction, 0.5);

  assert.equal((await call(`/v1/services/${slug}/feedback`)).status, 401, 'comments are private');
  const read = await call(`/v1/services/${slug}/feedback`, { token: t });
  assert.equal(read.status, 200);
  assert.deepEqual(read.json.feedback.map((f) => [f.rating, f.comment]), [[5, 'Quick and clear.'], [1, '']]);
  assert.equal(read.json.last_reviewed, null);
  assert.equal((await call(`/v1/services/${slug}/feedback?period=2025-13`, { token: t })).status, 422);
  assert.deepEqual((await call(`/v1/services/${slug}/feedback?period=2020-01`, { token: t })).json.feedback, []);

  const page = await call(`/services/${slug}`);
  assert.match(page.text, /has not reviewed user feedback for over a month/);
  assert.equal((await call(`/v1/services/${slug}/feedback/reviewed`, { method: 'POST' })).status, 401);
  const reviewed = await call(`/v1/services/${slug}/feedback/reviewed`, { method: 'POST', token: t });
  assert.equal(reviewed.status, 200);
  assert.equal((await call(`/v1/services/${slug}/feedback`, { token: t })).json.last_reviewed, reviewed.json.last_reviewed);
  assert.doesNotMatch((await call(`/services/${slug}`)).text, /has not reviewed user feedback/);
});

test('the feedback form\'s first paint is the form as HTML, unanswered, in the reader\'s language, with nothing it can send', async () => {
  const form = (slug, lang = 'en') => call(`/v1/services/${slug}/feedback/form.html?lang=${lang}`, { headers: { Origin: 'http://127.0.0.1:8787' } });
  const english = await form(FISHING);
  assert.equal(english.status, 200, english.text);
  assert.match(english.headers.get('content-type'), /^text\/html/);
  assert.equal(english.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8787');
  assert.match(english.text, /^<section class="sk-feedback"/);
  assert.deepEqual([...english.text.matchAll(/type="radio" name="sk-feedback-rating" id="sk-feedback-rating-(\d)" value="(\d)">/g)].map((m) => m[1] + m[2]),
    ['11', '22', '33', '44', '55']);
  assert.match(english.text, /for="sk-feedback-rating-5">Very satisfied<\/label>/);
  assert.match(english.text, /<p class="sk-hint" id="sk-feedback-comment-count">You have 1200 characters remaining<\/p>/);
  assert.doesNotMatch(english.text, /checked/);
  assert.match(english.text, /<button type="submit" class="sk-button" disabled>Send feedback<\/button>/);

  const welsh = (await form(FISHING, 'cy')).text;
  assert.match(welsh, /id="sk-feedback-legend">Yn gyffredinol, sut oeddech chi&#39;n teimlo am y gwasanaeth a gawsoch heddiw\?<\/legend>/);
  assert.match(welsh, />Anfon adborth<\/button>/);
  for (const bad of ['fr', 'cy&lang=en']) {
    const refused = await form(FISHING, bad);
    assert.equal(refused.status, 422, bad);
    assert.equal(refused.headers.get('content-type'), 'application/problem+json');
  }
  const unknown = await form('Not A Slug');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('content-type'), 'application/problem+json');
});

test('feedback is rate-limited per client with Retry-After', async () => {
  const slug = 'rate-limited';
  await createService(worker.url, ADMIN, slug);
  // The local limiter counts in windows aligned to the clock's minutes (as
  // Miniflare emulates it): start well inside one, so that all 61 fall in it.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((resolve) => { setTimeout(resolve, 60_000 - intoMinute + 200); });
  const statuses = [];
  for (let i = 0; i < 61; i += 1) {
    const response = await call(`/v1/services/${slug}/feedback`, { method: 'POST', body: { rating: 4 } });
    statuses.push(response.status);
    if (response.status === 429) {
      assert.equal(response.headers.get('retry-after'), '60');
      assert.equal(response.json.type, '/problems/too-many-requests');
    }
  }
  assert.deepEqual(statuses.slice(0, 60), Array(60).fill(201));
  assert.equal(statuses[60], 429);
});
