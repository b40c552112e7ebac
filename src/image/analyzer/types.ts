import type { OsInfo } from '../../core/os.js';
import type { PackageRecord } from '../../core/package.js';

/** One regular file handed to an analyzer: its path inside the image and its whole content. */
export interface AnalyzerFile {
  /** Relative, normalised, no leading slash: `var/lib/dpkg/status`. */
  path: string;
  content: Buffer;
}

/**
 * What an analyzer found in one file. Results are kept per file path so that a later layer
 * that deletes or rewrites the file removes or replaces exactly what the file contributed.
 */
export interface AnalyzerResult {
  packages?: PackageRecord[];
  /**
   * An OS identification. Several files may name the OS (os-release, debian_version…);
   * among those that survive the layer merge the lowest `rank` wins.
   */
  os?: { info: OsInfo; rank: number };
  /**
   * Licences a file declares for a package it does not list itself: Debian keeps them in
   * `usr/share/doc/<package>/copyright`, apart from the dpkg database. The merge gives them
   * to the installed package of that name, so a later layer's rewrite or whiteout of the
   * file changes them like any other finding.
   */
  licenses?: { package: string; names: string[] };
  /** Something a person should know: a record that could not be parsed, a capped file. */
  notes?: string[];
  /**
   * Files the OS package database says its packages installed (`usr/lib/python3/dist-packages/
   * six-1.16.0.dist-info/METADATA`), normalised like walk paths. A language manifest at one of
   * these paths belongs to the OS package, which its vendor's advisories cover: the merge drops
   * it, so one vulnerability is not counted twice.
   */
  ownedFiles?: string[];
}

/** How many leading bytes `wantsExecutable` is shown. */
export const sniffLength = 64;

/**
 * A layer analyzer: a pure function from file bytes to records. It never touches the
 * network or the disk, so it is fast to test and safe to run on hostile input.
 *
 * Analyzers are registered in `api.ts`. Bump `version` whenever the output for the same
 * input could change: cached layer results are keyed by it.
 */
export interface Analyzer {
  /** Short kebab-case name: `dpkg`, `apk`, `rpm`, `os-release`. */
  readonly id: string;
  readonly version: number;
  readonly description: string;
  /** Largest file this analyzer reads; a larger one becomes a note, never a silent skip. */
  readonly maxFileSize: number;
  /** Decides from the path alone (`var/lib/dpkg/status`, `lib/apk/db/installed`). */
  wants(path: string): boolean;
  /**
   * Decides about an executable regular file (any x bit) that `wants` refused, from its first
   * `sniffLength` bytes (fewer when the file is shorter): Go and Rust programs are found by
   * their ELF header, whatever they are called.
   */
  wantsExecutable?(head: Buffer): boolean;
  /**
   * What a file this analyzer cannot read does to the scan. `stop`: the scan fails, naming
   * the layer and path, because an OS package list with a hole in it must never pass for a
   * whole one. `note`: the fault becomes a note for that path and the scan goes on, because
   * one broken `package.json` among thousands says nothing about the rest.
   */
  readonly onUnreadable: 'stop' | 'note';
  /**
   * Turns one file into records. A file it cannot read throws an InputError saying what is
   * wrong; `onUnreadable` decides what happens next.
   */
  analyze(file: AnalyzerFile): AnalyzerResult | Promise<AnalyzerResult>;
}
