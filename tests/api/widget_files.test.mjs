// Widget files: content-hashed names cached for a year, a short-lived loader,
// CORS for every origin, and loaders from earlier builds still served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, freshStateDir } from '../support/worker.mjs';

const PORT = 8781;
let worker;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir() });
});
after(async () => {
  await worker?.stop();
});

const get = (path) => fetch(`${worker.url}${path}`, { headers: { Origin: 'https://intranet.example.gov.uk' } });

test('the loader is short-lived and names content-hashed files that are cached for a year', async () => {
  const loader = await get('/embed.js');
  assert.equal(loader.status, 200);
  assert.equal(loader.headers.get('cache-control'), 'public, max-age=300');
  assert.equal(loader.headers.get('access-control-allow-origin'), '*');
  const source = await loader.text();
  const names = [...source.matchAll(/(servicekit[a-z_]*\.[0-9a-f]{12}\.(?:js|wasm|css))/g)].map((m) => m[1]);
  // The CSS, then JS and wasm for the bundle of all widgets, each widget's own and the manage page's.
  const bundles = ['widgets', 'self_assessment', 'team_coverage', 'contract', 'take_up', 'feedback', 'manage'];
  assert.equal(names.length, 1 + 2 * bundles.length, source);
  for (const stem of ['servicekit.', ...bundles.flatMap((b) => [`servicekit_${b}.`, `servicekit_${b}_bg.`])]) {
    assert.ok(names.some((n) => n.startsWith(stem)), `${stem} in ${names}`);
  }
  for (const name of names) {
    const file = await get(`/widgets/${name}`);
    assert.equal(file.status, 200, name);
    assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable', name);
    assert.equal(file.headers.get('access-control-allow-origin'), '*', name);
  }
  const wasm = await get(`/widgets/${names.find((n) => n.endsWith('.wasm'))}`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
});

test('a loader from an earlier build gets the current files, briefly cached', async () => {
  const source = await (await get('/embed.js')).text();
  for (const stem of ['servicekit_widgets', 'servicekit_take_up', 'servicekit_manage']) {
    const current = source.match(new RegExp(`(${stem}\\.[0-9a-f]{12}\\.js)`))[1];
    const currentBody = await (await get(`/widgets/${current}`)).text();
    for (const old of [`/widgets/${stem}.0123456789ab.js`, `/widgets/${stem}.js`]) {
      const response = await get(old);
      assert.equal(response.status, 200, old);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300', old);
      assert.equal(await response.text(), currentBody, old);
    }
  }
  assert.equal((await get('/widgets/servicekit_manage_bg.0123456789ab.wasm')).headers.get('content-type'), 'application/wasm');
  assert.equal((await get('/widgets/servicekit_widgets_bg.0123456789ab.wasm')).headers.get('content-type'), 'application/wasm');
  assert.equal((await get('/widgets/servicekit_self_assessment_bg.0123456789ab.wasm')).headers.get('content-type'), 'application/wasm');
  assert.equal((await get('/widgets/not-a-widget-file.js')).status, 404);
});
