import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { readJavaArchive } from './archive.js';
import { isJavaArchiveName } from './file-name.js';
import { javaLimits, maxArchiveFileSize } from './limits.js';

function analyze(file: AnalyzerFile): AnalyzerResult {
  const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
  const { packages, notes } = readJavaArchive(file.content, fileName, javaLimits);
  return notes.length > 0 ? { packages, notes } : { packages };
}

export const analyzer: Analyzer = {
  id: 'java',
  version: 1,
  onUnreadable: 'note',
  description:
    'Maven packages in Java archives (jar, war, ear, par, sar, jpi, hpi) and the archives nested in them',
  maxFileSize: maxArchiveFileSize,
  wants: isJavaArchiveName,
  analyze,
};
