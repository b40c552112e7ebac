import { describe, expect, it } from 'vitest';
import { parseSourceRpm, toPackageRecord } from './record.js';
import { inputError } from '../../../../test/harness/rpm-fixtures.js';

describe('parseSourceRpm', () => {
  it('splits at the last two dashes, so names may hold dashes', () => {
    expect(parseSourceRpm('openssl-libs-3.0.7-27.el9.src.rpm')).toEqual({
      name: 'openssl-libs',
      version: '3.0.7-27.el9',
    });
    expect(parseSourceRpm('kernel-5.14.0-362.8.1.el9_3.nosrc.rpm')).toEqual({
      name: 'kernel',
      version: '5.14.0-362.8.1.el9_3',
    });
  });

  it('gives up on anything else', () => {
    for (const bad of [
      'bash-5.1-1.rpm',
      'bash.src.rpm',
      'bash-5.1.src.rpm',
      '-5.1-1.src.rpm',
      'bash--1.src.rpm',
      'bash-5.1-.src.rpm',
      '',
    ]) {
      expect(parseSourceRpm(bad)).toBeUndefined();
    }
  });

  // A quadratic split would hang here; the test timeout is what catches it.
  it('refuses a long hostile string', () => {
    expect(parseSourceRpm(`${'-'.repeat(1_000_000)}.src.rpm`)).toBeUndefined();
  });
});

describe('toPackageRecord', () => {
  const base = {
    name: 'bash',
    version: '5.1.8',
    release: '6.el9',
    arch: 'x86_64',
    sourceRpm: 'bash-5.1.8-6.el9.src.rpm',
  };

  it('joins version and release and keeps the epoch apart', () => {
    expect(
      toPackageRecord({ ...base, epoch: 1, license: 'GPLv3+', vendor: 'Rocky' }, 'db')
    ).toEqual({
      record: {
        type: 'rpm',
        name: 'bash',
        version: '5.1.8-6.el9',
        epoch: 1,
        arch: 'x86_64',
        licenses: ['GPLv3+'],
        vendor: 'Rocky',
        source: { name: 'bash', version: '5.1.8-6.el9' },
      },
    });
    const { record } = toPackageRecord(base, 'db');
    expect(record).not.toHaveProperty('epoch');
    expect(record).not.toHaveProperty('vendor');
    expect(record?.licenses).toEqual([]);
  });

  it('skips the gpg-pubkey pseudo packages', () => {
    expect(
      toPackageRecord({ name: 'gpg-pubkey', version: 'fd431d51', release: '4ae0493b' }, 'db')
    ).toEqual({});
  });

  it('keeps a package with an odd SOURCERPM, without a source, and says so', () => {
    const result = toPackageRecord({ ...base, sourceRpm: 'weird' }, 'db: package 3');
    expect(result.record).not.toHaveProperty('source');
    expect(result.note).toBe(
      'db: package 3: bash: SOURCERPM "weird" is not name-version-release.src.rpm; source package left out'
    );
  });

  it('refuses a header without name, version or release', () => {
    expect(inputError(() => toPackageRecord({ ...base, name: undefined }, 'db')).message).toBe(
      'db: rpm header has no NAME'
    );
    expect(inputError(() => toPackageRecord({ ...base, release: '' }, 'db')).message).toBe(
      'db: rpm header for bash has no VERSION or RELEASE'
    );
  });
});
