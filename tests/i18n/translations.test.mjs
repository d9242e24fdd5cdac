// The translation files: English is complete; Welsh may be partial but never
// has keys English lacks, and keeps every placeholder of the English text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support/worker.mjs';

/** A language's widget translation files (one per widget, plus `common` and `skills`), by file name. */
const files = (lang) => Object.fromEntries(readdirSync(join(root, 'widgets', 'i18n', lang)).sort()
  .map((name) => [name, JSON.parse(readFileSync(join(root, 'widgets', 'i18n', lang, name), 'utf8'))]));
/** Every widget string of a language, all files together. */
const load = (lang) => Object.assign({}, ...Object.values(files(lang)));

test('each widget string is in one file, the same file in English and Welsh', () => {
  const en = files('en');
  const cy = files('cy');
  assert.deepEqual(Object.keys(cy), Object.keys(en), 'the same files');
  const seen = new Map();
  for (const [name, strings] of Object.entries(en)) {
    for (const key of Object.keys(strings)) {
      assert.ok(!seen.has(key), `"${key}" is in both ${seen.get(key)} and ${name}`);
      seen.set(key, name);
    }
    for (const key of Object.keys(cy[name])) assert.equal(seen.get(key), name, `cy/${name} has "${key}", which en/${name} lacks`);
  }
});
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

test('Welsh is complete: the same keys as English, with the same placeholders and plural forms', () => {
  const en = load('en');
  const cy = load('cy');
  const compare = (english, welsh, where) => {
    assert.deepEqual(Object.keys(welsh).sort(), Object.keys(english).sort(), `${where || 'top level'}: the same keys`);
    for (const [key, value] of Object.entries(english)) {
      const path = where ? `${where}.${key}` : key;
      if (isPlural(value)) {
        assert.ok(isPlural(welsh[key]) && welsh[key].other, `${path} needs Welsh plural forms`);
        for (const found of placeholders(welsh[key])) assert.ok(placeholders(value).includes(found), `${path}: ${found}`);
      } else if (typeof value === 'object' && !Array.isArray(value)) {
        compare(value, welsh[key], path);
      } else {
        assert.equal(typeof welsh[key], typeof value, path);
        assert.deepEqual(placeholders(welsh[key]), placeholders(value), path);
        if (Array.isArray(value)) assert.equal(welsh[key].length, value.length, path);
      }
    }
  };
  for (const key of Object.keys(en)) assert.ok(key in cy, `Welsh lacks "${key}"`);
  for (const key of Object.keys(cy)) assert.ok(key in en, `Welsh has "${key}", which English lacks`);
  compare(en, cy, '');
});

test('the public pages and the API\'s problem details are complete in English and Welsh, with the same placeholders', () => {
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
