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
  await widget.getByRole('alert').waitFor();
  assert.match(await widget.getByRole('alert').textContent(), /no team at this address, or the token does not match/);
  await lead.close();
  await memberPage.close();
});
