// Fault injection: KV fails under a real Worker (SERVICEKIT_FAULTS). The API
// answers 503 problem+json and stores nothing; the widget says so in the
// reader's language, keeps the draft through a reload, and saves once storage is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from '../support/api.mjs';
import { allAt } from '../support/examples.mjs';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { launch } from './fixtures/browser.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const PORT = 8776;
const ADMIN = 'test-admin-token-for-faults';
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SKILLS = [
  'Agile working', 'Financial ownership', 'Life-cycle perspective', 'Operational management',
  'Problem ownership', 'Product ownership', 'Strategic ownership', 'User focus',
];

function assertStorageProblem(response) {
  assert.equal(response.status, 503, response.text);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(response.json.type, '/problems/storage-unavailable');
  assert.match(response.json.detail, /Nothing was changed/);
}

test('when KV writes fail: 503 problem+json, nothing half-stored, the widget keeps the draft and saves later', async () => {
  const persistTo = freshStateDir();
  let worker = await startWorker({ port: PORT, persistTo, vars: { ADMIN_TOKEN: ADMIN, SERVICEKIT_FAULTS: 'kv-writes' } });
  const call = apiClient(() => worker.url);
  // One browser profile throughout: the draft lives in its local storage.
  const context = await browser.newContext();
  try {
    // Every kind of write is refused the same way; reads still work.
    assertStorageProblem(await call('/v1/assessments', { method: 'POST', body: allAt('working') }));
    assertStorageProblem(await call('/v1/teams', { method: 'POST', body: { name: 'Team', role: 'ddat-service-owner-2020' } }));
    assertStorageProblem(await call('/v1/services', { method: 'POST', token: ADMIN, body: { slug: 'faulty', name: 'Faulty', manager: 'Sam' } }));
    assert.equal((await call('/v1/roles')).status, 200);

    const page = await context.newPage();
    const form = new SelfAssessmentPage(page, worker.url);
    await form.open();
    for (const skill of SKILLS) await form.radio(skill, 'Working').check();
    await form.submit.click();
    await form.errorSummary.waitFor({ state: 'visible' });
    assert.match(await form.errorSummary.textContent(), /could not save your assessment.*kept in this browser/);
    await page.reload();
    await form.group('Agile working').waitFor();
    assert.equal(await form.checkedLevel('User focus'), 'working', 'the draft survives a reload');
    await page.close();
  } finally {
    await worker.stop();
  }

  // Storage is back (same KV state, no fault): nothing was stored meanwhile, and the kept draft saves.
  worker = await startWorker({ port: PORT, persistTo, vars: { ADMIN_TOKEN: ADMIN } });
  try {
    assert.deepEqual((await call('/v1/services')).json, [], 'the refused service was not stored');
    const page = await context.newPage();
    const form = new SelfAssessmentPage(page, worker.url);
    await form.open();
    assert.equal(await form.checkedLevel('User focus'), 'working', 'the draft is still there');
    await form.submit.click();
    await form.saved.waitFor({ state: 'visible' });
    await page.close();
  } finally {
    await context.close();
    await worker.stop();
  }
});

test('when KV fails entirely: reads are 503 problem+json too, and the public pages say so', async () => {
  const worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN, SERVICEKIT_FAULTS: 'kv' } });
  const call = apiClient(() => worker.url);
  try {
    for (const path of ['/v1/services', '/v1/roles', '/v1/services/apply-for-a-fishing-licence/kpis']) {
      assertStorageProblem(await call(path));
    }
    for (const [path, words] of [['/services', /problem with this page/], ['/services/apply-for-a-fishing-licence?lang=cy', /problem gyda&#39;r dudalen/]]) {
      const page = await call(path);
      assert.equal(page.status, 503);
      assert.match(page.headers.get('content-type'), /^text\/html/);
      assert.equal(page.headers.get('retry-after'), '60');
      assert.match(page.text, words);
    }
    assert.equal((await call('/v1/health')).status, 200, 'health does not touch storage');
  } finally {
    await worker.stop();
  }
});
