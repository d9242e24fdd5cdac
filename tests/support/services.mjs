// Creates a demo service with its contract for tests: returns its service token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './worker.mjs';

export const FISHING = 'apply-for-a-fishing-licence';

/** The example contract, with a digital take-up metric targeting `target` %. */
export function fishingContract(target = 80) {
  const contract = JSON.parse(readFileSync(join(root, 'tests', 'support', 'contracts', `${FISHING}.json`), 'utf8'));
  contract.metrics.push({
    id: 'digital-take-up', name: 'Digital take-up', kind: 'take-up', unit: '%',
    target: { value: target, direction: 'at-least' }, needs: ['buy-licence'],
  });
  return contract;
}

/** Creates `slug` with the administrator token `admin`, saves `contract` if given; returns the service token. */
export async function createService(base, admin, slug, contract) {
  const send = async (path, method, body, token) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  const { token } = await send('/v1/services', 'POST', { slug, name: contract?.name ?? slug, manager: 'Priya Shah' }, admin);
  if (contract) await send(`/v1/services/${slug}/contract`, 'PUT', contract, token);
  return token;
}

/** Uploads measurements as CSV; returns the response. */
export function uploadCsv(base, slug, token, csv) {
  return fetch(`${base}/v1/services/${slug}/measurements`, {
    method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` }, body: csv,
  });
}
