import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { PackageRecord } from '../../../core/package.js';
import {
  declareSize,
  javaArchives,
  nestedJar,
  pomProperties,
  type JavaArchives,
} from '../../../../test/harness/java-archives.js';
import { buildZip, zipOf, type ZipEntrySpec } from '../../../../test/harness/zip-writer.js';
import { readJavaArchive, type ArchiveFindings } from './archive.js';
import { javaLimits, type JavaLimits } from './limits.js';

type Found = [name: string, version: string, evidence: string | undefined];

const found = (packages: PackageRecord[]): Found[] =>
  packages
    .map((pkg): Found => [pkg.name, pkg.version, pkg.evidence])
    .sort((a, b) => (`${a[2]}` < `${b[2]}` ? -1 : 1));

function read(bytes: Buffer, fileName: string, limits: Partial<JavaLimits> = {}): ArchiveFindings {
  return readJavaArchive(bytes, fileName, { ...javaLimits, ...limits });
}

const pom = (group: string, artifact: string, version: string): ZipEntrySpec => ({
  name: `META-INF/maven/${group}/${artifact}/pom.properties`,
  content: pomProperties(group, artifact, version),
});

const greetingPom = 'META-INF/maven/org.example/greeting/pom.properties';
const widgetName = 'com.acme:widget-with-a-deliberately-long-title-that-the-jar-tool-wraps';

let fixtures: JavaArchives;

beforeAll(async () => {
  fixtures = await javaArchives();
});

describe('archives made by the jar tool', () => {
  it('names a library by its pom.properties, over its manifest', () => {
    const result = read(fixtures.greetingJar, 'greeting-1.0.0.jar');

    expect(result.packages).toEqual([
      {
        type: 'maven',
        name: 'org.example:greeting',
        version: '1.0.0',
        licenses: [],
        evidence: greetingPom,
      },
    ]);
    expect(result.notes).toEqual([]);
  });

  it('falls back to the manifest, then to the file name', () => {
    expect(found(read(fixtures.widgetJar, 'widget.jar').packages)).toEqual([
      [widgetName, '3.1.4', 'META-INF/MANIFEST.MF'],
    ]);
    expect(found(read(fixtures.bundleJar, 'bundle.jar').packages)).toEqual([
      ['com.acme.tools:bundle', '2.0.0', 'META-INF/MANIFEST.MF'],
    ]);
    expect(found(read(fixtures.thingJar, 'commons-thing-2.4.1.jar').packages)).toEqual([
      ['commons-thing:commons-thing', '2.4.1', 'file-name'],
    ]);
    expect(read(fixtures.thingJar, 'thing.jar').packages).toEqual([]);
  });

  it('reports every pom.properties of a shaded jar', () => {
    expect(found(read(fixtures.shadedJar, 'shaded-1.0.jar').packages)).toEqual([
      ['com.acme:shaded', '1.0', 'META-INF/maven/com.acme/shaded/pom.properties'],
      [
        'com.google.guava:guava',
        '31.1-jre',
        'META-INF/maven/com.google.guava/guava/pom.properties',
      ],
      ['org.yaml:snakeyaml', '1.33', 'META-INF/maven/org.yaml/snakeyaml/pom.properties'],
    ]);
  });

  it('reads the jars in a war’s WEB-INF/lib, naming each by its nested path', () => {
    const result = read(fixtures.war, 'app.war');

    expect(found(result.packages)).toEqual([
      ['commons-thing:commons-thing', '2.4.1', 'WEB-INF/lib/commons-thing-2.4.1.jar'],
      ['org.example:greeting', '1.0.0', `WEB-INF/lib/greeting-1.0.0.jar!/${greetingPom}`],
      [widgetName, '3.1.4', 'WEB-INF/lib/widget.jar!/META-INF/MANIFEST.MF'],
    ]);
    expect(result.notes).toEqual([]);
  });

  it('reads a war inside an ear, and the ear’s own lib/', () => {
    expect(found(read(fixtures.ear, 'app.ear').packages)).toEqual([
      ['commons-thing:commons-thing', '2.4.1', 'app.war!/WEB-INF/lib/commons-thing-2.4.1.jar'],
      ['org.example:greeting', '1.0.0', `app.war!/WEB-INF/lib/greeting-1.0.0.jar!/${greetingPom}`],
      [widgetName, '3.1.4', 'app.war!/WEB-INF/lib/widget.jar!/META-INF/MANIFEST.MF'],
      ['commons-thing:commons-thing', '2.4.1', 'lib/commons-thing-2.4.1.jar'],
    ]);
  });

  it('reads a Spring Boot fat jar with stored BOOT-INF/lib jars, also behind a launch script', () => {
    const expected: Found[] = [
      ['com.acme.tools:bundle', '2.0.0', 'BOOT-INF/lib/bundle.jar!/META-INF/MANIFEST.MF'],
      ['org.example:greeting', '1.0.0', `BOOT-INF/lib/greeting-1.0.0.jar!/${greetingPom}`],
      ['com.acme:boot-app', '0.0.1-SNAPSHOT', 'META-INF/maven/com.acme/boot-app/pom.properties'],
    ];

    expect(found(read(fixtures.bootJar, 'boot-app-0.0.1-SNAPSHOT.jar').packages)).toEqual(expected);
    expect(found(read(fixtures.executableBootJar, 'boot-app.jar').packages)).toEqual(expected);
  });
});

describe('hostile archives at the default caps', () => {
  it('notes a nested jar that inflates past its declared size and reads the rest', () => {
    const result = read(fixtures.hostile.lyingWar, 'lying.war');

    expect(found(result.packages)).toEqual([
      ['commons-thing:commons-thing', '2.4.1', 'WEB-INF/lib/commons-thing-2.4.1.jar'],
    ]);
    expect(result.notes).toEqual([
      'WEB-INF/lib/liar.jar: it inflates to more than the 1024 bytes it declares (a zip bomb?)',
    ]);
  });

  it('notes a nested archive over the size cap without inflating it', () => {
    expect(read(fixtures.hostile.hugeWar, 'huge.war')).toEqual({
      packages: [],
      notes: ['WEB-INF/lib/huge.jar: 314572800 bytes, over the 268435456-byte cap; not read'],
    });
  });

  it('notes an entry compressed far beyond what real content allows', () => {
    expect(read(fixtures.hostile.denseWar, 'dense.war').notes).toEqual([
      expect.stringMatching(
        /^WEB-INF\/lib\/dense\.jar: compressed \d+:1, over the 100:1 cap \(a zip bomb\?\); not read$/
      ),
    ]);
  });

  it('reads four levels of nesting and notes the fifth', () => {
    const result = read(fixtures.hostile.deepJar, 'deep.jar');

    expect(result.packages.map((pkg) => pkg.name).sort()).toEqual(
      [0, 1, 2, 3, 4].map((level) => `org.example:level-${level}`)
    );
    expect(result.notes).toEqual([
      'level1.jar!/level2.jar!/level3.jar!/level4.jar!/level5.jar: nested deeper than 4 archives; not read',
    ]);
  });

  it('notes a truncated nested jar and reads its neighbour', () => {
    const result = read(fixtures.hostile.brokenWar, 'broken.war');

    expect(found(result.packages)).toEqual([
      ['commons-thing:commons-thing', '2.4.1', 'WEB-INF/lib/commons-thing-2.4.1.jar'],
    ]);
    expect(result.notes).toEqual([
      'WEB-INF/lib/broken.jar: not a readable zip archive: no end of central directory record (truncated, or not a zip)',
    ]);
  });

  it('ignores entries with ../ and absolute names, saying so', () => {
    const result = read(fixtures.hostile.unsafeJar, 'unsafe.jar');

    expect(found(result.packages)).toEqual([
      ['org.example:safe', '1.0.0', 'META-INF/maven/org.example/safe/pom.properties'],
    ]);
    expect(result.notes).toEqual([
      '2 entries with unsafe names ("../../etc/cron.d/evil.jar" first) were ignored',
    ]);
  });

  it('throws an InputError for a file that is not a zip', () => {
    expect(() => read(fixtures.hostile.corruptJar, 'corrupt.jar')).toThrow(InputError);
  });
});

describe('caps', () => {
  it('stops at maxDepth', () => {
    const result = read(fixtures.ear, 'app.ear', { maxDepth: 1 });

    expect(found(result.packages)).toEqual([
      ['commons-thing:commons-thing', '2.4.1', 'lib/commons-thing-2.4.1.jar'],
    ]);
    expect(result.notes.sort()).toEqual([
      'app.war!/WEB-INF/lib/commons-thing-2.4.1.jar: nested deeper than 1 archives; not read',
      'app.war!/WEB-INF/lib/greeting-1.0.0.jar: nested deeper than 1 archives; not read',
      'app.war!/WEB-INF/lib/widget.jar: nested deeper than 1 archives; not read',
    ]);
  });

  it('does not inflate a nested archive declared over maxNestedArchiveBytes', () => {
    const storedZeros = zipOf([{ name: 'x', content: Buffer.alloc(3000), method: 'store' }]);
    const bytes = zipOf([
      { name: 'lib/big-1.0.jar', content: storedZeros, method: 'store' },
      { name: 'lib/small-1.0.jar', content: zipOf([]) },
    ]);
    const result = read(bytes, 'app.war', { maxNestedArchiveBytes: 1000 });

    expect(found(result.packages)).toEqual([['small:small', '1.0', 'lib/small-1.0.jar']]);
    expect(result.notes).toEqual([
      expect.stringMatching(/^lib\/big-1\.0\.jar: \d+ bytes, over the 1000-byte cap; not read$/),
    ]);
  });

  it('does not read a manifest or pom.properties over maxMetadataBytes', () => {
    const bytes = zipOf([
      {
        name: 'META-INF/MANIFEST.MF',
        content: `Implementation-Title: t\nImplementation-Version: 9\nX-Filler: ${'x'.repeat(2000)}\n`,
        method: 'store',
      },
    ]);
    const result = read(bytes, 'thing-1.2.jar', { maxMetadataBytes: 1000 });

    expect(found(result.packages)).toEqual([['thing:thing', '1.2', 'file-name']]);
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^META-INF\/MANIFEST\.MF: \d+ bytes, over the 1000-byte cap; not read$/
      ),
    ]);
  });

  it('refuses a highly compressed entry over the ratio floor', () => {
    const bytes = zipOf([{ name: 'lib/dense-1.0.jar', content: Buffer.alloc(200_000) }]);

    expect(read(bytes, 'a.war', { ratioFloorBytes: 100_000 }).notes).toEqual([
      expect.stringMatching(/^lib\/dense-1\.0\.jar: compressed \d+:1, over the 100:1 cap/),
    ]);
    expect(read(bytes, 'a.war', { ratioFloorBytes: 300_000 }).notes).toEqual([
      'lib/dense-1.0.jar: not a readable zip archive: no end of central directory record (truncated, or not a zip)',
    ]);
  });

  it('stops reading when the file’s byte budget is spent, keeping what it found', () => {
    const empty = zipOf([]);
    const bytes = zipOf(
      ['a', 'b', 'c', 'd'].map((name) => ({ name: `lib/${name}-1.0.jar`, content: empty }))
    );
    const result = read(bytes, 'app.war', { maxReadBytes: empty.length * 2 + 1 });

    expect(result.packages.map((pkg) => pkg.name)).toEqual(['a:a', 'b:b']);
    expect(result.notes).toEqual([
      `lib/c-1.0.jar: not read, nor anything after it: this file's ${empty.length * 2 + 1}-byte budget is spent`,
    ]);
  });

  it('refuses a file whose directory lists more than maxEntriesPerArchive, and notes a nested one', () => {
    const crowded = zipOf(['a', 'b', 'c'].map((name) => ({ name, content: '' })));
    const outer = zipOf([
      { name: 'lib/crowded-1.0.jar', content: crowded },
      pom('org.example', 'outer', '1'),
    ]);

    expect(() => read(crowded, 'crowded.jar', { maxEntriesPerArchive: 2 })).toThrow(
      /lists 3 entries, over the cap of 2/
    );
    const result = read(outer, 'outer.jar', { maxEntriesPerArchive: 2 });
    expect(found(result.packages)).toEqual([
      ['org.example:outer', '1', 'META-INF/maven/org.example/outer/pom.properties'],
    ]);
    expect(result.notes).toEqual(['lib/crowded-1.0.jar: lists 3 entries, over the cap of 2']);
  });

  it('stops opening nested archives after maxTotalEntries entries', () => {
    const two = zipOf([pom('org.example', 'inner', '1'), { name: 'x', content: '' }]);
    const bytes = zipOf([
      { name: 'lib/one.jar', content: two },
      { name: 'lib/two.jar', content: two },
      { name: 'lib/three.jar', content: two },
    ]);
    const result = read(bytes, 'app.war', { maxTotalEntries: 5 });

    expect(found(result.packages)).toEqual([
      ['org.example:inner', '1', 'lib/one.jar!/META-INF/maven/org.example/inner/pom.properties'],
    ]);
    expect(result.notes).toEqual([
      'lib/two.jar: not read: 5 entries were listed already',
      'lib/three.jar: not read: 5 entries were listed already',
    ]);
  });

  it('keeps maxNotes notes and counts the rest', () => {
    const bytes = zipOf(
      [1, 2, 3, 4, 5].map((n) => ({ name: `lib/bad-${n}.jar`, content: 'not a zip' }))
    );
    const result = read(bytes, 'app.war', { maxNotes: 3 });

    expect(result.notes).toHaveLength(4);
    expect(result.notes[0]).toMatch(/^lib\/bad-1\.jar: not a readable zip archive/);
    expect(result.notes[3]).toBe('2 more notes about this archive were left out');
  });
});

describe('what an archive names', () => {
  it('notes a pom.properties without a version and falls back to the manifest', () => {
    const bytes = zipOf([
      { name: 'META-INF/maven/g/a/pom.properties', content: 'groupId=g\nartifactId=a\n' },
      {
        name: 'META-INF/MANIFEST.MF',
        content: 'Implementation-Title: a\nImplementation-Version: 7\n',
      },
    ]);
    const result = read(bytes, 'a.jar');

    expect(found(result.packages)).toEqual([['a:a', '7', 'META-INF/MANIFEST.MF']]);
    expect(result.notes).toEqual(['META-INF/maven/g/a/pom.properties: it has no usable version']);
  });

  it('names a jar whose only pom.properties are shaded ones by its manifest or file name', () => {
    const shaded = pom('org.jctools', 'jctools-core', '4.0.5');
    const manifest = (title: string, version: string): ZipEntrySpec => ({
      name: 'META-INF/MANIFEST.MF',
      content: `Implementation-Title: ${title}\nImplementation-Version: ${version}\n`,
    });
    const jctools: Found = [
      'org.jctools:jctools-core',
      '4.0.5',
      'META-INF/maven/org.jctools/jctools-core/pom.properties',
    ];

    expect(
      found(read(zipOf([shaded, manifest('trace', '1.55.0')]), 'trace-1.55.0.jar').packages)
    ).toEqual([['trace:trace', '1.55.0', 'META-INF/MANIFEST.MF'], jctools]);
    expect(found(read(zipOf([shaded]), 'trace-1.55.0.jar').packages)).toEqual([
      jctools,
      ['trace:trace', '1.55.0', 'file-name'],
    ]);
    expect(found(read(zipOf([shaded]), 'jctools-core-4.0.5.jar').packages)).toEqual([jctools]);
    expect(
      found(read(zipOf([shaded, manifest('jctools-core', '4.0.5')]), 'renamed.jar').packages)
    ).toEqual([jctools]);
  });

  it('notes a manifest that lies about its size and falls back to the file name', () => {
    const built = buildZip([
      {
        name: 'META-INF/MANIFEST.MF',
        content: `Implementation-Version: 1\n${'X: y\n'.repeat(5000)}`,
      },
    ]);
    const result = read(declareSize(built, 'META-INF/MANIFEST.MF', 10), 'thing-1.2.jar');

    expect(found(result.packages)).toEqual([['thing:thing', '1.2', 'file-name']]);
    expect(result.notes).toEqual([
      'META-INF/MANIFEST.MF: it inflates to more than the 10 bytes it declares (a zip bomb?)',
    ]);
  });

  it('reads the first of two manifests and reports an artifact listed twice once', () => {
    const bytes = zipOf([
      {
        name: 'META-INF/MANIFEST.MF',
        content: 'Implementation-Title: a\nImplementation-Version: 1\n',
      },
      {
        name: 'meta-inf/manifest.mf',
        content: 'Implementation-Title: b\nImplementation-Version: 2\n',
      },
      { name: 'lib/x.jar', content: zipOf([pom('g', 'x', '1')]) },
      { name: 'lib/x.jar', content: zipOf([pom('g', 'x', '1')]) },
    ]);

    expect(found(read(bytes, 'a.jar').packages)).toEqual([
      ['a:a', '1', 'META-INF/MANIFEST.MF'],
      ['g:x', '1', 'lib/x.jar!/META-INF/maven/g/x/pom.properties'],
    ]);
  });

  it('names the whole nested path of a problem deep inside', () => {
    const inner = zipOf([
      { name: 'META-INF/maven/g/a/pom.properties', content: 'version=1\n', crc32: 1 },
      { name: '../escape.jar', content: '' },
    ]);
    const bytes = zipOf([
      { name: 'app.war', content: zipOf([{ name: 'WEB-INF/lib/a.jar', content: inner }]) },
    ]);

    expect(read(bytes, 'app.ear').notes).toEqual([
      'app.war!/WEB-INF/lib/a.jar: 1 entries with unsafe names ("../escape.jar" first) were ignored',
      'app.war!/WEB-INF/lib/a.jar!/META-INF/maven/g/a/pom.properties: its CRC-32 does not match its data',
    ]);
  });

  it('keeps control characters and novels out of notes', () => {
    const bytes = zipOf([
      { name: 'lib/evil\n\u001b[31m.jar', content: 'not a zip' },
      { name: `lib/${'x'.repeat(2000)}.jar`, content: 'not a zip' },
    ]);
    const [first, second] = read(bytes, 'a.war').notes;

    expect(first).toMatch(/^lib\/evil\?\?\[31m\.jar: not a readable zip archive/);
    expect(second).toHaveLength(1001);
    expect(second?.endsWith('…')).toBe(true);
  });

  it('leaves directories named like archives alone', () => {
    const bytes = zipOf([{ name: 'lib/odd-1.0.jar/', content: '' }, pom('g', 'a', '1')]);
    const result = read(bytes, 'a.jar');

    expect(result.notes).toEqual([]);
    expect(found(result.packages)).toEqual([['g:a', '1', 'META-INF/maven/g/a/pom.properties']]);
  });

  it('reads every level of a shallow tree built by the harness', () => {
    expect(
      read(nestedJar(2), 'top.jar')
        .packages.map((pkg) => pkg.version)
        .sort()
    ).toEqual(['1.0.0', '1.0.1', '1.0.2']);
  });
});
