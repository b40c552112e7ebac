import type { AdvisorySource, SourceContext, SourceItem } from '../../source/types.js';
import { packageItems, shown } from './convert.js';
import { fileChunks, locate } from './location.js';
import { readPackageTexts } from './package-scanner.js';

/**
 * The Debian security tracker's JSON (`https://security-tracker.debian.org/tracker/data/json`),
 * from a file or an `http(s)` URL, converted into OSV records for the ecosystems `Debian:<n>`.
 * The file is about 100 MB and is read as a stream, one source package at a time.
 */
export const source: AdvisorySource<SourceItem> = {
  id: 'debian-tracker',
  description:
    "The Debian security tracker's JSON (security-tracker.debian.org/tracker/data/json), from a file or an http(s) URL, as OSV records for Debian:<release>",
  read,
};

async function* read(location: string, context: SourceContext): AsyncGenerator<SourceItem> {
  const file = await locate(location, context);
  const unnumbered = new Set<string>();
  const packageContext = {
    file: file.name,
    onUnnumbered: (codename: string): void => {
      if (!unnumbered.has(codename)) {
        unnumbered.add(codename);
        context.logger.debug({ codename }, 'debian-tracker: skipping a release with no number');
      }
    },
  };
  for await (const text of readPackageTexts(fileChunks(file), file.label)) {
    context.signal?.throwIfAborted();
    if (text.kind === 'unreadable') {
      yield { kind: 'error', origin: `${file.name}:${shown(text.name)}`, message: text.reason };
      continue;
    }
    yield* packageItems(text.name, text.bytes, packageContext);
  }
}
