import { describe, expect, it } from 'vitest';
import { analyzer } from './index.js';

const installed = `C:Q1abc=
P:musl
V:1.2.5-r0
A:x86_64
S:411185
I:667648
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Natanael Copa <ncopa@alpinelinux.org>
t:1712000000
F:lib
R:ld-musl-x86_64.so.1
Z:Q1def=

C:Q1ghi=
P:libcrypto3
V:3.3.2-r0
A:x86_64
L:Apache-2.0
o:openssl
F:usr/lib
R:libcrypto.so.3
R:libcrypto.so.3.3
`;

describe('apk analyzer', () => {
  it('wants both locations of the installed database', () => {
    expect(analyzer.wants('lib/apk/db/installed')).toBe(true);
    expect(analyzer.wants('usr/lib/apk/db/installed')).toBe(true);
    expect(analyzer.wants('lib/apk/db/triggers')).toBe(false);
  });

  it('reads name, version, arch, licence and origin', async () => {
    const result = await analyzer.analyze({
      path: 'lib/apk/db/installed',
      content: Buffer.from(installed),
    });

    expect(result.packages).toEqual([
      {
        type: 'apk',
        name: 'musl',
        version: '1.2.5-r0',
        arch: 'x86_64',
        source: { name: 'musl', version: '1.2.5-r0' },
        licenses: ['MIT'],
        maintainer: 'Natanael Copa <ncopa@alpinelinux.org>',
      },
      {
        type: 'apk',
        name: 'libcrypto3',
        version: '3.3.2-r0',
        arch: 'x86_64',
        source: { name: 'openssl', version: '3.3.2-r0' },
        licenses: ['Apache-2.0'],
      },
    ]);
  });

  it('skips stanzas without a name or version', async () => {
    const result = await analyzer.analyze({
      path: 'lib/apk/db/installed',
      content: Buffer.from('P:orphan\n\nV:1.0\n'),
    });

    expect(result.packages).toEqual([]);
  });

  it('lists the files each package installed, each R: inside the F: before it', async () => {
    const result = await analyzer.analyze({
      path: 'lib/apk/db/installed',
      content: Buffer.from(installed),
    });

    expect(result.ownedFiles).toEqual([
      'lib/ld-musl-x86_64.so.1',
      'usr/lib/libcrypto.so.3',
      'usr/lib/libcrypto.so.3.3',
    ]);
  });
});
