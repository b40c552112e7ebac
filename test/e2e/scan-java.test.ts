import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { buildFromRecords, fixedIn, recordItem } from '../harness/advisory-db.js';
import { runCli } from '../harness/cli.js';
import { javaArchives } from '../harness/java-archives.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';

/**
 * An image holding real archives packed by the JDK's `jar` tool (a war, an ear around it, a
 * Spring Boot fat jar plain and behind a launch script, loose jars) and hostile ones, scanned
 * through the CLI: every Maven package is named with its version, purl, file and evidence, and
 * every hostile file is a note naming it while the scan still succeeds.
 */
let work: string;
let layout: LayoutWriter;
let inventory: Inventory;
let code: number;
let stderr: string;

const hostile = {
  lying: 'opt/hostile/lying.war',
  huge: 'opt/hostile/huge.war',
  dense: 'opt/hostile/dense.war',
  deep: 'opt/hostile/deep.jar',
  broken: 'opt/hostile/broken.war',
  corrupt: 'opt/hostile/corrupt.jar',
  unsafe: 'opt/hostile/unsafe.jar',
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-java-'));
  const archives = await javaArchives();
  const entries: TarEntry[] = [
    { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
    { name: 'opt/app/app.war', content: archives.war },
    { name: 'opt/app/app.ear', content: archives.ear },
    { name: 'opt/app/boot-app-0.0.1-SNAPSHOT.jar', content: archives.bootJar },
    { name: 'opt/app/boot-app.jar', content: archives.executableBootJar, mode: 0o755 },
    { name: 'usr/share/java/commons-thing-2.4.1.jar', content: archives.thingJar },
    { name: 'usr/share/java/widget.jar', content: archives.widgetJar },
    { name: 'usr/share/java/shaded-1.0.jar', content: archives.shadedJar },
    { name: hostile.lying, content: archives.hostile.lyingWar },
    { name: hostile.huge, content: archives.hostile.hugeWar },
    { name: hostile.dense, content: archives.hostile.denseWar },
    { name: hostile.deep, content: archives.hostile.deepJar },
    { name: hostile.broken, content: archives.hostile.brokenWar },
    { name: hostile.corrupt, content: archives.hostile.corruptJar },
    { name: hostile.unsafe, content: archives.hostile.unsafeJar },
  ];
  layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('java', { layers: [{ entries }] });
  const output = join(work, 'inventory.json');
  ({ code, stderr } = await runCli([
    'scan',
    'image',
    '--no-vulns',
    '--no-cache',
    `oci:${layout.dir}:java`,
    '--format',
    'json',
    '-o',
    output,
  ]));
  if (!existsSync(output)) {
    throw new Error(`the scan wrote no report (exit ${code}): ${stderr}`);
  }
  inventory = JSON.parse(readFileSync(output, 'utf8')) as Inventory;
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

type Row = [purl: string, location: string, evidence: string | undefined];

const greeting = 'pkg:maven/org.example/greeting@1.0.0';
const widget =
  'pkg:maven/com.acme/widget-with-a-deliberately-long-title-that-the-jar-tool-wraps@3.1.4';
const thing = 'pkg:maven/commons-thing/commons-thing@2.4.1';
const greetingPom = 'META-INF/maven/org.example/greeting/pom.properties';

function rows(location: string): Row[] {
  return inventory.packages
    .filter((pkg) => pkg.location === location)
    .map((pkg): Row => [pkg.purl, pkg.location, pkg.evidence])
    .sort((a, b) => (`${a[0]} ${a[2]}` < `${b[0]} ${b[2]}` ? -1 : 1));
}

describe('scan image with Java archives', () => {
  it('succeeds, with nothing on stderr', () => {
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('names every package in the war, with its type, name, version and purl', () => {
    const packages = inventory.packages.filter((pkg) => pkg.location === 'opt/app/app.war');

    expect(
      packages.map((pkg) => ({
        type: pkg.type,
        name: pkg.name,
        version: pkg.version,
        purl: pkg.purl,
      }))
    ).toEqual([
      {
        type: 'maven',
        name: 'com.acme:widget-with-a-deliberately-long-title-that-the-jar-tool-wraps',
        version: '3.1.4',
        purl: widget,
      },
      { type: 'maven', name: 'commons-thing:commons-thing', version: '2.4.1', purl: thing },
      { type: 'maven', name: 'org.example:greeting', version: '1.0.0', purl: greeting },
    ]);
    expect(rows('opt/app/app.war')).toEqual([
      [widget, 'opt/app/app.war', 'WEB-INF/lib/widget.jar!/META-INF/MANIFEST.MF'],
      [thing, 'opt/app/app.war', 'WEB-INF/lib/commons-thing-2.4.1.jar'],
      [greeting, 'opt/app/app.war', `WEB-INF/lib/greeting-1.0.0.jar!/${greetingPom}`],
    ]);
  });

  it('names the packages of the war inside the ear, and of the ear’s lib/', () => {
    expect(rows('opt/app/app.ear')).toEqual([
      [widget, 'opt/app/app.ear', 'app.war!/WEB-INF/lib/widget.jar!/META-INF/MANIFEST.MF'],
      [thing, 'opt/app/app.ear', 'app.war!/WEB-INF/lib/commons-thing-2.4.1.jar'],
      [thing, 'opt/app/app.ear', 'lib/commons-thing-2.4.1.jar'],
      [greeting, 'opt/app/app.ear', `app.war!/WEB-INF/lib/greeting-1.0.0.jar!/${greetingPom}`],
    ]);
  });

  it('names the packages of a Spring Boot fat jar, also when it is an executable script', () => {
    const expected = (location: string): Row[] => [
      [
        'pkg:maven/com.acme.tools/bundle@2.0.0',
        location,
        'BOOT-INF/lib/bundle.jar!/META-INF/MANIFEST.MF',
      ],
      [
        'pkg:maven/com.acme/boot-app@0.0.1-SNAPSHOT',
        location,
        'META-INF/maven/com.acme/boot-app/pom.properties',
      ],
      [greeting, location, `BOOT-INF/lib/greeting-1.0.0.jar!/${greetingPom}`],
    ];

    expect(rows('opt/app/boot-app-0.0.1-SNAPSHOT.jar')).toEqual(
      expected('opt/app/boot-app-0.0.1-SNAPSHOT.jar')
    );
    expect(rows('opt/app/boot-app.jar')).toEqual(expected('opt/app/boot-app.jar'));
  });

  it('names loose jars by pom.properties, manifest or file name', () => {
    expect(rows('usr/share/java/commons-thing-2.4.1.jar')).toEqual([
      [thing, 'usr/share/java/commons-thing-2.4.1.jar', 'file-name'],
    ]);
    expect(rows('usr/share/java/widget.jar')).toEqual([
      [widget, 'usr/share/java/widget.jar', 'META-INF/MANIFEST.MF'],
    ]);
    expect(rows('usr/share/java/shaded-1.0.jar').map((row) => row[0])).toEqual([
      'pkg:maven/com.acme/shaded@1.0',
      'pkg:maven/com.google.guava/guava@31.1-jre',
      'pkg:maven/org.yaml/snakeyaml@1.33',
    ]);
  });

  it('keeps what the hostile archives hold beside their faults', () => {
    expect(rows(hostile.lying)).toEqual([
      [thing, hostile.lying, 'WEB-INF/lib/commons-thing-2.4.1.jar'],
    ]);
    expect(rows(hostile.broken)).toEqual([
      [thing, hostile.broken, 'WEB-INF/lib/commons-thing-2.4.1.jar'],
    ]);
    expect(rows(hostile.deep).map((row) => row[0])).toEqual(
      [0, 1, 2, 3, 4].map((level) => `pkg:maven/org.example/level-${level}@1.0.${level}`)
    );
    expect(rows(hostile.unsafe).map((row) => row[0])).toEqual(['pkg:maven/org.example/safe@1.0.0']);
    expect(rows(hostile.huge)).toEqual([]);
    expect(rows(hostile.corrupt)).toEqual([]);
  });

  it.each([
    [hostile.lying, /WEB-INF\/lib\/liar\.jar: it inflates to more than the 1024 bytes it declares/],
    [hostile.huge, /WEB-INF\/lib\/huge\.jar: 314572800 bytes, over the 268435456-byte cap/],
    [hostile.dense, /WEB-INF\/lib\/dense\.jar: compressed \d+:1, over the 100:1 cap/],
    [hostile.deep, /level4\.jar!\/level5\.jar: nested deeper than 4 archives/],
    [hostile.broken, /WEB-INF\/lib\/broken\.jar: not a readable zip archive/],
    [hostile.corrupt, /not a readable zip archive: no end of central directory record/],
    [hostile.unsafe, /2 entries with unsafe names \("\.\.\/\.\.\/etc\/cron\.d\/evil\.jar" first\)/],
  ])('notes what is wrong with %s', (path, message) => {
    const notes = inventory.notes.filter((note) => note.startsWith(`${path}: `));

    expect(notes).toEqual([expect.stringMatching(message)]);
  });
});

describe('matching Java archives against Maven advisories', () => {
  it('reports a library nested in a war and an ear by its group and artifact, with where it sits', async () => {
    const db = join(work, 'maven.db');
    const record = fixedIn('GHSA-test-gree-ting', 'Maven', 'org.example:greeting', '1.0.1');
    await buildFromRecords(db, [recordItem(record)], work);
    const output = join(work, 'matched.json');
    const result = await runCli([
      'scan',
      'image',
      '--db',
      db,
      '--no-cache',
      `oci:${layout.dir}:java`,
      '-f',
      'json',
      '-o',
      output,
    ]);
    const report = JSON.parse(readFileSync(output, 'utf8')) as Inventory;
    const matched = (report.vulnerabilities?.findings ?? []).map((finding) => [
      finding.id,
      finding.package.purl,
      finding.package.location,
      finding.fixedVersion,
    ]);

    expect(result.code).toBe(0);
    expect(matched).toContainEqual(['GHSA-test-gree-ting', greeting, 'opt/app/app.war', '1.0.1']);
    expect(matched).toContainEqual(['GHSA-test-gree-ting', greeting, 'opt/app/app.ear', '1.0.1']);
    expect(new Set(matched.map(([id]) => id))).toEqual(new Set(['GHSA-test-gree-ting']));
  });
});
