/**
 * What our own SPDX output says in `sourceInfo` (src/report/spdx/spdx-packages.ts):
 * `listed in var/lib/dpkg/status in layer sha256:…[, …]; built from source package util-linux
 * 2.38.1-5+deb12u1`. SPDX has no field for the package database or the source package's
 * version, and the version decides Debian matches, so it is read back from this text, but only
 * in documents Palisade wrote: other tools' free text is not ours to parse.
 */
export interface PalisadeSourceInfo {
  location?: string;
  source?: { name: string; version?: string };
}

const listedIn = /^listed in (?<location>[^,;]+?)(?: in layer [^,;]+)?(?:[,;]|$)/;
const builtFrom = /(?:^|; )built from source package (?<name>\S+)(?: (?<version>\S+))?$/;

export function parseSourceInfo(text: string): PalisadeSourceInfo {
  const location = listedIn.exec(text)?.groups?.['location'];
  const built = builtFrom.exec(text)?.groups;
  const name = built?.['name'];
  const version = built?.['version'];
  return {
    ...(location ? { location } : {}),
    ...(name ? { source: { name, ...(version ? { version } : {}) } } : {}),
  };
}

/** Whether Palisade wrote the document: its creators name the tool (`Tool: palisade-0.1.0`). */
export function writtenByPalisade(creators: readonly string[] | undefined): boolean {
  return (creators ?? []).some((creator) => /^Tool:\s*palisade-/.test(creator));
}
