// API tests against the real compiled Worker in local `wrangler dev`:
// role profiles, saving and reading assessments, bad input, CORS, and persistence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from '../support/api.mjs';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { allAt, ROLE, SKILLS } from '../support/examples.mjs';

const PORT = 8790;
const state = freshStateDir();
let worker;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: state });
});
after(async () => {
  await worker?.stop();
});

const call = apiClient(() => worker.url);

async function create(submission = allAt('practitioner')) {
  const response = await call('/v1/assessments', { method: 'POST', body: submission });
  assert.equal(response.status, 201, response.text);
  return response;
}

function assertProblem(response, status, pointer) {
  assert.equal(response.status, status, response.text);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(response.json.status, status);
  assert.match(response.json.type, /^\/problems\/[a-z-]+$/);
  assert.ok(response.json.title);
  assert.ok(response.json.detail);
  if (pointer) {
    const pointers = response.json.errors.map((e) => e.pointer);
    assert.ok(pointers.includes(pointer), `expected an error at ${pointer}, got ${pointers}`);
  }
}

test('health says ok with a version', async () => {
  const { status, json } = await call('/v1/health');
  assert.equal(status, 200);
  assert.equal(json.status, 'ok');
  assert.match(json.version, /^\d+\.\d+\.\d+/);
});

test('roles list the DDaT service owner 2020 profile', async () => {
  const { status, json } = await call('/v1/roles');
  assert.equal(status, 200);
  const owner = json.find((r) => r.id === ROLE);
  assert.deepEqual(owner.framework, { name: 'DDaT', version: '2020' });
  assert.equal(owner.skills, 8);
  assert.equal(owner.href, `/v1/roles/${ROLE}`);
});

test('a role profile gives every skill with its required level and a source link', async () => {
  const { status, json } = await call(`/v1/roles/${ROLE}`);
  assert.equal(status, 200);
  assert.deepEqual(json.skills.map((s) => s.id), SKILLS);
  assert.equal(json.scale, 'ddat');
  const levels = Object.fromEntries(json.skills.map((s) => [s.id, s.required]));
  assert.deepEqual(levels['life-cycle-perspective'], { min: 3, max: 3 });
  assert.deepEqual(levels['product-ownership'], { min: 2, max: 2 });
  assert.deepEqual(levels['user-focus'], { min: 4, max: 4 });
  assert.match(json.source_url, /^https:\/\/www\.gov\.uk\//);
});

test('the 2025 service owner has nine skills and the OSOM service manager SFIA ranges', async () => {
  const owner = (await call('/v1/roles/ddat-service-owner-2025')).json;
  assert.equal(owner.skills.length, 9);
  assert.deepEqual(owner.skills.find((s) => s.id === 'life-cycle-management').required, { min: 3, max: 3 });
  const manager = (await call('/v1/roles/osom-service-manager')).json;
  assert.equal(manager.scale, 'sfia');
  const demand = manager.skills.find((s) => s.id === 'demand-management');
  assert.deepEqual([demand.code, demand.group, demand.required], ['DEMM', 'Operations', { min: 5, max: null }]);
  assert.equal(demand.url, 'https://sfia-online.org/en/sfia-8/skills/demand-management');
  const contract = manager.skills.find((s) => s.id === 'contract-management');
  assert.equal(contract.applies, 'outsourcing');
});

test('the self-assessment\'s first paint is the form as HTML: every skill\'s question, in the reader\'s language', async () => {
  const form = (role, lang = 'en') => call(`/v1/roles/${role}/form.html?lang=${lang}`, { headers: { Origin: 'http://127.0.0.1:8787' } });
  const manager = (await call('/v1/roles/osom-service-manager')).json;
  const page = await form('osom-service-manager');
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(page.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8787', 'a widget on an allowed intranet page may read it');
  assert.match(page.text, /^<section class="sk-self-assessment"/);
  // One question a skill, seven SFIA levels each, an evidence box each; nothing chosen.
  assert.equal((page.text.match(/data-testid="sk-skill-/g) ?? []).length, manager.skills.length);
  assert.equal((page.text.match(/type="radio"/g) ?? []).length, manager.skills.length * 7);
  assert.equal((page.text.match(/<textarea/g) ?? []).length, manager.skills.length);
  assert.doesNotMatch(page.text, /checked/);
  assert.match(page.text, /<legend class="sk-fieldset__legend">Demand management \(DEMM\)<\/legend>/);
  assert.match(page.text, /data-testid="sk-required-demand-management">Required level: Level 5 or above\.</);
  assert.match(page.text, /href="https:\/\/sfia-online\.org\/en\/sfia-8\/skills\/demand-management"/);
  // The service questions that matter, and a skill only an outsourcing service needs, hidden until ticked.
  for (const id of ['sk-context-large', 'sk-context-outsources', 'sk-context-has-products']) assert.match(page.text, new RegExp(`type="checkbox" id="${id}"`));
  assert.match(page.text, /<div class="sk-form-group" hidden data-testid="sk-skill-contract-management">/);
  assert.match(page.text, /<div class="sk-form-group" data-testid="sk-skill-demand-management">/);

  const welsh = (await form('osom-service-manager', 'cy')).text;
  assert.match(welsh, /<h2 id="sk-title" class="sk-heading-l">Asesu eich sgiliau<\/h2>/);
  assert.match(welsh, /Lefel ofynnol: Lefel 5 neu uwch\./);
  const owner = (await form(ROLE)).text;
  assert.match(owner, /<label class="sk-label sk-radios__label" for="sk-user-focus-4">Expert<\/label>/);
  assert.match(owner, /data-testid="sk-required-user-focus">Required level: Expert\.</);
  assert.doesNotMatch(owner, /type="checkbox"/, 'the DDaT profile asks nothing about the service');

  for (const bad of ['fr', 'cy&lang=en', '']) {
    const refused = await form(ROLE, bad);
    assertProblem(refused, 422, '/lang');
  }
  assertProblem(await form('ddat-wizard'), 404);
});

test('an SFIA assessment depends on the service context it states', async () => {
  const manager = (await call('/v1/roles/osom-service-manager')).json;
  const rateAll = (context, level) => ({
    role: 'osom-service-manager',
    context,
    ratings: Object.fromEntries(manager.skills.map((s) => [s.id, { level }])),
  });
  const large = { large: true, outsources: true, has_products: true };
  const { id, token } = (await create(rateAll(large, '5'))).json;
  const read = await call(`/v1/assessments/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.deepEqual(read.json.context, large);
  const gap = (skill) => read.json.gaps.find((g) => g.skill === skill);
  assert.deepEqual([gap('demand-management').gap, gap('demand-management').status], [0, 'met']);
  assert.deepEqual([gap('measurement').gap, gap('measurement').status], [-1, 'above']);
  assert.deepEqual(gap('organisation-design-and-implementation').required, { min: 6, max: 7 });
  assert.equal(read.json.gaps.length, 16);

  const small = await create(rateAll({}, '4'));
  const smallRead = await call(`/v1/assessments/${small.json.id}`, { headers: { Authorization: `Bearer ${small.json.token}` } });
  assert.equal(smallRead.json.gaps.length, 13);
  assert.ok(!('contract-management' in smallRead.json.ratings), 'ratings of skills that do not apply are not kept');

  const missing = rateAll(large, '4');
  delete missing.ratings['programme-management'];
  assertProblem(await call('/v1/assessments', { method: 'POST', body: missing }), 422, '/ratings/programme-management');
  const ddatWord = rateAll({}, 'expert');
  assertProblem(await call('/v1/assessments', { method: 'POST', body: ddatWord }), 422, '/ratings/measurement/level');
  assertProblem(await call('/v1/assessments', { method: 'POST', body: { ...rateAll({}, '4'), context: { huge: true } } }), 400);
});

test('an unknown role is a 404 problem, in English or in the Welsh the request asks for', async () => {
  const english = await call('/v1/roles/ddat-wizard');
  assertProblem(english, 404);
  assert.equal(english.json.title, 'Not found');
  assert.equal(english.json.detail, "There is no role profile called 'ddat-wizard'.");
  const welsh = await call('/v1/roles/ddat-wizard', { headers: { 'Accept-Language': 'cy' } });
  assertProblem(welsh, 404);
  assert.equal(welsh.json.title, 'Heb ei ganfod');
  assert.equal(welsh.json.detail, "Nid oes proffil rôl o'r enw 'ddat-wizard'.");
  assert.equal(welsh.json.type, english.json.type, 'the same kind of problem in either language');
  const welshFirst = await call('/v1/roles/ddat-wizard', { headers: { 'Accept-Language': 'cy-GB, en;q=0.8' } });
  assert.equal(welshFirst.json.detail, welsh.json.detail);
  const englishFirst = await call('/v1/roles/ddat-wizard', { headers: { 'Accept-Language': 'en-GB, cy;q=0.8' } });
  assert.equal(englishFirst.json.detail, english.json.detail);
  const wrongMethod = await call('/v1/assessments', { method: 'PUT', body: allAt('expert'), headers: { 'Accept-Language': 'cy' } });
  assertProblem(wrongMethod, 405);
  assert.equal(wrongMethod.json.detail, "Dim ond POST y mae'r cyfeiriad hwn yn ei dderbyn.", 'placeholders filled in Welsh too');
});

test('a saved assessment reads back with its token, with gaps and evidence', async () => {
  const created = await create();
  const { id, token, url } = created.json;
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.equal(url, `${worker.url}/v1/assessments/${id}`);
  assert.equal(created.headers.get('location'), url);

  const read = await call(`/v1/assessments/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.id, id);
  assert.equal(read.json.role, ROLE);
  assert.equal(read.json.ratings['user-focus'].level, 'practitioner');
  assert.equal(read.json.ratings['user-focus'].evidence, 'Led research with 40 users across three channels.');
  assert.deepEqual(read.json.summary, { met: 1, below: 6, above: 1, not_rated: 0 });
  const agile = read.json.gaps.find((g) => g.skill === 'agile-working');
  assert.deepEqual(agile, { skill: 'agile-working', required: { min: 4, max: 4 }, rated: 3, gap: 1, status: 'below' });
  assert.ok(!JSON.stringify(read.json).includes(token), 'the token is never returned');
  assert.ok(!('token_hash' in read.json), 'the token hash is never returned');
  assert.ok(Date.parse(read.json.created_at) > Date.now() - 600_000);
});

test('without the right token an assessment is a 404 (401 with no token), never the record', async () => {
  const { id, token } = (await create()).json;
  const other = (await create(allAt('expert'))).json;
  const cases = [
    ['no token', {}, 401],
    ['wrong token', { Authorization: `Bearer ${'0'.repeat(64)}` }, 404],
    ['another assessment\'s token', { Authorization: `Bearer ${other.token}` }, 404],
    ['token without Bearer', { Authorization: token }, 401],
    ['Basic scheme', { Authorization: `Basic ${token}` }, 401],
  ];
  for (const [name, headers, status] of cases) {
    const response = await call(`/v1/assessments/${id}`, { headers });
    assertProblem(response, status);
    assert.ok(!response.text.includes('practitioner'), `${name}: record leaked`);
    // The answer is the same for an id that does not exist: nothing confirms that one does.
    const missing = await call(`/v1/assessments/${'e'.repeat(32)}`, { headers });
    assert.equal(missing.status, status, `${name}: existence leaked`);
  }
  assertProblem(await call(`/v1/assessments/${'f'.repeat(32)}`, { headers: { Authorization: `Bearer ${token}` } }), 404);
  assertProblem(await call('/v1/assessments/..%2F..%2Fetc', { headers: { Authorization: `Bearer ${token}` } }), 404);
});

test('bad submissions are refused with problem details naming the field', async () => {
  const withoutUserFocus = allAt('expert');
  delete withoutUserFocus.ratings['user-focus'];
  const badLevel = allAt('expert');
  badLevel.ratings['agile-working'].level = 'guru';
  const unknownSkill = allAt('expert');
  unknownSkill.ratings.juggling = { level: 'expert' };
  const longEvidence = allAt('expert');
  longEvidence.ratings['user-focus'].evidence = 'x'.repeat(2001);
  const cases = [
    ['not JSON', '{"role": ', 400],
    ['JSON of the wrong shape', '[1, 2, 3]', 400],
    ['an unknown field', { ...allAt('expert'), admin: true }, 400],
    ['an unknown role', { ...allAt('expert'), role: 'ddat-wizard' }, 422, '/role'],
    ['a missing skill', withoutUserFocus, 422, '/ratings/user-focus'],
    ['a level that does not exist', badLevel, 422, '/ratings/agile-working/level'],
    ['an unknown skill', unknownSkill, 422, '/ratings/juggling'],
    ['evidence over 2000 characters', longEvidence, 422, '/ratings/user-focus/evidence'],
  ];
  for (const [name, body, status, pointer] of cases) {
    const response = await call('/v1/assessments', { method: 'POST', body });
    assert.equal(response.status, status, `${name}: ${response.text}`);
    assertProblem(response, status, pointer);
  }
});

test('wrong media type, oversized body and wrong method are refused', async () => {
  assertProblem(
    await call('/v1/assessments', { method: 'POST', body: JSON.stringify(allAt('expert')), headers: { 'Content-Type': 'text/plain' } }),
    415,
  );
  const huge = allAt('expert');
  huge.ratings['user-focus'].evidence = 'x'.repeat(70_000);
  assertProblem(await call('/v1/assessments', { method: 'POST', body: huge }), 413);
  const put = await call('/v1/assessments', { method: 'PUT', body: allAt('expert') });
  assertProblem(put, 405);
  assert.equal(put.headers.get('allow'), 'POST');
  assertProblem(await call('/v1/nothing-here'), 404);
});

test('CORS answers allowed origins; others get a refusal they can read, and nothing is stored', async () => {
  const allowed = 'http://localhost:8787';
  const simple = await call('/v1/health', { headers: { Origin: allowed } });
  assert.equal(simple.headers.get('access-control-allow-origin'), allowed);
  const foreign = await call('/v1/roles', { headers: { Origin: 'https://evil.example' } });
  assertProblem(foreign, 403);
  assert.equal(foreign.json.type, '/problems/origin-not-allowed');
  assert.equal(foreign.headers.get('access-control-allow-origin'), 'https://evil.example', 'so its widget can say why');
  const write = await call('/v1/assessments', { method: 'POST', body: allAt('working'), headers: { Origin: 'https://evil.example' } });
  assertProblem(write, 403);
  assert.equal(write.json.id, undefined, 'nothing created');
  assert.equal((await call('/v1/roles')).status, 200, 'clients without an Origin (servers, curl) are not browsers: unaffected');

  const preflight = await call('/v1/assessments', {
    method: 'OPTIONS',
    headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), allowed);
  assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
  assert.match(preflight.headers.get('access-control-allow-headers'), /Content-Type/i);
  // A foreign origin's preflight passes, so its request reaches the Worker and is refused readably.
  const foreignPreflight = await call('/v1/assessments', {
    method: 'OPTIONS',
    headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(foreignPreflight.status, 204);
});

test('an assessment can follow an earlier one and shows the change per skill', async () => {
  const first = (await create(allAt('working'))).json;
  const later = allAt('working');
  later.ratings['agile-working'].level = 'expert';
  later.ratings['user-focus'].level = 'awareness';
  const second = (await create({ ...later, previous: { id: first.id, token: first.token } })).json;
  const read = await call(`/v1/assessments/${second.id}`, { headers: { Authorization: `Bearer ${second.token}` } });
  assert.equal(read.json.previous, first.id);
  const moved = read.json.changes.filter((c) => c.change !== 0).map((c) => [c.skill, c.before, c.now, c.change]);
  assert.deepEqual(moved, [['agile-working', 2, 4, 2], ['user-focus', 2, 1, -1]]);
  assert.ok(!JSON.stringify(read.json).includes(first.token));

  const wrongToken = await call('/v1/assessments', { method: 'POST', body: { ...later, previous: { id: first.id, token: second.token } } });
  assertProblem(wrongToken, 422, '/previous');
  const otherRole = await call('/v1/roles/ddat-service-owner-2025');
  const ratings2025 = Object.fromEntries(otherRole.json.skills.map((s) => [s.id, { level: 'expert' }]));
  const crossRole = await call('/v1/assessments', {
    method: 'POST', body: { role: 'ddat-service-owner-2025', ratings: ratings2025, previous: { id: first.id, token: first.token } },
  });
  assertProblem(crossRole, 422, '/previous');
});

test('assessments survive a restart of wrangler dev', async () => {
  const { id, token } = (await create(allAt('working'))).json;
  await worker.stop();
  worker = await startWorker({ port: PORT, persistTo: state });
  const read = await call(`/v1/assessments/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.ratings['agile-working'].level, 'working');
  assert.deepEqual(read.json.summary, { met: 1, below: 7, above: 0, not_rated: 0 });
});
