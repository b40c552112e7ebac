import type { OsInfo } from '../core/os.js';
import { isOsPackageType, packageKey, type LayerRef, type PackageRecord } from '../core/package.js';
import type { FileFinding, LayerAnalysis } from './layer/types.js';

export interface MergedPackage {
  record: PackageRecord;
  /** Path of the database file the record came from. */
  location: string;
  /** The layer whose copy of that file first listed this package at this version. */
  layer?: LayerRef;
}

export interface MergedImage {
  os?: OsInfo;
  packages: MergedPackage[];
  notes: string[];
}

interface PathState {
  findings: FileFinding[];
  /** packageKey → the layer that introduced it into this path's chain of rewrites. */
  origins: Map<string, LayerRef | undefined>;
}

/**
 * Applies layers in order, the way the container runtime's overlay would, but to analysis
 * results instead of files: opaque dirs and whiteouts delete what lower layers gave, then
 * this layer's files replace whatever sat at their paths.
 */
export function mergeLayers(
  layers: readonly { ref?: LayerRef; analysis: LayerAnalysis }[]
): MergedImage {
  const state = new Map<string, PathState>();
  const notes: string[] = [];
  for (const { ref, analysis } of layers) {
    removeHidden(state, analysis);
    for (const [path, findings] of Object.entries(analysis.files)) {
      state.set(path, { findings, origins: originsFor(findings, state.get(path), ref) });
    }
    notes.push(...analysis.notes);
  }
  return collect(state, notes);
}

/**
 * Drops what a layer hides from the layers below it: a whited-out or shadowed path and
 * everything under it (a link that replaced a directory ends the directory), and everything
 * under an opaque directory. Each tracked path checks its own ancestors, so the cost follows
 * the few tracked paths, not the many links a layer may hold.
 */
function removeHidden(state: Map<string, PathState>, analysis: LayerAnalysis): void {
  if (analysis.opaqueDirs.length + analysis.whiteouts.length + analysis.shadowed.length === 0) {
    return;
  }
  const gone = new Set([...analysis.whiteouts, ...analysis.shadowed]);
  const opaque = new Set(analysis.opaqueDirs);
  for (const path of [...state.keys()]) {
    if (gone.has(path) || ancestors(path).some((dir) => gone.has(dir) || opaque.has(dir))) {
      state.delete(path);
    }
  }
}

/** `a/b/c` → `['', 'a', 'a/b']`: the root (an opaque root is written as '') and each folder. */
function ancestors(path: string): string[] {
  const result = [''];
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
    result.push(path.slice(0, slash));
  }
  return result;
}

/** A package keeps the layer it first appeared in while later layers rewrite the same file. */
function originsFor(
  findings: FileFinding[],
  previous: PathState | undefined,
  ref: LayerRef | undefined
): Map<string, LayerRef | undefined> {
  const origins = new Map<string, LayerRef | undefined>();
  for (const finding of findings) {
    for (const record of finding.result.packages ?? []) {
      const key = packageKey(record);
      origins.set(key, previous?.origins.has(key) ? previous.origins.get(key) : ref);
    }
  }
  return origins;
}

function collect(state: Map<string, PathState>, notes: string[]): MergedImage {
  const packages: MergedPackage[] = [];
  const owned = ownedFiles(state);
  let ownedLanguagePackages = 0;
  let os: { info: OsInfo; rank: number } | undefined;
  for (const [path, { findings, origins }] of state) {
    const osOwned = isOwned(path, owned);
    for (const finding of findings) {
      for (const note of finding.result.notes ?? []) {
        notes.push(note.startsWith(path) ? note : `${path}: ${note}`);
      }
      const found = finding.result.os;
      if (found && (!os || found.rank < os.rank)) {
        os = found;
      }
      for (const record of finding.result.packages ?? []) {
        if (osOwned && !isOsPackageType(record.type)) {
          ownedLanguagePackages++;
          continue;
        }
        const layer = origins.get(packageKey(record));
        packages.push(layer ? { record, location: path, layer } : { record, location: path });
      }
    }
  }
  if (ownedLanguagePackages > 0) {
    notes.push(
      `${ownedLanguagePackages} language package(s) found in files that OS packages installed are left to those OS packages, whose vendor advisories cover them`
    );
  }
  const licensed = withCopyrightLicenses(packages, state);
  // Two analyzers reading one broken file (a truncated ELF is Go's and Rust's) say it alike.
  const unique = [...new Set(notes)];
  return os
    ? { os: markDistroless(os.info, state), packages: licensed, notes: unique }
    : { packages: licensed, notes: unique };
}

/** Every file the surviving OS package databases and file lists say a package installed. */
function ownedFiles(state: Map<string, PathState>): Set<string> {
  const owned = new Set<string>();
  for (const { findings } of state.values()) {
    for (const { result } of findings) {
      for (const path of result.ownedFiles ?? []) {
        owned.add(path);
      }
    }
  }
  return owned;
}

/** Merged-/usr systems list `/bin/x` for what the image holds at `usr/bin/x`, and back. */
const mergedUsrDirs = /^(?:usr\/)?((?:bin|sbin|lib|lib32|lib64|libx32)\/.*)$/;

function isOwned(path: string, owned: ReadonlySet<string>): boolean {
  if (owned.size === 0) {
    return false;
  }
  if (owned.has(path)) {
    return true;
  }
  const merged = mergedUsrDirs.exec(path)?.[1];
  return merged !== undefined && (owned.has(merged) || owned.has(`usr/${merged}`));
}

/**
 * dpkg's database names no licence; each package's `usr/share/doc/<name>/copyright` does.
 * Only the copyright files that survived the merge count, so a whiteout or a rewrite in a
 * later layer applies to licences as it does to packages.
 */
function withCopyrightLicenses(
  packages: MergedPackage[],
  state: Map<string, PathState>
): MergedPackage[] {
  const byPackage = new Map<string, string[]>();
  for (const { findings } of state.values()) {
    for (const { result } of findings) {
      if (result.licenses && result.licenses.names.length > 0) {
        byPackage.set(result.licenses.package, result.licenses.names);
      }
    }
  }
  if (byPackage.size === 0) {
    return packages;
  }
  return packages.map((merged) => {
    const { record } = merged;
    const names =
      record.type === 'deb' && record.licenses.length === 0
        ? debLicenses(record, byPackage)
        : undefined;
    // A fresh record: the one in hand may belong to a cached layer analysis.
    return names ? { ...merged, record: { ...record, licenses: [...names] } } : merged;
  });
}

/**
 * The package's own copyright file, else that of the binary named like its source package.
 * Many doc folders are symlinks to a sibling's (`libgcc-s1 -> gcc-12-base`), which the walk
 * does not follow; the binary named after the source (`util-linux` for `libblkid1`) often
 * carries the same copyright and is the one sibling that can be found by name.
 */
function debLicenses(
  record: PackageRecord,
  byPackage: ReadonlyMap<string, string[]>
): string[] | undefined {
  const own = byPackage.get(bareName(record.name));
  if (own) {
    return own;
  }
  return record.source ? byPackage.get(bareName(record.source.name)) : undefined;
}

/** Multi-arch entries may be named `libfoo:amd64`; the doc folder is `libfoo`. */
function bareName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

function markDistroless(best: OsInfo, state: Map<string, PathState>): OsInfo {
  // Distroless Debian: packages listed per file under status.d and no dpkg status database.
  const perFileDpkg = [...state.keys()].some((path) => path.startsWith('var/lib/dpkg/status.d/'));
  const distroless = best.distroless || (perFileDpkg && !state.has('var/lib/dpkg/status'));
  return distroless === best.distroless ? best : { ...best, distroless };
}
