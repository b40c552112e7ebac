import { InputError } from '../../../core/errors.js';
import type { PackageRecord, SourcePackage } from '../../../core/package.js';
import type { HeaderFields } from './header.js';

/** What one header turns into: a record, or nothing for a pseudo package, and maybe a note. */
export interface RecordResult {
  record?: PackageRecord;
  note?: string;
}

/**
 * `rpm --import` stores each trusted signing key as an installed package named gpg-pubkey.
 * It is no software, and listing it would only feed the vulnerability matcher noise.
 */
const PSEUDO_PACKAGE = 'gpg-pubkey';

export function toPackageRecord(fields: HeaderFields, where: string): RecordResult {
  const { name, version, release } = fields;
  if (name === undefined || name === '') {
    throw new InputError(`${where}: rpm header has no NAME`);
  }
  if (name === PSEUDO_PACKAGE) {
    return {};
  }
  if (version === undefined || version === '' || release === undefined || release === '') {
    throw new InputError(`${where}: rpm header for ${name} has no VERSION or RELEASE`);
  }
  const record: PackageRecord = {
    type: 'rpm',
    name,
    version: `${version}-${release}`,
    licenses: fields.license !== undefined && fields.license !== '' ? [fields.license] : [],
  };
  if (fields.epoch !== undefined) {
    record.epoch = fields.epoch;
  }
  if (fields.arch !== undefined && fields.arch !== '') {
    record.arch = fields.arch;
  }
  if (fields.vendor !== undefined && fields.vendor !== '') {
    record.vendor = fields.vendor;
  }
  if (fields.sourceRpm === undefined || fields.sourceRpm === '') {
    return { record };
  }
  const source = parseSourceRpm(fields.sourceRpm);
  if (source === undefined) {
    return {
      record,
      note: `${where}: ${name}: SOURCERPM ${JSON.stringify(fields.sourceRpm.slice(0, 200))} is not name-version-release.src.rpm; source package left out`,
    };
  }
  record.source = source;
  return { record };
}

/**
 * Splits `name-version-release.src.rpm`. Version and release never hold a dash, the name
 * may, so the last two dashes divide it. The version is `version-release`, the same shape
 * as a binary package's version, because advisories compare source versions that way.
 */
export function parseSourceRpm(sourceRpm: string): SourcePackage | undefined {
  const suffix = ['.src.rpm', '.nosrc.rpm'].find((candidate) => sourceRpm.endsWith(candidate));
  if (suffix === undefined) {
    return undefined;
  }
  const stem = sourceRpm.slice(0, -suffix.length);
  const releaseDash = stem.lastIndexOf('-');
  const versionDash = releaseDash > 0 ? stem.lastIndexOf('-', releaseDash - 1) : -1;
  if (versionDash <= 0 || releaseDash - versionDash < 2 || releaseDash === stem.length - 1) {
    return undefined;
  }
  return {
    name: stem.slice(0, versionDash),
    version: stem.slice(versionDash + 1),
  };
}
