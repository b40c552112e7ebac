import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareApkVersions } from './compare.js';
import { firstToken, readToEnd } from './tokens.js';

function isValid(version: string): boolean {
  try {
    readToEnd(firstToken(version));
    return true;
  } catch (error) {
    if (error instanceof InvalidVersionError) {
      return false;
    }
    throw error;
  }
}

export const scheme: VersionScheme = {
  id: 'apk',
  description:
    'Alpine package versions, number{.number}{letter}{_suffix{number}}{~hash}{-r#}, ordered as apk-tools orders them',
  ecosystems: [
    'Alpine',
    'Wolfi',
    'Chainguard',
    'MinimOS',
    'Alpaquita',
    'BellSoft Hardened Containers',
  ],
  isValid,
  compare: compareApkVersions,
};
