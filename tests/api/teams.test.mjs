// API tests for team coverage: a lead creates a team, members count their
// assessments towards it, and the lead sees counts only, from three members on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from '../support/api.mjs';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { allAt, ROLE, SKILLS } from '../support/examples.mjs';

const PORT = 8794;
let worker;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir() });
});
after(async () => {
  await worker?.stop();
});

const call = apiClient(() => worker.url);

function member(team, levels) {
  const submission = allAt('awareness');
  SKILLS.forEach((skill, i) => { submission.ratings[skill].level = levels[i]; });
  return { ...submission, team };
}

test('a team needs a name and a known role', async () => {
  const bad = await call('/v1/teams', { method: 'POST', body: { name: '', role: 'ddat-wizard' } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.pointer), ['/name', '/role']);
});

test('coverage shows counts only, and only from three members', async () => {
  const team = await call('/v1/teams', { method: 'POST', body: { name: 'Licensing service team', role: ROLE } });
  assert.equal(team.status, 201, team.text);
  const { id, token, url } = team.json;
  assert.equal(url, `${worker.url}/v1/teams/${id}/coverage`);

  const E = 'expert', P = 'practitioner', W = 'working', A = 'awareness';
  const first = await call('/v1/assessments', { method: 'POST', body: member(id, [E, W, P, A, A, W, E, P]) });
  assert.equal(first.status, 201, first.text);
  await call('/v1/assessments', { method: 'POST', body: member(id, [P, W, A, A, A, P, W, P]) });

  const early = await call(`/v1/teams/${id}/coverage`, { token });
  assert.equal(early.status, 200, early.text);
  const context = { large: false, outsources: false, has_products: false };
  assert.deepEqual(early.json, { name: 'Licensing service team', role: ROLE, context, status: 'too-few-members', members: 2, needed: 3 });

  await call('/v1/assessments', { method: 'POST', body: member(id, [W, A, E, A, A, A, A, P]) });
  const ready = (await call(`/v1/teams/${id}/coverage`, { token })).json;
  assert.equal(ready.status, 'ready');
  assert.deepEqual([ready.members, ready.skills, ready.covered], [3, 8, 4]);
  const row = (skill) => ready.coverage.find((c) => c.skill === skill);
  assert.deepEqual(row('agile-working'), { skill: 'agile-working', required: { min: 4, max: 4 }, members_reaching: 1, best: 4, covered: true });
  assert.deepEqual([row('user-focus').members_reaching, row('user-focus').best, row('user-focus').covered], [0, 3, false]);
  assert.equal(row('product-ownership').members_reaching, 2);
  assert.ok(!ready.coverage.some((c) => 'ratings' in c || 'evidence' in c), 'no individual answers');

  // Leaving the team (deleting the assessment) takes the team below the threshold again.
  assert.equal((await call(`/v1/assessments/${first.json.id}`, { method: 'DELETE', token: first.json.token })).status, 204);
  const after = (await call(`/v1/teams/${id}/coverage`, { token })).json;
  assert.deepEqual([after.status, after.members, after.needed], ['too-few-members', 2, 3]);
});

test('coverage needs the lead token; members need a real team for their role', async () => {
  const { id, token } = (await call('/v1/teams', { method: 'POST', body: { name: 'Team', role: ROLE } })).json;
  for (const [presented, status] of [[undefined, 401], ['f'.repeat(64), 404]]) {
    const response = await call(`/v1/teams/${id}/coverage`, { token: presented });
    assert.equal(response.status, status);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
  }
  assert.equal((await call(`/v1/teams/${'a'.repeat(32)}/coverage`, { token })).status, 404);

  const cases = [
    ['an unknown team', member('b'.repeat(32), Array(8).fill('expert'))],
    ['a malformed team id', member('../../etc', Array(8).fill('expert'))],
  ];
  for (const [name, body] of cases) {
    const response = await call('/v1/assessments', { method: 'POST', body });
    assert.equal(response.status, 422, `${name}: ${response.text}`);
    assert.deepEqual(response.json.errors.map((e) => e.pointer), ['/team'], name);
  }
  const other = (await call('/v1/teams', { method: 'POST', body: { name: 'SFIA team', role: 'osom-service-manager' } })).json;
  const wrongRole = await call('/v1/assessments', { method: 'POST', body: member(other.id, Array(8).fill('expert')) });
  assert.equal(wrongRole.status, 422);
  assert.match(wrongRole.json.errors[0].detail, /covers the role 'osom-service-manager'/);
});
