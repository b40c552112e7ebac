import { OsvRecord, type OsvAffected } from '../../osv/schema.js';
import type { SourceItem } from '../../source/types.js';
import { releaseOutcome } from './affected-entry.js';
import { TrackerIssue } from './tracker-schema.js';
import { describeZodIssues } from '../../source/zod-issues.js';

/**
 * The tracker's JSON carries no dates at all. A fixed `modified` keeps the conversion a pure
 * function of the file: two imports of the same file store the same records.
 */
export const trackerModified = '1970-01-01T00:00:00Z';

const cveId = /^CVE-\d{4}-\d{4,}$/;

/** Decoding is stateless without `stream`, so one decoder serves every package. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Longest package name or issue id written into an origin; the rest is cut. */
const shownLength = 200;

export interface PackageContext {
  /** Prefix of every origin: the file's name (`json`, `tracker.json`). */
  file: string;
  /** Told once per codename that has no Debian release number (`sid`, or one we do not know). */
  onUnnumbered: (codename: string) => void;
}

/** A name as origins show it: cut when long, so a hostile name cannot flood the report. */
export function shown(text: string): string {
  return text.length > shownLength ? `${text.slice(0, shownLength)}…` : text;
}

/**
 * Turns one source package's JSON text into items: one record per issue that affects at
 * least one numbered release, and one error item per thing that could not be read. A problem
 * in one issue, or in one release of an issue, is reported and the rest is still converted.
 */
export function* packageItems(
  packageName: string,
  bytes: Uint8Array,
  context: PackageContext
): Generator<SourceItem> {
  const origin = `${context.file}:${shown(packageName)}`;
  const parsed = parsePackage(bytes);
  if (!parsed.ok) {
    yield { kind: 'error', origin, message: parsed.message };
    return;
  }
  if (packageName === '') {
    yield { kind: 'error', origin, message: 'the package name is empty' };
    return;
  }
  for (const [issue, value] of Object.entries(parsed.issues)) {
    yield* issueItems(packageName, issue, value, context);
  }
}

type ParsedPackage = { ok: true; issues: Record<string, unknown> } | { ok: false; message: string };

function parsePackage(bytes: Uint8Array): ParsedPackage {
  let text: string;
  try {
    // Fatal decoding: mangled bytes are reported, not stored as U+FFFD in a description.
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, message: 'not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The first line names the problem and its position; anything after it is a snippet.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not valid JSON: ${message.split('\n')[0] ?? ''}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'not an object of issues' };
  }
  return { ok: true, issues: value as Record<string, unknown> };
}

function* issueItems(
  packageName: string,
  issue: string,
  value: unknown,
  context: PackageContext
): Generator<SourceItem> {
  const origin = `${context.file}:${shown(packageName)}/${shown(issue)}`;
  const parsed = TrackerIssue.safeParse(value);
  if (!parsed.success) {
    const message = `not a tracker issue: ${describeZodIssues(parsed.error.issues)}`;
    yield { kind: 'error', origin, message };
    return;
  }
  const affected: OsvAffected[] = [];
  for (const [codename, release] of Object.entries(parsed.data.releases)) {
    const outcome = releaseOutcome(packageName, codename, release);
    if (outcome.kind === 'entry') {
      affected.push(outcome.entry);
    } else if (outcome.kind === 'error') {
      yield { kind: 'error', origin, message: outcome.message };
    } else if (outcome.reason === 'unnumbered release') {
      context.onUnnumbered(codename);
    }
  }
  if (affected.length === 0) {
    // Not affected, undetermined or sid only: a record matching nothing would be noise.
    return;
  }
  const result = OsvRecord.safeParse(recordOf(packageName, issue, parsed.data, affected));
  if (!result.success) {
    const message = `not a valid OSV record: ${describeZodIssues(result.error.issues)}`;
    yield { kind: 'error', origin, message };
    return;
  }
  yield { kind: 'record', record: result.data, origin };
}

/**
 * One record per source package and issue, not per issue: the file is read one package at a
 * time, so the packages sharing a CVE (`openssl` and `openssl1.1`, `linux` and
 * `linux-6.1`) cannot be merged into one record without holding the whole file, and the
 * database keeps one record per id.
 */
function recordOf(
  packageName: string,
  issue: string,
  data: TrackerIssue,
  affected: OsvAffected[]
): OsvRecord {
  const references = [
    {
      type: 'WEB',
      url: `https://security-tracker.debian.org/tracker/${encodeURIComponent(issue)}`,
    },
  ];
  if (data.debianbug !== undefined) {
    references.push({ type: 'REPORT', url: `https://bugs.debian.org/${data.debianbug}` });
  }
  const specific: Record<string, unknown> = { package: packageName, issue };
  if (data.scope !== undefined) {
    specific['scope'] = data.scope;
  }
  if (data.debianbug !== undefined) {
    specific['debianbug'] = data.debianbug;
  }
  return {
    id: `DEBIAN-TRACKER-${issue}:${packageName}`,
    modified: trackerModified,
    ...(cveId.test(issue) ? { aliases: [issue] } : {}),
    ...(data.description !== undefined && data.description !== ''
      ? { details: data.description }
      : {}),
    affected,
    references,
    database_specific: specific,
  };
}
