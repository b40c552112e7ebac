import { readFileSync } from 'node:fs';

/**
 * The package version, read from package.json once. The compiled file sits one folder
 * deeper (dist/src/core) than the source (src/core), so both places are tried.
 */
function readVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (parsed.name === 'palisade' && typeof parsed.version === 'string') {
        return parsed.version;
      }
    } catch {
      // try the next location
    }
  }
  return '0.0.0-unknown';
}

export const toolVersion = readVersion();
