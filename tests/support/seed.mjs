// Seeds the local Worker with demo data: a self-assessment, and two services
// run by one manager, each with a contract. Prints what was seeded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allAt } from './examples.mjs';
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
    { id: 'completion-rate', name: 'Completion rate', kind: 'completion', unit: '%', target: { value: 90, direction: 'at-least' }, needs: ['report-quickly'] },
  ],
  dependencies: [{ kind: 'service', slug: 'apply-for-a-fishing-licence' }],
};
for (const [slug, contract] of [['apply-for-a-fishing-licence', example], ['report-a-pollution-incident', pollution]]) {
  const created = await send('/v1/services', 'POST', { slug, name: contract.name, manager: contract.manager.name }, admin);
  if (created.status === 409) {
    lines.push(`demo service         ${slug} (already there)`);
    continue;
  }
  await send(`/v1/services/${slug}/contract`, 'PUT', contract, created.json.token);
  if (contract.stage === 'beta') {
    const coe = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', 'coe-payment-outage.json'), 'utf8'));
    await send(`/v1/services/${slug}/coe`, 'POST', coe, created.json.token);
  }
  lines.push(`demo service         ${base}/v1/services/${slug}/contract  (service token: ${created.json.token})`);
}
console.log(lines.join('\n'));
