// A stand-in intranet page on its own origin, with a strict Content-Security-Policy,
// for testing cross-origin embedding. Serves one page at `/`.
import { createServer } from 'node:http';

/**
 * Serves `body` (HTML) on 127.0.0.1:`port` with the header `csp`, and any
 * `files` (`{ '/host.css': { type, body } }`); resolves to { url, close }.
 */
export function startHost({ port, body, csp, files = {} }) {
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (files[req.url]) {
      res.writeHead(200, { 'Content-Type': files[req.url].type });
      res.end(files[req.url].body);
      return;
    }
    if (req.url !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

/** The policy servicekit documents for host pages: no inline code, no eval. */
export function strictPolicy(apiOrigin) {
  return [
    "default-src 'self'",
    `script-src 'self' ${apiOrigin} 'wasm-unsafe-eval'`,
    `style-src 'self' ${apiOrigin}`,
    `connect-src ${apiOrigin}`,
  ].join('; ');
}
