import { describeError } from '../../../core/errors.js';
import type { PackageRecord } from '../../../core/package.js';
import { cleanName, mavenName, type Coordinates } from './coordinates.js';
import { coordinatesFromFileName, isJavaArchiveName } from './file-name.js';
import type { JavaLimits } from './limits.js';
import { manifestCoordinates, parseManifest } from './manifest.js';
import { parseProperties, pomCoordinates, pomPropertiesPathParts } from './pom-properties.js';
import { listZip, readZipEntry, type ZipEntry } from './zip.js';

export interface ArchiveFindings {
  packages: PackageRecord[];
  notes: string[];
}

/** Everything one file in the image may spend, shared by all the archives nested in it. */
interface Walk {
  limits: JavaLimits;
  packages: PackageRecord[];
  seen: Set<string>;
  notes: string[];
  notesLeftOut: number;
  bytesRead: number;
  entriesListed: number;
  budgetSpent: boolean;
}

/** One archive in the tree: `prefix` is the `!/`-joined path of it inside the file, or ''. */
interface Place {
  bytes: Buffer;
  prefix: string;
  depth: number;
  /** The archive's own file name, for the last-resort file-name rule. */
  fileName: string;
}

const manifestPath = 'META-INF/MANIFEST.MF';

/**
 * Reads a Java archive and every archive nested in it, in memory. The file's own central
 * directory must be readable (else the InputError from `listZip` names what is wrong); anything
 * wrong deeper in (a corrupt nested jar, a bomb, a cap) becomes a note naming the inner path,
 * and the rest is still reported.
 */
export function readJavaArchive(
  bytes: Buffer,
  fileName: string,
  limits: JavaLimits
): ArchiveFindings {
  const walk: Walk = {
    limits,
    packages: [],
    seen: new Set(),
    notes: [],
    notesLeftOut: 0,
    bytesRead: 0,
    entriesListed: 0,
    budgetSpent: false,
  };
  visit(walk, { bytes, prefix: '', depth: 0, fileName }, limits.maxEntriesPerArchive);
  const notes =
    walk.notesLeftOut > 0
      ? [...walk.notes, `${walk.notesLeftOut} more notes about this archive were left out`]
      : walk.notes;
  return { packages: walk.packages, notes };
}

const longestNote = 1000;

/** Notes carry entry names, which are the archive author's: no control characters, no novels. */
function note(walk: Walk, text: string): void {
  if (walk.notes.length < walk.limits.maxNotes) {
    // eslint-disable-next-line no-control-regex
    const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?');
    walk.notes.push(
      printable.length > longestNote ? `${printable.slice(0, longestNote)}…` : printable
    );
  } else {
    walk.notesLeftOut++;
  }
}

/** `..` segments, absolute paths, drive letters, NUL: names built to attack an unzipper. */
function unsafeName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\0') ||
    name.split(/[\\/]/).includes('..')
  );
}

type Kind = 'pom' | 'manifest' | 'archive';

function kindOf(name: string): Kind | undefined {
  if (name.endsWith('/')) {
    return undefined;
  }
  if (pomPropertiesPathParts(name) !== undefined) {
    return 'pom';
  }
  if (name.toUpperCase() === manifestPath) {
    return 'manifest';
  }
  return isJavaArchiveName(name) ? 'archive' : undefined;
}

/** Lists an archive and reports what it and the archives inside it name. */
function visit(walk: Walk, place: Place, maxEntries: number): void {
  // Never written anywhere, but a `../` name says the archive was built to attack an unzipper:
  // such entries are not trusted for anything, and the user hears of them once per archive.
  const unsafe = { count: 0, first: '' };
  const listing = listZip(place.bytes, maxEntries, (name) => {
    if (unsafeName(name)) {
      unsafe.first ||= name;
      unsafe.count++;
      return false;
    }
    return kindOf(name) !== undefined;
  });
  walk.entriesListed += listing.count;
  if (unsafe.count > 0) {
    const where = place.prefix === '' ? '' : `${place.prefix.slice(0, -'!/'.length)}: `;
    note(
      walk,
      `${where}${unsafe.count} entries with unsafe names (${JSON.stringify(unsafe.first)} first) were ignored`
    );
  }
  const poms: { coordinates: Coordinates; evidence: string }[] = [];
  let manifest: { coordinates?: Coordinates; evidence: string } | undefined;
  for (const entry of listing.entries) {
    const kind = kindOf(entry.name);
    const evidence = `${place.prefix}${entry.name}`;
    if (kind === 'archive') {
      visitNested(walk, place, entry);
      continue;
    }
    if (kind === 'manifest' && manifest !== undefined) {
      continue;
    }
    const content = take(walk, place, entry, walk.limits.maxMetadataBytes);
    if (content === undefined) {
      continue;
    }
    if (kind === 'manifest') {
      const coordinates = manifestCoordinates(
        parseManifest(content),
        coordinatesFromFileName(place.fileName)
      );
      manifest = coordinates === undefined ? { evidence } : { coordinates, evidence };
      continue;
    }
    const parts = pomPropertiesPathParts(entry.name);
    const coordinates = parts && pomCoordinates(parseProperties(content), parts);
    if (typeof coordinates === 'string') {
      note(walk, `${evidence}: ${coordinates}`);
    } else if (coordinates !== undefined) {
      poms.push({ coordinates, evidence });
    }
  }
  identify(walk, place, poms, manifest);
}

/**
 * Every pom.properties is reported: a shaded jar carries one per library it swallowed. When
 * none of them is the archive's own (none names the artifact and version in its file name),
 * the archive is named by its manifest, else by its file name, unless that repeats a
 * pom.properties. A Gradle-built jar shading one Maven library is so still reported itself.
 */
function identify(
  walk: Walk,
  place: Place,
  poms: { coordinates: Coordinates; evidence: string }[],
  manifest: { coordinates?: Coordinates; evidence: string } | undefined
): void {
  for (const pom of poms) {
    report(walk, pom.coordinates, pom.evidence);
  }
  const named = coordinatesFromFileName(place.fileName);
  const listed = (candidate: { artifact: string; version: string }): boolean =>
    poms.some(
      (pom) =>
        pom.coordinates.artifact === candidate.artifact &&
        pom.coordinates.version === candidate.version
    );
  if (named !== undefined && listed(named)) {
    return;
  }
  if (manifest?.coordinates !== undefined) {
    if (!listed(manifest.coordinates)) {
      report(walk, manifest.coordinates, manifest.evidence);
    }
    return;
  }
  const artifact = cleanName(named?.artifact);
  if (named !== undefined && artifact !== undefined) {
    // The file in the image has no inner path to show; a nested one is named by its path.
    const evidence = place.prefix === '' ? 'file-name' : place.prefix.slice(0, -'!/'.length);
    report(walk, { artifact, version: named.version }, evidence);
  }
}

function report(walk: Walk, coordinates: Coordinates, evidence: string): void {
  const name = mavenName(coordinates);
  const key = JSON.stringify([name, coordinates.version, evidence]);
  if (walk.seen.has(key)) {
    return;
  }
  walk.seen.add(key);
  walk.packages.push({ type: 'maven', name, version: coordinates.version, licenses: [], evidence });
}

function visitNested(walk: Walk, parent: Place, entry: ZipEntry): void {
  const path = `${parent.prefix}${entry.name}`;
  const { limits } = walk;
  if (parent.depth + 1 > limits.maxDepth) {
    note(walk, `${path}: nested deeper than ${limits.maxDepth} archives; not read`);
    return;
  }
  const remaining = limits.maxTotalEntries - walk.entriesListed;
  if (remaining <= 0) {
    note(walk, `${path}: not read: ${limits.maxTotalEntries} entries were listed already`);
    return;
  }
  const bytes = take(walk, parent, entry, limits.maxNestedArchiveBytes);
  if (bytes === undefined) {
    return;
  }
  const place = {
    bytes,
    prefix: `${path}!/`,
    depth: parent.depth + 1,
    fileName: entry.name,
  };
  try {
    visit(walk, place, Math.min(limits.maxEntriesPerArchive, remaining));
  } catch (error) {
    note(walk, `${path}: ${describeError(error)}`);
  }
}

/**
 * An entry's bytes, or undefined after a note saying why not. Its declared size is checked
 * against the cap, the compression ratio and what is left of the file's budget before a byte
 * is inflated; `readZipEntry` then stops any entry that inflates past what it declared.
 */
function take(walk: Walk, place: Place, entry: ZipEntry, cap: number): Buffer | undefined {
  const { limits } = walk;
  const path = `${place.prefix}${entry.name}`;
  const size = entry.uncompressedSize;
  if (walk.budgetSpent) {
    return undefined;
  }
  if (size > cap) {
    note(walk, `${path}: ${size} bytes, over the ${cap}-byte cap; not read`);
    return undefined;
  }
  if (
    entry.method !== 0 &&
    size > limits.ratioFloorBytes &&
    size > entry.compressedSize * limits.maxCompressionRatio
  ) {
    const ratio = Math.round(size / Math.max(1, entry.compressedSize));
    note(
      walk,
      `${path}: compressed ${ratio}:1, over the ${limits.maxCompressionRatio}:1 cap (a zip bomb?); not read`
    );
    return undefined;
  }
  if (walk.bytesRead + size > limits.maxReadBytes) {
    walk.budgetSpent = true;
    note(
      walk,
      `${path}: not read, nor anything after it: this file's ${limits.maxReadBytes}-byte budget is spent`
    );
    return undefined;
  }
  walk.bytesRead += size;
  try {
    return readZipEntry(place.bytes, entry);
  } catch (error) {
    note(walk, `${path}: ${describeError(error)}`);
    return undefined;
  }
}
