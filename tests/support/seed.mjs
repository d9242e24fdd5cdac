// Seeds the local Worker with demo data: a self-assessment, and two services
// run by one manager, each with a contract and three years of monthly
// measurements (one meets its digital take-up target, one does not). Prints what was seeded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allAt } from './examples.mjs';
import { demoCsv, lastMonths } from './measurements.mjs';
import { root } from './worker.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8787';
const admin = readFileSync(join(root, '.dev.vars'), 'utf8').match(/^ADMIN_TOKEN=(.+)$/m)?.[1]?.trim();

async function send(path, method, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 409) {
    console.error(`seeding ${method} ${path} failed: ${response.status} ${JSON.stringify(json)}`);
    process.exit(1);
  }
  return { status: response.status, json };
}

const lines = [];
const assessment = (await send('/v1/assessments', 'POST', allAt('practitioner'))).json;
lines.push(`demo assessment      ${assessment.url}  (read it with: curl -H 'Authorization: Bearer ${assessment.token}' ${assessment.url})`);

const example = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'apply-for-a-fishing-licence.json'), 'utf8'));
example.metrics.push({ id: 'digital-take-up', name: 'Digital take-up', kind: 'take-up', unit: '%', target: { value: 80, direction: 'at-least' }, needs: ['buy-licence'] });
const pollution = {
  ...example,
  name: 'Report a pollution incident',
  stage: 'live',
  evolution: 'product',
  description: { ...example.description, overview: 'People report pollution in rivers, lakes and the sea, online or by phone, 24 hours a day.' },
  user_needs: [
    { id: 'report-quickly', as_a: 'someone who has seen pollution', i_need: 'to report it in a few minutes', so_that: 'it is dealt with before it spreads' },
  ],
  metrics: [
    { id: 'completion-rate', name: 'Completion rate', kind: 'completion', unit: '%', target: { value: 80, direction: 'at-least' }, needs: ['report-quickly'] },
    { id: 'digital-take-up', name: 'Digital take-up', kind: 'take-up', unit: '%', target: { value: 75, direction: 'at-least' }, needs: ['report-quickly'] },
  ],
  dependencies: [{ kind: 'service', slug: 'apply-for-a-fishing-licence' }],
};
const months = lastMonths(36);
const figures = {
  // Passes its 80 % target by the end; reports a pollution incident stays short of 75 %.
  'apply-for-a-fishing-licence': demoCsv({ months, from: 0.62, to: 0.86, volume: 42000 }),
  'report-a-pollution-incident': demoCsv({ months, from: 0.48, to: 0.61, volume: 9500, costPerDigital: 2.1, costPerOther: 14 }),
};
for (const [slug, contract] of [['apply-for-a-fishing-licence', example], ['report-a-pollution-incident', pollution]]) {
  const created = await send('/v1/services', 'POST', { slug, name: contract.name, manager: contract.manager.name }, admin);
  if (created.status === 409) {
    lines.push(`demo service         ${slug} (already there)`);
    continue;
  }
  await send(`/v1/services/${slug}/contract`, 'PUT', contract, created.json.token);
  const uploaded = await fetch(`${base}/v1/services/${slug}/measurements`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${created.json.token}` },
    body: figures[slug],
  });
  if (!uploaded.ok) {
    console.error(`seeding measurements of ${slug} failed: ${uploaded.status} ${await uploaded.text()}`);
    process.exit(1);
  }
  if (contract.stage === 'beta') {
    const coe = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'coe-payment-outage.json'), 'utf8'));
    await send(`/v1/services/${slug}/coe`, 'POST', coe, created.json.token);
  }
  lines.push(`demo service         ${base}/services/${slug}  (service token: ${created.json.token})`);
}
console.log(lines.join('\n'));
