import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCycloneDx, sampleSpdx } from '../../test/harness/sample-sboms.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { readSbom, readSbomFile } from './read-sbom.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-sbom-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readSbomFile', () => {
  it('reads either format, whatever the file is called', async () => {
    const cdx = await readSbomFile(write('sha256-1', JSON.stringify(sampleCycloneDx())));
    const spdx = await readSbomFile(write('sha256-2', JSON.stringify(sampleSpdx())));
    expect(cdx.packages.map((pkg) => pkg.purl)).toEqual(spdx.packages.map((pkg) => pkg.purl));
    expect(cdx.notes[0]).toContain('CycloneDX 1.6');
    expect(spdx.notes[0]).toContain('SPDX-2.3');
  });

  it('accepts a byte-order mark', async () => {
    const path = write('bom.json', `\uFEFF${JSON.stringify(sampleCycloneDx())}`);
    expect((await readSbomFile(path)).packages).toHaveLength(6);
  });

  it('says a missing file is missing', async () => {
    const path = join(dir, 'nope.json');
    await expect(readSbomFile(path)).rejects.toThrow(NotFoundError);
    await expect(readSbomFile(path)).rejects.toThrow(`no such SBOM file: ${path}`);
  });

  it('refuses what is not a regular file', async () => {
    const path = join(dir, 'a-directory');
    mkdirSync(path);
    await expect(readSbomFile(path)).rejects.toThrow(`${path} is not a regular file`);
  });

  it('refuses a file over the cap without parsing it', async () => {
    const path = write('big.json', JSON.stringify(sampleCycloneDx()));
    await expect(readSbomFile(path, 1024)).rejects.toThrow(
      `${path} is larger than 0.0009765625 MiB, the limit for an SBOM`
    );
  });

  it('names the file and the reason for text that is not JSON', async () => {
    const path = write('sbom.xml', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>');
    const failure = readSbomFile(path);
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^${path} is not JSON \\(.+\\); Palisade reads CycloneDX and SPDX SBOMs in their JSON forms$`
      )
    );
  });
});

describe('readSbom', () => {
  it('refuses JSON that is neither format, naming the source', () => {
    for (const doc of [{ schemaVersion: 1, packages: [] }, [], 'text', null]) {
      expect(() => readSbom(doc, 'inventory.json')).toThrow(
        'inventory.json is not an SBOM Palisade reads: neither CycloneDX JSON ("bomFormat": "CycloneDX") nor SPDX 2 JSON ("spdxVersion": "SPDX-2.x")'
      );
    }
  });
});
