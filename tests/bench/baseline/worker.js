// Minimal JavaScript Worker: the same KV operations as servicekit's endpoints,
// with nothing else, so `cargo xtask bench` can compare like with like.
const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The service's performance snapshot: servicekit reads the same one key. */
async function periods(env, slug) {
  const snapshot = await env.SERVICEKIT.get(`performance:${slug}`, 'json');
  return snapshot ? snapshot.totals : [];
}

export default {
  async fetch(request, env) {
    const [, first, slug] = new URL(request.url).pathname.split('/');
    if (first === 'v1') return json({ status: 'ok' });
    if (first === 'kpis' && request.method === 'GET') return json({ service: slug, periods: await periods(env, slug) });
    if (first === 'page' && request.method === 'GET') {
      const rows = (await periods(env, slug)).map((p) => `<tr><td>${p.period}</td><td>${JSON.stringify(p.channels)}</td></tr>`);
      return new Response(`<!doctype html><title>${slug}</title><table>${rows.join('')}</table>`, { headers: { 'Content-Type': 'text/html' } });
    }
    if (first === 'assessments' && request.method === 'POST') {
      const submission = await request.json();
      const id = crypto.randomUUID().replaceAll('-', '');
      await env.SERVICEKIT.put(`bench-assessment:${id}`, JSON.stringify({ id, submission }));
      return json({ id }, 201);
    }
    return json({ type: '/problems/not-found' }, 404);
  },
};
