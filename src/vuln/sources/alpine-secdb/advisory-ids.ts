/**
 * One entry of a secfixes list is meant to be one advisory id, but Alpine's maintainers write
 * free text there too: `CVE-2016-6258 XSA-182`, `CVE-2017-16808 (AoE)`, `CVE_2019-2426`. An
 * entry is read as whitespace-separated words after dropping parenthesised comments, and
 * each word is kept if it is a well-formed id of a known kind. Comments and the
 * `CVE-????-?????` placeholder are dropped without a word: they are meant, not mistakes.
 */

const cvePattern = /^CVE-\d{4}-\d{4,}$/;

/**
 * Other advisory databases Alpine cites beside or instead of a CVE. Each has a fixed form, so
 * a typo (`CVE-2017-17434-1`, `CVE-2019-19451.patch`) is not mistaken for an id.
 */
const otherIdPatterns: readonly RegExp[] = [
  /^XSA-\d+$/, // Xen security advisories
  /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/, // GitHub advisories
  /^TALOS-\d{4}-\d{4}$/, // Cisco Talos reports
  /^ZBX-\d+$/, // Zabbix issues
  /^wnpa-sec-\d{4}-\d+$/, // Wireshark advisories
];

/** Comments in parentheses, such as `(AoE)` or `(SMB - partially fixed, …)`, not nested. */
const commentPattern = /\([^()]*\)/g;

/**
 * `CVE-????-?????`: Alpine's mark for "no CVE assigned yet", written beside the id that names
 * the flaw (`CVE-????-?????  XSA-295`). It names nothing, so it is dropped like a comment.
 */
const placeholderPattern = /^CVE-\?+-\?+$/;

export interface EntryIds {
  /** Well-formed CVE ids, in the order written. */
  cves: string[];
  /** Well-formed ids of the other known kinds. */
  others: string[];
  /** Words that are neither: reported, never guessed at. */
  unknown: string[];
}

export function splitEntry(entry: string): EntryIds {
  const words = entry
    .replace(commentPattern, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !placeholderPattern.test(word));
  const ids: EntryIds = { cves: [], others: [], unknown: [] };
  for (const word of words) {
    if (cvePattern.test(word)) {
      ids.cves.push(word);
    } else if (otherIdPatterns.some((pattern) => pattern.test(word))) {
      ids.others.push(word);
    } else {
      ids.unknown.push(word);
    }
  }
  return ids;
}
