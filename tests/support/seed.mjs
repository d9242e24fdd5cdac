// Seeds the local Worker with a demo self-assessment; prints where it is and its key.
import { allAt } from './examples.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8787';
const response = await fetch(`${base}/v1/assessments`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(allAt('practitioner')),
});
if (response.status !== 201) {
  console.error(`seeding failed: ${response.status} ${await response.text()}`);
  process.exit(1);
}
const { url, token } = await response.json();
console.log(`${url}  (read it with: curl -H 'Authorization: Bearer ${token}' ${url})`);
