import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { parseOpenVex, readVexFile } from './openvex.js';
import { parsePurl } from './purl-pattern.js';
import { vexJson } from './testing/sample-vex.js';

const file = 'app.openvex.json';

function errorOf(content: string): string {
  try {
    parseOpenVex(content, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseOpenVex', () => {
  it('reads a 0.2.0 statement with purl objects, subcomponents and identifiers', () => {
    const document = parseOpenVex(
      vexJson([
        {
          vulnerability: { name: 'CVE-2023-5678', aliases: ['GHSA-aaaa-bbbb-cccc'] },
          products: [
            {
              '@id': 'pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/example/app',
              subcomponents: [{ '@id': 'pkg:deb/debian/openssl' }],
            },
            { '@id': 'https://example.com/products/app', identifiers: { purl: 'pkg:npm/app' } },
          ],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: ' The TLS client is never used. ',
          timestamp: '2024-06-01T10:00:00.123456789+02:00',
        },
      ]),
      file
    );
    expect(document).toEqual({
      source: file,
      id: 'https://example.com/vex/app-1',
      author: 'Example Security <security@example.com>',
      statements: [
        {
          index: 0,
          names: ['CVE-2023-5678', 'GHSA-aaaa-bbbb-cccc'],
          purls: [
            expect.objectContaining({ type: 'oci', name: 'app', version: 'sha256:abc' }),
            expect.objectContaining({ type: 'deb', namespace: 'debian', name: 'openssl' }),
            expect.objectContaining({ type: 'npm', name: 'app' }),
          ],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impactStatement: 'The TLS client is never used.',
          timestamp: Date.UTC(2024, 5, 1, 8, 0, 0, 123),
        },
      ],
    });
  });

  it('reads the 0.0.x form: string vulnerability, string products, statement subcomponents', () => {
    const document = parseOpenVex(
      JSON.stringify({
        '@context': 'https://openvex.dev/ns',
        '@id': 'https://example.com/vex/legacy',
        author: 'Example',
        timestamp: '2023-01-01T00:00:00Z',
        version: '1',
        statements: [
          {
            vulnerability: 'CVE-2023-1234',
            products: ['pkg:oci/app@sha256%3Aabc', 'pkg:npm/app@1.0.0'],
            subcomponents: ['pkg:npm/lodash@4.17.20'],
            status: 'fixed',
          },
        ],
      }),
      file
    );
    const [statement] = document.statements;
    expect(statement).toEqual({
      index: 0,
      names: ['CVE-2023-1234'],
      purls: [
        expect.objectContaining({ type: 'oci' }),
        expect.objectContaining({ type: 'npm', name: 'app', version: '1.0.0' }),
        expect.objectContaining({ type: 'npm', name: 'lodash', version: '4.17.20' }),
      ],
      status: 'fixed',
      // Without its own timestamp a statement takes the document's.
      timestamp: Date.UTC(2023, 0, 1),
    });
  });

  it('passes over product ids that are not purls', () => {
    const document = parseOpenVex(
      vexJson([
        {
          vulnerability: { '@id': 'CVE-2023-5678' },
          products: [{ '@id': 'https://example.com/products/app' }],
          status: 'affected',
        },
      ]),
      file
    );
    expect(document.statements[0]).toMatchObject({ names: ['CVE-2023-5678'], purls: [] });
  });

  it('refuses what is not JSON or not OpenVEX, naming the file', () => {
    expect(errorOf('{"statements": [')).toMatch(/^app\.openvex\.json is not valid JSON: /);
    expect(errorOf(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5' }))).toMatch(
      /^app\.openvex\.json is not an OpenVEX document: @context: /
    );
    expect(errorOf(vexJson([], { '@context': 'https://cyclonedx.org/vex' }))).toBe(
      'app.openvex.json is not an OpenVEX document: @context: is not an OpenVEX context'
    );
    expect(errorOf(vexJson([], { timestamp: 'yesterday' }))).toBe(
      'app.openvex.json: timestamp must be an RFC 3339 date-time with its offset (2024-05-01T12:00:00Z) or a date'
    );
  });

  const good = {
    vulnerability: { name: 'CVE-1' },
    products: [{ '@id': 'pkg:deb/debian/openssl' }],
    status: 'fixed',
  };

  it.each([
    [{ ...good, status: 'unaffected' }, /^app\.openvex\.json: statements\[1\]: status: /],
    [
      { ...good, vulnerability: {} },
      /^app\.openvex\.json: statements\[1\]: vulnerability\.name: needs a name$/,
    ],
    [
      { ...good, status: 'not_affected' },
      'app.openvex.json: statements[1]: justification: a not_affected statement needs a justification or an impact_statement',
    ],
    [
      { ...good, status: 'not_affected', justification: 'trust_me' },
      /^app\.openvex\.json: statements\[1\]: justification: /,
    ],
    [
      { ...good, products: [{ '@id': 'pkg:' }] },
      'app.openvex.json: statements[1]: products[0].@id is not a valid package URL',
    ],
    [
      { ...good, products: [{ subcomponents: [{ identifiers: { purl: 'openssl' } }] }] },
      'app.openvex.json: statements[1]: products[0].subcomponents[0].identifiers.purl is not a package URL (it must start with pkg:)',
    ],
    [{ ...good, products: [42] }, /^app\.openvex\.json: statements\[1\]: products\[0\]: /],
    [
      { ...good, timestamp: '2024-05-01 10:00' },
      'app.openvex.json: statements[1]: timestamp must be an RFC 3339 date-time with its offset (2024-05-01T12:00:00Z) or a date',
    ],
  ])('names the statement and field of a bad statement (%#)', (statement, message) => {
    expect(errorOf(vexJson([good, statement]))).toMatch(message);
  });
});

describe('readVexFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-vex-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a document from disk', async () => {
    const path = join(dir, 'vex.json');
    writeFileSync(
      path,
      vexJson([{ vulnerability: 'CVE-1', products: ['pkg:deb/debian/openssl'], status: 'fixed' }])
    );
    const document = await readVexFile(path);
    expect(document.source).toBe(path);
    expect(document.statements[0]?.purls).toEqual([
      { ...parsePurl('pkg:deb/debian/openssl'), text: 'pkg:deb/debian/openssl' },
    ]);
  });

  it('says so when the file is missing', async () => {
    await expect(readVexFile(join(dir, 'none.json'))).rejects.toBeInstanceOf(NotFoundError);
  });
});
