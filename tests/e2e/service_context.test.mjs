// Journey: a service manager says what their service is like and sees the
// SFIA skills and levels it needs change, then saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts } from './fixtures/browser.mjs';
import { workerAndBrowser } from './fixtures/session.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const session = workerAndBrowser(8792);

test('service context changes the SFIA skills and levels required', async () => {
  const page = await session.browser.newPage();
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.open('/demo/service-manager.html', 'Project management');

  const programme = page.getByTestId('sk-skill-programme-management');
  const organisation = page.getByTestId('sk-required-organisation-design-and-implementation');
  assert.equal(await programme.isVisible(), false, 'programme management is for larger services only');
  assert.equal(await organisation.textContent(), 'Required level: Level 4.');
  assert.equal(await page.getByTestId('sk-required-demand-management').textContent(), 'Required level: Level 5 or above.');
  assert.equal(await page.getByTestId('sk-required-measurement').textContent(), 'Required level: Levels 3 to 4.');
  await form.expectSummary('0 met, 0 below, 0 above, 13 not rated yet.');

  await form.widget.getByRole('checkbox', { name: 'It is a large service' }).focus();
  await page.keyboard.press('Space');
  assert.equal(await programme.isVisible(), true);
  assert.equal(await organisation.textContent(), 'Required level: Levels 6 to 7.');
  await form.expectSummary('0 met, 0 below, 0 above, 14 not rated yet.');

  // Level 5 meets "5 or above" and is one above "3 to 4".
  await form.radio('Demand management', 'Level 5').check();
  await form.radio('Measurement', 'Level 5').check();
  assert.equal(await page.getByTestId('sk-gap-demand-management').textContent(), 'Meets the required level');
  assert.equal(await page.getByTestId('sk-gap-measurement').textContent(), '1 level above the required level');
  await page.screenshot({ path: join(artifacts, 'service-manager-context.png'), fullPage: true });
  await page.close();
});
