/**
 * Every plugin family (analyzers, transports, report formats, auth providers) has a registry
 * in an `api.ts`. These tests tie each registry to the plugins on disk, so a plugin that is
 * written but not registered (or registered twice, or under another name) fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyzers } from '../../src/image/analyzer/api.js';
import { authProviders } from '../../src/image/auth/api.js';
import { transports } from '../../src/image/source/api.js';
import { transportFor } from '../../src/image/source/index.js';
import { checkFamilies } from '../../src/posture/check/api.js';
import { assessmentFormats } from '../../src/posture/format/api.js';
import { reportFormats } from '../../src/report/api.js';
import { channelKinds } from '../../src/platform/notify/api.js';
import { queueDrivers } from '../../src/platform/queue/api.js';
import { storeDrivers } from '../../src/platform/store/api.js';
import { sbomReaders } from '../../src/sbom/api.js';
import { advisorySources } from '../../src/vuln/source/api.js';
import { versionSchemes } from '../../src/vuln/version/api.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const src = join(repoRoot, 'src');

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
  error: 'expected a function',
});
const pluginId = z.string().regex(kebabCase, 'ids are kebab-case');
const description = z.string().trim().min(1);

const AnalyzerShape = z.object({
  id: pluginId,
  version: z.number().int().min(1),
  description,
  maxFileSize: z.number().int().positive(),
  wants: fn,
  analyze: fn,
});
const TransportShape = z.object({ id: pluginId, description, open: fn });
const ReportFormatShape = z.object({ id: pluginId, description, render: fn });
const AuthProviderShape = z.object({ id: pluginId, description, resolve: fn });
const VersionSchemeShape = z.object({
  id: pluginId,
  description,
  ecosystems: z.array(z.string().min(1)).min(1),
  isValid: fn,
  compare: fn,
});
const AdvisorySourceShape = z.object({ id: pluginId, description, read: fn });
const SbomReaderShape = z.object({ id: pluginId, description, detect: fn, read: fn });

/** Folder names directly under `dir` (relative to src/), sorted. */
function foldersOf(dir: string): string[] {
  return readdirSync(join(src, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every non-test `.ts` file under `dir` (relative to src/), as absolute paths. */
function modulesUnder(dir: string): string[] {
  return readdirSync(join(src, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return modulesUnder(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(src, path)] : [];
  });
}

async function importModule(absolutePath: string): Promise<Record<string, unknown>> {
  const module: unknown = await import(pathToFileURL(absolutePath).href);
  return z.record(z.string(), z.unknown()).parse(module);
}

function sorted(ids: Iterable<string>): string[] {
  return [...ids].sort();
}

/** Says which folders are not registered and which registered ids have no folder. */
function difference(registered: Iterable<string>, folders: readonly string[], api: string): string {
  const ids = [...registered];
  const unregistered = folders.filter((folder) => !ids.includes(folder));
  const folderless = ids.filter((id) => !folders.includes(id));
  return `not registered in ${api}: [${unregistered.join(', ')}]; registered without a folder: [${folderless.join(', ')}]`;
}

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

/** Parses `value` against `shape`, failing with the plugin's name and zod's complaint. */
function expectShape(shape: z.ZodType, value: unknown, what: string): void {
  const parsed = shape.safeParse(value);
  expect(parsed.success, `${what}: ${parsed.error ? z.prettifyError(parsed.error) : ''}`).toBe(
    true
  );
}

describe('analyzers', () => {
  const folders = foldersOf('image/analyzers');

  it('registers exactly the folders of src/image/analyzers/', () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(
      sorted(analyzers.keys()),
      difference(analyzers.keys(), folders, 'src/image/analyzer/api.ts')
    ).toEqual(folders);
  });

  it('keys the registry by each analyzer’s own id', () => {
    for (const [key, analyzer] of analyzers) {
      expect(analyzer.id).toBe(key);
    }
  });

  it('exports from each folder’s index.ts an analyzer named like the folder', async () => {
    for (const folder of folders) {
      const module = await importModule(join(src, 'image/analyzers', folder, 'index.ts'));
      expectShape(AnalyzerShape, module['analyzer'], `analyzers/${folder}/index.ts`);
      expect(AnalyzerShape.parse(module['analyzer']).id).toBe(folder);
      expect(module['analyzer'], `analyzers/${folder} is the one registered`).toBe(
        analyzers.get(folder)
      );
    }
  });

  it('has unique kebab-case ids and satisfies the Analyzer shape', () => {
    const ids = [...analyzers.values()].map((analyzer) => analyzer.id);
    expect(duplicates(ids)).toEqual([]);
    for (const analyzer of analyzers.values()) {
      expectShape(AnalyzerShape, analyzer, `analyzer ${analyzer.id}`);
    }
  });

  it('documents each analyzer in a readme.md that starts with a title', () => {
    const missing = folders.filter(
      (folder) => !existsSync(join(src, 'image/analyzers', folder, 'readme.md'))
    );
    expect(missing, `analyzers without a readme.md: ${missing.join(', ')}`).toEqual([]);
    for (const folder of folders) {
      const readme = readFileSync(join(src, 'image/analyzers', folder, 'readme.md'), 'utf8');
      expect(readme, `analyzers/${folder}/readme.md starts with a title`).toMatch(/^# \S/);
    }
  });
});

describe('transports', () => {
  const folders = foldersOf('image/sources');

  it('registers exactly the folders of src/image/sources/ plus registry', () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(folders).not.toContain('registry');
    expect(
      sorted(transports.keys()),
      difference(transports.keys(), [...folders, 'registry'], 'src/image/source/api.ts')
    ).toEqual(sorted([...folders, 'registry']));
  });

  it('keys the registry by each transport’s own id', () => {
    for (const [key, transport] of transports) {
      expect(transport.id).toBe(key);
    }
  });

  it('exports from each folder’s index.ts a transport named like the folder', async () => {
    for (const folder of folders) {
      const module = await importModule(join(src, 'image/sources', folder, 'index.ts'));
      expectShape(TransportShape, module['transport'], `sources/${folder}/index.ts`);
      expect(TransportShape.parse(module['transport']).id).toBe(folder);
      expect(module['transport'], `sources/${folder} is the one registered`).toBe(
        transports.get(folder)
      );
    }
  });

  it('has unique kebab-case ids and satisfies the Transport shape', () => {
    const ids = [...transports.values()].map((transport) => transport.id);
    expect(duplicates(ids)).toEqual([]);
    for (const transport of transports.values()) {
      expectShape(TransportShape, transport, `transport ${transport.id}`);
    }
  });

  it('selects each prefixed transport by its id, and the registry for bare references', () => {
    for (const id of transports.keys()) {
      if (id !== 'registry') {
        expect(transportFor(`${id}:/some/where`).transport.id).toBe(id);
      }
    }
    expect(transportFor('alpine:3.20').transport.id).toBe('registry');
  });
});

describe('report formats', () => {
  /** Folders of src/report/ holding a `*-format.ts` module (test files aside). */
  const formatFolders = foldersOf('report').filter((folder) =>
    readdirSync(join(src, 'report', folder)).some(
      (name) => name.endsWith('-format.ts') && !name.endsWith('.test.ts')
    )
  );

  it('registers exactly the folders of src/report/ that hold a *-format.ts', () => {
    expect(formatFolders.length).toBeGreaterThan(0);
    expect(
      sorted(reportFormats.keys()),
      difference(reportFormats.keys(), formatFolders, 'src/report/api.ts')
    ).toEqual(formatFolders);
  });

  it('names each format module after its folder', () => {
    for (const folder of formatFolders) {
      const modules = readdirSync(join(src, 'report', folder)).filter(
        (name) => name.endsWith('-format.ts') && !name.endsWith('.test.ts')
      );
      expect(modules).toEqual([`${folder}-format.ts`]);
    }
  });

  it('has unique kebab-case ids, keyed by the entry’s own id', () => {
    const ids = [...reportFormats.values()].map((entry) => entry.id);
    expect(duplicates(ids)).toEqual([]);
    for (const [key, entry] of reportFormats) {
      expect(entry.id).toBe(key);
      expect(entry.id).toMatch(kebabCase);
      expect(typeof entry.load).toBe('function');
    }
  });

  it('loads each format under the id it is registered by, with the ReportFormat shape', async () => {
    for (const entry of reportFormats.values()) {
      const format = await entry.load();
      expectShape(ReportFormatShape, format, `report format ${entry.id}`);
      expect(format.id).toBe(entry.id);
    }
  });
});

describe('auth providers', () => {
  /**
   * Auth providers have no folder each (a folder may hold two, small ones are one file), so
   * the registry is checked against every exported provider-shaped value under src/image/auth/.
   */
  async function exportedProviders(): Promise<{ where: string; provider: unknown }[]> {
    const found: { where: string; provider: unknown }[] = [];
    for (const path of modulesUnder('image/auth')) {
      for (const [name, value] of Object.entries(await importModule(path))) {
        if (AuthProviderShape.safeParse(value).success) {
          found.push({ where: `${relative(repoRoot, path)}: ${name}`, provider: value });
        }
      }
    }
    return found;
  }

  it('registers every provider exported under src/image/auth/', async () => {
    const exported = await exportedProviders();
    expect(exported.length).toBeGreaterThan(0);
    const registered = new Set<unknown>(authProviders.values());
    const unregistered = exported.filter(({ provider }) => !registered.has(provider));
    expect(
      unregistered.map(({ where }) => where),
      `exported auth providers missing from authProviders in src/image/auth/api.ts: ${unregistered
        .map(({ where }) => where)
        .join(', ')}`
    ).toEqual([]);
    expect(exported.length, 'each registered provider is exported once').toBe(authProviders.size);
  });

  it('has unique kebab-case ids, keyed by each provider’s own id', () => {
    const ids = [...authProviders.values()].map((provider) => provider.id);
    expect(duplicates(ids)).toEqual([]);
    for (const [key, provider] of authProviders) {
      expectShape(AuthProviderShape, provider, `auth provider ${key}`);
      expect(provider.id).toBe(key);
    }
  });

  it('asks anonymous last, since it always answers', () => {
    expect([...authProviders.keys()].at(-1)).toBe('anonymous');
  });
});

/**
 * The families whose plugins are one folder each, exporting one value from `index.ts`: the
 * registry must hold exactly the folders, each under its own id, each with a readme.md.
 */
function describeFolderFamily(
  name: string,
  dir: string,
  registry: ReadonlyMap<string, { id: string }>,
  exported: string,
  shape: z.ZodType
): void {
  describe(name, () => {
    const folders = foldersOf(dir);

    it(`registers exactly the folders of src/${dir}/`, () => {
      expect(folders.length).toBeGreaterThan(0);
      expect(
        sorted(registry.keys()),
        difference(registry.keys(), folders, `the ${name} registry`)
      ).toEqual(folders);
    });

    it('exports from each folder the plugin registered under the folder’s name', async () => {
      for (const folder of folders) {
        const module = await importModule(join(src, dir, folder, 'index.ts'));
        expectShape(shape, module[exported], `${dir}/${folder}/index.ts`);
        expect(module[exported], `${dir}/${folder} is the one registered`).toBe(
          registry.get(folder)
        );
        expect(registry.get(folder)?.id).toBe(folder);
      }
    });

    it('documents each plugin in a readme.md that starts with a title', () => {
      for (const folder of folders) {
        const path = join(src, dir, folder, 'readme.md');
        expect(existsSync(path), `${dir}/${folder}/readme.md exists`).toBe(true);
        expect(readFileSync(path, 'utf8')).toMatch(/^# \S/);
      }
    });
  });
}

describeFolderFamily(
  'version schemes',
  'vuln/versions',
  versionSchemes,
  'scheme',
  VersionSchemeShape
);
describeFolderFamily(
  'advisory sources',
  'vuln/sources',
  advisorySources,
  'source',
  AdvisorySourceShape
);
describeFolderFamily('SBOM readers', 'sbom', sbomReaders, 'reader', SbomReaderShape);
describeFolderFamily(
  'store drivers',
  'platform/store/drivers',
  storeDrivers,
  'driver',
  z.object({ id: pluginId, description, matches: fn, open: fn })
);
describeFolderFamily(
  'queue drivers',
  'platform/queue/drivers',
  queueDrivers,
  'driver',
  z.object({ id: pluginId, description, open: fn })
);
describeFolderFamily(
  'notification channel kinds',
  'platform/notify',
  channelKinds,
  'kind',
  z.object({ id: pluginId, description, parse: fn })
);

const CheckShape = z.object({
  id: pluginId,
  title: description,
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  controls: z.array(
    z.object({
      framework: z.enum(['cis-eks-1.8.0', 'pss-baseline', 'pss-restricted', 'defender']),
      id: z.string().min(1),
    })
  ),
  remediation: description,
  run: fn,
});

describe('posture check families', () => {
  const folders = foldersOf('posture/checks');

  it('registers exactly the folders of src/posture/checks/', () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(
      sorted(checkFamilies.keys()),
      difference(checkFamilies.keys(), folders, 'src/posture/check/api.ts')
    ).toEqual(folders);
  });

  it('exports from each folder’s index.ts the checks registered, each prefixed by its family', async () => {
    for (const folder of folders) {
      const module = await importModule(join(src, 'posture/checks', folder, 'index.ts'));
      expect(module['checks'], `posture/checks/${folder} is the family registered`).toBe(
        checkFamilies.get(folder)
      );
      for (const check of checkFamilies.get(folder) ?? []) {
        expectShape(CheckShape, check, `check ${check.id}`);
        expect(check.id.startsWith(`${folder}-`), `${check.id} is named after ${folder}`).toBe(
          true
        );
      }
    }
  });

  it('has unique check ids and a readme.md per family that names every check', () => {
    const ids = [...checkFamilies.values()].flat().map((check) => check.id);
    expect(duplicates(ids)).toEqual([]);
    for (const folder of folders) {
      const readme = join(src, 'posture/checks', folder, 'readme.md');
      expect(existsSync(readme), `posture/checks/${folder} has no readme.md`).toBe(true);
      const text = readFileSync(readme, 'utf8');
      for (const check of checkFamilies.get(folder) ?? []) {
        expect(text, `posture/checks/${folder}/readme.md names ${check.id}`).toContain(check.id);
      }
    }
  });
});

describe('posture report formats', () => {
  const folders = foldersOf('posture/formats');

  it('registers exactly the folders of src/posture/formats/, each by its own id', async () => {
    expect(
      sorted(assessmentFormats.keys()),
      difference(assessmentFormats.keys(), folders, 'src/posture/format/api.ts')
    ).toEqual(folders);
    for (const folder of folders) {
      const module = await importModule(join(src, 'posture/formats', folder, 'index.ts'));
      expectShape(ReportFormatShape, module['format'], `posture/formats/${folder}/index.ts`);
      expect(module['format']).toBe(assessmentFormats.get(folder));
    }
  });
});
