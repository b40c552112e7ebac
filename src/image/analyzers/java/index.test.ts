import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { javaArchives, type JavaArchives } from '../../../../test/harness/java-archives.js';
import { analyzer } from './index.js';

let fixtures: JavaArchives;

beforeAll(async () => {
  fixtures = await javaArchives();
});

describe('java analyzer', () => {
  it('wants Java archives anywhere, whatever the case of their extension', () => {
    expect(analyzer.wants('usr/share/java/commons-thing-2.4.1.jar')).toBe(true);
    expect(analyzer.wants('opt/tomcat/webapps/ROOT.WAR')).toBe(true);
    expect(analyzer.wants('var/jenkins_home/plugins/git.hpi')).toBe(true);
    expect(analyzer.wants('usr/share/java/commons-thing-2.4.1.jar.sha1')).toBe(false);
    expect(analyzer.wants('usr/lib/node_modules/npm/package.json')).toBe(false);
  });

  it('reads files up to 512 MiB and turns an unreadable one into a note', () => {
    expect(analyzer.maxFileSize).toBe(512 * 1024 * 1024);
    expect(analyzer.onUnreadable).toBe('note');
  });

  it('names the packages in a war by their nested evidence, using the path’s file name', async () => {
    const result = await analyzer.analyze({ path: 'opt/app/app.war', content: fixtures.war });
    const thing = await analyzer.analyze({
      path: 'usr/share/java/commons-thing-2.4.1.jar',
      content: fixtures.thingJar,
    });

    expect(result.packages?.map((pkg) => pkg.evidence).sort()).toEqual([
      'WEB-INF/lib/commons-thing-2.4.1.jar',
      'WEB-INF/lib/greeting-1.0.0.jar!/META-INF/maven/org.example/greeting/pom.properties',
      'WEB-INF/lib/widget.jar!/META-INF/MANIFEST.MF',
    ]);
    expect(result.notes).toBeUndefined();
    expect(thing.packages).toEqual([
      {
        type: 'maven',
        name: 'commons-thing:commons-thing',
        version: '2.4.1',
        licenses: [],
        evidence: 'file-name',
      },
    ]);
  });

  it('returns the notes of a partly readable archive with its packages', async () => {
    const result = await analyzer.analyze({
      path: 'opt/app/broken.war',
      content: fixtures.hostile.brokenWar,
    });

    expect(result.packages).toHaveLength(1);
    expect(result.notes).toEqual([expect.stringMatching(/^WEB-INF\/lib\/broken\.jar: /)]);
  });

  it('throws an InputError for a file that is not a zip', () => {
    expect(() =>
      analyzer.analyze({ path: 'opt/app/corrupt.jar', content: fixtures.hostile.corruptJar })
    ).toThrow(InputError);
  });
});
