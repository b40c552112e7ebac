import type { OsInfo } from '../core/os.js';

/** Where the answer came from, for `OsInfo.source`. */
export const distroQualifierSource = 'package URL distro qualifier';

export interface OsChoice {
  os?: OsInfo;
  notes: string[];
}

/**
 * The operating system the packages are matched for. The SBOM's own OS entry wins; without
 * one (many tools leave it out), the packages' `distro` qualifier says it (`debian-12`,
 * `alpine-3.20.3`), by majority when they disagree, and the note says so.
 */
export function chooseOs(declared: OsInfo | undefined, distros: readonly string[]): OsChoice {
  const tally = new Map<string, number>();
  for (const distro of distros) {
    tally.set(distro, (tally.get(distro) ?? 0) + 1);
  }
  // Most packages first; ties go to the first in text order, so the choice does not depend on
  // the order of the document.
  const ranked = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const [top] = ranked;
  const fromQualifier = top ? osFromDistro(top[0]) : undefined;
  if (declared) {
    // An OS entry without its version (`debian` alone) cannot pick a release; the packages can.
    if (!declared.versionId && fromQualifier?.id === declared.id && fromQualifier.versionId) {
      return { os: { ...declared, versionId: fromQualifier.versionId }, notes: [] };
    }
    return { os: declared, notes: [] };
  }
  if (!top || !fromQualifier) {
    return { notes: [] };
  }
  const notes: string[] = [];
  if (ranked.length > 1) {
    notes.push(
      `the SBOM names no operating system and its packages name several distributions (${ranked
        .map(([distro, count]) => `${distro} ${count}`)
        .join(', ')}); ${top[0]}, named by most, was taken`
    );
  }
  return { os: fromQualifier, notes };
}

/**
 * `debian-12` → debian 12, `alpine-3.20.3` → alpine 3.20.3, `opensuse-leap-15.5` →
 * opensuse-leap 15.5: the version is what follows the last hyphen, when it starts with a digit.
 * A bare codename (`bookworm`, which the purl spec shows for Debian) names no release.
 */
export function osFromDistro(distro: string): OsInfo | undefined {
  const match = /^(?<id>[a-z0-9][a-z0-9._-]*)-(?<version>\d[A-Za-z0-9._~+]*)$/.exec(
    distro.toLowerCase()
  );
  const id = match?.groups?.['id'];
  const versionId = match?.groups?.['version'];
  if (!id || !versionId) {
    return undefined;
  }
  return { id, versionId, idLike: [], distroless: false, source: distroQualifierSource };
}
