import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { copyrightLicenses } from './parse.js';

const docRoot = 'usr/share/doc/';
const fileName = '/copyright';

/**
 * The package folder of `usr/share/doc/<package>/copyright`, or undefined for any other
 * path: deeper files (`usr/share/doc/x/examples/copyright`) belong to no package by name.
 */
function docPackage(path: string): string | undefined {
  if (!path.startsWith(docRoot) || !path.endsWith(fileName)) {
    return undefined;
  }
  const name = path.slice(docRoot.length, path.length - fileName.length);
  return name === '' || name.includes('/') ? undefined : name;
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const name = docPackage(file.path);
  if (name === undefined) {
    return {};
  }
  return { licenses: { package: name, names: copyrightLicenses(file.content.toString('utf8')) } };
}

export const analyzer: Analyzer = {
  id: 'dpkg-copyright',
  version: 1,
  onUnreadable: 'stop',
  description: 'Licences of Debian packages from usr/share/doc/<package>/copyright',
  // Real copyright files run to a few hundred KiB at most; a bigger one is not worth reading.
  maxFileSize: 1024 * 1024,
  wants: (path) => docPackage(path) !== undefined,
  analyze,
};
