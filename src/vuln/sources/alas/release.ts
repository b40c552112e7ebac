/** Which Amazon Linux an update is for, read from its id. */
export interface AlasRelease {
  /** The release as the image's os-release names it: `2018.03`, `2`, `2022`, `2023`. */
  release: string;
  /**
   * The Extras part of the id, lower-cased (`kernel-5.10`, `livepatch`, `ecs`), for updates to
   * optional package sets; undefined for the release's core packages.
   */
  extra?: string;
}

/**
 * `ALAS-2018-1058` (Amazon Linux 1), `ALAS2-2019-1234`, `ALAS2022-2022-001`,
 * `ALAS2023-2023-123`, and updates to an Extras topic, which carry the topic between the
 * release and the year: `ALAS2KERNEL-5.10-2022-002`, `ALAS2LIVEPATCH-2023-001`,
 * `ALAS2ECS-2023-001`, `ALAS2NITRO-ENCLAVES-2022-001`. The year and number close every id, so
 * the topic is whatever lies between. Amazon Linux 1 had no topics in its ids.
 *
 * Every `-` separates two non-empty parts, so the pattern cannot backtrack badly.
 */
const idPattern =
  /^ALAS(?:(?<release>2023|2022|2)(?<extra>[A-Z][A-Z0-9._]*(?:-[A-Z0-9][A-Z0-9._]*)*)?)?-\d{4}-\d+$/;

/** Longer than any real id; longer ones are not even matched. */
const maxIdLength = 128;

/**
 * The release an ALAS id belongs to, or undefined for an id that is not an ALAS id. The id is
 * the only reliable place: updateinfo.xml has no field for the release, and a mirror's file
 * name or URL says nothing we could trust.
 */
export function releaseOfId(id: string): AlasRelease | undefined {
  if (id.length > maxIdLength) {
    return undefined;
  }
  const groups = idPattern.exec(id)?.groups;
  if (!groups) {
    return undefined;
  }
  const release = groups.release ?? '2018.03';
  const extra = groups.extra;
  return extra === undefined ? { release } : { release, extra: extra.toLowerCase() };
}
