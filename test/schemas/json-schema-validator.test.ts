import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { officialSpdxValidator } from './json-schema-validator.js';

// The official schema is not in the repository; these check the loading code on stand-ins of
// both drafts the published SPDX 2.3 schemas use.
describe('officialSpdxValidator', () => {
  const folder = mkdtempSync(join(tmpdir(), 'palisade-schema-'));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function schemaFile(draft: string): string {
    const path = join(folder, `${draft.replace(/\W/g, '-')}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        $schema: draft,
        type: 'object',
        properties: {
          SPDXID: { type: 'string', pattern: '^SPDXRef-[a-zA-Z0-9.-]+$' },
          documentDescribes: { type: 'array', deprecated: true },
        },
        required: ['SPDXID'],
        additionalProperties: false,
      })
    );
    return path;
  }

  it('is undefined when the file is absent', () => {
    expect(officialSpdxValidator(join(folder, 'missing.json'))).toBeUndefined();
  });

  for (const draft of [
    'http://json-schema.org/draft-07/schema#',
    'https://json-schema.org/draft/2019-09/schema',
  ]) {
    it(`validates with a ${draft} schema`, () => {
      const validate = officialSpdxValidator(schemaFile(draft));
      expect(validate?.({ SPDXID: 'SPDXRef-DOCUMENT' })).toEqual([]);
      expect(validate?.({ SPDXID: 'SPDXRef-x_y' })).toEqual([
        '/SPDXID must match pattern "^SPDXRef-[a-zA-Z0-9.-]+$"',
      ]);
      expect(validate?.({ SPDXID: 'SPDXRef-DOCUMENT', extra: 1 })).toHaveLength(1);
    });
  }
});
