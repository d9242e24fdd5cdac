// Counts KV operations per request: the compiled Worker runs in Miniflare with
// its KV binding wrapped by a counting Worker, which logs one line per operation.
// The same data is read with 1 and with 50 services stored, to show that the
// counts do not grow with the number of services.
import { Miniflare } from 'miniflare';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { root } from '../support/worker.mjs';
import { allAt, ROLE } from '../support/examples.mjs';

const ADMIN = 'kv-count-admin-token';
const MARK = 'servicekit-kv-op';
const FISHING = 'apply-for-a-fishing-licence';

/** The counting wrapper: every method of the KV binding, counted, then passed on. */
const COUNTER = `
export default function (env) {
  const counted = (name) => (...args) => { console.log('${MARK} ' + name); return env.INNER[name](...args); };
  return { get: counted('get'), getWithMetadata: counted('getWithMetadata'), put: counted('put'), list: counted('list'), delete: counted('delete') };
}`;

export async function countKvOperations() {
  const lines = [];
  const mf = new Miniflare({
    workers: [
      {
        name: 'servicekit',
        modules: true,
        scriptPath: join(root, 'worker', 'build', 'index.js'),
        modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'], fallthrough: true }],
        compatibilityDate: '2026-04-01',
        bindings: { ADMIN_TOKEN: ADMIN, ALLOWED_ORIGINS: 'http://127.0.0.1' },
        wrappedBindings: { SERVICEKIT: { scriptName: 'kv-counter' } },
      },
      { name: 'kv-counter', modules: true, script: COUNTER, kvNamespaces: { INNER: 'servicekit-count' } },
    ],
    handleRuntimeStdio(stdout) {
      stdout.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter((l) => l.includes(MARK))));
    },
  });
  const call = async (path, { method = 'GET', body, token } = {}) => {
    const headers = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    const response = await mf.dispatchFetch(`http://127.0.0.1${path}`, { method, headers, body: body && JSON.stringify(body) });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text.startsWith('<') ? '""' : text) : undefined;
  };
  /** KV operations `fn` makes: the log lines arrive a little after the response. */
  const count = async (fn) => {
    await new Promise((r) => setTimeout(r, 100));
    const before = lines.length;
    await fn();
    await new Promise((r) => setTimeout(r, 200));
    const ops = lines.slice(before).map((l) => l.split(MARK)[1].trim());
    const by = Object.fromEntries(['get', 'getWithMetadata', 'list', 'put', 'delete'].map((k) => [k, ops.filter((o) => o === k).length]).filter(([, n]) => n));
    return { total: ops.length, ...by };
  };

  try {
    await mf.ready;
    const contract = JSON.parse(readFileSync(join(root, 'tests/support/contracts/apply-for-a-fishing-licence.json'), 'utf8'));
    const csv = readFileSync(join(root, 'tests/support/measurements/apply-for-a-fishing-licence.csv'), 'utf8');
    const setUp = async (slug) => {
      const { token } = await call('/v1/services', { method: 'POST', token: ADMIN, body: { slug, name: contract.name, manager: 'Sam' } });
      await call(`/v1/services/${slug}/contract`, { method: 'PUT', token, body: contract });
      const response = await mf.dispatchFetch(`http://127.0.0.1/v1/services/${slug}/measurements`, {
        method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` }, body: csv,
      });
      await response.text();
      return token;
    };
    const team = await call('/v1/teams', { method: 'POST', body: { name: 'Counted team', role: ROLE } });
    for (let i = 0; i < 3; i++) await call('/v1/assessments', { method: 'POST', body: { ...allAt('working'), team: team.id } });

    const REBUILD = 'snapshot rebuild (first read after a write, else once a minute)';
    const FIRST_VIEW = 'performance page, first view after a rebuild (renders and keeps it)';
    const measure = async () => ({
      // The upload (or review) just before dropped the service's snapshot: this read builds it.
      [REBUILD]: await count(() => call(`/v1/services/${FISHING}/kpis`)),
      'chart data (GET …/kpis)': await count(() => call(`/v1/services/${FISHING}/kpis`)),
      // Rendered and kept by its first reader after a rebuild, like the page; this is the next reader.
      'take-up first paint (GET …/take-up.html), after its first reader': await (async () => {
        await call(`/v1/services/${FISHING}/take-up.html`);
        return count(() => call(`/v1/services/${FISHING}/take-up.html`));
      })(),
      // A built-in role profile's form: rendered from core's profiles, no KV.
      'self-assessment first paint (GET /v1/roles/{id}/form.html)': await count(() => call(`/v1/roles/${ROLE}/form.html`)),
      'contract (GET …/contract)': await count(() => call(`/v1/services/${FISHING}/contract`)),
      // What the contract viewer reads: rendered and kept like the take-up first paint.
      'contract viewer (GET …/contract.html), after its first reader': await (async () => {
        await call(`/v1/services/${FISHING}/contract.html`);
        return count(() => call(`/v1/services/${FISHING}/contract.html`));
      })(),
      // The first view in a language renders the page and keeps it beside the snapshot; the next are one read.
      [FIRST_VIEW]: await count(() => call(`/services/${FISHING}`)),
      'performance page (GET /services/{slug})': await count(() => call(`/services/${FISHING}`)),
      'team coverage (GET /v1/teams/{id}/coverage)': await count(() => call(`/v1/teams/${team.id}/coverage`, { token: team.token })),
    });
    const token = await setUp(FISHING);
    const oneService = await measure();
    for (let i = 0; i < 49; i++) await setUp(`other-service-${i}`);
    // Marking feedback as reviewed is a write to the service's records: it drops the snapshot.
    await call(`/v1/services/${FISHING}/feedback/reviewed`, { method: 'POST', token });
    const fiftyServices = await measure();
    return {
      goals: {
        [REBUILD]: 'none',
        'chart data (GET …/kpis)': 1,
        'take-up first paint (GET …/take-up.html), after its first reader': 1,
        'self-assessment first paint (GET /v1/roles/{id}/form.html)': 'none',
        'contract (GET …/contract)': 1,
        'contract viewer (GET …/contract.html), after its first reader': 1,
        [FIRST_VIEW]: 'none',
        'performance page (GET /services/{slug})': 2,
        'team coverage (GET /v1/teams/{id}/coverage)': '1 list per 1,000 members',
      },
      with_1_service: oneService,
      with_50_services: fiftyServices,
    };
  } finally {
    await mf.dispose();
  }
}
