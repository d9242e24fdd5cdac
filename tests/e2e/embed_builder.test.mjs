// Journey: an intranet editor opens the embed builder, picks a widget and its
// options, sees it live in the preview, and copies the snippet; without
// JavaScript the form still gives the snippet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { createService, fishingContract, uploadCsv, FISHING } from '../support/services.mjs';
import { demoCsv, monthAfter } from '../support/measurements.mjs';
import { launch, artifacts } from './fixtures/browser.mjs';
import { wcagViolations } from './fixtures/axe.mjs';

const PORT = 8778;
const ADMIN = 'test-admin-token-for-embed-builder';
let worker, browser;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
  const token = await createService(worker.url, ADMIN, FISHING, fishingContract(80));
  await uploadCsv(worker.url, FISHING, token, demoCsv({ months: Array.from({ length: 12 }, (_, i) => monthAfter(2025, 1, i)), from: 0.7, to: 0.8, volume: 500 }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await worker?.stop();
});

test('pick a widget and options, see the preview follow, copy the snippet', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.url });
  const page = await context.newPage();
  await page.goto(`${worker.url}/embed-builder`);
  assert.equal(await page.locator('h1').textContent(), 'Embed a servicekit widget');
  // Each option is a GOV.UK form group, spaced from the next.
  assert.equal(await page.locator('.form-group').first().evaluate((g) => getComputedStyle(g).marginBottom), '30px');
  await page.locator('#preview servicekit-self-assessment').getByRole('radio').first().waitFor();

  await page.getByLabel('Widget').selectOption('servicekit-take-up');
  await page.getByLabel('Language').selectOption('cy');
  const expected = `<script type="module" src="${worker.url}/embed.js"></script>\n<servicekit-take-up service="${FISHING}" lang="cy"></servicekit-take-up>`;
  assert.equal(await page.locator('#snippet').textContent(), expected);
  const summary = page.locator('#preview servicekit-take-up').getByTestId('sk-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /^Roedd y defnydd digidol yn/);
  assert.match(page.url(), /widget=servicekit-take-up/, 'the address keeps the choice, to share or reload');

  await page.getByRole('button', { name: 'Copy the snippet' }).click();
  await page.getByRole('status').getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.deepEqual(await wcagViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'embed-builder.png'), fullPage: true });
  await context.close();
});

test('without JavaScript the form gives the snippet for the chosen options', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${worker.url}/embed-builder`);
  await page.getByLabel('Widget').selectOption('servicekit-feedback');
  await page.getByRole('button', { name: 'Show the snippet' }).click();
  await page.waitForURL(/widget=servicekit-feedback/);
  assert.match(await page.locator('#snippet').textContent(), /<servicekit-feedback service="apply-for-a-fishing-licence"><\/servicekit-feedback>$/);
  await context.close();
});
