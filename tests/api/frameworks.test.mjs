// API tests for importing a framework (admin only) and assessing against an
// imported role level, and for deleting an assessment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiClient } from '../support/api.mjs';
import { startWorker, freshStateDir } from '../support/worker.mjs';

const PORT = 8793;
const ADMIN = 'test-admin-token-for-frameworks';
let worker;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
});
after(async () => {
  await worker?.stop();
});

function catalogueJson() {
  const file = process.env.SERVICEKIT_DDAT_JSON;
  assert.ok(file, 'cargo xtask test sets SERVICEKIT_DDAT_JSON to the imported DDaT export');
  return readFileSync(file, 'utf8');
}

const call = apiClient(() => worker.url);

test('only the administrator can import a framework', async () => {
  const body = catalogueJson();
  for (const token of [undefined, 'wrong', `${ADMIN}x`]) {
    const response = await call('/v1/frameworks/ddat-2025', { method: 'PUT', body, token });
    assert.equal(response.status, 401, response.text);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  }
  assert.equal((await call('/v1/frameworks')).json.length, 0, 'nothing stored by refused uploads');
});

test('a bad catalogue is refused with every problem and nothing stored', async () => {
  const catalogue = JSON.parse(catalogueJson());
  catalogue.roles[0].levels[0].skills[0].required = { min: 2, max: 9 };
  const mismatched = await call('/v1/frameworks/ddat-2024', { method: 'PUT', body: JSON.stringify(catalogue), token: ADMIN });
  assert.equal(mismatched.status, 422, mismatched.text);
  const pointers = mismatched.json.errors.map((e) => e.pointer);
  assert.ok(pointers.includes('/id'));
  assert.ok(pointers.includes('/roles/0/levels/0/skills/0/required'));
  const malformed = await call('/v1/frameworks/ddat-2025', { method: 'PUT', body: '{"id": "ddat-2025", "roles": 3', token: ADMIN });
  assert.equal(malformed.status, 400);
  assert.equal((await call('/v1/frameworks')).json.length, 0);
  assert.equal((await call('/v1/roles/ddat-2025-service-owner')).status, 404);
});

test('the imported DDaT 2025 export gives 52 roles and an assessable service owner', async () => {
  const put = await call('/v1/frameworks/ddat-2025', { method: 'PUT', body: catalogueJson(), token: ADMIN });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json, {
    id: 'ddat-2025', framework: { name: 'DDaT', version: '2025' }, roles: 52, profiles: 201, href: '/v1/frameworks/ddat-2025',
  });
  const list = await call('/v1/frameworks');
  assert.deepEqual(list.json.map((f) => f.id), ['ddat-2025']);
  const index = (await call('/v1/frameworks/ddat-2025')).json;
  assert.equal(index.roles.length, 52);
  assert.equal(index.roles.filter((r) => r.senior_civil_service).length, 4);
  const owner = (await call('/v1/roles/ddat-2025-service-owner')).json;
  assert.equal(owner.skills.length, 9);
  assert.ok((await call('/v1/roles')).json.some((r) => r.id === 'ddat-2025-service-owner'));

  const ratings = Object.fromEntries(owner.skills.map((s) => [s.id, { level: 'practitioner' }]));
  const created = await call('/v1/assessments', { method: 'POST', body: JSON.stringify({ role: owner.id, ratings }) });
  assert.equal(created.status, 201, created.text);
  const read = await call(`/v1/assessments/${created.json.id}`, { token: created.json.token });
  assert.deepEqual(read.json.summary, { met: 1, below: 8, above: 0, not_rated: 0 });
});

test('an assessment can be deleted for good with its token only', async () => {
  const owner = (await call('/v1/roles/ddat-service-owner-2020')).json;
  const ratings = Object.fromEntries(owner.skills.map((s) => [s.id, { level: 'expert' }]));
  const { id, token } = (await call('/v1/assessments', { method: 'POST', body: JSON.stringify({ role: owner.id, ratings }) })).json;
  assert.equal((await call(`/v1/assessments/${id}`, { method: 'DELETE', token: 'f'.repeat(64) })).status, 404);
  assert.equal((await call(`/v1/assessments/${id}`, { method: 'DELETE' })).status, 401);
  assert.equal((await call(`/v1/assessments/${id}`, { token })).status, 200, 'a refused delete removes nothing');
  const deleted = await call(`/v1/assessments/${id}`, { method: 'DELETE', token });
  assert.equal(deleted.status, 204);
  assert.equal((await call(`/v1/assessments/${id}`, { token })).status, 404);
  assert.equal((await call(`/v1/assessments/${id}`, { method: 'DELETE', token })).status, 404);
});
