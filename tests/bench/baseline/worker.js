// Minimal JavaScript Worker: the same KV operations as servicekit's endpoints,
// with nothing else, so `cargo xtask bench` can compare like with like.
const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export default {
  async fetch(request, env) {
    const [, first, slug] = new URL(request.url).pathname.split('/');
    if (first === 'v1') return json({ status: 'ok' });
    // servicekit reads the same one key: the KPI report rendered beside the service's snapshot.
    if (first === 'kpis' && request.method === 'GET') {
      const body = await env.SERVICEKIT.get(`kpis:${slug}`, 'stream');
      return body ? new Response(body, { headers: { 'Content-Type': 'application/json' } }) : json({}, 404);
    }
    // Likewise the page, rendered in English beside the snapshot, with its ETag.
    if (first === 'page' && request.method === 'GET') {
      const { value, metadata } = await env.SERVICEKIT.getWithMetadata(`page:${slug}:en`, 'stream');
      if (!value) return json({}, 404);
      return new Response(value, { headers: { 'Content-Type': 'text/html; charset=utf-8', ETag: metadata?.e ?? '' } });
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
