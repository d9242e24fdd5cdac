// Host pages download only the intranet widgets' bundle; the manage page's tools
// come in a bundle of their own that only /manage loads.
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
    page.locator('servicekit-self-assessment').getByRole('radio').first().waitFor());
  assert.ok(fetched.some((f) => /^servicekit_widgets_bg\.[0-9a-f]{12}\.wasm$/.test(f)), fetched.join(', '));
  assert.ok(!fetched.some((f) => f.startsWith('servicekit_manage')), `manage bundle fetched: ${fetched.join(', ')}`);
});

test('the manage page loads its own bundle and not the intranet widgets', async () => {
  const fetched = await widgetFiles('/manage', (page) =>
    page.locator('servicekit-manage').getByRole('button').first().waitFor());
  assert.ok(fetched.some((f) => /^servicekit_manage_bg\.[0-9a-f]{12}\.wasm$/.test(f)), fetched.join(', '));
  assert.ok(!fetched.some((f) => f.startsWith('servicekit_widgets')), `widgets bundle fetched: ${fetched.join(', ')}`);
});
