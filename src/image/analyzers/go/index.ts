import type { PackageRecord } from '../../../core/package.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { isElf, readElf } from '../../elf/reader.js';
import { readGoBuildInfo } from './buildinfo.js';
import { parseModInfo, type GoModule } from './modinfo.js';
import { stdlibVersion } from './stdlib-version.js';

/** How much of a toolchain's self-description a note may quote. */
const maxQuoted = 80;

function quote(text: string): string {
  return text.length > maxQuoted ? `${text.slice(0, maxQuoted)}…` : text;
}

function record(name: string, version: string): PackageRecord {
  return { type: 'golang', name, version, licenses: [] };
}

/**
 * The module whose code was compiled in: a replacement by another module (a fork, a pinned
 * version) stands in for the original, as that is what the Go vulnerability database must be
 * asked about. A replacement by a local directory has no version: it is left out, and named
 * in one note with the others.
 */
function moduleRecord(module: GoModule, local: string[]): PackageRecord | undefined {
  const built = module.replacement ?? module;
  if (built.version === '' || built.version === '(devel)') {
    if (module.replacement) {
      local.push(module.path);
    }
    return undefined;
  }
  return record(built.path, built.version);
}

/** Monorepos (kubectl's staging modules) replace dozens: one note names the first few. */
function localReplacementNote(local: readonly string[]): string {
  const named = local.slice(0, 3).map(quote).join(', ');
  const more = local.length > 3 ? ` and ${local.length - 3} more` : '';
  return `${local.length} Go module(s) replaced by local directories have no version and are not reported: ${named}${more}`;
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const elf = readElf(file.content);
  const info = readGoBuildInfo(file.content, elf);
  if (!info) {
    // Most ELF files in an image are C programs and libraries: nothing to say about them.
    return { packages: [] };
  }
  const packages: PackageRecord[] = [];
  const notes: string[] = [];
  const stdlib = stdlibVersion(info.goVersion);
  if (stdlib) {
    packages.push(record('stdlib', stdlib));
  } else {
    notes.push(
      `built by the Go toolchain "${quote(info.goVersion)}", which is not a release: the standard library is not reported`
    );
  }
  const modules = parseModInfo(info.modInfo);
  const local: string[] = [];
  // A main module built from a checkout is `(devel)`: it has no version to look up.
  if (modules.main) {
    const main = moduleRecord(modules.main, local);
    if (main) {
      packages.push(main);
    }
  }
  for (const dep of modules.deps) {
    const found = moduleRecord(dep, local);
    if (found) {
      packages.push(found);
    }
  }
  if (local.length > 0) {
    notes.push(localReplacementNote(local));
  }
  if (modules.malformed > 0) {
    notes.push(`${modules.malformed} line(s) of the Go module information could not be read`);
  }
  return notes.length > 0 ? { packages, notes } : { packages };
}

export const analyzer: Analyzer = {
  id: 'go',
  version: 2,
  onUnreadable: 'note',
  description: 'Go modules and the standard library from the build information in Go programs',
  maxFileSize: 512 * 1024 * 1024,
  // Go programs have no telling name or place: they are found by their ELF header.
  wants: () => false,
  wantsExecutable: isElf,
  analyze,
};
