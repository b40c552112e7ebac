import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parseIgnoreYaml } from './ignore-yaml.js';

const file = '.palisadeignore.yaml';

function errorOf(content: string): InputError {
  try {
    parseIgnoreYaml(content, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseIgnoreYaml', () => {
  it('reads entries with their position, package, expiry and reason', () => {
    const list = parseIgnoreYaml(
      [
        '# accepted risks',
        '- id: CVE-2023-1234',
        '  reason: not reachable from our code',
        '',
        '- id: CVE-2024-0001',
        '  package: pkg:deb/debian/openssl',
        '  expires: 2025-01-31',
        '  reason: fix scheduled',
        '- { id: GHSA-aaaa-bbbb-cccc, expires: "2025-01-31T12:00:00Z", reason: tracked }',
      ].join('\n'),
      file
    );
    expect(list.source).toBe(file);
    expect(list.entries).toEqual([
      { entry: 1, line: 2, id: 'CVE-2023-1234', reason: 'not reachable from our code' },
      {
        entry: 2,
        line: 5,
        id: 'CVE-2024-0001',
        package: {
          text: 'pkg:deb/debian/openssl',
          type: 'deb',
          namespace: 'debian',
          name: 'openssl',
          qualifiers: {},
        },
        expires: { text: '2025-01-31', at: Date.UTC(2025, 0, 31) },
        reason: 'fix scheduled',
      },
      {
        entry: 3,
        line: 9,
        id: 'GHSA-aaaa-bbbb-cccc',
        expires: { text: '2025-01-31T12:00:00Z', at: Date.UTC(2025, 0, 31, 12) },
        reason: 'tracked',
      },
    ]);
  });

  it('reads an empty file, or one with only comments, as no entries', () => {
    expect(parseIgnoreYaml('', file).entries).toEqual([]);
    expect(parseIgnoreYaml('# nothing accepted yet\n', file).entries).toEqual([]);
  });

  it('refuses YAML that does not parse, naming the file', () => {
    expect(errorOf('- id: [CVE-1\n').message).toMatch(
      /^\.palisadeignore\.yaml is not valid YAML: /
    );
    expect(errorOf('- id: CVE-1\n  id: CVE-2\n  reason: x\n').message).toMatch(/not valid YAML/);
  });

  it('refuses a document that is not a list', () => {
    expect(errorOf('id: CVE-2023-1234\nreason: x\n').message).toBe(
      '.palisadeignore.yaml must be a YAML list of entries, each "- id: CVE-…" with a reason'
    );
    expect(errorOf('CVE-2023-1234\n').message).toMatch(/must be a YAML list/);
  });

  it('names the entry, its line and the field when the reason is missing or empty', () => {
    const content = '- id: CVE-1\n  reason: ok\n- id: CVE-2\n  expires: 2025-01-31\n';
    expect(errorOf(content).message).toBe(
      '.palisadeignore.yaml: entry 2 (line 3): reason: is required'
    );
    expect(errorOf('- id: CVE-1\n  reason: "  "\n').message).toBe(
      '.palisadeignore.yaml: entry 1 (line 1): reason: must not be empty: say why the finding is accepted'
    );
  });

  it('refuses a missing id, a number for an id and an entry that is not a mapping', () => {
    expect(errorOf('- reason: x\n').message).toBe(
      '.palisadeignore.yaml: entry 1 (line 1): id: is required'
    );
    expect(errorOf('- id: 2023\n  reason: x\n').message).toBe(
      '.palisadeignore.yaml: entry 1 (line 1): id: must be text'
    );
    expect(errorOf('- CVE-2023-1234\n').message).toBe(
      '.palisadeignore.yaml: entry 1 (line 1): must be a mapping with at least id and reason'
    );
  });

  it('refuses a bad date', () => {
    for (const expires of ['2025-02-30', '31.01.2025', '2025-01-31T12:00:00']) {
      expect(errorOf(`- id: CVE-1\n  reason: x\n  expires: "${expires}"\n`).message).toBe(
        '.palisadeignore.yaml: entry 1 (line 1): expires must be a date (2025-01-31) or a ' +
          'date-time with its offset (2025-01-31T12:00:00Z)'
      );
    }
  });

  it('refuses a package that is not a purl', () => {
    expect(errorOf('- id: CVE-1\n  reason: x\n  package: openssl\n').message).toBe(
      '.palisadeignore.yaml: entry 1 (line 1): package is not a package URL (it must start with pkg:)'
    );
  });

  it('refuses unknown keys, so a misspelt expiry cannot make an entry permanent', () => {
    expect(errorOf('- id: CVE-1\n  reason: x\n  expiry: 2025-01-31\n').message).toBe(
      '.palisadeignore.yaml: entry 1 (line 1): unknown key "expiry": an entry has id, package, ' +
        'expires and reason'
    );
  });

  it('refuses more aliases than an ignore list could need', () => {
    const anchors = '- &a { id: CVE-1, reason: x }\n' + '- *a\n'.repeat(11);
    expect(errorOf(anchors).message).toMatch(/^\.palisadeignore\.yaml is not valid YAML: /);
  });

  it('refuses tags that would build objects', () => {
    expect(errorOf('- !!js/function "x"\n').message).toMatch(/not valid YAML/);
  });
});
