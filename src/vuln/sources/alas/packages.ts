import type { OsvAffected } from '../../osv/schema.js';
import { scheme as rpm } from '../../versions/rpm/index.js';
import type { RawPackage } from './raw-update.js';

export interface AffectedPackages {
  affected: OsvAffected[];
  /** One message per package that could not be used, naming it. */
  problems: string[];
}

/** Source packages are never installed, so images are never matched against them. */
const sourceArches: ReadonlySet<string> = new Set(['src', 'nosrc']);

/** rpm package names as distributions use them: `openssl`, `libstdc++`, `java-1.8.0-openjdk`. */
const namePattern = /^[A-Za-z0-9._+][A-Za-z0-9._+-]*$/;

/**
 * One OSV `affected` entry per binary package name, in the order the names first appear: an
 * image has one build of a package installed, whichever its arch, so the arches of a name
 * collapse into one entry. Each is affected from the start and fixed by the update's build.
 *
 * A package that cannot be read (no name, an epoch that is not a number, a version rpm cannot
 * order) is left out and named in `problems`; the update's other packages stand.
 */
export function affectedPackages(
  packages: readonly RawPackage[],
  ecosystem: string
): AffectedPackages {
  const fixedByName = new Map<string, string>();
  const problems = new Set<string>();
  for (const item of packages) {
    if (item.arch !== undefined && sourceArches.has(item.arch)) {
      continue;
    }
    const read = readPackage(item);
    if (!read.ok) {
      problems.add(read.problem);
      continue;
    }
    const previous = fixedByName.get(read.name);
    // Arches of one update are built from one source and so share a version. Should they not,
    // the newest is kept: a build older than it could be reported as vulnerable, but none
    // that is vulnerable is missed.
    if (previous === undefined || rpm.compare(read.evr, previous) > 0) {
      fixedByName.set(read.name, read.evr);
    }
  }
  const affected = [...fixedByName].map(([name, fixed]): OsvAffected => ({
    package: { ecosystem, name },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
  }));
  return { affected, problems: [...problems] };
}

type ReadPackage = { ok: true; name: string; evr: string } | { ok: false; problem: string };

function readPackage(item: RawPackage): ReadPackage {
  const { name, epoch, version, release } = item;
  if (name === undefined || !namePattern.test(name)) {
    const shown = name === undefined ? 'none' : quote(name);
    return { ok: false, problem: `a package's name is not an rpm package name: ${shown}` };
  }
  const fail = (reason: string): ReadPackage => ({
    ok: false,
    problem: `package ${name}: ${reason}`,
  });
  if (epoch !== undefined && !/^\d+$/.test(epoch)) {
    return fail(`epoch ${quote(epoch)} is not a number`);
  }
  if (version === undefined || release === undefined) {
    return fail(`no ${version === undefined ? 'version' : 'release'}`);
  }
  // rpm forbids `-` in both, and with one the text below would split in the wrong place.
  if (version.includes('-') || release.includes('-')) {
    return fail(`version ${quote(version)} or release ${quote(release)} holds a "-"`);
  }
  const evr = `${epoch === undefined || /^0+$/.test(epoch) ? '' : `${epoch}:`}${version}-${release}`;
  if (!rpm.isValid(evr)) {
    return fail(`${quote(evr)} is not a valid rpm version`);
  }
  return { ok: true, name, evr };
}

/** A value for a message: quoted, and cut short, since it may be up to a cap long. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
