import { comparePackages, inventorySchemaVersion, type Inventory } from '../core/inventory.js';
import type { OsInfo } from '../core/os.js';
import type { Package } from '../core/package.js';
import { toolVersion } from '../core/version.js';
import { artifactOf, type SbomSubject } from './artifact.js';
import { chooseOs } from './os-choice.js';
import { packageFromEntry } from './purl-package.js';
import type { SbomEntry } from './sbom-entry.js';

/** What a reader gathered from one document, in the terms every format shares. */
export interface SbomContents {
  /** `CycloneDX 1.6`, `SPDX-2.3`. */
  format: string;
  /** The document's own creation time, as it states it. */
  created?: string;
  subject?: SbomSubject;
  os?: OsInfo;
  entries: SbomEntry[];
  /** Package components that carry no purl: nothing to match them by. */
  withoutPurl: number;
  /** What the reader itself has to say (a vulnerability section it did not read). */
  notes: string[];
}

/**
 * The inventory an SBOM stands for. Only deb, apk and rpm packages are kept, since only they
 * can be matched today; everything left out, and everything guessed, is said in `notes`.
 */
export function buildInventory(contents: SbomContents, source: string): Inventory {
  const packages: Package[] = [];
  const distros: string[] = [];
  const others = new Map<string, number>();
  for (const entry of contents.entries) {
    const outcome = packageFromEntry(entry, source, source);
    if (outcome.kind === 'other') {
      others.set(outcome.type, (others.get(outcome.type) ?? 0) + 1);
      continue;
    }
    packages.push(outcome.pkg);
    if (outcome.distro) {
      distros.push(outcome.distro);
    }
  }
  packages.sort(comparePackages);
  const { os, notes: osNotes } = chooseOs(contents.os, distros);
  const notes = [
    `packages as listed by ${source} (${contents.format}${contents.created ? `, created ${contents.created}` : ''}); the image itself was not read`,
    ...contents.notes,
    ...osNotes,
    ...leftOutNotes(others, contents.withoutPurl),
    ...matchNotes(packages, os),
  ];
  return {
    schemaVersion: inventorySchemaVersion,
    tool: { name: 'palisade', version: toolVersion },
    // The inventory is this run's reading of the SBOM; the SBOM's own time is in the notes.
    createdAt: new Date().toISOString(),
    artifact: artifactOf(contents.subject, source),
    ...(os ? { os } : {}),
    packages,
    notes,
  };
}

function leftOutNotes(others: ReadonlyMap<string, number>, withoutPurl: number): string[] {
  const notes: string[] = [];
  const count = [...others.values()].reduce((sum, n) => sum + n, 0);
  if (count > 0) {
    const byType = [...others]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([type, n]) => `${type} ${n}`)
      .join(', ');
    notes.push(
      `${count} ${plural(count, 'component is', 'components are')} of a package type Palisade does not match (${byType}) and ${plural(count, 'was', 'were')} left out`
    );
  }
  if (withoutPurl > 0) {
    notes.push(
      `${withoutPurl} package ${plural(withoutPurl, 'component has', 'components have')} no package URL and ${plural(withoutPurl, 'was', 'were')} left out: there is nothing to match ${plural(withoutPurl, 'it', 'them')} by`
    );
  }
  return notes;
}

function matchNotes(packages: readonly Package[], os: OsInfo | undefined): string[] {
  const notes: string[] = [];
  if (packages.length > 0 && !os) {
    notes.push(
      'the SBOM names no operating system, neither as an entry of its own nor in a distro qualifier of its package URLs, so its packages cannot be matched to a distribution’s advisories'
    );
  }
  // Debian advisories name source versions. A binary's own version usually equals its
  // source's, but not always (a binNMU `+b1`, a binary with its own epoch), and an SBOM that
  // does not say leaves only the binary's to compare.
  const unsure = packages.filter((pkg) => pkg.type === 'deb' && !pkg.source?.version).length;
  if (unsure > 0) {
    notes.push(
      `${unsure} deb ${plural(unsure, 'package has', 'packages have')} no source version in the SBOM, so ${plural(unsure, 'its', 'their')} binary version was compared; it can differ from the source version advisories name`
    );
  }
  return notes;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
