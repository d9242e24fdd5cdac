// Journey: a reader opens the intranet page with the service contract widget:
// stage and evolution, needs with their status and metrics, dependencies and
// Correction of Error documents; hostile text in the contract shows as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorker, freshStateDir, root } from '../support/worker.mjs';
import { launch, holdWasm, inLanguage, failFirst } from './fixtures/browser.mjs';
import { wcagViolations } from './fixtures/axe.mjs';

const PORT = 8785;
const ADMIN = 'test-admin-token-for-contracts';
const SLUG = 'apply-for-a-fishing-licence';
const readJson = (name) => JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', name), 'utf8'));
let worker, browser;

async function send(path, method, body, token) {
  const response = await fetch(`${worker.url}${path}`, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
  browser = await launch();
  const { token } = await send('/v1/services', 'POST', { slug: SLUG, name: 'Apply for a fishing licence', manager: 'Priya Shah' }, ADMIN);
  const contract = readJson(`${SLUG}.json`);
  contract.description.overview = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> Buy a licence.';
  await send(`/v1/services/${SLUG}/contract`, 'PUT', contract, token);
  await send(`/v1/services/${SLUG}/coe`, 'POST', readJson('coe-payment-outage.json'), token);
});
after(async () => {
  await browser?.close();
  await worker?.stop();
});

test('the contract viewer shows the contract readably and safely', async () => {
  const page = await browser.newPage();
  await page.goto(`${worker.url}/demo/contract.html`);
  const widget = page.locator('servicekit-contract');
  await widget.getByRole('heading', { name: 'Apply for a fishing licence' }).waitFor();
  assert.equal(await page.getByTestId('sk-stage').textContent(), 'Stage: beta');
  assert.equal(await page.getByTestId('sk-evolution').textContent(), 'Evolution: bespoke');
  const buy = page.getByTestId('sk-need-buy-licence');
  assert.match(await buy.textContent(), /^Not known yet As an angler, I need to buy the right licence quickly so that I can fish legally today\./);
  assert.match(await buy.textContent(), /Completion rate \(target at least 85 %\)/);
  assert.match(await page.getByTestId('sk-need-assisted-route').textContent(), /Evidence: no metric yet/);
  assert.match(await page.getByTestId('sk-coe-list').textContent(), /2026-09-14 — Card payments failed for three hours \(1 action open\)/);
  assert.match(await widget.locator('.sk-summary-list').textContent(), /<script>window\.pwned = 1<\/script><img src=x onerror/);
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'contract text never runs');
  assert.deepEqual(await wcagViolations(page), []);
  await page.close();
});

test('a service without a contract gets a clear message', async () => {
  await send('/v1/services', 'POST', { slug: 'no-contract-yet', name: 'No contract yet', manager: 'Priya Shah' }, ADMIN);
  const page = await browser.newPage();
  await page.goto(`${worker.url}/demo/contract.html`);
  await page.evaluate(() => {
    document.querySelector('servicekit-contract').remove();
    document.querySelector('main').insertAdjacentHTML('beforeend', '<servicekit-contract service="no-contract-yet"></servicekit-contract>');
  });
  await page.getByTestId('sk-error').waitFor();
  assert.match(await page.getByTestId('sk-error').textContent(), /The service 'no-contract-yet' has no contract yet/);
  await page.close();
});

test('a contract with 50 needs, no metrics and long text still reads well', async () => {
  const contract = readJson(`${SLUG}.json`);
  contract.name = 'A very large service';
  contract.metrics = [];
  contract.description.overview = 'Long text. '.repeat(400).trim();
  contract.user_needs = Array.from({ length: 50 }, (_, i) => ({
    id: `need-${i + 1}`, as_a: `user group ${i + 1}`, i_need: 'to do a thing', so_that: 'I get an outcome',
  }));
  const { token } = await send('/v1/services', 'POST', { slug: 'a-very-large-service', name: contract.name, manager: 'Priya Shah' }, ADMIN);
  await send('/v1/services/a-very-large-service/contract', 'PUT', contract, token);
  const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
  await page.goto(`${worker.url}/demo/contract.html`);
  await page.evaluate(() => {
    const fresh = document.createElement('servicekit-contract');
    fresh.setAttribute('service', 'a-very-large-service');
    document.querySelector('servicekit-contract').replaceWith(fresh);
  });
  const widget = page.locator('servicekit-contract');
  await widget.getByRole('heading', { name: 'A very large service' }).waitFor();
  assert.equal(await widget.locator('.sk-need').count(), 50);
  assert.match(await page.getByTestId('sk-need-need-50').textContent(), /Not known yet.*Evidence: no metric yet/s);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'nothing wider than a 320 px screen');
  assert.deepEqual(await wcagViolations(page), []);
  await page.close();
});

// The contract is read-only: the Worker renders it (contract.html), embed.js
// shows that at once, and the widget takes it over as it is, adding printing.
test('the contract shows before the widget\'s code runs, is read once, and prints once the code runs', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  const release = await holdWasm(page);
  await page.goto(`${worker.url}/demo/contract.html`);
  const widget = page.locator('servicekit-contract');
  const paint = widget.locator('[data-sk-first-paint]');
  await paint.getByRole('heading', { name: 'Apply for a fishing licence' }).waitFor();
  assert.match(await paint.getByTestId('sk-need-buy-licence').textContent(), /Completion rate \(target at least 85 %\)/);
  const print = paint.getByRole('button', { name: 'Print this contract' });
  assert.equal(await print.isDisabled(), true, 'nothing to press before the code runs');
  assert.equal(await paint.getByTestId('sk-share').getAttribute('href'), `${worker.url}/services/${SLUG}`);
  const paintText = await paint.locator('section').textContent();

  release();
  await widget.getByRole('button', { name: 'Print this contract', disabled: false }).waitFor();
  assert.equal(await paint.count(), 0, 'the first paint is gone');
  assert.equal(await widget.locator('section').textContent(), paintText, 'the widget shows what the first paint showed');
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  await widget.getByRole('button', { name: 'Print this contract' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'the print button prints');
  const asked = requests.filter((p) => p.startsWith(`/v1/services/${SLUG}`));
  assert.deepEqual(asked, [`/v1/services/${SLUG}/contract.html`], 'one request for the contract, and no JSON');
  assert.deepEqual(await wcagViolations(page), []);
  await page.close();
});

test('without its first paint the widget asks for the contract itself, in the page\'s language', async () => {
  const page = await browser.newPage();
  const asked = await failFirst(page, '**/contract.html?*');
  await inLanguage(page, '/demo/contract.html', 'cy');
  await page.goto(`${worker.url}/demo/contract.html`);
  const widget = page.locator('servicekit-contract');
  await widget.getByRole('button', { name: "Argraffu'r contract hwn", disabled: false }).waitFor();
  await widget.getByText('Anghenion defnyddwyr').waitFor();
  assert.equal(asked(), 2, 'the first paint was refused, and the widget asked again');
  await page.close();
});
