import { InputError } from '../../core/errors.js';
import { repositoryOf, withoutTagOrDigest, withRegistry } from './image-reference.js';
import { quote } from './ip-list.js';

export interface ImagePattern {
  /** The line as written (comment and blanks removed): what a match reports. */
  entry: string;
  /** The normalised repository, or a glob over normalised repositories. */
  repository: string;
  glob: boolean;
}

const allowed = /^[a-z0-9._\-/:@*]+$/;

/**
 * Image repositories, one per line, `#` starting a comment: `xmrig/xmrig`,
 * `docker.io/metal3d/xmrig`, `*\/xmrig*`. An entry is normalised as Docker would
 * (`xmrig/xmrig` is `docker.io/xmrig/xmrig`); a tag or digest in it is ignored, as it is in the
 * images matched. `*` matches any run of characters, `/` included. An entry that starts with
 * `*` is matched against the whole normalised name as written (`*\/xmrig` matches the repository
 * `xmrig` of any namespace on any registry).
 */
export function parseImageList(text: string, origin: string): ImagePattern[] {
  const patterns: ImagePattern[] = [];
  let lineNumber = 0;
  for (const raw of text.split('\n')) {
    lineNumber += 1;
    const hash = raw.indexOf('#');
    const entry = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (entry === '') {
      continue;
    }
    const problem = problemOf(entry);
    if (problem !== undefined) {
      throw new InputError(`${origin}:${lineNumber}: ${quote(entry)}: ${problem}`);
    }
    const name = withoutTagOrDigest(entry.toLowerCase());
    if (!name.includes('*')) {
      patterns.push({ entry, repository: withRegistry(name), glob: false });
      continue;
    }
    const repository = name.startsWith('*') ? name : withRegistry(name);
    patterns.push({ entry, repository, glob: true });
  }
  return patterns;
}

function problemOf(entry: string): string | undefined {
  const lower = entry.toLowerCase();
  if (!allowed.test(lower)) {
    return 'not an image repository (letters, digits, . _ - / : @ and * only, one per line)';
  }
  const name = withoutTagOrDigest(lower);
  if (name === '' || name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return 'not an image repository';
  }
  if (name.replace(/[*/]/g, '') === '') {
    return 'matches every image';
  }
  return undefined;
}

/**
 * `*` as any run of characters, without a regular expression: image names come from requests,
 * and a pattern of several `*` would let a long name make a backtracking engine crawl. This
 * is the greedy matcher that returns to the last `*`: at most length × length steps.
 */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (pattern[p] === '*') {
      star = p;
      p += 1;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p += 1;
      t += 1;
    } else if (star !== -1) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') {
    p += 1;
  }
  return p === pattern.length;
}

/** Exact repositories by hash, globs in list order: the entry that matched, or undefined. */
export class ImageMatcher {
  private readonly exact = new Map<string, string>();
  private readonly globs: ImagePattern[] = [];

  constructor(patterns: Iterable<ImagePattern>) {
    for (const pattern of patterns) {
      if (pattern.glob) {
        this.globs.push(pattern);
      } else if (!this.exact.has(pattern.repository)) {
        this.exact.set(pattern.repository, pattern.entry);
      }
    }
  }

  get size(): number {
    return this.exact.size + this.globs.length;
  }

  match(image: string): string | undefined {
    if (this.size === 0) {
      return undefined;
    }
    const repository = repositoryOf(image);
    if (repository === undefined) {
      return undefined;
    }
    const exact = this.exact.get(repository);
    if (exact !== undefined) {
      return exact;
    }
    return this.globs.find((pattern) => globMatches(pattern.repository, repository))?.entry;
  }
}
