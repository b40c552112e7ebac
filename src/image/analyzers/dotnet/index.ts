import { z } from 'zod';
import { parseJson } from '../../../core/parse.js';
import type { PackageRecord } from '../../../core/package.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';

/**
 * `<App>.deps.json`, which the .NET SDK writes beside every built application and which the
 * host reads at start-up to resolve assemblies. Its `libraries` object lists each library
 * once, keyed `Id/Version`, with a `type`: `package` (from NuGet), `project` (the app and
 * its project references), `reference` (an assembly referenced by path) or `runtimepack`.
 */
const DepsJson = z.object({
  libraries: z.record(z.string(), z.object({ type: z.string() })),
});

/** NuGet ids: letters, digits, `.`, `_`, `-`. Versions: SemVer 2 or the four-part legacy form. */
const nugetId = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const nugetVersion = /^[0-9][0-9A-Za-z.+-]*$/;

function analyze(file: AnalyzerFile): AnalyzerResult {
  const deps = parseJson(DepsJson, file.content, `${file.path}: the deps file`);
  const packages: PackageRecord[] = [];
  const notes: string[] = [];
  for (const [key, library] of Object.entries(deps.libraries)) {
    if (library.type !== 'package') {
      continue;
    }
    const [name = '', version = '', ...rest] = key.split('/');
    if (rest.length > 0 || !nugetId.test(name) || !nugetVersion.test(version)) {
      notes.push(`library ${JSON.stringify(key.slice(0, 100))} is not Id/Version; skipped`);
      continue;
    }
    // NuGet ids are case-insensitive; the case the SDK wrote is the package's own.
    packages.push({ type: 'nuget', name, version, licenses: [] });
  }
  return notes.length > 0 ? { packages, notes } : { packages };
}

export const analyzer: Analyzer = {
  id: 'dotnet',
  version: 1,
  onUnreadable: 'note',
  description: '.NET NuGet packages from *.deps.json',
  // Large applications' deps files run to a few MiB.
  maxFileSize: 32 * 1024 * 1024,
  // `x.deps.json`, not a bare `.deps.json`: the name must have a stem.
  wants: (path) =>
    path.endsWith('.deps.json') &&
    path.length > '.deps.json'.length &&
    path[path.length - '.deps.json'.length - 1] !== '/',
  analyze,
};
