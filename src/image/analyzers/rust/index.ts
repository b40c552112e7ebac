import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { isElf, readElf } from '../../elf/reader.js';
import { readAuditable } from './auditable.js';
import { parseCargoLock } from './cargo-lock.js';

/**
 * Cargo's own download cache (`~/.cargo`, `/usr/local/cargo` in the official Rust images) holds
 * the sources of dependencies, some with their own Cargo.lock: those list what the library was
 * tested with, not what anything in the image was built from.
 */
const cargoCache = /(^|\/)\.?cargo\/(registry|git)\//;

function wantsLock(path: string): boolean {
  return (path === 'Cargo.lock' || path.endsWith('/Cargo.lock')) && !cargoCache.test(path);
}

function withNotes(packages: AnalyzerResult['packages'], notes: string[]): AnalyzerResult {
  return notes.length > 0 ? { packages, notes } : { packages };
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  if (wantsLock(file.path)) {
    const lock = parseCargoLock(file.content);
    return withNotes(lock.packages, lock.notes);
  }
  // Otherwise the walker chose it as an executable by its ELF magic.
  const auditable = readAuditable(file.content, readElf(file.content));
  if (!auditable) {
    // Rust programs built without cargo-auditable, and every C program, list nothing.
    return { packages: [] };
  }
  return withNotes(auditable.packages, auditable.notes);
}

export const analyzer: Analyzer = {
  id: 'rust',
  version: 1,
  onUnreadable: 'note',
  description: 'crates.io crates from Cargo.lock files and cargo-auditable Rust programs',
  maxFileSize: 512 * 1024 * 1024,
  wants: wantsLock,
  wantsExecutable: isElf,
  analyze,
};
