// Every widget on a foreign intranet page: another origin, a strict CSP, and
// hostile CSS (`* { all: revert }`, `div { display: flex }`, odd fonts and
// colours). Each renders with its own look, works by keyboard, passes axe,
// and says nothing breaks in Welsh either. Screenshots are kept per widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { startHost, strictPolicy } from '../support/host.mjs';
import { createService, fishingContract, uploadCsv, FISHING } from '../support/services.mjs';
import { demoCsv, monthAfter } from '../support/measurements.mjs';
import { launch, artifacts } from './fixtures/browser.mjs';
import { wcagViolations } from './fixtures/axe.mjs';

const API_PORT = 8780;
const HOST_PORT = 8779;
const ADMIN = 'test-admin-token-for-foreign-host';
const api = `http://127.0.0.1:${API_PORT}`;
let worker, host, browser;

const HOSTILE_CSS = `
* { all: revert; }
html { font: italic 22px/3 "Comic Sans MS", cursive; color: #c0c; letter-spacing: 3px; text-transform: uppercase; }
div { display: flex; }
button, input, select, textarea { all: unset; }
section, p, h1, h2, h3 { color: red !important; }
`;

const WIDGETS = [
  ['servicekit-self-assessment', 'profile="ddat-service-owner-2020"'],
  ['servicekit-team-coverage', ''],
  ['servicekit-contract', `service="${FISHING}"`],
  ['servicekit-take-up', `service="${FISHING}"`],
  ['servicekit-feedback', `service="${FISHING}"`],
];

const page = (lang, css = true) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Foreign intranet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${css ? '<link rel="stylesheet" href="/host.css">' : ''}</head><body><h1>Foreign intranet</h1>
<script type="module" src="${api}/embed.js"></script>
${WIDGETS.map(([name, attributes]) => `<div class="slot"><${name} ${attributes}></${name}></div>`).join('\n')}
</body></html>`;

before(async () => {
  worker = await startWorker({
    port: API_PORT,
    persistTo: freshStateDir(),
    vars: { ADMIN_TOKEN: ADMIN, ALLOWED_ORIGINS: `http://127.0.0.1:${HOST_PORT}` },
  });
  const token = await createService(api, ADMIN, FISHING, fishingContract(80));
  const months = Array.from({ length: 24 }, (_, i) => monthAfter(2024, 1, i));
  await uploadCsv(api, FISHING, token, demoCsv({ months, from: 0.6, to: 0.85, volume: 1000 }));
  host = await startHost({
    port: HOST_PORT,
    body: page('en'),
    csp: strictPolicy(api),
    files: {
      '/host.css': { type: 'text/css', body: HOSTILE_CSS },
      '/cy': { type: 'text/html; charset=utf-8', body: page('cy') },
      '/plain': { type: 'text/html; charset=utf-8', body: page('en', false) },
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await worker?.stop();
});

/** Opens the host page and collects console errors, page errors and CSP violations. */
async function open(path = '/') {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  tab.on('pageerror', (e) => problems.push(e.message));
  await tab.goto(`${host.url}${path}`);
  return { tab, problems };
}

test('every widget renders with its own look on a hostile foreign page, by keyboard, with no violations', async () => {
  const { tab, problems } = await open();
  const widget = (name) => tab.locator(name);

  // Self-assessment: choose a level with the keyboard.
  const self = widget('servicekit-self-assessment');
  const first = self.getByRole('radio', { name: 'Practitioner' }).first();
  await first.waitFor();
  await first.focus();
  await tab.keyboard.press('Space');
  assert.equal(await first.isChecked(), true);
  // The widget's own look (the level may have been chosen in its first paint, just before it took over).
  await self.getByRole('button', { name: 'Save my assessment' }).waitFor();
  const style = await self.locator('legend').first().evaluate((el) => {
    const s = getComputedStyle(el);
    return { font: s.fontStyle, transform: s.textTransform, spacing: s.letterSpacing, colour: s.color };
  });
  assert.deepEqual(style, { font: 'normal', transform: 'none', spacing: 'normal', colour: 'rgb(11, 12, 12)' }, 'host styles do not leak in');

  await widget('servicekit-team-coverage').getByRole('heading', { name: 'Does your team cover the skills?' }).waitFor();
  await widget('servicekit-contract').getByRole('heading', { name: 'Apply for a fishing licence' }).waitFor();

  // Take-up chart: read a period by keyboard.
  const plot = widget('servicekit-take-up').getByTestId('sk-plot');
  await plot.focus();
  await tab.keyboard.press('End');
  assert.match(await widget('servicekit-take-up').getByTestId('sk-tooltip').textContent(), /^December 2025: digital take-up/);

  // Feedback: rate and send by keyboard alone.
  const feedback = widget('servicekit-feedback');
  await feedback.getByLabel('Very satisfied').focus();
  await tab.keyboard.press('Space');
  await feedback.getByRole('button', { name: 'Send feedback' }).focus();
  await tab.keyboard.press('Enter');
  await feedback.getByTestId('sk-feedback-thanks').waitFor();

  for (const [name] of WIDGETS) {
    const box = await widget(name).boundingBox();
    assert.ok(box && box.width > 200 && box.height > 50, `${name} has room on the page`);
    await widget(name).screenshot({ path: join(artifacts, `foreign-host-${name}.png`) });
  }
  // Checked before axe runs: axe itself applies inline styles, which the host's CSP reports.
  assert.deepEqual(problems, [], 'no CSP violations or script errors');
  assert.deepEqual(await wcagViolations(tab), []);
  await tab.close();
});

test('the same page in Welsh shows every widget in Welsh', async () => {
  const { tab, problems } = await open('/cy');
  await tab.locator('servicekit-self-assessment').getByRole('radio', { name: 'Ymarferydd' }).first().waitFor();
  await tab.locator('servicekit-team-coverage').getByRole('heading', { name: "A yw eich tîm yn cwmpasu'r sgiliau?" }).waitFor();
  await tab.locator('servicekit-contract').getByText('Anghenion defnyddwyr', { exact: false }).first().waitFor();
  await tab.locator('servicekit-take-up').getByTestId('sk-plot').waitFor();
  assert.match(await tab.locator('servicekit-take-up').getByTestId('sk-summary').textContent(), /^Roedd y defnydd digidol yn \d+% yn Rhagfyr 2025/);
  await tab.locator('servicekit-feedback').getByRole('button', { name: 'Anfon adborth' }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await wcagViolations(tab), []);
  await tab.screenshot({ path: join(artifacts, 'foreign-host-cy.png'), fullPage: true });
  await tab.close();
});

test('at 320 px wide (400 % zoom of 1280) no widget needs sideways scrolling', async () => {
  // The hostile page's own heading is wider than 320 px, so this uses the same page without its CSS.
  const tab = await browser.newPage({ viewport: { width: 320, height: 640 } });
  await tab.goto(`${host.url}/plain`);
  await tab.locator('servicekit-take-up').getByTestId('sk-summary').waitFor();
  await tab.locator('servicekit-self-assessment').getByRole('radio').first().waitFor();
  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await tab.close();
});
