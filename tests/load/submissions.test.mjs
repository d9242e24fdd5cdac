// Load: many people submitting at once, on 127.0.0.1 against a real `wrangler dev`.
// 32 concurrent clients send self-assessments (half of them into one team) and
// feedback for one service while its team uploads measurements, some periods
// again and again. Afterwards every accepted write must be readable as sent:
// 0 lost, 0 torn, 0 server errors. Prints and saves throughput and latency.
//
// SERVICEKIT_LOAD_SUBMISSIONS sets the number of submissions (default 5,000 in
// `cargo xtask test`): `SERVICEKIT_LOAD_SUBMISSIONS=20000 node --test tests/load/submissions.test.mjs`
// is the longer run. Results land in target/test-artifacts/load.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../support/api.mjs';
import { SKILLS, ROLE } from '../support/examples.mjs';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';
import { createService, fishingContract, uploadCsv, FISHING } from '../support/services.mjs';

const PORT = 8773;
const ADMIN = 'test-admin-token-for-load';
const SUBMISSIONS = Number(process.env.SERVICEKIT_LOAD_SUBMISSIONS ?? 5000);
const CLIENTS = 32;
const LEVELS = ['awareness', 'working', 'practitioner', 'expert'];
let worker, serviceToken, team;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN }, publicWritesPerMinute: 10_000_000 });
  serviceToken = await createService(worker.url, ADMIN, FISHING, fishingContract(80));
  team = (await call('/v1/teams', { method: 'POST', body: { name: 'Load team', role: ROLE } })).json;
});
after(async () => {
  await worker?.stop();
});

const call = apiClient(() => worker.url);

/** Submission `i`: levels derived from `i`, so what was sent can be checked later. */
function assessment(i) {
  const ratings = Object.fromEntries(SKILLS.map((skill, s) => [skill, { level: LEVELS[(i + s) % 4], evidence: `Evidence ${i}` }]));
  return { role: ROLE, ratings, ...(i % 2 === 0 ? { team: team.id } : {}) };
}

/** Measurements CSV for `months`, with figures that depend on `version`. */
function measurements(months, version) {
  const lines = ['period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5'];
  for (const month of months) {
    lines.push(`${month},digital,${1000 + version},${900 + version},${(500 + version).toFixed(2)},1,2,3,4,${version}`);
    lines.push(`${month},phone,,${300 + version},${(900 + version).toFixed(2)},,,,,`);
  }
  return `${lines.join('\n')}\n`;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

test(`${SUBMISSIONS} submissions from ${CLIENTS} clients with concurrent uploads: nothing lost, no 5xx`, { timeout: 1_800_000 }, async () => {
  const latencies = [];
  const statuses = new Map();
  const accepted = [];
  const feedbackIds = [];
  const uploads = [];
  let next = 0;
  const timed = async (fn) => {
    const started = performance.now();
    const response = await fn();
    latencies.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response;
  };
  const client = async () => {
    while (next < SUBMISSIONS) {
      const i = next++;
      if (i % 5 === 4) {
        const sent = await timed(() => call(`/v1/services/${FISHING}/feedback`, { method: 'POST', body: { rating: (i % 5) + 1, comment: `Load ${i}` } }));
        if (sent.status === 201) feedbackIds.push({ id: sent.json.id, period: sent.json.period, i });
      } else {
        const sent = await timed(() => call('/v1/assessments', { method: 'POST', body: assessment(i) }));
        if (sent.status === 201) accepted.push({ i, ...sent.json });
      }
    }
  };
  // The service team uploads all the while: new periods, and the same two periods again and again.
  const uploader = async () => {
    let version = 0;
    while (next < SUBMISSIONS) {
      version += 1;
      const months = version % 3 === 0 ? [`2025-${String((version % 12) + 1).padStart(2, '0')}`] : ['2026-01', '2026-02'];
      const csv = measurements(months, version);
      const response = await timed(() => uploadCsv(worker.url, FISHING, serviceToken, csv).then(async (r) => ({ status: r.status, text: await r.text() })));
      if (response.status === 200) uploads.push({ months, version });
    }
  };

  const started = performance.now();
  await Promise.all([...Array.from({ length: CLIENTS }, client), uploader(), uploader()]);
  const seconds = (performance.now() - started) / 1000;

  // Every accepted assessment reads back exactly as sent.
  let lost = 0;
  let reads = 0;
  for (let k = 0; k < accepted.length; k += CLIENTS) {
    await Promise.all(accepted.slice(k, k + CLIENTS).map(async ({ i, id, token }) => {
      const read = await call(`/v1/assessments/${id}`, { token });
      reads += 1;
      const sent = assessment(i);
      const ok = read.status === 200 && SKILLS.every((s) => read.json.ratings[s]?.level === sent.ratings[s].level && read.json.ratings[s]?.evidence === `Evidence ${i}`);
      if (!ok) lost += 1;
    }));
  }
  // Every team member is counted, every piece of feedback is listed.
  const coverage = (await call(`/v1/teams/${team.id}/coverage`, { token: team.token })).json;
  const members = accepted.filter(({ i }) => i % 2 === 0).length;
  const months = [...new Set(feedbackIds.map((f) => f.period))];
  const listed = new Set();
  for (const period of months) {
    for (const f of (await call(`/v1/services/${FISHING}/feedback?period=${period}`, { token: serviceToken })).json.feedback) listed.add(f.id);
  }
  const lostFeedback = feedbackIds.filter((f) => !listed.has(f.id)).length;
  // Each period holds exactly one upload's figures, whole: never a mixture of two.
  const stored = (await call(`/v1/services/${FISHING}/measurements`)).json.measurements;
  const torn = [];
  for (const period of new Set(stored.map((r) => r.period))) {
    const rows = stored.filter((r) => r.period === period);
    const digital = rows.find((r) => r.channel === 'digital');
    const version = digital.started - 1000;
    const whole = rows.length === 2 && digital.rating_5 === version && rows.find((r) => r.channel === 'phone').completed === 300 + version;
    if (!whole || !uploads.some((u) => u.version === version && u.months.includes(period))) torn.push(period);
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const report = {
    submissions: SUBMISSIONS,
    clients: CLIENTS,
    uploads: uploads.length,
    requests: latencies.length,
    seconds: Number(seconds.toFixed(1)),
    requests_per_second: Number((latencies.length / seconds).toFixed(0)),
    p50_ms: Number(percentile(sorted, 50).toFixed(1)),
    p99_ms: Number(percentile(sorted, 99).toFixed(1)),
    statuses: Object.fromEntries(statuses),
    accepted_assessments: accepted.length,
    accepted_feedback: feedbackIds.length,
    lost_assessments: lost,
    lost_feedback: lostFeedback,
    team_members_counted: coverage.members,
    team_members_sent: members,
    torn_periods: torn,
    reads_checked: reads,
  };
  mkdirSync(join(root, 'target', 'test-artifacts'), { recursive: true });
  writeFileSync(join(root, 'target', 'test-artifacts', 'load.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report));

  assert.equal(serverErrors, 0, `server errors: ${JSON.stringify(report.statuses)}`);
  assert.equal(accepted.length + feedbackIds.length, SUBMISSIONS, `every submission accepted: ${JSON.stringify(report.statuses)}`);
  assert.equal(lost, 0, 'every accepted assessment reads back as sent');
  assert.equal(lostFeedback, 0, 'every accepted piece of feedback is listed');
  assert.equal(coverage.members, members, 'every team member is counted');
  assert.deepEqual(torn, [], 'every period holds one whole upload');
  assert.ok(uploads.length > 0);
});
