// Contract testing: schemathesis (PyPI, pinned in tests/contract/requirements.txt,
// installed by `cargo xtask test` into target/venv) generates requests for every
// operation in /v1/openapi.json and checks each response against it: no server
// errors, documented status codes, content types and headers, bodies that match
// the schemas, invalid data rejected, 405 with Allow for other methods.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../support/api.mjs';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';
import { createService, fishingContract, FISHING } from '../support/services.mjs';
import { allAt, ROLE } from '../support/examples.mjs';

const PORT = 8777;
const ADMIN = 'test-admin-token-for-contract-testing';
const SCHEMATHESIS = join(root, 'target', 'venv', 'bin', 'schemathesis');
/** Examples per operation in the fuzzing phase; `SERVICEKIT_CONTRACT_EXAMPLES` raises it for a longer run. */
const EXAMPLES = process.env.SERVICEKIT_CONTRACT_EXAMPLES ?? '200';
const REPORTS = join(root, 'target', 'test-artifacts', 'schemathesis');
let worker, records;

before(async () => {
  // The public write limit is raised so that generated submissions are checked, not throttled.
  worker = await startWorker({
    port: PORT,
    persistTo: freshStateDir(),
    vars: { ADMIN_TOKEN: ADMIN },
    publicWritesPerMinute: 1_000_000,
  });
  records = await realRecords();
});

/**
 * Real records for the operations that need one to reach their logic: a service
 * with a contract, a CoE, a team and an assessment, with their tokens.
 */
async function realRecords() {
  const service = await createService(worker.url, ADMIN, FISHING, fishingContract(80));
  // Rotating a token is tested on a service of its own, so the one above keeps working.
  await createService(worker.url, ADMIN, 'token-rotation', undefined);
  const coe = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'coe-payment-outage.json'), 'utf8'));
  const published = await call(`/v1/services/${FISHING}/coe`, { method: 'POST', body: coe, token: service });
  const versions = await call(`/v1/services/${FISHING}/contract/versions`);
  const team = await call('/v1/teams', { method: 'POST', body: { name: 'Contract testing team', role: ROLE } });
  const assessment = await call('/v1/assessments', { method: 'POST', body: allAt('working') });
  for (const r of [published, versions, team, assessment]) assert.ok(r.status < 300, r.text);
  return {
    service,
    coe: published.json.id,
    version: versions.json[0].version,
    team: team.json,
    assessment: assessment.json,
  };
}

/** schemathesis.toml: the administrator token by default, each record's own token where it needs one. */
function config() {
  const bearer = (token) => `{ Authorization = "Bearer ${token}" }`;
  const ops = (...ids) => `"^(${ids.join('|')})$"`;
  return `headers = ${bearer(ADMIN)}

# Invalid data may also be refused for its size (413: bodies over 64 KB).
[checks.negative_data_rejection]
expected-statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]

[[operations]]
include-operation-id-regex = ${ops('putContract', 'publishCoe', 'uploadMeasurements', 'listFeedback', 'markFeedbackReviewed')}
headers = ${bearer(records.service)}

[[operations]]
include-operation-id = "updateCoeAction"
headers = ${bearer(records.service)}
parameters = { id = "${records.coe}" }

[[operations]]
include-operation-id = "getCoe"
parameters = { id = "${records.coe}" }

[[operations]]
include-operation-id = "getContractVersion"
parameters = { version = "${records.version}" }

[[operations]]
include-operation-id = "rotateServiceToken"
parameters = { slug = "token-rotation" }

[[operations]]
include-operation-id = "getTeamCoverage"
headers = ${bearer(records.team.token)}
parameters = { id = "${records.team.id}" }

[[operations]]
include-operation-id-regex = ${ops('getAssessment', 'deleteAssessment')}
headers = ${bearer(records.assessment.token)}
parameters = { id = "${records.assessment.id}" }
`;
}
after(async () => {
  await worker?.stop();
});

const call = apiClient(() => worker.url);

test('the description is served, names every operation and is OpenAPI 3.1', async () => {
  const served = await call('/v1/openapi.json');
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type'), /^application\/json/);
  assert.equal(served.json.openapi, '3.1.0');
  assert.deepEqual(served.json, JSON.parse(readFileSync(join(root, 'worker', 'openapi.json'), 'utf8')));
  const operations = Object.values(served.json.paths).flatMap((item) => Object.keys(item));
  assert.ok(operations.length >= 29, `${operations.length} operations`);
});

/** Runs schemathesis with `args`; resolves to its exit code and output. */
function schemathesis(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Operations whose wrong token answers 404, exactly like a missing record, so that no id is
 * ever confirmed to exist (the API tests check it): not the 401 that schemathesis's
 * `ignored_auth` check wants, so they run without that check. */
const RECORD_OPERATIONS = '^(getAssessment|deleteAssessment|getTeamCoverage)$';
const NOT_CHECKED = 'positive_data_acceptance,use_after_free,ensure_resource_availability,object_level_authorization';

test('schemathesis finds no server error and no response that breaks the description', { timeout: 900_000 }, async () => {
  assert.ok(existsSync(SCHEMATHESIS), `schemathesis is not installed at ${SCHEMATHESIS}: run cargo xtask test`);
  mkdirSync(REPORTS, { recursive: true });
  const configFile = join(REPORTS, 'schemathesis.toml');
  writeFileSync(configFile, config());
  const run = (name, filter, excluded) => schemathesis([
    '--config-file', configFile,
    'run', `${worker.url}/v1/openapi.json`,
    ...filter,
    '--checks', 'all',
    // Schema-valid data can still break domain rules (an unknown role, a date in the future),
    // and object-level authorisation needs two users' records: covered by the API tests.
    '--exclude-checks', excluded,
    '--phases', 'examples,coverage,fuzzing',
    '--max-examples', EXAMPLES,
    '--workers', '1',
    '--seed', '20261125',
    '--request-timeout', '20',
    '--suppress-health-check', 'all',
    '--report', 'junit', '--report-dir', join(REPORTS, name),
  ]);
  for (const [name, filter, excluded] of [
    ['operations', ['--exclude-operation-id-regex', RECORD_OPERATIONS], NOT_CHECKED],
    ['record-operations', ['--include-operation-id-regex', RECORD_OPERATIONS], `${NOT_CHECKED},ignored_auth`],
  ]) {
    const { code, output } = await run(name, filter, excluded);
    writeFileSync(join(REPORTS, `${name}.txt`), output);
    const summary = output.split('\n').filter((l) => /Tested:|generated|failures|passed in/i.test(l)).join('\n');
    console.log(`${name}:\n${summary}`);
    assert.equal(code, 0, output.slice(-12_000));
  }
});
