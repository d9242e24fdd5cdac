// Journeys: choosing a role when the page names none; clearing answers after
// confirming; deleting a saved assessment for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerAndBrowser } from './fixtures/session.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const session = workerAndBrowser(8797);

async function pageWith(html) {
  const page = await session.browser.newPage();
  await page.goto(`${session.worker.url}/demo/`);
  await page.evaluate((snippet) => {
    document.querySelector('servicekit-self-assessment').remove();
    document.querySelector('main').insertAdjacentHTML('beforeend', snippet);
  }, html);
  return page;
}

test('without a role attribute the person chooses a role first', async () => {
  const page = await pageWith('<servicekit-self-assessment></servicekit-self-assessment>');
  const widget = page.locator('servicekit-self-assessment');
  const select = widget.getByLabel('Which role do you want to assess yourself against?');
  await select.locator('option[value="ddat-service-owner-2025"]').waitFor({ state: 'attached' });
  assert.deepEqual(await select.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.label)),
    ['DDaT 2020', 'DDaT 2025', 'OSOM SFIA 8']);
  await select.selectOption('ddat-service-owner-2025');
  await widget.getByRole('button', { name: 'Start' }).click();
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.group('Adapting to delivery methodologies').waitFor();
  await form.expectSummary('0 met, 0 below, 0 above, 9 not rated yet.');
  await page.close();
});

test('answers are cleared only after confirming', async () => {
  const page = await pageWith('<servicekit-self-assessment profile="ddat-service-owner-2020"></servicekit-self-assessment>');
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.group('Agile working').waitFor();
  await form.radio('Agile working', 'Expert').check();
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByTestId('sk-clear').click();
  assert.equal(await form.checkedLevel('Agile working'), 'expert', 'dismissed: nothing cleared');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('sk-clear').click();
  await form.expectSummary('0 met, 0 below, 0 above, 8 not rated yet.');
  await page.close();
});

test('a saved assessment can be deleted for good from the widget', async () => {
  const page = await pageWith('<servicekit-self-assessment profile="ddat-service-owner-2020"></servicekit-self-assessment>');
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.group('Agile working').waitFor();
  for (const skill of ['Agile working', 'Financial ownership', 'Life-cycle perspective', 'Operational management',
    'Problem ownership', 'Product ownership', 'Strategic ownership', 'User focus']) {
    await form.radio(skill, 'Working').check();
  }
  await form.submit.click();
  await form.saved.waitFor();
  const url = (await page.getByTestId('sk-result-url').textContent()).trim();
  const token = (await page.getByTestId('sk-token').textContent()).trim();
  await form.widget.getByRole('button', { name: 'Delete this assessment' }).click();
  await page.getByTestId('sk-deleted').waitFor();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 404);
  await page.close();
});
