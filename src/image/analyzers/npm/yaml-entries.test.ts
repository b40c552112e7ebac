import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { otherLocks, type RealLock } from '../../../../test/harness/npm-tree.js';
import { maxEntrySize, parseYamlDocuments } from './yaml-entries.js';

/** What the yaml package makes of the whole text at once, numbers kept as text. */
function whole(text: string): unknown[] {
  return parseAllDocuments(text, {
    schema: 'core',
    customTags: (tags) =>
      tags.filter((tag) => typeof tag === 'string' || !/:(?:int|float)$/.test(tag.tag)),
  }).map((document) => document.toJS() as unknown);
}

const sample = `# comment before anything
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

packages:
# a comment at column 0 inside a section

  '@babel/code-frame@7.22.13':
    resolution: {integrity: sha512-x}
    engines: {node: '>=6.9.0'}
    cpu: [x64,
      arm64]
    description: |
      first line
      # not a comment

      last line

  plain@1.10.0:
    resolution: {integrity: sha512-y}
    os:
      - linux
      - darwin

  '__proto__@1.0.0': {}

empty:

list:
  - a
  - b
`;

describe('lock file YAML, entry by entry', () => {
  it('reads what the yaml package reads from the whole text', () => {
    expect(parseYamlDocuments(sample)).toEqual(whole(sample));
    expect(parseYamlDocuments(sample.replace(/\n/g, '\r\n'))).toEqual(whole(sample));
    const [document] = parseYamlDocuments(sample);
    expect(Object.getPrototypeOf(document?.['packages'])).toBe(Object.prototype);
    expect(Object.keys(document?.['packages'] ?? {})).toContain('__proto__@1.0.0');
  });

  it('reads every document of a stream, and none from an empty text', () => {
    expect(parseYamlDocuments('---\na: 1\n---\nb: 2\n...\n')).toEqual([{ a: '1' }, { b: '2' }]);
    expect(parseYamlDocuments('')).toEqual([]);
    expect(parseYamlDocuments('# only a comment\n\n')).toEqual([]);
  });

  it('refuses duplicate keys at every depth', () => {
    for (const text of [
      'a: 1\na: 2\n',
      "packages:\n  x@1.0.0: {}\n  'x@1.0.0': {}\n",
      'packages:\n  x@1.0.0:\n    version: 1.0.0\n    version: 2.0.0\n',
      'packages:\n  x@1.0.0:\n    deep:\n      - {a: 1, a: 2}\n',
    ]) {
      expect(() => parseYamlDocuments(text), text).toThrow(/^not YAML: Map keys must be unique/);
    }
  });

  it('names the line of a syntax error in the whole file', () => {
    const text = 'a: 1\n\npackages:\n  x@1.0.0:\n    b: c: d\n  y@1.0.0: {}\n';
    expect(() => parseYamlDocuments(text)).toThrow(
      'not YAML: Nested mappings are not allowed in compact mappings at line 5'
    );
    expect(() => parseYamlDocuments('a:\n    b: 1\n  c: 2\n')).toThrow(
      'not YAML: line 3 is not indented as its mapping'
    );
    expect(() => parseYamlDocuments('  a: 1\n')).toThrow(
      'not YAML: line 1 is not indented as its mapping'
    );
  });

  it('refuses what lock writers never write', () => {
    const problems: [string, RegExp][] = [
      ['%YAML 1.2\n---\na: 1\n', /a directive at line 1/],
      ['--- {a: 1}\n', /content after --- at line 1/],
      ['- a\n- b\n', /line 1 is not a mapping entry/],
      ['---\na: 1\n'.repeat(9), /more than 8 documents/],
      [`a:\n  b:\n    c: ${'x'.repeat(maxEntrySize)}\n`, /entry at line 2 is \d+ bytes, more than/],
      [`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /^not YAML: /],
      ['a: !!binary aGVsbG8=\n', /^not YAML: /],
      ['a: &x 1\nb: *x\n', /^not YAML: Unresolved alias/],
    ];
    for (const [text, message] of problems) {
      expect(() => parseYamlDocuments(text), text.slice(0, 40)).toThrow(InputError);
      expect(() => parseYamlDocuments(text), text.slice(0, 40)).toThrow(message);
    }
  });

  it('reads a wide section of many entries', () => {
    const entries = Array.from(
      { length: 20_000 },
      (_, i) => `  pkg-${i}@1.0.${i}:\n    resolution: {integrity: sha512-${i}}\n`
    );
    const [document] = parseYamlDocuments(`packages:\n${entries.join('\n')}`);
    expect(Object.keys(document?.['packages'] ?? {})).toHaveLength(20_000);
  });
});

describe('lock file YAML written by pnpm and yarn', () => {
  let locks: RealLock[];
  beforeAll(async () => {
    locks = (await otherLocks()).filter((lock) => lock.tool !== 'yarn@1.22.22');
  });

  it('reads each exactly as the yaml package reads the whole file', () => {
    expect(locks).toHaveLength(4);
    for (const lock of locks) {
      const text = readFileSync(lock.file, 'utf8');
      expect(parseYamlDocuments(text), lock.tool).toEqual(whole(text));
    }
  });
});
