import { describe, expect, it } from 'vitest';
import { analyzer } from './index.js';

const status = `Package: libc6
Status: install ok installed
Priority: optional
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: login
Status: install ok installed
Architecture: amd64
Source: shadow (1:4.13+dfsg1-1)
Version: 1:4.13+dfsg1-1+b1
Conffiles:
 /etc/login.defs 1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a

Package: removed-but-configured
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: half-done
Status: install reinstreq half-configured
Architecture: all
Version: 2.0

Package: no-version
Status: install ok installed
`;

describe('dpkg analyzer', () => {
  it('wants the status database, distroless status.d stanzas, and the file lists', () => {
    expect(analyzer.wants('var/lib/dpkg/status')).toBe(true);
    expect(analyzer.wants('var/lib/dpkg/status.d/base')).toBe(true);
    expect(analyzer.wants('var/lib/dpkg/status.d/base.md5sums')).toBe(true);
    expect(analyzer.wants('var/lib/dpkg/info/python3-six.list')).toBe(true);
    expect(analyzer.wants('var/lib/dpkg/info/libc6:amd64.list')).toBe(true);
    expect(analyzer.wants('var/lib/dpkg/info/python3-six.md5sums')).toBe(false);
    expect(analyzer.wants('var/lib/dpkg/info/sub/x.list')).toBe(false);
    expect(analyzer.wants('var/lib/dpkg/status.d/nested/file')).toBe(false);
    expect(analyzer.wants('var/lib/dpkg/status-old')).toBe(false);
    expect(analyzer.wants('usr/var/lib/dpkg/status')).toBe(false);
  });

  it('reads packages whose files are on disk, with their source package and version', async () => {
    const result = await analyzer.analyze({
      path: 'var/lib/dpkg/status',
      content: Buffer.from(status),
    });

    expect(result.packages).toEqual([
      {
        type: 'deb',
        name: 'libc6',
        version: '2.36-9+deb12u4',
        arch: 'amd64',
        source: { name: 'glibc', version: '2.36-9+deb12u4' },
        licenses: [],
        maintainer: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
      },
      {
        type: 'deb',
        name: 'login',
        version: '1:4.13+dfsg1-1+b1',
        arch: 'amd64',
        source: { name: 'shadow', version: '1:4.13+dfsg1-1' },
        licenses: [],
      },
      {
        type: 'deb',
        name: 'half-done',
        version: '2.0',
        arch: 'all',
        source: { name: 'half-done', version: '2.0' },
        licenses: [],
      },
    ]);
  });

  it('accepts distroless stanzas that have no Status field', async () => {
    const stanza = 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n';

    const result = await analyzer.analyze({
      path: 'var/lib/dpkg/status.d/tzdata',
      content: Buffer.from(stanza),
    });

    expect(result.packages?.map((pkg) => `${pkg.name}=${pkg.version}`)).toEqual([
      'tzdata=2024a-0+deb12u1',
    ]);
  });

  it('finds nothing in a file that is not a control file', async () => {
    const result = await analyzer.analyze({
      path: 'var/lib/dpkg/status',
      content: Buffer.from('\x00\x01binary junk'),
    });

    expect(result.packages).toEqual([]);
  });

  it('turns a file list into the paths the package owns, relative like walk paths', async () => {
    const result = await analyzer.analyze({
      path: 'var/lib/dpkg/info/python3-six.list',
      content: Buffer.from(
        '/.\n/usr\n/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA\n/usr/lib/python3/dist-packages/six.py\n'
      ),
    });

    expect(result).toEqual({
      ownedFiles: [
        'usr',
        'usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
        'usr/lib/python3/dist-packages/six.py',
      ],
    });
  });

  it('reads the owned files of a distroless package from its md5sums', async () => {
    const result = await analyzer.analyze({
      path: 'var/lib/dpkg/status.d/tzdata.md5sums',
      content: Buffer.from(
        'd41d8cd98f00b204e9800998ecf8427e  usr/share/zoneinfo/UTC\nnot a checksum line\n'
      ),
    });

    expect(result).toEqual({ ownedFiles: ['usr/share/zoneinfo/UTC'] });
  });
});
