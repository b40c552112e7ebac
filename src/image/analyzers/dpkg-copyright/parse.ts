/**
 * Reads the licences a Debian `copyright` file declares.
 *
 * Machine-readable files (DEP-5, copyright-format 1.0) name them in their `License:` fields;
 * only the first line of each field counts, because that is the short name and the lines
 * below it are the licence text. Free-text files are read only for pointers to the licence
 * texts Debian ships in /usr/share/common-licenses: anything else in prose is a guess.
 */
export function copyrightLicenses(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return isMachineReadable(lines) ? fieldLicenses(lines) : pointedLicenses(text);
}

/** DEP-5 files open with a Format field (Format-Specification in the pre-1.0 drafts). */
function isMachineReadable(lines: readonly string[]): boolean {
  const first = lines.find((line) => line.trim() !== '' && !line.startsWith('#'));
  return first !== undefined && /^format(-specification)?:/i.test(first);
}

function fieldLicenses(lines: readonly string[]): string[] {
  const names = new Set<string>();
  for (const line of lines) {
    // Field names are case-insensitive; continuation lines start with a space or tab, so
    // licence text that happens to say "License:" is never taken for a field.
    const field = /^license:(.*)$/i.exec(line);
    for (const name of splitExpression(field?.[1] ?? '')) {
      names.add(spdxName(name));
    }
  }
  return [...names];
}

/**
 * `GPL-2+ or Artistic`, `GPL-1+ or Artistic, and Expat`, `ISC and/or LGPL-2.1+`: the names,
 * without the operators. Some packages join with underscores (`LGPLv3+_or_GPLv2+`).
 * `with <keywords> exception` stays part of the name it qualifies.
 */
function splitExpression(expression: string): string[] {
  return expression
    .split(/\s*,\s*(?:(?:and|or)[\s_]+)?|[\s_]+(?:and\/or|and|or)[\s_]+/i)
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter((name) => name !== '');
}

/**
 * The texts in Debian's /usr/share/common-licenses. A pointer names the text, not whether
 * later versions apply (`GPL-2` is pointed at by "version 2 or later" packages too), so the
 * names are kept as they are rather than turned into `-only` SPDX ids.
 */
const commonLicenses = new Set([
  'Apache-2.0',
  'Artistic',
  'BSD',
  'CC0-1.0',
  'GFDL',
  'GFDL-1.2',
  'GFDL-1.3',
  'GPL',
  'GPL-1',
  'GPL-2',
  'GPL-3',
  'LGPL',
  'LGPL-2',
  'LGPL-2.1',
  'LGPL-3',
  'MPL-1.1',
  'MPL-2.0',
]);

function pointedLicenses(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\/usr\/share\/common-licenses\/([\w.+-]+)/g)) {
    // A sentence may end right after the path: `.../GPL-2.` names GPL-2.
    const name = (match[1] ?? '').replace(/\.+$/, '');
    if (commonLicenses.has(name)) {
      names.add(name);
    }
  }
  return [...names];
}

/** Debian short names whose SPDX id is not in doubt, by lower-case name. */
const spdxByName = new Map<string, string>([
  ['expat', 'MIT'],
  ['mit', 'MIT'],
  ['zlib', 'Zlib'],
  ['isc', 'ISC'],
  ['cc0', 'CC0-1.0'],
  ['cc0-1.0', 'CC0-1.0'],
  ['artistic-2', 'Artistic-2.0'],
  ['artistic-2.0', 'Artistic-2.0'],
  ['mpl-1.1', 'MPL-1.1'],
  ['mpl-2', 'MPL-2.0'],
  ['mpl-2.0', 'MPL-2.0'],
  ['sleepycat', 'Sleepycat'],
  ['fsfap', 'FSFAP'],
  ['fsful', 'FSFUL'],
  ['fsfullr', 'FSFULLR'],
  ['x11', 'X11'],
  ['openssl', 'OpenSSL'],
  ['unlicense', 'Unlicense'],
  ['wtfpl', 'WTFPL'],
  ['0bsd', '0BSD'],
  ['bsl-1.0', 'BSL-1.0'],
  ['epl-1.0', 'EPL-1.0'],
  ['epl-2.0', 'EPL-2.0'],
  ['cddl-1.0', 'CDDL-1.0'],
  ['ofl-1.1', 'OFL-1.1'],
  ['cc-by-3.0', 'CC-BY-3.0'],
  ['cc-by-4.0', 'CC-BY-4.0'],
  ['cc-by-sa-3.0', 'CC-BY-SA-3.0'],
  ['cc-by-sa-4.0', 'CC-BY-SA-4.0'],
]);

/** The versions SPDX has an id for, per GNU licence; `GFDL-1` or `GPL-4` stay unmapped. */
const gnuVersions: Record<string, readonly string[]> = {
  GPL: ['1.0', '2.0', '3.0'],
  LGPL: ['2.0', '2.1', '3.0'],
  AGPL: ['1.0', '3.0'],
  GFDL: ['1.1', '1.2', '1.3'],
};

/**
 * A Debian short name as its SPDX id where that is unambiguous, else unchanged. In DEP-5 a
 * trailing `+` means "or any later version" and its absence means that version only, which
 * is exactly SPDX's `-or-later` / `-only`. Bare `GPL`, `LGPL`, `BSD`, `Artistic` (Perl's
 * Artistic-1.0-Perl or the original?) and names with an exception are not, and stay.
 */
export function spdxName(name: string): string {
  const known = spdxByName.get(name.toLowerCase());
  if (known) {
    return known;
  }
  const gnu = /^(a?gpl|lgpl|gfdl)[-_]?v?(\d)(?:\.(\d))?(\+)?$/i.exec(name);
  if (gnu) {
    const family = (gnu[1] ?? '').toUpperCase();
    const version = `${gnu[2] ?? ''}.${gnu[3] ?? '0'}`;
    if (gnuVersions[family]?.includes(version)) {
      return `${family}-${version}-${gnu[4] ? 'or-later' : 'only'}`;
    }
    return name;
  }
  const bsd = /^bsd-([234])-clause$/i.exec(name);
  if (bsd) {
    return `BSD-${bsd[1] ?? ''}-Clause`;
  }
  const apache = /^apache-(2|2\.0|1\.0|1\.1)$/i.exec(name);
  if (apache) {
    return `Apache-${apache[1] === '2' ? '2.0' : (apache[1] ?? '')}`;
  }
  return name;
}
