import { describe, expect, it } from 'vitest';
import { analyzer } from './index.js';

async function osOf(path: string, text: string): Promise<unknown> {
  return (await analyzer.analyze({ path, content: Buffer.from(text) })).os;
}

describe('os-release analyzer', () => {
  it('reads os-release with quotes, comments and ID_LIKE', async () => {
    const text = `# comment
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION_CODENAME=bookworm
ID=debian
ID_LIKE='rhel fedora'
`;
    expect(await osOf('etc/os-release', text)).toEqual({
      info: {
        id: 'debian',
        versionId: '12',
        codename: 'bookworm',
        prettyName: 'Debian GNU/Linux 12 (bookworm)',
        idLike: ['rhel', 'fedora'],
        distroless: false,
        source: 'etc/os-release',
      },
      rank: 0,
    });
  });

  it('marks Google distroless images', async () => {
    const text =
      'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\n';
    expect(await osOf('etc/os-release', text)).toMatchObject({
      info: { id: 'debian', distroless: true },
    });
  });

  it.each([
    ['etc/debian_version', '12.7\n', { id: 'debian', versionId: '12' }],
    ['etc/debian_version', 'trixie/sid\n', { id: 'debian', codename: 'trixie' }],
    ['etc/alpine-release', '3.20.3\n', { id: 'alpine', versionId: '3.20.3' }],
    ['etc/system-release', 'Amazon Linux release 2 (Karoo)\n', { id: 'amzn', versionId: '2' }],
    [
      'etc/system-release',
      'Amazon Linux release 2023.6.20241010 (Amazon Linux)\n',
      { id: 'amzn', versionId: '2023' },
    ],
    [
      'etc/redhat-release',
      'CentOS Linux release 7.9.2009 (Core)\n',
      { id: 'centos', versionId: '7' },
    ],
    [
      'etc/redhat-release',
      'Rocky Linux release 9.4 (Blue Onyx)\n',
      { id: 'rocky', versionId: '9.4' },
    ],
  ])('reads %s %j', async (path, text, expected) => {
    expect(await osOf(path, text)).toMatchObject({ info: expected });
  });

  it('ranks os-release above the fallback release files', async () => {
    const fromOsRelease = (
      await analyzer.analyze({ path: 'etc/os-release', content: Buffer.from('ID=alpine\n') })
    ).os;
    const fromRelease = (
      await analyzer.analyze({ path: 'etc/alpine-release', content: Buffer.from('3.20.0') })
    ).os;

    expect(fromOsRelease?.rank).toBeLessThan(fromRelease?.rank ?? -1);
  });

  it.each([
    ['etc/os-release', 'NAME=nothing useful\n'],
    ['etc/debian_version', 'not a version'],
    ['etc/redhat-release', 'Some Other Linux 5'],
  ])('finds no OS in %s %j', async (path, text) => {
    expect(await osOf(path, text)).toBeUndefined();
  });

  it('wants only its release files, not a file that shares a name with an Object property', () => {
    expect(analyzer.wants('etc/os-release')).toBe(true);
    for (const path of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'etc/issue']) {
      expect(analyzer.wants(path)).toBe(false);
    }
  });
});
