// Journey: a person downloads their answers (JSON and CSV), imports a file back
// (bad files are refused and change nothing), and prints a conversation pack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allAt } from '../support/examples.mjs';
import { workerAndBrowser } from './fixtures/session.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const session = workerAndBrowser(8796);

function jsonFile(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(text) };
}

test('answers go out as JSON and CSV, come back from JSON, and print as a pack', async () => {
  const page = await session.browser.newPage();
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.open();
  await form.radio('Agile working', 'Expert').check();
  await form.radio('User focus', 'Practitioner').check();
  await page.locator('#sk-user-focus-evidence').fill('Ran research with 40 users, "in person".');
  await form.expectSummary('1 met, 1 below, 0 above, 6 not rated yet.');

  // The files hold the answers as they are when the link is used.
  const download = async (testId) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return readFileSync(await file.path(), 'utf8');
  };
  const json = JSON.parse(await download('sk-download-json'));
  assert.equal(json.role, 'ddat-service-owner-2020');
  assert.equal(json.ratings['agile-working'].level, 'expert');
  assert.equal(json.ratings['user-focus'].evidence, 'Ran research with 40 users, "in person".');
  const csv = await download('sk-download-csv');
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'skill_id,skill,required_min,required_max,level,gap,status,evidence');
  assert.equal(lines[1], 'agile-working,Agile working,4,4,expert,0,met,');
  assert.equal(lines[8], 'user-focus,User focus,4,4,practitioner,1,below,"Ran research with 40 users, ""in person""."');

  const importInput = page.locator('#sk-import');
  const message = page.getByTestId('sk-import-message');
  await importInput.setInputFiles(jsonFile('this is not JSON'));
  await message.waitFor();
  assert.match(await message.textContent(), /not a servicekit assessment, so nothing was imported/);
  await importInput.setInputFiles(jsonFile({ ...json, role: 'osom-service-manager' }));
  await page.waitForFunction(() => document.querySelector('servicekit-self-assessment').shadowRoot
    .querySelector('[data-testid="sk-import-message"]').textContent.includes('osom-service-manager'));
  assert.equal(await form.checkedLevel('Agile working'), 'expert', 'a refused file changes nothing');
  await form.expectSummary('1 met, 1 below, 0 above, 6 not rated yet.');

  await importInput.setInputFiles(jsonFile(allAt('expert')));
  await page.waitForFunction(() => document.querySelector('servicekit-self-assessment').shadowRoot
    .querySelector('[data-testid="sk-import-message"]').textContent.includes('imported from the file'));
  await form.expectSummary('6 met, 0 below, 2 above, 0 not rated yet.');
  assert.equal(await form.checkedLevel('Product ownership'), 'expert');

  const pack = page.getByTestId('sk-print-pack');
  assert.equal(await pack.isVisible(), false, 'the pack is for print only');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await pack.isVisible(), true);
  assert.equal(await form.group('Agile working').isVisible(), false, 'the form is not printed');
  const packText = await pack.textContent();
  assert.match(packText, /Skills conversation pack: Service owner \(DDaT 2020\)/);
  assert.match(packText, /Led research with 40 users across three channels\./);
  assert.match(packText, /Printed on \d{4}-\d{2}-\d{2}/);
  await page.close();
});
