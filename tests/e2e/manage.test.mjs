// Journey: a service manager who does not write JSON signs in with the service
// token, edits the contract in the form (invalid → every problem shown before
// saving → fixed → saved → visible in the viewer), uploads measurements with a
// preview, publishes a Correction of Error document and rotates the token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { createService, fishingContract, FISHING } from '../support/services.mjs';
import { HEADER } from '../support/measurements.mjs';
import { launch, artifacts, explain } from './fixtures/browser.mjs';
import { wcagViolations } from './fixtures/axe.mjs';

const PORT = 8782;
const ADMIN = 'test-admin-token-for-manage';
let worker, browser, token;

before(async () => {
  worker = await startWorker({ port: PORT, persistTo: freshStateDir(), vars: { ADMIN_TOKEN: ADMIN } });
  browser = await launch();
  token = await createService(worker.url, ADMIN, FISHING, fishingContract(80));
});
after(async () => {
  await browser?.close();
  await worker?.stop();
});

async function signIn(page, t = token) {
  await page.goto(`${worker.url}/manage`);
  const manage = page.locator('servicekit-manage');
  const slug = manage.getByLabel('Service (its short name');
  try {
    await slug.waitFor({ timeout: 20_000 });
  } catch (error) {
    throw new Error(`the sign-in form did not show: ${error.message}\n${await explain(page, 'servicekit-manage')}`);
  }
  await slug.fill(FISHING);
  await manage.getByLabel('Service token').fill(t);
  await manage.getByRole('button', { name: 'Sign in' }).click();
  await manage.getByTestId('sk-signed-in').waitFor();
  return manage;
}

test('a wrong token is refused, and the token never appears in the address', async () => {
  const page = await browser.newPage();
  await page.goto(`${worker.url}/manage`);
  const manage = page.locator('servicekit-manage');
  await manage.getByLabel('Service (its short name').fill(FISHING);
  await manage.getByLabel('Service token').fill('0'.repeat(64));
  await manage.getByRole('button', { name: 'Sign in' }).click();
  await manage.getByTestId('sk-error').waitFor();
  assert.match(await manage.getByTestId('sk-error').textContent(), /do not match/);
  await signIn(page);
  assert.ok(!page.url().includes(token), 'not in the URL');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'not in local storage');
  assert.match(await page.evaluate(() => sessionStorage.getItem('servicekit-manage')), new RegExp(token));
  await page.close();
});

test('edit the contract: problems show before saving, then the fixed contract is saved and shown', async () => {
  const page = await browser.newPage();
  const manage = await signIn(page);
  const name = manage.getByLabel('Service name');
  await name.waitFor();
  assert.equal(await name.inputValue(), 'Apply for a fishing licence', 'the form starts from the saved contract');

  // Break three things: empty name, a bad review date, a metric pointing at an unknown need.
  await name.fill('');
  await manage.getByLabel('Last reviewed (YYYY-MM-DD)').fill('last week');
  const needs = manage.getByTestId('sk-metrics').getByLabel('User needs it is evidence for').first();
  await needs.fill('buy-licence, no-such-need');
  const problems = manage.getByTestId('sk-contract-problems');
  assert.equal(await problems.locator('li').count(), 3);
  assert.match(await problems.textContent(), /There is no user need 'no-such-need' in this contract\./);
  assert.match(await manage.locator('#sk-f-name-error').textContent(), /name/);
  // A problem's link leads to its field, inside the widget's shadow root.
  await problems.getByRole('link', { name: /no-such-need/ }).click();
  assert.equal(await problems.evaluate((el) => el.getRootNode().activeElement?.id), await needs.getAttribute('id'));
  await manage.getByRole('button', { name: 'Save a new version' }).click();
  assert.match(await manage.getByTestId('sk-contract-outcome').textContent(), /Put right the problems/);
  const versionsBefore = (await (await fetch(`${worker.url}/v1/services/${FISHING}/contract/versions`)).json()).length;

  // Fix them, add a need and reorder it to the top.
  await name.fill('Buy a rod fishing licence');
  await manage.getByLabel('Last reviewed (YYYY-MM-DD)').fill('2026-11-20');
  await needs.fill('buy-licence');
  await manage.getByRole('button', { name: 'Add a user need' }).click();
  const newNeed = manage.getByTestId('sk-needs').locator('li').last();
  await newNeed.getByLabel('Id (lower-case').fill('renew-licence');
  await newNeed.getByLabel('As a …').fill('returning angler');
  await newNeed.getByLabel('I need …').fill('to renew my licence');
  await newNeed.getByLabel('so that …').fill('I keep fishing');
  assert.match(await newNeed.textContent(), /No metric shows whether the need 'renew-licence' is met/);
  assert.equal(await problems.count(), 0, 'no problems left');
  await manage.getByRole('button', { name: 'Save a new version' }).click();
  await manage.getByTestId('sk-contract-outcome').getByText(/Saved as version/).waitFor();
  const versions = await (await fetch(`${worker.url}/v1/services/${FISHING}/contract/versions`)).json();
  assert.equal(versions.length, versionsBefore + 1, 'a new version, the old one kept');
  assert.deepEqual(await wcagViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'manage-contract.png'), fullPage: true });

  // The viewer shows the saved version.
  await page.goto(`${worker.url}/demo/contract.html`);
  const viewer = page.locator('servicekit-contract');
  await viewer.getByRole('heading', { name: 'Buy a rod fishing licence' }).waitFor();
  assert.match(await viewer.getByTestId('sk-need-renew-licence').textContent(), /returning angler/);
  await page.close();
});

test('pasted JSON goes into the form, and broken JSON is explained', async () => {
  const page = await browser.newPage();
  const manage = await signIn(page);
  await manage.getByText('Paste or upload the contract as JSON').click();
  await manage.getByLabel('Contract JSON').fill('{"name": ');
  await manage.getByRole('button', { name: 'Put into the form' }).click();
  assert.match(await manage.getByTestId('sk-json-error').textContent(), /That is not a service contract in JSON/);
  const contract = { ...fishingContract(70), name: 'Pasted from the repository' };
  await manage.getByLabel('Contract JSON').fill(JSON.stringify(contract));
  await manage.getByRole('button', { name: 'Put into the form' }).click();
  assert.equal(await manage.getByLabel('Service name').inputValue(), 'Pasted from the repository');
  assert.equal(await manage.getByTestId('sk-metrics').locator('li').count(), contract.metrics.length);
  await page.close();
});

test('a CSV upload is previewed with every row problem before anything is stored', async () => {
  const page = await browser.newPage();
  const manage = await signIn(page);
  const box = manage.getByLabel('Or paste the CSV');
  await box.fill([HEADER, '2026-01,digital,10,9,12.00,,,,,', '2026-13,fax,1,1,1,,,,,'].join('\n'));
  const problems = manage.getByTestId('sk-csv-problems');
  assert.match(await problems.textContent(), /^2 problems: nothing will be stored/);
  assert.match(await problems.textContent(), /Row 3, column period/);
  assert.equal(await manage.getByRole('button', { name: 'Upload these measurements' }).isDisabled(), true);
  // One problem, one row: counted in the singular.
  await box.fill([HEADER, '2026-13,digital,1,1,1,,,,,'].join('\n'));
  assert.match(await problems.textContent(), /^1 problem: nothing will be stored until it is put right/);
  await box.fill([HEADER, '2026-01,digital,10,9,12.00,,,,,'].join('\n'));
  assert.match(await manage.getByTestId('sk-csv-preview').locator('caption').textContent(), /^1 row ready to upload$/);
  await box.fill([HEADER, '2026-01,digital,10,9,12.00,,,,,', '2026-01,phone,,5,40.00,,,,,'].join('\n'));
  assert.match(await manage.getByTestId('sk-csv-preview').locator('caption').textContent(), /2 rows ready/);
  await manage.getByRole('button', { name: 'Upload these measurements' }).click();
  await manage.getByTestId('sk-csv-outcome').getByText('2 rows stored').waitFor();
  const stored = await (await fetch(`${worker.url}/v1/services/${FISHING}/measurements?format=csv`)).text();
  assert.match(stored, /2026-01,phone,,5,40.00/);
  await page.close();
});

test('a Correction of Error document is written, published and its action updated', async () => {
  const page = await browser.newPage();
  const manage = await signIn(page);
  await manage.getByRole('button', { name: 'Publish the document' }).click();
  assert.ok((await manage.getByTestId('sk-coe-problems').locator('li').count()) >= 5, 'every missing section listed');
  await manage.getByLabel('Title', { exact: true }).fill('Licence emails delayed');
  await manage.getByLabel('When it happened (YYYY-MM-DD)').fill('2026-10-02');
  await manage.getByLabel('What went wrong').fill('Confirmation emails took 6 hours.');
  await manage.getByLabel('Who and what it affected').fill('2,300 anglers waited for their licence number.');
  await manage.getByLabel('Root cause').fill('A mail queue was paused during a certificate change.');
  await manage.getByLabel('Lessons learned').fill('Alert on queue age, not only on failures.');
  await manage.getByRole('button', { name: 'Add an action' }).click();
  await manage.getByLabel('What will be done').fill('Alert when the mail queue is older than 10 minutes');
  await manage.getByLabel('Owner').fill('Platform team');
  await manage.getByLabel('Due (YYYY-MM-DD)').fill('2026-12-01');
  await manage.getByRole('button', { name: 'Publish the document' }).click();
  await manage.getByTestId('sk-coe-outcome').getByText(/Published/).waitFor();
  const published = manage.getByTestId('sk-coe-published');
  const select = published.getByLabel(/Alert when the mail queue/);
  await select.selectOption('done');
  await published.getByText('Action updated.').waitFor();
  const list = await (await fetch(`${worker.url}/v1/services/${FISHING}/coe`)).json();
  const doc = await (await fetch(`${worker.url}/v1/services/${FISHING}/coe/${list.at(-1).id}`)).json();
  assert.equal(doc.title, 'Licence emails delayed');
  assert.equal(doc.actions[0].status, 'done');
  await page.close();
});

test('rotating the token shows the new one once and the old one stops working', async () => {
  const page = await browser.newPage();
  const manage = await signIn(page);
  await manage.getByRole('button', { name: 'Make a new token' }).click();
  await manage.getByRole('button', { name: 'Yes, replace the token now' }).click();
  const shown = manage.getByTestId('sk-new-token');
  await shown.waitFor();
  const fresh = (await shown.locator('code').textContent()).trim();
  assert.match(fresh, /^[0-9a-f]{64}$/);
  const check = (t) => fetch(`${worker.url}/v1/services/${FISHING}/feedback`, { headers: { Authorization: `Bearer ${t}` } });
  assert.equal((await check(token)).status, 401);
  assert.equal((await check(fresh)).status, 200);
  token = fresh;
  await page.close();
});
