import type { SemverVersion } from '../semver/parse.js';
import { fail, readNumber, readTail, type Reader } from '../semver/parse.js';

const dot = 46;
const hyphen = 45;
const plus = 43;

function startsWith(reader: Reader, word: string): boolean {
  return reader.text.startsWith(word, reader.position);
}

/** One to three numbers, `1`, `1.21`, `1.21.5`; a missing one is 0, as in x/mod/semver. */
function readCore(reader: Reader): string[] {
  const core = [readNumber(reader, 'the major version')];
  while (core.length < 3 && reader.text.charCodeAt(reader.position) === dot) {
    reader.position++;
    core.push(readNumber(reader, core.length === 1 ? 'the minor version' : 'the patch version'));
  }
  return core;
}

/**
 * A toolchain pre-release, `beta2` or `rc1`, read as the SemVer pre-release the Go
 * vulnerability database gives it: `go1.22rc1` is `v1.22.0-rc.1`.
 */
function readToolchainPrerelease(reader: Reader): string[] {
  const kind = startsWith(reader, 'beta') ? 'beta' : startsWith(reader, 'rc') ? 'rc' : '';
  if (kind === '') {
    fail(reader, `unexpected ${JSON.stringify(reader.text.charAt(reader.position))}`);
  }
  reader.position += kind.length;
  const number = readNumber(reader, `the ${kind} number`);
  if (reader.position < reader.text.length) {
    fail(reader, `unexpected ${JSON.stringify(reader.text.charAt(reader.position))}`);
  }
  return [kind, number];
}

function padded(core: string[]): string[] {
  while (core.length < 3) {
    core.push('0');
  }
  return core;
}

/** `go1.21.5`, `go1.20`, `go1.22rc1`, `go1`: a Go release as the toolchain names it. */
function readToolchain(reader: Reader): SemverVersion {
  const core = padded(readCore(reader));
  const atEnd = reader.position === reader.text.length;
  return { core, prerelease: atEnd ? [] : readToolchainPrerelease(reader) };
}

/**
 * `v1.2.3-pre+build`, or the same without the `v` as OSV writes Go versions. As in
 * x/mod/semver, `v1` and `v1.2` are short for `v1.0.0` and `v1.2.0` and can carry neither
 * pre-release nor build. Without a `v`, a toolchain pre-release (`1.22rc1`) is also read,
 * since the standard library's versions come both ways.
 */
function readModule(reader: Reader, bare: boolean): SemverVersion {
  const core = readCore(reader);
  const next = reader.text.charCodeAt(reader.position);
  if (reader.position === reader.text.length) {
    return { core: padded(core), prerelease: [] };
  }
  if (next === hyphen || next === plus) {
    if (core.length < 3) {
      fail(reader, 'a shortened version cannot carry a pre-release or build');
    }
    return { core, prerelease: readTail(reader) };
  }
  if (bare) {
    return { core: padded(core), prerelease: readToolchainPrerelease(reader) };
  }
  return fail(reader, `unexpected ${JSON.stringify(reader.text.charAt(reader.position))}`);
}

/**
 * Reads a Go version into the SemVer terms it orders by: a module version (`v1.2.3`,
 * pseudo-versions, `+incompatible`), a toolchain version (`go1.21.5`, `go1.22rc1`), or either
 * without its prefix as OSV lists them (`1.2.3`, `1.21.5`, `0`).
 */
export function parseGoVersion(text: string): SemverVersion {
  const reader: Reader = { scheme: 'go', text, position: 0 };
  if (startsWith(reader, 'go')) {
    reader.position = 2;
    return readToolchain(reader);
  }
  if (startsWith(reader, 'v')) {
    reader.position = 1;
    return readModule(reader, false);
  }
  return readModule(reader, true);
}
