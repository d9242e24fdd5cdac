// Every widget state people reach, checked with axe-core for WCAG 2.2 A and AA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerAndBrowser } from './fixtures/session.mjs';
import { wcagViolations } from './fixtures/axe.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const session = workerAndBrowser(8788);

test('the self-assessment has no WCAG A/AA violations, empty, with errors and rated', async () => {
  const page = await session.browser.newPage();
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.open();
  assert.deepEqual(await wcagViolations(page), [], 'empty form');
  await form.submit.click();
  await form.errorSummary.waitFor({ state: 'visible' });
  assert.deepEqual(await wcagViolations(page), [], 'with errors');
  await form.radio('Agile working', 'Expert').check();
  await form.radio('User focus', 'Working').check();
  assert.deepEqual(await wcagViolations(page), [], 'rated, with chart and table');
  await page.close();
});

test('the SFIA self-assessment and team coverage have no WCAG A/AA violations', async () => {
  const page = await session.browser.newPage();
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.open('/demo/service-manager.html', 'Project management');
  assert.deepEqual(await wcagViolations(page), [], 'service manager');
  await page.goto(`${session.worker.url}/demo/team.html`);
  await page.locator('servicekit-team-coverage').getByLabel('Team name').waitFor();
  assert.deepEqual(await wcagViolations(page), [], 'team coverage');
  await page.close();
});
