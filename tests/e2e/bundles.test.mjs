// Host pages download the fewest widget bytes: a page with one kind of widget
// gets that widget's own bundle, a page with them all the bundle holding them
// all; the manage page's tools come in a bundle that only /manage loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerAndBrowser } from './fixtures/session.mjs';

const session = workerAndBrowser(8769);

/** The widget files `path` makes the browser fetch, once its widgets are on screen. */
async function widgetFiles(path, ready) {
  const page = await session.browser.newPage();
  const fetched = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname;
    if (name.startsWith('/widgets/')) fetched.push(name.slice('/widgets/'.length));
  });
  await page.goto(`${session.worker.url}${path}`);
  await ready(page);
  await page.close();
  return fetched;
}

test('a page with every widget loads the widgets bundle and not the manage tools', async () => {
  const fetched = await widgetFiles('/demo/all.html', (page) =>
    page.locator('servicekit-self-assessment').getByRole('button').first().waitFor());
  assert.ok(fetched.some((f) => /^servicekit_widgets_bg\.[0-9a-f]{12}\.wasm$/.test(f)), fetched.join(', '));
  assert.equal(fetched.filter((f) => f.endsWith('.wasm')).length, 1, fetched.join(', '));
});

test('a page with one kind of widget loads only that widget\'s own bundle', async () => {
  const fetched = await widgetFiles('/demo/index.html', (page) =>
    page.locator('servicekit-self-assessment').getByRole('button').first().waitFor());
  const wasm = fetched.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, fetched.join(', '));
  assert.match(wasm[0], /^servicekit_self_assessment_bg\.[0-9a-f]{12}\.wasm$/);
});

// Each bundle carries only its own widgets' translation files; a string filed
// under another widget's file would be missing from it, which the widget reports.
test('each widget alone, in English and in Welsh, finds every string of its own bundle', async () => {
  const kinds = ['self-assessment', 'team-coverage', 'contract', 'take-up', 'feedback'];
  for (const kind of kinds) {
    for (const lang of ['en', 'cy']) {
      const page = await session.browser.newPage();
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('404')) problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      // A page on the Worker's own origin holding this widget alone.
      const tag = `servicekit-${kind}`;
      const alone = `${session.worker.url}/demo/alone.html`;
      await page.route(alone, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="${lang}"><head><title>${kind}</title></head><body>
<${tag} profile="ddat-service-owner-2020" service="apply-for-a-fishing-licence"></${tag}>
<script type="module" src="/embed.js"></script></body></html>` }));
      await page.goto(alone);
      await page.waitForFunction((name) => performance.getEntriesByName(`servicekit:${name}:mounted`).length > 0, tag);
      const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
      await page.close();
      assert.equal(wasm.length, 1, `${kind}: ${wasm.join(', ')}`);
      assert.match(wasm[0], new RegExp(`servicekit_${kind.replace('-', '_')}_bg\\.[0-9a-f]{12}\\.wasm$`));
      assert.deepEqual(problems, [], `${kind} in ${lang}`);
    }
  }
});

// The loader writes each widget's first API address itself (to preload it); a
// preload that does not match the widget's own request shows as a second request.
// The self-assessment asks for its first paint first, and for its data once
// that is in. (The contract viewer and the take-up chart read only their first
// paint: contract_viewer.test.mjs, performance.test.mjs.)
test('the stylesheet and the widget\'s first API read are asked for while the wasm downloads, and fetched once', async () => {
  const cases = [
    ['/demo/index.html', 'servicekit-self-assessment', '/v1/roles/ddat-service-owner-2020', 'button', '/v1/roles/ddat-service-owner-2020/form.html'],
  ];
  for (const [path, widget, read, shown, first = read] of cases) {
    const page = await session.browser.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${session.worker.url}${path}`);
    // The widget has shown what it read (this Worker has no services: for those, that they are unknown).
    await page.locator(widget).getByRole(shown).first().waitFor();
    await page.close();
    const count = (test) => requests.filter(test).length;
    assert.equal(count((p) => p === read), 1, `${path}: ${requests.join(', ')}`);
    assert.equal(count((p) => p === first), 1, `${path}: ${requests.join(', ')}`);
    assert.equal(count((p) => /^\/widgets\/servicekit\.[0-9a-f]{12}\.css$/.test(p)), 1, `${path}: ${requests.join(', ')}`);
    // Both are asked for before the wasm (the loader's link and preload), not after it has started.
    const wasm = requests.findIndex((p) => p.endsWith('.wasm'));
    assert.ok(requests.indexOf(first) < wasm, `${path}: ${requests.join(', ')}`);
  }
});

test('the manage page loads its own bundle and not the intranet widgets', async () => {
  const fetched = await widgetFiles('/manage', (page) =>
    page.locator('servicekit-manage').getByRole('button').first().waitFor());
  assert.ok(fetched.some((f) => /^servicekit_manage_bg\.[0-9a-f]{12}\.wasm$/.test(f)), fetched.join(', '));
  assert.equal(fetched.filter((f) => f.endsWith('.wasm')).length, 1, fetched.join(', '));
});
