// Data lifecycle: an administrator exports everything of a service as one JSON
// document and imports it into another deployment, which then serves the same
// contract, documents, measurements, KPIs and feedback, with the same service
// token; imports never overwrite and refuse bad documents whole. Assessments
// can be kept for a set number of days (KV expiry).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../support/api.mjs';
import { allAt } from '../support/examples.mjs';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';
import { createService, fishingContract, uploadCsv, FISHING } from '../support/services.mjs';

const ADMIN = 'test-admin-token-for-backup';
const kvState = freshStateDir();
let source, destination, token;

before(async () => {
  [source, destination] = await Promise.all([
    startWorker({ port: 8775, persistTo: kvState, vars: { ADMIN_TOKEN: ADMIN, ASSESSMENT_RETENTION_DAYS: '30' } }),
    startWorker({ port: 8774, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } }),
  ]);
  token = await createService(source.url, ADMIN, FISHING, fishingContract(80));
});
after(async () => {
  await Promise.all([source?.stop(), destination?.stop()]);
});

const from = apiClient(() => source.url);
const to = apiClient(() => destination.url);
const csv = readFileSync(join(root, 'tests', 'support', 'measurements', `${FISHING}.csv`), 'utf8');

/** Everything a reader or the service team can see of the service. */
async function visible(call) {
  const coes = (await call(`/v1/services/${FISHING}/coe`)).json;
  const feedback = (await call(`/v1/services/${FISHING}/feedback`, { token })).json;
  const contract = (await call(`/v1/services/${FISHING}/contract`)).json;
  return {
    services: (await call('/v1/services')).json,
    contract,
    versions: (await call(`/v1/services/${FISHING}/contract/versions`)).json,
    coes,
    coe: (await call(`/v1/services/${FISHING}/coe/${coes[0].id}`)).json,
    csv: (await call(`/v1/services/${FISHING}/measurements?format=csv`)).text,
    kpis: (await call(`/v1/services/${FISHING}/kpis`)).json,
    feedback,
  };
}

test('export then import into a fresh deployment restores everything, token included', async () => {
  const coe = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'coe-payment-outage.json'), 'utf8'));
  assert.equal((await from(`/v1/services/${FISHING}/coe`, { method: 'POST', body: coe, token })).status, 201);
  assert.equal((await uploadCsv(source.url, FISHING, token, csv)).status, 200);
  for (const rating of [5, 4, 2]) {
    const sent = await from(`/v1/services/${FISHING}/feedback`, { method: 'POST', body: { rating, comment: `Rated ${rating}` } });
    assert.equal(sent.status, 201, sent.text);
  }
  assert.equal((await from(`/v1/services/${FISHING}/feedback/reviewed`, { method: 'POST', token })).status, 200);

  assert.equal((await from(`/v1/services/${FISHING}/export`, { token })).status, 401, 'the service token cannot export');
  const exported = await from(`/v1/services/${FISHING}/export`, { token: ADMIN });
  assert.equal(exported.status, 200, exported.text);
  assert.match(exported.headers.get('content-disposition'), /attachment; filename="apply-for-a-fishing-licence-export.json"/);
  assert.equal(exported.json.format, 'servicekit-service-export/1');
  assert.equal(exported.json.periods.length, 12);
  assert.equal(exported.json.feedback.flatMap((m) => m.records).length, 3);
  assert.ok(!exported.text.includes(token), 'the export holds the token hash, never the token');

  const imported = await to('/v1/services/import', { method: 'POST', body: exported.text, token: ADMIN });
  assert.equal(imported.status, 201, imported.text);
  assert.deepEqual(imported.json, { slug: FISHING, contract_versions: 1, coes: 1, periods: 12, feedback: 3 });
  assert.deepEqual(await visible(to), await visible(from), 'the new deployment shows exactly the same');

  // A second export of the copy is the same document, apart from when it was made.
  const again = (await to(`/v1/services/${FISHING}/export`, { token: ADMIN })).json;
  assert.deepEqual({ ...again, exported_at: '' }, { ...exported.json, exported_at: '' });
});

test('an import never overwrites, and a bad document is refused whole', async () => {
  const exported = (await from(`/v1/services/${FISHING}/export`, { token: ADMIN })).json;
  const before = await visible(from);
  const again = await from('/v1/services/import', { method: 'POST', body: exported, token: ADMIN });
  assert.equal(again.status, 409);
  assert.equal(again.json.type, '/problems/conflict');

  const bad = structuredClone(exported);
  bad.service.slug = 'a-copy';
  bad.feedback[0].records[0].rating = 9;
  bad.coes[0].id = '../../services';
  bad.periods[0].rows[0].period = '1999-01';
  const refused = await from('/v1/services/import', { method: 'POST', body: bad, token: ADMIN });
  assert.equal(refused.status, 422);
  const pointers = refused.json.errors.map((e) => e.pointer);
  for (const p of ['/feedback/0/records/0/rating', '/coes/0/id', '/periods/0/rows/0/period']) {
    assert.ok(pointers.includes(p), `${p} in ${pointers}`);
  }
  assert.equal((await from('/v1/services/a-copy/contract')).status, 404, 'nothing of a refused import is stored');
  assert.equal((await from('/v1/services/import', { method: 'POST', body: exported, token })).status, 401);
  assert.deepEqual(await visible(from), before, 'what was stored is untouched');
});

test('with ASSESSMENT_RETENTION_DAYS, assessments and team memberships expire after that many days', async () => {
  const team = (await from('/v1/teams', { method: 'POST', body: { name: 'Retention team', role: 'ddat-service-owner-2020' } })).json;
  const created = await from('/v1/assessments', { method: 'POST', body: { ...allAt('working'), team: team.id } });
  assert.equal(created.status, 201, created.text);
  // What KV itself holds, read with wrangler from the same local state.
  const listed = JSON.parse(execFileSync(join(root, 'node_modules', '.bin', 'wrangler'),
    ['kv', 'key', 'list', '--binding', 'SERVICEKIT', '--local', '--persist-to', kvState],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, encoding: 'utf8' }));
  const now = Date.now() / 1000;
  const expiry = (name) => listed.find((k) => k.name === name)?.expiration;
  for (const name of [`assessment:${created.json.id}`, `member:${team.id}:${created.json.id}`]) {
    const days = (expiry(name) - now) / 86_400;
    assert.ok(days > 29.9 && days <= 30, `${name} expires in ${days} days`);
  }
  assert.equal(expiry(`team:${team.id}`), undefined, 'the team itself is kept');
  assert.equal(expiry(`service:${FISHING}`), undefined, 'published service data is kept');
});
