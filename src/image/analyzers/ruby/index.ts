import { InputError } from '../../../core/errors.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { readGemspec } from './gemspec.js';

/**
 * RubyGems keeps one generated gemspec per installed gem in the `specifications/` folder of
 * each gem home (`usr/local/lib/ruby/gems/3.3.0/`, `usr/local/bundle/`, `var/lib/gems/3.1.0/`,
 * Debian's `usr/share/rubygems-integration/all/`), and default gems in `specifications/default/`.
 * A gem's own development gemspec (`app/foo.gemspec`) sits elsewhere and is not read.
 */
const specificationPath = /(^|\/)specifications\/(default\/)?[^/]+\.gemspec$/;

/** What `Gem::Specification` accepts as a name and as a version. */
const gemName = /^[A-Za-z0-9._-]+$/;
const gemVersion = /^[0-9]+(\.[0-9A-Za-z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/**
 * `name-version[-platform].gemspec`, as RubyGems names the file after the gem's full name.
 * With the name known, the version is what follows it up to the platform; without it, the
 * first `-`-separated part that starts with a digit begins the version.
 */
export function nameFromFile(path: string, name?: string): { name?: string; version?: string } {
  const stem = (path.split('/').pop() ?? '').slice(0, -'.gemspec'.length);
  if (name !== undefined) {
    const rest = stem.startsWith(`${name}-`) ? stem.slice(name.length + 1).split('-')[0] : '';
    return rest ? { name, version: rest } : { name };
  }
  const parts = stem.split('-');
  const at = parts.findIndex((part, index) => index > 0 && /^\d[0-9A-Za-z.]*$/.test(part));
  return at > 0 ? { name: parts.slice(0, at).join('-'), version: parts[at] } : {};
}

/** A value for an error message: one line, short, since the file is someone else's. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const text = file.content.toString('utf8');
  if (!text.includes('Gem::Specification.new')) {
    throw new InputError(`${file.path}: not a RubyGems specification (no Gem::Specification.new)`);
  }
  const said = readGemspec(text);
  // Only when the content does not say: the file name RubyGems gave it.
  const named = nameFromFile(file.path, said.name);
  const name = said.name ?? named.name;
  const version = said.version ?? named.version;
  if (name === undefined || version === undefined) {
    const missing = name === undefined ? 'name' : 'version';
    throw new InputError(`${file.path}: no gem ${missing} in the specification or its file name`);
  }
  if (!gemName.test(name)) {
    throw new InputError(`${file.path}: ${quoted(name)} is not a gem name`);
  }
  if (!gemVersion.test(version)) {
    throw new InputError(`${file.path}: ${quoted(version)} is not a gem version`);
  }
  return { packages: [{ type: 'gem', name, version, licenses: said.licenses }] };
}

export const analyzer: Analyzer = {
  id: 'ruby',
  version: 1,
  onUnreadable: 'note',
  description: 'Ruby gems from specifications/*.gemspec in gem homes',
  // Installed gemspecs are a few KiB; some list thousands of files and reach a few hundred.
  maxFileSize: 4 * 1024 * 1024,
  wants: (path) => specificationPath.test(path),
  analyze,
};
