import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { normaliseRecord } from '../../db/normalise.js';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

let root: string;
let context: SourceContext;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-alas-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

async function collect(location: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read(location, context)) {
    items.push(item);
  }
  return items;
}

function summary(items: readonly SourceItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record'
      ? `record ${item.origin} ${item.record.affected?.map((a) => `${a.package.ecosystem}/${a.package.name}@${fixedOf(a)}`).join(' ') ?? ''}`
      : `error ${item.origin}: ${item.message}`
  );
}

function fixedOf(affected: NonNullable<OsvRecord['affected']>[number]): string {
  const event = affected.ranges?.[0]?.events[1];
  return event && 'fixed' in event ? event.fixed : '?';
}

/** An Amazon Linux 2 update as Amazon writes them, for tests that need one good update. */
const openssl = `
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
    <id>ALAS2-2023-1904</id>
    <title>Amazon Linux 2 - ALAS2-2023-1904: important priority package update for openssl</title>
    <issued date="2023-01-05 18:11"/>
    <updated date="2023-01-10 22:40"/>
    <severity>important</severity>
    <description>Package updates are available for Amazon Linux 2 that fix the following vulnerabilities:
CVE-2023-0286:
	There is a type confusion vulnerability relating to X.400 address processing inside an X.509 GeneralName.
CVE-2022-4304:
	A timing based side channel exists in the OpenSSL RSA Decryption implementation.
</description>
    <references>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-0286" id="CVE-2023-0286" title="" type="cve"/>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2022-4304" id="CVE-2022-4304" title="" type="cve"/>
    </references>
    <pkglist>
      <collection short="amazon-linux-2">
        <name>amazon-linux-2</name>
        <package arch="src" epoch="1" name="openssl" release="24.amzn2.0.6" version="1.0.2k"><filename>Packages/openssl-1.0.2k-24.amzn2.0.6.src.rpm</filename></package>
        <package arch="x86_64" epoch="1" name="openssl" release="24.amzn2.0.6" version="1.0.2k"><filename>Packages/openssl-1.0.2k-24.amzn2.0.6.x86_64.rpm</filename></package>
        <package arch="aarch64" epoch="1" name="openssl" release="24.amzn2.0.6" version="1.0.2k"><filename>Packages/openssl-1.0.2k-24.amzn2.0.6.aarch64.rpm</filename></package>
        <package arch="x86_64" epoch="1" name="openssl-libs" release="24.amzn2.0.6" version="1.0.2k"><filename>Packages/openssl-libs-1.0.2k-24.amzn2.0.6.x86_64.rpm</filename></package>
        <package arch="i686" epoch="1" name="openssl-libs" release="24.amzn2.0.6" version="1.0.2k"><filename>Packages/openssl-libs-1.0.2k-24.amzn2.0.6.i686.rpm</filename></package>
      </collection>
    </pkglist>
  </update>`;

/** A few updates of every kind the source has to tell apart. */
const feed = `<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
    <id>ALAS-2018-1058</id>
    <title>Amazon Linux AMI 2014.03 - ALAS-2018-1058: medium priority package update for curl</title>
    <issued date="2018-08-01 19:32"/>
    <updated date="2018-08-01 19:32"/>
    <severity>medium</severity>
    <description>A heap-based buffer overflow has been found in the Curl_smtp_escape_eob function.</description>
    <references>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2018-0500" id="CVE-2018-0500" title="" type="cve"/>
    </references>
    <pkglist>
      <collection short="amazon-linux-ami">
        <name>amazon-linux-ami</name>
        <package arch="x86_64" epoch="0" name="curl" release="1.82.amzn1" version="7.61.0"><filename>Packages/curl-7.61.0-1.82.amzn1.x86_64.rpm</filename></package>
        <package arch="x86_64" epoch="0" name="libcurl" release="1.82.amzn1" version="7.61.0"><filename>Packages/libcurl-7.61.0-1.82.amzn1.x86_64.rpm</filename></package>
      </collection>
    </pkglist>
  </update>
  ${openssl}
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="bugfix" version="1.4">
    <id>ALAS2-2023-1905</id>
    <title>Amazon Linux 2 - bug fix update for tzdata</title>
    <issued date="2023-01-06 10:00"/>
    <pkglist><collection short="amazon-linux-2"><name>amazon-linux-2</name>
      <package arch="noarch" epoch="0" name="tzdata" release="1.amzn2" version="2022g"><filename>Packages/tzdata-2022g-1.amzn2.noarch.rpm</filename></package>
    </collection></pkglist>
  </update>
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
    <id>ALAS2LIVEPATCH-2023-101</id>
    <title>Amazon Linux 2 - ALAS2LIVEPATCH-2023-101: important priority package update for kernel-livepatch-5.10.162-141.675</title>
    <issued date="2023-02-16 17:48"/>
    <updated date="2023-02-16 17:48"/>
    <severity>important</severity>
    <description>A use-after-free flaw was found in the Linux kernel.</description>
    <references>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-0266" id="CVE-2023-0266" title="" type="cve"/>
    </references>
    <pkglist><collection short="amazon-linux-2"><name>amazon-linux-2</name>
      <package arch="x86_64" epoch="0" name="kernel-livepatch-5.10.162-141.675" release="2.amzn2" version="1.0"><filename>Packages/kernel-livepatch-5.10.162-141.675-1.0-2.amzn2.x86_64.rpm</filename></package>
    </collection></pkglist>
  </update>
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
    <id>ALAS2KERNEL-5.10-2023-027</id>
    <title>Amazon Linux 2 - ALAS2KERNEL-5.10-2023-027: important priority package update for kernel</title>
    <issued date="2023-02-09 20:33"/>
    <severity>important</severity>
    <description>A flaw in the Linux kernel.</description>
    <references>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-0266" id="CVE-2023-0266" title="" type="cve"/>
    </references>
    <pkglist><collection short="amazon-linux-2"><name>amazon-linux-2</name>
      <package arch="x86_64" epoch="0" name="kernel" release="141.675.amzn2" version="5.10.162"><filename>Packages/kernel-5.10.162-141.675.amzn2.x86_64.rpm</filename></package>
      <package arch="x86_64" epoch="0" name="bpftool" release="141.675.amzn2" version="5.10.162"><filename>Packages/bpftool-5.10.162-141.675.amzn2.x86_64.rpm</filename></package>
      <package arch="x86_64" epoch="0" name="kernel-headers" release="141.675 amzn2" version="5.10.162"><filename>Packages/kernel-headers.rpm</filename></package>
    </collection></pkglist>
  </update>
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
    <id>ALAS2023-2023-101</id>
    <title>Amazon Linux 2023 - ALAS2023-2023-101: low priority package update for vim</title>
    <issued date="2023-03-02 23:41"/>
    <updated date="2023-03-15 18:04"/>
    <severity>low</severity>
    <description>Use After Free in GitHub repository vim/vim prior to 9.0.1144.</description>
    <references>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-0288" id="CVE-2023-0288" title="" type="cve"/>
    </references>
    <pkglist><collection short="amazon-linux-2023"><name>amazon-linux-2023</name>
      <package arch="x86_64" epoch="2" name="vim-minimal" release="1.amzn2023.0.1" version="9.0.1403"><filename>Packages/vim-minimal-9.0.1403-1.amzn2023.0.1.x86_64.rpm</filename></package>
      <package arch="aarch64" epoch="2" name="vim-minimal" release="1.amzn2023.0.1" version="9.0.1403"><filename>Packages/vim-minimal-9.0.1403-1.amzn2023.0.1.aarch64.rpm</filename></package>
      <package arch="noarch" epoch="2" name="vim-data" release="1.amzn2023.0.1" version="9.0.1403"><filename>Packages/vim-data-9.0.1403-1.amzn2023.0.1.noarch.rpm</filename></package>
    </collection></pkglist>
  </update>
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="testing" type="security" version="1.4">
    <id>ALAS2023-2023-102</id>
    <title>Not released yet</title>
    <issued date="2023-03-03 10:00"/>
    <pkglist><collection short="amazon-linux-2023"><name>amazon-linux-2023</name>
      <package arch="x86_64" epoch="0" name="less" release="1.amzn2023" version="608"><filename>x.rpm</filename></package>
    </collection></pkglist>
  </update>
  <update author="someone" from="someone" status="final" type="security" version="1.4">
    <id>RHSA-2023:0101</id>
    <issued date="2023-03-03 10:00"/>
    <pkglist><collection short="x"><name>x</name>
      <package arch="x86_64" epoch="0" name="less" release="1.el9" version="608"><filename>x.rpm</filename></package>
    </collection></pkglist>
  </update>
</updates>
`;

describe('alas source', () => {
  it('converts each security update into one record per release, with items for what it cannot use', async () => {
    const items = await collect(write('updateinfo.xml', feed));

    expect(summary(items)).toEqual([
      'record updateinfo.xml:ALAS-2018-1058 Amazon Linux:2018.03/curl@7.61.0-1.82.amzn1 Amazon Linux:2018.03/libcurl@7.61.0-1.82.amzn1',
      'record updateinfo.xml:ALAS2-2023-1904 Amazon Linux:2/openssl@1:1.0.2k-24.amzn2.0.6 Amazon Linux:2/openssl-libs@1:1.0.2k-24.amzn2.0.6',
      'record updateinfo.xml:ALAS2LIVEPATCH-2023-101 Amazon Linux:2/kernel-livepatch-5.10.162-141.675@1.0-2.amzn2',
      'error updateinfo.xml:ALAS2KERNEL-5.10-2023-027: package kernel-headers: "5.10.162-141.675 amzn2" is not a valid rpm version',
      'record updateinfo.xml:ALAS2KERNEL-5.10-2023-027 Amazon Linux:2/kernel@5.10.162-141.675.amzn2 Amazon Linux:2/bpftool@5.10.162-141.675.amzn2',
      'record updateinfo.xml:ALAS2023-2023-101 Amazon Linux:2023/vim-minimal@2:9.0.1403-1.amzn2023.0.1 Amazon Linux:2023/vim-data@2:9.0.1403-1.amzn2023.0.1',
      'error updateinfo.xml:update 8: the id "RHSA-2023:0101" is not an ALAS id, so its Amazon Linux release is unknown',
    ]);
    for (const item of items) {
      if (item.kind === 'record') {
        expect(OsvRecord.safeParse(item.record).success).toBe(true);
        // The database takes every entry: the ecosystem is known and rpm reads every version.
        expect(normaliseRecord(item.record).problems).toEqual([]);
      }
    }
  });

  it('builds the whole OSV record from one update', async () => {
    const items = await collect(write('one.xml', `<updates>${openssl}</updates>`));

    expect(items).toEqual([
      {
        kind: 'record',
        origin: 'one.xml:ALAS2-2023-1904',
        record: {
          id: 'ALAS2-2023-1904',
          modified: '2023-01-10T22:40:00Z',
          published: '2023-01-05T18:11:00Z',
          aliases: ['CVE-2023-0286', 'CVE-2022-4304'],
          summary:
            'Amazon Linux 2 - ALAS2-2023-1904: important priority package update for openssl',
          details: expect.stringMatching(
            /^Package updates are available for Amazon Linux 2 .*\n\tA timing based side channel exists in the OpenSSL RSA Decryption implementation\.$/s
          ) as string,
          affected: [
            {
              package: { ecosystem: 'Amazon Linux:2', name: 'openssl' },
              ranges: [
                {
                  type: 'ECOSYSTEM',
                  events: [{ introduced: '0' }, { fixed: '1:1.0.2k-24.amzn2.0.6' }],
                },
              ],
            },
            {
              package: { ecosystem: 'Amazon Linux:2', name: 'openssl-libs' },
              ranges: [
                {
                  type: 'ECOSYSTEM',
                  events: [{ introduced: '0' }, { fixed: '1:1.0.2k-24.amzn2.0.6' }],
                },
              ],
            },
          ],
          references: [
            {
              type: 'ADVISORY',
              url: 'https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-0286',
            },
            {
              type: 'ADVISORY',
              url: 'https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2022-4304',
            },
          ],
          database_specific: { severity: 'important' },
        },
      },
    ]);
  });

  it('names the Extras topic of an extras update and dates it by <issued> alone', async () => {
    const items = await collect(write('kernel.xml', feed));
    const kernel = items.find(
      (item) => item.kind === 'record' && item.record.id === 'ALAS2KERNEL-5.10-2023-027'
    );

    expect(kernel?.kind === 'record' && kernel.record).toMatchObject({
      modified: '2023-02-09T20:33:00Z',
      published: '2023-02-09T20:33:00Z',
      database_specific: { severity: 'important', extra: 'kernel-5.10' },
    });
  });

  it('reads a gzip-compressed file, recognised by its content whatever its name', async () => {
    const plain = await collect(write('plain.xml', feed));

    const zipped = await collect(write('updateinfo.data', gzipSync(feed)));

    expect(zipped.length).toBe(plain.length);
    expect(zipped.map((item) => item.origin)).toEqual(
      plain.map((item) => item.origin.replace('plain.xml', 'updateinfo.data'))
    );
  });

  it('keeps the newest build when the arches of one package disagree, and skips source rpms', async () => {
    const xml = `<updates><update status="final" type="security">
      <id>ALAS2023-2024-500</id><issued date="2024-01-02"/>
      <pkglist><collection short="amazon-linux-2023">
        <package arch="src" name="only-source" version="1" release="1"/>
        <package arch="x86_64" name="zlib" version="1.2.13" release="2.amzn2023"/>
        <package arch="aarch64" name="zlib" version="1.2.13" release="10.amzn2023"/>
        <package arch="i686" name="zlib" version="1.2.13" release="3.amzn2023"/>
      </collection></pkglist></update></updates>`;

    expect(summary(await collect(write('arches.xml', xml)))).toEqual([
      'record arches.xml:ALAS2023-2024-500 Amazon Linux:2023/zlib@1.2.13-10.amzn2023',
    ]);
  });

  it('reports each unusable package once, and an update with nothing usable without a record', async () => {
    const xml = `<updates><update status="final" type="security">
      <id>ALAS2-2024-1</id><issued date="2024-01-02 03:04"/>
      <pkglist><collection short="amazon-linux-2">
        <package arch="x86_64" epoch="x" name="a" version="1" release="1"/>
        <package arch="aarch64" epoch="x" name="a" version="1" release="1"/>
        <package arch="x86_64" name="b" version="1-2" release="1"/>
        <package arch="x86_64" name="c" version="1"/>
        <package arch="x86_64" name="bad name" version="1" release="1"/>
      </collection></pkglist></update>
      <update status="final" type="security"><id>ALAS2-2024-2</id><issued date="2024-01-02"/></update>
      <update status="final" type="security"><id>ALAS2-2024-3</id><issued date="2024-02-30"/></update>
      <update status="final" type="security"><id>ALAS2-2024-4</id></update>
      <update type="security"><title>no id</title></update>
      </updates>`;

    expect(summary(await collect(write('bad.xml', xml)))).toEqual([
      'error bad.xml:ALAS2-2024-1: package a: epoch "x" is not a number',
      'error bad.xml:ALAS2-2024-1: package b: version "1-2" or release "1" holds a "-"',
      'error bad.xml:ALAS2-2024-1: package c: no release',
      'error bad.xml:ALAS2-2024-1: a package\'s name is not an rpm package name: "bad name"',
      'error bad.xml:ALAS2-2024-2: it lists no binary package',
      'error bad.xml:ALAS2-2024-3: its <issued> date "2024-02-30" is not a date',
      'error bad.xml:ALAS2-2024-4: it has neither an <issued> nor an <updated> date',
      'error bad.xml:update 5: the update has no <id>',
    ]);
  });

  it('reads an empty <updates> as no items', async () => {
    expect(await collect(write('empty.xml', '<?xml version="1.0"?>\n<updates/>\n'))).toEqual([]);
  });

  it('throws NotFoundError for a missing file and InputError for a folder', async () => {
    await expect(collect(join(root, 'missing.xml'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(root)).rejects.toBeInstanceOf(InputError);
  });
});
