import type { OsvAffected, OsvEvent } from '../../osv/schema.js';
import { scheme as dpkg } from '../../versions/dpkg/index.js';
import { debianMajor } from './releases.js';
import { TrackerRelease } from './tracker-schema.js';
import { describeZodIssues } from '../../source/zod-issues.js';

/**
 * What one release of one issue becomes: an `affected` entry, nothing (with why), or a
 * problem to report.
 */
export type ReleaseOutcome =
  | { kind: 'entry'; entry: OsvAffected }
  | { kind: 'skipped'; reason: 'unnumbered release' | 'not affected' | 'undetermined' }
  | { kind: 'error'; message: string };

/** `database_specific.status` of an entry: what the tracker says of the release. */
export type EntryStatus = 'fixed' | 'affected' | 'end-of-life';

/** The tracker marks an urgency NVD assigned, rather than the security team, with `**`. */
const nvdMark = '**';

/**
 * The `affected` entry for `packageName` in the release `codename`, from the tracker's
 * `releases.<codename>` value:
 *
 * - `resolved` with a fixed version: affected from the start up to that version;
 * - `resolved` with fixed version `0`: the release never had the flaw, so no entry;
 * - `open`: affected, no fix (yet, or ever when the urgency is `end-of-life`); `no-dsa`,
 *   `ignored` and `postponed` issues are still open, and say so in the entry;
 * - `undetermined`: nobody has checked, so no entry rather than a guess.
 */
export function releaseOutcome(
  packageName: string,
  codename: string,
  value: unknown
): ReleaseOutcome {
  const major = debianMajor(codename);
  if (major === undefined) {
    return { kind: 'skipped', reason: 'unnumbered release' };
  }
  const parsed = TrackerRelease.safeParse(value);
  if (!parsed.success) {
    return { kind: 'error', message: `${codename}: ${describeZodIssues(parsed.error.issues)}` };
  }
  const release = parsed.data;
  const ecosystem = `Debian:${major}`;
  switch (release.status) {
    case 'undetermined':
      return { kind: 'skipped', reason: 'undetermined' };
    case 'open': {
      // An open issue has no fixed version in this release; one written anyway would belong
      // to another release (the tracker only writes it for `resolved`), so it is not used.
      const status = release.urgency === 'end-of-life' ? 'end-of-life' : 'affected';
      const details = trackerDetails(codename, status, release);
      return {
        kind: 'entry',
        entry: entryOf(ecosystem, packageName, [{ introduced: '0' }], details),
      };
    }
    case 'resolved':
      return resolved(ecosystem, packageName, codename, release);
    default:
      return {
        kind: 'error',
        message: `${codename}: unknown status ${JSON.stringify(release.status.slice(0, 100))}`,
      };
  }
}

function resolved(
  ecosystem: string,
  packageName: string,
  codename: string,
  release: TrackerRelease
): ReleaseOutcome {
  const fixed = release.fixed_version;
  if (fixed === '0') {
    return { kind: 'skipped', reason: 'not affected' };
  }
  if (fixed === undefined || fixed === '') {
    // Without the version that fixed it, any verdict would be a guess.
    return { kind: 'error', message: `${codename}: resolved, but no fixed_version` };
  }
  if (!dpkg.isValid(fixed)) {
    return {
      kind: 'error',
      message: `${codename}: fixed_version ${JSON.stringify(fixed.slice(0, 200))} is not a valid dpkg version`,
    };
  }
  const events = [{ introduced: '0' }, { fixed }];
  const details = trackerDetails(codename, 'fixed', release);
  return { kind: 'entry', entry: entryOf(ecosystem, packageName, events, details) };
}

function entryOf(
  ecosystem: string,
  packageName: string,
  events: OsvEvent[],
  details: Record<string, unknown>
): OsvAffected {
  return {
    package: { ecosystem, name: packageName },
    ranges: [{ type: 'ECOSYSTEM', events }],
    database_specific: details,
  };
}

/**
 * What the tracker says beyond the range, kept for the severity and the report: the urgency
 * (the severity Debian gives the issue in this release) and the no-DSA note.
 */
function trackerDetails(
  codename: string,
  status: EntryStatus,
  release: TrackerRelease
): Record<string, unknown> {
  const details: Record<string, unknown> = { codename, status };
  const urgency = release.urgency;
  // `end-of-life` is no severity: it is why no fix will come, and the status says so.
  if (urgency !== undefined && urgency !== '' && urgency !== 'end-of-life') {
    if (urgency.endsWith(nvdMark)) {
      details['urgency'] = urgency.slice(0, -nvdMark.length);
      details['urgency_from_nvd'] = true;
    } else {
      details['urgency'] = urgency;
    }
  }
  if (release.nodsa !== undefined) {
    details['nodsa'] = release.nodsa;
  }
  if (release.nodsa_reason !== undefined) {
    details['nodsa_reason'] = release.nodsa_reason;
  }
  return details;
}
