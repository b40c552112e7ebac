import { describe, expect, it } from 'vitest';
import type { SourceItem } from '../../source/types.js';
import { formatOf, itemsFromDocument, type DocumentFormat } from './documents.js';

function items(text: string | Buffer, format: DocumentFormat): SourceItem[] {
  return [...itemsFromDocument(Buffer.from(text), format, 'doc')];
}

function errorOf(text: string | Buffer, format: DocumentFormat): string {
  const [item, ...rest] = items(text, format);
  expect(rest).toEqual([]);
  expect(item?.kind).toBe('error');
  return item?.kind === 'error' ? item.message : '';
}

const minimal = { id: 'OSV-1', modified: '2024-01-01T00:00:00Z' };

describe('OSV documents', () => {
  it('picks the format by extension, case-insensitively, and nothing else', () => {
    expect(['a.json', 'b.YAML', 'c.yml', 'd.txt', 'json', 'e.json.gz'].map(formatOf)).toEqual([
      'json',
      'yaml',
      'yaml',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads a JSON array as one record per element, each validated on its own', () => {
    const text = JSON.stringify([minimal, { modified: 'x' }, { ...minimal, id: 'OSV-3' }]);

    expect(items(text, 'json')).toEqual([
      { kind: 'record', origin: 'doc[0]', record: minimal },
      {
        kind: 'error',
        origin: 'doc[1]',
        message: 'not a valid OSV record: id: Invalid input: expected string, received undefined',
      },
      { kind: 'record', origin: 'doc[2]', record: { ...minimal, id: 'OSV-3' } },
    ]);
  });

  it('names at most three schema problems, and how many more there were', () => {
    expect(errorOf('{"summary": 1, "details": 2, "aliases": 3, "related": 4}', 'json')).toMatch(
      /^not a valid OSV record: (?:[^;]+; ){2}[^;]+ \(and \d+ more\)$/
    );
  });

  it('never echoes the record back in a schema error', () => {
    const secret = 'do-not-repeat-me';
    expect(
      errorOf(JSON.stringify({ id: 'X', modified: 5, details: secret }), 'json')
    ).not.toContain(secret);
  });

  it('accepts a UTF-8 byte-order mark and refuses bytes that are not UTF-8', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(items(Buffer.concat([bom, Buffer.from(JSON.stringify(minimal))]), 'json')).toEqual([
      { kind: 'record', origin: 'doc', record: minimal },
    ]);
    expect(errorOf(Buffer.from([0x7b, 0xff, 0x7d]), 'json')).toBe('not valid UTF-8');
  });

  it('reads YAML with the core schema even when the document asks for YAML 1.1', () => {
    const text =
      '%YAML 1.1\n---\nid: OSV-1\nmodified: 2024-01-01\nwithdrawn: 2024-02-01 10:00:00\n';
    expect(items(text, 'yaml')).toEqual([
      {
        kind: 'record',
        origin: 'doc',
        record: { id: 'OSV-1', modified: '2024-01-01', withdrawn: '2024-02-01 10:00:00' },
      },
    ]);
  });

  it('refuses YAML tags, even the well-known YAML 1.1 ones', () => {
    expect(errorOf('id: !python/object x\nmodified: y\n', 'yaml')).toMatch(
      /^not valid YAML: Unresolved tag: !python\/object at line 1/
    );
    expect(errorOf('id: X\nmodified: !!timestamp 2024-01-01\n', 'yaml')).toMatch(
      /^not valid YAML: Unresolved tag/
    );
  });

  it('stops an alias bomb before it expands', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }

    expect(errorOf(levels.join('\n'), 'yaml')).toMatch(/^not valid YAML: Excessive alias count/);
  });

  it('refuses several documents in one file and duplicate keys', () => {
    expect(errorOf('id: A\nmodified: x\n---\nid: B\nmodified: y\n', 'yaml')).toMatch(
      /^not valid YAML: Source contains multiple documents/
    );
    expect(errorOf('id: A\nmodified: x\n? [a, b]\n: c\n', 'yaml')).toMatch(/^not valid YAML: /);
    expect(errorOf('id: A\nid: B\nmodified: x\n', 'yaml')).toMatch(
      /^not valid YAML: Map keys must be unique at line 2, column 1$/
    );
  });

  it('reports an empty file as a record that is missing, not as nothing', () => {
    expect(errorOf('', 'yaml')).toMatch(/^not a valid OSV record: \(root\): /);
    expect(errorOf('', 'json')).toMatch(/^not valid JSON: /);
  });
});
