// API tests for services and their contracts: admin creates, the service token
// writes, everyone reads; invalid contracts list every problem; versions are kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../support/api.mjs';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';

const PORT = 8786;
const ADMIN = 'test-admin-token-for-services';
const SLUG = 'apply-for-a-fishing-licence';
const contract = () =>
  JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', `${SLUG}.json`), 'utf8'));
let worker;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
});
after(async () => {
  await worker?.stop();
});

const call = apiClient(() => worker.url);

async function createService(slug, name = 'Apply for a fishing licence') {
  const created = await call('/v1/services', { method: 'POST', body: { slug, name, manager: 'Priya Shah' }, token: ADMIN });
  assert.equal(created.status, 201, created.text);
  return created.json.token;
}

test('only the administrator creates services, with valid and unused slugs', async () => {
  const body = { slug: 'renew-a-passport', name: 'Renew a passport', manager: 'Sam Okafor' };
  assert.equal((await call('/v1/services', { method: 'POST', body })).status, 401);
  assert.equal((await call('/v1/services', { method: 'POST', body, token: 'nope' })).status, 401);
  const bad = await call('/v1/services', { method: 'POST', body: { slug: 'Renew Passport', name: '', manager: 'x' }, token: ADMIN });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.pointer), ['/slug', '/name']);
  const token = (await call('/v1/services', { method: 'POST', body, token: ADMIN })).json.token;
  assert.match(token, /^[0-9a-f]{64}$/);
  const again = await call('/v1/services', { method: 'POST', body, token: ADMIN });
  assert.equal(again.status, 409);
  assert.equal(again.headers.get('content-type'), 'application/problem+json');
});

test('a contract is saved with its token, read by anyone, and versions are kept', async () => {
  const token = await createService(SLUG);
  assert.equal((await call(`/v1/services/${SLUG}/contract`)).status, 404);
  assert.equal((await call(`/v1/services/${SLUG}/contract`, { method: 'PUT', body: contract() })).status, 401);
  assert.equal((await call(`/v1/services/${SLUG}/contract`, { method: 'PUT', body: contract(), token: 'f'.repeat(64) })).status, 401);

  const first = await call(`/v1/services/${SLUG}/contract`, { method: 'PUT', body: contract(), token });
  assert.equal(first.status, 201, first.text);
  assert.deepEqual(first.json.warnings.map((w) => w.pointer), ['/user_needs/2']);

  const changed = contract();
  changed.stage = 'live';
  const second = await call(`/v1/services/${SLUG}/contract`, { method: 'PUT', body: changed, token });
  assert.equal(second.status, 201);
  assert.ok(second.json.version > first.json.version, 'versions sort by time');

  const latest = await call(`/v1/services/${SLUG}/contract`);
  assert.equal(latest.json.version, second.json.version);
  assert.equal(latest.json.contract.stage, 'live');
  assert.deepEqual(latest.json.needs.map((n) => [n.need, n.status]),
    [['buy-licence', 'unknown'], ['prove-licence', 'unknown'], ['assisted-route', 'unknown']]);
  const versions = (await call(`/v1/services/${SLUG}/contract/versions`)).json;
  assert.deepEqual(versions.map((v) => v.version), [first.json.version, second.json.version]);
  const old = await call(versions[0].href);
  assert.equal(old.json.contract.stage, 'beta');

  const list = (await call('/v1/services')).json;
  const entry = list.find((s) => s.slug === SLUG);
  assert.deepEqual([entry.name, entry.stage, entry.href], ['Apply for a fishing licence', 'live', `/v1/services/${SLUG}/contract`]);
});

test('an invalid contract lists every problem by path and changes nothing', async () => {
  const slug = 'get-a-rod-permit';
  const token = await createService(slug, 'Get a rod permit');
  const bad = contract();
  bad.name = '';
  bad.metrics[1].needs = ['teleport'];
  bad.stage = 'decommissioned';
  bad.last_reviewed = 'yesterday';
  const refused = await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: bad, token });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.json.errors.map((e) => e.pointer),
    ['/name', '/decommissioned_because', '/metrics/1/needs/0', '/last_reviewed']);
  assert.equal((await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: '{', token })).status, 400);
  assert.equal((await call(`/v1/services/${slug}/contract/versions`)).json.length, 0);
});

test('the token can be rotated by its holder or the administrator', async () => {
  const slug = 'report-a-pollution-incident';
  const old = await createService(slug, 'Report a pollution incident');
  const rotated = await call(`/v1/services/${slug}/token`, { method: 'POST', token: old });
  assert.equal(rotated.status, 200);
  const fresh = rotated.json.token;
  assert.notEqual(fresh, old);
  assert.equal((await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: contract(), token: old })).status, 401);
  assert.equal((await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: contract(), token: fresh })).status, 201);
  assert.equal((await call(`/v1/services/${slug}/token`, { method: 'POST', token: ADMIN })).status, 200);
  assert.equal((await call(`/v1/services/${slug}/token`, { method: 'POST', token: fresh })).status, 401, 'the admin rotated it');
  assert.equal((await call('/v1/services/no-such-service/token', { method: 'POST', token: ADMIN })).status, 404);
});

test('Correction of Error documents: publish, list, read, update an action', async () => {
  const slug = 'buy-a-boat-registration';
  const token = await createService(slug, 'Buy a boat registration');
  await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: contract(), token });
  const coe = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'coe-payment-outage.json'), 'utf8'));

  assert.equal((await call(`/v1/services/${slug}/coe`, { method: 'POST', body: coe })).status, 401);
  const bad = await call(`/v1/services/${slug}/coe`, { method: 'POST', body: { ...coe, title: '', related_metrics: ['nope'] }, token });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.pointer), ['/title', '/related_metrics/0']);

  const published = await call(`/v1/services/${slug}/coe`, { method: 'POST', body: coe, token });
  assert.equal(published.status, 201, published.text);
  const { id } = published.json;
  const list = (await call(`/v1/services/${slug}/coe`)).json;
  assert.deepEqual(list, [{ id, title: coe.title, date: coe.date, open_actions: 1 }]);
  const read = (await call(`/v1/services/${slug}/coe/${id}`)).json;
  assert.equal(read.root_cause, coe.root_cause);

  const done = await call(`/v1/services/${slug}/coe/${id}/actions/1`, { method: 'PUT', body: { status: 'done' }, token });
  assert.equal(done.status, 200, done.text);
  assert.equal((await call(`/v1/services/${slug}/coe`)).json[0].open_actions, 0);
  assert.equal((await call(`/v1/services/${slug}/coe/${id}/actions/7`, { method: 'PUT', body: { status: 'done' }, token })).status, 404);
  assert.equal((await call(`/v1/services/${slug}/coe/${id}/actions/0`, { method: 'PUT', body: { status: 'finished' }, token })).status, 400);
  assert.equal((await call(`/v1/services/${slug}/coe/${id}/actions/0`, { method: 'PUT', body: { status: 'open' } })).status, 401);
  assert.equal((await call(`/v1/services/${slug}/coe/not-an-id`)).status, 404);
});

test('the public figures and page follow every write to the service at once', async () => {
  // Reads are answered from one stored snapshot per service: each write below must replace it.
  const slug = 'snapshot-follows-writes';
  const token = await createService(slug, 'Snapshot follows writes');
  const page = async () => (await call(`/services/${slug}`)).text;
  assert.match(await page(), /Snapshot follows writes/);
  assert.equal((await call(`/v1/services/${slug}/contract`)).status, 404, 'no contract yet');

  const first = { ...contract(), name: 'Fish licences, first draft' };
  assert.equal((await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: first, token })).status, 201);
  assert.equal((await call(`/v1/services/${slug}/contract`)).json.contract.name, 'Fish licences, first draft');
  assert.match(await page(), /Fish licences, first draft/);

  const second = { ...contract(), name: 'Fish licences, agreed' };
  assert.equal((await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: second, token })).status, 201);
  assert.equal((await call(`/v1/services/${slug}/contract`)).json.contract.name, 'Fish licences, agreed');
  assert.match(await page(), /Fish licences, agreed/);

  const coe = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'coe-payment-outage.json'), 'utf8'));
  const published = await call(`/v1/services/${slug}/coe`, { method: 'POST', body: coe, token });
  assert.equal(published.status, 201, published.text);
  assert.match(await page(), new RegExp(`/v1/services/${slug}/coe/${published.json.id}`));

  assert.deepEqual((await call(`/v1/services/${slug}/kpis`)).json.periods, [], 'nothing measured yet');
  const csv = 'period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5\n2026-01,digital,100,90,450.00,,,,,\n';
  const uploaded = await call(`/v1/services/${slug}/measurements`, { method: 'POST', body: csv, headers: { 'Content-Type': 'text/csv' }, token });
  assert.equal(uploaded.status, 200, uploaded.text);
  const kpis = (await call(`/v1/services/${slug}/kpis`)).json;
  assert.deepEqual(kpis.periods.map((p) => p.period), ['2026-01']);
  assert.equal(kpis.periods[0].completion_rate, 0.9);

  // Each language's page is kept as rendered: the next view is the same document, ETag and headers.
  for (const lang of ['en', 'cy']) {
    const rendered = await call(`/services/${slug}?lang=${lang}`);
    const kept = await call(`/services/${slug}?lang=${lang}`);
    assert.equal(rendered.status, 200);
    assert.equal(kept.text, rendered.text, lang);
    for (const header of ['etag', 'content-type', 'content-security-policy', 'cache-control', 'vary']) {
      assert.equal(kept.headers.get(header), rendered.headers.get(header), `${lang} ${header}`);
    }
    assert.match(kept.headers.get('content-type'), /^text\/html/);
    const etag = kept.headers.get('etag');
    assert.equal((await call(`/services/${slug}?lang=${lang}`, { headers: { 'If-None-Match': etag } })).status, 304);
  }
  // A write drops the kept Welsh page as well as the English one.
  const third = { ...contract(), name: 'Trwyddedau pysgota' };
  assert.equal((await call(`/v1/services/${slug}/contract`, { method: 'PUT', body: third, token })).status, 201);
  assert.match((await call(`/services/${slug}?lang=cy`)).text, /Trwyddedau pysgota/);
  assert.match((await call(`/services/${slug}?lang=en`)).text, /Trwyddedau pysgota/);
});
