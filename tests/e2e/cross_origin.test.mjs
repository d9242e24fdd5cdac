// Journey: an intranet page on another origin, under a strict CSP, embeds the
// widget with the documented snippet; it works when that origin is allowed,
// and says the service cannot be reached when it is not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorker, freshStateDir } from '../support/worker.mjs';
import { startHost, strictPolicy } from '../support/host.mjs';
import { launch } from './fixtures/browser.mjs';
import { SelfAssessmentPage } from './fixtures/self_assessment_page.mjs';

const API_PORT = 8799;
const ALLOWED_PORT = 8798;
const OTHER_PORT = 8789;
const api = `http://127.0.0.1:${API_PORT}`;
let worker, browser, allowedHost, otherHost;

const page = (title) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>
<script type="module" src="${api}/embed.js"></script>
<servicekit-self-assessment profile="ddat-service-owner-2020"></servicekit-self-assessment>
</body></html>`;

before(async () => {
  worker = await startWorker({
    port: API_PORT,
    persistTo: freshStateDir(),
    vars: { ALLOWED_ORIGINS: `http://127.0.0.1:${ALLOWED_PORT}` },
  });
  allowedHost = await startHost({ port: ALLOWED_PORT, body: page('Allowed intranet'), csp: strictPolicy(api) });
  otherHost = await startHost({ port: OTHER_PORT, body: page('Other site'), csp: strictPolicy(api) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await allowedHost?.close();
  await otherHost?.close();
  await worker?.stop();
});

test('the widget works across origins under a strict CSP without violations', async () => {
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(allowedHost.url);
  const form = new SelfAssessmentPage(tab, api);
  await form.group('Agile working').waitFor();
  for (const skill of ['Agile working', 'Financial ownership', 'Life-cycle perspective', 'Operational management',
    'Problem ownership', 'Product ownership', 'Strategic ownership', 'User focus']) {
    await form.radio(skill, 'Practitioner').check();
  }
  await form.submit.waitFor(); // the widget's own legend (the levels may have been chosen in its first paint)
  const font = await form.group('Agile working').locator('legend').evaluate((el) => getComputedStyle(el).fontWeight);
  assert.equal(font, '700', 'the widget stylesheet loads inside the shadow root');
  await form.submit.click();
  await form.saved.waitFor();
  assert.deepEqual(problems, [], 'no CSP violations or script errors');
  await tab.close();
});

test('an origin that is not allowed is told so, distinctly from an outage', async () => {
  const tab = await browser.newPage();
  await tab.goto(otherHost.url);
  const error = tab.getByTestId('sk-error');
  await error.waitFor();
  assert.match(await error.textContent(), /This website is not allowed to use this servicekit service/);
  await tab.close();

  const down = await browser.newPage();
  await down.route(`${api}/v1/**`, (route) => route.abort('connectionrefused'));
  await down.goto(allowedHost.url);
  await down.getByTestId('sk-error').waitFor();
  const outage = await down.getByTestId('sk-error').textContent();
  assert.match(outage, /could not load the role profile/);
  assert.doesNotMatch(outage, /not allowed/);
  await down.close();
});
