// Journey: a team lead creates a team, a member joins it from the self-assessment
// widget, and the lead sees coverage only once three members have taken part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { allAt, ROLE } from '../support/examples.mjs';
import { artifacts } from './fixtures/browser.mjs';
import { workerAndBrowser } from './fixtures/session.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const session = workerAndBrowser(8795);

test('a lead creates a team and sees its coverage from three members on', async () => {
  const lead = await session.browser.newPage();
  await lead.goto(`${session.worker.url}/demo/team.html`);
  const widget = lead.locator('servicekit-team-coverage');
  await widget.getByLabel('Team name').fill('Licensing service team');
  const role = widget.getByLabel('Role profile the team should cover');
  await role.locator('option[value="ddat-service-owner-2020"]').waitFor({ state: 'attached' });
  await role.selectOption(ROLE);
  await widget.getByRole('button', { name: 'Create team' }).click();
  await lead.getByTestId('sk-team-created').waitFor();
  const teamId = (await lead.getByTestId('sk-team-id').textContent()).trim();
  assert.match(teamId, /^[0-9a-f]{32}$/);
  assert.match(await lead.getByTestId('sk-team-created').textContent(), new RegExp(`team="${teamId}"`));
  assert.equal(await lead.getByTestId('sk-team-created').getByRole('heading').textContent(), 'Team created');
  // The whole key shows, to be copied: it wraps inside the list rather than running off the widget.
  const [keyRight, listRight] = await lead.getByTestId('sk-team-key')
    .evaluate((el) => [el.getBoundingClientRect().right, el.closest('dl').getBoundingClientRect().right]);
  assert.ok(keyRight <= listRight + 0.5, `the lead key ends at ${keyRight}, the list at ${listRight}`);

  // The id and key are filled in for the lead; nothing shows yet.
  await widget.getByRole('button', { name: 'Show coverage' }).click();
  await lead.getByTestId('sk-team-too-few').waitFor();
  assert.match(await lead.getByTestId('sk-team-too-few').textContent(), /^0 members have taken part so far\. Coverage appears once 3 have/);

  // A member joins from the widget with the team attribute, as pasted from the lead's snippet.
  const memberPage = await session.browser.newPage();
  await memberPage.goto(`${session.worker.url}/demo/`);
  await memberPage.evaluate((team) => {
    document.querySelector('servicekit-self-assessment').remove();
    document.querySelector('main').insertAdjacentHTML('beforeend',
      `<servicekit-self-assessment profile="ddat-service-owner-2020" team="${team}"></servicekit-self-assessment>`);
  }, teamId);
  const member = new SelfAssessmentPage(memberPage, session.worker.url);
  await member.group('Agile working').waitFor();
  for (const skill of ['Agile working', 'Financial ownership', 'Life-cycle perspective', 'Operational management',
    'Problem ownership', 'Product ownership', 'Strategic ownership', 'User focus']) {
    await member.radio(skill, 'Expert').check();
  }
  await member.submit.click();
  await member.saved.waitFor();

  for (const level of ['working', 'practitioner']) {
    const response = await fetch(`${session.worker.url}/v1/assessments`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...allAt(level), team: teamId }),
    });
    assert.equal(response.status, 201);
  }

  await widget.getByRole('button', { name: 'Show coverage' }).click();
  await lead.getByTestId('sk-team-table').waitFor();
  assert.equal(await lead.getByTestId('sk-team-summary').textContent(), 'Licensing service team: 8 of 8 skills covered, from 3 members.');
  const lifeCycle = lead.getByTestId('sk-team-table').locator('tbody tr').nth(2);
  assert.deepEqual(await lifeCycle.locator('th, td').allTextContents(), ['Life-cycle perspective', 'Practitioner', '2', 'Expert', 'Yes']);
  await lead.screenshot({ path: join(artifacts, 'team-coverage.png'), fullPage: true });

  // A wrong key gets a clear message, not the coverage.
  await widget.getByLabel('Lead key').fill('f'.repeat(64));
  await widget.getByRole('button', { name: 'Show coverage' }).click();
  await widget.getByTestId('sk-team-report').getByRole('alert').waitFor();
  assert.equal(await widget.getByTestId('sk-team-report').textContent(), 'That team id and lead key do not match. Check both and try again.');
  await lead.close();
  await memberPage.close();
});

/** The team widget's form's problems: the summary's links, the fields' own messages, and which fields are marked. */
async function problems(form) {
  const summary = form.getByTestId('sk-error-summary');
  await summary.waitFor();
  return {
    summary: await summary.locator('li').allTextContents(),
    fields: await form.locator('.sk-error-message').allTextContents(),
    marked: await form.locator('.sk-form-group--error').evaluateAll((groups) => groups.map((g) => g.querySelector('input, select').id)),
    focused: await summary.evaluate((el) => el.getRootNode().activeElement === el),
  };
}

test('a team lead who leaves the forms empty is told what to fill in, in English or Welsh, and nothing is sent', async () => {
  for (const [lang, create, view] of [
    ['en', ['Enter a name for the team', 'Choose the role profile the team should cover'], ['Enter the team id', 'Enter the lead key']],
    ['cy', ['Rhowch enw ar gyfer y tîm', "Dewiswch y proffil rôl y dylai'r tîm ei gwmpasu"], ['Rhowch ddynodydd y tîm', 'Rhowch allwedd yr arweinydd']],
  ]) {
    const page = await session.browser.newPage();
    const sent = [];
    page.on('request', (request) => { if (request.method() === 'POST' || request.url().includes('/coverage')) sent.push(request.url()); });
    await page.addInitScript((lang) => {
      document.addEventListener('DOMContentLoaded', () => document.querySelector('servicekit-team-coverage').setAttribute('lang', lang));
    }, lang);
    await page.goto(`${session.worker.url}/demo/team.html`);
    const widget = page.locator('servicekit-team-coverage');
    const createForm = widget.getByTestId('sk-team-create');
    await createForm.locator('option[value="ddat-service-owner-2020"]').waitFor({ state: 'attached' });
    await createForm.locator('button[type=submit]').click();
    assert.deepEqual(await problems(createForm), { summary: create, fields: create, marked: ['sk-team-name', 'sk-team-role'], focused: true }, lang);
    // The summary's link leads to its field, inside the shadow root.
    await createForm.getByTestId('sk-error-summary').getByRole('link', { name: create[1] }).click();
    assert.equal(await page.evaluate(() => document.querySelector('servicekit-team-coverage').shadowRoot.activeElement?.id), 'sk-team-role');
    // A marked group is set apart as GOV.UK's are: a red rule on its left, and room below every group.
    const [rule, gap] = await createForm.locator('.sk-form-group--error').first()
      .evaluate((g) => [getComputedStyle(g).borderLeftWidth, getComputedStyle(g).marginBottom]);
    assert.deepEqual([rule, gap], ['5px', '30px'], lang);

    // Naming the team leaves only the role to choose.
    await createForm.locator('#sk-team-name').fill('Licensing service team');
    await createForm.locator('button[type=submit]').click();
    assert.deepEqual((await problems(createForm)).summary, create.slice(1), lang);

    const viewForm = widget.getByTestId('sk-team-view');
    await viewForm.locator('button[type=submit]').click();
    assert.deepEqual(await problems(viewForm), { summary: view, fields: view, marked: ['sk-team-id', 'sk-team-key'], focused: true }, lang);
    assert.deepEqual(sent, [], `${lang}: nothing was sent`);
    await page.close();
  }
});

test('the roles to choose from are grouped by framework', async () => {
  const page = await session.browser.newPage();
  await page.goto(`${session.worker.url}/demo/team.html`);
  const role = page.locator('servicekit-team-coverage').getByLabel('Role profile the team should cover');
  await role.locator('option[value="ddat-service-owner-2020"]').waitFor({ state: 'attached' });
  const groups = await role.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.label));
  assert.deepEqual(groups.slice(0, 2), ['DDaT 2020', 'DDaT 2025']);
  assert.ok(groups.includes('OSOM SFIA 8'), groups.join(', '));
  assert.equal(await role.locator('optgroup[label="DDaT 2020"] option').first().textContent(), 'Service owner');
  await page.close();
});
