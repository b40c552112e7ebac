import { basename } from 'node:path';
import { parseIgnoreYaml } from './ignore-yaml.js';
import { maxIgnoreFileBytes } from './limits.js';
import { readPolicyText } from './read-text.js';
import { parseTrivyIgnore } from './trivy-ignore.js';
import type { IgnoreList } from './types.js';

/** The ignore file a scan reads from the working directory when none is named. */
export const defaultIgnoreFile = '.palisadeignore.yaml';

export type IgnoreFormat = 'yaml' | 'trivyignore';

/**
 * Which format a file is in. The name decides when it can: `*.yaml`/`*.yml` is YAML, and
 * `.trivyignore` (or `*.trivyignore`) Trivy's format. Otherwise the content does: a YAML list
 * starts with `-`, `[` or `---` on its first line that is not blank or a comment, and no
 * vulnerability id does.
 */
export function ignoreFormatOf(path: string, content: string): IgnoreFormat {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.yaml') || name.endsWith('.yml')) {
    return 'yaml';
  }
  if (name.endsWith('.trivyignore')) {
    return 'trivyignore';
  }
  const first = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('#'));
  return first !== undefined && /^(-|\[|---)/.test(first) ? 'yaml' : 'trivyignore';
}

/** Parses an ignore file's content in whichever format it is in; `source` names it in messages. */
export function parseIgnoreFile(content: string, source: string): IgnoreList {
  return ignoreFormatOf(source, content) === 'yaml'
    ? parseIgnoreYaml(content, source)
    : parseTrivyIgnore(content, source);
}

/**
 * Reads and parses an ignore file. A missing file is a NotFoundError: when the user named it,
 * that is their mistake; a CLI reading `defaultIgnoreFile` unasked should check it exists first.
 */
export async function readIgnoreFile(path: string): Promise<IgnoreList> {
  const content = await readPolicyText(path, 'ignore file', maxIgnoreFileBytes);
  return parseIgnoreFile(content, path);
}
