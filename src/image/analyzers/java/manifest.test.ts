import { beforeAll, describe, expect, it } from 'vitest';
import { javaArchives, type JavaArchives } from '../../../../test/harness/java-archives.js';
import { manifestCoordinates, parseManifest } from './manifest.js';
import { listZip, readZipEntry } from './zip.js';

const manifest = (text: string | Buffer): Map<string, string> =>
  parseManifest(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

function manifestOf(jar: Buffer): Buffer {
  const entry = listZip(jar, 1000, (name) => name === 'META-INF/MANIFEST.MF').entries[0];
  if (!entry) {
    throw new Error('no manifest');
  }
  return readZipEntry(jar, entry);
}

let fixtures: JavaArchives;

beforeAll(async () => {
  fixtures = await javaArchives();
});

describe('parseManifest', () => {
  it('joins the continuation lines the jar tool writes at 72 bytes', () => {
    const raw = manifestOf(fixtures.widgetJar);
    const attributes = parseManifest(raw);

    expect(raw.toString('latin1')).toMatch(/\r\n /);
    expect(attributes.get('implementation-title')).toBe(
      'widget-with-a-deliberately-long-title-that-the-jar-tool-wraps'
    );
    expect(attributes.get('implementation-vendor-id')).toBe('com.acme');
    expect(attributes.get('manifest-version')).toBe('1.0');
  });

  it('accepts LF, CRLF and CR line ends and several continuations', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const attributes = manifest(
        ['Manifest-Version: 1.0', 'Bundle-Description: one', '  two', '  three', ''].join(end)
      );
      expect(attributes.get('bundle-description')).toBe('one two three');
    }
  });

  it('joins a UTF-8 character split across a continuation before decoding it', () => {
    const bytes = Buffer.concat([
      Buffer.from('Implementation-Title: caf'),
      Buffer.from([0xc3]),
      Buffer.from('\r\n '),
      Buffer.from([0xa9]),
      Buffer.from('-lib\r\n'),
    ]);

    expect(manifest(bytes).get('implementation-title')).toBe('café-lib');
  });

  it('trims values and drops the quotes some Ant builds put around them', () => {
    const attributes = manifest(
      'Implementation-Version: "1.6"\nImplementation-Title:   spaced  \n'
    );

    expect(attributes.get('implementation-version')).toBe('1.6');
    expect(attributes.get('implementation-title')).toBe('spaced');
  });

  it('reads only the main section, names without case, later duplicates winning', () => {
    const attributes = manifest(
      [
        '\ufeffmanifest-version: 1.0',
        'IMPLEMENTATION-VERSION: 1.0',
        'Implementation-Version: 2.0',
        'a line without a colon',
        ' a continuation of nothing',
        'Empty:',
        '',
        'Name: org/example/',
        'Implementation-Title: per-entry section',
      ].join('\n')
    );

    expect([...attributes]).toEqual([
      ['manifest-version', '1.0'],
      ['implementation-version', '2.0'],
      ['empty', ''],
    ]);
  });
});

describe('manifestCoordinates', () => {
  const coordinates = (text: string, fromFileName?: { artifact: string; version: string }) =>
    manifestCoordinates(manifest(text), fromFileName);

  it('takes the group from a reverse-domain Implementation-Vendor-Id', () => {
    expect(
      coordinates(
        'Implementation-Title: widget\nImplementation-Version: 3.1.4\nImplementation-Vendor-Id: com.acme\n'
      )
    ).toEqual({ group: 'com.acme', artifact: 'widget', version: '3.1.4' });
  });

  it('splits a reverse-domain Bundle-SymbolicName, dropping its directives', () => {
    expect(
      coordinates(
        'Bundle-SymbolicName: com.fasterxml.jackson.core.jackson-databind;singleton:=true\nBundle-Version: 2.15.2\n'
      )
    ).toEqual({
      group: 'com.fasterxml.jackson.core',
      artifact: 'jackson-databind',
      version: '2.15.2',
    });
  });

  it('leaves the group out when nothing names one', () => {
    expect(
      coordinates(
        'Implementation-Title: spring-core\nImplementation-Version: 5.3.4\nImplementation-Vendor: Pivotal\nImplementation-Vendor-Id: Pivotal Software\n'
      )
    ).toEqual({ artifact: 'spring-core', version: '5.3.4' });
    expect(coordinates('Bundle-SymbolicName: jackson-databind\nBundle-Version: 2.15.2\n')).toEqual({
      artifact: 'jackson-databind',
      version: '2.15.2',
    });
    expect(coordinates('Bundle-SymbolicName: org.foo\nBundle-Version: 1\n')).toEqual({
      artifact: 'org.foo',
      version: '1',
    });
  });

  it('prefers Implementation-Version, then Bundle-Version, then Specification-Version', () => {
    const all =
      'Specification-Title: spec\nSpecification-Version: 3\nBundle-Version: 2\nImplementation-Version: 1\n';

    expect(coordinates(all)?.version).toBe('1');
    expect(coordinates(all.replace('Implementation-Version: 1\n', ''))?.version).toBe('2');
    expect(coordinates('Specification-Title: spec\nSpecification-Version: 3\n')).toEqual({
      artifact: 'spec',
      version: '3',
    });
  });

  it('takes the artifact from a Maven file name carrying the same version', () => {
    const text =
      'Implementation-Title: Apache Commons Lang\nImplementation-Version: 3.12.0\nBundle-SymbolicName: org.apache.commons.lang3\n';

    expect(coordinates(text, { artifact: 'commons-lang3', version: '3.12.0' })).toEqual({
      group: 'org.apache.commons',
      artifact: 'commons-lang3',
      version: '3.12.0',
    });
    expect(coordinates(text, { artifact: 'commons-lang3', version: '3.11' })).toEqual({
      group: 'org.apache.commons',
      artifact: 'Apache Commons Lang',
      version: '3.12.0',
    });
  });

  it('takes the file name’s version when the manifest’s extends it with build details', () => {
    const kotlin =
      'Implementation-Title: kotlin-stdlib\nImplementation-Version: 2.1.0-release-394\n';
    const scala =
      'Bundle-SymbolicName: org.scala-lang.scala-reflect\nBundle-Version: 2.13.18.v20251115-142856-VFINAL-98f40d0\n';

    expect(coordinates(kotlin, { artifact: 'kotlin-stdlib', version: '2.1.0' })).toEqual({
      artifact: 'kotlin-stdlib',
      version: '2.1.0',
    });
    expect(coordinates(scala, { artifact: 'scala-reflect', version: '2.13.18' })).toEqual({
      group: 'org.scala-lang',
      artifact: 'scala-reflect',
      version: '2.13.18',
    });
    expect(coordinates(kotlin, { artifact: 'kotlin-stdlib', version: '2.1' })?.version).toBe(
      '2.1.0-release-394'
    );
    expect(coordinates(kotlin, { artifact: 'kotlin-stdlib', version: '2.1.0-rel' })?.version).toBe(
      '2.1.0-release-394'
    );
  });

  it('passes over versions with spaces, such as an unexpanded Gradle property', () => {
    expect(
      coordinates(
        "Implementation-Title: json-path\nImplementation-Version: task ':json-path:jar' property 'archiveVersion'\nBundle-Version: 2.10.0\n"
      )
    ).toEqual({ artifact: 'json-path', version: '2.10.0' });
  });

  it('passes over titles holding a colon', () => {
    expect(
      coordinates(
        'Implementation-Title: Widget: the library\nImplementation-Version: 1\nSpecification-Title: widget-spec\n'
      )
    ).toEqual({ artifact: 'widget-spec', version: '1' });
  });

  it('names nothing without a version, or without anything to call it', () => {
    expect(coordinates('Manifest-Version: 1.0\nCreated-By: 17.0.15 (Debian)\n')).toBeUndefined();
    expect(
      coordinates('Implementation-Title: thing\nImplementation-Version:   \n')
    ).toBeUndefined();
    expect(coordinates('Implementation-Version: 1.0\n')).toBeUndefined();
  });

  it('reads the manifests the jar tool wrote', () => {
    expect(manifestCoordinates(parseManifest(manifestOf(fixtures.bundleJar)))).toEqual({
      group: 'com.acme.tools',
      artifact: 'bundle',
      version: '2.0.0',
    });
    expect(manifestCoordinates(parseManifest(manifestOf(fixtures.thingJar)))).toBeUndefined();
  });
});
