// Minimal JavaScript Worker: the same KV operations as servicekit's endpoints, at
// the same paths, with nothing else, so `cargo xtask bench` can compare like with like.
const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === '/v1/health') return json({ status: 'ok' });
    // servicekit reads the same one key: the KPI report rendered beside the service's snapshot,
    // with the metadata that says when it was built (servicekit checks it is fresh; this sends it regardless).
    let slug = /^\/v1\/services\/([^/]+)\/kpis$/.exec(path)?.[1];
    if (slug && request.method === 'GET') {
      const { value } = await env.SERVICEKIT.getWithMetadata(`kpis:${slug}`, 'stream');
      return value ? new Response(value, { headers: { 'Content-Type': 'application/json' } }) : json({}, 404);
    }
    // Likewise the page, rendered in English beside the snapshot, with its ETag.
    slug = /^\/services\/([^/]+)$/.exec(path)?.[1];
    if (slug && request.method === 'GET') {
      const { value, metadata } = await env.SERVICEKIT.getWithMetadata(`page:${slug}:en`, 'stream');
      if (!value) return json({}, 404);
      return new Response(value, { headers: { 'Content-Type': 'text/html; charset=utf-8', ETag: metadata?.e ?? '' } });
    }
    if (path === '/v1/assessments' && request.method === 'POST') {
      const { success } = await env.PUBLIC_WRITES.limit({ key: 'assessment:local' });
      if (!success) return json({ type: '/problems/too-many-requests' }, 429);
      const submission = await request.json();
      const id = crypto.randomUUID().replaceAll('-', '');
      await env.SERVICEKIT.put(`bench-assessment:${id}`, JSON.stringify({ id, submission }));
      return json({ id }, 201);
    }
    return json({ type: '/problems/not-found' }, 404);
  },
};
