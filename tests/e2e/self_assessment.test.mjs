// Journey: a service owner completes the self-assessment on the demo intranet page
// with the keyboard, survives a reload and an outage, saves, and reads it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SKILLS } from '../support/examples.mjs';
import { artifacts, holdWasm, inLanguage } from './fixtures/browser.mjs';
import { wcagViolations } from './fixtures/axe.mjs';
import { workerAndBrowser } from './fixtures/session.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const session = workerAndBrowser(8791);

const NAMES = [
  'Agile working', 'Financial ownership', 'Life-cycle perspective', 'Operational management',
  'Problem ownership', 'Product ownership', 'Strategic ownership', 'User focus',
];
const LEVELS = ['Expert', 'Practitioner', 'Practitioner', 'Expert', 'Working', 'Working', 'Expert', 'Expert'];

test('self-assessment by keyboard: errors, live gaps, reload, outage, save, read back', async () => {
  const page = await session.browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const form = new SelfAssessmentPage(page, session.worker.url);
  await form.open();

  // The host page's own styles do not leak into the widget.
  const legendFont = await form.group('Agile working').locator('legend').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.ok(!/Georgia/.test(legendFont), `widget inherited the host font: ${legendFont}`);

  // Submitting nothing lists every skill, and focus moves to the summary.
  await form.submit.focus();
  await page.keyboard.press('Enter');
  await form.errorSummary.waitFor({ state: 'visible' });
  assert.equal(await form.errorSummary.getByRole('link').count(), 8);
  assert.match(await form.errorSummary.textContent(), /Choose your level for Agile working/);
  assert.equal(await page.evaluate(() => document.querySelector('servicekit-self-assessment').shadowRoot.activeElement?.dataset.testid), 'sk-error-summary');
  await form.errorSummary.getByRole('link', { name: /User focus/ }).click();
  assert.equal(await page.evaluate(() => document.querySelector('servicekit-self-assessment').shadowRoot.activeElement?.id), 'sk-user-focus-1');

  await form.expectSummary('0 met, 0 below, 0 above, 8 not rated yet.');
  await form.rateWithKeyboard(NAMES, LEVELS, { 'User focus': 'Ran research with 40 users.' });
  await form.expectSummary('6 met, 2 below, 0 above, 0 not rated yet.');
  assert.equal(await page.getByTestId('sk-gap-problem-ownership').textContent(), '2 levels below the required level');
  // The chart draws a dot per rated skill, and the table gives the same figures.
  assert.equal(await page.getByTestId('sk-gap-chart').locator('circle').count(), 8);
  assert.equal(await page.getByTestId('sk-gap-chart').locator('.sk-chart__dot--below').count(), 2);
  const rows = page.getByTestId('sk-gap-table').locator('tbody tr');
  assert.equal(await rows.count(), 8);
  assert.deepEqual(await rows.nth(4).locator('th, td').allTextContents(),
    ['Problem ownership', 'Expert', 'Working', '2 levels below the required level']);
  assert.equal(await form.errorSummary.isVisible(), false, 'answered questions no longer show errors');
  assert.equal(await page.locator('.sk-error-message').count(), 0);

  await page.screenshot({ path: join(artifacts, 'self-assessment-filled.png'), fullPage: true });

  // Answers survive a reload.
  await page.reload();
  await form.group('Agile working').waitFor();
  for (const [i, name] of NAMES.entries()) {
    assert.equal(await form.checkedLevel(name), LEVELS[i].toLowerCase(), `${name} after reload`);
  }
  assert.equal(await page.locator('#sk-user-focus-evidence').inputValue(), 'Ran research with 40 users.');
  await form.expectSummary('6 met, 2 below, 0 above, 0 not rated yet.');

  // When the API cannot be reached, the person is told and nothing is lost.
  await page.route('**/v1/assessments', (route) => route.abort('connectionrefused'));
  await form.submit.focus();
  await page.keyboard.press('Enter');
  await form.errorSummary.waitFor({ state: 'visible' });
  assert.match(await form.errorSummary.textContent(), /could not save your assessment.*kept in this browser/);
  assert.equal(await form.checkedLevel('Agile working'), 'expert');
  await page.unroute('**/v1/assessments');

  // Saving works and shows the link and key.
  await form.submit.focus();
  await page.keyboard.press('Enter');
  await form.saved.waitFor({ state: 'visible' });
  const link = (await page.getByTestId('sk-result-url').textContent()).trim();
  assert.equal(await page.getByTestId('sk-saved-summary').textContent(), '6 met, 2 below, 0 above, 0 not rated yet.');
  const token = (await page.getByTestId('sk-token').textContent()).trim();
  assert.match(link, new RegExp(`^${session.worker.url}/v1/assessments/[0-9a-f]{32}$`));
  await page.screenshot({ path: join(artifacts, 'self-assessment-saved.png'), fullPage: true });

  // The stored record is what was chosen, read back through the API with the token.
  const response = await fetch(link, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const record = await response.json();
  for (const [i, skill] of SKILLS.entries()) {
    assert.equal(record.ratings[skill].level, LEVELS[i].toLowerCase(), skill);
  }
  assert.equal(record.ratings['user-focus'].evidence, 'Ran research with 40 users.');
  assert.deepEqual(record.summary, { met: 6, below: 2, above: 0, not_rated: 0 });

  // The draft is cleared once saved: a reload starts a fresh form.
  await page.reload();
  await form.group('Agile working').waitFor();
  assert.equal(await form.group('Agile working').locator('input:checked').count(), 0);

  // Next time, the gap table compares with the assessment saved last time.
  const table = page.getByTestId('sk-gap-table');
  await table.getByRole('columnheader', { name: 'Since last time' }).waitFor();
  await form.radio('Agile working', 'Practitioner').check();
  assert.deepEqual(await table.locator('tbody tr').first().locator('td').allTextContents(),
    ['Expert', 'Practitioner', '1 level below the required level', 'Down 1 level']);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

/** Opens `path` with the widgets' wasm held back until `release()`; `lang` sets the page's language. */
async function heldBack(path, lang = 'en') {
  const page = await session.browser.newPage();
  const release = await holdWasm(page);
  await inLanguage(page, path, lang);
  await page.goto(`${session.worker.url}${path}`);
  const widget = page.locator('servicekit-self-assessment');
  const paint = widget.locator('[data-sk-first-paint]');
  await paint.waitFor();
  return { page, widget, paint, release };
}

/** Each question's text and whether it shows, and each form control, in `scope`. */
const questions = (scope) => scope.locator('form > .sk-form-group').evaluateAll((groups) => groups.map((g) => ({
  hidden: g.hidden,
  text: g.querySelector('fieldset').textContent,
  controls: [...g.querySelectorAll('input, textarea')].map((c) => `${c.type} ${c.id} ${c.name} ${c.value} ${c.checked}`),
})));

test('the form shows before its code runs, as the widget draws it, in English and Welsh', async () => {
  for (const [path, lang, heading] of [
    ['/demo/', 'en', 'Assess your skills'], ['/demo/', 'cy', 'Asesu eich sgiliau'],
    ['/demo/service-manager.html', 'en', 'Assess your skills'], ['/demo/service-manager.html', 'cy', 'Asesu eich sgiliau'],
  ]) {
    const { page, widget, paint, release } = await heldBack(path, lang);
    assert.equal(await paint.getByRole('heading', { level: 2 }).textContent(), heading, `${path} ${lang}`);
    assert.deepEqual(await wcagViolations(page), [], `${path} ${lang}`);
    const painted = await questions(paint);
    assert.ok(painted.length >= 8, `${path} ${lang}: every skill is asked`);
    const role = await paint.locator('section > div > p').first().textContent();
    // From here on, the fewest questions ever on screen: the form must never blink out.
    await widget.evaluate((element) => {
      const root = element.shadowRoot;
      const visible = () => root.querySelectorAll('.sk-widget:not([hidden]) form > .sk-form-group:not([hidden])').length;
      window.fewestQuestions = visible();
      new MutationObserver(() => { window.fewestQuestions = Math.min(window.fewestQuestions, visible()); })
        .observe(root, { subtree: true, childList: true, attributes: true });
    });
    const shown = painted.filter((q) => !q.hidden).length;

    release();
    await widget.getByRole('button', { name: /save my assessment|cadw fy asesiad/i }).waitFor();
    assert.equal(await paint.count(), 0, 'the first paint is gone');
    assert.equal(await page.evaluate(() => window.fewestQuestions), shown, `${path} ${lang}: the questions stayed on screen`);
    assert.deepEqual(await questions(widget), painted, `${path} ${lang}: the widget asks what the first paint asked, with the same controls`);
    assert.equal(await widget.locator('section > div > p').first().textContent(), role, `${path} ${lang}`);
    await page.close();
  }
});

test('answers given and the focus in the form before its code runs are kept when the widget takes over', async () => {
  const { page, widget, paint, release } = await heldBack('/demo/service-manager.html');
  await paint.getByRole('checkbox', { name: 'It is a large service' }).check();
  const project = paint.getByRole('group', { name: /^Project management/ });
  await project.getByRole('radio', { name: 'Level 3' }).check();
  await paint.locator('#sk-project-management-evidence').fill('Ran the move to the new case system.');
  await project.getByRole('radio', { name: 'Level 6' }).focus();
  assert.equal(await widget.getByRole('group', { name: /^Programme management/ }).count(), 0, 'only large services are asked about programmes');

  release();
  await widget.getByRole('button', { name: /save my assessment/i }).waitFor();
  assert.equal(await paint.count(), 0);
  assert.equal(await widget.getByRole('checkbox', { name: 'It is a large service' }).isChecked(), true);
  const taken = widget.getByRole('group', { name: /^Project management/ });
  assert.equal(await taken.locator('input:checked').getAttribute('value'), '3');
  assert.equal(await widget.locator('#sk-project-management-evidence').inputValue(), 'Ran the move to the new case system.');
  assert.equal(await page.getByTestId('sk-gap-project-management').textContent(), '1 level below the required level');
  await widget.getByRole('group', { name: /^Programme management/ }).waitFor();
  // The keyboard carries on where it was: the same radio button has the focus, in the widget.
  assert.equal(await widget.evaluate((e) => e.shadowRoot.activeElement?.id), 'sk-project-management-6');
  await page.keyboard.press('Space');
  assert.equal(await taken.locator('input:checked').getAttribute('value'), '6');
  assert.equal(await page.getByTestId('sk-gap-project-management').textContent(), 'Meets the required level');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('servicekit:self-assessment:osom-service-manager')));
  assert.equal(stored.context.large, true);
  assert.deepEqual(stored.ratings['project-management'], { level: '6', evidence: 'Ran the move to the new case system.' });
  await page.close();

  // A click begun in the first paint is not lost: the widget waits for the button to come up.
  const clicked = await heldBack('/demo/');
  const expert = clicked.paint.getByRole('group', { name: /^Agile working/ }).getByRole('radio', { name: 'Expert' });
  const box = await expert.boundingBox();
  await clicked.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await clicked.page.mouse.down();
  const wasm = clicked.page.waitForResponse(/\.wasm$/);
  clicked.release();
  await wasm;
  await clicked.page.waitForTimeout(500);
  assert.equal(await clicked.paint.count(), 1, 'the widget waits while the button is down');
  await clicked.page.mouse.up();
  await clicked.widget.getByRole('button', { name: /save my assessment/i }).waitFor();
  assert.equal(await clicked.page.getByTestId('sk-gap-agile-working').textContent(), 'Meets the required level');
  assert.equal(await clicked.widget.getByRole('group', { name: /^Agile working/ }).locator('input:checked').getAttribute('value'), 'expert');
  await clicked.page.close();

  // Without its code, the form stays readable and says the widget could not load.
  const broken = await session.browser.newPage();
  await broken.route(/\.wasm$/, (route) => route.abort('connectionrefused'));
  await broken.goto(`${session.worker.url}/demo/service-manager.html`);
  const alert = broken.locator('servicekit-self-assessment').getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not load/);
  assert.ok(await broken.locator('servicekit-self-assessment [data-sk-first-paint] fieldset').count() >= 8);
  await broken.close();
});

test('the widget speaks Welsh when its lang attribute says cy', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.worker.url}/demo/`);
  await page.evaluate(() => {
    document.querySelector('servicekit-self-assessment').remove();
    document.querySelector('main').insertAdjacentHTML('beforeend',
      '<servicekit-self-assessment profile="ddat-service-owner-2020" lang="cy"></servicekit-self-assessment>');
  });
  const widget = page.locator('servicekit-self-assessment');
  await widget.getByRole('heading', { name: 'Asesu eich sgiliau' }).waitFor();
  // The widget itself, not the Worker's first paint shown while its code loads.
  await widget.getByRole('button', { name: 'Cadw fy asesiad' }).waitFor();
  const agile = widget.getByRole('group', { name: /^Agile working/ });
  await agile.getByRole('radio', { name: 'Arbenigwr' }).check();
  await widget.getByRole('group', { name: /^User focus/ }).getByRole('radio', { name: 'Gweithio' }).check();
  assert.equal(await page.getByTestId('sk-gap-agile-working').textContent(), 'Yn cyrraedd y lefel ofynnol');
  assert.equal(await page.getByTestId('sk-gap-user-focus').textContent(), "2 lefel yn is na'r lefel ofynnol");
  assert.match(await page.getByTestId('sk-gap-summary').textContent(), /1 wedi'u cyrraedd, 1 yn is, 0 yn uwch, 6 heb eu graddio eto\./);
  assert.equal(await widget.getByRole('button', { name: 'Cadw fy asesiad' }).count(), 1);

  // Problems with the answers are worded in Welsh too, from core's rules.
  await widget.getByRole('button', { name: 'Cadw fy asesiad' }).click();
  const summary = page.getByTestId('sk-error-summary');
  await summary.waitFor({ state: 'visible' });
  assert.equal(await summary.getByRole('link').count(), 6);
  assert.match(await summary.textContent(), /Dewiswch eich lefel ar gyfer Problem ownership\./);
  assert.doesNotMatch(await summary.textContent(), /Choose your level/);
  const file = { role: 'ddat-service-owner-2020', ratings: { 'agile-working': { level: 'guru' } } };
  await page.locator('#sk-import').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const message = page.getByTestId('sk-import-message');
  await message.waitFor();
  assert.match(await message.textContent(), /Nid yw 'guru' yn lefel sgil\. Dewiswch awareness, working, practitioner neu expert\./);
  assert.equal(await agile.getByRole('radio', { name: 'Arbenigwr' }).isChecked(), true, 'a refused file changes nothing');
  await page.close();
});

test('a role profile that is not there is named in the widget\'s own language', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.worker.url}/demo/`);
  await page.evaluate(() => {
    document.querySelector('main').insertAdjacentHTML('beforeend', [
      '<div id="welsh"><servicekit-self-assessment profile="no-such-role" lang="cy"></servicekit-self-assessment></div>',
      '<div id="english"><servicekit-self-assessment profile="no-such-role" lang="en"></servicekit-self-assessment></div>',
    ].join(''));
  });
  const welsh = page.locator('#welsh').getByTestId('sk-error');
  const english = page.locator('#english').getByTestId('sk-error');
  await welsh.waitFor();
  await english.waitFor();
  assert.match(await welsh.textContent(), /Nid oes proffil rôl o'r enw 'no-such-role'\./);
  assert.match(await english.textContent(), /There is no role profile called 'no-such-role'\./);
  await page.close();
});

test('the widget says so when the API is unreachable on load', async () => {
  const page = await session.browser.newPage();
  await page.route('**/v1/roles/**', (route) => route.abort('connectionrefused'));
  await page.goto(`${session.worker.url}/demo/`);
  const error = page.getByTestId('sk-error');
  await error.waitFor();
  assert.match(await error.textContent(), /could not load the role profile/);
  await page.close();
});
