// PUTs a framework catalogue JSON file to a servicekit API with the admin token in ADMIN_TOKEN.
import { readFileSync } from 'node:fs';

const [file, url] = process.argv.slice(2);
const response = await fetch(url, {
  method: 'PUT',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.ADMIN_TOKEN ?? ''}` },
  body: readFileSync(file),
});
const text = await response.text();
console.log(`${response.status} ${text.slice(0, 2000)}`);
process.exit(response.ok ? 0 : 1);
