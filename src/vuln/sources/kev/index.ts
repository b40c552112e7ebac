import { basename, resolve } from 'node:path';
import { describeError, InputError, NotFoundError } from '../../../core/errors.js';
import { download, isHttpUrl } from '../../source/download.js';
import { readCapped, type CappedRead } from '../../source/read-capped.js';
import type {
  AdvisorySource,
  ExploitedItem,
  SourceContext,
  SourceItem,
} from '../../source/types.js';
import { describeZodIssues } from '../../source/zod-issues.js';
import { KevCatalog, KevEntry } from './kev-schema.js';

/** The catalog is about 1.5 MB; a file a hundred times that is not the catalog. */
export const maxCatalogBytes = 64 * 1024 * 1024;

/**
 * CISA's Known Exploited Vulnerabilities catalog
 * (`https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json`), as
 * a file or an `http(s)` URL. It holds no advisories: each entry says a CVE is exploited in the
 * wild, and every finding of that CVE, from whichever distribution's feed, then says so too.
 */
export const source: AdvisorySource<ExploitedItem | SourceItem> = {
  id: 'kev',
  description:
    "CISA's Known Exploited Vulnerabilities catalog (known_exploited_vulnerabilities.json), from a file or an http(s) URL: which CVEs are exploited in the wild",
  read,
};

async function* read(
  location: string,
  context: SourceContext
): AsyncGenerator<ExploitedItem | SourceItem> {
  const file = isHttpUrl(location)
    ? await download(location, context)
    : { path: resolve(location), name: basename(location) };
  const text = await readFile(file.path, location);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${location}: not JSON (${describeError(error)})`, { cause: error });
  }
  const catalog = KevCatalog.safeParse(parsed);
  if (!catalog.success) {
    throw new InputError(
      `${location}: not a known-exploited catalog: ${describeZodIssues(catalog.error.issues)}`
    );
  }
  for (const [index, raw] of catalog.data.vulnerabilities.entries()) {
    context.signal?.throwIfAborted();
    const origin = `${file.name}:vulnerabilities[${index}]`;
    const entry = KevEntry.safeParse(raw);
    if (!entry.success) {
      yield { kind: 'error', origin, message: describeZodIssues(entry.error.issues) };
      continue;
    }
    const { cveID, dateAdded, dueDate, knownRansomwareCampaignUse } = entry.data;
    yield {
      kind: 'exploited',
      cveId: cveID,
      exploited: {
        dateAdded,
        ransomware: knownRansomwareCampaignUse?.toLowerCase() === 'known',
        ...(dueDate !== undefined ? { dueDate } : {}),
      },
      origin,
    };
  }
}

async function readFile(path: string, location: string): Promise<string> {
  let read: CappedRead;
  try {
    read = await readCapped(path, maxCatalogBytes);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(`${location} does not exist`, { cause: error });
    }
    throw new InputError(`${location} cannot be read: ${describeError(error)}`, { cause: error });
  }
  if (!read.ok) {
    throw new InputError(
      `${location} is ${read.size} bytes, over the ${maxCatalogBytes}-byte cap for the catalog`
    );
  }
  return read.bytes.toString('utf8');
}
