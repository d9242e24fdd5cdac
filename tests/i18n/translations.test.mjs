// The translation files: English is complete; Welsh may be partial but never
// has keys English lacks, and keeps every placeholder of the English text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support/worker.mjs';

const load = (lang) => JSON.parse(readFileSync(join(root, 'widgets', 'i18n', `${lang}.json`), 'utf8'));
const placeholders = (value) => JSON.stringify(value).match(/\{[a-z_]+\}/g)?.sort() ?? [];
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
/** A message with plural forms (an object keyed by CLDR categories), not a table of messages. */
const isPlural = (value) => typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((k) => PLURAL_FORMS.has(k));

test('every English string is present and non-empty', () => {
  const en = load('en');
  for (const [key, value] of Object.entries(en)) {
    assert.ok(JSON.stringify(value).replace(/"/g, '').trim().length > 0, key);
    if (isPlural(value)) assert.ok(value.other, `${key} needs an "other" plural form`);
    if (typeof value === 'object' && !Array.isArray(value) && !isPlural(value)) {
      for (const [inner, text] of Object.entries(value)) assert.ok(typeof text === 'string' && text.trim(), `${key}.${inner}`);
    }
  }
});

test('Welsh only translates keys English has, with the same placeholders', () => {
  const en = load('en');
  const cy = load('cy');
  assert.ok(Object.keys(cy).length >= 30, 'Welsh covers the self-assessment at least');
  for (const [key, value] of Object.entries(cy)) {
    assert.ok(key in en, `cy.json has "${key}", which en.json lacks`);
    assert.equal(typeof value, typeof en[key], key);
    const expected = new Set(placeholders(en[key]));
    for (const found of placeholders(value)) assert.ok(expected.has(found), `${key}: ${found} is not in the English text`);
    if (Array.isArray(value)) assert.equal(value.length, en[key].length, key);
  }
});

test('the public pages are complete in English and Welsh, with the same placeholders', () => {
  const pages = (lang) => JSON.parse(readFileSync(join(root, 'worker', 'i18n', `${lang}.json`), 'utf8'));
  const en = pages('en');
  const cy = pages('cy');
  assert.deepEqual(Object.keys(cy).sort(), Object.keys(en).sort(), 'the same keys in both languages');
  for (const [key, value] of Object.entries(en)) {
    assert.ok(JSON.stringify(value).replace(/"/g, '').trim().length > 0, key);
    assert.deepEqual(placeholders(cy[key]), placeholders(value), key);
    if (Array.isArray(value)) assert.equal(cy[key].length, value.length, key);
  }
});
